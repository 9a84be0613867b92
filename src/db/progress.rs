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
use super::raw::{list, statement};
use crate::domain::policy::CourseGrant;
use sea_orm::prelude::Expr;

/// The ids of the lessons that count towards a course's progress (`course` is the course:
/// a placeholder, or the enrolment's column of the statement around it).
fn required(course: &str) -> String {
    format!(
        r#"SELECT c.id FROM course_contents c
    LEFT JOIN course_sections s ON s.id = c."sectionId"
    WHERE c."courseId" = {course} AND c."isPublished" = TRUE AND c."isRequired" = TRUE
      AND c.type <> 'certificate' AND (c."sectionId" IS NULL OR s."isPublished" = TRUE)"#
    )
}

/// An enrolment's progress: completed required lessons over required lessons, in percent
/// with two decimals; 0 when nothing is required (`course` as in [`required`]).
fn progress_of_enrolment(course: &str) -> String {
    format!(
        r#"(SELECT CASE WHEN COUNT(*) = 0 THEN 0
                      ELSE ROUND(100.0 * COUNT(lc.id) / COUNT(*), 2) END
           FROM ({}) r
           LEFT JOIN lesson_completions lc
             ON lc."contentId" = r.id AND lc."userId" = enrollments."userId"
            AND lc.completed = TRUE)"#,
        required(course)
    )
}

