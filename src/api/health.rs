//! `GET /api/health` (anyone): 200 with the backend and a round-trip time, 503 when the
//! database does not answer.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::services;
use crate::state::AppState;

pub async fn show(State(state): State<AppState>) -> impl IntoResponse {
    let health = services::health::check(&state.db).await;
    let status = if health.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(health))
}
