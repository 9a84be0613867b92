//! Lesson completions written in batches: the completions that arrive while one batch is
//! being written are written together in the next, in one transaction of set-based
//! statements (group commit).
//!
//! A completion is a write transaction of about ten statements (the learner's lock, the
//! record, the progress recompute, the step to completed, the statistics); a class
//! completing lessons at once made as many transactions, each waiting for the last on
//! SQLite's one writer, and each paying its round trips and its commit on PostgreSQL.
//! Batched, the statements and round trips are shared: S3 (a class completing lessons)
//! went from 0.19-0.27 to about 0.5 of pgbench's TPC-B (BENCHMARKS.md, session 16).
//!
//! Nothing is kept in memory beyond the wait: each request is answered only after its
//! batch has committed, with its own progress read back. Whoever may complete the lesson
//! is decided per request, before it queues (`services::progress::complete`); the batch
//! checks again, under the learners' locks, that each enrolment still learns and that each
//! lesson is still there. One learner's refusal is their answer alone; a batch that fails
//! as a whole (a database error) is written again one completion at a time, so each
//! answer is its own.
//!
//! No task runs when nothing is queued: the request that finds no batch being written
//! starts one, and it writes until the queue is empty.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use futures_util::FutureExt;
use tokio::sync::{OwnedMutexGuard, oneshot};
use uuid::Uuid;

use crate::db;
use crate::domain::policy::{CourseGrant, Denied};
use crate::domain::progress::CourseProgress;
use crate::error::AppError;
use crate::state::AppState;

/// At most this many completions in one transaction (its statements stay well under
/// either database's limit on parameters: seven per completion).
const MAX_BATCH: usize = 128;

/// A lesson to mark complete for a trainee who may, as decided when it was asked.
#[derive(Debug, Clone, Copy)]
pub struct Completion {
    pub user: Uuid,
    pub grant: CourseGrant,
    pub content: Uuid,
    pub seconds: i32,
}

type Answer = Result<CourseProgress, AppError>;

struct Waiting {
    completion: Completion,
    reply: oneshot::Sender<Answer>,
}

