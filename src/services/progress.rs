//! Completing lessons, a trainee's progress, video positions, and what follows from
//! reaching 100 % (the enrolment completes, once, and the certificate is issued).
//!
//! A learner's write locks the course row lightly and then their own enrolment row
//! (`db::enrolments::lock_learner`): a trainee's writes run one after another, different
//! trainees' run side by side, and an outline change (which recomputes everyone's
//! progress) waits for them or they for it.

use std::collections::HashMap;

use uuid::Uuid;

use crate::db;
use crate::db::progress::CompletionRow;
use crate::domain::content::ContentKind;
use crate::domain::policy::{Actor, CourseAction, CourseGrant, Denied, Standing};
use crate::domain::progress::{CompleteForm, CourseProgress, LessonProgress, PositionForm};
use crate::error::AppError;
use crate::services::completions::Completion;
use crate::services::courses::grant_for;
use crate::services::outline::{learner_tree, locate_content};
use crate::state::AppState;

/// After completions changed (or the outline did): recomputes progress (every enrolment of
/// the course, or one trainee's) in one statement, completes the enrolments that reached
/// 100 %, forgets the course's statistics (once for both), and issues the certificates.
pub(crate) async fn settle(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    only: Option<Uuid>,
) -> Result<(), AppError> {
    db::progress::recompute(txn, grant, only).await?;
    let finished = db::progress::complete_finished(txn, grant, only).await?;
    db::stats::forget(txn, grant.course_id()).await?;
    award(txn, grant, &finished).await
}

/// The `progress` job (`services::jobs`): everyone's progress in a course recomputed under
/// the course's lock, after a change to its outline. Answers how many enrolments it
/// completed. A course deleted meanwhile has nothing to recompute.
pub async fn recompute_course(state: &AppState, course: Uuid) -> Result<u64, AppError> {
    let grant = crate::domain::policy::for_the_system(course);
    let txn = db::begin_write(&state.db).await?;
    db::courses::lock(&txn, &grant).await?;
    db::progress::recompute(&txn, &grant, None).await?;
    let finished = db::progress::complete_finished(&txn, &grant, None).await?;
    db::stats::forget(&txn, course).await?;
    award(&txn, &grant, &finished).await?;
    txn.commit().await?;
    Ok(finished.len() as u64)
}

/// Issues certificates for these newly completed enrolments, if the course gives one.
pub(crate) async fn award(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    completed: &[(Uuid, Uuid)],
) -> Result<(), AppError> {
    if !completed.is_empty() && db::certificates::course_awards(txn, grant).await? {
        db::certificates::issue(txn, grant, completed).await?;
    }
    Ok(())
}

/// Takes the caller's locks for a write to their learning in the course (the course
/// lightly, their enrolment fully) and checks again under them that they still learn: who
/// may was decided before the write, on the pool (`locate_content`), so that SQLite's
/// single write lock is held only for the statements that need it.
pub(crate) async fn lock_learner(
    txn: &impl db::Connection,
    actor: &Actor,
    grant: &CourseGrant,
) -> Result<(), AppError> {
    if !db::enrolments::lock_learner(txn, actor.id, grant).await? {
        return Err(Denied::NotEnrolled.into());
    }
    Ok(())
}

/// Marks a lesson complete for the caller, adding the time spent, and answers their
/// progress in the course. Quizzes complete by being passed, and certificates are not
/// lessons: both are refused here. Who may is decided here; the write joins the next
/// batch of completions (`services::completions`), which checks the enrolment again
/// under its lock.
pub async fn complete(
    state: &AppState,
    actor: &Actor,
    content_id: Uuid,
    form: &CompleteForm,
) -> Result<CourseProgress, AppError> {
    let seconds = form.seconds()?;
    let (content, _, grant) =
        locate_content(&state.db, Some(actor), content_id, CourseAction::Study).await?;
    match content.kind {
        ContentKind::Quiz => {
            return Err(AppError::Conflict(
                "A quiz is completed by passing it: start an attempt instead.".to_owned(),
            ));
        }
        ContentKind::Certificate => {
            return Err(AppError::Conflict(
                "A certificate is awarded when the course is complete; it is not a lesson to complete."
                    .to_owned(),
            ));
        }
        _ => {}
    }
    let completion = Completion {
        user: actor.id,
        grant,
        content: content_id,
        seconds,
    };
    state.completions.submit(state, completion).await
}

