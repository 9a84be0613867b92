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
pub mod assignments;
pub mod attendance;
pub mod auth;
pub mod captions;
pub mod certificates;
pub mod charts;
pub mod content_files;
pub mod cookies;
pub mod courses;
pub mod csrf;
pub mod dashboard;
pub mod errors;
pub mod flash;
pub mod form;
pub mod gradebook;
pub mod grading;
pub mod home;
pub mod i18n;
pub mod jobs;
pub mod label;
pub mod language;
pub mod learning;
pub mod outline;
pub mod page;
pub mod pagination;
pub mod profile;
pub mod questions;
pub mod quizzes;
pub mod roster;
pub mod routes;
pub mod session;
pub mod setup;
pub mod statistics;
pub mod teaching;
pub mod upload;
pub mod users;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::response::Redirect;
use axum::routing::get;

use self::routes::PageRoutes;

use crate::state::AppState;

/// Every page route, each written once (`routes::PageRoutes`); `upload_limit` is the body
/// limit of the forms that upload a file.
fn pages(upload_limit: usize) -> PageRoutes {
    learning::routes(PageRoutes::new())
        .get("/", home::show)
        .get("/login", auth::show_login)
        .post("/login", auth::login)
        .get("/logout", auth::confirm_logout)
        .post("/logout", auth::logout)
        .get("/password", auth::show_password)
        .post("/password", auth::change_password)
        .get("/setup", setup::show)
        .post("/setup", setup::complete)
        .get("/profile", profile::show)
        .post("/profile", profile::update)
        .get("/profile/avatar", to_profile)
        .post_upload("/profile/avatar", profile::upload_avatar, upload_limit)
        .get("/profile/calendar/reset", to_profile)
        .post("/profile/calendar/reset", profile::reset_calendar)
        .get("/users", users::list::list)
        .get("/users/new", users::form::new)
        .post("/users/new", users::form::create)
        .get("/users/import", users::import::show)
        .post_upload("/users/import", users::import::import, upload_limit)
        .get("/users/export", users::import::export)
        .get("/users/{id}", users::show::show)
        .post("/users/{id}", users::form::update)
        .get("/users/{id}/deactivate", users::actions::confirm_deactivate)
        .post("/users/{id}/deactivate", users::actions::deactivate)
        .get("/users/{id}/reactivate", users::actions::confirm_reactivate)
        .post("/users/{id}/reactivate", users::actions::reactivate)
        .get(
            "/users/{id}/reset-password",
            users::actions::confirm_reset_password,
        )
        .post("/users/{id}/reset-password", users::actions::reset_password)
        .get("/users/{id}/delete", users::actions::confirm_delete)
        .post("/users/{id}/delete", users::actions::delete)
        .get("/courses", courses::catalogue::list)
        .get("/courses/{id}", courses::show::show)
        .get("/teach", courses::teach::list)
        .get("/teach/courses/new", courses::editor::new)
        .post("/teach/courses/new", courses::editor::create)
        .get("/teach/courses/{id}", courses::editor::edit)
        .post("/teach/courses/{id}", courses::editor::update)
        .get("/teach/courses/{id}/cover", courses::thumbnail::back)
        .post_upload(
            "/teach/courses/{id}/cover",
            courses::thumbnail::upload,
            upload_limit,
        )
        .get(
            "/teach/courses/{id}/publish",
            courses::actions::confirm_publish,
        )
        .post("/teach/courses/{id}/publish", courses::actions::publish)
        .get(
            "/teach/courses/{id}/unpublish",
            courses::actions::confirm_unpublish,
        )
        .post("/teach/courses/{id}/unpublish", courses::actions::unpublish)
        .get(
            "/teach/courses/{id}/delete",
            courses::actions::confirm_delete,
        )
        .post("/teach/courses/{id}/delete", courses::actions::delete)
        .get("/language", language::back)
        .post("/language", language::update)
        .get("/api/docs", api_docs::show)
        .get("/certificates", certificates::list)
        .get("/certificates/{id}/pdf", certificates::download)
        .get("/verify/{code}", certificates::verify)
}

