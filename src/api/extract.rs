//! Extractors whose failures answer with the API's error body.

use axum::extract::FromRequest;

use crate::error::AppError;

/// `axum::Json`, but a malformed body answers 400/415/422 with `{"error": ...}`.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct Json<T>(pub T);

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}
