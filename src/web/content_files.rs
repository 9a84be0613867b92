//! A content's file from its editor: `POST /teach/contents/{id}/file` (the upload form,
//! `multipart/form-data` with the file as `file`, streamed to storage as it arrives) and
//! `GET /teach/contents/{id}/file` (the stored file, with ranges, for the editor's link
//! and video preview). The course's trainer's and super admins' only.
//!
//! The file part is handed to `services::content_files::upload` as a stream through a
//! small channel: nothing is held whole in memory, and the type is judged from the bytes.
//! When the service stops reading (a wrong type, past the limit) the rest of the upload is
//! still read and dropped, so that the browser gets the page with the field's error
//! rather than a connection closed mid-upload.

use axum::body::Bytes;
use axum::extract::multipart::Field;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use futures_util::{Stream, StreamExt};
use uuid::Uuid;

use crate::config::UploadsConfig;
use crate::domain::content::ContentKind;
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::{content_files, outline};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{FormErrors, Path};
use crate::web::outline::editor::{self, EditorState, accepted_types, limit_megabytes};
use crate::web::outline::{actor, content_path};
use crate::web::page::Page;
use crate::web::session::PageUser;

/// The body limit of the upload route: the largest content file and the form around it.
pub fn body_limit(uploads: &UploadsConfig) -> usize {
    let largest = uploads
        .document_max_bytes
        .max(uploads.image_max_bytes)
        .max(uploads.video_max_bytes);
    usize::try_from(largest)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024)
}

type Chunk = Result<Bytes, std::io::Error>;

/// The receiving end of the channel, as the stream the service reads.
fn receiver_stream(
    receiver: tokio::sync::mpsc::Receiver<Chunk>,
) -> impl Stream<Item = Chunk> + Send + Unpin + 'static {
    // Fused: the service may ask again after the end.
    Box::pin(
        futures_util::stream::unfold(receiver, |mut rx| async move {
            rx.recv().await.map(|chunk| (chunk, rx))
        })
        .fuse(),
    )
}

/// Sends the field's bytes down the channel; once the service stops reading, reads the
/// rest and drops it. A broken upload reaches the service as a read error.
async fn pump(field: &mut Field<'_>, sender: tokio::sync::mpsc::Sender<Chunk>) {
    let mut sender = Some(sender);
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if let Some(tx) = &sender
                    && tx.send(Ok(chunk)).await.is_err()
                {
                    sender = None;
                }
            }
            Ok(None) => return,
            Err(e) => {
                if let Some(tx) = &sender {
                    let _ = tx.send(Err(std::io::Error::other(e.body_text()))).await;
                }
                return;
            }
        }
    }
}

/// The page's words for an upload's refusal, and its status; `None` for what is not
/// about the file (the error page answers those).
fn refusal(
    state: &AppState,
    ctx: &Page,
    kind: ContentKind,
    error: &AppError,
) -> Option<(StatusCode, String)> {
    match error {
        AppError::PayloadTooLarge => Some((
            StatusCode::PAYLOAD_TOO_LARGE,
            ctx.t1(
                "error-content-file-too-large",
                "size",
                limit_megabytes(state, ctx, kind),
            ),
        )),
        AppError::UnsupportedMediaType(_) => Some((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ctx.t1(
                "error-content-file-type",
                "allowed",
                accepted_types(ctx, kind),
            ),
        )),
        AppError::Validation(fields) => {
            let message = fields
                .get("file")
                .and_then(|m| m.first())
                .map(|m| match m {
                    FieldError::Required => ctx.t("error-content-file-required"),
                    other => ctx.locale.field_error(other),
                })?;
            Some((StatusCode::UNPROCESSABLE_ENTITY, message))
        }
        AppError::BadRequest(_) => Some((
            StatusCode::BAD_REQUEST,
            ctx.t("error-content-file-unreadable"),
        )),
        _ => None,
    }
}

/// `POST /teach/contents/{id}/file` (the course's trainer, super admins): a document,
/// image or video; a refusal (wrong type 415, too large 413, no file 422) is shown on the
/// form, and nothing is stored.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let (content, _) = outline::author_content(&state, &actor, id).await?;
    let mut form = Multipart::from_request(request, &state)
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?;
    let result = loop {
        match form.next_field().await {
            Ok(Some(mut field)) if field.name() == Some("file") => {
                let name = content_files::display_name(field.file_name());
                let (sender, receiver) = tokio::sync::mpsc::channel::<Chunk>(4);
                let stream = receiver_stream(receiver);
                let (_, stored) = tokio::join!(
                    pump(&mut field, sender),
                    content_files::upload(&state, &actor, id, name, None, stream)
                );
                break stored;
            }
            Ok(Some(_)) => continue,
            Ok(None) => break Err(AppError::field("file", FieldError::Required)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                break Err(AppError::PayloadTooLarge);
            }
            Err(e) => break Err(AppError::BadRequest(e.body_text())),
        }
    };
    let error = match result {
        Ok(_) => {
            return Ok(flash::redirect_with(
                &content_path(id),
                Flash::FileUploaded,
                ctx.secure,
            ));
        }
        Err(error) => error,
    };
    let Some((status, message)) = refusal(&state, &ctx, content.kind, &error) else {
        return Err(error.into());
    };
    let mut errors = FormErrors::default();
    errors.add("file", message);
    let editor = EditorState {
        errors,
        ..EditorState::default()
    };
    editor::render(&state, status, ctx, &actor, id, editor).await
}

/// `GET /teach/contents/{id}/file` (the course's trainer, super admins): the stored file,
/// with ranges (a video preview seeks) and its ETag.
pub async fn download(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let file = content_files::author_file(&state, &actor(&who), id).await?;
    Ok(crate::api::content_files::serve(&state, &headers, file).await?)
}