/// The course editor's routes: a course's outline, its sections and contents, a quiz's
/// questions, a content's file (`outline`, `questions`, `content_files`).
fn editor_pages(routes: PageRoutes, uploads: &crate::config::UploadsConfig) -> PageRoutes {
    use outline::{contents, editor, sections, show};
    routes
        .get("/teach/courses/{id}/outline", show::show)
        .get("/teach/courses/{id}/sections", sections::to_outline)
        .post("/teach/courses/{id}/sections", sections::create)
        .get(
            "/teach/courses/{id}/sections/order",
            outline::order_to_outline,
        )
        .post("/teach/courses/{id}/sections/order", sections::order)
        .get("/teach/courses/{id}/contents", contents::to_picker)
        .post("/teach/courses/{id}/contents", contents::create)
        .get(
            "/teach/courses/{id}/contents/order",
            outline::order_to_outline,
        )
        .post("/teach/courses/{id}/contents/order", contents::order)
        .get("/teach/sections/{id}", sections::edit)
        .post("/teach/sections/{id}", sections::update)
        .get("/teach/sections/{id}/delete", sections::confirm_delete)
        .post("/teach/sections/{id}/delete", sections::delete)
        .get("/teach/contents/{id}", editor::show)
        .post("/teach/contents/{id}", editor::update)
        .get("/teach/contents/{id}/delete", contents::confirm_delete)
        .post("/teach/contents/{id}/delete", contents::delete)
        .get("/teach/contents/{id}/move", contents::move_to_outline)
        .post("/teach/contents/{id}/move", contents::move_to_section)
        .get("/teach/contents/{id}/file", content_files::download)
        .post_upload(
            "/teach/contents/{id}/file",
            content_files::upload,
            content_files::body_limit(uploads),
        )
        .get("/teach/contents/{id}/captions", captions::back)
        .post_upload(
            "/teach/contents/{id}/captions",
            captions::upload,
            captions::BODY_LIMIT,
        )
        .get("/teach/contents/{id}/captions/delete", captions::back)
        .post("/teach/contents/{id}/captions/delete", captions::remove)
        .get("/teach/contents/{id}/questions", questions::form::new)
        .post("/teach/contents/{id}/questions", questions::form::create)
        .get(
            "/teach/contents/{id}/questions/order",
            questions::order_to_quiz,
        )
        .post("/teach/contents/{id}/questions/order", questions::order)
        .get("/teach/questions/{id}", questions::form::edit)
        .post("/teach/questions/{id}", questions::form::update)
        .get("/teach/questions/{id}/delete", questions::confirm_delete)
        .post("/teach/questions/{id}/delete", questions::delete)
}

/// Every page route, in one list for the router and for `served_pages`.
fn all_pages(uploads: &crate::config::UploadsConfig) -> PageRoutes {
    let routes = teaching::pages(editor_pages(pages(upload::body_limit(uploads)), uploads));
    let routes = assignments::pages(routes, assignments::hand_in::body_limit(uploads));
    jobs::pages(statistics::pages(gradebook::pages(attendance::pages(
        routes,
    ))))
}

/// `(method, path)` of every page route the router serves (not `/assets/`).
pub fn served_pages() -> Vec<(axum::http::Method, &'static str)> {
    let uploads = crate::config::Config::default().uploads;
    all_pages(&uploads).served().to_vec()
}

/// The pages, their fallback (the 404 page) and `/assets/`.
pub fn router(state: &AppState) -> Router<AppState> {
    let uploads = &state.config.uploads;
    let pages = all_pages(uploads)
        .into_router()
        // Only on routes that exist: an unknown path answers 404 whatever its method.
        .route_layer(from_fn_with_state(state.clone(), csrf::protect))
        // After every route: it applies to the routes registered before it.
        .method_not_allowed_fallback(errors::method_not_allowed)
        .fallback(errors::not_found)
        .layer(crate::api::error::catch_panic_layer(errors::panic_page))
        // Pages and their redirects carry session cookies, temporary passwords and
        // people's data: never cached.
        .layer(
            tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            ),
        )
        // Outermost: the context runs first, and renders the error pages.
        .layer(from_fn_with_state(state.clone(), page::context));
    Router::new()
        .route("/assets/{*path}", get(assets::show))
        .merge(pages)
}

/// `GET /profile/avatar`, `GET /profile/calendar/reset`: a form's address, opened again (reloaded after a refused
/// file): the profile page, where the upload form is.
async fn to_profile() -> Redirect {
    Redirect::to("/profile")
}
