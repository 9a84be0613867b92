//! `GET /api/courses/{id}/gradebook` (the course's trainees × its assignments and quizzes,
//! as JSON or CSV) and `GET /api/courses/{id}/stats`.

use axum::extract::State;
use axum::http::header::{ACCEPT, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::gradebook::{GradebookColumn, GradebookRow};
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::gradebook;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show))
        .routes(routes!(stats))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StatsResponse {
    stats: crate::domain::stats::CourseStats,
}

/// `GET /api/courses/{id}/stats`
#[utoipa::path(get, path = "/courses/{id}/stats", tag = "assignments",
    summary = "A course's statistics",
    description = "The course's trainer or a super admin: enrolments (total, active, completed), average progress, average score (graded assignments and quizzes, in percent), completion rate and revenue (the price each trainee enrolled at). Always equal to a recount of the rows: a change forgets the stored figures in its own transaction and the next read counts again under the course's lock; otherwise a single-row read.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The statistics", body = StatsResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
    ))]
pub async fn stats(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<StatsResponse>, AppError> {
    let stats = crate::services::stats::show(&state, &Actor::from(&who.0.user), id).await?;
    Ok(Json(StatsResponse { stats }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GradebookResponse {
    columns: Vec<GradebookColumn>,
    rows: Vec<GradebookRow>,
    pagination: Pagination,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GradebookQuery {
    #[param(minimum = 0)]
    page: Option<i64>,
    #[param(minimum = 0)]
    limit: Option<i64>,
    /// `csv` for the whole gradebook as a CSV file (also with `Accept: text/csv`).
    format: Option<String>,
}

/// `GET /api/courses/{id}/gradebook`
#[utoipa::path(get, path = "/courses/{id}/gradebook", tag = "assignments",
    summary = "The gradebook",
    description = "The course's trainer or a super admin: one page of trainees (by name) × the published assignments (their score out of their points) and quizzes (the best graded attempt, in percent), with a total (earned over possible, each quiz weighing 100 points, what is missing counting 0) and the enrolment's grade. A fixed number of queries whatever the class size. `format=csv` (or `Accept: text/csv`): every trainee as CSV, formula cells defused.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), GradebookQuery),
    responses(
        (status = 200, description = "One page of the gradebook", body = GradebookResponse),
        (status = 200, description = "The whole gradebook as CSV", content_type = "text/csv"),
        (status = 400, description = "A malformed id or query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 422, description = "A negative page; an unknown format", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<GradebookQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let actor = Actor::from(&who.0.user);
    let wants_csv = match q.format.as_deref() {
        Some("csv") => true,
        Some("json") => false,
        Some(_) => {
            return Err(AppError::field(
                "format",
                crate::domain::validation::FieldError::Format,
            ));
        }
        None => headers
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/csv")),
    };
    if wants_csv {
        let csv = gradebook::csv(&state, &actor, id).await?;
        return Ok((
            [
                (
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"gradebook.csv\""),
                ),
            ],
            csv,
        )
            .into_response());
    }
    let page = PageRequest::from_query(q.page, q.limit)?;
    let book = gradebook::show(&state, &actor, id, page).await?;
    Ok(Json(GradebookResponse {
        columns: book.columns,
        rows: book.rows.items,
        pagination: book.rows.pagination,
    })
    .into_response())
}
