//! The JSON API under `/api`: thin handlers, one service call each.

pub mod health;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health::show))
}

/// Any route that does not exist: the API's 404 body.
pub async fn not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound
}
