//! The background jobs' runner. Every instance runs one (`run_forever`); the database
//! decides who runs what (`db::jobs`): a scheduled occurrence is enqueued once under its
//! key however many instances enqueue it, a job is claimed by one runner, and a job whose
//! runner died is taken up again when its lease runs out. So each job runs once across
//! instances and survives a restart.

use std::time::Duration;

use uuid::Uuid;

use crate::db::{self, entities::jobs};
use crate::domain::job::{self, JobKind, LEASE};
use crate::domain::policy::Denied;
use crate::domain::user::{Role, User};
use crate::error::AppError;
use crate::services::maintenance;
use crate::state::AppState;

/// How often a runner looks for due jobs.
pub const EVERY: Duration = Duration::from_secs(30);
/// The most jobs one look runs, so a backlog is shared between instances.
const PER_TICK: usize = 10;
/// How often a running job's lease is renewed: well within `LEASE`.
const HEARTBEAT: Duration = Duration::from_secs(120);
/// How long finished jobs stay listed before housekeeping deletes them.
const KEEP_FINISHED: chrono::TimeDelta = chrono::TimeDelta::days(14);

/// This process's runner's name, written on the jobs it runs: the process id and a random
/// part (two containers may both be process 1). The same for the whole process.
pub fn worker_name() -> String {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let random = Uuid::new_v4().simple().to_string();
        format!("pid{}-{}", std::process::id(), &random[..8])
    })
    .clone()
}

/// One job's run, as the runner reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    pub id: Uuid,
    pub kind: String,
    pub ok: bool,
}

/// Enqueues the scheduled occurrences due now (each once, whoever is first), then runs
/// due jobs until none is left (at most `PER_TICK`), one at a time.
pub async fn tick(state: &AppState, worker: &str) -> Result<Vec<Ran>, AppError> {
    let now = crate::clock::now();
    let txn = db::begin_write(&state.db).await?;
    for kind in JobKind::ALL {
        let Some(every) = kind.every(state.config.backup.every_hours) else {
            continue;
        };
        let (key, due) = job::occurrence(kind, every, now);
        db::jobs::enqueue(&txn, kind, &key, due).await?;
    }
    txn.commit().await?;
    let mut ran = Vec::new();
    while ran.len() < PER_TICK {
        let now = crate::clock::now();
        let txn = db::begin_write(&state.db).await?;
        let claimed = db::jobs::claim(&txn, worker, now, now + LEASE).await?;
        txn.commit().await?;
        let Some(job) = claimed else { break };
        ran.push(finish(state, worker, job).await?);
    }
    Ok(ran)
}

/// Runs the course's queued jobs of `kind` now, on this instance: called by the service
/// whose committed change enqueued one, so that the change's consequence (everyone's
/// progress, places given to those waiting) is there when its answer is. The job was
/// committed with the change: if this instance stops first, or the run fails, a runner
/// takes it up (`tick`). A failure here is logged, not the caller's.
pub async fn run_for_course(state: &AppState, kind: JobKind, course: Uuid) {
    let worker = worker_name();
    let prefix = job::course_prefix(kind, course);
    loop {
        let claimed = async {
            let now = crate::clock::now();
            let txn = db::begin_write(&state.db).await?;
            let claimed = db::jobs::claim_queued(&txn, &prefix, &worker, now, now + LEASE).await?;
            txn.commit().await?;
            Ok::<_, AppError>(claimed)
        }
        .await;
        let job = match claimed {
            Ok(Some(job)) => job,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, %prefix, "could not run a course's job now; a runner will");
                return;
            }
        };
        if let Err(e) = finish(state, &worker, job).await {
            tracing::warn!(error = %e, %prefix, "could not record a course's job; a runner will take it up");
            return;
        }
    }
}

