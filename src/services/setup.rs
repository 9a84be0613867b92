//! First run: while no super admin exists, `serve` prints a one-time setup link with a
//! random token, and `POST /api/auth/setup` creates the first super admin only with that
//! token. The database decides races: exactly one setup succeeds.

use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::settings::{SETUP_COMPLETED, SETUP_TOKEN_HASH};
use crate::db::{self, Db};
use crate::domain::user::NewAdmin;
use crate::error::AppError;
use crate::services::auth::{ClientInfo, IssuedToken, issue};
use crate::state::AppState;

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether CourseWorx still needs its first super admin.
pub async fn is_required(conn: &Db) -> Result<bool, AppError> {
    Ok(!db::users::super_admin_exists(conn).await?)
}

/// At start-up: when setup is still required, a new token (only its hash is stored, and
/// it replaces any earlier one). `None` when a super admin exists.
pub async fn prepare(conn: &Db) -> Result<Option<String>, AppError> {
    if !is_required(conn).await? {
        return Ok(None);
    }
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    db::settings::put(conn, SETUP_TOKEN_HASH, &digest(&token)).await?;
    Ok(Some(token))
}

fn already_done() -> AppError {
    AppError::Conflict("CourseWorx is already set up: sign in instead.".to_owned())
}

/// `POST /api/auth/setup`: creates the first super admin and signs them in.
pub async fn complete(
    state: &AppState,
    token: &str,
    admin: NewAdmin,
    client: ClientInfo,
) -> Result<IssuedToken, AppError> {
    let stored = db::settings::get(&state.db, SETUP_TOKEN_HASH).await?;
    if !is_required(&state.db).await? {
        return Err(already_done());
    }
    if stored.is_none_or(|hash| hash != digest(token.trim())) {
        return Err(crate::domain::policy::Denied::WrongSetupToken.into());
    }
    let hash = crate::auth::password::hash(&admin.password).await?;
    let now = Utc::now();
    let txn = db::begin_write(&state.db).await?;
    // Written first, so the database serialises racing setups here: the loser gets a
    // unique violation (or, on SQLite, waits for the winner's commit and then gets it).
    if let Err(e) = db::settings::insert_new(&txn, SETUP_COMPLETED, &now.to_rfc3339()).await {
        return Err(match db::error_kind(&e) {
            db::ErrorKind::UniqueViolation => already_done(),
            _ => e.into(),
        });
    }
    if db::users::super_admin_exists(&txn).await? {
        return Err(already_done());
    }
    let user = db::users::insert_super_admin(&txn, admin, &hash).await?;
    let issued = issue(state, &txn, user, client, now).await?;
    txn.commit().await?;
    Ok(issued)
}
