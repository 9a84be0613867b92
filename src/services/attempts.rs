//! Quiz attempts: starting (the questions drawn once), saving answers as the trainee goes,
//! submitting (graded on the server), the trainer's grading queue, manual grades and
//! regrading.
//!
//! A trainee's writes hold the locks `progress::lock_learner` takes (the course lightly,
//! their enrolment fully), so their starts and submits run one at a time: two starts
//! cannot both pass the maximum, and a double submit grades once (the attempt's status is
//! also the guard of the closing UPDATE). Starting is one short transaction: the quiz's
//! questions come from `QuizCache` when its version (the quiz's `updatedAt`) is known.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::db;
use crate::db::attempts::Marked;
use crate::domain::attempt::{
    AnswersForm, Attempt, AttemptQuestion, AttemptStatus, Drawn, GradeForm, QueueEntry,
    StoredAnswer, StoredAttempt, Tally, deadline, draw, expired, reveals, tally,
};
use crate::domain::content::quiz::{Question, QuestionKind, QuizSettings};
use crate::domain::content::{Content, ContentKind};
use crate::domain::pagination::{Page, PageRequest};
use crate::domain::policy::{self, Actor, CourseAction, CourseGrant, Denied, Standing};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::services::courses::grant_for;
use crate::services::outline::locate_content;
use crate::services::progress;
use crate::state::AppState;

/// The questions of each quiz, by quiz and version. Bounded: when full it starts again.
#[derive(Clone, Default)]
pub struct QuizCache(Arc<Mutex<HashMap<Uuid, Versioned>>>);

/// A quiz's questions and the version (`updatedAt`) they were read at.
type Versioned = (DateTime<Utc>, Arc<Vec<Question>>);

const QUIZ_CACHE_MAX: usize = 1_000;

impl QuizCache {
    fn get(&self, quiz: Uuid, version: DateTime<Utc>) -> Option<Arc<Vec<Question>>> {
        let map = self.0.lock().ok()?;
        map.get(&quiz)
            .filter(|(v, _)| *v == version)
            .map(|(_, q)| q.clone())
    }

    fn put(&self, quiz: Uuid, version: DateTime<Utc>, questions: Arc<Vec<Question>>) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= QUIZ_CACHE_MAX {
                map.clear();
            }
            map.insert(quiz, (version, questions));
        }
    }
}

async fn questions_of(
    state: &AppState,
    txn: &impl db::Connection,
    grant: &CourseGrant,
    quiz: &Content,
) -> Result<Arc<Vec<Question>>, AppError> {
    if let Some(q) = state.quizzes.get(quiz.id, quiz.updated_at) {
        return Ok(q);
    }
    let q = Arc::new(db::questions::list(txn, grant, quiz.id).await?);
    state.quizzes.put(quiz.id, quiz.updated_at, q.clone());
    Ok(q)
}

fn settings_of(quiz: &Content) -> QuizSettings {
    quiz.quiz_data.clone().unwrap_or_default()
}

fn not_a_quiz() -> AppError {
    AppError::Conflict("This lesson is not a quiz.".to_owned())
}

