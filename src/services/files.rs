//! The orphan sweep: stored files that no row names any more (a file whose row was never
//! written because of a crash, the old file of a replacement whose removal never came, the
//! staging file of a local upload cut off) are deleted. A file is
//! spared while it is younger than `GRACE`, since an upload writes its file before the
//! row that names it. Runs daily as a background job (`services::jobs`).

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};

use sea_orm::{ConnectionTrait, DbErr};

use crate::db;
use crate::error::AppError;
use crate::services::courses::thumbnail_key;
use crate::services::profile::avatar_key;
use crate::state::AppState;
use crate::storage::Folder;

/// How old an unnamed file must be before it is removed: far longer than any upload takes
/// between writing the file and naming it.
pub const GRACE: TimeDelta = TimeDelta::hours(6);

/// What a sweep found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Files a row names (or too new to judge).
    pub kept: u64,
    pub removed: u64,
}

/// The key of every file the database names, in key order (a backup reads them in its
/// snapshot).
pub async fn named(db: &impl ConnectionTrait) -> Result<BTreeSet<String>, DbErr> {
    let mut keys: BTreeSet<String> = BTreeSet::new();
    keys.extend(
        db::files::avatars(db)
            .await?
            .iter()
            .filter_map(|url| avatar_key(url))
            .map(|k| k.as_str().to_owned()),
    );
    keys.extend(
        db::files::thumbnails(db)
            .await?
            .iter()
            .filter_map(|url| thumbnail_key(url))
            .map(|k| k.as_str().to_owned()),
    );
    keys.extend(db::files::content_keys(db).await?);
    keys.extend(db::files::submission_keys(db).await?);
    Ok(keys)
}

/// Deletes every stored file written before `cutoff` that no row names. The rows are read
/// first: a row only ever comes to name a file just written (every upload gets a new
/// key), which the cutoff spares.
pub async fn sweep(state: &AppState, cutoff: DateTime<Utc>) -> Result<Swept, AppError> {
    let named = named(&state.db).await?;
    let mut swept = Swept::default();
    for folder in Folder::ALL {
        for (key, written) in state.storage.list_modified(folder).await? {
            if written >= cutoff || named.contains(key.as_str()) {
                swept.kept += 1;
                continue;
            }
            state.storage.delete(&key).await?;
            tracing::info!(key = key.as_str(), "removed a stored file no row names");
            swept.removed += 1;
        }
    }
    swept.removed += state.storage.sweep_staging(cutoff).await?;
    Ok(swept)
}
