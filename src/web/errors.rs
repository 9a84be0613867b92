//! Errors of the pages: friendly 403, 404 and 500 pages inside the layout, a redirect to
//! the login page when the session is missing, and the 404 page for unknown paths.
//!
//! Handlers return `PageError` (from any `AppError` with `?`). It becomes a bare response
//! marked with a `PageFailure`, which `page::context` renders with the request's language
//! and user. Internal causes are logged, never shown.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::extract::rejection::{FormRejection, PathRejection};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::domain::policy::Denied;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::page::{self, Page};
use crate::web::session;

/// What went wrong, as the error page needs it (kept in the response's extensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFailure {
    /// Not signed in (or the session ended): to the login page.
    SignIn,
    /// A temporary password must be changed first.
    PasswordChange,
    /// A form without a valid CSRF token.
    Csrf,
    /// Refused, for this reason (the page says which).
    Forbidden(Denied),
    NotFound,
    /// A page address asked with a method it does not take (a `GET` of a form's target).
    MethodNotAllowed,
    /// Anything the visitor sent that could not be handled (400, 409, 413, 415, 422).
    BadRequest(StatusCode),
    Internal,
    Unavailable,
}

impl PageFailure {
    pub fn from_app(error: &AppError) -> PageFailure {
        match error {
            AppError::Unauthorized => PageFailure::SignIn,
            AppError::PasswordChangeRequired => PageFailure::PasswordChange,
            AppError::Denied(Denied::LastSuperAdmin) => {
                PageFailure::BadRequest(StatusCode::CONFLICT)
            }
            AppError::Denied(reason) => PageFailure::Forbidden(*reason),
            AppError::NotFound => PageFailure::NotFound,
            AppError::MethodNotAllowed => PageFailure::MethodNotAllowed,
            AppError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "internal error on a page");
                PageFailure::Internal
            }
            AppError::Unavailable(reason) => {
                tracing::warn!(reason, "a page could not be served");
                PageFailure::Unavailable
            }
            AppError::Validation(_) => PageFailure::BadRequest(StatusCode::UNPROCESSABLE_ENTITY),
            AppError::BadRequest(_) => PageFailure::BadRequest(StatusCode::BAD_REQUEST),
            AppError::Conflict(_) => PageFailure::BadRequest(StatusCode::CONFLICT),
            AppError::PayloadTooLarge => PageFailure::BadRequest(StatusCode::PAYLOAD_TOO_LARGE),
            AppError::TooManyRequests { .. } => {
                PageFailure::BadRequest(StatusCode::TOO_MANY_REQUESTS)
            }
            AppError::UnsupportedMediaType(_) => {
                PageFailure::BadRequest(StatusCode::UNSUPPORTED_MEDIA_TYPE)
            }
        }
    }

    fn status(self) -> StatusCode {
        match self {
            PageFailure::SignIn | PageFailure::PasswordChange => StatusCode::SEE_OTHER,
            PageFailure::Csrf | PageFailure::Forbidden(_) => StatusCode::FORBIDDEN,
            PageFailure::NotFound => StatusCode::NOT_FOUND,
            PageFailure::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            PageFailure::BadRequest(status) => status,
            PageFailure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            PageFailure::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Translation keys of the page's heading and text.
    fn copy(self) -> (&'static str, &'static str) {
        match self {
            PageFailure::Csrf => ("error-csrf-title", "error-csrf-text"),
            PageFailure::SignIn | PageFailure::PasswordChange => {
                ("error-403-title", "error-403-text")
            }
            PageFailure::Forbidden(reason) => ("error-403-title", denied_key(reason)),
            PageFailure::NotFound => ("error-404-title", "error-404-text"),
            PageFailure::MethodNotAllowed => ("error-405-title", "error-405-text"),
            PageFailure::BadRequest(_) => ("error-400-title", "error-400-text"),
            PageFailure::Internal => ("error-500-title", "error-500-text"),
            PageFailure::Unavailable => ("error-503-title", "error-503-text"),
        }
    }
}

/// What a page says for a refusal: `denied-<code>` in the locales.
pub fn denied_key(reason: Denied) -> &'static str {
    match reason {
        Denied::NotSuperAdmin => "denied-not-super-admin",
        Denied::OwnAccount => "denied-own-account",
        Denied::NotOwnProfile => "denied-not-own-profile",
        Denied::NoLongerSuperAdmin => "denied-no-longer-super-admin",
        Denied::LastSuperAdmin => "denied-last-super-admin",
        Denied::AccountDeactivated => "denied-account-deactivated",
        Denied::WrongSetupToken => "denied-wrong-setup-token",
        Denied::NotTrainer => "denied-not-trainer",
        Denied::NotCourseTrainer => "denied-not-course-trainer",
        Denied::FeatureIsSuperAdmins => "denied-feature-is-super-admins",
        Denied::NotEnrolled => "denied-not-enrolled",
        Denied::OnlyTrainees => "denied-only-trainees",
        Denied::EnrolmentSuspended => "denied-enrolment-suspended",
        Denied::CourseEnded => "denied-course-ended",
        Denied::CourseFull => "denied-course-full",
        Denied::NoAttemptsLeft => "denied-no-attempts-left",
        Denied::AttemptClosed => "denied-attempt-closed",
    }
}

