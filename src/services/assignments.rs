//! Assignments and the work handed in for them.
//!
//! - The course's trainer (or a super admin) creates, changes, publishes and deletes a
//!   course's assignments, reads the work handed in, and grades it.
//! - An actively enrolled trainee reads the published assignments and hands in work, again
//!   until the due date or the grade, whichever comes first (`domain::assignment`).
//! - A trainee's work is theirs and the course's trainer's: anyone else gets 404.
//!
//! A hand-in runs under the same locks as the rest of a trainee's learning (the course
//! `FOR KEY SHARE`, then their enrolment `FOR UPDATE`), so two at once are one after the
//! other; grading locks the submission's row, and each grade is kept in its history.

use uuid::Uuid;

use crate::db;
use crate::db::submissions::{HandIn, StoredFile, SubmissionFilter};
use crate::domain::assignment::{
    Assignment, AssignmentForm, GradeChange, GradeForm, Submission, SubmissionVersion,
    SubmitRefusal, may_submit, parse_text,
};
use crate::domain::file_kind::{self, UploadKind};
use crate::domain::pagination::{Page, PageRequest};
use crate::domain::policy::{Actor, CourseAction, CourseGrant, Denied};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::content_files;
use crate::services::courses::{authorize, grant_for, remove_file};
use crate::state::AppState;
use crate::storage::{Folder, StorageKey};

/// The assignment and the caller's grant on its course for `action`; a trainee does not
/// learn that an unpublished assignment exists.
async fn find(
    db: &impl db::Connection,
    actor: &Actor,
    id: Uuid,
    action: CourseAction,
) -> Result<(Assignment, CourseGrant, bool), AppError> {
    let assignment = db::assignments::find(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (facts, grant) = grant_for(db, Some(actor), assignment.course_id, action).await?;
    let manages = facts.standing.manages();
    if !assignment.is_published && !manages {
        return Err(AppError::NotFound);
    }
    Ok((assignment, grant, manages))
}

/// A course's assignments: all of them for its trainer, the published ones for its
/// learners.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    page: PageRequest,
) -> Result<Page<Assignment>, AppError> {
    let (facts, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Learn).await?;
    Ok(db::assignments::list(&state.db, &grant, facts.standing.manages(), page).await?)
}

