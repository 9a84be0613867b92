//! Dashboards, counted about once a second and shown without waiting for the count.
//!
//! The super admin's dashboard counts the whole platform (every enrolment, every user),
//! and a trainer's groups every enrolment of their courses: tens of milliseconds at
//! 100,000 enrolments, hundreds at a million. Everyone who opens one shares one count (a
//! super admin's dashboard is the same for all of them), and once it is a second old it
//! is counted again in the background while the kept one is still shown ([`Kept`]), so
//! nobody waits for a count while dashboards are being viewed (BENCHMARKS.md, S6, S7).
//!
//! A figure is at most [`DASHBOARD_TTL`] plus one count old while viewed (when a count takes
//! more than 100 ms, ten counts' time: `PACE`), and never more than `MAX_AGE`, on every
//! instance; a grade given or work handed in through this
//! instance forgets the trainers' entries at once, so the "needs grading" list never
//! shows work just graded. Learners' dashboards are not kept: they read only the
//! learner's own rows, by index.

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use crate::domain::dashboard::{AdminDashboard, TrainerDashboard};
use crate::error::AppError;
use crate::services::kept::Kept;

/// From this age a dashboard is counted again in the background, while the kept one is
/// still shown.
pub const DASHBOARD_TTL: Duration = Duration::from_secs(1);

/// A dashboard is never shown older than this: after a quiet spell it is counted again
/// before it is shown. Under steady viewing it is at most [`DASHBOARD_TTL`] plus one
/// count old.
const MAX_AGE: Duration = Duration::from_secs(10);

/// A dashboard whose count takes longer than a tenth of [`DASHBOARD_TTL`] is counted
/// again after ten times its count's duration (up to half of `MAX_AGE`): a count that has
/// grown costly takes at most about a tenth of a core while the dashboard is viewed.
const PACE: u32 = 10;

/// Trainers' dashboards kept at once (each a few kilobytes).
const MAX_TRAINERS: u64 = 10_000;

#[derive(Clone)]
pub struct DashboardCache {
    platform: Kept<(), AdminDashboard>,
    trainers: Kept<Uuid, TrainerDashboard>,
}

impl Default for DashboardCache {
    fn default() -> Self {
        DashboardCache {
            platform: Kept::new(DASHBOARD_TTL, MAX_AGE, 1, |_| 1).paced(PACE),
            trainers: Kept::new(DASHBOARD_TTL, MAX_AGE, MAX_TRAINERS, |_| 1).paced(PACE),
        }
    }
}

impl DashboardCache {
    /// The platform's dashboard, from the cache or from `load`.
    pub async fn platform<F, Fut>(&self, load: F) -> Result<Arc<AdminDashboard>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<AdminDashboard, AppError>> + Send + 'static,
    {
        self.platform.get((), load).await
    }

    /// A trainer's dashboard, from the cache or from `load`.
    pub async fn trainer<F, Fut>(
        &self,
        trainer: Uuid,
        load: F,
    ) -> Result<Arc<TrainerDashboard>, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<TrainerDashboard, AppError>> + Send + 'static,
    {
        self.trainers.get(trainer, load).await
    }

    /// Forgets the trainers' dashboards: called after work is handed in or graded.
    pub fn forget_trainers(&self) {
        self.trainers.forget();
    }
}
