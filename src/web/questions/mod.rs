//! The quiz editor, over `services::questions`: each question as a card (type, text,
//! options with the correct ones marked, points, explanation) on its quiz's editor page;
//! adding and editing a question of any of the four types (`form`); deleting one (after a
//! confirmation) and moving it (`POST /teach/contents/{id}/questions/order`, the full new
//! order). The quiz's trainer's and super admins' only: learners never reach a page with
//! an answer on it.

pub mod form;
pub mod values;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::domain::content::OrderForm;
use crate::domain::content::moved;
use crate::domain::content::quiz::{Question, QuestionKind, accepted_answers};
use crate::error::AppError;
use crate::services::questions;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, FormErrors, Path};
use crate::web::outline::confirm::{self, Confirm};
use crate::web::outline::editor::{self, EditorState};
use crate::web::outline::sections::OrderValues;
use crate::web::outline::{Shell, actor, content_path};
use crate::web::page::Page;
use crate::web::session::PageUser;

/// A question type's name, in the page's language.
pub fn kind_label(ctx: &Page, kind: QuestionKind) -> String {
    match kind {
        QuestionKind::SingleChoice => ctx.t("question-kind-single-choice"),
        QuestionKind::MultipleChoice => ctx.t("question-kind-multiple-choice"),
        QuestionKind::TrueFalse => ctx.t("question-kind-true-false"),
        QuestionKind::Text => ctx.t("question-kind-text"),
    }
}

pub const KINDS: [QuestionKind; 4] = [
    QuestionKind::SingleChoice,
    QuestionKind::MultipleChoice,
    QuestionKind::TrueFalse,
    QuestionKind::Text,
];

/// One option of a choice question, as a card shows it.
#[derive(Debug, Clone)]
pub struct OptionView {
    pub text: String,
    pub correct: bool,
}

/// A question as the quiz editor shows it.
#[derive(Debug, Clone)]
pub struct QuestionCard {
    pub id: Uuid,
    pub number: String,
    pub text: String,
    pub kind: QuestionKind,
    pub kind_label: String,
    pub points: String,
    pub active: bool,
    pub options: Vec<OptionView>,
    /// A true/false question's answer ("True"), or a text question's accepted answers.
    pub answers: Vec<String>,
    /// A text question a person grades.
    pub manual: bool,
    pub explanation: Option<String>,
    pub up: Option<Vec<Uuid>>,
    pub down: Option<Vec<Uuid>>,
}

impl QuestionCard {
    pub fn all(ctx: &Page, questions: &[Question]) -> Vec<QuestionCard> {
        let ids: Vec<Uuid> = questions.iter().map(|q| q.id).collect();
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let correct = |option: &str| match &q.correct_answer {
                    serde_json::Value::String(s) => s == option,
                    serde_json::Value::Array(list) => list.iter().any(|v| v == option),
                    _ => false,
                };
                let answer_text = q.correct_answer.as_str().unwrap_or_default();
                let answers = match q.question_type {
                    QuestionKind::TrueFalse => vec![if answer_text == "true" {
                        ctx.t("question-true")
                    } else {
                        ctx.t("question-false")
                    }],
                    QuestionKind::Text => accepted_answers(answer_text),
                    _ => Vec::new(),
                };
                QuestionCard {
                    id: q.id,
                    number: ctx.number(&(i as u64 + 1)),
                    text: q.question.clone(),
                    kind: q.question_type,
                    kind_label: kind_label(ctx, q.question_type),
                    points: ctx.number(&u64::try_from(q.points).unwrap_or(0)),
                    active: q.is_active,
                    options: q
                        .options
                        .iter()
                        .map(|o| OptionView {
                            text: o.clone(),
                            correct: correct(o),
                        })
                        .collect(),
                    answers,
                    manual: q.manual_grading,
                    explanation: q.explanation.clone(),
                    up: moved(&ids, q.id, true),
                    down: moved(&ids, q.id, false),
                }
            })
            .collect()
    }

    pub fn is_choice(&self) -> bool {
        matches!(
            self.kind,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }

    pub fn is_text(&self) -> bool {
        self.kind == QuestionKind::Text
    }
}

/// Where a question is on its quiz's editor page.
pub fn question_anchor(quiz: Uuid, question: Uuid) -> String {
    format!("{}#question-{question}", content_path(quiz))
}

/// `GET /teach/questions/{id}/delete` (the quiz's trainer, super admins).
pub async fn confirm_delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let (question, quiz, outline) = questions::author_question(&state, &actor(&who), id).await?;
    let shell = Shell::new(&ctx, &outline, Some(quiz.id));
    let confirm = Confirm {
        title: ctx.t("question-delete-title"),
        text: vec![
            ctx.t1(
                "question-delete-text",
                "name",
                ctx.isolate(&question.question),
            ),
            ctx.t("question-delete-attempts"),
        ],
        action: format!("/teach/questions/{id}/delete"),
        cancel: question_anchor(quiz.id, id),
        label: ctx.t("question-delete"),
        notice: None,
    };
    confirm::render(StatusCode::OK, ctx, shell, confirm)
}

/// `POST /teach/questions/{id}/delete` (the quiz's trainer, super admins).
pub async fn delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let (_, quiz, _) = questions::author_question(&state, &actor, id).await?;
    questions::delete(&state, &actor, id).await?;
    Ok(flash::redirect_with(
        &format!("{}#questions", content_path(quiz.id)),
        Flash::QuestionDeleted,
        ctx.secure,
    ))
}

/// `POST /teach/contents/{id}/questions/order` (the quiz's trainer, super admins): the
/// full new order, from a move button.
pub async fn order(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let values = OrderValues::parse(&pairs);
    let form = OrderForm {
        ids: values.ids,
        section_id: None,
    };
    match questions::order(&state, &actor, id, &form).await {
        Ok(_) => {
            let to = match values.focus {
                Some(question) => question_anchor(id, question),
                None => format!("{}#questions", content_path(id)),
            };
            Ok(flash::redirect_with(&to, Flash::OrderSaved, ctx.secure))
        }
        Err(AppError::Validation(_)) => {
            let editor = EditorState {
                errors: FormErrors::form(ctx.t("outline-order-stale")),
                ..EditorState::default()
            };
            editor::render(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                &actor,
                id,
                editor,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /teach/contents/{id}/questions/order` (the quiz's trainer, super admins): to the
/// quiz's questions.
pub async fn order_to_quiz(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    questions::author_list(&state, &actor(&who), id).await?;
    Ok(Redirect::to(&format!("{}#questions", content_path(id))).into_response())
}
