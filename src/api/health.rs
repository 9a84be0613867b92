//! `GET /api/health` (anyone): 200 with the backend and a round-trip time, 503 when the
//! database does not answer.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::services;
use crate::state::AppState;

#[utoipa::path(get, path = "/health", tag = "operations",
    summary = "Is the service up, and does its database answer",
    responses(
        (status = 200, description = "Up; the backend and a round-trip time", body = services::health::Health),
        (status = 503, description = "The database does not answer", body = services::health::Health),
    ))]
pub async fn show(State(state): State<AppState>) -> impl IntoResponse {
    let health = services::health::check(&state.db).await;
    let status = if health.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(health))
}

/// The health route and its document entry.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(show))
}
