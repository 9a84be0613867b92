//! Database errors as the rest of the application sees them: a kind to match on, so that
//! services never look at SeaORM's or the driver's types.

pub use sea_orm::DbErr as Error;

/// What a failed statement means for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A unique key refused the row (an email in use, a second enrolment, a setup race).
    UniqueViolation,
    /// A foreign key refused the change (a row still referenced, or referring to nothing).
    ForeignKeyViolation,
    /// The row asked for is not there.
    NotFound,
    /// PostgreSQL cannot store a NUL character in text (SQLSTATE 22021): bad input.
    NulInText,
    /// The database could not be reached or is shutting down: no connection free in time,
    /// a connection lost (PostgreSQL restarted), SQLSTATE classes 08 and 57P: the server's
    /// state, not the request's doing.
    Unavailable,
    /// Anything else: a fault, not the caller's doing.
    Other,
}

/// The kind of a database error, the same on SQLite and PostgreSQL.
pub fn kind(err: &Error) -> ErrorKind {
    use sea_orm::{DbErr, RuntimeErr, SqlErr};
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => return ErrorKind::UniqueViolation,
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => return ErrorKind::ForeignKeyViolation,
        _ => {}
    }
    let sqlstate = match err {
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => e
            .as_database_error()
            .and_then(|d| d.code())
            .map(|c| c.into_owned()),
        _ => None,
    };
    match sqlstate.as_deref() {
        Some("22021") => return ErrorKind::NulInText,
        Some(code) if code.starts_with("08") || code.starts_with("57P") => {
            return ErrorKind::Unavailable;
        }
        _ => {}
    }
    match err {
        DbErr::RecordNotFound(_) => ErrorKind::NotFound,
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => ErrorKind::Unavailable,
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e))
            if unreachable(e) =>
        {
            ErrorKind::Unavailable
        }
        _ => ErrorKind::Other,
    }
}

/// A driver error that means the connection, not the statement, failed, or that SQLite's
/// file stayed locked by another process past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED
/// and their extended codes; this process's own writers queue and never meet it).
fn unreachable(e: &sea_orm::sqlx::Error) -> bool {
    use sea_orm::sqlx::Error;
    use sea_orm::sqlx::sqlite::SqliteError;
    const SQLITE_BUSY: i64 = 5;
    const SQLITE_LOCKED: i64 = 6;
    let sqlite_locked = e
        .as_database_error()
        .filter(|d| d.try_downcast_ref::<SqliteError>().is_some())
        .and_then(|d| d.code())
        .and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| matches!(c & 0xff, SQLITE_BUSY | SQLITE_LOCKED));
    sqlite_locked
        || matches!(
            e,
            Error::Io(_) | Error::PoolTimedOut | Error::PoolClosed | Error::WorkerCrashed
        )
}
