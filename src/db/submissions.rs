//! Queries on `assignment_submissions`, `submission_versions` and
//! `submission_grade_events`. A trainee's own work is reached through their id; the
//! trainer's lists through the course's `CourseGrant`.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde_json::json;
use uuid::Uuid;

use super::entities::enums::SubmissionStatus;
use super::entities::{
    assignment_submissions, submission_grade_events, submission_versions, users,
};
use crate::domain::article::{ArticleFormat, render};
use crate::domain::assignment::{
    GradeChange, Submission, SubmissionState, SubmissionVersion, SubmittedFile,
};
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::policy::CourseGrant;

/// A file as stored with a submission: the key stays on the server.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredFile {
    pub key: String,
    pub name: String,
    pub size: i64,
    pub mime_type: String,
}

fn stored_files(value: Option<&serde_json::Value>) -> Vec<StoredFile> {
    value
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

/// The files as clients see them: where to download each, never the key.
fn shown_files(submission: Uuid, version: i32, files: &[StoredFile]) -> Vec<SubmittedFile> {
    files
        .iter()
        .enumerate()
        .map(|(i, f)| SubmittedFile {
            url: format!("/api/submissions/{submission}/files/{i}?version={version}"),
            name: f.name.clone(),
            size: f.size,
            mime_type: f.mime_type.clone(),
        })
        .collect()
}

fn state(s: SubmissionStatus) -> SubmissionState {
    match s {
        SubmissionStatus::Submitted => SubmissionState::Submitted,
        SubmissionStatus::Graded => SubmissionState::Graded,
    }
}

fn to_domain(m: assignment_submissions::Model, user_name: Option<String>) -> Submission {
    let files = stored_files(m.files.as_ref());
    Submission {
        id: m.id,
        assignment_id: m.assignment_id,
        course_id: m.course_id,
        user_id: m.user_id,
        user_name,
        text: m.text,
        files: shown_files(m.id, m.version, &files),
        version: m.version,
        submitted_at: m.submitted_at,
        is_late: m.is_late,
        status: state(m.status),
        score: m.score.map(|s| s.round_dp(2).normalize()),
        feedback_html: m
            .feedback
            .as_deref()
            .map(|f| render(f, ArticleFormat::Markdown)),
        feedback: m.feedback,
        graded_by: m.graded_by,
        graded_at: m.graded_at,
    }
}

/// A submission by id, with its course (the caller then asks the policy).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Submission>, DbErr> {
    Ok(assignment_submissions::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|m| to_domain(m, None)))
}

/// The trainee's submission for the assignment, if any.
pub async fn mine(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    assignment_id: Uuid,
) -> Result<Option<Submission>, DbErr> {
    Ok(assignment_submissions::Entity::find()
        .filter(assignment_submissions::Column::AssignmentId.eq(assignment_id))
        .filter(assignment_submissions::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|m| to_domain(m, None)))
}

/// What a hand-in stores.
pub struct HandIn {
    pub text: Option<String>,
    pub files: Vec<StoredFile>,
    pub at: DateTime<Utc>,
    pub late: bool,
}

