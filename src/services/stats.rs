//! A course's statistics, for its trainer and super admins: the stored row when there is
//! one, else counted afresh under the course's lock (`db::stats` says why that is exact).

use uuid::Uuid;

use crate::db;
use crate::domain::policy::{Actor, CourseAction};
use crate::domain::stats::CourseStats;
use crate::error::AppError;
use crate::services::courses::grant_for;
use crate::state::AppState;

pub async fn show(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
) -> Result<CourseStats, AppError> {
    grant_for(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    if let Some(stats) = db::stats::read(&state.db, course_id).await? {
        return Ok(stats);
    }
    let txn = db::begin_write(&state.db).await?;
    let (_, grant) = grant_for(&txn, Some(actor), course_id, CourseAction::Teach).await?;
    db::courses::lock(&txn, &grant).await?;
    // Another reader may have counted while this one waited for the lock.
    let stats = match db::stats::read(&txn, course_id).await? {
        Some(stats) => stats,
        None => db::stats::recompute(&txn, &grant).await?,
    };
    txn.commit().await?;
    Ok(stats)
}