/// The quiz the caller studies, read whole (its settings) before any write: who may is
/// decided here, on the pool, and checked again under the locks
/// ([`progress::lock_learner`]), so that SQLite's single write lock is held only for the
/// statements that need it.
async fn study_quiz(
    db: &impl db::Connection,
    actor: &Actor,
    content_id: Uuid,
) -> Result<(Content, CourseGrant), AppError> {
    let (place, _, grant) =
        locate_content(db, Some(actor), content_id, CourseAction::Study).await?;
    if place.kind != ContentKind::Quiz {
        return Err(not_a_quiz());
    }
    let quiz = db::contents::find(db, &grant, content_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((quiz, grant))
}

/// Starts an attempt, or answers the one in progress (a second click resumes it). 201
/// for a new one (`true`).
pub async fn start(
    state: &AppState,
    actor: &Actor,
    content_id: Uuid,
) -> Result<(Attempt, bool), AppError> {
    let (quiz, grant) = study_quiz(&state.db, actor, content_id).await?;
    let settings = settings_of(&quiz);
    let txn = db::begin_write(&state.db).await?;
    progress::lock_learner(&txn, actor, &grant).await?;
    let mine = db::attempts::list(&txn, &grant, quiz.id, Some(actor.id)).await?;
    let now = crate::clock::now();
    if let Some(open) = mine.iter().find(|a| a.status == AttemptStatus::InProgress) {
        if !expired(open.deadline, now) {
            let view = view(&txn, open, &settings, Viewer::Trainee).await?;
            txn.commit().await?;
            return Ok((view, false));
        }
        close(&txn, &grant, open, &settings).await?;
    }
    if settings
        .max_attempts
        .is_some_and(|max| mine.len() >= max as usize)
    {
        txn.commit().await?;
        return Err(Denied::NoAttemptsLeft.into());
    }
    let pool = questions_of(state, &txn, &grant, &quiz).await?;
    let drawn = draw(&pool, &settings, &mut rand::rng());
    if drawn.is_empty() {
        return Err(AppError::Conflict(
            "This quiz has no questions yet.".to_owned(),
        ));
    }
    let number = mine.iter().map(|a| a.number).max().unwrap_or(0) + 1;
    let attempt = db::attempts::insert(
        &txn,
        &grant,
        actor.id,
        quiz.id,
        number,
        now,
        deadline(now, &settings),
        &drawn,
    )
    .await?;
    txn.commit().await?;
    let view = render(&attempt, &[], &settings, Viewer::Trainee, false);
    Ok((view, true))
}

/// Who reads an attempt: its trainee (corrections as the quiz allows) or the trainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Viewer {
    Trainee,
    Trainer,
}

async fn view(
    db: &impl db::Connection,
    attempt: &StoredAttempt,
    settings: &QuizSettings,
    viewer: Viewer,
) -> Result<Attempt, AppError> {
    let answers = db::attempts::answers(db, attempt.id).await?;
    let passed_quiz = viewer == Viewer::Trainee
        && settings.show_correct_answers == crate::domain::content::quiz::ShowAnswers::AfterPass
        && db::attempts::passed_any(db, attempt.user_id, attempt.content_id).await?;
    Ok(render(attempt, &answers, settings, viewer, passed_quiz))
}

fn render(
    a: &StoredAttempt,
    answers: &[StoredAnswer],
    settings: &QuizSettings,
    viewer: Viewer,
    passed_quiz: bool,
) -> Attempt {
    let shown =
        viewer == Viewer::Trainer || reveals(settings.show_correct_answers, a.status, passed_quiz);
    let questions = a
        .questions
        .iter()
        .map(|q| {
            let given = answers.iter().find(|x| x.question_id == q.id);
            let answer = given.and_then(|g| g.answer.clone());
            let needs_grading = a.status != AttemptStatus::InProgress
                && q.grade(answer.as_ref()).is_none()
                && given.is_none_or(|g| g.graded_at.is_none());
            AttemptQuestion {
                question: q.for_learner(),
                answer,
                points_awarded: shown.then(|| given.and_then(|g| g.points)).flatten(),
                is_correct: shown.then(|| given.and_then(|g| g.is_correct)).flatten(),
                correct_answer: shown.then(|| q.correct_answer.clone()),
                explanation: shown.then(|| q.explanation.clone()).flatten(),
                // The trainer's words are for the trainee once the answer is graded.
                feedback: given
                    .filter(|g| g.graded_at.is_some())
                    .and_then(|g| g.feedback.clone()),
                needs_grading,
            }
        })
        .collect();
    let submitted = a.status != AttemptStatus::InProgress;
    Attempt {
        id: a.id,
        content_id: a.content_id,
        course_id: a.course_id,
        user_id: a.user_id,
        number: a.number,
        status: a.status,
        started_at: a.started_at,
        deadline: a.deadline,
        submitted_at: a.submitted_at,
        graded_at: a.graded_at,
        score: a.score.filter(|_| submitted),
        max_score: a.max_score,
        percent: a.score.filter(|_| submitted).map(|s| {
            Tally {
                points: s,
                max: a.max_score,
                waiting: false,
            }
            .percent()
        }),
        passed: a.passed,
        corrections_shown: shown && submitted,
        questions,
    }
}

