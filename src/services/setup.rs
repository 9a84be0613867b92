//! First run: while no super admin exists, `serve` prints a one-time setup link with a
//! random token, and `POST /api/auth/setup` creates the first super admin only with that
//! token. The database decides races: exactly one setup succeeds.

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

/// The setting that marks a token as valid: its hash in the key, one row per token.
fn token_key(token: &str) -> String {
    format!("{SETUP_TOKEN_HASH}:{}", digest(token))
}

/// At start-up: when setup is still required, a new token (only its hash is stored).
/// Every instance that starts before setup prints its own link, and each stays valid until
/// setup is done: two instances started together must not void each other's link, so each
/// token is a row of its own rather than one value that the next start replaces. `None`
/// when a super admin exists.
pub async fn prepare(conn: &Db) -> Result<Option<String>, AppError> {
    if !is_required(conn).await? {
        return Ok(None);
    }
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    db::settings::put(conn, &token_key(&token), "valid").await?;
    Ok(Some(token))
}

/// Whether `token` is one that an instance printed (or the single hash an earlier
/// version kept).
async fn is_valid(conn: &Db, token: &str) -> Result<bool, AppError> {
    if db::settings::get(conn, &token_key(token)).await?.is_some() {
        return Ok(true);
    }
    let earlier = db::settings::get(conn, SETUP_TOKEN_HASH).await?;
    Ok(earlier.is_some_and(|hash| hash == digest(token)))
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
    if !is_required(&state.db).await? {
        return Err(already_done());
    }
    if !is_valid(&state.db, token.trim()).await? {
        return Err(crate::domain::policy::Denied::WrongSetupToken.into());
    }
    let hash = crate::auth::password::hash(&admin.password).await?;
    let now = crate::clock::now();
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
