//! A quiz's questions. Its trainer and super admins see and change them with their
//! answers; learners get `LearnerQuestion`s, which have no answer fields. (Attempts, which
//! decide when corrections are shown, come with the learning issue.)

use uuid::Uuid;

use crate::db;
use crate::domain::content::OrderForm;
use crate::domain::content::check_order;
use crate::domain::content::quiz::{LearnerQuestion, Question, QuestionForm};
use crate::domain::policy::{Actor, CourseAction, CourseGrant, Standing};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::outline::{AuthorOutline, author_content, find_content, takes_questions};
use crate::state::AppState;

/// A quiz's questions as the caller may see them.
pub enum QuestionList {
    /// The trainer's and super admins' view, with answers.
    Authoring(Vec<Question>),
    /// A learner's view: active questions, no answers.
    Learning(Vec<LearnerQuestion>),
}

/// The quiz content `id`, checked to be a quiz, and the grant for `action` on its course.
async fn quiz(
    db: &impl db::Connection,
    actor: Option<&Actor>,
    id: Uuid,
    action: CourseAction,
) -> Result<(CourseGrant, Standing), AppError> {
    let (content, facts, grant) = find_content(db, actor, id, action).await?;
    if !takes_questions(content.kind) {
        return Err(AppError::NotFound);
    }
    if action == CourseAction::Author {
        // Changes to one course's quizzes run one after the other (the order numbers).
        db::courses::lock(db, &grant).await?;
    }
    Ok((grant, facts.standing))
}

pub async fn list(
    state: &AppState,
    actor: Option<&Actor>,
    content: Uuid,
) -> Result<QuestionList, AppError> {
    let (grant, standing) = quiz(&state.db, actor, content, CourseAction::Learn).await?;
    let questions = db::questions::list(&state.db, &grant, content).await?;
    Ok(match standing {
        Standing::Owner | Standing::SuperAdmin => QuestionList::Authoring(questions),
        _ => QuestionList::Learning(
            questions
                .iter()
                .filter(|q| q.is_active)
                .map(LearnerQuestion::from)
                .collect(),
        ),
    })
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    content: Uuid,
    form: &QuestionForm,
) -> Result<Question, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (grant, _) = quiz(&txn, Some(actor), content, CourseAction::Author).await?;
    let data = form.parse()?;
    let question = db::questions::insert(&txn, &grant, content, data).await?;
    txn.commit().await?;
    Ok(question)
}

/// The question's quiz and course, or 404.
async fn owners(db: &impl db::Connection, id: Uuid) -> Result<Uuid, AppError> {
    Ok(db::questions::owners_of(db, id)
        .await?
        .ok_or(AppError::NotFound)?
        .0)
}

/// Changes what the form names; the whole question is checked again (a new type needs
/// options and an answer that fit it).
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: QuestionForm,
) -> Result<Question, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let content = owners(&txn, id).await?;
    let (grant, _) = quiz(&txn, Some(actor), content, CourseAction::Author).await?;
    let existing = db::questions::find(&txn, &grant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let data = form.over(existing.as_form()).parse()?;
    let question = db::questions::update(&txn, &grant, id, data)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(question)
}

pub async fn delete(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    let content = owners(&txn, id).await?;
    let (grant, _) = quiz(&txn, Some(actor), content, CourseAction::Author).await?;
    if !db::questions::delete(&txn, &grant, id).await? {
        return Err(AppError::NotFound);
    }
    txn.commit().await?;
    Ok(())
}

/// Puts a quiz's questions in the order given: exactly its questions, each once.
pub async fn order(
    state: &AppState,
    actor: &Actor,
    content: Uuid,
    form: &OrderForm,
) -> Result<Vec<Question>, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (grant, _) = quiz(&txn, Some(actor), content, CourseAction::Author).await?;
    if form.section_id.is_some() {
        return Err(AppError::field("sectionId", FieldError::UnknownField));
    }
    let existing: Vec<Uuid> = db::questions::list(&txn, &grant, content)
        .await?
        .iter()
        .map(|q| q.id)
        .collect();
    check_order(&form.ids, &existing)?;
    db::questions::reorder(&txn, &grant, content, &form.ids).await?;
    let questions = db::questions::list(&txn, &grant, content).await?;
    txn.commit().await?;
    Ok(questions)
}

/// One question for its editor: the question with its answer, and its quiz with the
/// course's outline. The quiz's trainer's and super admins' only.
pub async fn author_question(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(Question, crate::domain::content::Content, AuthorOutline), AppError> {
    let content = owners(&state.db, id).await?;
    let (quiz, outline) = author_content(state, actor, content).await?;
    let grant = author_grant(&state.db, actor, content).await?;
    let question = db::questions::find(&state.db, &grant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((question, quiz, outline))
}

/// A quiz's questions with their answers, for its editor (its trainer and super admins).
pub async fn author_list(
    state: &AppState,
    actor: &Actor,
    content: Uuid,
) -> Result<Vec<Question>, AppError> {
    let grant = author_grant(&state.db, actor, content).await?;
    Ok(db::questions::list(&state.db, &grant, content).await?)
}

async fn author_grant(
    db: &impl db::Connection,
    actor: &Actor,
    content: Uuid,
) -> Result<CourseGrant, AppError> {
    Ok(quiz(db, Some(actor), content, CourseAction::ViewAsAuthor)
        .await?
        .0)
}
