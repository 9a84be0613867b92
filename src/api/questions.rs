//! A quiz's questions: `/api/contents/{id}/questions...`, `/api/questions/{id}`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path};
use crate::auth::extract::{CurrentUser, MaybeUser};
use crate::domain::content::OrderForm;
use crate::domain::content::quiz::{LearnerQuestion, Question, QuestionForm};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::questions::{self, QuestionList};
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(order))
        .routes(routes!(update, delete))
}

/// `{"questions": [...]}`: with answers for the quiz's trainer and super admins, without
/// any answer field for learners.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum QuestionsResponse {
    Authoring { questions: Vec<Question> },
    Learning { questions: Vec<LearnerQuestion> },
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct QuestionResponse {
    question: Question,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct QuestionOrder {
    questions: Vec<Question>,
}

/// `GET /api/contents/{id}/questions`
#[utoipa::path(get, path = "/contents/{id}/questions", tag = "quizzes",
    summary = "A quiz's questions",
    description = "The course's trainer and super admins get every question with `correctAnswer` and `explanation`. Enrolled trainees get the active questions of a published quiz with no answer field at all (corrections come with attempts, when the quiz allows).",
    security((), ("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The questions in order", body = QuestionsResponse),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 403, description = "Not enrolled in the course", body = ErrorBody),
        (status = 404, description = "No such quiz, or not published", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<QuestionsResponse>, AppError> {
    Ok(Json(
        match questions::list(&state, who.actor().as_ref(), id).await? {
            QuestionList::Authoring(questions) => QuestionsResponse::Authoring { questions },
            QuestionList::Learning(questions) => QuestionsResponse::Learning { questions },
        },
    ))
}

/// `POST /api/contents/{id}/questions`
#[utoipa::path(post, path = "/contents/{id}/questions", tag = "quizzes",
    summary = "Add a question to a quiz",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = QuestionForm,
    responses(
        (status = 201, description = "Created", body = QuestionResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such quiz (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "An invalid question, every bad field named", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<QuestionForm>,
) -> Result<(StatusCode, Json<QuestionResponse>), AppError> {
    let question = questions::create(&state, &actor(&who), id, &form).await?;
    Ok((StatusCode::CREATED, Json(QuestionResponse { question })))
}

/// `PUT /api/contents/{id}/questions/order`
#[utoipa::path(put, path = "/contents/{id}/questions/order", tag = "quizzes",
    summary = "Order a quiz's questions",
    description = "`ids` is every question of the quiz, each once (422 otherwise).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = OrderForm,
    responses(
        (status = 200, description = "The questions in their new order", body = QuestionOrder),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such quiz (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Not exactly the quiz's questions", body = ErrorBody),
    ))]
pub async fn order(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<OrderForm>,
) -> Result<Json<QuestionOrder>, AppError> {
    let questions = questions::order(&state, &actor(&who), id, &form).await?;
    Ok(Json(QuestionOrder { questions }))
}

/// `PUT /api/questions/{id}`
#[utoipa::path(put, path = "/questions/{id}", tag = "quizzes",
    summary = "Change a question",
    description = "Absent fields stay; the whole question is checked again (a new type needs options and an answer that fit it).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = QuestionForm,
    responses(
        (status = 200, description = "Changed", body = QuestionResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such question (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "An invalid question, every bad field named", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<QuestionForm>,
) -> Result<Json<QuestionResponse>, AppError> {
    let question = questions::update(&state, &actor(&who), id, form).await?;
    Ok(Json(QuestionResponse { question }))
}

/// `DELETE /api/questions/{id}`
#[utoipa::path(delete, path = "/questions/{id}", tag = "quizzes",
    summary = "Delete a question",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such question (or hidden)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    questions::delete(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
