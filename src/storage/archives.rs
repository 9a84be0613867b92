//! Scheduled backups kept in the store (`backup.to_storage`), under `backups/<name>`: with
//! several machines the bucket is the one place every instance shares, so retention sees
//! every backup whichever instance took it. Only names `domain::backup::scheduled_at`
//! accepts are read or written, so nothing here can reach an uploaded file; the uploads'
//! folders (`Folder`) never list this prefix, so the orphan sweep does not see it.

use std::path::Path;

use futures_util::TryStreamExt;
use object_store::path::Path as StorePath;
use object_store::{ObjectStoreExt, WriteMultipart};
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
    /// in memory. It becomes visible whole, when the upload completes.
    pub async fn put_backup(&self, name: &str, file: &Path) -> Result<u64, StorageError> {
        let target = path(name)?;
        let mut local = tokio::fs::File::open(file)
            .await
            .map_err(StorageError::Folder)?;
        let upload = self.store.put_multipart(&target).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, self.part_size);
        let mut size = 0u64;
        let mut buffer = vec![0u8; 256 * 1024];
        loop {
            let n = match local.read(&mut buffer).await {
                Ok(n) => n,
                Err(e) => {
                    let _ = writer.abort().await;
                    return Err(StorageError::Folder(e));
                }
            };
            if n == 0 {
                break;
            }
            size += n as u64;
            if let Err(e) = writer.wait_for_capacity(2).await {
                let _ = writer.abort().await;
                return Err(e.into());
            }
            writer.write(&buffer[..n]);
        }
        writer.finish().await?;
        Ok(size)
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
        match self.store.delete(&path(name)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
