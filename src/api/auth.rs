//! Sign in and out, who am I, change my password.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::UserResponse;
use crate::api::error::ErrorBody;
use crate::api::extract::Json;
use crate::auth::extract::Authenticated;
use crate::domain::user::{NewAdmin, User};
use crate::error::AppError;
use crate::services::auth::{self, ClientInfo, IssuedToken, LoginContext};
use crate::services::setup;
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginBody {
    #[serde(default)]
    #[schema(required = true, format = "email", min_length = 1)]
    email: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    password: String,
    /// The `deviceToken` of this client's last sign-in to this account, if any. With it,
    /// strangers' failed guesses on the account do not lock this client out.
    #[schema(max_length = 200)]
    device_token: Option<String>,
}

/// A signed token (send it as `Authorization: Bearer <token>`) and its user.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    token: String,
    /// Always `Bearer`.
    token_type: &'static str,
    expires_at: DateTime<Utc>,
    user: User,
    /// After a sign-in: keep it and send it as `deviceToken` at the next sign-in to this
    /// account.
    #[serde(skip_serializing_if = "Option::is_none")]
    device_token: Option<String>,
}

impl From<IssuedToken> for TokenResponse {
    fn from(t: IssuedToken) -> Self {
        TokenResponse {
            token: t.token,
            token_type: "Bearer",
            expires_at: t.expires_at,
            user: t.user,
            device_token: t.device_token,
        }
    }
}

/// `POST /api/auth/login` (anyone).
#[utoipa::path(post, path = "/auth/login", tag = "auth",
    summary = "Sign in with email and password",
    description = "Email is matched case-insensitively. A wrong email and a wrong password get the same 401. Every guess is counted before it is checked: past the limits (per device token; otherwise per account and address, per address, and per account) guesses are refused with 429 and Retry-After for a while. Send the `deviceToken` of the last sign-in to this account so that strangers' guesses never lock this client out.",
    request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Wrong email or password", body = ErrorBody),
        (status = 403, description = "The account is deactivated", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody),
        (status = 422, description = "A missing, over-long or unknown field", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    Json(body): Json<LoginBody>,
) -> Result<Json<TokenResponse>, AppError> {
    let context = LoginContext {
        client,
        device_token: body.device_token,
    };
    let issued = auth::login(&state, &body.email, &body.password, context).await?;
    Ok(Json(issued.into()))
}

/// `POST /api/auth/logout` (signed in): ends this session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    summary = "End this session (the token stops working at once)",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "No valid token", body = ErrorBody),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    who: Authenticated,
) -> Result<StatusCode, AppError> {
    auth::logout(&state, &who).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/auth/me` (signed in, also while a password change is required).
#[utoipa::path(get, path = "/auth/me", tag = "auth",
    summary = "The signed-in user",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user", body = UserResponse),
        (status = 401, description = "No valid token", body = ErrorBody),
    ))]
pub async fn me(who: Authenticated) -> Json<UserResponse> {
    Json(UserResponse { user: who.user })
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasswordBody {
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    current_password: String,
    #[serde(default)]
    /// 6 or more characters, at most 72 bytes (bcrypt reads no further).
    #[schema(required = true, min_length = 6, max_length = 72)]
    new_password: String,
}

/// `PUT /api/auth/password` (signed in): ends every session and answers a fresh token.
#[utoipa::path(put, path = "/auth/password", tag = "auth",
    summary = "Change one's password",
    description = "Needs the current password. Ends every session of the user (older tokens stop working) and answers a fresh token. Clears requiresPasswordChange.",
    security(("bearer" = [])),
    request_body = PasswordBody,
    responses(
        (status = 200, description = "Changed; a fresh token", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody),
        (status = 422, description = "Wrong current password, a bad new one, or an unknown field", body = ErrorBody),
        (status = 429, description = "Too many wrong current passwords; see Retry-After", body = ErrorBody),
    ))]
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

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetupBody {
    /// The one-time token `serve` printed to its log.
    #[serde(default)]
    #[schema(required = true)]
    token: String,
    #[serde(default)]
    #[schema(required = true, value_type = crate::domain::user::PersonName)]
    first_name: String,
    #[serde(default)]
    #[schema(required = true, value_type = crate::domain::user::PersonName)]
    last_name: String,
    #[serde(default)]
    #[schema(required = true, format = "email", max_length = 255)]
    email: String,
    #[serde(default)]
    /// 6 or more characters, at most 72 bytes (bcrypt reads no further).
    #[schema(required = true, min_length = 6, max_length = 72)]
    password: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SetupStatus {
    /// True while no super admin exists.
    required: bool,
}

/// `GET /api/auth/setup` (anyone): whether the first super admin is still to be created.
#[utoipa::path(get, path = "/auth/setup", tag = "auth",
    summary = "Whether first-run setup is still open",
    responses((status = 200, description = "Setup state", body = SetupStatus)))]
pub async fn setup_status(State(state): State<AppState>) -> Result<Json<SetupStatus>, AppError> {
    let required = setup::is_required(&state.db).await?;
    Ok(Json(SetupStatus { required }))
}

/// `POST /api/auth/setup` (anyone holding the setup token, first run only): creates the
/// first super admin and signs them in.
#[utoipa::path(post, path = "/auth/setup", tag = "auth",
    summary = "Create the first super admin (first run only)",
    description = "Needs the one-time token that `courseworx serve` prints to its log while no super admin exists. Exactly one super admin is created even when requests race.",
    request_body = SetupBody,
    responses(
        (status = 201, description = "Created and signed in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 403, description = "Wrong token", body = ErrorBody),
        (status = 409, description = "Setup is closed: a super admin exists", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
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

/// Signing in and out, one's password and first-run setup, with their document entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(setup_status, setup))
}
