//! Answers kept for a moment and refreshed ahead of time: the catalogue's and the
//! dashboards' caches are built on it.
//!
//! An entry is *fresh* for `fresh_for`. The first caller to find it older than that still
//! gets it at once, and starts one refresh in the background; the refreshed answer
//! replaces it. An entry is never served older than `max_age`: past that moka has dropped
//! it, and the caller loads it again (callers missing together wait for one load).
//!
//! Why: a read that counts a large share of the data (a platform's enrolments, a broad
//! search) costs more as the data grows. Loaded by whoever missed, every caller arriving
//! during the load waited for it, so the slowest 1 % of answers was the load's time
//! (BENCHMARKS.md, S7). Refreshed ahead, nobody waits for it while the entry is read
//! steadily; the load still runs, once per `fresh_for` per instance, and costs what it
//! costs.
//!
//! Forgetting (after a write through this instance) drops every entry, and a refresh
//! that started before it is not kept: the writer sees its own change at once.
//!
//! A cache may be *paced* ([`Kept::paced`]): an entry whose load took `t` stays fresh for
//! `factor × t` when that is longer than `fresh_for` (never more than half of `max_age`),
//! so refreshing one entry takes at most about `1 / factor` of a core however costly its
//! count grows. The dashboards are: a trainer of a 50,000-trainee course, whose count
//! takes 300 ms, sees figures up to three seconds old instead of one, and the count no
//! longer takes a third of a core from everyone else (BENCHMARKS.md, S7).

use std::hash::Hash;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use moka::future::Cache;

use crate::error::AppError;

/// One kept answer.
struct Entry<V> {
    value: Arc<V>,
    loaded: Instant,
    /// How long the load took (for pacing).
    took: Duration,
    /// Set by the caller that started this entry's refresh, so only one runs.
    refreshing: AtomicBool,
}

impl<V> Entry<V> {
    fn new(value: V, started: Instant) -> Arc<Self> {
        Arc::new(Entry {
            value: Arc::new(value),
            loaded: Instant::now(),
            took: started.elapsed(),
            refreshing: AtomicBool::new(false),
        })
    }
}

/// A cache of answers by key, refreshed ahead of time (see the module's comment).
pub struct Kept<K, V> {
    entries: Cache<K, Arc<Entry<V>>>,
    fresh_for: Duration,
    max_age: Duration,
    /// 0: not paced.
    pace: u32,
    /// Moved by every forget: a refresh that saw another generation is not kept.
    generation: Arc<AtomicU64>,
}

impl<K, V> Clone for Kept<K, V> {
    fn clone(&self) -> Self {
        Kept {
            entries: self.entries.clone(),
            fresh_for: self.fresh_for,
            max_age: self.max_age,
            pace: self.pace,
            generation: self.generation.clone(),
        }
    }
}

impl<K, V> Kept<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    /// Entries fresh for `fresh_for`, never served older than `max_age`, at most
    /// `capacity` of them, each weighing `weigh(value)` (1 for "count the entries").
    pub fn new(
        fresh_for: Duration,
        max_age: Duration,
        capacity: u64,
        weigh: fn(&V) -> u32,
    ) -> Self {
        assert!(
            fresh_for <= max_age,
            "an entry must be fresh before it is old"
        );
        Kept {
            entries: Cache::builder()
                .time_to_live(max_age)
                .weigher(move |_, e: &Arc<Entry<V>>| weigh(&e.value).max(1))
                .max_capacity(capacity)
                .build(),
            fresh_for,
            max_age,
            pace: 0,
            generation: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Keeps an entry fresh for `factor` times its load's duration when that is longer
    /// than `fresh_for` (see the module's comment).
    pub fn paced(mut self, factor: u32) -> Self {
        self.pace = factor;
        self
    }

    /// How long this entry is fresh.
    fn fresh_for(&self, entry: &Entry<V>) -> Duration {
        (entry.took * self.pace).clamp(self.fresh_for, self.fresh_for.max(self.max_age / 2))
    }

    /// The answer for `key`: kept, or loaded by `load` (which refreshes it in the
    /// background once it is no longer fresh).
    pub async fn get<F, Fut>(&self, key: K, load: F) -> Result<Arc<V>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, AppError>> + Send + 'static,
    {
        if let Some(entry) = self.entries.get(&key).await {
            if entry.loaded.elapsed() >= self.fresh_for(&entry)
                && !entry.refreshing.swap(true, Ordering::AcqRel)
            {
                self.refresh(key, entry.clone(), load());
            }
            return Ok(entry.value.clone());
        }
        let load = load();
        self.entries
            .try_get_with(key, async {
                let started = Instant::now();
                load.await.map(|v| Entry::new(v, started))
            })
            .await
            .map(|e| e.value.clone())
            .map_err(shared_error)
    }

    /// The answer for `key` if it is kept and still fresh; `None` otherwise (then `get`
    /// loads or refreshes it).
    pub async fn fresh(&self, key: &K) -> Option<Arc<V>> {
        let entry = self.entries.get(key).await?;
        (entry.loaded.elapsed() < self.fresh_for(&entry)).then(|| entry.value.clone())
    }

    /// Loads `key` again in the background and keeps the answer, unless the cache was
    /// forgotten meanwhile. A failed refresh keeps the old entry (until `max_age`) and
    /// lets the next caller try again.
    fn refresh<Fut>(&self, key: K, old: Arc<Entry<V>>, load: Fut)
    where
        Fut: Future<Output = Result<V, AppError>> + Send + 'static,
    {
        let this = self.clone();
        let generation = self.generation.load(Ordering::Acquire);
        tokio::spawn(async move {
            let started = Instant::now();
            match load.await {
                Ok(value) if this.generation.load(Ordering::Acquire) == generation => {
                    this.entries.insert(key, Entry::new(value, started)).await;
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "refreshing a kept answer failed");
                    old.refreshing.store(false, Ordering::Release);
                }
            }
        });
    }

    /// Forgets every entry, and any refresh under way.
    pub fn forget(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.entries.invalidate_all();
    }

    /// Forgets one entry, and any refresh under way.
    pub async fn forget_one(&self, key: &K) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.entries.invalidate(key).await;
    }
}

