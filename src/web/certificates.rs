//! `GET /certificates` (the trainee's certificates with downloads and share links),
//! `GET /certificates/{id}/pdf` and the public `GET /verify/{code}`.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use uuid::Uuid;

use crate::domain::certificate::{Certificate, Verification};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::certificates;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::Path;
use crate::web::page::{self, Page, site_origin};
use crate::web::session::PageUser;

#[derive(Template)]
#[template(path = "certificates/list.html")]
struct ListPage {
    ctx: Page,
    certificates: Vec<Certificate>,
    origin: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    headers: HeaderMap,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    let certificates = certificates::mine(&state, &Actor::from(&who.user)).await?;
    let origin = site_origin(&state, &headers);
    page::render(
        StatusCode::OK,
        &ListPage {
            ctx,
            certificates,
            origin,
        },
    )
}

pub async fn download(
    State(state): State<AppState>,
    ctx: Page,
    headers: HeaderMap,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let origin = site_origin(&state, &headers);
    let (bytes, name) =
        certificates::pdf(&state, &Actor::from(&who.user), id, ctx.locale, &origin).await?;
    Ok(crate::api::certificates::pdf_response(bytes, &name))
}

#[derive(Template)]
#[template(path = "certificates/verify.html")]
struct VerifyPage {
    ctx: Page,
    code: String,
    found: Option<Verification>,
}

/// Public: anyone holding the code (or scanning the QR) confirms the certificate.
pub async fn verify(
    State(state): State<AppState>,
    ctx: Page,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let found = match certificates::verify(&state, &code).await {
        Ok(v) => Some(v),
        Err(AppError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    // The code is echoed only as typed characters of a code (nothing else to reflect).
    let code: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(64)
        .collect();
    page::render(status, &VerifyPage { ctx, code, found })
}
