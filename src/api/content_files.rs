//! `PUT/GET /api/contents/{id}/file`: a content's file, uploaded as a stream and served
//! with HTTP ranges (RFC 9110), an ETag and conditional GET.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_RANGES, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, ETAG, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::{CurrentUser, MaybeUser};
use crate::byte_ranges::{self, Part, RangeAnswer};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::content_files::{self, ServedFile};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(download, upload))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ContentResponse {
    pub content: crate::domain::content::Content,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, kept for display only.
    file_name: Option<String>,
}

/// `PUT /api/contents/{id}/file`
#[utoipa::path(put, path = "/contents/{id}/file", tag = "outline",
    summary = "Upload a content's file",
    description = "The file is the request body, streamed to storage. Its type is detected from its bytes and must fit the content: document (pdf, docx, pptx, xlsx, odt, txt), image (jpeg, png, webp, gif) or video (mp4, webm); the size limits are `[uploads]` (video: 2 GiB by default). `fileUrl`, `fileSize` and `fileType` are the server's; the name is display only. The previous file is removed.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), UploadQuery),
    request_body(content((String = "application/octet-stream"))),
    responses(
        (status = 200, description = "Stored; the content with its file", body = ContentResponse),
        (status = 400, description = "A malformed id; the body could not be read to its end", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such content (or hidden)", body = ErrorBody),
        (status = 413, description = "Larger than the type's limit; nothing is stored", body = ErrorBody),
        (status = 415, description = "The bytes are not a type this content takes; nothing is stored", body = ErrorBody),
        (status = 422, description = "An empty file, or a content type that takes no file", body = ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<UploadQuery>,
    request: Request,
) -> Result<Json<ContentResponse>, AppError> {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let body = request.into_body().into_data_stream();
    let content = content_files::upload(
        &state,
        &Actor::from(&who.0.user),
        id,
        content_files::display_name(q.file_name.as_deref()),
        declared,
        body,
    )
    .await?;
    Ok(Json(ContentResponse { content }))
}

/// `GET /api/contents/{id}/file`
#[utoipa::path(get, path = "/contents/{id}/file", tag = "outline",
    summary = "Download a content's file",
    description = "For the course's trainer, super admins, and its enrolled trainees (published content only). Supports `Range` (single, open, suffix and multiple ranges; 416 when none can be served), `If-Range`, `ETag` and `If-None-Match`. Documents come as attachments; images and videos inline (a video player can seek).",
    security((), ("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The whole file", content_type = "application/octet-stream"),
        (status = 206, description = "The requested ranges (multipart/byteranges for several)"),
        (status = 304, description = "Not modified (If-None-Match)"),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 403, description = "Not enrolled in the course", body = ErrorBody),
        (status = 404, description = "No such content or file, or not published", body = ErrorBody),
        (status = 416, description = "No requested range can be served (`Content-Range: bytes */size`)", body = ErrorBody),
    ))]
pub async fn download(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let file = content_files::file(&state, who.actor().as_ref(), id).await?;
    serve(&state, &headers, file).await
}

/// The answer for a stored file and the request's Range and conditional headers. Shared
/// by the API and the pages.
pub async fn serve(
    state: &AppState,
    headers: &HeaderMap,
    file: ServedFile,
) -> Result<Response, AppError> {
    // A key names one upload for ever: it and the size identify the bytes.
    let etag = byte_ranges::etag_for(file.key.as_str(), file.size, "");
    let mime = if file.mime_type == "text/plain" || file.mime_type == "text/vtt" {
        format!("{}; charset=utf-8", file.mime_type)
    } else {
        file.mime_type.clone()
    };
    let mut common = HeaderMap::new();
    let value = |s: &str| HeaderValue::from_str(s).unwrap_or(HeaderValue::from_static(""));
    common.insert(ETAG, value(&etag));
    common.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    common.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Who may read it depends on the caller: caches ask again each time (with the ETag).
    common.insert(
        axum::http::header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    // Opened in a tab, a file runs no script and reaches nothing.
    common.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'; img-src 'self'; media-src 'self'"),
    );
    common.insert(CONTENT_DISPOSITION, value(&disposition(&file)));
    if byte_ranges::not_modified(headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    match byte_ranges::answer(headers, file.size, &etag) {
        RangeAnswer::Full => {
            let stored = state.storage.get(&file.key).await?;
            common.insert(CONTENT_TYPE, value(&mime));
            common.insert(CONTENT_LENGTH, HeaderValue::from(stored.size));
            Ok((StatusCode::OK, common, Body::from_stream(stored.body)).into_response())
        }
        RangeAnswer::Unsatisfiable => {
            common.insert(
                CONTENT_RANGE,
                value(&byte_ranges::content_range_unsatisfied(file.size)),
            );
            common.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            let body = serde_json::json!({"error": {
                "code": "range_not_satisfiable",
                "message": format!("No requested range is within the file's {} bytes.", file.size),
            }});
            Ok((StatusCode::RANGE_NOT_SATISFIABLE, common, body.to_string()).into_response())
        }
        RangeAnswer::Partial(ranges) if ranges.len() == 1 => {
            let range = ranges[0].clone();
            let stored = state.storage.get_range(&file.key, range.clone()).await?;
            common.insert(CONTENT_TYPE, value(&mime));
            common.insert(
                CONTENT_RANGE,
                value(&byte_ranges::content_range(&range, file.size)),
            );
            common.insert(CONTENT_LENGTH, HeaderValue::from(range.end - range.start));
            Ok((
                StatusCode::PARTIAL_CONTENT,
                common,
                Body::from_stream(stored.body),
            )
                .into_response())
        }
        RangeAnswer::Partial(ranges) => {
            let boundary = Uuid::new_v4().simple().to_string();
            let (content_type, parts) =
                byte_ranges::multipart(&ranges, file.size, &mime, &boundary);
            common.insert(CONTENT_TYPE, value(&content_type));
            common.insert(
                CONTENT_LENGTH,
                HeaderValue::from(byte_ranges::multipart_len(&parts)),
            );
            // Each part's bytes are fetched when the body reaches it.
            let storage = state.storage.clone();
            let key = file.key.clone();
            let body = futures_util::stream::iter(parts)
                .then(move |part| {
                    let storage = storage.clone();
                    let key = key.clone();
                    async move {
                        match part {
                            Part::Bytes(b) => {
                                futures_util::stream::once(async move { Ok(bytes::Bytes::from(b)) })
                                    .boxed()
                            }
                            Part::Range(r) => match storage.get_range(&key, r).await {
                                Ok(stored) => stored.body.boxed(),
                                Err(e) => futures_util::stream::once(async move { Err(e) }).boxed(),
                            },
                        }
                    }
                })
                .flatten();
            Ok((StatusCode::PARTIAL_CONTENT, common, Body::from_stream(body)).into_response())
        }
    }
}

/// `attachment` for documents, `inline` otherwise, with the display name (RFC 6266: an
/// ASCII fallback and the UTF-8 name).
fn disposition(file: &ServedFile) -> String {
    let kind = if file.download {
        "attachment"
    } else {
        "inline"
    };
    let Some(name) = &file.name else {
        return kind.to_owned();
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = url::form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}
