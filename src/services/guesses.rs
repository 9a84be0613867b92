//! A password guess (sign-in, or the current password of a password change) counted before
//! it is verified and settled once its answer is known (`db::login_throttles`,
//! `domain::login_throttle`).

use chrono::{DateTime, Utc};

use crate::db::login_throttles::{Outcome, Reservation};
use crate::db::{self, Db};
use crate::domain::login_throttle::{ThrottleKey, ThrottleRule};
use crate::error::AppError;

/// A counted guess. Settle it with `right` or `wrong`; one that is dropped unsettled (the
/// client hung up while its password was being checked) is settled as wrong in the
/// background, so that hanging up is never a way to guess for free.
pub struct PendingGuess {
    db: Db,
    keys: Vec<(ThrottleKey, ThrottleRule)>,
    settled: bool,
}

pub(crate) fn too_many(until: DateTime<Utc>, now: DateTime<Utc>) -> AppError {
    let secs = (until - now).num_seconds().max(1);
    AppError::TooManyRequests {
        retry_after_secs: u64::try_from(secs).unwrap_or(1),
    }
}

impl PendingGuess {
    /// Counts the guess against every key, or refuses it with 429 (nothing counted, the
    /// password never verified).
    pub async fn reserve(
        db: &Db,
        keys: Vec<(ThrottleKey, ThrottleRule)>,
    ) -> Result<PendingGuess, AppError> {
        let now = crate::clock::now();
        match db::login_throttles::reserve(db, &keys, now).await? {
            Reservation::Granted => Ok(PendingGuess {
                db: db.clone(),
                keys,
                settled: false,
            }),
            Reservation::Locked { until } => Err(too_many(until, now)),
        }
    }

    /// The password was right.
    pub async fn right(mut self) -> Result<(), AppError> {
        self.settled = true;
        db::login_throttles::settle(&self.db, &self.keys, Outcome::Right, crate::clock::now())
            .await?;
        Ok(())
    }

    /// The password was wrong: the answer is `wrong` (401, or the field's error), or 429
    /// when this guess used up the last one allowed.
    pub async fn wrong(mut self, wrong: AppError) -> AppError {
        self.settled = true;
        let now = crate::clock::now();
        match db::login_throttles::settle(&self.db, &self.keys, Outcome::Wrong, now).await {
            Ok(Some(until)) => too_many(until, now),
            Ok(None) => wrong,
            Err(e) => e.into(),
        }
    }
}

impl Drop for PendingGuess {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        let (db, keys) = (self.db.clone(), std::mem::take(&mut self.keys));
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let settled =
                    db::login_throttles::settle(&db, &keys, Outcome::Wrong, crate::clock::now())
                        .await;
                if let Err(e) = settled {
                    tracing::warn!(error = %e, "could not settle an abandoned password guess");
                }
            });
        }
    }
}
