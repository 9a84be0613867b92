//! Notes: a trainee writes them on courses they learn in (and on those courses' lessons);
//! only the writer reads, changes or deletes them, and the course's trainer reads the ones
//! shared with them.

use uuid::Uuid;

use crate::db;
use crate::domain::note::{Note, NoteFilter, NoteForm};
use crate::domain::pagination::{Page, PageRequest};
use crate::domain::policy::{Actor, CourseAction, CourseGrant};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::courses::grant_for;
use crate::services::outline::find_content;
use crate::state::AppState;

/// The lesson a note names must be a lesson of the note's course the trainee can see.
async fn check_lesson(
    state: &AppState,
    actor: &Actor,
    grant: &CourseGrant,
    lesson: Option<Option<Uuid>>,
) -> Result<(), AppError> {
    if let Some(Some(id)) = lesson {
        let found = find_content(&state.db, Some(actor), id, CourseAction::Study).await;
        match found {
            Ok((_, _, g)) if g.course_id() == grant.course_id() => {}
            _ => return Err(AppError::field("contentId", FieldError::NotInCourse)),
        }
    }
    Ok(())
}

pub async fn create(state: &AppState, actor: &Actor, form: &NoteForm) -> Result<Note, AppError> {
    let changes = form.parse(true)?;
    let course = form.course_id.ok_or(AppError::NotFound)?;
    let (_, grant) = grant_for(&state.db, Some(actor), course, CourseAction::Study).await?;
    check_lesson(state, actor, &grant, changes.content_id).await?;
    Ok(db::notes::insert(&state.db, &grant, actor.id, &changes).await?)
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &NoteForm,
) -> Result<Note, AppError> {
    let changes = form.parse(false)?;
    let note = db::notes::find_own(&state.db, actor.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if changes.content_id.is_some() {
        let (_, grant) =
            grant_for(&state.db, Some(actor), note.course_id, CourseAction::Study).await?;
        check_lesson(state, actor, &grant, changes.content_id).await?;
    }
    db::notes::update(&state.db, actor.id, id, &changes)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn delete(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    if db::notes::delete(&state.db, actor.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The caller's own notes; or, with `shared` and a course the caller teaches, the notes
/// its trainees shared.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &NoteFilter,
    shared: bool,
    page: PageRequest,
) -> Result<Page<Note>, AppError> {
    if shared {
        let course = filter
            .course_id
            .ok_or_else(|| AppError::field("courseId", FieldError::Required))?;
        let (_, grant) = grant_for(&state.db, Some(actor), course, CourseAction::Teach).await?;
        return Ok(db::notes::shared_in(&state.db, &grant, filter, page).await?);
    }
    Ok(db::notes::mine(&state.db, actor.id, filter, page).await?)
}
