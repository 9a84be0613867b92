//! The token-signing secret: `JWT_SECRET` when configured (required in production, and the
//! same on every instance); otherwise a random secret generated once and kept in the data
//! folder (`<data_dir>/jwt-secret`, readable by its owner only), so tokens survive a restart
//! and no secret is ever a constant in the code.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use rand::RngCore;

use crate::config::Config;

pub const SECRET_FILE: &str = "jwt-secret";

pub fn load_or_create(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = config.auth.jwt_secret.as_deref().filter(|s| !s.is_empty()) {
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join(SECRET_FILE);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= 64 {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    create(&path)
}

fn create(path: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
    }
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| {
        format!(
            "cannot write the token secret to {}: check the data folder's permissions or set JWT_SECRET",
            path.display()
        )
    })?;
    file.write_all(secret.as_bytes())?;
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_secret_is_kept_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            ..Config::default()
        };
        let first = load_or_create(&config).unwrap();
        assert_eq!(first.len(), 96);
        assert_eq!(load_or_create(&config).unwrap(), first);
        let configured = Config {
            auth: crate::config::AuthConfig {
                jwt_secret: Some("from-the-environment".into()),
                ..config.auth.clone()
            },
            ..config
        };
        assert_eq!(
            load_or_create(&configured).unwrap(),
            b"from-the-environment".to_vec()
        );
    }
}
