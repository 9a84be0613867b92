//! How an `AppError` is answered over HTTP: the status, and the JSON body
//! `{"error": {"code", "message", "fields"}}` (DESIGN.md section 4); axum's rejections
//! turned into the same body; and the catch-panic layer. Internal causes are logged with
//! their chain and never sent to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::{AppError, FieldError, FieldErrors};

/// Every error answer of the API: `{"error": {"code", "message", "fields"}}`.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `validation_failed`, `bad_request`, `unauthorized`,
    /// `forbidden`, `password_change_required`, `not_found`, `method_not_allowed`, `conflict`,
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
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            AppError::Denied(d) if d.is_conflict() => (StatusCode::CONFLICT, "conflict"),
            AppError::Denied(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::PasswordChangeRequired => (StatusCode::FORBIDDEN, "password_change_required"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            AppError::UnsupportedMediaType(_) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            AppError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_requests")
            }
            AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }

    pub fn public_message(&self) -> String {
        match self {
            AppError::Validation(_) => "Some fields are not valid.".to_owned(),
            AppError::Denied(reason) => reason.message().to_owned(),
            AppError::BadRequest(m) | AppError::Conflict(m) | AppError::UnsupportedMediaType(m) => {
                m.clone()
            }
            AppError::PasswordChangeRequired => {
                "Change your password before continuing (PUT /api/auth/password).".to_owned()
            }
            AppError::PayloadTooLarge => "The request body is too large.".to_owned(),
            AppError::Unauthorized => "Authentication is required.".to_owned(),
            AppError::NotFound => "Not found.".to_owned(),
            AppError::MethodNotAllowed => {
                "This route does not take this method: see the Allow header.".to_owned()
            }
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
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a handler panicked")
}

/// Turns a handler's panic into an internal error, rendered by `render` (the cause is
/// logged by the rendering, as for any internal error).
#[derive(Clone, Copy)]
pub struct PanicResponse {
    render: fn(AppError) -> Response,
}

impl tower_http::catch_panic::ResponseForPanic for PanicResponse {
    type ResponseBody = axum::body::Body;

    fn response_for_panic(&mut self, payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
        let message = panic_message(payload.as_ref());
        (self.render)(AppError::Internal(anyhow::anyhow!("panic: {message}")))
    }
}

/// A handler that panics still answers (a panic is a bug, but the client gets an answer
/// instead of a dropped connection). The API renders the JSON 500 body; the pages pass
/// their own `render` for the 500 page.
pub fn catch_panic_layer(
    render: fn(AppError) -> Response,
) -> tower_http::catch_panic::CatchPanicLayer<PanicResponse> {
    tower_http::catch_panic::CatchPanicLayer::custom(PanicResponse { render })
}

impl AppError {
    /// A request body that could not be read: 413 when it was too large, else 400.
    pub fn unreadable_body(status: StatusCode, text: String) -> AppError {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::BadRequest(text)
        }
    }
}

/// Malformed JSON bodies get the same error body as everything else.
/// The field a JSON body's type error is about, and what is wrong with it, from axum's text
/// ("Failed to deserialize ...: firstName: invalid type: integer `5`, expected a string at
/// line 1 column 17"). An unknown field is named as such; an error about the body as a
/// whole (or at an array index) stays on `body`.
fn json_data_error(text: &str) -> (String, FieldError) {
    let detail = text
        .split_once("target type: ")
        .map_or(text, |(_, rest)| rest);
    let detail = detail.rsplit_once(" at line ").map_or(detail, |(d, _)| d);
    let named = detail.split_once(": ").filter(|(path, _)| {
        !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    });
    match named {
        Some((path, message)) if message.starts_with("unknown field") => {
            (path.to_owned(), FieldError::UnknownField)
        }
        Some((path, message)) => (
            path.to_owned(),
            FieldError::WrongType {
                detail: message.to_owned(),
            },
        ),
        None => (
            "body".to_owned(),
            FieldError::WrongType {
                detail: detail.to_owned(),
            },
        ),
    }
}

impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        use axum::extract::rejection::JsonRejection as R;
        match rejection {
            R::MissingJsonContentType(_) => AppError::UnsupportedMediaType(
                "Send the body as JSON with Content-Type: application/json.".to_owned(),
            ),
            R::JsonDataError(e) => {
                let (field, error) = json_data_error(&e.body_text());
                AppError::field(&field, error)
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

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    use tower::ServiceExt;

    #[test]
    fn json_type_errors_name_their_field() {
        let prefix = "Failed to deserialize the JSON body into the target type: ";
        assert_eq!(
            super::json_data_error(&format!(
                "{prefix}role: unknown field `role`, expected `email` or `password` at line 1 column 40"
            )),
            ("role".to_owned(), crate::error::FieldError::UnknownField)
        );
        assert_eq!(
            super::json_data_error(&format!(
                "{prefix}firstName: invalid type: integer `5`, expected a string at line 1 column 15"
            )),
            (
                "firstName".to_owned(),
                crate::error::FieldError::WrongType {
                    detail: "invalid type: integer `5`, expected a string".to_owned()
                }
            )
        );
        assert_eq!(
            super::json_data_error(&format!(
                "{prefix}invalid type: sequence, expected struct LoginBody at line 1 column 1"
            ))
            .0,
            "body"
        );
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_the_500_body() {
        async fn boom() -> &'static str {
            panic!("overflow in a driver")
        }
        let app = Router::new()
            .route("/boom", get(boom))
            .layer(super::catch_panic_layer(IntoResponse::into_response));
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