/// A load's error, as each waiting caller's own (moka hands them one shared error, which
/// the cache may still hold): a missing row stays a 404 and an unreachable database a 503
/// for every caller.
pub(crate) fn shared_error(e: Arc<AppError>) -> AppError {
    Arc::try_unwrap(e).unwrap_or_else(|e| match &*e {
        AppError::NotFound => AppError::NotFound,
        AppError::Unavailable(why) => AppError::Unavailable(why.clone()),
        other => AppError::Internal(anyhow::anyhow!("{other}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    #[tokio::test]
    async fn a_stale_entry_is_served_at_once_and_refreshed_once_behind_it() {
        let kept: Kept<(), u32> = Kept::new(
            Duration::from_millis(300),
            Duration::from_secs(60),
            10,
            |_| 1,
        );
        let loads = Arc::new(AtomicU32::new(0));
        // Each load is counted when it starts and finishes when the gate lets it.
        let gate = Arc::new(tokio::sync::Semaphore::new(0));
        let load = || {
            let n = loads.fetch_add(1, Ordering::SeqCst) + 1;
            let gate = gate.clone();
            async move {
                gate.acquire().await.unwrap().forget();
                Ok(n)
            }
        };
        gate.add_permits(1);
        assert_eq!(*kept.get((), load).await.unwrap(), 1);
        assert_eq!(*kept.get((), load).await.unwrap(), 1, "fresh: kept");
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        tokio::time::sleep(Duration::from_millis(400)).await;
        // Stale: every caller gets the old answer at once, and one refresh starts.
        for _ in 0..10 {
            assert_eq!(*kept.get((), load).await.unwrap(), 1);
        }
        assert_eq!(
            loads.load(Ordering::SeqCst),
            2,
            "one refresh for ten stale reads"
        );
        // Once the refresh ends, its answer is the one kept (fresh again: no further load).
        gate.add_permits(1);
        let deadline = Instant::now() + Duration::from_secs(5);
        while *kept.get((), load).await.unwrap() != 2 {
            assert!(Instant::now() < deadline, "the refresh was never kept");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert_eq!(loads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_refresh_that_began_before_a_forget_is_not_kept() {
        let kept: Kept<(), u32> = Kept::new(
            Duration::from_millis(10),
            Duration::from_secs(60),
            10,
            |_| 1,
        );
        kept.get((), || async { Ok(1) }).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        // A slow refresh of what was read before the write...
        let got = kept
            .get((), || async move {
                rx.await.ok();
                Ok(1)
            })
            .await
            .unwrap();
        assert_eq!(*got, 1);
        // ...the write forgets, the next reader loads the new state...
        kept.forget();
        assert_eq!(*kept.get((), || async { Ok(2) }).await.unwrap(), 2);
        // ...and the old refresh, finishing now, does not bring the old state back.
        tx.send(()).unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(*kept.get((), || async { Ok(3) }).await.unwrap(), 2);
    }

    #[tokio::test]
    async fn past_its_age_an_entry_is_loaded_again_and_a_failed_load_is_the_callers_error() {
        let kept: Kept<(), u32> = Kept::new(
            Duration::from_millis(10),
            Duration::from_millis(30),
            10,
            |_| 1,
        );
        kept.get((), || async { Ok(1) }).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        let err = kept
            .get((), || async { Err(AppError::NotFound) })
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::NotFound), "{err:?}");
        assert_eq!(*kept.get((), || async { Ok(4) }).await.unwrap(), 4);
    }

    #[tokio::test]
    async fn a_paced_entry_stays_fresh_for_its_load_times_the_factor() {
        let kept: Kept<(), u32> = Kept::new(
            Duration::from_millis(10),
            Duration::from_secs(60),
            10,
            |_| 1,
        )
        .paced(10);
        let loads = Arc::new(AtomicU32::new(0));
        let load = || {
            let n = loads.fetch_add(1, Ordering::SeqCst) + 1;
            async move {
                tokio::time::sleep(Duration::from_millis(60)).await;
                Ok(n)
            }
        };
        assert_eq!(*kept.get((), load).await.unwrap(), 1);
        // Past `fresh_for` but well within ten times the load's 60 ms: no refresh.
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert_eq!(*kept.get((), load).await.unwrap(), 1);
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        // Past it (with room for a slow machine's longer load): one refresh starts.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(*kept.get((), load).await.unwrap(), 1);
        assert_eq!(loads.load(Ordering::SeqCst), 2);
    }
}
