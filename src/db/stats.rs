//! `course_stats`: one row per course, summarising its enrolments, scores and revenue.
//!
//! Kept right by forgetting: every write that changes what the row summarises deletes it
//! in the same transaction (`forget`), and reading a course without a row recomputes it
//! (`recompute`) under the course's row lock. Every such write already holds a lock on the
//! course row (enrolment changes `FOR UPDATE`, learning `FOR KEY SHARE`), and the
//! recompute takes `FOR UPDATE`: so it waits for writes in flight to commit before it
//! counts, and a write that starts after it waits for it, then forgets the row it wrote.
//! A row that exists therefore always equals a recount (tested against random sequences
//! of changes), and reading one is a single-row lookup whatever the class size.

use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    Statement, Value,
};
use uuid::Uuid;

use super::entities::course_stats;
use super::raw::{decimal, int, statement};
use crate::domain::policy::CourseGrant;
use crate::domain::stats::{CourseStats, Tally};

/// Drops the course's row: the next read recomputes it.
pub async fn forget(db: &impl ConnectionTrait, course: Uuid) -> Result<(), DbErr> {
    forget_many(db, &[course]).await
}

/// Drops these courses' rows in one statement.
pub async fn forget_many(db: &impl ConnectionTrait, courses: &[Uuid]) -> Result<(), DbErr> {
    course_stats::Entity::delete_many()
        .filter(course_stats::Column::CourseId.is_in(courses.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

impl From<course_stats::Model> for CourseStats {
    fn from(m: course_stats::Model) -> Self {
        CourseStats {
            course_id: m.course_id,
            total_enrollments: m.total_enrollments.unwrap_or(0),
            active_enrollments: m.active_enrollments.unwrap_or(0),
            completed_enrollments: m.completed_enrollments.unwrap_or(0),
            average_progress: m.average_progress.unwrap_or_default().round_dp(2),
            average_score: m.average_score.map(|s| s.round_dp(2)),
            completion_rate: m.completion_rate.unwrap_or_default().round_dp(2),
            total_revenue: m.total_revenue.unwrap_or_default().round_dp(2),
            last_updated: m.last_updated,
        }
    }
}

/// The stored row, if it is there (fresh by construction).
pub async fn read(db: &impl ConnectionTrait, course: Uuid) -> Result<Option<CourseStats>, DbErr> {
    Ok(course_stats::Entity::find()
        .filter(course_stats::Column::CourseId.eq(course))
        .one(db)
        .await?
        .map(CourseStats::from))
}

/// The enrolment half of a recount: counts, progress and revenue (the price of each
/// trainee's last entry into the course, from the enrolment's history), in one pass over
/// the course's enrolments.
const ENROLMENT_TALLY: &str = r#"SELECT COUNT(*) AS "total",
      COALESCE(SUM(CASE WHEN e.status = 'enrolled' THEN 1 ELSE 0 END), 0) AS "active",
      COALESCE(SUM(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END), 0) AS "completed",
      COALESCE(SUM(CASE WHEN e.status <> 'dropped' THEN 1 ELSE 0 END), 0) AS "current",
      CAST(COALESCE(SUM(CASE WHEN e.status <> 'dropped' THEN e.progress ELSE 0 END), 0) AS TEXT)
        AS "progress",
      CAST(COALESCE(SUM(CASE WHEN e.status <> 'dropped' THEN
          (SELECT ev.price FROM enrollment_events ev
            WHERE ev."enrollmentId" = e.id AND ev.price IS NOT NULL
            ORDER BY ev."createdAt" DESC, ev.id DESC LIMIT 1)
        ELSE 0 END), 0) AS TEXT) AS "revenue"
    FROM enrollments e WHERE e."courseId" = $1"#;

/// The score half: every graded submission and quiz attempt of the course, in percent.
const SCORE_TALLY: &str = r#"SELECT CAST(COALESCE(SUM(x.p), 0) AS TEXT) AS "sum", COUNT(x.p) AS "n" FROM (
      SELECT s.score * 100.0 / a.points AS p
        FROM assignment_submissions s JOIN assignments a ON a.id = s."assignmentId"
       WHERE s."courseId" = $1 AND s.status = 'graded' AND a.points > 0
      UNION ALL
      SELECT q.score * 100.0 / q."maxScore" AS p FROM quiz_attempts q
       WHERE q."courseId" = $1 AND q.status = 'graded' AND q."maxScore" > 0
    ) x"#;

/// The two statements a recount runs for a course, as they are sent: for
/// `examples/stats_at_scale.rs`, which times them and prints their plans.
pub fn recount_statements(
    db: &impl ConnectionTrait,
    course: Uuid,
) -> [(&'static str, Statement); 2] {
    let course: Value = course.into();
    [
        (
            "enrolments",
            statement(db, ENROLMENT_TALLY, vec![course.clone()]),
        ),
        ("scores", statement(db, SCORE_TALLY, vec![course])),
    ]
}

/// What the course's rows add up to: the two queries of a recount.
async fn tally(db: &impl ConnectionTrait, course: Uuid) -> Result<Tally, DbErr> {
    if db.get_database_backend() == DbBackend::Postgres {
        // Within the recount's transaction only. The plan is one index walk with a lookup
        // per enrolment, but its estimated cost grows with the class, and past about
        // 110,000 enrolments it crosses `jit_optimize_above_cost`: compiling the query
        // then takes longer than running it (BENCHMARKS.md).
        db.execute_unprepared("SET LOCAL jit = off").await?;
    }
    let [(_, enrolments), (_, scores)] = recount_statements(db, course);
    let row = db
        .query_one_raw(enrolments)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("enrolment counts".to_owned()))?;
    let score_row = db
        .query_one_raw(scores)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("scores".to_owned()))?;
    Ok(Tally {
        total: int(&row, "total")?,
        active: int(&row, "active")?,
        completed: int(&row, "completed")?,
        current: int(&row, "current")?,
        progress_sum: decimal(row.try_get("", "progress")?),
        revenue: decimal(row.try_get("", "revenue")?),
        score_sum: decimal(score_row.try_get("", "sum")?),
        scores: int(&score_row, "n")?,
    })
}

/// Counts the course's rows afresh (`tally`) and stores the result. Call it holding the
/// course's row `FOR UPDATE` (see the module's documentation).
pub async fn recompute(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
) -> Result<CourseStats, DbErr> {
    let tally = tally(db, grant.course_id()).await?;
    let stats = tally.stats(grant.course_id(), crate::clock::now());
    forget(db, grant.course_id()).await?;
    course_stats::ActiveModel {
        id: NotSet,
        course_id: Set(stats.course_id),
        total_enrollments: Set(Some(stats.total_enrollments)),
        active_enrollments: Set(Some(stats.active_enrollments)),
        completed_enrollments: Set(Some(stats.completed_enrollments)),
        average_progress: Set(Some(stats.average_progress)),
        average_score: Set(stats.average_score),
        completion_rate: Set(Some(stats.completion_rate)),
        total_revenue: Set(Some(stats.total_revenue)),
        last_updated: Set(stats.last_updated),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?;
    Ok(stats)
}
