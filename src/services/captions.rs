//! A video's captions track: uploaded by the course's trainer (or a super admin), read by
//! whoever may watch the video.
//!
//! The track is small (`domain::captions::MAX_BYTES`), so it is read whole, checked, and
//! stored under a new key; the row then points at it and the track it replaced is removed,
//! as content files are.

use bytes::Bytes;
use uuid::Uuid;

use crate::db;
use crate::db::contents::StoredCaptions;
use crate::domain::captions;
use crate::domain::content::{Content, ContentKind};
use crate::domain::policy::{Actor, CourseAction};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::content_files::ServedFile;
use crate::services::courses::remove_file;
use crate::services::outline::find_content;
use crate::state::AppState;
use crate::storage::{Folder, StorageKey};

/// The field the track arrives in (a form's file, the API's body).
pub const FIELD: &str = "captions";

/// Stores `bytes` as the captions of video `id`, in `language` (a tag, or none).
pub async fn upload(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    language: Option<&str>,
    bytes: Bytes,
) -> Result<Content, AppError> {
    let (content, _, _) = find_content(&state.db, Some(actor), id, CourseAction::Author).await?;
    if content.kind != ContentKind::Video {
        return Err(AppError::field(FIELD, FieldError::NotForType));
    }
    if bytes.len() > captions::MAX_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let language =
        captions::parse_language(language).map_err(|e| AppError::field("language", e))?;
    let text = captions::check(&bytes).map_err(|e| AppError::field(FIELD, e))?;
    let key = StorageKey::new_in(Folder::Contents, id, "vtt");
    let size = text.len();
    state.storage.put(&key, Bytes::from(text)).await?;
    let stored = StoredCaptions {
        key: key.as_str().to_owned(),
        size: i64::try_from(size).unwrap_or(i64::MAX),
        language,
    };
    match swap(state, actor, id, Some(stored)).await {
        Ok(content) => Ok(content),
        Err(e) => {
            remove_file(state, &key).await;
            Err(e)
        }
    }
}

/// Removes the captions of video `id` (nothing to remove is not an error).
pub async fn remove(state: &AppState, actor: &Actor, id: Uuid) -> Result<Content, AppError> {
    swap(state, actor, id, None).await
}

/// Points the row at `captions` (or at none) and removes the track it replaced. Run to its
/// end even if the client hangs up, so that no stored track is left without its row.
async fn swap(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    captions: Option<StoredCaptions>,
) -> Result<Content, AppError> {
    let state = state.clone();
    let actor = *actor;
    tokio::spawn(async move {
        let txn = db::begin_write(&state.db).await?;
        let (_, _, grant) = find_content(&txn, Some(&actor), id, CourseAction::Author).await?;
        let old = db::contents::set_captions(&txn, &grant, id, captions)
            .await?
            .ok_or(AppError::NotFound)?;
        let content = db::contents::find(&txn, &grant, id)
            .await?
            .ok_or(AppError::NotFound)?;
        txn.commit().await?;
        if let Some((_, old)) = old
            .as_deref()
            .and_then(|k| StorageKey::from_stored(Folder::Contents, k))
        {
            remove_file(&state, &old).await;
        }
        Ok(content)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// The captions of video `id`, for whoever may watch it (the policy's `Learn`).
pub async fn file(
    state: &AppState,
    actor: Option<&Actor>,
    id: Uuid,
) -> Result<ServedFile, AppError> {
    let (_, _, grant) = find_content(&state.db, actor, id, CourseAction::Learn).await?;
    let stored = db::contents::captions_of(&state.db, &grant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, key) =
        StorageKey::from_stored(Folder::Contents, &stored.key).ok_or(AppError::NotFound)?;
    let size = state.storage.size(&key).await?;
    Ok(ServedFile {
        key,
        size,
        mime_type: "text/vtt".to_owned(),
        name: None,
        download: false,
    })
}
