//! `GET /api/jobs`: the latest background jobs and how they ended (super admins).

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::error::ErrorBody;
use crate::api::extract::Json;
use crate::auth::extract::CurrentUser;
use crate::domain::job::Job;
use crate::error::AppError;
use crate::services::jobs;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// The latest jobs, newest first.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct JobList {
    pub jobs: Vec<Job>,
}

/// `GET /api/jobs`
#[utoipa::path(get, path = "/jobs", tag = "operations",
    summary = "The latest background jobs",
    description = "The 50 latest background jobs (scheduled housekeeping and the like), newest first: their kind, occurrence key, status (queued, running, done, failed), attempts, the instance that ran them, when, and what they did (`result`, a JSON object of counts) or why they failed (`lastError`). Each job runs once across instances. Super admins only.",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The jobs", body = JobList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    who: CurrentUser,
) -> Result<Json<JobList>, AppError> {
    Ok(Json(JobList {
        jobs: jobs::recent(&state, &who.0.user).await?,
    }))
}
