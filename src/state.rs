//! What every handler can reach.

use std::sync::Arc;

use crate::auth::jwt::Keys;
use crate::config::Config;
use crate::db::Db;
use crate::storage::Storage;

/// Cloned for every request, often several times (axum's `State`, the page context), so it
/// is one reference count: cloning its fields one by one (a moka cache's clone copies
/// several handles) cost a quarter of the catalogue's CPU time (BENCHMARKS.md, session 10).
/// Fields are read through `Deref`: `state.db`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }

    /// A state like this one with something changed (the caches stay shared): for tests
    /// that watch the statements run.
    pub fn adjusted(&self, change: impl FnOnce(&mut Shared)) -> AppState {
        let mut shared = (*self.0).clone();
        change(&mut shared);
        AppState::new(shared)
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

#[derive(Clone)]
pub struct Shared {
    pub db: Db,
    pub config: Arc<Config>,
    /// Token signing and verification.
    pub keys: Arc<Keys>,
    /// Uploaded files.
    pub storage: Storage,
    /// Quizzes' questions by version, so a class starting an exam at once reads them once.
    pub quizzes: Arc<crate::services::attempts::QuizCache>,
    /// The published catalogue's pages, for at most a second.
    pub catalogue: Arc<crate::services::catalogue_cache::CatalogueCache>,
    /// Learners' outlines by course, for at most a second.
    pub outlines: Arc<crate::services::outline_cache::OutlineCache>,
    /// The super admin's and trainers' dashboards, for at most a second.
    pub dashboards: Arc<crate::services::dashboard_cache::DashboardCache>,
    /// Lesson completions waiting to be written together.
    pub completions: Arc<crate::services::completions::CompletionQueue>,
    /// This server's figures for `GET /metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
}
