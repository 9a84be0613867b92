//! Queries on `quiz_attempts` and `quiz_answers`. Writes take the course's grant.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::Value;
use uuid::Uuid;

use super::entities::enums::AttemptStatus as DbStatus;
use super::entities::{course_contents, courses, quiz_answers, quiz_attempts, users};
use crate::domain::attempt::{AttemptStatus, Drawn, QueueEntry, StoredAnswer, StoredAttempt};
use crate::domain::enrolment::Trainee;
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::policy::{CourseGrant, CourseScope};

impl From<DbStatus> for AttemptStatus {
    fn from(s: DbStatus) -> Self {
        match s {
            DbStatus::InProgress => AttemptStatus::InProgress,
            DbStatus::Pending => AttemptStatus::Pending,
            DbStatus::Graded => AttemptStatus::Graded,
        }
    }
}

impl From<AttemptStatus> for DbStatus {
    fn from(s: AttemptStatus) -> Self {
        match s {
            AttemptStatus::InProgress => DbStatus::InProgress,
            AttemptStatus::Pending => DbStatus::Pending,
            AttemptStatus::Graded => DbStatus::Graded,
        }
    }
}

impl From<quiz_attempts::Model> for StoredAttempt {
    fn from(m: quiz_attempts::Model) -> Self {
        StoredAttempt {
            id: m.id,
            user_id: m.user_id,
            course_id: m.course_id,
            content_id: m.content_id,
            number: m.number,
            status: m.status.into(),
            started_at: m.started_at,
            deadline: m.deadline,
            submitted_at: m.submitted_at,
            graded_at: m.graded_at,
            score: m.score,
            max_score: m.max_score,
            passed: m.passed,
            // Written by `insert` from the same type: a row that does not read back is
            // answered as having no questions rather than failing the request.
            questions: serde_json::from_value(m.questions).unwrap_or_default(),
        }
    }
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<StoredAttempt>, DbErr> {
    Ok(quiz_attempts::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(StoredAttempt::from))
}

/// A trainee's attempts at a quiz, oldest first (`None`: everyone's, for the trainer).
pub async fn list(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    content: Uuid,
    user: Option<Uuid>,
) -> Result<Vec<StoredAttempt>, DbErr> {
    let mut q = quiz_attempts::Entity::find()
        .filter(quiz_attempts::Column::CourseId.eq(grant.course_id()))
        .filter(quiz_attempts::Column::ContentId.eq(content));
    if let Some(u) = user {
        q = q.filter(quiz_attempts::Column::UserId.eq(u));
    }
    Ok(q.order_by_asc(quiz_attempts::Column::StartedAt)
        .order_by_asc(quiz_attempts::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(StoredAttempt::from)
        .collect())
}

/// How many attempts a quiz has (a quiz with attempts is not deleted).
pub async fn count_for_content(db: &impl ConnectionTrait, content: Uuid) -> Result<u64, DbErr> {
    quiz_attempts::Entity::find()
        .filter(quiz_attempts::Column::ContentId.eq(content))
        .count(db)
        .await
}

/// A new attempt (number one past the trainee's last).
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user: Uuid,
    content: Uuid,
    number: i32,
    started_at: DateTime<Utc>,
    deadline: Option<DateTime<Utc>>,
    questions: &[Drawn],
) -> Result<StoredAttempt, DbErr> {
    let max: i32 = questions.iter().map(|q| q.points).sum();
    let json = serde_json::to_value(questions).map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(quiz_attempts::ActiveModel {
        id: NotSet,
        user_id: Set(user),
        course_id: Set(grant.course_id()),
        content_id: Set(content),
        number: Set(number),
        status: Set(DbStatus::InProgress),
        started_at: Set(started_at),
        deadline: Set(deadline),
        submitted_at: Set(None),
        graded_at: Set(None),
        score: Set(None),
        max_score: Set(max),
        passed: Set(None),
        questions: Set(json),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?
    .into())
}

pub async fn answers(db: &impl ConnectionTrait, attempt: Uuid) -> Result<Vec<StoredAnswer>, DbErr> {
    Ok(quiz_answers::Entity::find()
        .filter(quiz_answers::Column::AttemptId.eq(attempt))
        .all(db)
        .await?
        .into_iter()
        .map(|m| StoredAnswer {
            question_id: m.question_id,
            answer: m.answer.filter(|v| !v.is_null()),
            is_correct: m.is_correct,
            points: m.points,
            feedback: m.feedback,
            graded_at: m.graded_at,
        })
        .collect())
}

/// Saves answers, one row per question (a second save of a question replaces the first):
/// one statement for the lot.
pub async fn save_answers(
    db: &impl ConnectionTrait,
    attempt: Uuid,
    given: &[(Uuid, Option<Value>)],
) -> Result<(), DbErr> {
    if given.is_empty() {
        return Ok(());
    }
    let now = crate::clock::now();
    quiz_answers::Entity::insert_many(given.iter().map(|(q, a)| quiz_answers::ActiveModel {
        id: Set(Uuid::now_v7()),
        attempt_id: Set(attempt),
        question_id: Set(*q),
        answer: Set(a.clone()),
        is_correct: Set(None),
        points: Set(None),
        feedback: Set(None),
        graded_by: Set(None),
        graded_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }))
    .on_conflict(
        OnConflict::columns([
            quiz_answers::Column::AttemptId,
            quiz_answers::Column::QuestionId,
        ])
        .update_columns([
            quiz_answers::Column::Answer,
            quiz_answers::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// The grade of one question of an attempt, as `finish` and `grade` write it.
#[derive(Debug, Clone)]
pub struct Marked {
    pub question_id: Uuid,
    pub points: Option<i32>,
    pub is_correct: Option<bool>,
    pub feedback: Option<Option<String>>,
    pub graded_by: Option<Uuid>,
}

/// Writes the points of each question (one statement), keeping the answers.
pub async fn mark(db: &impl ConnectionTrait, attempt: Uuid, marks: &[Marked]) -> Result<(), DbErr> {
    if marks.is_empty() {
        return Ok(());
    }
    let now = crate::clock::now();
    let mut columns = vec![
        quiz_answers::Column::Points,
        quiz_answers::Column::IsCorrect,
        quiz_answers::Column::UpdatedAt,
    ];
    let with_feedback = marks.iter().any(|m| m.feedback.is_some());
    if with_feedback {
        columns.extend([
            quiz_answers::Column::Feedback,
            quiz_answers::Column::GradedBy,
            quiz_answers::Column::GradedAt,
        ]);
    }
    quiz_answers::Entity::insert_many(marks.iter().map(|m| quiz_answers::ActiveModel {
        id: Set(Uuid::now_v7()),
        attempt_id: Set(attempt),
        question_id: Set(m.question_id),
        answer: Set(None),
        is_correct: Set(m.is_correct),
        points: Set(m.points),
        feedback: Set(m.feedback.clone().flatten()),
        graded_by: Set(m.graded_by),
        graded_at: Set(m.graded_by.map(|_| now)),
        created_at: Set(now),
        updated_at: Set(now),
    }))
    .on_conflict(
        OnConflict::columns([
            quiz_answers::Column::AttemptId,
            quiz_answers::Column::QuestionId,
        ])
        .update_columns(columns)
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Closes an attempt that is still in progress: `false` when another request closed it
/// first (the status is the guard, so a double submit grades once).
#[allow(clippy::too_many_arguments)]
pub async fn close(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    status: AttemptStatus,
    score: i32,
    passed: Option<bool>,
) -> Result<bool, DbErr> {
    let now = crate::clock::now();
    let done = quiz_attempts::Entity::update_many()
        .set(quiz_attempts::ActiveModel {
            status: Set(status.into()),
            submitted_at: Set(Some(now)),
            graded_at: Set((status == AttemptStatus::Graded).then_some(now)),
            score: Set(Some(score)),
            passed: Set(passed),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(quiz_attempts::Column::Id.eq(id))
        .filter(quiz_attempts::Column::CourseId.eq(grant.course_id()))
        .filter(quiz_attempts::Column::Status.eq(DbStatus::InProgress))
        .exec(db)
        .await?;
    super::stats::forget(db, grant.course_id()).await?;
    Ok(done.rows_affected == 1)
}

/// Sets a submitted attempt's result again (manual grading, regrading), and its questions
/// when they were regraded against the quiz as it is now.
pub async fn rescore(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    status: AttemptStatus,
    score: i32,
    passed: Option<bool>,
    questions: Option<&[Drawn]>,
) -> Result<(), DbErr> {
    super::stats::forget(db, grant.course_id()).await?;
    let now = crate::clock::now();
    let mut row = quiz_attempts::ActiveModel {
        id: Unchanged(id),
        status: Set(status.into()),
        score: Set(Some(score)),
        passed: Set(passed),
        graded_at: Set((status == AttemptStatus::Graded).then_some(now)),
        updated_at: Set(now),
        ..Default::default()
    };
    if let Some(qs) = questions {
        row.max_score = Set(qs.iter().map(|q| q.points).sum());
        row.questions = Set(serde_json::to_value(qs).map_err(|e| DbErr::Custom(e.to_string()))?);
    }
    quiz_attempts::Entity::update_many()
        .set(row)
        .filter(quiz_attempts::Column::Id.eq(id))
        .filter(quiz_attempts::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether the trainee passed the quiz in any attempt.
pub async fn passed_any(
    db: &impl ConnectionTrait,
    user: Uuid,
    content: Uuid,
) -> Result<bool, DbErr> {
    Ok(quiz_attempts::Entity::find()
        .filter(quiz_attempts::Column::UserId.eq(user))
        .filter(quiz_attempts::Column::ContentId.eq(content))
        .filter(quiz_attempts::Column::Passed.eq(true))
        .count(db)
        .await?
        > 0)
}

#[derive(Debug, FromQueryResult)]
struct QueueRow {
    id: Uuid,
    #[sea_orm(alias = "courseId")]
    course_id: Uuid,
    #[sea_orm(alias = "courseTitle")]
    course_title: String,
    #[sea_orm(alias = "contentId")]
    content_id: Uuid,
    #[sea_orm(alias = "quizTitle")]
    quiz_title: String,
    #[sea_orm(alias = "userId")]
    user_id: Uuid,
    #[sea_orm(alias = "firstName")]
    first_name: String,
    #[sea_orm(alias = "lastName")]
    last_name: String,
    email: String,
    #[sea_orm(alias = "submittedAt")]
    submitted_at: Option<DateTime<Utc>>,
}

/// Attempts waiting for a person, oldest first, in the courses of the scope.
pub async fn queue(
    db: &impl ConnectionTrait,
    scope: CourseScope,
    page: PageRequest,
) -> Result<Page<QueueEntry>, DbErr> {
    let mut q = quiz_attempts::Entity::find()
        .filter(quiz_attempts::Column::Status.eq(DbStatus::Pending))
        .join(
            JoinType::InnerJoin,
            quiz_attempts::Entity::belongs_to(courses::Entity)
                .from(quiz_attempts::Column::CourseId)
                .to(courses::Column::Id)
                .into(),
        );
    if let CourseScope::OwnedBy(trainer) = scope {
        q = q.filter(courses::Column::TrainerId.eq(trainer));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .join(
            JoinType::InnerJoin,
            quiz_attempts::Entity::belongs_to(course_contents::Entity)
                .from(quiz_attempts::Column::ContentId)
                .to(course_contents::Column::Id)
                .into(),
        )
        .join(
            JoinType::InnerJoin,
            quiz_attempts::Entity::belongs_to(users::Entity)
                .from(quiz_attempts::Column::UserId)
                .to(users::Column::Id)
                .into(),
        )
        .select_only()
        .column(quiz_attempts::Column::Id)
        .column(quiz_attempts::Column::CourseId)
        .column(quiz_attempts::Column::ContentId)
        .column(quiz_attempts::Column::UserId)
        .column(quiz_attempts::Column::SubmittedAt)
        .column_as(courses::Column::Title, "courseTitle")
        .column_as(course_contents::Column::Title, "quizTitle")
        .column(users::Column::FirstName)
        .column(users::Column::LastName)
        .column(users::Column::Email)
        .order_by_asc(quiz_attempts::Column::SubmittedAt)
        .order_by_asc(quiz_attempts::Column::Id)
        .limit(page.limit)
        .offset(page.offset())
        .into_model::<QueueRow>()
        .all(db)
        .await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| QueueEntry {
                attempt_id: r.id,
                course_id: r.course_id,
                course_title: r.course_title,
                content_id: r.content_id,
                quiz_title: r.quiz_title,
                trainee: Trainee {
                    id: r.user_id,
                    first_name: r.first_name,
                    last_name: r.last_name,
                    email: r.email,
                },
                submitted_at: r.submitted_at,
            })
            .collect(),
        pagination: Pagination::new(page, total),
    })
}

/// In-progress attempts whose time (and grace) ran out before `cutoff`: for housekeeping.
pub async fn expired(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Uuid>, DbErr> {
    quiz_attempts::Entity::find()
        .select_only()
        .column(quiz_attempts::Column::Id)
        .filter(quiz_attempts::Column::Status.eq(DbStatus::InProgress))
        .filter(quiz_attempts::Column::Deadline.lt(cutoff))
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}
