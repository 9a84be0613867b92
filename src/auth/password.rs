//! bcrypt hashing and verification, on threads of their own so a burst of logins never
//! stalls the async workers: `concurrency()` of them (by default one fewer than the cores,
//! at least one), so that a burst of logins leaves a core for every other request instead
//! of sharing all of them with fifty bcrypt threads, and at a lower scheduling priority
//! (nice +10 on Linux), so that when the CPU is full the scheduler serves the requests first
//! and a login storm slows itself down rather than everyone (BENCHMARKS.md, S5).
//!
//! The cost is process-wide: 12 (the seed's) unless configuration says otherwise; tests set
//! a cheap one. Existing `$2a$`/`$2b$`/`$2y$` hashes from the Node.js version verify.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};

pub const DEFAULT_COST: u32 = 12;

/// bcrypt reads this many bytes of a password and ignores the rest.
pub const MAX_BYTES: usize = 72;

/// How much lower than the server's the hashing threads' priority is (Unix nice values).
const NICE: i32 = 10;

static COST: AtomicU32 = AtomicU32::new(DEFAULT_COST);

/// Sets the bcrypt cost for hashes made from now on (4..=31, checked by `Config::validate`).
pub fn set_cost(cost: u32) {
    COST.store(cost, Ordering::Relaxed);
}

pub fn cost() -> u32 {
    COST.load(Ordering::Relaxed)
}

/// One fewer than the cores, at least one.
pub fn default_concurrency() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().saturating_sub(1))
        .unwrap_or(1)
        .max(1)
}

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads, fed in order from one queue.
struct Hashers(mpsc::Sender<Job>);

static HASHERS: OnceLock<Hashers> = OnceLock::new();

/// Sets how many hashes may run at once. Only the first call counts (at start-up).
pub fn set_concurrency(n: usize) {
    let _ = HASHERS.set(Hashers::start(n));
}

impl Hashers {
    fn start(n: usize) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..n.max(1) {
            let queue = queue.clone();
            let started = std::thread::Builder::new()
                .name(format!("bcrypt-{i}"))
                .spawn(move || {
                    lower_priority();
                    // The lock is held only while waiting for the next job, not to run it.
                    while let Some(job) = queue.lock().ok().and_then(|q| q.recv().ok()) {
                        // A job that panics loses its answer (the caller sees `Lost`), not
                        // the thread.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    }
                });
            if let Err(e) = started {
                tracing::error!(error = %e, "could not start a bcrypt thread");
            }
        }
        Hashers(jobs)
    }
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority takes plain integers and touches no memory of ours. Linux keeps a
    // nice value per thread, and `who` 0 names the calling thread alone (setpriority(2)).
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICE) } != 0 {
        let e = std::io::Error::last_os_error();
        tracing::warn!(error = %e, "could not lower the bcrypt thread's priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// Runs bcrypt work on a hashing thread once one is free.
async fn run_limited<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HashError> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = answer.send(work());
    });
    let hashers = HASHERS.get_or_init(|| Hashers::start(default_concurrency()));
    hashers.0.send(job).map_err(|_| HashError::Lost)?;
    answered.await.map_err(|_| HashError::Lost)
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("bcrypt: {0}")]
    Bcrypt(#[from] bcrypt::BcryptError),
    #[error("the hashing thread stopped before answering")]
    Lost,
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

    /// A thread's nice value, from `/proc/<...>/stat` (field 19; the name before it is in
    /// parentheses and may hold spaces).
    #[cfg(target_os = "linux")]
    fn nice_of(stat: &std::path::Path) -> i32 {
        let text = std::fs::read_to_string(stat).unwrap();
        let after = &text[text.rfind(')').unwrap() + 2..];
        after.split(' ').nth(16).unwrap().parse().unwrap()
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn hashes_run_on_their_own_threads_at_a_lower_priority() {
        set_cost(4);
        let h = hash("correct horse").await.unwrap();
        assert!(verify("correct horse", h.as_str()).await);
        let ours = nice_of(std::path::Path::new("/proc/self/stat"));
        let mut hashers = 0;
        for task in std::fs::read_dir("/proc/self/task").unwrap() {
            let dir = task.unwrap().path();
            let name = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
            if name.starts_with("bcrypt-") {
                hashers += 1;
                assert_eq!(nice_of(&dir.join("stat")), (ours + NICE).min(19), "{name}");
            }
        }
        assert!(hashers >= 1, "no bcrypt thread");
    }

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
