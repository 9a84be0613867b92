//! The pages' session: an HttpOnly, SameSite=Lax cookie holding the same signed token the
//! API sends as `Authorization: Bearer` (`services::auth`), and the extractors that require
//! a signed-in user.
//!
//! The API never reads this cookie, so a cross-site request can never act through the API
//! with the user's session; page forms are protected by `web::csrf`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Redirect, Response};
use cookie::Cookie;

use crate::error::AppError;
use crate::services::auth::{self, Authenticated, IssuedToken};
use crate::state::AppState;
use crate::web::cookies;
use crate::web::page::Page;

pub const SESSION_COOKIE: &str = "cw_session";

/// The signed-in user of a request, and whether the request carried a session cookie that
/// no longer works (logged out, expired, deactivated) and should be cleared.
pub async fn viewer(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Option<Authenticated>, bool), AppError> {
    let Some(token) = cookies::read(headers, SESSION_COOKIE) else {
        return Ok((None, false));
    };
    match auth::authenticate(state, &token).await {
        Ok(who) => Ok((Some(who), false)),
        Err(AppError::Unauthorized) => Ok((None, true)),
        Err(other) => Err(other),
    }
}

/// The cookie that signs the browser in, valid as long as the session.
pub fn cookie(issued: &IssuedToken, secure: bool) -> Cookie<'static> {
    let max_age = (issued.expires_at - crate::clock::now())
        .num_seconds()
        .max(1);
    cookies::build(SESSION_COOKIE, issued.token.clone(), max_age, secure)
}

/// A cookie that removes the session cookie.
pub fn clear_cookie(secure: bool) -> Cookie<'static> {
    cookies::build(SESSION_COOKIE, String::new(), 0, secure)
}

/// How long a browser keeps its device token for an account (`auth::device`).
const DEVICE_COOKIE_DAYS: i64 = 365;

/// The cookie holding this browser's device token for the account `email` (normalised):
/// one per account, so a shared computer keeps each account's.
fn device_cookie_name(email: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = hex::encode(Sha256::digest(email.as_bytes()));
    format!("cw_device_{}", &digest[..16])
}

/// The device token this browser holds for the account `email` (normalised), if any.
pub fn device_token(headers: &HeaderMap, email: &str) -> Option<String> {
    cookies::read(headers, &device_cookie_name(email))
}

/// The cookie that lets this browser sign in to `email` while strangers are throttled.
pub fn device_cookie(email: &str, token: String, secure: bool) -> Cookie<'static> {
    cookies::build(
        device_cookie_name(email),
        token,
        DEVICE_COOKIE_DAYS * 24 * 60 * 60,
        secure,
    )
}

/// A signed-in user who may use the pages: a user who must change a temporary password is
/// sent to the password page first. Anonymous visitors are sent to the login page, with
/// the page they asked for kept in `next`.
#[derive(Debug, Clone)]
pub struct PageUser(pub Authenticated);

/// A signed-in user, also while a password change is required (the password page and
/// logout only).
#[derive(Debug, Clone)]
pub struct SignedIn(pub Authenticated);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let page = Page::from_request_parts(parts, state).await?;
        match page.viewer {
            Some(who) => Ok(SignedIn(who)),
            None => Err(to_login(parts).into_response()),
        }
    }
}

impl FromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let SignedIn(who) = SignedIn::from_request_parts(parts, state).await?;
        if who.user.requires_password_change {
            return Err(to_password(parts).into_response());
        }
        Ok(PageUser(who))
    }
}

/// `/login`, with `next` set to the requested page when that was a page to come back to.
pub fn to_login(parts: &Parts) -> Redirect {
    let wanted = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    if parts.method == Method::GET && wanted != "/" && safe_next(wanted).is_some() {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", wanted)
            .finish();
        Redirect::to(&format!("/login?{query}"))
    } else {
        Redirect::to("/login")
    }
}

/// `/password`, for a user who must change a temporary password first, with `next` set to
/// the requested page so that they get there once the password is changed.
pub fn to_password(parts: &Parts) -> Redirect {
    let wanted = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    Redirect::to(&password_path(
        (parts.method == Method::GET).then_some(wanted),
    ))
}

/// `/password`, with `next` when it is a local page worth coming back to.
pub fn password_path(next: Option<&str>) -> String {
    match next.and_then(safe_next) {
        Some(next) if next != "/" && !next.starts_with("/password") => {
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("next", next)
                .finish();
            format!("/password?{query}")
        }
        _ => "/password".to_owned(),
    }
}

/// The `next` of an address's query, when it is a local path.
pub fn next_from_query(uri: &axum::http::Uri) -> Option<String> {
    let query = uri.query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "next")
        .and_then(|(_, value)| safe_next(&value).map(str::to_owned))
}

/// `next` if it is a path on this site, `None` for anything a browser could take to
/// another site (`https://...`, `//host`, `/\host`, control characters).
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2048
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_kept_only_for_local_paths() {
        for ok in ["/", "/courses?page=2", "/users/1#top", "/a//b"] {
            assert_eq!(safe_next(ok), Some(ok), "{ok}");
        }
        for bad in [
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/ /x",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\n//evil.example",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
