//! Queries on `jobs`: enqueue an occurrence once, claim the next due job for one runner,
//! and record how it ended. The claim is one statement: on PostgreSQL its row is taken with
//! `FOR UPDATE SKIP LOCKED` (two runners never take the same job, and neither waits for
//! the other); on SQLite the caller's write transaction holds the only write lock.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::entities::jobs;
use super::raw::statement;
use crate::domain::job::{Job, JobKind, JobStatus};

/// Adds the occurrence `key` of `kind`, due at `run_at`, unless it is there already;
/// `true` when this call added it.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    kind: JobKind,
    key: &str,
    run_at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let now = crate::clock::now();
    let done = db
        .execute_raw(statement(
            db,
            r#"INSERT INTO jobs (id, kind, "key", status, "runAt", attempts, "createdAt", "updatedAt")
               VALUES ($1, $2, $3, 'queued', $4, 0, $5, $5)
               ON CONFLICT ("key") DO NOTHING"#,
            vec![
                Uuid::now_v7().into(),
                kind.as_str().into(),
                key.into(),
                run_at.into(),
                now.into(),
            ],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes the job due soonest (queued and due, or running past its lease: its runner died)
/// for `worker` until `lease_until`, counting the attempt; `None` when nothing is due.
pub async fn claim(
    db: &impl ConnectionTrait,
    worker: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<jobs::Model>, DbErr> {
    let due = r#"(status = 'queued' AND "runAt" <= $3)
                 OR (status = 'running' AND "lockedUntil" < $3)"#;
    claim_first(db, due, None, worker, now, lease_until).await
}

/// Takes the first queued job whose key starts with `prefix` (one course's, from
/// `domain::job::course_prefix`), as `claim` does, due or not: its change was just
/// committed, and the instance that made it runs it at once. A job that failed before
/// waits for its retry.
pub async fn claim_queued(
    db: &impl ConnectionTrait,
    prefix: &str,
    worker: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<jobs::Model>, DbErr> {
    let mine = r#"status = 'queued' AND attempts = 0 AND "key" LIKE $4"#;
    let pattern = format!("{prefix}%");
    claim_first(db, mine, Some(pattern), worker, now, lease_until).await
}

/// The claim itself: the first job matching `condition` (with `$3` for now and `$4` for
/// `extra`) taken for `worker`, in one statement.
async fn claim_first(
    db: &impl ConnectionTrait,
    condition: &str,
    extra: Option<String>,
    worker: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<jobs::Model>, DbErr> {
    let lock = match db.get_database_backend() {
        DbBackend::Postgres => "FOR UPDATE SKIP LOCKED",
        _ => "",
    };
    let sql = format!(
        r#"UPDATE jobs SET status = 'running', "lockedBy" = $1, "lockedUntil" = $2,
             "startedAt" = $3, "finishedAt" = NULL, attempts = attempts + 1, "updatedAt" = $3
           WHERE id = (SELECT id FROM jobs WHERE {condition}
                       ORDER BY "runAt", id LIMIT 1 {lock})
           RETURNING *"#
    );
    let mut values = vec![worker.into(), lease_until.into(), now.into()];
    values.extend(extra.map(Into::into));
    jobs::Entity::find()
        .from_raw_sql(statement(db, &sql, values))
        .one(db)
        .await
}

/// Moves the lease of `worker`'s running job `id` to `until` (the runner's heartbeat while
/// a long job runs); `false` when the job is no longer this worker's.
pub async fn extend(
    db: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    until: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = db
        .execute_raw(statement(
            db,
            r#"UPDATE jobs SET "lockedUntil" = $1
               WHERE id = $2 AND "lockedBy" = $3 AND status = 'running'"#,
            vec![until.into(), id.into(), worker.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes jobs that ended before `cutoff` (done or failed for good); answers how many.
pub async fn delete_finished(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let done = db
        .execute_raw(statement(
            db,
            r#"DELETE FROM jobs WHERE status IN ('done', 'failed') AND "finishedAt" < $1"#,
            vec![cutoff.into()],
        ))
        .await?;
    Ok(done.rows_affected())
}

/// The end of `worker`'s run of job `id`: done with `result`, queued again at `retry_at`
/// after an error, or failed for good. Nothing changes when the job is no longer this
/// worker's (its lease ran out and another runner took it); `false` then.
pub async fn settle(
    db: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    outcome: Result<String, (String, Option<DateTime<Utc>>)>,
) -> Result<bool, DbErr> {
    let now = crate::clock::now();
    let (status, run_at, result, error) = match outcome {
        Ok(result) => (JobStatus::Done, None, Some(result), None),
        Err((error, Some(retry_at))) => (JobStatus::Queued, Some(retry_at), None, Some(error)),
        Err((error, None)) => (JobStatus::Failed, None, None, Some(error)),
    };
    let finished = (status != JobStatus::Queued).then_some(now);
    let done = db
        .execute_raw(statement(
            db,
            r#"UPDATE jobs SET status = $1, "runAt" = COALESCE($2, "runAt"),
                 result = COALESCE($3, result), "lastError" = COALESCE($4, "lastError"),
                 "finishedAt" = $5, "lockedUntil" = NULL, "updatedAt" = $6
               WHERE id = $7 AND "lockedBy" = $8 AND status = 'running'"#,
            vec![
                status.as_str().into(),
                run_at.into(),
                result.into(),
                error.into(),
                finished.into(),
                now.into(),
                id.into(),
                worker.into(),
            ],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The latest jobs, newest first.
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Job>, DbErr> {
    Ok(jobs::Entity::find()
        .order_by_desc(jobs::Column::CreatedAt)
        .order_by_desc(jobs::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(Job::from)
        .collect())
}

impl From<jobs::Model> for Job {
    fn from(m: jobs::Model) -> Self {
        Job {
            id: m.id,
            kind: m.kind,
            key: m.key,
            // An unknown status (a newer version's) reads as failed: it is not ours to run.
            status: JobStatus::parse(&m.status).unwrap_or(JobStatus::Failed),
            run_at: m.run_at,
            attempts: m.attempts,
            locked_by: m.locked_by,
            started_at: m.started_at,
            finished_at: m.finished_at,
            result: m.result,
            last_error: m.last_error,
            course_title: None,
            created_at: m.created_at,
        }
    }
}
