//! Signing in and out, the current user of a request, and changing one's own password.
//!
//! Every authenticated request re-reads the session and its user, so logging out, a
//! password change or a deactivation takes effect at once, whatever the token says.

use chrono::{DateTime, Duration, Utc};
use tokio::sync::OnceCell;
use uuid::Uuid;

use crate::auth::device;
use crate::auth::password;
use crate::db;
use crate::db::sessions::NewSession;
use crate::domain::login_throttle::{self, ThrottleKey, ThrottleRule};
use crate::domain::policy::Denied;
use crate::domain::user::{User, check_password, normalize_email};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::metrics::LoginFailure;
use crate::services::guesses::PendingGuess;
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
    /// After a sign-in: the device token to present at the next one (`auth::device`).
    pub device_token: Option<String>,
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
                .map(|h| h.as_str().to_owned())
                .unwrap_or_default()
        })
        .await
}

/// What a sign-in brings besides email and password.
#[derive(Debug, Default, Clone)]
pub struct LoginContext {
    pub client: ClientInfo,
    /// The device token this client was given when it last signed in to this account.
    pub device_token: Option<String>,
}

/// Longest email a sign-in reads; longer input is refused before anything is written.
const LOGIN_EMAIL_MAX: usize = 255;
/// Longest password a sign-in reads (in characters): far above what can be set (72 bytes),
/// so a long guess is simply wrong, yet bounded.
const LOGIN_PASSWORD_MAX: usize = 1000;

/// Which counters a sign-in guess is charged to (`domain::login_throttle`).
fn login_keys(
    state: &AppState,
    email: &str,
    context: &LoginContext,
) -> Vec<(ThrottleKey, ThrottleRule)> {
    let device = context
        .device_token
        .as_deref()
        .and_then(|t| device::verify(&state.keys, email, t));
    if let Some(device) = device {
        return vec![(ThrottleKey::device(&device.id), login_throttle::DEVICE)];
    }
    let mut keys = vec![(ThrottleKey::account(email), login_throttle::ACCOUNT)];
    if let Some(ip) = context.client.ip_address.as_deref() {
        keys.push((ThrottleKey::pair(email, ip), login_throttle::PAIR));
        keys.push((ThrottleKey::address(ip), login_throttle::ADDRESS));
    }
    keys
}

/// `POST /api/auth/login`. Wrong email and wrong password get the same 401. Every guess is
/// counted before its password is verified, and guesses past a limit are refused (429,
/// `domain::login_throttle`). A success answers a device token for the next sign-in.
pub async fn login(
    state: &AppState,
    email: &str,
    password_given: &str,
    context: LoginContext,
) -> Result<IssuedToken, AppError> {
    let result = sign_in(state, email, password_given, context).await;
    if let Err(e) = &result {
        state.metrics.login_failed(match e {
            AppError::Unauthorized => LoginFailure::Credentials,
            AppError::TooManyRequests { .. } => LoginFailure::Throttled,
            AppError::Denied(_) => LoginFailure::Deactivated,
            AppError::Validation(_) => LoginFailure::Invalid,
            _ => LoginFailure::Error,
        });
    }
    result
}

async fn sign_in(
    state: &AppState,
    email: &str,
    password_given: &str,
    context: LoginContext,
) -> Result<IssuedToken, AppError> {
    let email = normalize_email(email);
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", FieldError::Required);
    } else if email.chars().count() > LOGIN_EMAIL_MAX {
        let max = LOGIN_EMAIL_MAX;
        errors.add("email", FieldError::TooLong { max });
    }
    if password_given.is_empty() {
        errors.add("password", FieldError::Required);
    } else if password_given.chars().count() > LOGIN_PASSWORD_MAX {
        let max = LOGIN_PASSWORD_MAX;
        errors.add("password", FieldError::TooLong { max });
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let keys = login_keys(state, &email, &context);
    let guess = PendingGuess::reserve(&state.db, keys).await?;
    let found = db::users::find_credentials_by_email(&state.db, &email).await?;
    let verified = match &found {
        Some(credentials) => password::verify(password_given, &credentials.password_hash).await,
        None => {
            password::verify(password_given, dummy_hash().await).await;
            false
        }
    };
    let Some(credentials) = found.filter(|_| verified) else {
        return Err(guess.wrong(AppError::Unauthorized).await);
    };
    guess.right().await?;
    if !credentials.user.is_active {
        return Err(Denied::AccountDeactivated.into());
    }
    let now = crate::clock::now();
    let txn = db::begin_write(&state.db).await?;
    db::users::record_login(&txn, credentials.user.id, now).await?;
    let issued = issue(state, &txn, credentials.user, context.client, now).await?;
    txn.commit().await?;
    let device_token = context
        .device_token
        .filter(|t| device::verify(&state.keys, &email, t).is_some())
        .unwrap_or_else(|| device::issue(&state.keys, &email));
    Ok(IssuedToken {
        user: User {
            last_login: Some(now),
            ..issued.user
        },
        device_token: Some(device_token),
        ..issued
    })
}

/// Opens a session for `user` and signs its token.
pub(crate) async fn issue(
    state: &AppState,
    conn: &impl db::Connection,
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
        device_token: None,
    })
}

/// The user a bearer token stands for, if its session is still open and the user active.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Authenticated, AppError> {
    let claims = state.keys.verify(token).ok_or(AppError::Unauthorized)?;
    let user = db::sessions::find_live_user(&state.db, claims.sid, crate::clock::now())
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
    db::sessions::revoke(&state.db, auth.session_id, crate::clock::now()).await?;
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
    // Guesses at the current password are limited like sign-in guesses: a stolen session
    // must not become a way to find the password.
    let key = ThrottleKey::password_change(auth.user.id);
    let guess = PendingGuess::reserve(&state.db, vec![(key, login_throttle::DEVICE)]).await?;
    if !password::verify(current, &credentials.password_hash).await {
        let wrong = AppError::field("currentPassword", FieldError::CurrentPassword);
        return Err(guess.wrong(wrong).await);
    }
    guess.right().await?;
    if current == new {
        return Err(AppError::field("newPassword", FieldError::PasswordSame));
    }
    let hash = password::hash(new).await?;
    let now = crate::clock::now();
    let txn = db::begin_write(&state.db).await?;
    let user = db::users::set_password(&txn, auth.user.id, &hash, false).await?;
    db::sessions::revoke_all_for_user(&txn, user.id, now).await?;
    let issued = issue(state, &txn, user, client, now).await?;
    txn.commit().await?;
    Ok(issued)
}