pub async fn show(state: &AppState, actor: &Actor, id: Uuid) -> Result<Assignment, AppError> {
    Ok(find(&state.db, actor, id, CourseAction::Learn).await?.0)
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    form: &AssignmentForm,
) -> Result<Assignment, AppError> {
    let changes = form.parse(true)?;
    let (course, _, grant) =
        authorize(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    Ok(db::assignments::insert(&state.db, &grant, course.trainer_id, &changes).await?)
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &AssignmentForm,
) -> Result<Assignment, AppError> {
    let changes = form.parse(false)?;
    let txn = db::begin_write(&state.db).await?;
    let (_, grant, _) = find(&txn, actor, id, CourseAction::Teach).await?;
    // The course's statistics average scores over points (`db::stats`).
    db::courses::lock_for_learning(&txn, &grant).await?;
    if let Some(points) = changes.points
        && db::assignments::highest_score(&txn, id)
            .await?
            .is_some_and(|top| top > points.into())
    {
        // Lowering the points under a score already given would leave it out of range.
        return Err(AppError::field(
            "points",
            FieldError::Range {
                min: 0,
                max: crate::domain::assignment::POINTS_MAX,
            },
        ));
    }
    let saved = db::assignments::update(&txn, &grant, id, &changes)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes an assignment no one has handed work in for; one with work is kept (409).
pub async fn delete(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (_, grant, _) = find(&txn, actor, id, CourseAction::Teach).await?;
    db::assignments::lock(&txn, &grant, id).await?;
    if db::assignments::submission_count(&txn, id).await? > 0 {
        return Err(AppError::Conflict(
            "Trainees have handed in work for this assignment, and it is kept: unpublish the assignment instead of deleting it."
                .to_owned(),
        ));
    }
    db::assignments::delete(&txn, &grant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(())
}

/// The most files one hand-in takes.
pub const FILES_MAX: usize = 10;

/// Before any file of a hand-in is stored: whether the caller may hand in work for the
/// assignment now. `submit` asks again under the locks.
pub async fn precheck(
    state: &AppState,
    actor: &Actor,
    assignment_id: Uuid,
) -> Result<(), AppError> {
    let (assignment, _, _) = find(&state.db, actor, assignment_id, CourseAction::Study).await?;
    let existing = db::submissions::mine(&state.db, actor.id, assignment_id).await?;
    may_submit(
        crate::clock::now(),
        assignment.due_date,
        assignment.allow_late_submission,
        existing.map(|s| s.status),
    )
    .map_err(refused)?;
    Ok(())
}

fn refused(refusal: SubmitRefusal) -> AppError {
    AppError::Conflict(
        match refusal {
            SubmitRefusal::Graded => "This work has been graded, so it cannot be handed in again.",
            SubmitRefusal::PastDue => {
                "The due date has passed, and this assignment takes no more work."
            }
        }
        .to_owned(),
    )
}

/// Stores one file handed in for an assignment, streamed as it arrives: a document or an
/// image, judged by its bytes (415 otherwise), within the document limit (413).
pub async fn store_file<S, E>(
    state: &AppState,
    assignment_id: Uuid,
    name: Option<String>,
    body: S,
) -> Result<StoredFile, AppError>
where
    S: futures_util::Stream<Item = Result<bytes::Bytes, E>> + Send + Unpin,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let uploads = &state.config.uploads;
    let limit = uploads.document_max_bytes.max(uploads.image_max_bytes);
    let (key, size, detected) =
        content_files::store_stream(state, Folder::Submissions, assignment_id, limit, body, |head| {
            file_kind::sniff_for(UploadKind::Document, head)
                .or_else(|_| file_kind::sniff_for(UploadKind::Image, head))
                .map_err(|refusal| {
                    AppError::UnsupportedMediaType(format!(
                        "This file is {}, which work is not handed in as: send a document (PDF, Word, PowerPoint, Excel, OpenDocument, text) or an image (JPEG, PNG, WebP, GIF).",
                        refusal.found
                    ))
                })
        })
        .await?;
    Ok(StoredFile {
        key: key.as_str().to_owned(),
        name: name.unwrap_or_else(|| format!("file.{}", detected.extension)),
        size: i64::try_from(size).unwrap_or(i64::MAX),
        mime_type: detected.mime.to_owned(),
    })
}

/// Removes the stored files of a hand-in that was refused.
pub async fn forget_files(state: &AppState, files: &[StoredFile]) {
    for f in files {
        if let Some((_, key)) = StorageKey::from_stored(Folder::Submissions, &f.key) {
            remove_file(state, &key).await;
        }
    }
}

/// Hands in the caller's work: text, files already stored (`files`), or both. When it is
/// refused, the files are removed.
pub async fn submit(
    state: &AppState,
    actor: &Actor,
    assignment_id: Uuid,
    text: Option<&str>,
    files: Vec<StoredFile>,
) -> Result<Submission, AppError> {
    let kept = files.clone();
    let result = hand_in(state, actor, assignment_id, text, files).await;
    if result.is_err() {
        forget_files(state, &kept).await;
    }
    result
}

async fn hand_in(
    state: &AppState,
    actor: &Actor,
    assignment_id: Uuid,
    text: Option<&str>,
    files: Vec<StoredFile>,
) -> Result<Submission, AppError> {
    if files.len() > FILES_MAX {
        return Err(AppError::field(
            "files",
            FieldError::TooMany { max: FILES_MAX },
        ));
    }
    let text = parse_text(text, !files.is_empty())?;
    let txn = db::begin_write(&state.db).await?;
    let (_, grant, _) = find(&txn, actor, assignment_id, CourseAction::Study).await?;
    db::courses::lock_for_learning(&txn, &grant).await?;
    let enrolment = db::enrolments::lock_of(&txn, actor.id, grant.course_id())
        .await?
        .ok_or(Denied::NotEnrolled)?;
    // The standing was read before the locks: check it again under them.
    if !enrolment.status.learns() {
        return Err(Denied::NotEnrolled.into());
    }
    // Under the assignment's lock: its due date cannot move while the hand-in is judged.
    let assignment = db::assignments::lock(&txn, &grant, assignment_id)
        .await?
        .filter(|a| a.is_published)
        .ok_or(AppError::NotFound)?;
    let existing = db::submissions::mine(&txn, actor.id, assignment_id).await?;
    let now = crate::clock::now();
    let late = may_submit(
        now,
        assignment.due_date,
        assignment.allow_late_submission,
        existing.map(|s| s.status),
    )
    .map_err(refused)?;
    let work = HandIn {
        text,
        files,
        at: now,
        late,
    };
    let saved = db::submissions::hand_in(&txn, &grant, assignment_id, actor.id, work).await?;
    txn.commit().await?;
    state.dashboards.forget_trainers();
    Ok(saved)
}

/// The caller's own submission for an assignment (404 when they have handed nothing in).
pub async fn mine(
    state: &AppState,
    actor: &Actor,
    assignment_id: Uuid,
) -> Result<Option<Submission>, AppError> {
    find(&state.db, actor, assignment_id, CourseAction::Learn).await?;
    Ok(db::submissions::mine(&state.db, actor.id, assignment_id).await?)
}

/// The work handed in for an assignment, for its course's trainer.
pub async fn submissions(
    state: &AppState,
    actor: &Actor,
    assignment_id: Uuid,
    filter: SubmissionFilter,
    page: PageRequest,
) -> Result<Page<Submission>, AppError> {
    let (_, grant, _) = find(&state.db, actor, assignment_id, CourseAction::Teach).await?;
    Ok(db::submissions::of_assignment(&state.db, &grant, assignment_id, filter, page).await?)
}

/// A submission with its versions and, for the trainer, its grade history.
pub struct SubmissionDetail {
    pub submission: Submission,
    pub versions: Vec<SubmissionVersion>,
    /// `None` for the trainee: who changed a grade is the trainer's record.
    pub history: Option<Vec<GradeChange>>,
}

/// Its trainee or its course's trainer; 404 to everyone else.
async fn reach(state: &AppState, actor: &Actor, id: Uuid) -> Result<(Submission, bool), AppError> {
    let submission = db::submissions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if submission.user_id == actor.id {
        return Ok((submission, false));
    }
    match authorize(
        &state.db,
        Some(actor),
        submission.course_id,
        CourseAction::Teach,
    )
    .await
    {
        Ok(_) => Ok((submission, true)),
        Err(_) => Err(AppError::NotFound),
    }
}

pub async fn detail(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<SubmissionDetail, AppError> {
    let (submission, teaches) = reach(state, actor, id).await?;
    let versions = db::submissions::versions(&state.db, id).await?;
    let history = if teaches {
        Some(db::submissions::grade_history(&state.db, id).await?)
    } else {
        None
    };
    Ok(SubmissionDetail {
        submission,
        versions,
        history,
    })
}

/// The stored file `index` of version `version` of a submission, for its trainee or its
/// course's trainer.
pub async fn file(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    version: Option<i32>,
    index: usize,
) -> Result<StoredFile, AppError> {
    let (submission, _) = reach(state, actor, id).await?;
    let version = version.unwrap_or(submission.version);
    db::submissions::files_of_version(&state.db, id, version)
        .await?
        .into_iter()
        .nth(index)
        .ok_or(AppError::NotFound)
}

/// Grades a submission (again, when it was graded): the course's trainer or a super admin.
/// Its trainee is refused (403); anyone else does not learn it exists (404).
pub async fn grade(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &GradeForm,
) -> Result<Submission, AppError> {
    let (submission, teaches) = reach(state, actor, id).await?;
    if !teaches {
        return Err(Denied::NotCourseTrainer.into());
    }
    let txn = db::begin_write(&state.db).await?;
    let (_, grant) =
        grant_for(&txn, Some(actor), submission.course_id, CourseAction::Teach).await?;
    // The course's statistics count grades (`db::stats`).
    db::courses::lock_for_learning(&txn, &grant).await?;
    // The points cannot change while the score is judged against them.
    let points = db::assignments::lock(&txn, &grant, submission.assignment_id)
        .await?
        .ok_or(AppError::NotFound)?
        .points;
    let grade = form.parse(points)?;
    let saved = db::submissions::grade(&txn, &grant, id, actor.id, grade.score, grade.feedback)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    state.dashboards.forget_trainers();
    Ok(saved)
}

/// The course, for the pages that manage its assignments: its trainer or a super admin
/// (403 to its learners, 404 to whoever may not see it).
pub async fn course_to_teach(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
) -> Result<crate::domain::course::Course, AppError> {
    Ok(
        authorize(&state.db, Some(actor), course_id, CourseAction::Teach)
            .await?
            .0,
    )
}

/// The assignment, for the pages that change it: its course's trainer or a super admin.
pub async fn show_to_teach(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<Assignment, AppError> {
    Ok(find(&state.db, actor, id, CourseAction::Teach).await?.0)
}

/// The oldest ungraded submission of the assignment other than `after`, for "Save and
/// next"; `None` when nothing else waits. Its course's trainer or a super admin.
pub async fn next_ungraded(
    state: &AppState,
    actor: &Actor,
    assignment_id: Uuid,
    after: Uuid,
) -> Result<Option<Uuid>, AppError> {
    let filter = SubmissionFilter {
        ungraded: true,
        late: false,
    };
    // Two are enough: `after` itself may still be on the first page.
    let waiting = submissions(
        state,
        actor,
        assignment_id,
        filter,
        PageRequest::new(None, Some(2)),
    )
    .await?;
    Ok(waiting.items.iter().map(|s| s.id).find(|id| *id != after))
}

/// A submission with its versions and grade history, and its trainee's name (the grading
/// view names whose work it is; `detail` leaves the name to the lists).
pub async fn detail_named(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(SubmissionDetail, String), AppError> {
    let found = detail(state, actor, id).await?;
    let name = match &found.submission.user_name {
        Some(name) => name.clone(),
        None => db::users::find(&state.db, found.submission.user_id)
            .await?
            .map(|u| u.full_name())
            .unwrap_or_default(),
    };
    Ok((found, name))
}
