//! The player's notes panel: `POST /learn/{course_id}/{content_id}/notes` adds a note on
//! the lesson (private unless "share with the trainer" is ticked), and
//! `POST .../notes/{note_id}/delete` deletes one. Only the writer ever sees or deletes a
//! note (`services::notes`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::lesson_path;
use super::player::{NoteDraft, render};
use crate::domain::note::NoteForm;
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::notes;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, Path};
use crate::web::page::Page;
use crate::web::session::PageUser;

/// The note form's fields.
#[derive(Debug, Deserialize)]
pub struct NoteFields {
    #[serde(default)]
    content: String,
    /// A ticked checkbox sends `on`; an unticked one nothing.
    #[serde(default)]
    shared: Option<String>,
}

/// `POST /learn/{course_id}/{content_id}/notes` (a trainee learning in the course).
pub async fn create(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path((course_id, content_id)): Path<(Uuid, Uuid)>,
    Form(fields): Form<NoteFields>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    super::player::learner(&state, &actor, course_id).await?;
    let shared = fields.shared.is_some();
    let text = fields.content.replace('\0', "");
    let form = NoteForm {
        course_id: Some(course_id),
        content_id: Some(Some(content_id)),
        content: Some(text.clone()),
        is_private: Some(!shared),
        tags: None,
    };
    match notes::create(&state, &actor, &form).await {
        Ok(_) => Ok(flash::redirect_with(
            &format!("{}#notes", lesson_path(course_id, content_id)),
            Flash::NoteSaved,
            ctx.secure,
        )),
        Err(AppError::Validation(errors)) => {
            let error = errors
                .get("content")
                .and_then(|e| e.first())
                .map(|e| ctx.locale.field_error(e))
                .or_else(|| errors.get("contentId").map(|_| ctx.t("error-404-text")));
            let draft = NoteDraft {
                text,
                shared,
                error,
            };
            render(
                &state,
                ctx,
                &actor,
                course_id,
                content_id,
                StatusCode::UNPROCESSABLE_ENTITY,
                draft,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /learn/{course_id}/{content_id}/notes/{note_id}/delete`: the lesson.
pub async fn back(Path((course_id, content_id, _)): Path<(Uuid, Uuid, Uuid)>) -> Redirect {
    Redirect::to(&format!("{}#notes", lesson_path(course_id, content_id)))
}

/// `POST /learn/{course_id}/{content_id}/notes/{note_id}/delete` (the note's writer):
/// anyone else's note, or one already gone, is the 404 page.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path((course_id, content_id, note_id)): Path<(Uuid, Uuid, Uuid)>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    notes::delete(&state, &actor, note_id).await?;
    Ok(flash::redirect_with(
        &format!("{}#notes", lesson_path(course_id, content_id)),
        Flash::NoteDeleted,
        ctx.secure,
    ))
}
