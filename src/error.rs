//! The one error type of the use cases, shared by the API and the pages. How it is
//! answered lives at the edges: `api::error` (the JSON body and status, `IntoResponse`) and
//! `web::errors` (the error pages).

use crate::db::{self, ErrorKind};

pub use crate::domain::validation::{FieldError, FieldErrors};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthorized")]
    Unauthorized,
    /// Refused, for this reason (403; 409 for the last super admin).
    #[error("denied: {0:?}")]
    Denied(crate::domain::policy::Denied),
    /// The user must change the temporary password before doing anything else.
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("not found")]
    NotFound,
    /// The address exists, but not for this method (`Allow` names the ones it takes).
    #[error("method not allowed")]
    MethodNotAllowed,
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

impl AppError {
    /// Text holding a NUL character, which PostgreSQL cannot store: 400 on both databases.
    pub fn nul_in_text() -> AppError {
        AppError::BadRequest("Text must not contain NUL characters.".to_owned())
    }

    /// A 422 for one field.
    pub fn field(field: &str, error: FieldError) -> AppError {
        AppError::Validation(FieldErrors::one(field, error))
    }
}

impl From<crate::domain::policy::Denied> for AppError {
    fn from(denied: crate::domain::policy::Denied) -> Self {
        AppError::Denied(denied)
    }
}

/// A course hidden from the caller is not found; one they may see but not change is a 403.
impl From<crate::domain::policy::CourseRefusal> for AppError {
    fn from(r: crate::domain::policy::CourseRefusal) -> Self {
        match r {
            crate::domain::policy::CourseRefusal::Hidden => AppError::NotFound,
            crate::domain::policy::CourseRefusal::Denied(d) => AppError::Denied(d),
        }
    }
}

impl From<crate::auth::password::HashError> for AppError {
    fn from(e: crate::auth::password::HashError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

impl From<db::Error> for AppError {
    fn from(err: db::Error) -> Self {
        match db::error_kind(&err) {
            ErrorKind::UniqueViolation => {
                AppError::Conflict("This record already exists.".to_owned())
            }
            ErrorKind::ForeignKeyViolation => {
                AppError::Conflict("This record is still referenced by other records.".to_owned())
            }
            // Bad input, wherever it slipped past validation, not a server error.
            ErrorKind::NulInText => AppError::nul_in_text(),
            ErrorKind::NotFound => AppError::NotFound,
            ErrorKind::Unavailable => {
                tracing::warn!(error = %err, "the database is unavailable");
                AppError::Unavailable(
                    "The database is unavailable for a moment. Try again shortly.".to_owned(),
                )
            }
            ErrorKind::Other => AppError::Internal(anyhow::Error::new(err)),
        }
    }
}

/// A refused upload is the client's (413); a missing file is a 404; anything else is ours.
impl From<crate::storage::StorageError> for AppError {
    fn from(e: crate::storage::StorageError) -> Self {
        use crate::storage::StorageError as E;
        match e {
            E::TooLarge { .. } => AppError::PayloadTooLarge,
            E::NotFound => AppError::NotFound,
            E::Body(_) => {
                AppError::BadRequest("The upload could not be read to its end.".to_owned())
            }
            other => AppError::Internal(other.into()),
        }
    }
}