/// Grades an attempt still in progress as it stands and closes it; a pass completes the
/// quiz lesson with its score. Inside the caller's transaction, under the trainee's locks.
async fn close(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    a: &StoredAttempt,
    settings: &QuizSettings,
) -> Result<(), AppError> {
    let answers = db::attempts::answers(txn, a.id).await?;
    let answer_of = |id: Uuid| {
        answers
            .iter()
            .find(|x| x.question_id == id)
            .and_then(|x| x.answer.clone())
    };
    let t = tally(&a.questions, answer_of, |_| None);
    let status = if t.waiting {
        AttemptStatus::Pending
    } else {
        AttemptStatus::Graded
    };
    let passed = (!t.waiting).then(|| t.passed(settings));
    if !db::attempts::close(txn, grant, a.id, status, t.points, passed).await? {
        return Ok(());
    }
    let marks: Vec<Marked> = a
        .questions
        .iter()
        .map(|q| {
            let points = q.grade(answer_of(q.id).as_ref());
            Marked {
                question_id: q.id,
                points,
                is_correct: points.map(|p| p == q.points && q.points > 0),
                feedback: None,
                graded_by: None,
            }
        })
        .collect();
    db::attempts::mark(txn, a.id, &marks).await?;
    if passed == Some(true) {
        pass(txn, grant, a, t).await?;
    }
    crate::services::grades::refresh(txn, grant, Some(a.user_id)).await
}

/// A passed attempt completes the quiz lesson, with the score in percent.
async fn pass(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    a: &StoredAttempt,
    t: Tally,
) -> Result<(), AppError> {
    let seconds = (crate::clock::now() - a.started_at)
        .num_seconds()
        .clamp(0, crate::domain::progress::TIME_SPENT_MAX) as i32;
    db::progress::complete(
        txn,
        grant,
        a.user_id,
        a.content_id,
        seconds,
        Some(t.percent()),
    )
    .await?;
    progress::settle(txn, grant, Some(a.user_id)).await
}

/// The trainee's own attempt, its quiz and the grant, read before any write (as
/// [`study_quiz`]): 404 for anyone else's.
async fn own(
    db: &impl db::Connection,
    actor: &Actor,
    id: Uuid,
) -> Result<(StoredAttempt, Content, CourseGrant), AppError> {
    let found = db::attempts::find(db, id).await?;
    let Some(a) = found.filter(|a| a.user_id == actor.id) else {
        return Err(AppError::NotFound);
    };
    let (quiz, grant) = study_quiz(db, actor, a.content_id).await?;
    Ok((a, quiz, grant))
}

/// The attempt read again under the caller's locks: a concurrent submit may have closed
/// it since [`own`] read it.
async fn own_locked(
    txn: &impl db::Connection,
    actor: &Actor,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<StoredAttempt, AppError> {
    progress::lock_learner(txn, actor, grant).await?;
    db::attempts::find(txn, id).await?.ok_or(AppError::NotFound)
}

/// Saves answers (each replaces the earlier answer to its question). A closed attempt is
/// 409; one past its time is first submitted as it stands.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &AnswersForm,
) -> Result<Attempt, AppError> {
    let (a, quiz, grant) = own(&state.db, actor, id).await?;
    let settings = settings_of(&quiz);
    if a.status != AttemptStatus::InProgress {
        return Err(Denied::AttemptClosed.into());
    }
    // The answers are checked before the write (an attempt's questions never change);
    // one past its time is closed first, whatever it holds.
    let given = if expired(a.deadline, crate::clock::now()) {
        Vec::new()
    } else {
        checked_answers(&a, form)?
    };
    let txn = db::begin_write(&state.db).await?;
    let a = own_locked(&txn, actor, &grant, id).await?;
    if a.status != AttemptStatus::InProgress {
        return Err(Denied::AttemptClosed.into());
    }
    if expired(a.deadline, crate::clock::now()) {
        close(&txn, &grant, &a, &settings).await?;
        txn.commit().await?;
        return Err(Denied::AttemptClosed.into());
    }
    db::attempts::save_answers(&txn, a.id, &given).await?;
    txn.commit().await?;
    view(&state.db, &a, &settings, Viewer::Trainee).await
}

