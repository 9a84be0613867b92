//! Uploaded files, on the `object_store` crate: a local folder (`<data_dir>/uploads`) by
//! default, an S3-compatible bucket for several instances, memory in tests; nothing above
//! this module knows which. Keys are `StorageKey`s, which only the application makes.
//! Writes are atomic: a reader sees the whole new file or none (a multipart upload
//! becomes visible when it completes, on S3 as in the folder).

mod archives;
mod key;
#[doc(hidden)]
pub mod moto;

use std::ops::Range;
use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};

use crate::config::{Config, S3Config, StorageBackend};

pub use key::{CONTENT_EXTENSIONS, Folder, StorageKey};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The upload went past its limit; nothing was kept.
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("no such file")]
    NotFound,
    /// The client's body failed while it was being written (a dropped connection, say).
    #[error("the upload could not be read: {0}")]
    Body(#[source] BoxError),
    #[error("the file store failed: {0}")]
    Store(#[source] object_store::Error),
    /// The local folder itself (the staging sweep's walk).
    #[error("the uploads folder failed: {0}")]
    Folder(#[source] std::io::Error),
}

impl From<object_store::Error> for StorageError {
    fn from(e: object_store::Error) -> Self {
        match e {
            object_store::Error::NotFound { .. } => StorageError::NotFound,
            other => StorageError::Store(other),
        }
    }
}

/// A stored file being read: its total size and the requested bytes as a stream.
pub struct StoredFile {
    /// The size of the whole file (not of the range).
    pub size: u64,
    /// The bytes read (the whole file, or the requested range).
    pub range: Range<u64>,
    pub body: BoxStream<'static, Result<Bytes, StorageError>>,
}

#[derive(Clone, Debug)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// How much of a streamed upload is buffered before it is handed to the store as one
    /// part: memory per upload stays about this size whatever the file's.
    part_size: usize,
    /// The local backend's folder, where an upload cut off by a crash leaves its staging
    /// file (`<name>#<n>`), which the store itself never lists (`sweep_staging`).
    local_root: Option<std::path::PathBuf>,
}

/// Parts written to a local folder or memory: small, so an upload holds little memory.
const SMALL_PART: usize = 256 * 1024;
/// S3's smallest part (but the last).
const S3_PART: usize = 5 * 1024 * 1024;

impl Storage {
    /// The store the configuration selects; the local folder is created when missing.
    pub fn from_config(config: &Config) -> anyhow::Result<Storage> {
        match config.storage.backend {
            StorageBackend::Local => {
                let root = config.uploads_dir();
                std::fs::create_dir_all(&root).map_err(|e| {
                    anyhow::anyhow!(
                        "cannot create the uploads folder {} ({e}): check its permissions or set COURSEWORX_STORAGE_PATH",
                        root.display()
                    )
                })?;
                // fsync: an upload acknowledged is on the disk, not only in the page cache.
                let store = LocalFileSystem::new_with_prefix(&root)
                    .map_err(|e| {
                        anyhow::anyhow!("cannot use the uploads folder {}: {e}", root.display())
                    })?
                    .with_fsync(true);
                let mut storage = Storage::new(Arc::new(store), SMALL_PART);
                storage.local_root = Some(root);
                Ok(storage)
            }
            StorageBackend::S3 => Storage::s3(&config.storage.s3),
            StorageBackend::Memory => Ok(Storage::in_memory()),
        }
    }

    /// The bucket `[storage.s3]` names; what it leaves unset comes from the `AWS_*`
    /// variables. Nothing is sent until the first file is read or written.
    pub fn s3(s3: &S3Config) -> anyhow::Result<Storage> {
        let mut builder = AmazonS3Builder::from_env();
        if let Some(bucket) = &s3.bucket {
            builder = builder.with_bucket_name(bucket);
        }
        if let Some(endpoint) = &s3.endpoint {
            // A server on the machine or the network (MinIO, say) may speak plain HTTP.
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let Some(region) = &s3.region {
            builder = builder.with_region(region);
        }
        if let Some(id) = &s3.access_key_id {
            builder = builder.with_access_key_id(id);
        }
        if let Some(secret) = &s3.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        let store = builder
            .build()
            .map_err(|e| anyhow::anyhow!("cannot use the S3 bucket: {e}"))?;
        let prefix = s3.prefix.as_deref().map(|p| p.trim_matches('/'));
        Ok(match prefix.filter(|p| !p.is_empty()) {
            Some(prefix) => Storage::new(Arc::new(PrefixStore::new(store, prefix)), S3_PART),
            None => Storage::new(Arc::new(store), S3_PART),
        })
    }

    /// An empty store in memory (tests; lost when the process ends).
    pub fn in_memory() -> Storage {
        Storage::new(Arc::new(InMemory::new()), SMALL_PART)
    }

    fn new(store: Arc<dyn ObjectStore>, part_size: usize) -> Storage {
        Storage {
            store,
            part_size,
            local_root: None,
        }
    }

    /// Removes the staging files (`<name>#<digits>`) that uploads cut off by a crash left
    /// in the local folder before `cutoff`, and answers how many. The store hides them from
    /// its lists; an upload that fails or is dropped removes its own. Nothing to do on S3
    /// (an unfinished multipart upload is not an object; a bucket lifecycle rule expires
    /// them) or in memory.
    pub async fn sweep_staging(&self, cutoff: DateTime<Utc>) -> Result<u64, StorageError> {
        let Some(root) = self.local_root.clone() else {
            return Ok(0);
        };
        let cutoff = std::time::SystemTime::from(cutoff);
        let swept = tokio::task::spawn_blocking(move || {
            let mut removed = 0;
            let mut dirs = vec![root];
            while let Some(dir) = dirs.pop() {
                for entry in std::fs::read_dir(&dir)?.flatten() {
                    let path = entry.path();
                    let meta = entry.metadata()?;
                    if meta.is_dir() {
                        dirs.push(path);
                        continue;
                    }
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let staging = name.rsplit_once('#').is_some_and(|(_, n)| {
                        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                    });
                    if staging && meta.modified()? < cutoff {
                        std::fs::remove_file(&path)?;
                        removed += 1;
                    }
                }
            }
            Ok::<u64, std::io::Error>(removed)
        })
        .await
        .map_err(|e| StorageError::Folder(std::io::Error::other(e)))?
        .map_err(StorageError::Folder)?;
        Ok(swept)
    }

    /// Writes a small file whole (an avatar that was re-encoded in memory anyway).
    pub async fn put(&self, key: &StorageKey, bytes: Bytes) -> Result<(), StorageError> {
        self.store
            .put(&key.path(), PutPayload::from_bytes(bytes))
            .await?;
        Ok(())
    }

    /// Writes a request body as it arrives, holding about one part in memory, and returns
    /// its size. Past `limit` bytes the upload is aborted and `TooLarge` returned: nothing
    /// stays in the store, and an existing file under the key is left as it was. A body
    /// that fails or a dropped future leaves nothing either (the store's upload is aborted
    /// or dropped, which removes its parts).
    pub async fn put_stream<S, E>(
        &self,
        key: &StorageKey,
        body: S,
        limit: u64,
    ) -> Result<u64, StorageError>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: Into<BoxError>,
    {
        self.put_stream_at(&key.path(), body, limit).await
    }

    /// `put_stream` to a path of the store (`archives.rs` writes outside the uploads'
    /// folders).
    async fn put_stream_at<S, E>(
        &self,
        path: &object_store::path::Path,
        body: S,
        limit: u64,
    ) -> Result<u64, StorageError>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: Into<BoxError>,
    {
        let upload = self.store.put_multipart(path).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, self.part_size);
        let mut size: u64 = 0;
        let mut body = std::pin::pin!(body);
        while let Some(chunk) = body.next().await {
            let failure = match chunk {
                Ok(bytes) => {
                    size += bytes.len() as u64;
                    if size > limit {
                        Some(StorageError::TooLarge { limit })
                    } else {
                        // Back pressure: at most two parts on their way to the store.
                        match writer.wait_for_capacity(2).await {
                            Ok(()) => {
                                writer.put(bytes);
                                None
                            }
                            Err(e) => Some(e.into()),
                        }
                    }
                }
                Err(e) => Some(StorageError::Body(e.into())),
            };
            if let Some(failure) = failure {
                if let Err(e) = writer.abort().await {
                    tracing::warn!(error = %e, path = %path, "could not abort an upload");
                }
                return Err(failure);
            }
        }
        // `finish` aborts the upload itself when it fails.
        writer.finish().await?;
        Ok(size)
    }

    /// The whole file as a stream, with its size.
    pub async fn get(&self, key: &StorageKey) -> Result<StoredFile, StorageError> {
        let result = self.store.get(&key.path()).await?;
        Ok(stored_file(result))
    }

    /// Part of a file (`range` in bytes, end excluded; an end past the file is cut to its
    /// size), for HTTP Range requests.
    pub async fn get_range(
        &self,
        key: &StorageKey,
        range: Range<u64>,
    ) -> Result<StoredFile, StorageError> {
        let options = object_store::GetOptions::new().with_range(Some(range));
        let result = self.store.get_opts(&key.path(), options).await?;
        Ok(stored_file(result))
    }

    /// The file's size in bytes, without reading it.
    pub async fn size(&self, key: &StorageKey) -> Result<u64, StorageError> {
        Ok(self.store.head(&key.path()).await?.size)
    }

    /// The whole file in memory (for small files only).
    pub async fn read(&self, key: &StorageKey) -> Result<Bytes, StorageError> {
        Ok(self.store.get(&key.path()).await?.bytes().await?)
    }

    /// Removes the file; a missing file is not an error (deleting twice is harmless).
    pub async fn delete(&self, key: &StorageKey) -> Result<(), StorageError> {
        self.delete_at(&key.path()).await
    }

    async fn delete_at(&self, path: &object_store::path::Path) -> Result<(), StorageError> {
        match self.store.delete(path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Every file in a folder (tests and housekeeping), in key order. Names the application
    /// did not make are left out.
    pub async fn list(&self, folder: Folder) -> Result<Vec<StorageKey>, StorageError> {
        Ok(self
            .list_modified(folder)
            .await?
            .into_iter()
            .map(|(key, _)| key)
            .collect())
    }

    /// `list`, with when each file was last written (the orphan sweep spares new ones).
    pub async fn list_modified(
        &self,
        folder: Folder,
    ) -> Result<Vec<(StorageKey, DateTime<Utc>)>, StorageError> {
        let prefix = StorageKey::folder_path(folder);
        let mut keys: Vec<(StorageKey, DateTime<Utc>)> = self
            .store
            .list(Some(&prefix))
            .map_ok(|meta| {
                StorageKey::listed(folder, &meta.location).map(|key| (key, meta.last_modified))
            })
            .try_collect::<Vec<_>>()
            .await?
            .into_iter()
            .flatten()
            .collect();
        keys.sort();
        Ok(keys)
    }
}

fn stored_file(result: object_store::GetResult) -> StoredFile {
    StoredFile {
        size: result.meta.size,
        range: result.range.clone(),
        body: result.into_stream().map_err(StorageError::from).boxed(),
    }
}

#[cfg(test)]
mod tests;