/// Runs a claimed job and records how it ended: done, queued again for a retry, or failed.
async fn finish(state: &AppState, worker: &str, job: jobs::Model) -> Result<Ran, AppError> {
    // While it runs, the lease is renewed: a backup of a large installation outlasts one
    // lease, and another runner must not take it up as if this one had died.
    let work = run(state, &job);
    tokio::pin!(work);
    let mut beat = tokio::time::interval(HEARTBEAT);
    beat.tick().await;
    let outcome = loop {
        tokio::select! {
            outcome = &mut work => break outcome,
            _ = beat.tick() => {
                let until = crate::clock::now() + LEASE;
                if let Err(e) = renew(state, &job, worker, until).await {
                    tracing::warn!(job = %job.key, error = %e, "could not renew a running job's lease");
                }
            }
        }
    };
    let ok = outcome.is_ok();
    state
        .metrics
        .job_ran(&job.kind, if ok { "done" } else { "failed" });
    let settled = match outcome {
        Ok(result) => Ok(result),
        Err(error) => {
            tracing::warn!(job = %job.key, attempt = job.attempts, %error, "a background job failed");
            let retry = JobKind::parse(&job.kind)
                .filter(|k| job.attempts < k.max_attempts())
                .map(|_| crate::clock::now() + job::retry_delay(job.attempts));
            Err((error, retry))
        }
    };
    let txn = db::begin_write(&state.db).await?;
    if !db::jobs::settle(&txn, job.id, worker, settled).await? {
        tracing::warn!(job = %job.key, "a background job outlived its lease; another runner took it");
    }
    txn.commit().await?;
    Ok(Ran {
        id: job.id,
        kind: job.kind.clone(),
        ok,
    })
}

async fn renew(
    state: &AppState,
    job: &jobs::Model,
    worker: &str,
    until: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    db::jobs::extend(&txn, job.id, worker, until).await?;
    txn.commit().await?;
    Ok(())
}

/// What the job does: its counts as a JSON object, or why it failed.
async fn run(state: &AppState, job: &jobs::Model) -> Result<String, String> {
    match JobKind::parse(&job.kind) {
        Some(JobKind::Housekeeping) => housekeeping(state).await.map_err(|e| e.to_string()),
        Some(JobKind::FileSweep) => {
            let cutoff = crate::clock::now() - crate::services::files::GRACE;
            let swept = crate::services::files::sweep(state, cutoff)
                .await
                .map_err(|e| e.to_string())?;
            Ok(serde_json::json!({"removed": swept.removed, "kept": swept.kept}).to_string())
        }
        Some(JobKind::Backup) => crate::services::backups::scheduled(state)
            .await
            .map_err(|e| format!("{e:#}")),
        Some(kind @ (JobKind::Progress | JobKind::Waitlist)) => {
            let course = job::course_of(&job.key)
                .ok_or_else(|| format!("no course in the job's key `{}`", job.key))?;
            let counts = if kind == JobKind::Progress {
                crate::services::progress::recompute_course(state, course).await
            } else {
                crate::services::enrolments::promote(state, course).await
            };
            counts
                .map(|n| serde_json::json!({ "count": n }).to_string())
                .map_err(|e| e.to_string())
        }
        // A newer version's job, met by an older instance: not retried by this one.
        None => Err(format!("unknown job kind `{}`", job.kind)),
    }
}

/// The result is its counts as a JSON object (`{"sessions", "signInCounts", "attempts"}`),
/// which the jobs' page words in the reader's language.
async fn housekeeping(state: &AppState) -> Result<String, AppError> {
    let swept = maintenance::sweep(&state.db).await?;
    let attempts = crate::services::attempts::close_expired(&state.db).await?;
    let jobs = db::jobs::delete_finished(&state.db, crate::clock::now() - KEEP_FINISHED).await?;
    Ok(serde_json::json!({
        "sessions": swept.sessions,
        "signInCounts": swept.login_throttles,
        "attempts": attempts,
        "jobs": jobs,
    })
    .to_string())
}

/// Runs `tick` every `EVERY` until the process ends; a failed look is logged and the next
/// one tries again.
pub async fn run_forever(state: AppState, worker: String) {
    let mut ticks = tokio::time::interval(EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match tick(&state, &worker).await {
            Ok(ran) if !ran.is_empty() => {
                tracing::info!(jobs = ran.len(), "background jobs ran");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the background jobs' runner failed; will retry"),
        }
    }
}

/// The latest jobs, for the super admin.
pub async fn recent(state: &AppState, viewer: &User) -> Result<Vec<job::Job>, AppError> {
    if viewer.role != Role::SuperAdmin {
        return Err(Denied::NotSuperAdmin.into());
    }
    let mut jobs = db::jobs::recent(&state.db, 50).await?;
    let mut courses: Vec<Uuid> = jobs.iter().filter_map(|j| job::course_of(&j.key)).collect();
    courses.sort();
    courses.dedup();
    let titles = db::courses::titles(&state.db, &courses).await?;
    for j in &mut jobs {
        j.course_title = job::course_of(&j.key).and_then(|c| titles.get(&c).cloned());
    }
    Ok(jobs)
}
