//! Cross-site request forgery: every page form carries a `csrf` field, and every
//! state-changing page request (anything but GET and HEAD) must bring the right one.
//!
//! Signed in, the token is an HMAC of the session id (it changes with every login and
//! needs no storage). Signed out (the login, setup and language forms), it is an HMAC of a
//! random value kept in an HttpOnly cookie: a double-submit that a cross-site page can
//! neither read nor forge. A signed-in request accepts only the session token, so a
//! cookie planted by a neighbouring site cannot be used to forge it either.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cookie::Cookie;
use rand::RngCore;

use crate::error::AppError;
use crate::services::auth::Authenticated;
use crate::state::AppState;
use crate::web::cookies;
use crate::web::errors::{PageError, PageFailure};
use crate::web::page::Page;

pub const CSRF_COOKIE: &str = "cw_csrf";
pub const CSRF_FIELD: &str = "csrf";

/// Page forms are small; anything larger is refused before it is read.
const FORM_LIMIT: usize = 64 * 1024;

/// The form token for this request, and a new anonymous cookie value to set if the visitor
/// has none yet.
pub fn token_for(
    state: &AppState,
    headers: &HeaderMap,
    viewer: Option<&Authenticated>,
) -> (String, Option<String>) {
    if let Some(data) = signed_data(headers, viewer) {
        return (state.keys.mac(data.as_bytes()), None);
    }
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let value = hex::encode(bytes);
    let token = state.keys.mac(anonymous_data(&value).as_bytes());
    (token, Some(value))
}

/// What the token of this request signs: the session id when signed in, else the
/// anonymous cookie's value (`None` without one).
fn signed_data(headers: &HeaderMap, viewer: Option<&Authenticated>) -> Option<String> {
    match viewer {
        Some(who) => Some(format!("csrf:session:{}", who.session_id)),
        None => cookies::read(headers, CSRF_COOKIE)
            .filter(|v| well_formed(v))
            .map(|v| anonymous_data(&v)),
    }
}

fn anonymous_data(cookie_value: &str) -> String {
    format!("csrf:anonymous:{cookie_value}")
}

fn well_formed(value: &str) -> bool {
    value.len() == 48 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The anonymous double-submit cookie (a browser session cookie).
pub fn cookie(value: &str, secure: bool) -> Cookie<'static> {
    // No Max-Age: it lasts as long as the browser session.
    Cookie::build((CSRF_COOKIE, value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .build()
}

/// Whether `given` is this request's token (compared in constant time).
fn verify(
    state: &AppState,
    headers: &HeaderMap,
    viewer: Option<&Authenticated>,
    given: &str,
) -> bool {
    signed_data(headers, viewer).is_some_and(|data| state.keys.verify_mac(data.as_bytes(), given))
}

/// Middleware on the page routes: refuses a state-changing request without the right
/// token, with the 403 page. Runs inside `page::context`, whose `Page` it reads.
pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // A browser says when a request comes from another site: refuse it outright.
    let cross_site = parts
        .headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    let is_form = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';').next().is_some_and(|m| {
                m.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        });
    if cross_site {
        return refuse();
    }
    if !is_form {
        return PageError::from(AppError::UnsupportedMediaType(
            "Page forms are sent as application/x-www-form-urlencoded.".to_owned(),
        ))
        .into_response();
    }
    let bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return PageError::from(AppError::PayloadTooLarge).into_response(),
    };
    let given = url::form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == CSRF_FIELD)
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let viewer = parts
        .extensions
        .get::<Page>()
        .and_then(|p| p.viewer.clone());
    if !verify(&state, &parts.headers, viewer.as_ref(), &given) {
        tracing::info!(path = %parts.uri.path(), "refused a page form without a valid CSRF token");
        return refuse();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn refuse() -> Response {
    PageFailure::Csrf.into_response()
}
