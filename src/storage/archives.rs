//! Scheduled backups kept in the store (`backup.to_storage`), under `backups/<name>`: with
//! several machines the bucket is the one place every instance shares, so retention sees
//! every backup whichever instance took it. Only names `domain::backup::scheduled_at`
//! accepts are read or written, so nothing here can reach an uploaded file; the uploads'
//! folders (`Folder`) never list this prefix, so the orphan sweep does not see it.

use std::path::Path;

use bytes::Bytes;
use futures_util::TryStreamExt;
use object_store::ObjectStoreExt;
use object_store::path::Path as StorePath;
use tokio::io::AsyncReadExt;

use super::{Storage, StorageError, StoredFile, stored_file};
use crate::domain::backup;

const PREFIX: &str = "backups";

fn path(name: &str) -> Result<StorePath, StorageError> {
    if backup::scheduled_at(name).is_none() {
        return Err(StorageError::NotFound);
    }
    Ok(StorePath::from(format!("{PREFIX}/{name}")))
}

impl Storage {
    /// Copies a finished archive from the local disk into the store, holding about one part
    /// in memory (`put_stream`). It becomes visible whole, when the upload completes.
    pub async fn put_backup(&self, name: &str, file: &Path) -> Result<u64, StorageError> {
        let target = path(name)?;
        let local = tokio::fs::File::open(file)
            .await
            .map_err(StorageError::Folder)?;
        let chunks = futures_util::stream::try_unfold(local, |mut local| async move {
            let mut buffer = vec![0u8; 256 * 1024];
            let n = local.read(&mut buffer).await?;
            buffer.truncate(n);
            Ok::<_, std::io::Error>((n > 0).then(|| (Bytes::from(buffer), local)))
        });
        self.put_stream_at(&target, chunks, u64::MAX).await
    }

    /// The scheduled backups in the store, oldest first.
    pub async fn backup_names(&self) -> Result<Vec<String>, StorageError> {
        let prefix = StorePath::from(PREFIX);
        let mut names: Vec<String> = self
            .store
            .list(Some(&prefix))
            .map_ok(|meta| meta.location.filename().map(str::to_owned))
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .flatten()
            .filter(|n| backup::scheduled_at(n).is_some())
            .collect();
        names.sort();
        Ok(names)
    }

    /// One stored backup, as a stream.
    pub async fn get_backup(&self, name: &str) -> Result<StoredFile, StorageError> {
        Ok(stored_file(self.store.get(&path(name)?).await?))
    }

    /// Removes a stored backup; a missing one is not an error.
    pub async fn delete_backup(&self, name: &str) -> Result<(), StorageError> {
        self.delete_at(&path(name)?).await
    }
}
