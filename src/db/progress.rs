//! `lesson_completions`, `content_positions`, the progress of enrolments, and the step
//! from 100 % to completed.
//!
//! Progress is set-based: one UPDATE computes every affected enrolment's percentage from
//! the rows (`recompute`), whether one trainee completed a lesson or the trainer changed
//! the outline under a class of ten thousand. The lessons that count are the course's
//! required, published lessons in published sections (or in none), certificates aside:
//! a certificate is the reward for the others, not a lesson to complete.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Value};
use uuid::Uuid;

use super::entities::{content_positions, enrollment_events, lesson_completions, user_notes};
use super::raw::statement;
use crate::domain::policy::CourseGrant;
use sea_orm::prelude::Expr;

/// The ids of the lessons that count towards a course's progress (`$1` is the course).
const REQUIRED: &str = r#"SELECT c.id FROM course_contents c
    LEFT JOIN course_sections s ON s.id = c."sectionId"
    WHERE c."courseId" = $1 AND c."isPublished" = TRUE AND c."isRequired" = TRUE
      AND c.type <> 'certificate' AND (c."sectionId" IS NULL OR s."isPublished" = TRUE)"#;

/// Recomputes the progress of the course's enrolments (all of them, or one trainee's) in
/// one statement: completed required lessons over required lessons, in percent with two
/// decimals; 0 when nothing is required. Dropped enrolments keep their last value. The
/// caller forgets the course's statistics (`stats::forget`), once for all its changes.
pub async fn recompute(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    only: Option<Uuid>,
) -> Result<(), DbErr> {
    let mut sql = format!(
        r#"UPDATE enrollments SET
             progress = (
               SELECT CASE WHEN COUNT(*) = 0 THEN 0
                           ELSE ROUND(100.0 * COUNT(lc.id) / COUNT(*), 2) END
               FROM ({REQUIRED}) r
               LEFT JOIN lesson_completions lc
                 ON lc."contentId" = r.id AND lc."userId" = enrollments."userId"
                AND lc.completed = TRUE),
             "updatedAt" = $2
           WHERE "courseId" = $1 AND status <> 'dropped'"#
    );
    let mut values: Vec<Value> = vec![grant.course_id().into(), crate::clock::now().into()];
    if let Some(user) = only {
        sql.push_str(r#" AND "userId" = $3"#);
        values.push(user.into());
    }
    db.execute_raw(statement(db, &sql, values)).await?;
    Ok(())
}

/// Moves every enrolment of the course that reached 100 % from `enrolled` to `completed`
/// (once: the condition is on the row, so a second run or a concurrent one finds nothing),
/// counts them in `completionCount` and in their history, and answers them as
/// (enrolment, trainee) pairs.
pub async fn complete_finished(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    only: Option<Uuid>,
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    let now = crate::clock::now();
    let mut sql = r#"UPDATE enrollments SET status = 'completed',
             "completedAt" = COALESCE("completedAt", $2), "updatedAt" = $2
           WHERE "courseId" = $1 AND status = 'enrolled' AND progress >= 100"#
        .to_owned();
    let mut values: Vec<Value> = vec![grant.course_id().into(), now.into()];
    if let Some(user) = only {
        sql.push_str(r#" AND "userId" = $3"#);
        values.push(user.into());
    }
    sql.push_str(r#" RETURNING id, "userId""#);
    let rows = db.query_all_raw(statement(db, &sql, values)).await?;
    let mut done = Vec::with_capacity(rows.len());
    for row in rows {
        done.push((
            row.try_get::<Uuid>("", "id")?,
            row.try_get::<Uuid>("", "userId")?,
        ));
    }
    if done.is_empty() {
        return Ok(done);
    }
    db.execute_raw(statement(
        db,
        r#"UPDATE courses SET "completionCount" = COALESCE("completionCount", 0) + $1
           WHERE id = $2"#,
        vec![(done.len() as i32).into(), grant.course_id().into()],
    ))
    .await?;
    enrollment_events::Entity::insert_many(done.iter().map(|(id, _)| {
        enrollment_events::ActiveModel {
            id: Set(Uuid::now_v7()),
            enrollment_id: Set(*id),
            actor_id: Set(None),
            from_status: Set(Some("enrolled".to_owned())),
            to_status: Set("completed".to_owned()),
            price: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
    }))
    .exec(db)
    .await?;
    Ok(done)
}

/// Records that the trainee completed a lesson: one row per trainee and lesson, the time
/// spent added up (held at the INTEGER column's largest value, never overflowing it), the
/// times counted, the first completion date kept, and for a quiz the
/// best score.
pub async fn complete(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
    content_id: Uuid,
    time_spent: i32,
    score: Option<i32>,
) -> Result<(), DbErr> {
    let now = crate::clock::now();
    db.execute_raw(statement(
        db,
        r#"INSERT INTO lesson_completions
             (id, "userId", "courseId", "contentId", completed, "completedAt", "timeSpent",
              score, attempts, "createdAt", "updatedAt")
           VALUES ($1, $2, $3, $4, TRUE, $5, $6, $7, 1, $5, $5)
           ON CONFLICT ("userId", "contentId") DO UPDATE SET
             completed = TRUE,
             "completedAt" = COALESCE(lesson_completions."completedAt", excluded."completedAt"),
             "timeSpent" = CASE
                 WHEN CAST(COALESCE(lesson_completions."timeSpent", 0) AS BIGINT)
                      + excluded."timeSpent" > 2147483647 THEN 2147483647
                 ELSE COALESCE(lesson_completions."timeSpent", 0) + excluded."timeSpent" END,
             attempts = CASE
                 WHEN COALESCE(lesson_completions.attempts, 0) >= 2147483647 THEN 2147483647
                 ELSE COALESCE(lesson_completions.attempts, 0) + 1 END,
             score = CASE WHEN excluded.score IS NULL THEN lesson_completions.score
                          WHEN lesson_completions.score IS NULL
                            OR excluded.score > lesson_completions.score THEN excluded.score
                          ELSE lesson_completions.score END,
             "updatedAt" = excluded."updatedAt""#,
        vec![
            Uuid::now_v7().into(),
            user_id.into(),
            grant.course_id().into(),
            content_id.into(),
            now.into(),
            time_spent.into(),
            score.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// One lesson's record for one trainee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionRow {
    pub content_id: Uuid,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    pub time_spent: i32,
    pub score: Option<i32>,
    pub attempts: i32,
}

/// A trainee's completions in a course.
pub async fn completions(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
) -> Result<Vec<CompletionRow>, DbErr> {
    Ok(lesson_completions::Entity::find()
        .filter(lesson_completions::Column::CourseId.eq(grant.course_id()))
        .filter(lesson_completions::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| CompletionRow {
            content_id: m.content_id,
            completed: m.completed,
            completed_at: m.completed_at,
            time_spent: m.time_spent.unwrap_or(0),
            score: m.score,
            attempts: m.attempts.unwrap_or(0),
        })
        .collect())
}

/// Keeps where the trainee stopped in a video (one row per trainee and lesson).
pub async fn set_position(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
    content_id: Uuid,
    seconds: i32,
) -> Result<(), DbErr> {
    let now = crate::clock::now();
    content_positions::Entity::insert(content_positions::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        course_id: Set(grant.course_id()),
        content_id: Set(content_id),
        position: Set(seconds),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            content_positions::Column::UserId,
            content_positions::Column::ContentId,
        ])
        .update_columns([
            content_positions::Column::Position,
            content_positions::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Where the trainee stopped in each video of the course, by lesson.
pub async fn positions(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
) -> Result<Vec<(Uuid, i32)>, DbErr> {
    content_positions::Entity::find()
        .select_only()
        .column(content_positions::Column::ContentId)
        .column(content_positions::Column::Position)
        .filter(content_positions::Column::CourseId.eq(grant.course_id()))
        .filter(content_positions::Column::UserId.eq(user_id))
        .into_tuple()
        .all(db)
        .await
}

/// Removes the completions and resume positions of a lesson being deleted, and unties
/// the notes written on it (they mean
/// nothing without it; the recompute that follows takes it out of everyone's progress).
pub async fn forget_content(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    content_id: Uuid,
) -> Result<(), DbErr> {
    lesson_completions::Entity::delete_many()
        .filter(lesson_completions::Column::ContentId.eq(content_id))
        .filter(lesson_completions::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    content_positions::Entity::delete_many()
        .filter(content_positions::Column::ContentId.eq(content_id))
        .filter(content_positions::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    // Notes are the trainee's own words: they stay, on the course.
    user_notes::Entity::update_many()
        .col_expr(
            user_notes::Column::ContentId,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(user_notes::Column::ContentId.eq(content_id))
        .filter(user_notes::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    Ok(())
}
