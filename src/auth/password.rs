//! bcrypt hashing and verification, always on the blocking pool so a burst of logins never
//! stalls the async workers, and at most `concurrency()` at a time (by default one fewer
//! than the cores, at least one), so that a burst of logins leaves a core for every other
//! request instead of sharing all of them with fifty bcrypt threads (BENCHMARKS.md).
//!
//! The cost is process-wide: 12 (the seed's) unless configuration says otherwise; tests set
//! a cheap one. Existing `$2a$`/`$2b$`/`$2y$` hashes from the Node.js version verify.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use tokio::sync::Semaphore;

pub const DEFAULT_COST: u32 = 12;

/// bcrypt reads this many bytes of a password and ignores the rest.
pub const MAX_BYTES: usize = 72;

static COST: AtomicU32 = AtomicU32::new(DEFAULT_COST);

/// Sets the bcrypt cost for hashes made from now on (4..=31, checked by `Config::validate`).
pub fn set_cost(cost: u32) {
    COST.store(cost, Ordering::Relaxed);
}

pub fn cost() -> u32 {
    COST.load(Ordering::Relaxed)
}

static LIMIT: OnceLock<Semaphore> = OnceLock::new();

/// One fewer than the cores, at least one.
pub fn default_concurrency() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().saturating_sub(1))
        .unwrap_or(1)
        .max(1)
}

/// Sets how many hashes may run at once. Only the first call counts (at start-up).
pub fn set_concurrency(n: usize) {
    let _ = LIMIT.set(Semaphore::new(n.max(1)));
}

fn limiter() -> &'static Semaphore {
    LIMIT.get_or_init(|| Semaphore::new(default_concurrency()))
}

/// Runs bcrypt work on the blocking pool once a slot is free.
async fn run_limited<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, tokio::task::JoinError> {
    // The semaphore is never closed, so acquiring cannot fail; if it somehow did, running
    // unthrottled is better than refusing to sign anyone in.
    let _permit = limiter().acquire().await.ok();
    tokio::task::spawn_blocking(work).await
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("bcrypt: {0}")]
    Bcrypt(#[from] bcrypt::BcryptError),
    #[error("hashing task failed: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("a password over {MAX_BYTES} bytes cannot be hashed without cutting it")]
    TooLong,
}

/// A bcrypt hash, ready to store. Only `hash` makes one, so a function that takes it (the
/// `db` functions that set a password) cannot be handed a clear password by mistake.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(***)")
    }
}

/// Hashes a clear password with the configured cost, on the blocking pool. Services call
/// it before they open a transaction: a hash at cost 12 takes a quarter of a second, and
/// inside `BEGIN IMMEDIATE` it would hold SQLite's write lock all that time. bcrypt reads
/// only 72 bytes, so a longer password is an error here rather than silently cut
/// (`domain::user` refuses it first with a message).
pub async fn hash(clear: &str) -> Result<PasswordHash, HashError> {
    if clear.len() > MAX_BYTES {
        return Err(HashError::TooLong);
    }
    let clear = clear.to_owned();
    let cost = cost();
    Ok(PasswordHash(
        run_limited(move || bcrypt::hash(clear, cost)).await??,
    ))
}

/// True when `candidate` matches `hash`. A malformed hash never matches, and neither does a
/// candidate over 72 bytes: no password that long can be set, and bcrypt would otherwise
/// compare only its first 72 bytes, so any tail would pass.
pub async fn verify(candidate: &str, hash: &str) -> bool {
    if candidate.len() > MAX_BYTES {
        return false;
    }
    let candidate = candidate.to_owned();
    let hash = hash.to_owned();
    run_limited(move || bcrypt::verify(candidate, &hash).unwrap_or(false))
        .await
        .unwrap_or(false)
}

/// A temporary password for a new or reset account: 14 characters from an alphabet without
/// look-alikes (no 0/O, 1/l/I), about 80 bits.
pub fn temporary() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..14)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_wrong_passwords_do_not() {
        set_cost(4);
        let h = hash("correct horse").await.unwrap();
        let h = h.as_str();
        assert!(h.starts_with("$2b$04$"));
        assert!(verify("correct horse", h).await);
        assert!(!verify("wrong horse", h).await);
        assert!(!verify("anything", "not a hash").await);
    }

    #[tokio::test]
    async fn nothing_past_72_bytes_is_cut_off() {
        set_cost(4);
        let exact = "p".repeat(72);
        let h = hash(&exact).await.unwrap();
        assert!(verify(&exact, h.as_str()).await);
        assert!(!verify(&format!("{exact}any tail"), h.as_str()).await);
        assert!(hash(&"p".repeat(73)).await.is_err());
        // A hash made by a library that cut at 72 bytes: a longer guess still fails.
        let cut = bcrypt::hash(format!("{exact}tail"), 4).unwrap();
        assert!(verify(&exact, &cut).await);
        assert!(!verify(&format!("{exact}tail"), &cut).await);
    }

    #[test]
    fn temporary_passwords_are_long_and_differ() {
        let (a, b) = (temporary(), temporary());
        assert_eq!(a.len(), 14);
        assert_ne!(a, b);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"0O1lI".contains(c))
        );
    }

    #[tokio::test]
    async fn node_bcryptjs_2a_hashes_verify() {
        // Made by bcryptjs (the Node.js version's library) for "password123", cost 4.
        let h = bcrypt::hash_with_result("password123", 4)
            .unwrap()
            .format_for_version(bcrypt::Version::TwoA);
        assert!(h.starts_with("$2a$04$"));
        assert!(verify("password123", &h).await);
    }
}