/// The answers of a form, each checked against its question in the attempt (the last of
/// two to the same question counts).
fn checked_answers(
    a: &StoredAttempt,
    form: &AnswersForm,
) -> Result<Vec<(Uuid, Option<Value>)>, AppError> {
    bounded("answers", form.answers.len(), a)?;
    let mut errors = FieldErrors::default();
    let mut given: Vec<(Uuid, Option<Value>)> = Vec::with_capacity(form.answers.len());
    for (i, g) in form.answers.iter().enumerate() {
        let field = format!("answers[{i}]");
        match a.questions.iter().find(|q| q.id == g.question_id) {
            None => errors.add(&format!("{field}.questionId"), FieldError::NotInAttempt),
            Some(q) => match q.check(&g.answer) {
                Ok(v) => {
                    given.retain(|(id, _)| *id != q.id);
                    given.push((q.id, v));
                }
                Err(e) => errors.add(&format!("{field}.answer"), e),
            },
        }
    }
    errors.finish(())?;
    Ok(given)
}

/// Submits and grades; submitting again answers the result (nothing graded twice). The
/// result is read after the commit, outside the write.
pub async fn submit(state: &AppState, actor: &Actor, id: Uuid) -> Result<Attempt, AppError> {
    let (a, quiz, grant) = own(&state.db, actor, id).await?;
    let settings = settings_of(&quiz);
    if a.status == AttemptStatus::InProgress {
        let txn = db::begin_write(&state.db).await?;
        let a = own_locked(&txn, actor, &grant, id).await?;
        if a.status == AttemptStatus::InProgress {
            close(&txn, &grant, &a, &settings).await?;
        }
        txn.commit().await?;
        // A trainer's "needs grading" counts changed.
        state.dashboards.forget_trainers();
    }
    let a = db::attempts::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(&state.db, &a, &settings, Viewer::Trainee).await
}

