//! The current user of an API request, from `Authorization: Bearer <token>`.
//!
//! `CurrentUser` is what handlers normally take: it also refuses, with 403
//! `password_change_required`, a user who must first change a temporary password.
//! `Authenticated` skips that gate; only `me`, `password` and `logout` take it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use axum::http::request::Parts;

use crate::error::AppError;
use crate::services::auth::{self, ClientInfo};
use crate::state::AppState;

pub use crate::services::auth::Authenticated;

/// A signed-in user who may use the application.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Authenticated);

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = bearer(parts).ok_or(AppError::Unauthorized)?;
        auth::authenticate(state, token).await
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let authenticated = Authenticated::from_request_parts(parts, state).await?;
        if authenticated.user.requires_password_change {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(CurrentUser(authenticated))
    }
}

/// The client's user agent and address, kept on the session row.
impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let forwarded = state
            .config
            .server
            .trust_proxy
            .then(|| parts.headers.get("x-forwarded-for")?.to_str().ok())
            .flatten()
            .and_then(|v| v.rsplit(',').next())
            .and_then(|ip| ip.trim().parse::<std::net::IpAddr>().ok());
        let addr = forwarded
            .or_else(|| {
                parts
                    .extensions
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip())
            })
            .map(|ip| ip.to_string());
        Ok(ClientInfo {
            user_agent: parts
                .headers
                .get(USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            ip_address: addr,
        })
    }
}

/// The caller of a route that anyone may use (the catalogue, a course page, a cover): the
/// user of a valid bearer token or, for media the pages embed, of the page session cookie;
/// `None` when neither is sent. A token that is sent but invalid is still a 401, so a
/// client learns its token has expired instead of silently seeing less.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

impl MaybeUser {
    pub fn actor(&self) -> Option<crate::domain::policy::Actor> {
        self.0
            .as_ref()
            .map(|u| crate::domain::policy::Actor::from(&u.0.user))
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if parts.headers.contains_key(AUTHORIZATION) {
            return CurrentUser::from_request_parts(parts, state)
                .await
                .map(|u| MaybeUser(Some(u)));
        }
        let (viewer, _) = crate::web::session::viewer(state, &parts.headers).await?;
        Ok(MaybeUser(
            viewer
                .filter(|v| !v.user.requires_password_change)
                .map(CurrentUser),
        ))
    }
}
