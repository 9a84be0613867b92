//! The only module that talks to SeaORM: connecting, migrating and (as features arrive)
//! query functions that take `&impl ConnectionTrait` and return plain types.

pub mod assignments;
pub mod attempts;
pub mod attendance;
pub mod calendar;
pub mod certificates;
pub mod contents;
pub mod courses;
pub mod dashboard;
pub mod dump;
pub mod enrolments;
pub mod entities;
mod error;
pub mod files;
pub mod grades;
mod handle;
pub mod jobs;
pub mod login_throttles;
pub mod notes;
pub mod progress;
pub mod questions;
mod raw;
pub(crate) use raw::count as raw_count;
pub mod sections;
pub mod sessions;
pub mod settings;
mod slow_log;
pub mod stats;
pub mod submissions;
pub mod user_preferences;
pub mod users;

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};

use crate::config::{Config, DatabaseTarget, redact_url};

pub use error::{Error, ErrorKind, kind as error_kind};
/// `%search%` for `LIKE ... ESCAPE '\'`, with `%`, `_` and `\` in the search literal.
pub(crate) fn like_contains(search: &str) -> String {
    let escaped = search
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

pub use handle::{Db, PoolUse, WriteTxn, begin_write};
/// What query functions run on: the pool or a transaction (services name it, never SeaORM).
pub use sea_orm::ConnectionTrait as Connection;

/// How long SQLite waits for a competing writer before answering "database is locked".
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a pooled connection may sit idle before it is pinged on checkout.
const POOL_PING_AFTER_IDLE: Duration = Duration::from_secs(5);

/// Opens the configured database: SQLite (creating its folder and file, WAL, foreign keys on,
/// busy timeout) or PostgreSQL, with the configured pool. Fails with one sentence when the
/// database cannot be reached.
pub async fn connect(config: &Config) -> anyhow::Result<Db> {
    let target = config.database_target()?;
    let url = match &target {
        DatabaseTarget::Sqlite { path } => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| {
                    format!(
                        "cannot create the data folder {}: check its permissions or set COURSEWORX_DATA_DIR",
                        dir.display()
                    )
                })?;
            }
            create_private_file(path)?;
            sqlite_url(path)
        }
        DatabaseTarget::Postgres { url } => url.clone(),
    };
    let mut opts = ConnectOptions::new(url.clone());
    opts.max_connections(config.database.pool_max)
        .min_connections(config.database.pool_min)
        .acquire_timeout(config.pool_acquire_timeout())
        .connect_timeout(config.pool_acquire_timeout())
        .idle_timeout(config.pool_idle_timeout())
        // sqlx pings a pooled connection on every checkout by default: a round trip before
        // each statement outside a transaction (PostgreSQL), a hand-off to the connection's
        // thread (SQLite). Only a connection idle long enough to have been dropped by the
        // server or the network is pinged; a busy one goes straight to work.
        .test_before_acquire_if_idle_for(POOL_PING_AFTER_IDLE)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
        })
        .map_sqlx_sqlite_pool_opts(|o| {
            o.after_connect(|conn, _| Box::pin(async move { stable_plans(conn).await }))
        });
    let where_ = match &target {
        DatabaseTarget::Sqlite { path } => format!("the SQLite database {}", path.display()),
        DatabaseTarget::Postgres { url } => format!("PostgreSQL at {}", redact_url(url)),
    };
    let mut db = Database::connect(opts)
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to {where_}: {}", first_line(&e)))?;
    db.ping()
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to {where_}: {}", first_line(&e)))?;
    entities::tag_list::store_arrays_as_json(db.get_database_backend() == DbBackend::Sqlite);
    let slow_queries = prometheus_client::metrics::counter::Counter::default();
    slow_log::install(&mut db, &config.log, slow_queries.clone());
    Ok(Db::new(db, slow_queries))
}

/// Turns on SQLite's query planner stability guarantee for a connection: a statement keeps
/// the plan it was prepared with whatever values are bound to it. Without it, once
/// `PRAGMA optimize` has gathered STAT4 samples, SQLite prepares a cached statement again
/// whenever a bound value could change its plan, which is every request (a new session id,
/// course id): a fifth of the server's CPU under S2 went to re-preparing (BENCHMARKS.md).
/// Plans still follow the statistics; they just do not depend on one request's values.
async fn stable_plans(
    conn: &mut sea_orm::sqlx::SqliteConnection,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: the locked handle guarantees no other call runs on this connection, and the
    // arguments match SQLITE_DBCONFIG_ENABLE_QPSG's documented signature (int, int*).
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as std::ffi::c_int,
            std::ptr::null_mut::<std::ffi::c_int>(),
        )
    };
    if rc != libsqlite3_sys::SQLITE_OK {
        return Err(sea_orm::sqlx::Error::Configuration(
            format!("SQLite refused the planner stability setting (code {rc})").into(),
        ));
    }
    Ok(())
}

/// Creates the SQLite file readable by its owner alone (0600) when it does not exist yet:
/// it holds password hashes and sessions. SQLite gives its `-wal` and `-shm` files the
/// database file's mode.
fn create_private_file(path: &Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| {
            format!(
                "cannot create the database file {}: check the folder's permissions or set COURSEWORX_DATA_DIR",
                path.display()
            )
        }),
    }
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

fn first_line(e: &dyn std::fmt::Display) -> String {
    e.to_string().lines().next().unwrap_or_default().to_owned()
}

/// Applies every pending migration; running it again changes nothing.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    use migration::MigratorTrait;
    migration::Migrator::up(db, None)
        .await
        .map_err(|e| anyhow::anyhow!("database migration failed: {e}"))
}

/// Keeps SQLite's query planner informed: `PRAGMA optimize` gathers statistics for tables
/// that changed much since the last time (bounded by `analysis_limit`, so it is quick on a
/// large database). Without statistics SQLite may pick a low-selectivity index over a
/// search index (the catalogue: 62 ms instead of 4 ms at 100,000 courses). PostgreSQL's
/// autovacuum does this itself.
pub async fn optimize(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")
            .await?;
    }
    Ok(())
}

/// `sqlite` or `postgres`.
pub fn backend_name(db: &impl ConnectionTrait) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Postgres => "postgres",
        DbBackend::Sqlite => "sqlite",
        _ => "other",
    }
}

/// A round trip to the database, timed.
pub async fn round_trip(db: &DatabaseConnection) -> Result<Duration, sea_orm::DbErr> {
    let start = Instant::now();
    db.ping().await?;
    Ok(start.elapsed())
}

/// Rows of any of these learners (trainee and course pairs), for the query builder: a
/// batch's enrolments, completions and positions, read through their trainee's index.
pub(crate) fn learners_condition(
    user: impl sea_orm::ColumnTrait,
    course: impl sea_orm::ColumnTrait,
    learners: &[(uuid::Uuid, crate::domain::policy::CourseGrant)],
) -> sea_orm::Condition {
    learners
        .iter()
        .fold(sea_orm::Condition::any(), |any, (u, grant)| {
            any.add(
                sea_orm::Condition::all()
                    .add(user.eq(*u))
                    .add(course.eq(grant.course_id())),
            )
        })
}
