//! Notes: `/api/notes` and `/api/notes/{id}`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::note::{Note, NoteFilter, NoteForm};
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::notes;
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_notes, create_note))
        .routes(routes!(update_note, delete_note))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NoteResponse {
    note: Note,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NoteList {
    notes: Vec<Note>,
    pagination: Pagination,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct NoteQuery {
    #[param(minimum = 0)]
    page: Option<i64>,
    #[param(minimum = 0)]
    limit: Option<i64>,
    course_id: Option<Uuid>,
    content_id: Option<Uuid>,
    /// One tag (any case).
    tag: Option<String>,
    /// Words the note contains.
    search: Option<String>,
    /// With courseId: the notes its trainees shared (for the course's trainer).
    shared: Option<bool>,
}

/// `GET /api/notes`
#[utoipa::path(get, path = "/notes", tag = "notes",
    summary = "My notes",
    description = "The caller's own notes, newest change first, filtered by course, lesson, tag and words. With shared=true and a courseId, the course's trainer reads the notes its trainees shared (isPrivate false).",
    security(("bearer" = [])),
    params(NoteQuery),
    responses(
        (status = 200, description = "One page of notes", body = NoteList),
        (status = 400, description = "A malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "shared=true on a course the caller does not teach", body = ErrorBody),
        (status = 404, description = "shared=true on a hidden course", body = ErrorBody),
        (status = 422, description = "shared=true without courseId; a negative page", body = ErrorBody),
    ))]
pub async fn list_notes(
    State(state): State<AppState>,
    who: CurrentUser,
    Query(q): Query<NoteQuery>,
) -> Result<Json<NoteList>, AppError> {
    let page = PageRequest::from_query(q.page, q.limit)?;
    let filter = NoteFilter {
        course_id: q.course_id,
        content_id: q.content_id,
        tag: q.tag.filter(|t| !t.trim().is_empty()),
        search: q.search,
    };
    let page = notes::list(
        &state,
        &actor(&who),
        &filter,
        q.shared.unwrap_or(false),
        page,
    )
    .await?;
    Ok(Json(NoteList {
        notes: page.items,
        pagination: page.pagination,
    }))
}

/// `POST /api/notes`
#[utoipa::path(post, path = "/notes", tag = "notes",
    summary = "Write a note",
    description = "On a course the caller learns in (actively enrolled), optionally on one of its lessons. Private unless isPrivate is false (then the course's trainer reads it too).",
    security(("bearer" = [])),
    request_body = NoteForm,
    responses(
        (status = 201, description = "Written", body = NoteResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not actively enrolled in the course", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or missing fields; a lesson of another course", body = ErrorBody),
    ))]
pub async fn create_note(
    State(state): State<AppState>,
    who: CurrentUser,
    Json(form): Json<NoteForm>,
) -> Result<(StatusCode, Json<NoteResponse>), AppError> {
    let note = notes::create(&state, &actor(&who), &form).await?;
    Ok((StatusCode::CREATED, Json(NoteResponse { note })))
}

/// `PUT /api/notes/{id}`
#[utoipa::path(put, path = "/notes/{id}", tag = "notes",
    summary = "Change a note",
    description = "Only its writer; anyone else gets 404.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = NoteForm,
    responses(
        (status = 200, description = "Changed", body = NoteResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "No longer enrolled (when moving it to a lesson)", body = ErrorBody),
        (status = 404, description = "No such note, or someone else's", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad fields", body = ErrorBody),
    ))]
pub async fn update_note(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<NoteForm>,
) -> Result<Json<NoteResponse>, AppError> {
    let note = notes::update(&state, &actor(&who), id, &form).await?;
    Ok(Json(NoteResponse { note }))
}

/// `DELETE /api/notes/{id}`
#[utoipa::path(delete, path = "/notes/{id}", tag = "notes",
    summary = "Delete a note",
    description = "Only its writer; anyone else gets 404.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such note, or someone else's", body = ErrorBody),
    ))]
pub async fn delete_note(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    notes::delete(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
