//! A question's form, for each of the four types: `GET/POST /teach/contents/{id}/questions`
//! (a new question; `?type=` picks its type) and `GET/POST /teach/questions/{id}` (edit;
//! `?type=` changes it). Choice questions list their options in rows, each with a
//! "correct" mark (a radio for single choice, a checkbox for multiple choice); a
//! true/false question picks its answer; a text question lists its accepted answers, or
//! is graded by a person.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use uuid::Uuid;

use crate::domain::content::quiz::{Question, QuestionKind};
use crate::domain::content::{Content, ContentKind};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::{outline, questions};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, FormErrors, Path};
use crate::web::outline::fields::{EditorField, form_errors};
use crate::web::outline::icons;
use crate::web::outline::{Shell, actor};
use crate::web::page::{self, Page};
use crate::web::questions::values::{OptionRow, PageErrors, QuestionValues};
use crate::web::questions::{KINDS, kind_label, question_anchor};
use crate::web::session::PageUser;

const FIELDS: [(&str, &str); 7] = [
    ("question", "question"),
    ("questionType", "questionType"),
    ("options", "options"),
    ("correctAnswer", "correctAnswer"),
    ("manualGrading", "manualGrading"),
    ("points", "points"),
    ("explanation", "explanation"),
];

/// A link of the type switch.
#[derive(Debug, Clone)]
pub struct KindLink {
    pub value: &'static str,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "questions/form.html")]
struct QuestionPage {
    ctx: Page,
    shell: Shell,
    quiz: Content,
    /// None for a new question.
    question: Option<Uuid>,
    kind: QuestionKind,
    kind_label: String,
    kinds: Vec<KindLink>,
    /// The form's target, and the address of this form (for the type links).
    action: String,
    errors: FormErrors,
    /// Every field, for the error summary.
    fields: Vec<EditorField>,
    question_field: EditorField,
    rows: Vec<OptionRow>,
    answer: String,
    answer_field: EditorField,
    manual_field: EditorField,
    points_field: EditorField,
    explanation_field: EditorField,
    active_field: EditorField,
    option_errors: Vec<String>,
    answer_errors: Vec<String>,
}

impl QuestionPage {
    fn is_choice(&self) -> bool {
        matches!(
            self.kind,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }

    fn correct_input(&self) -> &'static str {
        match self.kind {
            QuestionKind::SingleChoice => "radio",
            _ => "checkbox",
        }
    }
}

struct Target {
    quiz: Content,
    shell: Shell,
    question: Option<Uuid>,
}

fn question_page(
    status: StatusCode,
    ctx: Page,
    target: Target,
    values: &QuestionValues,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let Target {
        quiz,
        shell,
        question,
    } = target;
    let action = match question {
        Some(id) => format!("/teach/questions/{id}"),
        None => format!("/teach/contents/{}/questions", quiz.id),
    };
    let kinds = KINDS
        .into_iter()
        .map(|k| KindLink {
            value: k.as_str(),
            label: kind_label(&ctx, k),
            current: k == values.kind,
        })
        .collect();
    let question_field = EditorField::new(
        "question-text",
        "question",
        ctx.t("field-question"),
        "textarea",
    )
    .required()
    .rows(3)
    .value(&values.question)
    .errors(&errors);
    let answer_field = EditorField::new(
        "question-accepted",
        "correctAnswer",
        ctx.t("field-question-accepted"),
        "text",
    )
    .hint(ctx.t("hint-question-accepted"))
    .value(&values.answer)
    .errors(&errors);
    let manual_field = EditorField::new(
        "question-manual",
        "manualGrading",
        ctx.t("field-question-manual"),
        "checkbox",
    )
    .hint(ctx.t("hint-question-manual"))
    .checked(values.manual_grading)
    .errors(&errors);
    let points_field =
        EditorField::new("question-points", "points", ctx.t("field-points"), "number")
            .required()
            .range(0, crate::domain::content::quiz::POINTS_MAX)
            .value(&values.points)
            .errors(&errors);
    let explanation_field = EditorField::new(
        "question-explanation",
        "explanation",
        ctx.t("field-question-explanation"),
        "textarea",
    )
    .rows(3)
    .hint(ctx.t("hint-question-explanation"))
    .value(&values.explanation)
    .errors(&errors);
    let active_field = EditorField::new(
        "question-active",
        "isActive",
        ctx.t("field-question-active"),
        "checkbox",
    )
    .hint(ctx.t("hint-question-active"))
    .checked(values.is_active)
    .errors(&errors);
    let option_errors = errors.of("options").to_vec();
    let answer_errors = errors.of("correctAnswer").to_vec();
    // The summary links each message to its control.
    let mut fields = vec![question_field.clone()];
    let mut group = |id: &str, label: String, messages: &[String]| {
        if !messages.is_empty() {
            let mut f = EditorField::new(id, "group", label, "group");
            f.errors = messages.to_vec();
            fields.push(f);
        }
    };
    match values.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            group("option-0", ctx.t("question-options"), &option_errors);
            group(
                "correct-0",
                ctx.t("question-correct-answer"),
                &answer_errors,
            );
        }
        QuestionKind::TrueFalse => {
            group(
                "answer-true",
                ctx.t("question-correct-answer"),
                &answer_errors,
            );
        }
        QuestionKind::Text => {
            fields.push(answer_field.clone());
            fields.push(manual_field.clone());
        }
    }
    fields.push(points_field.clone());
    fields.push(explanation_field.clone());
    page::render(
        status,
        &QuestionPage {
            kind: values.kind,
            kind_label: kind_label(&ctx, values.kind),
            ctx,
            shell,
            quiz,
            question,
            kinds,
            action,
            errors,
            fields,
            question_field,
            rows: values.rows(),
            answer: values.answer.clone(),
            answer_field,
            manual_field,
            points_field,
            explanation_field,
            active_field,
            option_errors,
            answer_errors,
        },
    )
}

