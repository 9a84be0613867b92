//! The public catalogue, kept for at most a second.
//!
//! Every visitor and trainee sees the same published catalogue, and under load the same
//! few pages (the first page, a popular search) are asked for hundreds of times a second.
//! Each answer cost three queries and the decoding of every course row; a page kept for
//! a second is read once a second per instance instead (BENCHMARKS.md, S1).
//!
//! What is honest about it:
//! - an entry is served at most [`CATALOGUE_TTL`] after it was read, so another instance's change shows here
//!   within a second (nothing is shared between instances through it);
//! - a change made through this instance (a course written, an enrolment that changes a
//!   count) forgets every entry at once, so the writer sees its own change;
//! - only the published scope is kept: "My courses" and a super admin's view of drafts are
//!   read from the database every time.
//!
//! An entry is refreshed in the background once it is half a second old, so under steady
//! reading nobody waits for a count of the catalogue ([`Kept`]); many callers missing the
//! same entry at once wait for one load.
//!
//! Published courses themselves (`GET /api/courses/{id}`, the course page) are kept the
//! same way and forgotten with the pages; who may see one is decided before the cache is
//! asked.

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use crate::domain::course::{CatalogueFilter, CatalogueSort, Course, CourseCard};
use crate::domain::pagination::{Page, PageRequest};
use crate::error::AppError;
use crate::services::kept::Kept;

/// How long an entry is served without asking the database again.
pub const CATALOGUE_TTL: Duration = Duration::from_secs(1);

/// From this age an entry is read again in the background.
const FRESH_FOR: Duration = Duration::from_millis(500);

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
    pages: Kept<PageKey, Page<CourseCard>>,
    categories: Kept<(), Vec<String>>,
    courses: Kept<Uuid, Course>,
}

impl Default for CatalogueCache {
    fn default() -> Self {
        CatalogueCache {
            pages: Kept::new(FRESH_FOR, CATALOGUE_TTL, MAX_CARDS, |page| {
                u32::try_from(page.items.len()).unwrap_or(u32::MAX)
            }),
            categories: Kept::new(FRESH_FOR, CATALOGUE_TTL, 1, |_| 1),
            courses: Kept::new(FRESH_FOR, CATALOGUE_TTL, MAX_CARDS, |_| 1),
        }
    }
}

impl CatalogueCache {
    /// The published catalogue's page, from the cache or from `load`.
    pub async fn page<F, Fut>(
        &self,
        filter: &CatalogueFilter,
        sort: CatalogueSort,
        page: PageRequest,
        load: F,
    ) -> Result<Arc<Page<CourseCard>>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Page<CourseCard>, AppError>> + Send + 'static,
    {
        let key = PageKey {
            filter: filter.clone(),
            sort,
            page,
        };
        self.pages.get(key, load).await
    }

    /// The published courses' categories, from the cache or from `load`.
    pub async fn categories<F, Fut>(&self, load: F) -> Result<Arc<Vec<String>>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<String>, AppError>> + Send + 'static,
    {
        self.categories.get((), load).await
    }

    /// A published course, from the cache or from `load`.
    pub async fn course<F, Fut>(&self, id: Uuid, load: F) -> Result<Arc<Course>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Course, AppError>> + Send + 'static,
    {
        self.courses.get(id, load).await
    }

    /// Forgets every entry: called after a change that a catalogue card or a course shows.
    pub fn forget(&self) {
        self.pages.forget();
        self.categories.forget();
        self.courses.forget();
    }

    /// Forgets one course (its outline changed, and with it its curriculum).
    pub async fn forget_course(&self, id: Uuid) {
        self.courses.forget_one(&id).await;
    }
}
