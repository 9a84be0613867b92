//! `PUT/GET/DELETE /api/contents/{id}/captions`: a video's captions track (WebVTT).

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::content_files::{ContentResponse, serve};
use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::api::profile::small_upload_body;
use crate::auth::extract::{CurrentUser, MaybeUser};
use crate::domain::captions::MAX_BYTES;
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::captions;
use crate::state::AppState;

/// The routes; the upload's body limit is the track's and room for a multipart envelope.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(download, remove))
        .routes(routes!(upload).layer(DefaultBodyLimit::max(MAX_BYTES + super::MULTIPART_ROOM)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaptionsQuery {
    /// The track's language tag (`en`, `ar`, `ar-EG`); none when left out.
    language: Option<String>,
}

/// The multipart form of a captions upload.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documents the form; the handler reads the field itself
pub struct CaptionsFile {
    /// A WebVTT (or SubRip) file of at most 512 KiB.
    #[schema(value_type = String, format = Binary)]
    captions: Vec<u8>,
}

/// `PUT /api/contents/{id}/captions`
#[utoipa::path(put, path = "/contents/{id}/captions", tag = "outline",
    summary = "Upload a video's captions",
    description = "A WebVTT track (UTF-8, starting with `WEBVTT`), as the body or the `captions` field of a multipart form; a SubRip (`.srt`) file is converted to WebVTT. At most 512 KiB. The player offers it as the video's captions. The previous track is removed.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), CaptionsQuery),
    request_body(content(
        (String = "text/vtt"),
        (CaptionsFile = "multipart/form-data"),
    )),
    responses(
        (status = 200, description = "Stored; the content with its captions", body = ContentResponse),
        (status = 400, description = "A malformed id or multipart body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such content (or hidden)", body = ErrorBody),
        (status = 413, description = "Larger than 512 KiB; nothing is stored", body = ErrorBody),
        (status = 422, description = "Not WebVTT or SubRip in UTF-8, an empty file, a bad language tag, or a content that is not a video", body = ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<CaptionsQuery>,
    request: Request,
) -> Result<Json<ContentResponse>, AppError> {
    let bytes = small_upload_body(&state, request, captions::FIELD).await?;
    let actor = Actor::from(&who.0.user);
    let content = captions::upload(&state, &actor, id, q.language.as_deref(), bytes).await?;
    Ok(Json(ContentResponse { content }))
}

/// `DELETE /api/contents/{id}/captions`
#[utoipa::path(delete, path = "/contents/{id}/captions", tag = "outline",
    summary = "Remove a video's captions",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "Removed (or there were none); the content", body = ContentResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such content (or hidden)", body = ErrorBody),
    ))]
pub async fn remove(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ContentResponse>, AppError> {
    let content = captions::remove(&state, &Actor::from(&who.0.user), id).await?;
    Ok(Json(ContentResponse { content }))
}

/// `GET /api/contents/{id}/captions`
#[utoipa::path(get, path = "/contents/{id}/captions", tag = "outline",
    summary = "A video's captions",
    description = "For whoever may watch the video: the course's trainer, super admins, and its enrolled trainees (published content only). `text/vtt`, with an ETag.",
    security((), ("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The track", content_type = "text/vtt"),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 403, description = "Not enrolled in the course", body = ErrorBody),
        (status = 404, description = "No such content or captions, or not published", body = ErrorBody),
    ))]
pub async fn download(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let file = captions::file(&state, who.actor().as_ref(), id).await?;
    serve(&state, &headers, file).await
}