/// Records a hand-in: the first makes the submission, a later one replaces its text and
/// files and counts one more version. Every version is also kept in `submission_versions`.
/// The caller holds the trainee's enrolment lock, so their hand-ins run one at a time.
pub async fn hand_in(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    assignment_id: Uuid,
    user_id: Uuid,
    work: HandIn,
) -> Result<Submission, DbErr> {
    let existing = assignment_submissions::Entity::find()
        .filter(assignment_submissions::Column::AssignmentId.eq(assignment_id))
        .filter(assignment_submissions::Column::UserId.eq(user_id))
        .lock_exclusive()
        .one(db)
        .await?;
    let files = json!(work.files);
    let saved = match existing {
        None => {
            assignment_submissions::ActiveModel {
                id: NotSet,
                assignment_id: Set(assignment_id),
                user_id: Set(user_id),
                course_id: Set(grant.course_id()),
                text: Set(work.text.clone()),
                files: Set(Some(files.clone())),
                version: Set(1),
                submitted_at: Set(work.at),
                is_late: Set(work.late),
                status: Set(SubmissionStatus::Submitted),
                score: Set(None),
                feedback: Set(None),
                graded_by: Set(None),
                graded_at: Set(None),
                created_at: NotSet,
                updated_at: NotSet,
            }
            .insert(db)
            .await?
        }
        Some(old) => {
            assignment_submissions::ActiveModel {
                id: Unchanged(old.id),
                text: Set(work.text.clone()),
                files: Set(Some(files.clone())),
                version: Set(old.version + 1),
                submitted_at: Set(work.at),
                is_late: Set(work.late),
                ..Default::default()
            }
            .update(db)
            .await?
        }
    };
    submission_versions::ActiveModel {
        id: NotSet,
        submission_id: Set(saved.id),
        version: Set(saved.version),
        text: Set(work.text),
        files: Set(Some(files)),
        submitted_at: Set(work.at),
        is_late: Set(work.late),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?;
    Ok(to_domain(saved, None))
}

/// Every version of a submission, oldest first.
pub async fn versions(
    db: &impl ConnectionTrait,
    submission_id: Uuid,
) -> Result<Vec<SubmissionVersion>, DbErr> {
    Ok(submission_versions::Entity::find()
        .filter(submission_versions::Column::SubmissionId.eq(submission_id))
        .order_by_asc(submission_versions::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(|v| SubmissionVersion {
            version: v.version,
            files: shown_files(submission_id, v.version, &stored_files(v.files.as_ref())),
            text: v.text,
            submitted_at: v.submitted_at,
            is_late: v.is_late,
        })
        .collect())
}

/// The stored files of one version of a submission (for downloading).
pub async fn files_of_version(
    db: &impl ConnectionTrait,
    submission_id: Uuid,
    version: i32,
) -> Result<Vec<StoredFile>, DbErr> {
    Ok(submission_versions::Entity::find()
        .filter(submission_versions::Column::SubmissionId.eq(submission_id))
        .filter(submission_versions::Column::Version.eq(version))
        .one(db)
        .await?
        .map(|v| stored_files(v.files.as_ref()))
        .unwrap_or_default())
}

/// Which of the trainer's lists: everything, the work not graded yet, the late work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SubmissionFilter {
    pub ungraded: bool,
    pub late: bool,
}

/// The assignment's submissions, oldest hand-in first, with each trainee's name.
pub async fn of_assignment(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    assignment_id: Uuid,
    filter: SubmissionFilter,
    page: PageRequest,
) -> Result<Page<Submission>, DbErr> {
    let mut q: Select<assignment_submissions::Entity> = assignment_submissions::Entity::find()
        .filter(assignment_submissions::Column::CourseId.eq(grant.course_id()))
        .filter(assignment_submissions::Column::AssignmentId.eq(assignment_id));
    if filter.ungraded {
        q = q.filter(assignment_submissions::Column::Status.eq(SubmissionStatus::Submitted));
    }
    if filter.late {
        q = q.filter(assignment_submissions::Column::IsLate.eq(true));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_asc(assignment_submissions::Column::SubmittedAt)
        .order_by_asc(assignment_submissions::Column::Id)
        .limit(page.limit)
        .offset(page.offset())
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.user_id).collect();
    let names: Vec<(Uuid, String, String)> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::FirstName)
        .column(users::Column::LastName)
        .filter(users::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let name_of = |id: Uuid| {
        names
            .iter()
            .find(|(u, _, _)| *u == id)
            .map(|(_, f, l)| format!("{f} {l}"))
    };
    Ok(Page {
        items: rows
            .into_iter()
            .map(|m| {
                let name = name_of(m.user_id);
                to_domain(m, name)
            })
            .collect(),
        pagination: Pagination::new(page, total),
    })
}

/// Sets the grade of a submission, under its row's lock, and records the change; `None`
/// when the course has no such submission.
pub async fn grade(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    grader: Uuid,
    score: Decimal,
    feedback: Option<Option<String>>,
) -> Result<Option<Submission>, DbErr> {
    let Some(old) = assignment_submissions::Entity::find_by_id(id)
        .filter(assignment_submissions::Column::CourseId.eq(grant.course_id()))
        .lock_exclusive()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    super::stats::forget(db, grant.course_id()).await?;
    let now = crate::clock::now();
    let feedback = feedback.unwrap_or_else(|| old.feedback.clone());
    submission_grade_events::ActiveModel {
        id: NotSet,
        submission_id: Set(id),
        graded_by: Set(grader),
        old_score: Set(old.score),
        new_score: Set(Some(score)),
        old_feedback: Set(old.feedback.clone()),
        new_feedback: Set(feedback.clone()),
        created_at: Set(now),
        updated_at: NotSet,
    }
    .insert(db)
    .await?;
    let saved = assignment_submissions::ActiveModel {
        id: Unchanged(id),
        status: Set(SubmissionStatus::Graded),
        score: Set(Some(score)),
        feedback: Set(feedback),
        graded_by: Set(Some(grader)),
        graded_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(Some(to_domain(saved, None)))
}

/// Every grade given to a submission, oldest first.
pub async fn grade_history(
    db: &impl ConnectionTrait,
    submission_id: Uuid,
) -> Result<Vec<GradeChange>, DbErr> {
    Ok(submission_grade_events::Entity::find()
        .filter(submission_grade_events::Column::SubmissionId.eq(submission_id))
        .order_by_asc(submission_grade_events::Column::CreatedAt)
        .order_by_asc(submission_grade_events::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| GradeChange {
            graded_by: e.graded_by,
            old_score: e.old_score.map(|s| s.round_dp(2).normalize()),
            new_score: e.new_score.map(|s| s.round_dp(2).normalize()),
            old_feedback: e.old_feedback,
            new_feedback: e.new_feedback,
            at: e.created_at,
        })
        .collect())
}

/// The latest work of these trainees on every assignment of the course: one query.
pub async fn of_trainees(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    users: Vec<Uuid>,
) -> Result<Vec<Submission>, DbErr> {
    // By the users' index: a page holds at most a hundred trainees, each with a few hand-ins,
    // while the course's index reads every hand-in of the course. Both databases may plan
    // this once for every course, and took the course's index (6 ms for a 50,000-trainee
    // course's page); `off_index_eq` keeps them on the users' (BENCHMARKS.md, S7).
    let course = r#""assignment_submissions"."courseId""#;
    Ok(assignment_submissions::Entity::find()
        .filter(super::raw::off_index_eq(db, course, grant.course_id()))
        .filter(assignment_submissions::Column::UserId.is_in(users))
        .all(db)
        .await?
        .into_iter()
        .map(|m| to_domain(m, None))
        .collect())
}
