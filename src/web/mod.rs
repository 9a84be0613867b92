//! The server-rendered pages: thin handlers over the services, askama templates
//! (`templates/`), translations (`locales/`), and the embedded assets.
//!
//! Every page route runs inside `page::context` (language, session, error pages) and
//! `csrf::protect` (the form token on every state-changing request).
//!
//! A form's target is also an address a visitor can open (reloaded after the form's
//! answer, typed, bookmarked): each one answers `GET` with a page or a redirect, and any
//! other method a route does not take gets the 405 page inside the layout.

pub mod api_docs;
pub mod assets;
pub mod auth;
pub mod cookies;
pub mod csrf;
pub mod errors;
pub mod flash;
pub mod form;
pub mod home;
pub mod i18n;
pub mod language;
pub mod page;
pub mod pagination;
pub mod profile;
pub mod session;
pub mod setup;
pub mod upload;
pub mod users;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::response::Redirect;
use axum::routing::get;

use crate::state::AppState;

/// The pages, their fallback (the 404 page) and `/assets/`.
pub fn router(state: &AppState) -> Router<AppState> {
    let pages = Router::new()
        .route("/", get(home::show))
        .route("/login", get(auth::show_login).post(auth::login))
        .route("/logout", get(auth::confirm_logout).post(auth::logout))
        .route(
            "/password",
            get(auth::show_password).post(auth::change_password),
        )
        .route("/setup", get(setup::show).post(setup::complete))
        .route("/profile", get(profile::show).post(profile::update))
        .route(
            "/profile/avatar",
            get(to_profile)
                .post(profile::upload_avatar)
                .layer(DefaultBodyLimit::max(upload::UPLOAD_BODY_LIMIT)),
        )
        .route("/users", get(users::list::list))
        .route(
            "/users/new",
            get(users::form::new).post(users::form::create),
        )
        .route(
            "/users/import",
            get(users::import::show)
                .post(users::import::import)
                .layer(DefaultBodyLimit::max(upload::UPLOAD_BODY_LIMIT)),
        )
        .route("/users/export", get(users::import::export))
        .route(
            "/users/{id}",
            get(users::show::show).post(users::form::update),
        )
        .route(
            "/users/{id}/deactivate",
            get(users::actions::confirm_deactivate).post(users::actions::deactivate),
        )
        .route(
            "/users/{id}/reactivate",
            get(users::actions::confirm_reactivate).post(users::actions::reactivate),
        )
        .route(
            "/users/{id}/reset-password",
            get(users::actions::confirm_reset_password).post(users::actions::reset_password),
        )
        .route(
            "/users/{id}/delete",
            get(users::actions::confirm_delete).post(users::actions::delete),
        )
        .route("/language", get(language::back).post(language::update))
        .route("/api/docs", get(api_docs::show))
        // Only on routes that exist: an unknown path answers 404 whatever its method.
        .route_layer(from_fn_with_state(state.clone(), csrf::protect))
        // After every route: it applies to the routes registered before it.
        .method_not_allowed_fallback(errors::method_not_allowed)
        .fallback(errors::not_found)
        .layer(crate::error::catch_panic_layer(errors::panic_page))
        // Outermost: the context runs first, and renders the error pages.
        .layer(from_fn_with_state(state.clone(), page::context));
    Router::new()
        .route("/assets/{*path}", get(assets::show))
        .merge(pages)
}

/// `GET /profile/avatar`: the upload's address, opened again (reloaded after a refused
/// file): the profile page, where the upload form is.
async fn to_profile() -> Redirect {
    Redirect::to("/profile")
}