/// Reads an attempt: its trainee, or the course's trainer and super admins; 404 for
/// anyone else. One past its time is submitted as it stands first.
pub async fn show(state: &AppState, actor: &Actor, id: Uuid) -> Result<Attempt, AppError> {
    let a = db::attempts::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.status == AttemptStatus::InProgress
        && expired(a.deadline, crate::clock::now())
        && a.user_id == actor.id
    {
        submit(state, actor, id).await?;
    }
    let (viewer, grant) = reader(state, actor, &a).await?;
    let a = db::attempts::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let quiz = db::contents::find(&state.db, &grant, a.content_id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(&state.db, &a, &settings_of(&quiz), viewer).await
}

/// Who may read an attempt, and as whom.
async fn reader(
    state: &AppState,
    actor: &Actor,
    a: &StoredAttempt,
) -> Result<(Viewer, CourseGrant), AppError> {
    let (_, facts) = db::courses::find_for(&state.db, a.course_id, Some(actor))
        .await?
        .ok_or(AppError::NotFound)?;
    if let Ok(grant) = policy::course(&facts, CourseAction::Teach) {
        return Ok((Viewer::Trainer, grant));
    }
    if a.user_id == actor.id
        && let Ok(grant) = policy::course(&facts, CourseAction::View)
    {
        return Ok((Viewer::Trainee, grant));
    }
    Err(AppError::NotFound)
}

/// A quiz's attempts: the caller's own, or everyone's for its trainer and super admins.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    content_id: Uuid,
) -> Result<(Vec<Attempt>, Option<u32>), AppError> {
    let course = db::contents::course_of(&state.db, content_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (facts, grant) = grant_for(&state.db, Some(actor), course, CourseAction::View).await?;
    let quiz = db::contents::find(&state.db, &grant, content_id)
        .await?
        .filter(|c| c.kind == ContentKind::Quiz)
        .ok_or(AppError::NotFound)?;
    let manages = matches!(facts.standing, Standing::Owner | Standing::SuperAdmin);
    let (viewer, whose) = if manages {
        (Viewer::Trainer, None)
    } else {
        (Viewer::Trainee, Some(actor.id))
    };
    let settings = settings_of(&quiz);
    let stored = db::attempts::list(&state.db, &grant, content_id, whose).await?;
    let mut out = Vec::with_capacity(stored.len());
    for a in &stored {
        out.push(view(&state.db, a, &settings, viewer).await?);
    }
    let left = settings
        .max_attempts
        .map(|m| m.saturating_sub(stored.len() as u32));
    Ok((out, if manages { None } else { left }))
}

/// Attempts waiting for a person: the trainer's own courses, or every course for a super
/// admin.
pub async fn queue(
    state: &AppState,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<QueueEntry>, AppError> {
    let scope = match actor.role {
        crate::domain::user::Role::SuperAdmin => policy::CourseScope::All,
        crate::domain::user::Role::Trainer => policy::CourseScope::OwnedBy(actor.id),
        crate::domain::user::Role::Trainee => return Err(Denied::NotCourseTrainer.into()),
    };
    Ok(db::attempts::queue(&state.db, scope, page).await?)
}

/// The trainer's grant on an attempt's course, with the trainee's locks held: 404 for
/// anyone who is not the course's trainer or a super admin.
async fn teach(
    txn: &impl db::Connection,
    actor: &Actor,
    id: Uuid,
) -> Result<(StoredAttempt, Content, CourseGrant), AppError> {
    let a = db::attempts::find(txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, facts) = db::courses::find_for(txn, a.course_id, Some(actor))
        .await?
        .ok_or(AppError::NotFound)?;
    let grant = policy::course(&facts, CourseAction::Teach).map_err(|_| AppError::NotFound)?;
    db::courses::lock_for_learning(txn, &grant).await?;
    db::enrolments::lock_of(txn, a.user_id, a.course_id).await?;
    let a = db::attempts::find(txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let quiz = db::contents::find(txn, &grant, a.content_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((a, quiz, grant))
}

/// The trainer grades the text answers a person grades (points 0 to the question's, and
/// feedback). Once none waits, the attempt is graded; a pass completes the quiz lesson.
pub async fn grade(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &GradeForm,
) -> Result<Attempt, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (a, quiz, grant) = teach(&txn, actor, id).await?;
    submitted(&a)?;
    let settings = settings_of(&quiz);
    bounded("grades", form.grades.len(), &a)?;
    let mut errors = FieldErrors::default();
    let mut marks = Vec::new();
    for (i, g) in form.grades.iter().enumerate() {
        let field = format!("grades[{i}]");
        let Some(q) = a
            .questions
            .iter()
            .find(|q| q.id == g.question_id && q.kind == QuestionKind::Text)
        else {
            errors.add(&format!("{field}.questionId"), FieldError::NotInAttempt);
            continue;
        };
        let points = match g.points {
            Some(p) if (0..=i64::from(q.points)).contains(&p) => p as i32,
            _ => {
                errors.add(
                    &format!("{field}.points"),
                    FieldError::Range {
                        min: 0,
                        max: i64::from(q.points),
                    },
                );
                continue;
            }
        };
        let feedback = g
            .feedback
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(crate::domain::article::sanitize_html);
        marks.push(Marked {
            question_id: q.id,
            points: Some(points),
            is_correct: Some(points == q.points && q.points > 0),
            feedback: Some(feedback),
            graded_by: Some(actor.id),
        });
    }
    errors.finish(())?;
    db::attempts::mark(&txn, a.id, &marks).await?;
    let view = regraded(&txn, &grant, &a, &settings, None).await?;
    txn.commit().await?;
    // A trainer's "needs grading" counts changed.
    state.dashboards.forget_trainers();
    Ok(view)
}

/// Lists in a request about an attempt are bounded by its questions (twice over, for
/// repeats): more than that are not answers.
fn bounded(field: &str, len: usize, a: &StoredAttempt) -> Result<(), AppError> {
    let max = a.questions.len().max(1) * 2;
    if len > max {
        return Err(AppError::field(field, FieldError::TooMany { max }));
    }
    Ok(())
}

/// Grading and regrading are for submitted attempts.
fn submitted(a: &StoredAttempt) -> Result<(), AppError> {
    if a.status == AttemptStatus::InProgress {
        return Err(AppError::Conflict(
            "This attempt has not been submitted yet.".to_owned(),
        ));
    }
    Ok(())
}

/// After the trainer changed an attempt's marks (or its questions): the result again, a
/// new pass completing the lesson (a pass is never taken back), the course's computed
/// grade, and the attempt as the trainer sees it.
async fn regraded(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    a: &StoredAttempt,
    settings: &QuizSettings,
    questions: Option<&[Drawn]>,
) -> Result<Attempt, AppError> {
    let was_passed = a.passed == Some(true);
    let t = rescore(txn, grant, a, settings, questions).await?;
    if !was_passed && t.passed(settings) {
        pass(txn, grant, a, t).await?;
    }
    crate::services::grades::refresh(txn, grant, Some(a.user_id)).await?;
    let a = db::attempts::find(txn, a.id)
        .await?
        .ok_or(AppError::NotFound)?;
    view(txn, &a, settings, Viewer::Trainer).await
}

/// Adds up a submitted attempt again from its answers and marks and stores the result.
async fn rescore(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    a: &StoredAttempt,
    settings: &QuizSettings,
    questions: Option<&[Drawn]>,
) -> Result<Tally, AppError> {
    let answers = db::attempts::answers(txn, a.id).await?;
    let qs = questions.unwrap_or(&a.questions);
    let find = |id: Uuid| answers.iter().find(|x| x.question_id == id);
    let t = tally(
        qs,
        |id| find(id).and_then(|x| x.answer.clone()),
        |id| {
            find(id)
                .filter(|x| x.graded_at.is_some())
                .and_then(|x| x.points)
        },
    );
    let status = if t.waiting {
        AttemptStatus::Pending
    } else {
        AttemptStatus::Graded
    };
    let passed = (!t.waiting).then(|| t.passed(settings));
    db::attempts::rescore(txn, grant, a.id, status, t.points, passed, questions).await?;
    Ok(t)
}

/// The trainer regrades a submitted attempt against the quiz's questions as they are now
/// (a corrected answer key): the attempt keeps its draw and its answers, takes the
/// questions' current text, answers and points (a deleted question keeps its old copy),
/// and is graded again. Manual grades stay where the question is still graded by a person.
/// A pass that turns into a fail does not take back the lesson's completion.
pub async fn regrade(state: &AppState, actor: &Actor, id: Uuid) -> Result<Attempt, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (a, quiz, grant) = teach(&txn, actor, id).await?;
    submitted(&a)?;
    let settings = settings_of(&quiz);
    let current = db::questions::list(&txn, &grant, a.content_id).await?;
    let questions: Vec<Drawn> = a
        .questions
        .iter()
        .map(|old| match current.iter().find(|q| q.id == old.id) {
            Some(now) => {
                let mut d = Drawn::of(now);
                // The options keep the order this trainee saw, where they still exist.
                let mut shown: Vec<String> = old
                    .options
                    .iter()
                    .filter(|o| d.options.contains(o))
                    .cloned()
                    .collect();
                shown.extend(
                    d.options
                        .iter()
                        .filter(|o| !old.options.contains(o))
                        .cloned(),
                );
                d.options = shown;
                d
            }
            None => old.clone(),
        })
        .collect();
    let answers = db::attempts::answers(&txn, a.id).await?;
    let marks: Vec<Marked> = questions
        .iter()
        .filter_map(|q| {
            let answer = answers
                .iter()
                .find(|x| x.question_id == q.id)
                .and_then(|x| x.answer.clone());
            q.grade(answer.as_ref()).map(|p| Marked {
                question_id: q.id,
                points: Some(p),
                is_correct: Some(p == q.points && q.points > 0),
                feedback: None,
                graded_by: None,
            })
        })
        .collect();
    db::attempts::mark(&txn, a.id, &marks).await?;
    let view = regraded(&txn, &grant, &a, &settings, Some(&questions)).await?;
    txn.commit().await?;
    // A trainer's "needs grading" counts changed.
    state.dashboards.forget_trainers();
    Ok(view)
}

/// Housekeeping: submits, as they stand, the attempts whose time and grace ran out and
/// that nobody touched since. Answers how many.
pub async fn close_expired(conn: &db::Db) -> Result<usize, AppError> {
    let cutoff = crate::clock::now() - crate::domain::attempt::GRACE;
    let ids = db::attempts::expired(conn, cutoff, 500).await?;
    let mut closed = 0;
    for id in ids {
        let txn = db::begin_write(conn).await?;
        let Some(a) = db::attempts::find(&txn, id).await? else {
            continue;
        };
        let grant = policy::for_the_system(a.course_id);
        db::courses::lock_for_learning(&txn, &grant).await?;
        db::enrolments::lock_of(&txn, a.user_id, a.course_id).await?;
        let Some(a) = db::attempts::find(&txn, id).await? else {
            continue;
        };
        if a.status == AttemptStatus::InProgress && expired(a.deadline, crate::clock::now()) {
            let quiz = db::contents::find(&txn, &grant, a.content_id).await?;
            let settings = quiz.as_ref().map(settings_of).unwrap_or_default();
            close(&txn, &grant, &a, &settings).await?;
            closed += 1;
        }
        txn.commit().await?;
    }
    Ok(closed)
}
