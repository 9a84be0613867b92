//! `courseworx create-admin`: create or reset a super admin.

use anyhow::Context;

pub use crate::db::users::AdminOutcome;
use crate::db::{self, Db};
use crate::domain::user::NewAdmin;

/// Creates the super admin, or resets the account that has this email, in one transaction.
pub async fn create_or_reset(conn: &Db, admin: NewAdmin) -> anyhow::Result<AdminOutcome> {
    let hash = crate::auth::password::hash(&admin.password).await?;
    let txn = db::begin_write(conn).await?;
    let outcome = db::users::upsert_super_admin(&txn, admin, &hash)
        .await
        .context("could not save the super admin")?;
    txn.commit().await?;
    Ok(outcome)
}
