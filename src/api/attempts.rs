//! Quiz attempts: `/api/contents/{id}/attempts`, `/api/attempts/{id}` (answers, submit,
//! grade, regrade) and `/api/grading/queue`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::attempt::{AnswersForm, Attempt, GradeForm, QueueEntry};
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::attempts;
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_attempts, start_attempt))
        .routes(routes!(show_attempt))
        .routes(routes!(save_answers))
        .routes(routes!(submit_attempt))
        .routes(routes!(grade_attempt))
        .routes(routes!(regrade_attempt))
        .routes(routes!(grading_queue))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AttemptResponse {
    attempt: Attempt,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttemptList {
    attempts: Vec<Attempt>,
    /// For a trainee: attempts left (null: unlimited).
    attempts_left: Option<u32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct QueueList {
    queue: Vec<QueueEntry>,
    pagination: Pagination,
}

/// `POST /api/contents/{id}/attempts`
#[utoipa::path(post, path = "/contents/{id}/attempts", tag = "quizzes",
    summary = "Start a quiz attempt",
    description = "For a trainee actively enrolled. The questions are drawn (drawCount) and ordered (shuffleQuestions, shuffleOptions) once and kept with the attempt; no answer is in the answer. An attempt in progress is answered again (200) rather than a new one started. maxAttempts and the time limit are enforced here: an attempt past its deadline and 30 s of grace is submitted as it stands.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, description = "Started", body = AttemptResponse),
        (status = 200, description = "The attempt in progress", body = AttemptResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not actively enrolled", body = ErrorBody),
        (status = 404, description = "No such lesson, or not published", body = ErrorBody),
        (status = 409, description = "Not a quiz, no questions, or no attempts left", body = ErrorBody),
    ))]
pub async fn start_attempt(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<(StatusCode, Json<AttemptResponse>), AppError> {
    let (attempt, new) = attempts::start(&state, &actor(&who), id).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(AttemptResponse { attempt })))
}

/// `GET /api/contents/{id}/attempts`
#[utoipa::path(get, path = "/contents/{id}/attempts", tag = "quizzes",
    summary = "A quiz's attempts",
    description = "The caller's own attempts, with corrections as the quiz allows; every trainee's for the course's trainer and super admins.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The attempts, oldest first", body = AttemptList),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 404, description = "No such quiz, or its course is hidden", body = ErrorBody),
    ))]
pub async fn list_attempts(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AttemptList>, AppError> {
    let (attempts, attempts_left) = attempts::list(&state, &actor(&who), id).await?;
    Ok(Json(AttemptList {
        attempts,
        attempts_left,
    }))
}

/// `GET /api/attempts/{id}`
#[utoipa::path(get, path = "/attempts/{id}", tag = "quizzes",
    summary = "One attempt",
    description = "Its trainee sees their answers, and the corrections and explanations only as the quiz's showCorrectAnswers allows; the course's trainer and super admins see everything. Anyone else: 404.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The attempt", body = AttemptResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 404, description = "No such attempt, or someone else's", body = ErrorBody),
    ))]
pub async fn show_attempt(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AttemptResponse>, AppError> {
    let attempt = attempts::show(&state, &actor(&who), id).await?;
    Ok(Json(AttemptResponse { attempt }))
}

/// `PUT /api/attempts/{id}/answers`
#[utoipa::path(put, path = "/attempts/{id}/answers", tag = "quizzes",
    summary = "Save answers",
    description = "Autosave: each answer replaces the earlier one to its question (null clears it). Answers must fit their question: one of its options, a list of them for multiple choice, true or false, or text up to 5,000 characters.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = AnswersForm,
    responses(
        (status = 200, description = "Saved; the attempt as it stands", body = AttemptResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "No longer actively enrolled", body = ErrorBody),
        (status = 404, description = "No such attempt, or someone else's", body = ErrorBody),
        (status = 409, description = "Submitted already, or its time ran out (it is then submitted as it stood)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "A question not in the attempt, or an answer that does not fit", body = ErrorBody),
    ))]
pub async fn save_answers(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<AnswersForm>,
) -> Result<Json<AttemptResponse>, AppError> {
    let attempt = attempts::save(&state, &actor(&who), id, &form).await?;
    Ok(Json(AttemptResponse { attempt }))
}

/// `POST /api/attempts/{id}/submit`
#[utoipa::path(post, path = "/attempts/{id}/submit", tag = "quizzes",
    summary = "Submit an attempt",
    description = "Graded on the server: choices and true/false exactly, text by the accepted answers; text that a person grades leaves the attempt pending. A pass completes the quiz lesson with the score. Submitting again answers the result; nothing is graded twice.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The graded (or pending) attempt", body = AttemptResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "No longer actively enrolled", body = ErrorBody),
        (status = 404, description = "No such attempt, or someone else's", body = ErrorBody),
    ))]
pub async fn submit_attempt(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AttemptResponse>, AppError> {
    let attempt = attempts::submit(&state, &actor(&who), id).await?;
    Ok(Json(AttemptResponse { attempt }))
}

/// `PUT /api/attempts/{id}/grade`
#[utoipa::path(put, path = "/attempts/{id}/grade", tag = "quizzes",
    summary = "Grade text answers",
    description = "The course's trainer or a super admin gives points (0 to the question's) and feedback to text answers. When none waits, the attempt is graded, and a pass completes the quiz lesson.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = GradeForm,
    responses(
        (status = 200, description = "The attempt, as the trainer sees it", body = AttemptResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such attempt, or not one of the caller's courses", body = ErrorBody),
        (status = 409, description = "Not submitted yet", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Points out of range, or not a text question of the attempt", body = ErrorBody),
    ))]
pub async fn grade_attempt(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<GradeForm>,
) -> Result<Json<AttemptResponse>, AppError> {
    let attempt = attempts::grade(&state, &actor(&who), id, &form).await?;
    Ok(Json(AttemptResponse { attempt }))
}

/// `POST /api/attempts/{id}/regrade`
#[utoipa::path(post, path = "/attempts/{id}/regrade", tag = "quizzes",
    summary = "Regrade an attempt",
    description = "On purpose, after correcting a question: the attempt takes its questions' current answers and points and is graded again. Until then it keeps the version it was graded on.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "Regraded", body = AttemptResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such attempt, or not one of the caller's courses", body = ErrorBody),
        (status = 409, description = "Not submitted yet", body = ErrorBody),
    ))]
pub async fn regrade_attempt(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AttemptResponse>, AppError> {
    let attempt = attempts::regrade(&state, &actor(&who), id).await?;
    Ok(Json(AttemptResponse { attempt }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    #[param(minimum = 0)]
    page: Option<i64>,
    #[param(minimum = 0)]
    limit: Option<i64>,
}

/// `GET /api/grading/queue`
#[utoipa::path(get, path = "/grading/queue", tag = "quizzes",
    summary = "Attempts waiting for grading",
    description = "Submitted attempts with text answers a person grades, oldest first: the trainer's own courses, every course for a super admin.",
    security(("bearer" = [])),
    params(QueueQuery),
    responses(
        (status = 200, description = "One page of the queue", body = QueueList),
        (status = 400, description = "A malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A trainee", body = ErrorBody),
        (status = 422, description = "A negative page or limit", body = ErrorBody),
    ))]
pub async fn grading_queue(
    State(state): State<AppState>,
    who: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> Result<Json<QueueList>, AppError> {
    let page = PageRequest::from_query(q.page, q.limit)?;
    let page = attempts::queue(&state, &actor(&who), page).await?;
    Ok(Json(QueueList {
        queue: page.items,
        pagination: page.pagination,
    }))
}
