//! Housekeeping that keeps tables from growing without bound: ended sessions and stale
//! sign-in counts. Run hourly as a background job (`services::jobs`, once across
//! instances), and safe to run anywhere at once all the same (plain deletes of dead rows).

use crate::db::{self, Db};
use crate::domain::login_throttle;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub sessions: u64,
    pub login_throttles: u64,
}

/// Deletes sessions that ended more than a day ago, and sign-in counts whose window is over
/// and that hold no lock; then refreshes SQLite's planner statistics (`db::optimize`).
pub async fn sweep(conn: &Db) -> Result<Swept, db::Error> {
    let now = crate::clock::now();
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
