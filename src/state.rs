//! What every handler can reach.

use std::sync::Arc;

use crate::auth::jwt::Keys;
use crate::config::Config;
use crate::db::Db;
use crate::storage::Storage;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Token signing and verification.
    pub keys: Arc<Keys>,
    /// Uploaded files.
    pub storage: Storage,
    /// Quizzes' questions by version, so a class starting an exam at once reads them once.
    pub quizzes: crate::services::attempts::QuizCache,
    /// The published catalogue's pages, for at most a second.
    pub catalogue: crate::services::catalogue_cache::CatalogueCache,
    /// Learners' outlines by course, for at most a second.
    pub outlines: crate::services::outline_cache::OutlineCache,
    /// The super admin's and trainers' dashboards, for at most a second.
    pub dashboards: crate::services::dashboard_cache::DashboardCache,
}