/// Recomputes the progress of the course's enrolments (all of them, or one trainee's) in
/// one statement. Dropped enrolments keep their last value. The caller forgets the
/// course's statistics (`stats::forget`), once for all its changes.
pub async fn recompute(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    only: Option<Uuid>,
) -> Result<(), DbErr> {
    let mut sql = format!(
        r#"UPDATE enrollments SET progress = {}, "updatedAt" = $2
           WHERE "courseId" = $1 AND status <> 'dropped'"#,
        progress_of_enrolment("$1")
    );
    let mut values: Vec<Value> = vec![grant.course_id().into(), crate::clock::now().into()];
    if let Some(user) = only {
        sql.push_str(r#" AND "userId" = $3"#);
        values.push(user.into());
    }
    db.execute_raw(statement(db, &sql, values)).await?;
    Ok(())
}

/// Recomputes these enrolments' progress, of any courses, in one statement (a batch of
/// completions, `services::completions`); as [`recompute`] otherwise.
pub async fn recompute_enrolments(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let (marks, mut values) = list(ids, 2);
    let sql = format!(
        r#"UPDATE enrollments SET progress = {}, "updatedAt" = $1
           WHERE id IN ({marks}) AND status <> 'dropped'"#,
        progress_of_enrolment(r#"enrollments."courseId""#)
    );
    values.insert(0, crate::clock::now().into());
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
    let mut which = r#""courseId" = $2"#.to_owned();
    let mut values: Vec<Value> = vec![grant.course_id().into()];
    if let Some(user) = only {
        which.push_str(r#" AND "userId" = $3"#);
        values.push(user.into());
    }
    let done = finish(db, &which, values).await?;
    Ok(done.into_iter().map(|f| (f.enrolment, f.user)).collect())
}

/// [`complete_finished`] among these enrolments, of any courses.
pub async fn complete_finished_among(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<Finished>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (marks, values) = list(ids, 2);
    finish(db, &format!("id IN ({marks})"), values).await
}

/// An enrolment that has just completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    pub enrolment: Uuid,
    pub user: Uuid,
    pub course: Uuid,
}

/// The step to completed for the enrolments `which` selects (its placeholders start at
/// `$2`; `$1` is the time), with each course's `completionCount` and the history.
async fn finish(
    db: &impl ConnectionTrait,
    which: &str,
    mut values: Vec<Value>,
) -> Result<Vec<Finished>, DbErr> {
    let now = crate::clock::now();
    values.insert(0, now.into());
    let sql = format!(
        r#"UPDATE enrollments SET status = 'completed',
             "completedAt" = COALESCE("completedAt", $1), "updatedAt" = $1
           WHERE {which} AND status = 'enrolled' AND progress >= 100
           RETURNING id, "userId", "courseId""#
    );
    let rows = db.query_all_raw(statement(db, &sql, values)).await?;
    let mut done = Vec::with_capacity(rows.len());
    for row in rows {
        done.push(Finished {
            enrolment: row.try_get("", "id")?,
            user: row.try_get("", "userId")?,
            course: row.try_get("", "courseId")?,
        });
    }
    if done.is_empty() {
        return Ok(done);
    }
    let mut courses: Vec<Uuid> = done.iter().map(|f| f.course).collect();
    courses.sort_unstable();
    courses.dedup();
    for course in courses {
        let count = done.iter().filter(|f| f.course == course).count();
        db.execute_raw(statement(
            db,
            r#"UPDATE courses SET "completionCount" = COALESCE("completionCount", 0) + $1
               WHERE id = $2"#,
            vec![(count as i32).into(), course.into()],
        ))
        .await?;
    }
    enrollment_events::Entity::insert_many(done.iter().map(|f| enrollment_events::ActiveModel {
        id: Set(Uuid::now_v7()),
        enrollment_id: Set(f.enrolment),
        actor_id: Set(None),
        from_status: Set(Some("enrolled".to_owned())),
        to_status: Set("completed".to_owned()),
        price: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }))
    .exec(db)
    .await?;
    Ok(done)
}

/// A lesson completed, to record: the trainee, the lesson and its course, the time
/// spent, and for a quiz the score.
#[derive(Debug, Clone, Copy)]
pub struct LessonDone {
    pub grant: CourseGrant,
    pub user: Uuid,
    pub content: Uuid,
    pub seconds: i32,
    pub score: Option<i32>,
}

/// Records that the trainee completed a lesson (see [`complete_many`]).
pub async fn complete(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
    content_id: Uuid,
    time_spent: i32,
    score: Option<i32>,
) -> Result<(), DbErr> {
    let done = LessonDone {
        grant: *grant,
        user: user_id,
        content: content_id,
        seconds: time_spent,
        score,
    };
    complete_many(db, &[done]).await
}

/// Records completed lessons in one statement: one row per trainee and lesson, the time
/// spent added up (held at the INTEGER column's largest value, never overflowing it), the
/// times counted, the first completion date kept, and for a quiz the best score. A
/// trainee and lesson may appear once (PostgreSQL refuses to update a row twice in one
/// statement; `services::completions` leaves a repeat for its next batch).
pub async fn complete_many(db: &impl ConnectionTrait, done: &[LessonDone]) -> Result<(), DbErr> {
    if done.is_empty() {
        return Ok(());
    }
    let now = crate::clock::now();
    let mut rows = Vec::with_capacity(done.len());
    let mut values: Vec<Value> = vec![now.into()];
    for d in done {
        let n = values.len() + 1;
        rows.push(format!(
            "(${n}, ${}, ${}, ${}, TRUE, $1, ${}, ${}, 1, $1, $1)",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5
        ));
        values.extend([
            Uuid::now_v7().into(),
            d.user.into(),
            d.grant.course_id().into(),
            d.content.into(),
            d.seconds.into(),
            d.score.into(),
        ]);
    }
    let sql = format!(
        r#"INSERT INTO lesson_completions
             (id, "userId", "courseId", "contentId", completed, "completedAt", "timeSpent",
              score, attempts, "createdAt", "updatedAt")
           VALUES {}
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
        rows.join(", ")
    );
    db.execute_raw(statement(db, &sql, values)).await?;
    Ok(())
}

/// One lesson's record for one trainee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionRow {
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub content_id: Uuid,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    pub time_spent: i32,
    pub score: Option<i32>,
    pub attempts: i32,
}

/// These learners' completions (trainee and course pairs), in one query.
pub async fn completions(
    db: &impl ConnectionTrait,
    learners: &[(Uuid, CourseGrant)],
) -> Result<Vec<CompletionRow>, DbErr> {
    use lesson_completions::Column as C;
    Ok(lesson_completions::Entity::find()
        .filter(super::learners_condition(C::UserId, C::CourseId, learners))
        .all(db)
        .await?
        .into_iter()
        .map(|m| CompletionRow {
            user_id: m.user_id,
            course_id: m.course_id,
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

/// Where these learners (trainee and course pairs) stopped in each video, as (trainee,
/// course, lesson, seconds), in one query.
pub async fn positions(
    db: &impl ConnectionTrait,
    learners: &[(Uuid, CourseGrant)],
) -> Result<Vec<(Uuid, Uuid, Uuid, i32)>, DbErr> {
    use content_positions::Column as C;
    content_positions::Entity::find()
        .select_only()
        .columns([C::UserId, C::CourseId, C::ContentId, C::Position])
        .filter(super::learners_condition(C::UserId, C::CourseId, learners))
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
