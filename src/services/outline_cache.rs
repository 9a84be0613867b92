//! Learners' outlines, kept for at most a second.
//!
//! Every learner of a course sees the same tree (published sections and contents, no
//! answers), and a class opening its course asks for it hundreds of times a second. Kept
//! per course, it costs two queries once a second per instance instead of per request
//! (BENCHMARKS.md, S2). Who may see it is still decided on every request, before the cache
//! is asked.
//!
//! Honest in the same way as the catalogue cache: an entry lives at most [`OUTLINE_TTL`]
//! (another instance's change shows within a second), and every outline change made
//! through this instance forgets its course's entry once it is committed.

use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use uuid::Uuid;

use crate::domain::content::OutlineSection;
use crate::error::AppError;
use crate::services::kept::shared_error;

/// How long a tree is served without asking the database again.
pub const OUTLINE_TTL: Duration = Duration::from_secs(1);

/// At most this many items (contents and sections) are kept across every course.
const MAX_ITEMS: u64 = 200_000;

#[derive(Clone)]
pub struct OutlineCache {
    trees: Cache<Uuid, Arc<Vec<OutlineSection>>>,
}

impl Default for OutlineCache {
    fn default() -> Self {
        OutlineCache {
            trees: Cache::builder()
                .time_to_live(OUTLINE_TTL)
                .weigher(|_, tree: &Arc<Vec<OutlineSection>>| {
                    let items: usize = tree.iter().map(|s| 1 + s.contents.len()).sum();
                    u32::try_from(items).unwrap_or(u32::MAX).max(1)
                })
                .max_capacity(MAX_ITEMS)
                .build(),
        }
    }
}

impl OutlineCache {
    /// The course's learner tree, from the cache or from `load`.
    pub async fn tree<F>(&self, course: Uuid, load: F) -> Result<Arc<Vec<OutlineSection>>, AppError>
    where
        F: Future<Output = Result<Vec<OutlineSection>, AppError>>,
    {
        self.trees
            .try_get_with(course, async { load.await.map(Arc::new) })
            .await
            .map_err(shared_error)
    }

    /// Forgets a course's tree: called after a committed change to its outline.
    pub async fn forget(&self, course: Uuid) {
        self.trees.invalidate(&course).await;
    }
}
