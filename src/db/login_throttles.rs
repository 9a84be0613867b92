//! Queries on `login_throttles`: atomic failure counting shared by every instance.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::login_throttles::{self, Column, Entity};
use crate::domain::login_throttle::ThrottleRule;

/// The latest lock end among these keys, if any is still locked at `now`.
pub async fn locked_until(
    db: &impl ConnectionTrait,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let rows = Entity::find()
        .filter(Column::Key.is_in(keys.iter().cloned()))
        .filter(Column::LockedUntil.gt(now))
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|r| r.locked_until).max())
}

fn existing(col: Column) -> Expr {
    Expr::col((Entity, col))
}

/// Counts one failure for `key` (a new window when the old one is over) in one atomic
/// upsert, then locks the key when the rule says so. Returns the lock end, if any.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    key: &str,
    rule: &ThrottleRule,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let window_over = existing(Column::WindowStart).lt(now - rule.window);
    let failures = CaseStatement::new()
        .case(window_over.clone(), Expr::val(1))
        .finally(existing(Column::Failures).add(1));
    let window_start = CaseStatement::new()
        .case(window_over, Expr::val(now))
        .finally(existing(Column::WindowStart));
    Entity::insert(login_throttles::ActiveModel {
        key: Set(key.to_owned()),
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
    let Some(row) = Entity::find_by_id(key.to_owned()).one(db).await? else {
        return Ok(None);
    };
    let Some(lock) = rule.lock_after(row.failures) else {
        return Ok(None);
    };
    let until = now + lock;
    Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::val(until))
        .filter(Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(Some(until))
}

/// Forgets a key's failures (after a successful sign-in).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    Entity::delete_by_id(key.to_owned()).exec(db).await?;
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