/// Keeps where the caller stopped in a video.
pub async fn set_position(
    state: &AppState,
    actor: &Actor,
    content_id: Uuid,
    form: &PositionForm,
) -> Result<(), AppError> {
    let seconds = form.seconds()?;
    let (content, _, grant) =
        locate_content(&state.db, Some(actor), content_id, CourseAction::Study).await?;
    if content.kind != ContentKind::Video {
        return Err(AppError::field(
            "position",
            crate::domain::validation::FieldError::NotForType,
        ));
    }
    let txn = db::begin_write(&state.db).await?;
    lock_learner(&txn, actor, &grant).await?;
    db::progress::set_position(&txn, &grant, actor.id, content_id, seconds).await?;
    txn.commit().await?;
    Ok(())
}

/// A trainee's progress in a course: the caller's own, or, for the course's trainer and
/// super admins, any enrolled trainee's (`user`). Anyone else's is 404.
pub async fn of_course(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    user: Option<Uuid>,
) -> Result<CourseProgress, AppError> {
    let (facts, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::View).await?;
    let whose = match user {
        Some(u) if u != actor.id => {
            if !matches!(facts.standing, Standing::Owner | Standing::SuperAdmin) {
                return Err(AppError::NotFound);
            }
            u
        }
        _ => actor.id,
    };
    read(state, &grant, whose).await
}

/// A trainee's progress: their enrolment and completions, over the course's learner
/// outline (the lessons in order, from the outline cache).
async fn read(
    state: &AppState,
    grant: &CourseGrant,
    user: Uuid,
) -> Result<CourseProgress, AppError> {
    read_many(state, &[(user, *grant)])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// [`read`] for several learners (distinct trainee and course pairs) in three queries; a
/// learner without an enrolment is left out.
pub(crate) async fn read_many(
    state: &AppState,
    learners: &[(Uuid, CourseGrant)],
) -> Result<Vec<CourseProgress>, AppError> {
    // Three reads side by side, on three connections.
    let (enrolments, done, positions) = tokio::try_join!(
        db::enrolments::find_of_many(&state.db, learners),
        db::progress::completions(&state.db, learners),
        db::progress::positions(&state.db, learners),
    )?;
    // By trainee and lesson (a lesson is of one course).
    let done: HashMap<(Uuid, Uuid), CompletionRow> = done
        .into_iter()
        .map(|d| ((d.user_id, d.content_id), d))
        .collect();
    let positions: HashMap<(Uuid, Uuid), i32> = positions
        .into_iter()
        .map(|(user, _, content, seconds)| ((user, content), seconds))
        .collect();
    let mut all = Vec::with_capacity(enrolments.len());
    for (user, grant) in learners {
        let course = grant.course_id();
        let Some(enrollment) = enrolments
            .iter()
            .find(|e| e.user_id == *user && e.course_id == course)
        else {
            continue;
        };
        let tree = learner_tree(state, grant).await?;
        let lessons = tree
            .iter()
            .flat_map(|s| &s.contents)
            .map(|item| {
                let record = done.get(&(*user, item.id));
                LessonProgress {
                    content_id: item.id,
                    title: item.title.clone(),
                    kind: item.kind,
                    is_required: item.is_required,
                    completed: record.is_some_and(|r| r.completed),
                    completed_at: record.and_then(|r| r.completed_at),
                    time_spent: record.map_or(0, |r| r.time_spent),
                    attempts: record.map_or(0, |r| r.attempts),
                    score: record.and_then(|r| r.score),
                    position: positions.get(&(*user, item.id)).copied(),
                }
            })
            .collect();
        all.push(CourseProgress {
            course_id: course,
            user_id: *user,
            enrollment: enrollment.clone(),
            lessons,
        });
    }
    Ok(all)
}
