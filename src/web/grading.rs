//! Grading, over `services::attempts`: `GET /teach/grading` is the queue of submitted
//! attempts waiting for a person (oldest first), `GET/POST /teach/attempts/{id}` the
//! grading sheet of one: each answer with its question, and for each text answer a person
//! grades, points and feedback; "Save and next" goes on to the next in the queue. The
//! course's trainer's and super admins'.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use uuid::Uuid;

use crate::domain::attempt::{AttemptStatus, GradeForm, ManualGrade};
use crate::domain::pagination::PageRequest;
use crate::domain::policy::{self, Actor};
use crate::error::AppError;
use crate::services::attempts;
use crate::services::grading::{self, Sheet};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, Path};
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::quizzes::{QuestionView, outcome_badge, percent_text, score_text};
use crate::web::session::PageUser;

fn actor(who: &crate::services::auth::Authenticated) -> Actor {
    Actor::from(&who.user)
}

pub fn sheet_path(attempt: Uuid) -> String {
    format!("/teach/attempts/{attempt}")
}

/// One waiting attempt.
pub struct QueueRow {
    pub href: String,
    pub trainee: String,
    pub email: String,
    pub course: String,
    pub quiz: String,
    pub submitted: String,
}

#[derive(Template)]
#[template(path = "grading/queue.html")]
struct QueuePage {
    ctx: Page,
    rows: Vec<QueueRow>,
    total: String,
    pager: Pager,
    past_last: Option<String>,
}

fn queue_href(page: u64) -> String {
    if page > 1 {
        format!("/teach/grading?page={page}")
    } else {
        "/teach/grading".to_owned()
    }
}

/// `GET /teach/grading` (trainers: their courses' attempts; super admins: every course's).
pub async fn queue(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    policy::create_course(&actor).map_err(AppError::from)?;
    let page = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "page")
        .and_then(|(_, value)| value.trim().parse().ok());
    let found = attempts::queue(&state, &actor, PageRequest::new(page, None)).await?;
    let pagination = found.pagination;
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| queue_href(pagination.total_pages.max(1)));
    let pager = Pager::new(
        &ctx,
        "grading-pagination",
        ctx.t("grading-pagination-label"),
        &pagination,
        found.items.len(),
        queue_href,
    );
    let rows = found
        .items
        .iter()
        .map(|e| QueueRow {
            href: sheet_path(e.attempt_id),
            trainee: format!("{} {}", e.trainee.first_name, e.trainee.last_name),
            email: e.trainee.email.clone(),
            course: e.course_title.clone(),
            quiz: e.quiz_title.clone(),
            submitted: e
                .submitted_at
                .map(|at| ctx.date_time(&at))
                .unwrap_or_default(),
        })
        .collect();
    page::render(
        StatusCode::OK,
        &QueuePage {
            total: ctx.tn("grading-waiting", &pagination.total_items),
            ctx,
            rows,
            pager,
            past_last,
        },
    )
}

/// A grading field of one text answer.
pub struct GradeField {
    pub question: Uuid,
    pub anchor: String,
    pub max: String,
    pub max_value: i32,
    pub points: String,
    pub feedback: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "grading/sheet.html")]