/// `?type=` of the address, if it names a question type.
fn asked_kind(uri: &Uri) -> Option<QuestionKind> {
    url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "type")
        .and_then(|(_, value)| QuestionKind::parse(&value))
}

/// The quiz `id` for its editor: a content of another type has no questions (404).
async fn quiz_target(
    state: &AppState,
    actor: &Actor,
    ctx: &Page,
    id: Uuid,
) -> Result<Target, AppError> {
    let (quiz, outline) = outline::author_content(state, actor, id).await?;
    if quiz.kind != ContentKind::Quiz {
        return Err(AppError::NotFound);
    }
    let shell = Shell::new(ctx, &outline, Some(quiz.id));
    Ok(Target {
        quiz,
        shell,
        question: None,
    })
}

/// The translated errors of a refused question.
fn refused(
    ctx: &Page,
    fields: &crate::domain::validation::FieldErrors,
    page: &PageErrors,
) -> FormErrors {
    let mut errors = form_errors(ctx.locale, fields, &FIELDS);
    if page.points && errors.of("points").is_empty() {
        errors.add(
            "points",
            ctx.locale
                .field_error(&crate::domain::validation::FieldError::Range {
                    min: 0,
                    max: crate::domain::content::quiz::POINTS_MAX,
                }),
        );
    }
    errors
}

/// `GET /teach/contents/{id}/questions` (the quiz's trainer, super admins): a new
/// question's form, of the type `?type=` names (single choice by default).
pub async fn new(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    uri: Uri,
) -> Result<Response, PageError> {
    let target = quiz_target(&state, &actor(&who), &ctx, id).await?;
    let kind = asked_kind(&uri).unwrap_or(QuestionKind::SingleChoice);
    question_page(
        StatusCode::OK,
        ctx,
        target,
        &QuestionValues::empty(kind),
        FormErrors::default(),
    )
}

/// `POST /teach/contents/{id}/questions` (the quiz's trainer, super admins).
pub async fn create(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let values = QuestionValues::parse(&pairs);
    let (form, page_errors) = values.form();
    let result = if page_errors.points {
        Err(AppError::Validation(form.parse().err().unwrap_or_default()))
    } else {
        questions::create(&state, &actor, id, &form).await
    };
    match result {
        Ok(question) => Ok(flash::redirect_with(
            &question_anchor(id, question.id),
            Flash::QuestionCreated,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let target = quiz_target(&state, &actor, &ctx, id).await?;
            let errors = refused(&ctx, &fields, &page_errors);
            question_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                target,
                &values,
                errors,
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// The question `id` for its editor.
async fn question_target(
    state: &AppState,
    actor: &Actor,
    ctx: &Page,
    id: Uuid,
) -> Result<(Question, Target), AppError> {
    let (question, quiz, outline) = questions::author_question(state, actor, id).await?;
    let shell = Shell::new(ctx, &outline, Some(quiz.id));
    Ok((
        question,
        Target {
            quiz,
            shell,
            question: Some(id),
        },
    ))
}

/// `GET /teach/questions/{id}` (the quiz's trainer, super admins); `?type=` shows the
/// form as another type, keeping what carries over.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    uri: Uri,
) -> Result<Response, PageError> {
    let (question, target) = question_target(&state, &actor(&who), &ctx, id).await?;
    let kind = asked_kind(&uri).unwrap_or(question.question_type);
    let values = QuestionValues::of(&question, kind);
    question_page(StatusCode::OK, ctx, target, &values, FormErrors::default())
}

/// `POST /teach/questions/{id}` (the quiz's trainer, super admins).
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let values = QuestionValues::parse(&pairs);
    let (form, page_errors) = values.form();
    let result = if page_errors.points {
        Err(AppError::Validation(form.parse().err().unwrap_or_default()))
    } else {
        questions::update(&state, &actor, id, form).await
    };
    match result {
        Ok(question) => Ok(flash::redirect_with(
            &question_anchor(question.content_id, question.id),
            Flash::QuestionSaved,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let (_, target) = question_target(&state, &actor, &ctx, id).await?;
            let errors = refused(&ctx, &fields, &page_errors);
            question_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                target,
                &values,
                errors,
            )
        }
        Err(other) => Err(other.into()),
    }
}
