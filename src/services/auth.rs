//! Signing in and out, the current user of a request, and changing one's own password.
//!
//! Every authenticated request re-reads the session and its user, so logging out, a
//! password change or a deactivation takes effect at once, whatever the token says.

use chrono::{DateTime, Duration, Utc};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::auth::password;
use crate::db;
use crate::db::sessions::NewSession;
use crate::domain::login_throttle;
use crate::domain::user::{User, check_password, normalize_email};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::state::AppState;

/// Where a login came from, kept on the session row.
#[derive(Debug, Default, Clone)]
pub struct ClientInfo {
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
}

/// A signed-in session: the token to send back as `Authorization: Bearer`.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: User,
}

/// The user behind a request's token, with the session it belongs to.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: User,
    pub session_id: Uuid,
}

/// A bcrypt hash of a random string, verified when the email is unknown so that a wrong
/// email costs the same time as a wrong password.
async fn dummy_hash() -> &'static str {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            password::hash(&Uuid::new_v4().to_string())
                .await
                .unwrap_or_default()
        })
        .await
}

fn too_many(until: DateTime<Utc>, now: DateTime<Utc>) -> AppError {
    let secs = (until - now).num_seconds().max(1);
    AppError::TooManyRequests {
        retry_after_secs: u64::try_from(secs).unwrap_or(1),
    }
}

/// `POST /api/auth/login`. Wrong email and wrong password get the same 401. Repeated
/// failures for one account or from one address are refused for a while (429,
/// `domain::login_throttle`).
pub async fn login(
    state: &AppState,
    email: &str,
    password_given: &str,
    client: ClientInfo,
) -> Result<IssuedToken, AppError> {
    let email = normalize_email(email);
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "is required");
    }
    if password_given.is_empty() {
        errors.add("password", "is required");
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let account = login_throttle::account_key(&email);
    let address = client
        .ip_address
        .as_deref()
        .map(login_throttle::address_key);
    let keys: Vec<String> = std::iter::once(account.clone())
        .chain(address.clone())
        .collect();
    let now = Utc::now();
    if let Some(until) = db::login_throttles::locked_until(&state.db, &keys, now).await? {
        return Err(too_many(until, now));
    }
    let found = if email.chars().count() > 255 || password_given.chars().count() > 1000 {
        None
    } else {
        db::users::find_credentials_by_email(&state.db, &email).await?
    };
    let verified = match &found {
        Some(credentials) => password::verify(password_given, &credentials.password_hash).await,
        None => {
            password::verify(password_given, dummy_hash().await).await;
            false
        }
    };
    let Some(credentials) = found.filter(|_| verified) else {
        let now = Utc::now();
        let mut lock =
            db::login_throttles::record_failure(&state.db, &account, &login_throttle::ACCOUNT, now)
                .await?;
        if let Some(address) = &address {
            let by_address = db::login_throttles::record_failure(
                &state.db,
                address,
                &login_throttle::ADDRESS,
                now,
            )
            .await?;
            lock = lock.max(by_address);
        }
        return Err(match lock {
            Some(until) => too_many(until, now),
            None => AppError::Unauthorized,
        });
    };
    db::login_throttles::clear(&state.db, &account).await?;
    if !credentials.user.is_active {
        return Err(AppError::Forbidden(
            "This account is deactivated. Ask an administrator to reactivate it.".to_owned(),
        ));
    }
    let now = Utc::now();
    let txn = db::begin_write(&state.db).await?;
    db::users::record_login(&txn, credentials.user.id, now).await?;
    let issued = issue(state, &txn, credentials.user, client, now).await?;
    txn.commit().await?;
    Ok(IssuedToken {
        user: User {
            last_login: Some(now),
            ..issued.user
        },
        ..issued
    })
}

/// Opens a session for `user` and signs its token.
pub(crate) async fn issue(
    state: &AppState,
    conn: &impl sea_orm::ConnectionTrait,
    user: User,
    client: ClientInfo,
    now: DateTime<Utc>,
) -> Result<IssuedToken, AppError> {
    let expires_at = now + Duration::minutes(i64::from(state.config.auth.session_minutes));
    let session_id = db::sessions::create(
        conn,
        NewSession {
            user_id: user.id,
            expires_at,
            user_agent: client.user_agent.map(|s| s.chars().take(255).collect()),
            ip_address: client.ip_address.map(|s| s.chars().take(45).collect()),
        },
    )
    .await?;
    let token = state.keys.sign(user.id, session_id, now, expires_at)?;
    Ok(IssuedToken {
        token,
        expires_at,
        user,
    })
}

/// The user a bearer token stands for, if its session is still open and the user active.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Authenticated, AppError> {
    let claims = state.keys.verify(token).ok_or(AppError::Unauthorized)?;
    let user = db::sessions::find_live_user(&state.db, claims.sid, Utc::now())
        .await?
        .filter(|u| u.id == claims.sub && u.is_active)
        .ok_or(AppError::Unauthorized)?;
    Ok(Authenticated {
        user,
        session_id: claims.sid,
    })
}

/// `POST /api/auth/logout`: ends this session.
pub async fn logout(state: &AppState, auth: &Authenticated) -> Result<(), AppError> {
    db::sessions::revoke(&state.db, auth.session_id, Utc::now()).await?;
    Ok(())
}

/// `PUT /api/auth/password`: the current password is required. Every session of the user,
/// this one included, ends; the answer carries a fresh token.
pub async fn change_password(
    state: &AppState,
    auth: &Authenticated,
    current: &str,
    new: &str,
    client: ClientInfo,
) -> Result<IssuedToken, AppError> {
    let mut errors = FieldErrors::default();
    check_password(&mut errors, "newPassword", new);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let credentials = db::users::find_credentials_by_id(&state.db, auth.user.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !password::verify(current, &credentials.password_hash).await {
        return Err(AppError::field("currentPassword", "is not correct"));
    }
    if current == new {
        return Err(AppError::field(
            "newPassword",
            "must differ from the current password",
        ));
    }
    let now = Utc::now();
    let txn = db::begin_write(&state.db).await?;
    let user = db::users::set_password(&txn, auth.user.id, new, false).await?;
    db::sessions::revoke_all_for_user(&txn, user.id, now).await?;
    let issued = issue(state, &txn, user, client, now).await?;
    txn.commit().await?;
    Ok(issued)
}
