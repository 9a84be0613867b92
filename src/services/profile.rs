//! A user's own profile: names, phone and avatar.
//!
//! The avatar's type is judged from its bytes (never the file name or the declared type).
//! The file is written first, then the row committed, then the old file removed: no
//! transaction is held across file I/O, and a failure never leaves the row pointing at a
//! missing file.

use uuid::Uuid;

use crate::db;
use crate::domain::policy::{self, Actor};
use crate::domain::user::{AVATAR_MAX_BYTES, ImageKind, User, UserChanges};
use crate::error::AppError;
use crate::state::AppState;

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

fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    match infer::get(bytes)?.mime_type() {
        "image/jpeg" => Some(ImageKind::Jpeg),
        "image/png" => Some(ImageKind::Png),
        "image/webp" => Some(ImageKind::Webp),
        _ => None,
    }
}

/// Stores a new avatar for the signed-in user and returns the updated user.
pub async fn set_avatar(state: &AppState, actor: &Actor, bytes: &[u8]) -> Result<User, AppError> {
    policy::profile(actor, actor.id)?;
    if bytes.len() > AVATAR_MAX_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let kind = sniff(bytes).ok_or_else(|| {
        AppError::UnsupportedMediaType("The avatar must be a JPEG, PNG or WebP image.".to_owned())
    })?;
    let file = format!(
        "{}-{}.{}",
        actor.id,
        Uuid::new_v4().simple(),
        kind.extension()
    );
    state.storage.put(&format!("avatars/{file}"), bytes).await?;
    let previous = db::users::find(&state.db, actor.id)
        .await?
        .and_then(|u| u.avatar);
    let url = format!("{AVATAR_URL_PREFIX}{file}");
    let user = match db::users::set_avatar(&state.db, actor.id, &url).await {
        Ok(Some(user)) => user,
        failed => {
            // The row does not point at the new file: do not keep it.
            let _ = state.storage.delete(&format!("avatars/{file}")).await;
            return Err(match failed {
                Err(e) => e.into(),
                Ok(_) => AppError::NotFound,
            });
        }
    };
    let old = previous.and_then(|p| p.strip_prefix(AVATAR_URL_PREFIX).map(str::to_owned));
    if let Some(old) = old
        && let Err(e) = state.storage.delete(&format!("avatars/{old}")).await
    {
        tracing::warn!(error = %e, "could not remove the previous avatar");
    }
    Ok(user)
}

/// An avatar file and its content type, for `GET /media/avatars/{file}`. Only names of the
/// form the application makes are looked up.
pub async fn avatar_file(
    state: &AppState,
    file: &str,
) -> Result<(Vec<u8>, &'static str), AppError> {
    let (stem, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let kind = ImageKind::from_extension(ext).ok_or(AppError::NotFound)?;
    let valid_stem =
        stem.len() == 36 + 1 + 32 && stem.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if !valid_stem {
        return Err(AppError::NotFound);
    }
    let bytes = state
        .storage
        .get(&format!("avatars/{file}"))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((bytes, kind.mime()))
}
