//! `GET /api/dashboard` (the caller's, by role) and
//! `GET /api/courses/{id}/stats/distributions` (a course's charts, in numbers).

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path};
use crate::auth::extract::CurrentUser;
use crate::domain::dashboard::{CourseDistributions, Dashboard};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::dashboard;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show))
        .routes(routes!(distributions))
}

/// `GET /api/dashboard`
#[utoipa::path(get, path = "/dashboard", tag = "dashboards",
    summary = "The caller's dashboard",
    description = "Shaped by the caller's role (`role` says which). A super admin: users by role, courses, enrolments, completions (all and in the last seven days), users who signed in in the last seven days, enrolments in each of the last 12 weeks (weeks start on Monday, UTC) and the five courses with the most enrolments. A trainer: every course they teach with its enrolments, progress in five bands of 20 points (the last takes 100), completion and attendance rates and the work waiting for a grade, plus the ten oldest ungraded submissions. A trainee: their current and completed courses with progress, the next ten assignments due and their ten latest grades.",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The dashboard", body = Dashboard),
        (status = 401, description = "No valid token", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    who: CurrentUser,
) -> Result<Json<Dashboard>, AppError> {
    Ok(Json(dashboard::of(&state, &who.0.user).await?))
}

/// `GET /api/courses/{id}/stats/distributions`
#[utoipa::path(get, path = "/courses/{id}/stats/distributions", tag = "dashboards",
    summary = "A course's distributions",
    description = "The course's trainer or a super admin: enrolments made in each of the last 12 weeks, progress of the enrolments that are not dropped and graded quiz scores in five bands of 20 points (the last takes 100), and attendance for the latest 12 session dates with a register, with the rate over every session ((present + late) / (present + late + absent)).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The distributions", body = CourseDistributions),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
    ))]
pub async fn distributions(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseDistributions>, AppError> {
    let actor = Actor::from(&who.0.user);
    Ok(Json(dashboard::distributions(&state, &actor, id).await?))
}
