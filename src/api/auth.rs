//! Sign in and out, who am I, change my password.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::extract::Json;
use crate::auth::extract::Authenticated;
use crate::domain::user::{NewAdmin, User};
use crate::error::AppError;
use crate::services::auth::{self, ClientInfo, IssuedToken};
use crate::services::setup;
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginBody {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    token: String,
    token_type: &'static str,
    expires_at: DateTime<Utc>,
    user: User,
}

impl From<IssuedToken> for TokenResponse {
    fn from(t: IssuedToken) -> Self {
        TokenResponse {
            token: t.token,
            token_type: "Bearer",
            expires_at: t.expires_at,
            user: t.user,
        }
    }
}

#[derive(Serialize)]
pub struct UserResponse {
    user: User,
}

/// `POST /api/auth/login` (anyone).
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(body): Json<LoginBody>,
) -> Result<Json<TokenResponse>, AppError> {
    let issued = auth::login(&state, &body.email, &body.password, client).await?;
    Ok(Json(issued.into()))
}

/// `POST /api/auth/logout` (signed in): ends this session.
pub async fn logout(
    State(state): State<AppState>,
    who: Authenticated,
) -> Result<StatusCode, AppError> {
    auth::logout(&state, &who).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/auth/me` (signed in, also while a password change is required).
pub async fn me(who: Authenticated) -> Json<UserResponse> {
    Json(UserResponse { user: who.user })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasswordBody {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// `PUT /api/auth/password` (signed in): ends every session and answers a fresh token.
pub async fn change_password(
    State(state): State<AppState>,
    client: ClientInfo,
    who: Authenticated,
    Json(body): Json<PasswordBody>,
) -> Result<Json<TokenResponse>, AppError> {
    let issued = auth::change_password(
        &state,
        &who,
        &body.current_password,
        &body.new_password,
        client,
    )
    .await?;
    Ok(Json(issued.into()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetupBody {
    #[serde(default)]
    token: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Serialize)]
pub struct SetupStatus {
    required: bool,
}

/// `GET /api/auth/setup` (anyone): whether the first super admin is still to be created.
pub async fn setup_status(State(state): State<AppState>) -> Result<Json<SetupStatus>, AppError> {
    let required = setup::is_required(&state.db).await?;
    Ok(Json(SetupStatus { required }))
}

/// `POST /api/auth/setup` (anyone holding the setup token, first run only): creates the
/// first super admin and signs them in.
pub async fn setup(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(body): Json<SetupBody>,
) -> Result<(StatusCode, Json<TokenResponse>), AppError> {
    let admin = NewAdmin::parse(
        &body.first_name,
        &body.last_name,
        &body.email,
        &body.password,
    )?;
    let issued = setup::complete(&state, &body.token, admin, client).await?;
    Ok((StatusCode::CREATED, Json(issued.into())))
}