/// A bare response carrying the failure, for `page::context` to render.
impl IntoResponse for PageFailure {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// How a page handler's panic answers: the 500 page in the layout (`page::context`
/// renders it).
pub fn panic_page(error: AppError) -> Response {
    PageFailure::from_app(&error).into_response()
}

/// The error type of page handlers.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(error: AppError) -> Self {
        PageError(error)
    }
}

impl From<crate::db::Error> for PageError {
    fn from(error: crate::db::Error) -> Self {
        PageError(error.into())
    }
}

/// A form body that cannot be read at all (the fields themselves are checked by the
/// services and shown next to the form).
impl From<FormRejection> for PageError {
    fn from(rejection: FormRejection) -> Self {
        PageError(AppError::BadRequest(rejection.body_text()))
    }
}

/// A page address whose id cannot be read names no page.
impl From<PathRejection> for PageError {
    fn from(_: PathRejection) -> Self {
        PageError(AppError::NotFound)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        PageFailure::from_app(&self.0).into_response()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Page,
    status: u64,
    title_key: &'static str,
    text_key: &'static str,
}

/// The response for `failure`: a redirect, or an error page in the layout.
pub fn render(page: &Page, failure: PageFailure, parts: &Parts) -> Response {
    match failure {
        PageFailure::SignIn => return session::to_login(parts).into_response(),
        PageFailure::PasswordChange => return session::to_password(parts).into_response(),
        _ => {}
    }
    let (title_key, text_key) = failure.copy();
    let status = failure.status();
    let template = ErrorPage {
        ctx: page,
        status: u64::from(status.as_u16()),
        title_key,
        text_key,
    };
    match template.render() {
        Ok(html) => page::html_response(status, html),
        Err(e) => {
            tracing::error!(error = %e, "the error page did not render");
            (status, "Something went wrong.").into_response()
        }
    }
}

/// A page address asked with a method it does not take (say, the address of a form's
/// target opened again after the form's answer): the 405 page in the layout, with a way
/// home, instead of the browser's blank error. `page::context` renders it and keeps the
/// `Allow` header axum sets.
pub async fn method_not_allowed() -> PageFailure {
    PageFailure::MethodNotAllowed
}

/// Any path that is not a page (the API keeps its own JSON 404): the 404 page.
pub async fn not_found(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
) -> Response {
    let (mut parts, _) = request.into_parts();
    match Page::from_request_parts(&mut parts, &state).await {
        Ok(page) => render(&page, PageFailure::NotFound, &parts),
        Err(response) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn every_error_page_is_translated() {
        for failure in [
            PageFailure::Csrf,
            PageFailure::NotFound,
            PageFailure::MethodNotAllowed,
            PageFailure::BadRequest(StatusCode::BAD_REQUEST),
            PageFailure::Internal,
            PageFailure::Unavailable,
        ] {
            let (title, text) = failure.copy();
            for locale in Locale::ALL {
                assert_ne!(locale.t(title), title);
                assert_ne!(locale.t(text), text);
            }
        }
    }

    #[test]
    fn every_refusal_has_its_reason_in_both_languages() {
        for reason in Denied::ALL {
            let key = denied_key(reason);
            assert_eq!(key, format!("denied-{}", reason.code()));
            for locale in Locale::ALL {
                assert_ne!(locale.t(key), key, "{key} in {locale:?}");
            }
        }
    }
}
