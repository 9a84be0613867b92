//! The public catalogue, kept for at most a second.
//!
//! Every visitor and trainee sees the same published catalogue, and under load the same
//! few pages (the first page, a popular search) are asked for hundreds of times a second.
//! Each answer cost three queries and the decoding of every course row; a page kept for
//! a second is read once a second per instance instead (BENCHMARKS.md, S1).
//!
//! What is honest about it:
//! - an entry lives at most [`CATALOGUE_TTL`], so another instance's change shows here
//!   within a second (nothing is shared between instances through it);
//! - a change made through this instance (a course written, an enrolment that changes a
//!   count) forgets every entry at once, so the writer sees its own change;
//! - only the published scope is kept: "My courses" and a super admin's view of drafts are
//!   read from the database every time.
//!
//! Many callers missing the same entry at once wait for one load (moka's `try_get_with`).
//!
//! Published courses themselves (`GET /api/courses/{id}`, the course page) are kept the
//! same way and forgotten with the pages; who may see one is decided before the cache is
//! asked.

use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;

use uuid::Uuid;

use crate::domain::course::{CatalogueFilter, CatalogueSort, Course, CourseCard};
use crate::domain::pagination::{Page, PageRequest};
use crate::error::AppError;

/// How long an entry is served without asking the database again.
pub const CATALOGUE_TTL: Duration = Duration::from_secs(1);

/// At most this many cards are kept across every entry (a page holds up to 100): a few
/// megabytes, whatever the queries asked.
const MAX_CARDS: u64 = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PageKey {
    filter: CatalogueFilter,
    sort: CatalogueSort,
    page: PageRequest,
}

#[derive(Clone)]
pub struct CatalogueCache {
    pages: Cache<PageKey, Arc<Page<CourseCard>>>,
    categories: Cache<(), Arc<Vec<String>>>,
    courses: Cache<Uuid, Arc<Course>>,
}

impl Default for CatalogueCache {
    fn default() -> Self {
        CatalogueCache {
            pages: Cache::builder()
                .time_to_live(CATALOGUE_TTL)
                .weigher(|_, page: &Arc<Page<CourseCard>>| {
                    u32::try_from(page.items.len()).unwrap_or(u32::MAX).max(1)
                })
                .max_capacity(MAX_CARDS)
                .build(),
            categories: Cache::builder()
                .time_to_live(CATALOGUE_TTL)
                .max_capacity(1)
                .build(),
            courses: Cache::builder()
                .time_to_live(CATALOGUE_TTL)
                .max_capacity(MAX_CARDS)
                .build(),
        }
    }
}

impl CatalogueCache {
    /// The published catalogue's page, from the cache or from `load`.
    pub async fn page<F>(
        &self,
        filter: &CatalogueFilter,
        sort: CatalogueSort,
        page: PageRequest,
        load: F,
    ) -> Result<Arc<Page<CourseCard>>, AppError>
    where
        F: Future<Output = Result<Page<CourseCard>, AppError>>,
    {
        let key = PageKey {
            filter: filter.clone(),
            sort,
            page,
        };
        self.pages
            .try_get_with(key, async { load.await.map(Arc::new) })
            .await
            .map_err(shared_error)
    }

    /// The published courses' categories, from the cache or from `load`.
    pub async fn categories<F>(&self, load: F) -> Result<Arc<Vec<String>>, AppError>
    where
        F: Future<Output = Result<Vec<String>, AppError>>,
    {
        self.categories
            .try_get_with((), async { load.await.map(Arc::new) })
            .await
            .map_err(shared_error)
    }

    /// A published course, from the cache or from `load`.
    pub async fn course<F>(&self, id: Uuid, load: F) -> Result<Arc<Course>, AppError>
    where
        F: Future<Output = Result<Course, AppError>>,
    {
        self.courses
            .try_get_with(id, async { load.await.map(Arc::new) })
            .await
            .map_err(shared_error)
    }

    /// Forgets every entry: called after a change that a catalogue card or a course shows.
    pub fn forget(&self) {
        self.pages.invalidate_all();
        self.categories.invalidate_all();
        self.courses.invalidate_all();
    }

    /// Forgets one course (its outline changed, and with it its curriculum).
    pub async fn forget_course(&self, id: Uuid) {
        self.courses.invalidate(&id).await;
    }
}

/// A load's error, as each waiting caller's own (moka hands them one shared error).
pub(crate) fn shared_error(e: Arc<AppError>) -> AppError {
    Arc::try_unwrap(e).unwrap_or_else(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}
