//! The private calendar feed: the caller's address (made on first request), resetting it,
//! and reading a feed by its token (`domain::calendar` explains the token).

use rand::RngCore;
use uuid::Uuid;

use crate::db;
use crate::domain::calendar::{FeedItem, encode_token, parse_token, token_message};
use crate::domain::policy::Actor;
use crate::domain::user::Role;
use crate::error::AppError;
use crate::state::AppState;

/// A new random secret: 32 bytes in hexadecimal.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn token_for(state: &AppState, user: Uuid, secret: &str) -> String {
    let mac = hex::decode(state.keys.mac(&token_message(user, secret))).unwrap_or_default();
    encode_token(user, &mac)
}

/// The caller's feed token, the same every time until they reset it.
pub async fn token(state: &AppState, actor: &Actor) -> Result<String, AppError> {
    if let Some(secret) = db::calendar::secret_of(&state.db, actor.id).await? {
        return Ok(token_for(state, actor.id, &secret));
    }
    let txn = db::begin_write(&state.db).await?;
    db::calendar::store_secret(&txn, actor.id, &new_secret(), false).await?;
    let secret = db::calendar::secret_of(&txn, actor.id)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(token_for(state, actor.id, &secret))
}

/// A new token for the caller: every address made before stops working.
pub async fn reset(state: &AppState, actor: &Actor) -> Result<String, AppError> {
    let secret = new_secret();
    let txn = db::begin_write(&state.db).await?;
    db::calendar::store_secret(&txn, actor.id, &secret, true).await?;
    txn.commit().await?;
    Ok(token_for(state, actor.id, &secret))
}

/// What one feed shows, and in which language.
#[derive(Debug, Clone)]
pub struct Feed {
    pub user_id: Uuid,
    pub role: Role,
    pub name: String,
    /// The owner's page language, if they chose one.
    pub language: Option<String>,
    pub items: Vec<FeedItem>,
}

/// The feed behind `token`. Anything else (malformed, unknown, reset, of a deactivated or
/// deleted account) is `NotFound`, with nothing to tell the cases apart.
pub async fn feed(state: &AppState, token: &str) -> Result<Feed, AppError> {
    let (user_id, mac) = parse_token(token).ok_or(AppError::NotFound)?;
    let owner = db::calendar::owner(&state.db, user_id).await?;
    // The MAC is checked whether or not the account and its secret exist.
    let secret = owner
        .as_ref()
        .and_then(|o| o.secret.clone())
        .unwrap_or_default();
    let genuine = state
        .keys
        .verify_mac(&token_message(user_id, &secret), &hex::encode(mac));
    let owner = owner
        .filter(|o| genuine && o.active && o.secret.is_some())
        .ok_or(AppError::NotFound)?;
    let items = match owner.role {
        Role::Trainee => db::calendar::learning(&state.db, user_id).await?,
        Role::Trainer | Role::SuperAdmin => db::calendar::teaching(&state.db, user_id).await?,
    };
    Ok(Feed {
        user_id,
        role: owner.role,
        name: format!("{} {}", owner.first_name, owner.last_name),
        language: owner.language,
        items,
    })
}
