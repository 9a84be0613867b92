//! The JSON API under `/api`: thin handlers, one service call each.

pub mod assignments;
pub mod attempts;
pub mod attendance;
pub mod auth;
pub mod calendar;
pub mod captions;
pub mod certificates;
pub mod content_files;
pub mod courses;
pub mod dashboard;
pub mod enrolments;
pub mod error;
pub mod extract;
pub mod gradebook;
pub mod health;
pub mod jobs;
pub mod notes;
pub mod openapi;
pub mod outline;
pub mod profile;
pub mod progress;
pub mod questions;
pub mod users;

use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::response::IntoResponse;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::config::UploadsConfig;
use crate::domain::user::User;
use crate::state::AppState;

/// `{"user": ...}`: the answer of every route that returns one account.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct UserResponse {
    pub user: User,
}

/// Every route of the JSON API (under `/api`) and of the uploaded media, each written once
/// with its OpenAPI entry (`routes!` reads the handler's `#[utoipa::path]`): this list is
/// what the server runs, what `/api/openapi.json` documents, and what the authorization
/// matrix walks. Each feature's file owns its part (`users::router`). The upload routes'
/// body limits come from `[uploads]`.
pub fn routes(uploads: &UploadsConfig) -> OpenApiRouter<AppState> {
    let (router, document) = OpenApiRouter::new()
        .merge(health::router())
        .merge(jobs::router())
        .merge(openapi::router())
        .merge(auth::router())
        .merge(users::router(uploads))
        .merge(profile::router(uploads))
        .merge(courses::router(uploads))
        .merge(outline::router())
        .merge(content_files::router())
        .merge(captions::router())
        .merge(questions::router())
        .merge(enrolments::router())
        .merge(progress::router())
        .merge(attempts::router())
        .merge(notes::router())
        .merge(assignments::router(uploads))
        .merge(attendance::router())
        .merge(gradebook::router())
        .merge(dashboard::router())
        .merge(certificates::router())
        .merge(calendar::router())
        .split_for_parts();
    let router = router
        // After every route: it applies to the routes registered before it.
        .method_not_allowed_fallback(method_not_allowed)
        // Answers carry tokens, temporary passwords and people's data: no cache, shared
        // or private, may keep them (a handler may say otherwise).
        .layer(SetResponseHeaderLayer::if_not_present(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .fallback(not_found)
        .layer(crate::api::error::catch_panic_layer(
            IntoResponse::into_response,
        ));
    // axum's own router for what OpenApiRouter does not pass through (the 405 fallback),
    // with the same document.
    let mut api = OpenApiRouter::from(router);
    *api.get_openapi_mut() = document;
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .nest("/api", api)
        .merge(profile::media_router())
        .merge(courses::media_router())
        .merge(calendar::feed_router())
}

/// Room above a file's own limit for the multipart envelope around it. A body past its
/// file's limit and this is refused with 413 before it is read; a file past its limit
/// within it is refused by the service, with 413 too.
pub(crate) const MULTIPART_ROOM: usize = 64 * 1024;

/// Any route that does not exist: the API's 404 body.
pub async fn not_found() -> crate::error::AppError {
    crate::error::AppError::NotFound
}

/// A route asked with a method it does not take: the API's 405 body (axum adds `Allow`).
pub async fn method_not_allowed() -> crate::error::AppError {
    crate::error::AppError::MethodNotAllowed
}
