//! Progress: `/api/contents/{id}/complete`, `/api/contents/{id}/position` and
//! `/api/courses/{id}/progress`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::policy::Actor;
use crate::domain::progress::{CompleteForm, CourseProgress, PositionForm};
use crate::error::AppError;
use crate::services::progress;
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(complete))
        .routes(routes!(set_position))
        .routes(routes!(show_progress))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgressResponse {
    progress: CourseProgress,
}

/// `POST /api/contents/{id}/complete`
#[utoipa::path(post, path = "/contents/{id}/complete", tag = "progress",
    summary = "Complete a lesson",
    description = "For a trainee actively enrolled in the lesson's course, on a published lesson. Repeating it is harmless: one record per trainee and lesson, the time spent added up and the times counted. The enrolment's progress is recomputed in the same transaction; at 100 % it becomes completed (once) and the certificate is issued. Quizzes complete by being passed; certificates are not lessons (409).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = CompleteForm, description = "May be empty ({}).", content_type = "application/json"),
    responses(
        (status = 200, description = "The caller's progress in the course", body = ProgressResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not actively enrolled (dropped, suspended, or not a trainee)", body = ErrorBody),
        (status = 404, description = "No such lesson, or not published", body = ErrorBody),
        (status = 409, description = "A quiz or a certificate", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "timeSpent outside 0-86400", body = ErrorBody),
    ))]
pub async fn complete(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<CompleteForm>,
) -> Result<Json<ProgressResponse>, AppError> {
    let progress = progress::complete(&state, &actor(&who), id, &form).await?;
    Ok(Json(ProgressResponse { progress }))
}

/// `PUT /api/contents/{id}/position`
#[utoipa::path(put, path = "/contents/{id}/position", tag = "progress",
    summary = "Keep a video's position",
    description = "Where the caller stopped in a video, in seconds, to resume from there. Only for a video, and a trainee actively enrolled.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = PositionForm,
    responses(
        (status = 204, description = "Kept"),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not actively enrolled", body = ErrorBody),
        (status = 404, description = "No such lesson, or not published", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Not a video, or a position outside 0-604800", body = ErrorBody),
    ))]
pub async fn set_position(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<PositionForm>,
) -> Result<StatusCode, AppError> {
    progress::set_position(&state, &actor(&who), id, &form).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// Another trainee's progress: for the course's trainer and super admins.
    user_id: Option<Uuid>,
}

/// `GET /api/courses/{id}/progress`
#[utoipa::path(get, path = "/courses/{id}/progress", tag = "progress",
    summary = "Progress in a course",
    description = "The caller's enrolment and every published lesson with what is done: completed, when, time spent, times, best quiz score, video position. The course's trainer and super admins may name any enrolled trainee (userId).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ProgressQuery),
    responses(
        (status = 200, description = "The progress", body = ProgressResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 404, description = "No such course, not enrolled, or another trainee's", body = ErrorBody),
    ))]
pub async fn show_progress(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<ProgressQuery>,
) -> Result<Json<ProgressResponse>, AppError> {
    let progress = progress::of_course(&state, &actor(&who), id, q.user_id).await?;
    Ok(Json(ProgressResponse { progress }))
}
