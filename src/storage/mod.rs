//! Uploaded files. The local directory (`<data_dir>/uploads`) is the default; an
//! S3-compatible store will sit behind the same interface. Keys are relative paths made by
//! the application (`avatars/<user>-<random>.png`), never names chosen by a client.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};

#[derive(Debug, Clone)]
pub struct Storage {
    root: PathBuf,
}

impl Storage {
    pub fn local(root: impl Into<PathBuf>) -> Storage {
        Storage { root: root.into() }
    }

    /// The file for a key; refuses anything but plain relative paths.
    fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        let relative = Path::new(key);
        if key.is_empty()
            || !relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        {
            bail!("invalid storage key {key:?}");
        }
        Ok(self.root.join(relative))
    }

    /// Writes the bytes under the key (via a temporary file, so readers never see half a
    /// file).
    pub async fn put(&self, key: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .with_context(|| format!("creating {}", dir.display()))?;
        }
        let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
        tokio::fs::write(&tmp, bytes)
            .await
            .with_context(|| format!("writing {}", tmp.display()))?;
        tokio::fs::rename(&tmp, &path)
            .await
            .with_context(|| format!("moving {} into place", path.display()))?;
        Ok(())
    }

    /// The bytes under the key, or `None` when there is no such file.
    pub async fn get(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let path = self.path(key)?;
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// Removes the file; a missing file is not an error.
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let path = self.path(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("deleting {}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn files_round_trip_and_escapes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let storage = Storage::local(dir.path());
        storage.put("avatars/a.png", b"png").await.unwrap();
        assert_eq!(storage.get("avatars/a.png").await.unwrap().unwrap(), b"png");
        storage.delete("avatars/a.png").await.unwrap();
        assert!(storage.get("avatars/a.png").await.unwrap().is_none());
        storage.delete("avatars/a.png").await.unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../x", ""] {
            assert!(storage.put(bad, b"x").await.is_err(), "{bad}");
            assert!(storage.get(bad).await.is_err(), "{bad}");
        }
    }
}
