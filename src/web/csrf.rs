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

mod multipart;

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

/// How a page form's body is encoded, from its `Content-Type`.
#[derive(Debug, PartialEq, Eq)]
enum Encoding {
    UrlEncoded,
    /// `multipart/form-data`, with its boundary.
    Multipart(String),
    Other,
}

fn encoding(headers: &HeaderMap) -> Encoding {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return Encoding::Other;
    };
    let mut params = value.split(';');
    let mime = params.next().unwrap_or_default().trim();
    if mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Encoding::UrlEncoded;
    }
    if !mime.eq_ignore_ascii_case("multipart/form-data") {
        return Encoding::Other;
    }
    let boundary = params
        .filter_map(|p| p.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, value)| value.trim().trim_matches('"').to_owned())
        .filter(|b| (1..=70).contains(&b.len()));
    boundary.map_or(Encoding::Other, Encoding::Multipart)
}

/// Middleware on the page routes: refuses a state-changing request without the right
/// token, with the 403 page. Runs inside `page::context`, whose `Page` it reads.
///
/// Forms come in two encodings. `application/x-www-form-urlencoded` bodies are small
/// (at most 64 KiB) and read whole. `multipart/form-data` bodies (file uploads) may be
/// large, so only their first part is read before the check, and it must be the `csrf`
/// field: every upload form puts its hidden `csrf` input first, and browsers send fields
/// in document order. The body is then handed on whole and still streaming, so nothing
/// large is read before the token is checked, and the route's own size limit applies to
/// the upload. (The token is never taken from the URL or a header: a URL ends up in the
/// history and in logs, and a plain form cannot set a header.) Anything else gets 415.
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
    if cross_site {
        return refuse();
    }
    let (given, body) = match encoding(&parts.headers) {
        Encoding::UrlEncoded => {
            let bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
                Ok(bytes) => bytes,
                Err(_) => return PageError::from(AppError::PayloadTooLarge).into_response(),
            };
            let given = url::form_urlencoded::parse(&bytes)
                .find(|(name, _)| name == CSRF_FIELD)
                .map(|(_, value)| value.into_owned())
                .unwrap_or_default();
            (given, Body::from(bytes))
        }
        Encoding::Multipart(boundary) => match multipart::first_field(&boundary, body).await {
            Ok(read) => read,
            Err(multipart::Unreadable) => {
                return PageError::from(AppError::BadRequest(
                    "The form could not be read.".to_owned(),
                ))
                .into_response();
            }
        },
        Encoding::Other => {
            return PageError::from(AppError::UnsupportedMediaType(
                "Page forms are sent as application/x-www-form-urlencoded or multipart/form-data."
                    .to_owned(),
            ))
            .into_response();
        }
    };
    let viewer = parts
        .extensions
        .get::<Page>()
        .and_then(|p| p.viewer.clone());
    if !verify(&state, &parts.headers, viewer.as_ref(), &given) {
        tracing::info!(path = %parts.uri.path(), "refused a page form without a valid CSRF token");
        return refuse();
    }
    next.run(Request::from_parts(parts, body)).await
}

fn refuse() -> Response {
    PageFailure::Csrf.into_response()
}
