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
//! Refreshing a page re-reads only its cards while the catalogue's version (migration 27:
//! moved by triggers on every course write that can change which courses a page holds, in
//! what order, or how many match) has not moved since the page was counted: the page's
//! courses and total are then known to be the same, and only what a card shows that
//! changes without a course write (enrolment counts, trainer names) is read again. At
//! 100,000 courses that turns a broad search's refresh from a count of a tenth of the
//! courses into two small queries ([`Membership`]).
//!
//! Published courses themselves (`GET /api/courses/{id}`, the course page) are kept the
//! same way and forgotten with the pages; who may see one is decided before the cache is
//! asked.

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use crate::domain::course::{CatalogueFilter, CatalogueSort, Course, CourseCard};
use crate::domain::pagination::{Page, PageRequest, Pagination};
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

/// Which courses a page held, in order, and how many matched, as of a catalogue version.
#[derive(Debug)]
pub struct Membership {
    pub version: i64,
    pub ids: Vec<Uuid>,
    pub pagination: Pagination,
}

/// A membership is trusted while the version stands, but never longer than this: should a
/// write ever reach the courses without moving the version, a page is still counted again.
const MEMBERSHIP_TTL: Duration = Duration::from_secs(300);

impl PageKey {
    fn new(filter: &CatalogueFilter, sort: CatalogueSort, page: PageRequest) -> PageKey {
        PageKey {
            filter: filter.clone(),
            sort,
            page,
        }
    }
}

#[derive(Clone)]
pub struct CatalogueCache {
    pages: Kept<PageKey, Page<CourseCard>>,
    memberships: moka::future::Cache<PageKey, Arc<Membership>>,
    categories: Kept<(), Vec<String>>,
    courses: Kept<Uuid, Course>,
}

impl Default for CatalogueCache {
    fn default() -> Self {
        CatalogueCache {
            pages: Kept::new(FRESH_FOR, CATALOGUE_TTL, MAX_CARDS, |page| {
                u32::try_from(page.items.len()).unwrap_or(u32::MAX)
            }),
            memberships: moka::future::Cache::builder()
                .time_to_live(MEMBERSHIP_TTL)
                .max_capacity(MAX_CARDS / 20)
                .build(),
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
        let key = PageKey::new(filter, sort, page);
        self.pages.get(key, load).await
    }

    /// What a page held when it was last counted, if that is known.
    pub async fn membership(
        &self,
        filter: &CatalogueFilter,
        sort: CatalogueSort,
        page: PageRequest,
    ) -> Option<Arc<Membership>> {
        let key = PageKey::new(filter, sort, page);
        self.memberships.get(&key).await
    }

    /// Remembers what a page held when it was counted.
    pub async fn remember(
        &self,
        filter: &CatalogueFilter,
        sort: CatalogueSort,
        page: PageRequest,
        membership: Membership,
    ) {
        let key = PageKey::new(filter, sort, page);
        self.memberships.insert(key, Arc::new(membership)).await;
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

    /// A published course this instance keeps and read less than half a second ago, if
    /// any: anyone may view a published course, so it may be shown without reading the
    /// course or the caller's standing again.
    pub async fn fresh_course(&self, id: Uuid) -> Option<Arc<Course>> {
        self.courses.fresh(&id).await
    }

    /// Forgets every entry: called after a change that a catalogue card or a course shows.
    pub fn forget(&self) {
        self.pages.forget();
        self.memberships.invalidate_all();
        self.categories.forget();
        self.courses.forget();
    }

    /// Forgets one course (its outline changed, and with it its curriculum).
    pub async fn forget_course(&self, id: Uuid) {
        self.courses.forget_one(&id).await;
    }
}
