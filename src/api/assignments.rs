//! Assignments and submissions: `/api/courses/{id}/assignments`, `/api/assignments/{id}`,
//! its submissions, and `/api/submissions/{id}` with its grade and files.

use axum::extract::multipart::Field;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::config::UploadsConfig;
use crate::db::submissions::{StoredFile, SubmissionFilter};
use crate::domain::assignment::{
    Assignment, AssignmentForm, GradeChange, GradeForm, Submission, SubmissionForm,
    SubmissionVersion, TEXT_MAX,
};
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::assignments::{self, FILES_MAX};
use crate::services::content_files::ServedFile;
use crate::state::AppState;
use crate::storage::{Folder, StorageKey};

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

/// The routes; a hand-in's body may carry `FILES_MAX` files of the largest document or
/// image each (streamed to storage, never held whole).
pub fn router(uploads: &UploadsConfig) -> OpenApiRouter<AppState> {
    let largest = uploads.document_max_bytes.max(uploads.image_max_bytes);
    let limit = usize::try_from(largest.saturating_mul(FILES_MAX as u64))
        .unwrap_or(usize::MAX)
        .saturating_add(TEXT_MAX * 4 + super::MULTIPART_ROOM);
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(show, update, delete))
        .routes(routes!(list_submissions, submit).layer(DefaultBodyLimit::max(limit)))
        .routes(routes!(my_submission))
        .routes(routes!(show_submission))
        .routes(routes!(grade))
        .routes(routes!(download))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AssignmentResponse {
    assignment: Assignment,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AssignmentList {
    assignments: Vec<Assignment>,
    pagination: Pagination,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmissionResponse {
    submission: Submission,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MySubmission {
    /// `null` until the caller hands work in.
    submission: Option<Submission>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmissionList {
    submissions: Vec<Submission>,
    pagination: Pagination,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmissionDetail {
    submission: Submission,
    /// Every version handed in, oldest first (the last is the current one).
    versions: Vec<SubmissionVersion>,
    /// Every grade given or changed, oldest first: the course's trainer's only.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<GradeChange>>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    #[param(minimum = 0)]
    page: Option<i64>,
    #[param(minimum = 0)]
    limit: Option<i64>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmissionQuery {
    #[param(minimum = 0)]
    page: Option<i64>,
    #[param(minimum = 0)]
    limit: Option<i64>,
    /// Only the work not graded yet.
    ungraded: Option<bool>,
    /// Only the work handed in late.
    late: Option<bool>,
}

/// `GET /api/courses/{id}/assignments`
#[utoipa::path(get, path = "/courses/{id}/assignments", tag = "assignments",
    summary = "A course's assignments",
    description = "Its trainer and super admins see every assignment; its learners the published ones. By due date (none last), then title.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), PageQuery),
    responses(
        (status = 200, description = "One page of assignments", body = AssignmentList),
        (status = 400, description = "A malformed id or query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Neither the course's trainer nor one of its learners", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 422, description = "A negative page", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<PageQuery>,
) -> Result<Json<AssignmentList>, AppError> {
    let page = PageRequest::from_query(q.page, q.limit)?;
    let found = assignments::list(&state, &actor(&who), id, page).await?;
    Ok(Json(AssignmentList {
        assignments: found.items,
        pagination: found.pagination,
    }))
}

/// `POST /api/courses/{id}/assignments`
#[utoipa::path(post, path = "/courses/{id}/assignments", tag = "assignments",
    summary = "Set an assignment",
    description = "The course's trainer or a super admin. Unpublished unless isPublished is true.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = AssignmentForm,
    responses(
        (status = 201, description = "Created", body = AssignmentResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or missing fields", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<AssignmentForm>,
) -> Result<(StatusCode, Json<AssignmentResponse>), AppError> {
    let assignment = assignments::create(&state, &actor(&who), id, &form).await?;
    Ok((StatusCode::CREATED, Json(AssignmentResponse { assignment })))
}

/// `GET /api/assignments/{id}`
#[utoipa::path(get, path = "/assignments/{id}", tag = "assignments",
    summary = "An assignment",
    description = "For the course's trainer, super admins, and (published) its learners.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The assignment", body = AssignmentResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Neither the course's trainer nor one of its learners", body = ErrorBody),
        (status = 404, description = "No such assignment, or unpublished", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AssignmentResponse>, AppError> {
    let assignment = assignments::show(&state, &actor(&who), id).await?;
    Ok(Json(AssignmentResponse { assignment }))
}

/// `PUT /api/assignments/{id}`
#[utoipa::path(put, path = "/assignments/{id}", tag = "assignments",
    summary = "Change an assignment",
    description = "The course's trainer or a super admin. Absent fields stay; dueDate null removes the due date. The points may not go below a score already given (422).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = AssignmentForm,
    responses(
        (status = 200, description = "Changed", body = AssignmentResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such assignment", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad fields", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<AssignmentForm>,
) -> Result<Json<AssignmentResponse>, AppError> {
    let assignment = assignments::update(&state, &actor(&who), id, &form).await?;
    Ok(Json(AssignmentResponse { assignment }))
}

/// `DELETE /api/assignments/{id}`
#[utoipa::path(delete, path = "/assignments/{id}", tag = "assignments",
    summary = "Delete an assignment",
    description = "The course's trainer or a super admin, while no work has been handed in for it (409 then: unpublish it instead).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such assignment", body = ErrorBody),
        (status = 409, description = "Work has been handed in for it", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    assignments::delete(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/assignments/{id}/submissions`
#[utoipa::path(get, path = "/assignments/{id}/submissions", tag = "assignments",
    summary = "The work handed in",
    description = "For the course's trainer and super admins: each trainee's latest version, oldest hand-in first, optionally only the ungraded or the late ones.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), SubmissionQuery),
    responses(
        (status = 200, description = "One page of submissions", body = SubmissionList),
        (status = 400, description = "A malformed id or query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such assignment, or unpublished", body = ErrorBody),
        (status = 422, description = "A negative page", body = ErrorBody),
    ))]
pub async fn list_submissions(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<SubmissionQuery>,
) -> Result<Json<SubmissionList>, AppError> {
    let page = PageRequest::from_query(q.page, q.limit)?;
    let filter = SubmissionFilter {
        ungraded: q.ungraded.unwrap_or(false),
        late: q.late.unwrap_or(false),
    };
    let found = assignments::submissions(&state, &actor(&who), id, filter, page).await?;
    Ok(Json(SubmissionList {
        submissions: found.items,
        pagination: found.pagination,
    }))
}

/// The multipart form of a hand-in.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documents the form; the handler reads the fields itself
pub struct HandInForm {
    text: Option<String>,
    /// Up to 10 documents or images (the `files` field, once per file).
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Vec<Vec<u8>>,
}

/// A multipart text field, read up to its limit.
async fn read_text(field: &mut Field<'_>) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > TEXT_MAX * 4 {
            return Err(AppError::field(
                "text",
                FieldError::Length {
                    min: 1,
                    max: TEXT_MAX,
                },
            ));
        }
    }
    String::from_utf8(bytes).map_err(|_| AppError::BadRequest("The text is not UTF-8.".to_owned()))
}

/// Reads a multipart hand-in, storing each file as it arrives; on any failure the files
/// stored so far are removed.
async fn read_hand_in(
    state: &AppState,
    assignment_id: Uuid,
    request: Request,
) -> Result<(Option<String>, Vec<StoredFile>), AppError> {
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?;
    let mut text = None;
    let mut files = Vec::new();
    let read = async {
        while let Some(mut field) = form
            .next_field()
            .await
            .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
        {
            match field.name() {
                Some("text") => text = Some(read_text(&mut field).await?),
                Some("files") | Some("file") => {
                    if files.len() == FILES_MAX {
                        return Err(AppError::field(
                            "files",
                            FieldError::TooMany { max: FILES_MAX },
                        ));
                    }
                    let name = crate::services::content_files::display_name(field.file_name());
                    let stored =
                        assignments::store_file(state, assignment_id, name, Box::pin(field)).await;
                    match stored {
                        Ok(file) => files.push(file),
                        // A file input left empty sends an empty part: not a file.
                        Err(AppError::Validation(_)) => {}
                        Err(e) => return Err(e),
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
    .await;
    match read {
        Ok(()) => Ok((text, files)),
        Err(e) => {
            assignments::forget_files(state, &files).await;
            Err(e)
        }
    }
}

/// `POST /api/assignments/{id}/submissions`
#[utoipa::path(post, path = "/assignments/{id}/submissions", tag = "assignments",
    summary = "Hand in work",
    description = "An actively enrolled trainee, on a published assignment: JSON `{\"text\"}`, or a multipart form with `text` and up to 10 `files` (documents or images, judged by their bytes, streamed to storage). Work may be handed in again until the due date or the grade, whichever comes first; each version is kept. After the due date, work is taken only when the assignment allows late work, once, marked late.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content(
        (SubmissionForm = "application/json"),
        (HandInForm = "multipart/form-data"),
    )),
    responses(
        (status = 201, description = "Handed in", body = SubmissionResponse),
        (status = 400, description = "A malformed id or body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not actively enrolled in the course", body = ErrorBody),
        (status = 404, description = "No such assignment, or unpublished", body = ErrorBody),
        (status = 409, description = "Graded already, or past the due date", body = ErrorBody),
        (status = 413, description = "A file past the upload limit; nothing is kept", body = ErrorBody),
        (status = 415, description = "Neither JSON nor multipart; a file that is not a document or image", body = ErrorBody),
        (status = 422, description = "No text and no file; too many files; text too long", body = ErrorBody),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<(StatusCode, Json<SubmissionResponse>), AppError> {
    let actor = actor(&who);
    let multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let (text, files) = if multipart {
        // Nothing is stored for someone who may not hand in work now.
        assignments::precheck(&state, &actor, id).await?;
        read_hand_in(&state, id, request).await?
    } else {
        let Json(form) = Json::<SubmissionForm>::from_request(request, &state).await?;
        (form.text, Vec::new())
    };
    let submission = assignments::submit(&state, &actor, id, text.as_deref(), files).await?;
    Ok((StatusCode::CREATED, Json(SubmissionResponse { submission })))
}

/// `GET /api/assignments/{id}/submission`
#[utoipa::path(get, path = "/assignments/{id}/submission", tag = "assignments",
    summary = "My work on an assignment",
    description = "The caller's own submission, or null before they hand anything in.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The caller's submission, if any", body = MySubmission),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Neither the course's trainer nor one of its learners", body = ErrorBody),
        (status = 404, description = "No such assignment, or unpublished", body = ErrorBody),
    ))]
pub async fn my_submission(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<MySubmission>, AppError> {
    let submission = assignments::mine(&state, &actor(&who), id).await?;
    Ok(Json(MySubmission { submission }))
}

/// `GET /api/submissions/{id}`
#[utoipa::path(get, path = "/submissions/{id}", tag = "assignments",
    summary = "A submission",
    description = "Its trainee, or the course's trainer and super admins (who also get the grade history); 404 to anyone else.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The submission with its versions", body = SubmissionDetail),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such submission, or someone else's", body = ErrorBody),
    ))]
pub async fn show_submission(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SubmissionDetail>, AppError> {
    let found = assignments::detail(&state, &actor(&who), id).await?;
    Ok(Json(SubmissionDetail {
        submission: found.submission,
        versions: found.versions,
        history: found.history,
    }))
}

/// `PUT /api/submissions/{id}/grade`
#[utoipa::path(put, path = "/submissions/{id}/grade", tag = "assignments",
    summary = "Grade a submission",
    description = "The course's trainer or a super admin: a score from 0 to the assignment's points (up to two decimals) and feedback (Markdown, shown sanitised). Grading again changes the grade; every change is kept in the history.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = GradeForm,
    responses(
        (status = 200, description = "Graded", body = SubmissionResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The submission's own trainee", body = ErrorBody),
        (status = 404, description = "No such submission, or not the caller's course", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "A score out of range; feedback too long", body = ErrorBody),
    ))]
pub async fn grade(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<GradeForm>,
) -> Result<Json<SubmissionResponse>, AppError> {
    let submission = assignments::grade(&state, &actor(&who), id, &form).await?;
    Ok(Json(SubmissionResponse { submission }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileQuery {
    /// The version the file was handed in with (the current one when left out).
    #[param(minimum = 1)]
    version: Option<i32>,
}

/// `GET /api/submissions/{id}/files/{index}`
#[utoipa::path(get, path = "/submissions/{id}/files/{index}", tag = "assignments",
    summary = "A file handed in",
    description = "Its trainee, or the course's trainer and super admins; 404 to anyone else. Downloaded as an attachment with its detected type, `nosniff` and ranges.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("index" = usize, Path, description = "The file's place in the version, from 0"), FileQuery),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 206, description = "The requested ranges"),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "A malformed id or index", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such submission or file, or someone else's", body = ErrorBody),
        (status = 416, description = "No requested range can be served", body = ErrorBody),
    ))]
pub async fn download(
    State(state): State<AppState>,
    who: CurrentUser,
    Path((id, index)): Path<(Uuid, usize)>,
    Query(q): Query<FileQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let stored = assignments::file(&state, &actor(&who), id, q.version, index).await?;
    let (_, key) =
        StorageKey::from_stored(Folder::Submissions, &stored.key).ok_or(AppError::NotFound)?;
    let size = state.storage.size(&key).await?;
    let file = ServedFile {
        key,
        size,
        mime_type: stored.mime_type,
        name: Some(stored.name),
        download: true,
    };
    crate::api::content_files::serve(&state, &headers, file).await
}
