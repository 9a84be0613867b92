//! The JSON API under `/api`: thin handlers, one service call each.

pub mod auth;
pub mod extract;
pub mod health;
pub mod openapi;
pub mod profile;
pub mod users;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};

use crate::domain::user::User;
use crate::state::AppState;

/// `{"user": ...}`: the answer of every route that returns one account.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct UserResponse {
    pub user: User,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::show))
        .route("/openapi.json", get(openapi::document))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/me", get(auth::me))
        .route("/auth/password", put(auth::change_password))
        .route("/auth/setup", get(auth::setup_status).post(auth::setup))
        .route("/users", get(users::list).post(users::create))
        .route("/users/import", post(users::import))
        .route("/users/export", get(users::export))
        .route(
            "/users/{id}",
            get(users::show).put(users::update).delete(users::delete),
        )
        .route("/users/{id}/reset-password", post(users::reset_password))
        .route("/profile", put(profile::update))
        .route(
            "/profile/avatar",
            post(profile::upload_avatar).layer(DefaultBodyLimit::max(profile::AVATAR_BODY_LIMIT)),
        )
        // After every route: it applies to the routes registered before it.
        .method_not_allowed_fallback(method_not_allowed)
}

/// A route asked with a method it does not take: the API's 405 body (axum adds `Allow`).
pub async fn method_not_allowed() -> crate::error::AppError {
    crate::error::AppError::MethodNotAllowed
}

/// Any route that does not exist: the API's 404 body.
pub async fn not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound
}
