//! A user's own profile: names, phone and avatar.
//!
//! An avatar is judged by its bytes (never its name or declared type), decoded and stored
//! re-encoded (`services::images`). Exactly the file the user's row names stays in the
//! store, however many uploads race: each upload writes its own new file, then swaps the
//! row's address in a write transaction that reads the old address under the row's lock,
//! and deletes the file it replaced once that has committed. Of any set of concurrent
//! uploads each replaced file is named by exactly one swap, so each is deleted once; an
//! upload whose swap fails deletes its own file. No transaction is held across file I/O.

use bytes::Bytes;
use uuid::Uuid;

use crate::db;
use crate::domain::policy::{self, Actor};
use crate::domain::user::{User, UserChanges};
use crate::error::AppError;
use crate::services::images::{self, AVATAR_SIDE};
use crate::state::AppState;
use crate::storage::StorageKey;

/// Where avatars are served from; the file name follows.
pub const AVATAR_URL_PREFIX: &str = "/media/avatars/";

pub async fn update(
    state: &AppState,
    actor: &Actor,
    changes: UserChanges,
) -> Result<User, AppError> {
    policy::profile(actor, actor.id)?;
    db::users::update(&state.db, actor.id, changes)
        .await?
        .ok_or(AppError::NotFound)
}

/// The largest avatar file taken, in bytes (`uploads.avatar_max_bytes`): the API and the
/// page both read at most this much.
pub fn avatar_max_bytes(state: &AppState) -> usize {
    state.config.uploads.avatar_max_bytes
}

/// The served address of an avatar file.
fn avatar_url(key: &StorageKey) -> String {
    format!("{AVATAR_URL_PREFIX}{}", key.file_name())
}

/// The key of a served avatar address, when it names a file the application made.
pub fn avatar_key(url: &str) -> Option<StorageKey> {
    let file = url.strip_prefix(AVATAR_URL_PREFIX)?;
    StorageKey::avatar_from_file_name(file).map(|(_, key)| key)
}

/// Stores a new avatar for the signed-in user and returns the updated user. Refused with
/// 413 above the limit, 415 when it is not a JPEG, PNG or WebP image, 422 when it is too
/// many pixels or cannot be decoded; nothing is stored then.
pub async fn set_avatar(state: &AppState, actor: &Actor, bytes: Bytes) -> Result<User, AppError> {
    policy::profile(actor, actor.id)?;
    if bytes.len() > avatar_max_bytes(state) {
        return Err(AppError::PayloadTooLarge);
    }
    let png = images::reencode(bytes, AVATAR_SIDE)
        .await?
        .map_err(|refusal| refusal.into_error("avatar"))?;
    // From here on the work runs to its end even if the client hangs up (which drops this
    // future): stopping between the write, the swap and the removal would leave a file
    // that no row names.
    let state = state.clone();
    let user = actor.id;
    tokio::spawn(async move { store_avatar(&state, user, png).await })
        .await
        .map_err(|e| AppError::Internal(e.into()))?
}

/// Writes the new file, swaps the row to it, removes the file it replaced.
async fn store_avatar(state: &AppState, user: Uuid, png: Bytes) -> Result<User, AppError> {
    let key = StorageKey::new_avatar(user);
    state.storage.put(&key, png).await?;
    let swap = match swap_avatar(state, user, &key).await {
        Ok(Some(swap)) => swap,
        outcome => {
            // The row does not name the new file (the swap failed, or the user is gone):
            // do not keep it.
            delete_file(state, &key).await;
            return Err(outcome.err().unwrap_or(AppError::NotFound));
        }
    };
    if let Some(old) = swap.previous.as_deref().and_then(avatar_key) {
        delete_file(state, &old).await;
    }
    Ok(swap.user)
}

/// Points the row at the new file and returns what it named before, under the row lock.
async fn swap_avatar(
    state: &AppState,
    user: Uuid,
    key: &StorageKey,
) -> Result<Option<db::users::AvatarSwap>, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let swap = db::users::swap_avatar(&txn, user, &avatar_url(key)).await?;
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    Ok(swap)
}

/// Removes an avatar file no row names any more. A failure leaves an unreferenced file
/// (never served: see `avatar_file`), logged so it can be cleaned up.
pub(crate) async fn delete_file(state: &AppState, key: &StorageKey) {
    if let Err(e) = state.storage.delete(key).await {
        tracing::warn!(error = %e, key = key.as_str(), "could not remove an unreferenced avatar");
    }
}

/// An avatar file, for `GET /media/avatars/{file}`: only while a user's row names it, so a
/// replaced avatar, or the avatar of a deleted user, is gone even if its file is not.
pub async fn avatar_file(
    state: &AppState,
    file: &str,
) -> Result<(crate::storage::StoredFile, &'static str), AppError> {
    let (user, key) = StorageKey::avatar_from_file_name(file).ok_or(AppError::NotFound)?;
    // The file name starts with its owner's id: one primary-key lookup.
    let current = db::users::avatar_of(&state.db, user).await?;
    if current.as_deref().and_then(avatar_key).as_ref() != Some(&key) {
        return Err(AppError::NotFound);
    }
    let stored = state.storage.get(&key).await?;
    Ok((stored, key.content_type()))
}
