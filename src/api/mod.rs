//! The JSON API under `/api`: thin handlers, one service call each.

pub mod auth;
pub mod extract;
pub mod health;

use axum::Router;
use axum::routing::{get, post, put};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::show))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/auth/password", put(auth::change_password))
        .route("/auth/setup", get(auth::setup_status).post(auth::setup))
}

/// Any route that does not exist: the API's 404 body.
pub async fn not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound
}
