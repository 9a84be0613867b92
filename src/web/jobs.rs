//! The background jobs' page (`GET /jobs`), for super admins: the latest runs, what each
//! did, and why a failed one failed (`services::jobs`; the same list as `GET /api/jobs`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::domain::job::{Job, JobKind, JobStatus};
use crate::services::jobs;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::page::{self, Page};
use crate::web::routes::PageRoutes;
use crate::web::session::PageUser;

pub fn pages(routes: PageRoutes) -> PageRoutes {
    routes.get("/jobs", list)
}

/// One row of the table, in the viewer's language.
struct JobRow {
    job: Job,
    attempts: u64,
    name: String,
    /// What a finished run did, in words.
    outcome: Option<String>,
    status: String,
    badge: &'static str,
}

#[derive(Template)]
#[template(path = "jobs/list.html")]
struct JobsPage {
    ctx: Page,
    rows: Vec<JobRow>,
}

/// A run's counts (`services::jobs` stores them as JSON) in the reader's words; anything
/// else as it is.
fn outcome(ctx: &Page, kind: &str, result: &str) -> String {
    let Ok(counts) = serde_json::from_str::<serde_json::Value>(result) else {
        return result.to_owned();
    };
    let n = |name: &str| ctx.number(&counts[name].as_u64().unwrap_or(0));
    // A further sentence for a count that is not zero.
    let more = |name: &'static str, key: &str| {
        if counts[name].as_u64().unwrap_or(0) > 0 {
            format!(" {}", ctx.t1(key, name, n(name)))
        } else {
            String::new()
        }
    };
    match JobKind::parse(kind) {
        Some(JobKind::Housekeeping) => {
            ctx.t3(
                "jobs-result-housekeeping",
                ["sessions", "counts", "attempts"],
                [n("sessions"), n("signInCounts"), n("attempts")],
            ) + &more("jobs", "jobs-result-housekeeping-jobs")
        }
        Some(JobKind::FileSweep) => ctx.t2(
            "jobs-result-file-sweep",
            "removed",
            n("removed"),
            "kept",
            n("kept"),
        ),
        Some(JobKind::Backup) => {
            ctx.t3(
                "jobs-result-backup",
                ["name", "rows", "files"],
                [
                    counts["name"].as_str().unwrap_or_default().to_owned(),
                    n("rows"),
                    n("files"),
                ],
            ) + &more("removed", "jobs-result-backup-removed")
        }
        Some(JobKind::Progress) => ctx.t1("jobs-result-progress", "count", n("count")),
        Some(JobKind::Waitlist) => ctx.t1("jobs-result-waitlist", "count", n("count")),
        None => result.to_owned(),
    }
}

/// `GET /jobs`
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    let recent = jobs::recent(&state, &who.user).await?;
    let rows = recent
        .into_iter()
        .map(|job| {
            let name = match JobKind::parse(&job.kind) {
                Some(JobKind::Housekeeping) => ctx.t("jobs-kind-housekeeping"),
                Some(JobKind::FileSweep) => ctx.t("jobs-kind-file-sweep"),
                Some(JobKind::Backup) => ctx.t("jobs-kind-backup"),
                Some(JobKind::Progress) => ctx.t("jobs-kind-progress"),
                Some(JobKind::Waitlist) => ctx.t("jobs-kind-waitlist"),
                None => job.kind.clone(),
            };
            let (status, badge) = match job.status {
                JobStatus::Queued => (ctx.t("jobs-status-queued"), "info"),
                JobStatus::Running => (ctx.t("jobs-status-running"), "warning"),
                JobStatus::Done => (ctx.t("jobs-status-done"), "success"),
                JobStatus::Failed => (ctx.t("jobs-status-failed"), "danger"),
            };
            JobRow {
                attempts: u64::try_from(job.attempts).unwrap_or(0),
                outcome: job.result.as_deref().map(|r| outcome(&ctx, &job.kind, r)),
                job,
                name,
                status,
                badge,
            }
        })
        .collect();
    page::render(StatusCode::OK, &JobsPage { ctx, rows })
}
