//! Housekeeping that keeps tables from growing without bound: ended sessions and stale
//! sign-in counts. Safe to run on every instance at once (plain deletes of dead rows).

use std::time::Duration;

use chrono::Utc;

use crate::db::{self, Db};
use crate::domain::login_throttle;

/// How often `serve` runs the housekeeping.
pub const EVERY: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub login_throttles: u64,
}

/// Deletes sessions that ended more than a day ago, and sign-in counts whose window is over
/// and that hold no lock; then refreshes SQLite's planner statistics (`db::optimize`).
pub async fn sweep(conn: &Db) -> Result<Swept, db::Error> {
    let now = Utc::now();
    let sessions = db::sessions::delete_ended(conn, now - chrono::Duration::days(1)).await?;
    let window = login_throttle::ACCOUNT
        .window
        .max(login_throttle::ADDRESS.window);
    let login_throttles = db::login_throttles::delete_stale(conn, now - window, now).await?;
    db::optimize(conn).await?;
    Ok(Swept {
        sessions,
        login_throttles,
    })
}

/// Runs `sweep` every `EVERY` until the process ends; failures are logged and retried at
/// the next round.
pub async fn run_periodically(conn: Db) {
    let mut ticks = tokio::time::interval(EVERY);
    loop {
        ticks.tick().await;
        match sweep(&conn).await {
            Ok(swept) if swept != Swept::default() => {
                tracing::info!(?swept, "housekeeping: removed dead rows");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "housekeeping failed; will retry"),
        }
        // Timed attempts nobody came back to are submitted as they stand.
        match crate::services::attempts::close_expired(&conn).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(attempts = n, "housekeeping: submitted expired attempts"),
            Err(e) => tracing::warn!(error = %e, "closing expired attempts failed; will retry"),
        }
    }
}
