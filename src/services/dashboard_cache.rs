//! Dashboards, kept for at most a second.
//!
//! The super admin's dashboard counts the whole platform (every enrolment, every user),
//! and a trainer's groups every enrolment of their courses: tens of milliseconds at
//! 100,000 enrolments, more with growth. Everyone who opens one within the same second
//! (a super admin's dashboard is the same for all of them) shares one computation, and
//! callers missing together wait for one load (BENCHMARKS.md, S6).
//!
//! A figure is at most [`DASHBOARD_TTL`] old, on every instance; a grade given or work
//! handed in through this instance forgets the trainers' entries at once, so the
//! "needs grading" list never shows work just graded. Learners' dashboards are not kept:
//! they read only the learner's own rows, by index.

use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;
use uuid::Uuid;

use crate::domain::dashboard::{AdminDashboard, TrainerDashboard};
use crate::error::AppError;
use crate::services::catalogue_cache::shared_error;

/// How long a dashboard is served without counting again.
pub const DASHBOARD_TTL: Duration = Duration::from_secs(1);

/// Trainers' dashboards kept at once (each a few kilobytes).
const MAX_TRAINERS: u64 = 10_000;

#[derive(Clone)]
pub struct DashboardCache {
    platform: Cache<(), Arc<AdminDashboard>>,
    trainers: Cache<Uuid, Arc<TrainerDashboard>>,
}

impl Default for DashboardCache {
    fn default() -> Self {
        DashboardCache {
            platform: Cache::builder()
                .time_to_live(DASHBOARD_TTL)
                .max_capacity(1)
                .build(),
            trainers: Cache::builder()
                .time_to_live(DASHBOARD_TTL)
                .max_capacity(MAX_TRAINERS)
                .build(),
        }
    }
}

impl DashboardCache {
    /// The platform's dashboard, from the cache or from `load`.
    pub async fn platform<F>(&self, load: F) -> Result<Arc<AdminDashboard>, AppError>
    where
        F: Future<Output = Result<AdminDashboard, AppError>>,
    {
        self.platform
            .try_get_with((), async { load.await.map(Arc::new) })
            .await
            .map_err(shared_error)
    }

    /// A trainer's dashboard, from the cache or from `load`.
    pub async fn trainer<F>(
        &self,
        trainer: Uuid,
        load: F,
    ) -> Result<Arc<TrainerDashboard>, AppError>
    where
        F: Future<Output = Result<TrainerDashboard, AppError>>,
    {
        self.trainers
            .try_get_with(trainer, async { load.await.map(Arc::new) })
            .await
            .map_err(shared_error)
    }

    /// Forgets the trainers' dashboards: called after work is handed in or graded.
    pub fn forget_trainers(&self) {
        self.trainers.invalidate_all();
    }
}