/// The completions waiting for their batch, and the turn to write one.
#[derive(Default)]
pub struct CompletionQueue {
    waiting: Mutex<VecDeque<Waiting>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

impl CompletionQueue {
    /// Writes the completion with whatever else is waiting, and answers the trainee's
    /// progress once it is committed.
    pub async fn submit(&self, state: &AppState, completion: Completion) -> Answer {
        let (reply, answer) = oneshot::channel();
        self.lock().push_back(Waiting { completion, reply });
        self.start(state);
        answer.await.unwrap_or_else(|_| {
            Err(AppError::Internal(anyhow::anyhow!(
                "the batch writing this completion stopped"
            )))
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Waiting>> {
        // A panic while the queue was held leaves it whole (pushes and pops only).
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a writer unless one is writing. The writer runs as its own task, so a
    /// request that goes away (its client disconnected) never stops the others' batch.
    fn start(&self, state: &AppState) {
        if let Ok(turn) = self.turn.clone().try_lock_owned() {
            tokio::spawn(write_until_empty(state.clone(), turn));
        }
    }

    /// The next batch: the oldest waiting completions, a trainee and lesson at most once
    /// (a repeat waits for the next batch, in its order).
    fn next_batch(&self) -> Vec<Waiting> {
        let mut queue = self.lock();
        let mut batch: Vec<Waiting> = Vec::new();
        let mut left = VecDeque::new();
        while let Some(w) = queue.pop_front() {
            if batch.len() == MAX_BATCH {
                left.push_back(w);
                left.extend(queue.drain(..));
                break;
            }
            let c = w.completion;
            if batch
                .iter()
                .any(|b| b.completion.user == c.user && b.completion.content == c.content)
            {
                left.push_back(w);
            } else {
                batch.push(w);
            }
        }
        *queue = left;
        batch
    }
}

/// Writes batches while completions wait. Before it gives up the turn for good it looks
/// once more: a completion queued just as the queue was found empty could not start a
/// writer of its own while this one held the turn.
async fn write_until_empty(state: AppState, mut turn: OwnedMutexGuard<()>) {
    let queue = &state.completions;
    loop {
        let batch = queue.next_batch();
        if batch.is_empty() {
            drop(turn);
            if queue.lock().is_empty() {
                return;
            }
            match queue.turn.clone().try_lock_owned() {
                Ok(again) => turn = again,
                // Another writer has it, and will find what is waiting.
                Err(_) => return,
            }
            continue;
        }
        // A panic fails this batch's requests (their answers are dropped), never the
        // completions still waiting.
        let writing = std::panic::AssertUnwindSafe(write_and_answer(&state, batch));
        if writing.catch_unwind().await.is_err() {
            tracing::error!("writing a batch of completions panicked");
        }
    }
}

/// Writes one batch, then reads back and answers each trainee's progress.
async fn write_and_answer(state: &AppState, batch: Vec<Waiting>) {
    let completions: Vec<Completion> = batch.iter().map(|w| w.completion).collect();
    let first = write(state, &completions).await;
    state
        .metrics
        .completion_batch(completions.len(), first.is_err());
    let written = match first {
        Ok(outcomes) => outcomes,
        Err(err) => {
            tracing::warn!(error = %err, size = completions.len(),
                "a batch of completions failed; writing them one at a time");
            let mut outcomes = Vec::with_capacity(completions.len());
            for c in &completions {
                outcomes.push(match write(state, std::slice::from_ref(c)).await {
                    Ok(mut one) => one.pop().unwrap_or(Err(AppError::NotFound)),
                    Err(err) => Err(err),
                });
            }
            outcomes
        }
    };
    let learners = distinct_learners(
        completions
            .iter()
            .zip(&written)
            .filter(|(_, w)| w.is_ok())
            .map(|(c, _)| c),
    );
    let progress = if learners.is_empty() {
        Ok(Vec::new())
    } else {
        super::progress::read_many(state, &learners).await
    };
    for (w, outcome) in batch.into_iter().zip(written) {
        let answer = match (outcome, &progress) {
            (Err(err), _) => Err(err),
            (Ok(()), Ok(all)) => take_progress(all, &w.completion),
            (Ok(()), Err(err)) => Err(AppError::Internal(anyhow::anyhow!(
                "completion recorded, its progress not read: {err}"
            ))),
        };
        // The request may have gone away; its completion stands.
        let _ = w.reply.send(answer);
    }
}

/// The trainee and course pairs of these completions, each once, by course.
fn distinct_learners<'a>(
    completions: impl IntoIterator<Item = &'a Completion>,
) -> Vec<(Uuid, CourseGrant)> {
    let mut learners: Vec<(Uuid, CourseGrant)> =
        completions.into_iter().map(|c| (c.user, c.grant)).collect();
    learners.sort_unstable_by_key(|(u, g)| (g.course_id(), *u));
    learners.dedup();
    learners
}

/// This completion's learner's progress, from those read for the batch.
fn take_progress(all: &[CourseProgress], c: &Completion) -> Answer {
    all.iter()
        .find(|p| p.user_id == c.user && p.course_id == c.grant.course_id())
        .cloned()
        .ok_or(AppError::NotFound)
}

/// Writes a batch in one transaction: each completion's outcome, or the error that failed
/// the whole transaction (nothing of it written).
async fn write(
    state: &AppState,
    batch: &[Completion],
) -> Result<Vec<Result<(), AppError>>, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let learners = distinct_learners(batch);
    let locked = db::enrolments::lock_learners(&txn, &learners).await?;
    let contents: Vec<Uuid> = batch.iter().map(|c| c.content).collect();
    let present = db::contents::courses_of(&txn, &contents).await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut rows = Vec::with_capacity(batch.len());
    let mut enrolments = Vec::with_capacity(batch.len());
    for c in batch {
        let course = c.grant.course_id();
        let enrolment = locked
            .iter()
            .find(|l| l.user == c.user && l.course == course && l.learns);
        let outcome = match enrolment {
            None => Err(Denied::NotEnrolled.into()),
            Some(_) if !present.contains(&(c.content, course)) => Err(AppError::NotFound),
            Some(e) => {
                enrolments.push(e.enrolment);
                rows.push(db::progress::LessonDone {
                    grant: c.grant,
                    user: c.user,
                    content: c.content,
                    seconds: c.seconds,
                    score: None,
                });
                Ok(())
            }
        };
        outcomes.push(outcome);
    }
    if !rows.is_empty() {
        enrolments.sort_unstable();
        enrolments.dedup();
        db::progress::complete_many(&txn, &rows).await?;
        db::progress::recompute_enrolments(&txn, &enrolments).await?;
        let finished = db::progress::complete_finished_among(&txn, &enrolments).await?;
        let mut courses: Vec<CourseGrant> = rows.iter().map(|r| r.grant).collect();
        courses.sort_unstable_by_key(CourseGrant::course_id);
        courses.dedup();
        let ids: Vec<Uuid> = courses.iter().map(CourseGrant::course_id).collect();
        db::stats::forget_many(&txn, &ids).await?;
        for grant in &courses {
            let theirs: Vec<(Uuid, Uuid)> = finished
                .iter()
                .filter(|f| f.course == grant.course_id())
                .map(|f| (f.enrolment, f.user))
                .collect();
            super::progress::award(&txn, grant, &theirs).await?;
        }
    }
    txn.commit().await?;
    Ok(outcomes)
}
