//! Queries on `login_throttles`: guesses counted per key, shared by every instance.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::Db;
use super::entities::login_throttles::{self, Column, Entity};
use crate::domain::login_throttle::{ThrottleKey, ThrottleRule};

/// The answer to a guess that asked to be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Counted: the password may be verified. `locks_until` is set when this guess used up
    /// the last one allowed, so that a failure can say for how long sign-in is now locked.
    Granted { locks_until: Option<DateTime<Utc>> },
    /// Not counted and not to be verified: a key is locked until then.
    Locked { until: DateTime<Utc> },
}

fn existing(col: Column) -> Expr {
    Expr::col((Entity, col))
}

/// Counts one guess against every key, before its password is verified, in one write
/// transaction; refuses it (and counts nothing) when any key is locked or its limit is
/// used up.
///
/// Why this holds under a burst: the count is raised by an upsert, which takes the row's
/// lock (PostgreSQL) or the database's write lock (SQLite, `BEGIN IMMEDIATE`) until the
/// transaction ends, so concurrent guesses see one another's counts one at a time and the
/// one that reaches the limit locks the key for all that follow. Keys are taken in sorted
/// order so that two guesses never wait on each other's rows.
pub async fn reserve(
    db: &Db,
    keys: &[(ThrottleKey, ThrottleRule)],
    now: DateTime<Utc>,
) -> Result<Reservation, DbErr> {
    let mut keys = keys.to_vec();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    let txn = super::begin_write(db).await?;
    let mut locks_until = None;
    for (key, rule) in &keys {
        count_one(&txn, key, rule, now).await?;
        let row = Entity::find_by_id(key.as_str().to_owned())
            .one(&txn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound("the throttle row just written".into()))?;
        // A lock set by an earlier guess (this one has not set any yet).
        if let Some(until) = row.locked_until.filter(|u| *u > now) {
            txn.rollback().await?;
            return Ok(Reservation::Locked { until });
        }
        if let Some(lock) = rule.lock_after(row.failures) {
            let until = now + lock;
            Entity::update_many()
                .col_expr(Column::LockedUntil, Expr::val(until))
                .filter(Column::Key.eq(key.as_str()))
                .exec(&txn)
                .await?;
            locks_until = Ord::max(locks_until, Some(until));
        }
    }
    txn.commit().await?;
    Ok(Reservation::Granted { locks_until })
}

/// Raises a key's count by one in one atomic upsert, starting a new window when the old one
/// is over.
async fn count_one(
    db: &impl ConnectionTrait,
    key: &ThrottleKey,
    rule: &ThrottleRule,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let window_over = existing(Column::WindowStart).lt(now - rule.window);
    let failures = CaseStatement::new()
        .case(window_over.clone(), Expr::val(1))
        .finally(existing(Column::Failures).add(1));
    let window_start = CaseStatement::new()
        .case(window_over, Expr::val(now))
        .finally(existing(Column::WindowStart));
    Entity::insert(login_throttles::ActiveModel {
        key: Set(key.as_str().to_owned()),
        failures: Set(1),
        window_start: Set(now),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(Column::Key)
            .values([
                (Column::Failures, failures.into()),
                (Column::WindowStart, window_start.into()),
                (Column::UpdatedAt, Expr::val(now)),
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Forgets every guess counted against these keys (a trusted device or an account and
/// address pair that just signed in).
pub async fn clear(db: &Db, keys: &[ThrottleKey]) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Key.is_in(keys.iter().map(|k| k.as_str().to_owned())))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes back one counted guess from each key: the guess was right, so it was no failure.
/// A lock already set stays; the count only stops growing for the owner's successes.
pub async fn refund(db: &Db, keys: &[ThrottleKey]) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Failures, existing(Column::Failures).sub(1))
        .filter(Column::Key.is_in(keys.iter().map(|k| k.as_str().to_owned())))
        .filter(Column::Failures.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes counts whose window started before `before` and that hold no lock at `now`.
pub async fn delete_stale(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::Condition;
    let result = Entity::delete_many()
        .filter(Column::WindowStart.lt(before))
        .filter(
            Condition::any()
                .add(Column::LockedUntil.is_null())
                .add(Column::LockedUntil.lt(now)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