struct SheetPage {
    ctx: Page,
    id: Uuid,
    quiz: String,
    course: String,
    trainee: String,
    email: String,
    submitted: String,
    badge: (&'static str, String),
    score: Option<String>,
    percent: Option<String>,
    questions: Vec<QuestionView>,
    fields: Vec<GradeField>,
    refused: bool,
}

impl SheetPage {
    fn field_of(&self, id: &Uuid) -> Option<&GradeField> {
        self.fields.iter().find(|f| f.question == *id)
    }
}

fn render(
    ctx: Page,
    sheet: Sheet,
    typed: Option<&[(String, String)]>,
    errors: &[(Uuid, String)],
    code: StatusCode,
) -> Result<Response, PageError> {
    let a = &sheet.attempt;
    let pending = a.status == AttemptStatus::Pending;
    let questions = QuestionView::all(&ctx, &a.questions, true);
    let typed_value = |name: String| {
        typed.and_then(|pairs| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        })
    };
    let fields = questions
        .iter()
        .filter(|q| q.is_text() && (q.needs_grading || q.feedback.is_some()))
        .map(|q| GradeField {
            question: q.id,
            anchor: q.anchor.clone(),
            max: ctx.number(&u64::try_from(q.max_points).unwrap_or(0)),
            max_value: q.max_points,
            points: typed_value(format!("points-{}", q.id)).unwrap_or_else(|| {
                q.awarded
                    .filter(|_| !q.needs_grading)
                    .map(|p| p.to_string())
                    .unwrap_or_default()
            }),
            feedback: typed_value(format!("feedback-{}", q.id))
                .unwrap_or_else(|| q.feedback.clone().unwrap_or_default()),
            error: errors
                .iter()
                .find(|(id, _)| *id == q.id)
                .map(|(_, m)| m.clone()),
        })
        .collect();
    page::render(
        code,
        &SheetPage {
            id: a.id,
            quiz: sheet.quiz.title.clone(),
            course: sheet.course_title.clone(),
            trainee: format!("{} {}", sheet.trainee.first_name, sheet.trainee.last_name),
            email: sheet.trainee.email.clone(),
            submitted: a
                .submitted_at
                .map(|at| ctx.date_time(&at))
                .unwrap_or_default(),
            badge: outcome_badge(&ctx, a),
            // While answers wait, the points so far and no percentage yet.
            score: if pending {
                a.score.map(|s| {
                    ctx.t2(
                        "attempt-score-so-far",
                        "value",
                        ctx.number(&u64::try_from(s).unwrap_or(0)),
                        "max",
                        ctx.number(&u64::try_from(a.max_score).unwrap_or(0)),
                    )
                })
            } else {
                score_text(&ctx, a)
            },
            percent: a
                .percent
                .filter(|_| !pending)
                .map(|p| percent_text(&ctx, p)),
            questions,
            fields,
            refused: !errors.is_empty(),
            ctx,
        },
    )
}

/// `GET /teach/attempts/{id}` (the course's trainer, super admins; anyone else 404).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let sheet = grading::sheet(&state, &actor(&who), id).await?;
    render(ctx, sheet, None, &[], StatusCode::OK)
}

/// Digits as typed on an Arabic keyboard, read as western ones; anything not a whole
/// number is -1, which the service refuses with its range.
fn points(raw: &str) -> Option<i64> {
    let raw: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect();
    if raw.is_empty() {
        None
    } else {
        Some(raw.parse().unwrap_or(-1))
    }
}

/// `POST /teach/attempts/{id}` (the course's trainer, super admins): the grades; then the
/// next attempt in the queue ("Save and next") or this one again.
pub async fn grade(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let sheet = grading::sheet(&state, &actor, id).await?;
    let value = |name: String| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    };
    let grades: Vec<ManualGrade> = sheet
        .attempt
        .questions
        .iter()
        .filter_map(|q| {
            let qid = match &q.question {
                crate::domain::content::quiz::LearnerQuestion::Text(p) => p.id,
                _ => return None,
            };
            let raw = value(format!("points-{qid}"))?;
            Some(ManualGrade {
                question_id: qid,
                points: points(raw),
                feedback: value(format!("feedback-{qid}")).map(str::to_owned),
            })
        })
        .collect();
    let form = GradeForm { grades };
    match attempts::grade(&state, &actor, id, &form).await {
        Ok(_) => {
            let next = pairs.iter().any(|(k, _)| k == "next");
            let to = if next {
                let queue = attempts::queue(&state, &actor, PageRequest::new(None, None)).await?;
                queue
                    .items
                    .iter()
                    .find(|e| e.attempt_id != id)
                    .map_or_else(|| "/teach/grading".to_owned(), |e| sheet_path(e.attempt_id))
            } else {
                sheet_path(id)
            };
            Ok(flash::redirect_with(&to, Flash::GradeSaved, ctx.secure))
        }
        Err(AppError::Validation(errors)) => {
            let refused: Vec<(Uuid, String)> = form
                .grades
                .iter()
                .enumerate()
                .filter_map(|(i, g)| {
                    let list = errors.get(&format!("grades[{i}].points"))?;
                    let text: Vec<String> =
                        list.iter().map(|e| ctx.locale.field_error(e)).collect();
                    Some((g.question_id, text.join(" ")))
                })
                .collect();
            let refused = if refused.is_empty() {
                form.grades
                    .first()
                    .map(|g| (g.question_id, ctx.t("grading-refused")))
                    .into_iter()
                    .collect()
            } else {
                refused
            };
            render(
                ctx,
                sheet,
                Some(&pairs),
                &refused,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::points;

    #[test]
    fn points_are_whole_numbers_in_either_digits() {
        assert_eq!(points(" 4 "), Some(4));
        assert_eq!(points("٣"), Some(3));
        assert_eq!(points(""), None);
        assert_eq!(points("2.5"), Some(-1), "refused by the service's range");
        assert_eq!(points("abc"), Some(-1));
    }
}
