//! The files of documents, images and videos: uploaded as a stream, judged by their bytes,
//! served with ranges.
//!
//! An upload is never held whole in memory: its first bytes are read to detect its type
//! (which must fit the content's type, whatever the client's name or Content-Type say),
//! then the rest streams to storage under a new key, stopped at the type's size limit.
//! Nothing is stored when the type is wrong or the limit is passed. The row is then
//! pointed at the new file and the file it replaced is removed, as avatars are.

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use uuid::Uuid;

use crate::config::UploadsConfig;
use crate::db;
use crate::db::contents::StoredContentFile;
use crate::domain::content::Content;
use crate::domain::file_kind::{self, HEAD_LEN, UploadKind};
use crate::domain::policy::{Actor, CourseAction};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::courses::remove_file;
use crate::services::outline::find_content;
use crate::state::AppState;
use crate::storage::{CONTENT_EXTENSIONS, Folder, StorageKey};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The largest file a content of this kind takes (`[uploads]`).
pub fn limit(uploads: &UploadsConfig, kind: UploadKind) -> u64 {
    match kind {
        UploadKind::Document => uploads.document_max_bytes,
        UploadKind::Image => uploads.image_max_bytes,
        UploadKind::Video => uploads.video_max_bytes,
    }
}

/// A display name from the uploader's: no folders, no control characters, at most 255
/// characters. It is only ever shown, never used to find a file.
pub fn display_name(raw: Option<&str>) -> Option<String> {
    let name = raw?.rsplit(['/', '\\']).next()?.trim();
    let clean: String = name.chars().filter(|c| !c.is_control()).take(255).collect();
    (!clean.is_empty()).then_some(clean)
}

/// Stores `body` as the file of content `id`. `declared_len` (Content-Length) lets an
/// oversized upload be refused before it is read.
pub async fn upload<S, E>(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    name: Option<String>,
    declared_len: Option<u64>,
    body: S,
) -> Result<Content, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Send + Unpin + 'static,
    E: Into<BoxError> + 'static,
{
    let (content, _, _) = find_content(&state.db, Some(actor), id, CourseAction::Author).await?;
    let kind = content
        .kind
        .upload()
        .ok_or_else(|| AppError::field("file", FieldError::NotForType))?;
    let limit = limit(&state.config.uploads, kind);
    if declared_len.is_some_and(|n| n > limit) {
        return Err(AppError::PayloadTooLarge);
    }
    let (key, size, detected) = store_stream(state, Folder::Contents, id, limit, body, |head| {
        file_kind::sniff_for(kind, head).map_err(|refusal| {
            AppError::UnsupportedMediaType(format!(
                "This file is {}, which a {} does not take: send one of {}.",
                refusal.found,
                content.kind.as_str(),
                refusal.expected.join(", ")
            ))
        })
    })
    .await?;
    // From here the work runs to its end even if the client hangs up.
    let state = state.clone();
    let actor = *actor;
    tokio::spawn(async move {
        let swapped = async {
            let txn = db::begin_write(&state.db).await?;
            let (_, _, grant) = find_content(&txn, Some(&actor), id, CourseAction::Author).await?;
            let file = StoredContentFile {
                key: key.as_str().to_owned(),
                size: i64::try_from(size).unwrap_or(i64::MAX),
                mime_type: detected.mime.to_owned(),
                name,
            };
            let old = db::contents::set_file(&txn, &grant, id, file)
                .await?
                .ok_or(AppError::NotFound)?;
            let content = db::contents::find(&txn, &grant, id)
                .await?
                .ok_or(AppError::NotFound)?;
            txn.commit().await?;
            Ok::<_, AppError>((content, old))
        }
        .await;
        match swapped {
            Ok((content, old)) => {
                if let Some((_, old)) = old
                    .as_deref()
                    .and_then(|f| StorageKey::from_stored(Folder::Contents, f))
                {
                    remove_file(&state, &old).await;
                }
                Ok(content)
            }
            Err(e) => {
                remove_file(&state, &key).await;
                Err(e)
            }
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// Streams `body` to storage under a new key in `folder` (named for `owner`), once `judge`
/// has accepted its first bytes, and stops it at `limit` bytes. Nothing is stored when the
/// body is empty (422 on `file`), refused by `judge`, or past the limit (413). Answers the
/// key, the size and the detected type.
pub async fn store_stream<S, E>(
    state: &AppState,
    folder: Folder,
    owner: Uuid,
    limit: u64,
    body: S,
    judge: impl FnOnce(&[u8]) -> Result<file_kind::Detected, AppError>,
) -> Result<(StorageKey, u64, file_kind::Detected), AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Send + Unpin,
    E: Into<BoxError>,
{
    let mut body = body;
    let head = read_head(&mut body).await?;
    if head.is_empty() {
        return Err(AppError::field("file", FieldError::Required));
    }
    let detected = judge(&head)?;
    let extension = if CONTENT_EXTENSIONS.contains(&detected.extension) {
        detected.extension
    } else {
        "bin"
    };
    let key = StorageKey::new_in(folder, owner, extension);
    let rest = body.map(|chunk| chunk.map_err(Into::into));
    let stream = futures_util::stream::once(async move { Ok::<Bytes, BoxError>(head) }).chain(rest);
    let size = state.storage.put_stream(&key, stream, limit).await?;
    Ok((key, size, detected))
}

/// Reads the first `HEAD_LEN` bytes (or the whole body, when shorter).
async fn read_head<S, E>(body: &mut S) -> Result<Bytes, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<BoxError>,
{
    let mut head = Vec::with_capacity(HEAD_LEN);
    while head.len() < HEAD_LEN {
        match body.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(_)) => {
                return Err(AppError::BadRequest(
                    "The upload could not be read to its end.".to_owned(),
                ));
            }
            None => break,
        }
    }
    Ok(Bytes::from(head))
}

/// A content's stored file, for serving: who may read it is the policy's `Learn` (the
/// course's trainer, super admins, enrolled trainees for published content).
pub struct ServedFile {
    pub key: StorageKey,
    pub size: u64,
    pub mime_type: String,
    pub name: Option<String>,
    /// Documents are downloaded (`Content-Disposition: attachment`).
    pub download: bool,
}

pub async fn file(
    state: &AppState,
    actor: Option<&Actor>,
    id: Uuid,
) -> Result<ServedFile, AppError> {
    let (content, _, grant) = find_content(&state.db, actor, id, CourseAction::Learn).await?;
    let stored = db::contents::file_of(&state.db, &grant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, key) =
        StorageKey::from_stored(Folder::Contents, &stored.key).ok_or(AppError::NotFound)?;
    let size = state.storage.size(&key).await?;
    Ok(ServedFile {
        key,
        size,
        mime_type: stored.mime_type,
        name: stored.name,
        download: content.kind.upload() == Some(UploadKind::Document),
    })
}

/// A content's stored file for its editor: the course's trainer and super admins only
/// (the learners' way to it is `file`).
pub async fn author_file(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<ServedFile, AppError> {
    find_content(&state.db, Some(actor), id, CourseAction::ViewAsAuthor).await?;
    file(state, Some(actor), id).await
}
