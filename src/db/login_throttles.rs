//! Queries on `login_throttles`: guesses counted per key, shared by every instance.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::Db;
use super::entities::login_throttles::{self, Column, Entity, Model};
use crate::domain::login_throttle::{ThrottleKey, ThrottleRule};

/// The answer to a guess that asked to be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Counted as in flight: the password may be verified, and the guess must be settled.
    Granted,
    /// Not counted and not to be verified: a key is locked, or its limit is taken by
    /// failures and guesses in flight, until about then.
    Locked { until: DateTime<Utc> },
}

/// How a counted guess ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Right,
    Wrong,
}

fn existing(col: Column) -> Expr {
    Expr::col((Entity, col))
}

/// Counts one guess as in flight against every key, before its password is verified, in
/// one write transaction; refuses it (and counts nothing) when any key is locked, or when
/// its failures and the guesses in flight already reach the limit. Past the limit, once a
/// lock has ended, exactly one guess at a time gets through.
///
/// Why this holds under a burst: the count is raised by an upsert, which takes the row's
/// lock (PostgreSQL) or the database's write lock (SQLite, `BEGIN IMMEDIATE`) until the
/// transaction ends, so concurrent guesses see one another one at a time. Keys are taken in
/// sorted order so that two guesses never wait on each other's rows.
pub async fn reserve(
    db: &Db,
    keys: &[(ThrottleKey, ThrottleRule)],
    now: DateTime<Utc>,
) -> Result<Reservation, DbErr> {
    let txn = super::begin_write(db).await?;
    for (key, rule) in sorted(keys) {
        count_in_flight(&txn, &key, &rule, now).await?;
        let row = read(&txn, &key).await?;
        if let Some(until) = row.locked_until.filter(|u| *u > now) {
            txn.rollback().await?;
            return Ok(Reservation::Locked { until });
        }
        if !rule.admits(row.failures, row.in_flight) {
            txn.rollback().await?;
            let wait = rule
                .lock_after(Ord::max(row.failures, rule.max_failures))
                .unwrap_or(rule.first_lock);
            return Ok(Reservation::Locked { until: now + wait });
        }
    }
    txn.commit().await?;
    Ok(Reservation::Granted)
}

/// Ends a guess counted by `reserve`. A wrong one becomes a failure of every key (locking
/// the keys it takes to their limit, for longer with every failure past it) and the end of
/// the lock is returned. A right one wipes the keys that belong to this client alone (a
/// device, an account and address pair, one user's password form) and gives back its place
/// in the shared ones, whose failures stay.
pub async fn settle(
    db: &Db,
    keys: &[(ThrottleKey, ThrottleRule)],
    outcome: Outcome,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let txn = super::begin_write(db).await?;
    let mut locks_until = None;
    let one_less = CaseStatement::new()
        .case(
            existing(Column::InFlight).gt(0),
            existing(Column::InFlight).sub(1),
        )
        .finally(Expr::val(0));
    for (key, rule) in sorted(keys) {
        let this = Column::Key.eq(key.as_str());
        match outcome {
            Outcome::Right if key.is_personal() => {
                Entity::delete_many().filter(this).exec(&txn).await?;
            }
            Outcome::Right => {
                Entity::update_many()
                    .col_expr(Column::InFlight, one_less.clone().into())
                    .filter(this)
                    .exec(&txn)
                    .await?;
            }
            Outcome::Wrong => {
                Entity::update_many()
                    .col_expr(Column::InFlight, one_less.clone().into())
                    .col_expr(Column::Failures, existing(Column::Failures).add(1))
                    .col_expr(Column::UpdatedAt, Expr::val(now))
                    .filter(this)
                    .exec(&txn)
                    .await?;
                let row = read(&txn, &key).await?;
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
        }
    }
    txn.commit().await?;
    Ok(locks_until)
}

fn sorted(keys: &[(ThrottleKey, ThrottleRule)]) -> Vec<(ThrottleKey, ThrottleRule)> {
    let mut keys = keys.to_vec();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    keys
}

async fn read(db: &impl ConnectionTrait, key: &ThrottleKey) -> Result<Model, DbErr> {
    Entity::find_by_id(key.as_str().to_owned())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the throttle row just written".into()))
}

/// Raises a key's guesses in flight by one in one atomic upsert, starting a new window
/// (no failures, nothing else in flight) when the old one is over.
async fn count_in_flight(
    db: &impl ConnectionTrait,
    key: &ThrottleKey,
    rule: &ThrottleRule,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let window_over = existing(Column::WindowStart).lt(now - rule.window);
    let failures = CaseStatement::new()
        .case(window_over.clone(), Expr::val(0))
        .finally(existing(Column::Failures));
    let in_flight = CaseStatement::new()
        .case(window_over.clone(), Expr::val(1))
        .finally(existing(Column::InFlight).add(1));
    let window_start = CaseStatement::new()
        .case(window_over, Expr::val(now))
        .finally(existing(Column::WindowStart));
    Entity::insert(login_throttles::ActiveModel {
        key: Set(key.as_str().to_owned()),
        failures: Set(0),
        in_flight: Set(1),
        window_start: Set(now),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(Column::Key)
            .values([
                (Column::Failures, failures.into()),
                (Column::InFlight, in_flight.into()),
                (Column::WindowStart, window_start.into()),
                (Column::UpdatedAt, Expr::val(now)),
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
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
