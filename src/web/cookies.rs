//! Reading the `Cookie` header and adding `Set-Cookie` to a response. Every cookie of the
//! pages is `Path=/`, `SameSite=Lax`, and `Secure` when the site is served over HTTPS.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use cookie::{Cookie, SameSite};

/// The value of the cookie `name`, if the request sent it.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A cookie for the whole site; `max_age` in seconds (0 removes the cookie).
pub fn build(
    name: impl Into<std::borrow::Cow<'static, str>>,
    value: String,
    max_age: i64,
    secure: bool,
) -> Cookie<'static> {
    let mut cookie = Cookie::build((name.into(), std::borrow::Cow::Owned(value)))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age.max(0)))
        .build();
    if max_age <= 0 {
        cookie.set_expires(cookie::time::OffsetDateTime::UNIX_EPOCH);
    }
    cookie
}

/// Adds `Set-Cookie` for `cookie` to `response`.
pub fn set(response: &mut Response, cookie: &Cookie<'_>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

/// Whether `response` already sets the cookie `name`.
pub fn sets(response: &Response, name: &str) -> bool {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split_once('=').is_some_and(|(n, _)| n.trim() == name))
}
