//! The one error type of request handling, and its JSON body
//! (`{"error": {"code", "message", "fields"}}`, DESIGN.md section 4).
//!
//! Internal causes are logged with their chain and never sent to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub use crate::domain::validation::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthorized")]
    Unauthorized,
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The user must change the temporary password before doing anything else.
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts; try again after this many seconds (sent as Retry-After).
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

/// Every error answer of the API: `{"error": {"code", "message", "fields"}}`.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `validation_failed`, `bad_request`, `unauthorized`,
    /// `forbidden`, `password_change_required`, `not_found`, `conflict`,
    /// `payload_too_large`, `unsupported_media_type`, `too_many_requests`, `unavailable`,
    /// `internal`.
    code: &'static str,
    /// For people; never driver or stack text.
    message: String,
    /// With `validation_failed`: every bad field and its messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<FieldErrors>,
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::PasswordChangeRequired => (StatusCode::FORBIDDEN, "password_change_required"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            AppError::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            AppError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_requests")
            }
            AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    fn public_message(&self) -> String {
        match self {
            AppError::Validation(_) => "Some fields are not valid.".to_owned(),
            AppError::BadRequest(m)
            | AppError::Forbidden(m)
            | AppError::Conflict(m)
            | AppError::UnsupportedMediaType(m) => m.clone(),
            AppError::PasswordChangeRequired => {
                "Change your password before continuing (PUT /api/auth/password).".to_owned()
            }
            AppError::PayloadTooLarge => "The request body is too large.".to_owned(),
            AppError::Unauthorized => "Authentication is required.".to_owned(),
            AppError::NotFound => "Not found.".to_owned(),
            AppError::TooManyRequests { retry_after_secs } => {
                format!("Too many failed attempts. Try again in {retry_after_secs} seconds.")
            }
            AppError::Unavailable(m) => m.clone(),
            AppError::Internal(_) => "Something went wrong on our side.".to_owned(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let AppError::Internal(cause) = &self {
            tracing::error!(error = format!("{cause:#}"), "internal error");
        }
        let fields = match &self {
            AppError::Validation(f) => Some(f.clone()),
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message: self.public_message(),
                fields,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let AppError::TooManyRequests { retry_after_secs } = self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(retry_after_secs),
            );
        }
        response
    }
}

/// What a panic in a handler says, for the log (a `&str` or `String` payload).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a handler panicked")
}

/// A handler that panics still answers: the API's 500 body, the cause logged (a panic is a
/// bug, but the client gets an answer instead of a dropped connection).
pub fn catch_panic_layer()
-> tower_http::catch_panic::CatchPanicLayer<fn(Box<dyn std::any::Any + Send + 'static>) -> Response>
{
    fn respond(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
        AppError::Internal(anyhow::anyhow!(
            "panic: {}",
            panic_message(payload.as_ref())
        ))
        .into_response()
    }
    tower_http::catch_panic::CatchPanicLayer::custom(respond)
}

impl AppError {
    /// A 422 for one field.
    pub fn field(field: &str, message: &str) -> AppError {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        AppError::Validation(errors)
    }
}

impl From<crate::domain::policy::Denied> for AppError {
    fn from(denied: crate::domain::policy::Denied) -> Self {
        AppError::Forbidden(denied.0.to_owned())
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

/// Malformed JSON bodies get the same error body as everything else.
impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        use axum::extract::rejection::JsonRejection as R;
        match rejection {
            R::MissingJsonContentType(_) => AppError::UnsupportedMediaType(
                "Send the body as JSON with Content-Type: application/json.".to_owned(),
            ),
            R::JsonDataError(e) => {
                let mut errors = FieldErrors::default();
                errors.add("body", e.body_text());
                AppError::Validation(errors)
            }
            R::JsonSyntaxError(_) => AppError::BadRequest("The body is not valid JSON.".to_owned()),
            R::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::PayloadTooLarge
            }
            other => AppError::BadRequest(other.body_text()),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        AppError::BadRequest(format!(
            "The query string is not valid: {}",
            rejection.body_text()
        ))
    }
}

impl From<axum::extract::rejection::PathRejection> for AppError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        AppError::BadRequest(format!(
            "The address is not valid: {}",
            rejection.body_text()
        ))
    }
}

/// The SQLSTATE code of a database error, if the database gave one.
fn sqlstate(err: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr};
    match err {
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => e
            .as_database_error()
            .and_then(|d| d.code())
            .map(|c| c.into_owned()),
        _ => None,
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::{DbErr, SqlErr};
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                return AppError::Conflict("This record already exists.".to_owned());
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                return AppError::Conflict(
                    "This record is still referenced by other records.".to_owned(),
                );
            }
            _ => {}
        }
        // PostgreSQL refuses a NUL character in text (SQLSTATE 22021): that is bad input,
        // wherever it slipped past validation, not a server error.
        if sqlstate(&err).as_deref() == Some("22021") {
            return AppError::BadRequest("Text must not contain NUL characters.".to_owned());
        }
        match err {
            DbErr::RecordNotFound(_) => AppError::NotFound,
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_the_500_body() {
        async fn boom() -> &'static str {
            panic!("overflow in a driver")
        }
        let app = Router::new()
            .route("/boom", get(boom))
            .layer(super::catch_panic_layer());
        let res = app
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("\"code\":\"internal\""), "{text}");
        assert!(!text.contains("overflow"), "{text}");
    }
}
