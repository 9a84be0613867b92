//! Background jobs: the kinds there are, when a scheduled one is due, and how a failed
//! attempt is retried. The runner is `services::jobs`; the rows are `db::jobs`.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::Serialize;
use uuid::Uuid;

/// What a job does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobKind {
    /// Ended sessions and stale sign-in counts deleted, SQLite's statistics refreshed,
    /// timed quiz attempts nobody came back to submitted (`services::maintenance`).
    Housekeeping,
    /// Stored files no row names any more, and older than a few hours, deleted
    /// (`services::files`).
    FileSweep,
    /// A backup of the database and files into the backups folder, the oldest beyond the
    /// configured number removed (`services::backups`).
    Backup,
    /// Every learner's progress in one course recomputed after its outline changed, with
    /// the enrolments that reach 100 % completed and their certificates issued
    /// (`services::progress`).
    Progress,
    /// Free places of one course given to those waiting, first in line first
    /// (`services::enrolments`).
    Waitlist,
}

impl JobKind {
    pub const ALL: [JobKind; 5] = [
        JobKind::Housekeeping,
        JobKind::FileSweep,
        JobKind::Backup,
        JobKind::Progress,
        JobKind::Waitlist,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Housekeeping => "housekeeping",
            JobKind::FileSweep => "file_sweep",
            JobKind::Backup => "backup",
            JobKind::Progress => "progress",
            JobKind::Waitlist => "waitlist",
        }
    }

    pub fn parse(s: &str) -> Option<JobKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How often it is scheduled: one occurrence per period, whatever the instances.
    /// Backups every `backup_hours` (the configuration's), none at 0. A course's jobs are
    /// not scheduled: a change enqueues one (`for_course`).
    pub fn every(self, backup_hours: u32) -> Option<TimeDelta> {
        match self {
            JobKind::Housekeeping => Some(TimeDelta::hours(1)),
            JobKind::FileSweep => Some(TimeDelta::days(1)),
            JobKind::Backup => {
                (backup_hours > 0).then(|| TimeDelta::hours(i64::from(backup_hours)))
            }
            JobKind::Progress | JobKind::Waitlist => None,
        }
    }

    /// Attempts before a failing occurrence is left `failed`.
    pub fn max_attempts(self) -> i32 {
        match self {
            JobKind::Housekeeping
            | JobKind::FileSweep
            | JobKind::Backup
            | JobKind::Progress
            | JobKind::Waitlist => 3,
        }
    }
}

/// Where a job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Failed,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        [
            JobStatus::Queued,
            JobStatus::Running,
            JobStatus::Done,
            JobStatus::Failed,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// How long a claimed job is its runner's: past this, another instance takes it up (the
/// runner died). Longer than any job takes.
pub const LEASE: TimeDelta = TimeDelta::minutes(10);

/// The scheduled occurrence of `kind`, run `every` so long, whose period holds `now`: its
/// key (the same on every instance) and when it is due (the period's start).
pub fn occurrence(kind: JobKind, every: TimeDelta, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
    let start = now.duration_trunc(every).unwrap_or(now);
    (
        format!("{}:{}", kind.as_str(), start.format("%Y-%m-%dT%H:%M")),
        start,
    )
}

/// The key of a new job of `kind` about one course: `progress:<course>:<unique>`. The
/// course is the job's subject (`course_of`); the last part makes each change's job its
/// own.
pub fn for_course(kind: JobKind, course: Uuid) -> String {
    format!("{}{}", course_prefix(kind, course), Uuid::now_v7().simple())
}

/// What every key of `kind`'s jobs about `course` starts with.
pub fn course_prefix(kind: JobKind, course: Uuid) -> String {
    format!("{}:{course}:", kind.as_str())
}

/// The course a course job's key names.
pub fn course_of(key: &str) -> Option<Uuid> {
    key.split(':').nth(1).and_then(|c| Uuid::try_parse(c).ok())
}

/// The pause before attempt `attempts + 1` of a job that failed `attempts` times: 30 s,
/// doubling, at most an hour.
pub fn retry_delay(attempts: i32) -> TimeDelta {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(7);
    TimeDelta::seconds(30 * (1_i64 << doublings)).min(TimeDelta::hours(1))
}

/// One job, as the admin's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub id: Uuid,
    pub kind: String,
    pub key: String,
    pub status: JobStatus,
    pub run_at: DateTime<Utc>,
    pub attempts: i32,
    /// The instance running it (or that ran it last).
    pub locked_by: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// What a finished run did: its counts, as a JSON object (`{"removed": 2, "kept": 40}`).
    pub result: Option<String>,
    pub last_error: Option<String>,
    /// What a course's job is about: the course's title (`None` for the others, or when
    /// the course is gone).
    pub course_title: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_occurrence_per_period_and_the_same_key_everywhere() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let (a, due) = occurrence(
            JobKind::Housekeeping,
            TimeDelta::hours(1),
            at("2026-12-06T07:05:09Z"),
        );
        let (b, _) = occurrence(
            JobKind::Housekeeping,
            TimeDelta::hours(1),
            at("2026-12-06T07:59:59Z"),
        );
        let (c, _) = occurrence(
            JobKind::Housekeeping,
            TimeDelta::hours(1),
            at("2026-12-06T08:00:00Z"),
        );
        assert_eq!(a, "housekeeping:2026-12-06T07:00");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(due, at("2026-12-06T07:00:00Z"));
    }

    #[test]
    fn a_course_job_names_its_course() {
        let course = Uuid::now_v7();
        let key = for_course(JobKind::Progress, course);
        assert!(key.starts_with(&course_prefix(JobKind::Progress, course)));
        assert_eq!(course_of(&key), Some(course));
        assert_ne!(key, for_course(JobKind::Progress, course));
        assert_eq!(course_of("housekeeping:2026-12-06T07:00"), None);
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(retry_delay(1), TimeDelta::seconds(30));
        assert_eq!(retry_delay(2), TimeDelta::seconds(60));
        assert_eq!(retry_delay(3), TimeDelta::seconds(120));
        assert_eq!(retry_delay(50), TimeDelta::hours(1));
        assert_eq!(retry_delay(0), TimeDelta::seconds(30));
    }
}
