//! Extractors whose failures answer with the API's error body.
//!
//! Text input never carries a NUL character: PostgreSQL cannot store one, so the API
//! refuses it at the door on both databases alike (400) instead of letting the answer
//! depend on the backend.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// `axum::Json`, but a malformed body answers 400/415/422 with `{"error": ...}`, and a
/// string holding NUL (`\u0000`) answers 400.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(request.headers()) {
            return Err(AppError::UnsupportedMediaType(
                "Send the body as JSON with Content-Type: application/json.".to_owned(),
            ));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?;
        if holds_nul_escape(&bytes) {
            return Err(AppError::nul_in_text());
        }
        let axum::Json(value) = axum::Json::<T>::from_bytes(&bytes)?;
        Ok(Json(value))
    }
}

/// Whether a JSON text escapes a NUL (`\u0000` in the JSON): after an escaped backslash
/// (`\\u0000` in the JSON, the text `\u0000`) it is ordinary text and does not count. Raw control bytes are refused by the
/// JSON parser anyway.
fn holds_nul_escape(json: &[u8]) -> bool {
    json.windows(6).enumerate().any(|(i, w)| {
        w == b"\\u0000" && json[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 0
    })
}

/// `application/json`, or any `application/...+json`, as axum's own `Json` accepts.
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let essence = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Query`, but a malformed query string answers 400 with `{"error": ...}`,
/// and so does a NUL (`%00`) in it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let raw = parts.uri.query().unwrap_or_default();
        if raw
            .as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"%00"))
        {
            return Err(AppError::nul_in_text());
        }
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Query(value))
    }
}

/// `axum::extract::Path`, but a malformed id answers 400 with `{"error": ...}`.
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

#[cfg(test)]
mod tests {
    use super::holds_nul_escape;

    #[test]
    fn only_a_real_nul_escape_counts() {
        assert!(holds_nul_escape(br#"{"a":"x\u0000y"}"#));
        assert!(holds_nul_escape(br#"{"a":"\\\u0000"}"#));
        assert!(!holds_nul_escape(br#"{"a":"x\\u0000y"}"#));
        assert!(!holds_nul_escape(br#"{"a":"u0000"}"#));
    }
}
