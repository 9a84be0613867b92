//! User management (super admin only): `/api/users...`.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::domain::user::{Role, User, UserChangesForm, UserFilter, UserForm, UserSort};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::services::user_imports::{self, ImportReport};
use crate::services::users;
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    page: Option<u64>,
    limit: Option<u64>,
    search: Option<String>,
    role: Option<String>,
    is_active: Option<bool>,
    sort: Option<String>,
}

#[derive(Serialize)]
pub struct UserList {
    users: Vec<User>,
    pagination: Pagination,
}

/// `GET /api/users` (super admin): search (name, email), filters (role, isActive), sort,
/// pagination.
pub async fn list(
    State(state): State<AppState>,
    who: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<UserList>, AppError> {
    let sort = UserSort::parse(q.sort.as_deref())?;
    let role = match q.role.as_deref().filter(|r| !r.is_empty()) {
        None => None,
        Some(raw) => Some(Role::parse(raw).ok_or_else(|| {
            AppError::field("role", "must be one of super_admin, trainer, trainee")
        })?),
    };
    let filter = UserFilter {
        search: q.search,
        role,
        is_active: q.is_active,
    };
    let page = users::list(
        &state,
        &actor(&who),
        &filter,
        sort,
        PageRequest::new(q.page, q.limit),
    )
    .await?;
    Ok(Json(UserList {
        users: page.items,
        pagination: page.pagination,
    }))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedResponse {
    user: User,
    #[serde(skip_serializing_if = "Option::is_none")]
    temporary_password: Option<String>,
}

/// `POST /api/users` (super admin): 201 with the account, and its temporary password once
/// when none was given.
pub async fn create(
    State(state): State<AppState>,
    who: CurrentUser,
    Json(form): Json<UserForm>,
) -> Result<(StatusCode, Json<CreatedResponse>), AppError> {
    let created = users::create(&state, &actor(&who), &form).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedResponse {
            user: created.user,
            temporary_password: created.temporary_password,
        }),
    ))
}

#[derive(Serialize)]
pub struct UserResponse {
    user: User,
}

/// `GET /api/users/{id}` (super admin).
pub async fn show(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<UserResponse>, AppError> {
    let user = users::show(&state, &actor(&who), id).await?;
    Ok(Json(UserResponse { user }))
}

/// `PUT /api/users/{id}` (super admin): names, email, role, phone, isActive (deactivate or
/// reactivate).
pub async fn update(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<UserChangesForm>,
) -> Result<Json<UserResponse>, AppError> {
    let user = users::update_form(&state, &actor(&who), id, &form).await?;
    Ok(Json(UserResponse { user }))
}

/// `DELETE /api/users/{id}` (super admin): 204, or 409 when records refer to the user.
pub async fn delete(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    users::delete(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetResponse {
    temporary_password: String,
}

/// `POST /api/users/{id}/reset-password` (super admin): a temporary password, once.
pub async fn reset_password(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ResetResponse>, AppError> {
    let temporary_password = users::reset_password(&state, &actor(&who), id).await?;
    Ok(Json(ResetResponse { temporary_password }))
}

/// The CSV of an import: a `text/csv` body, or the `file` field of a multipart form.
async fn csv_body(state: &AppState, request: Request) -> Result<Bytes, AppError> {
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let mut form = Multipart::from_request(request, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?
        {
            if field.name() == Some("file") {
                return field.bytes().await.map_err(|e| {
                    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        AppError::PayloadTooLarge
                    } else {
                        AppError::BadRequest(e.body_text())
                    }
                });
            }
        }
        let mut errors = FieldErrors::default();
        errors.add("file", "is required");
        return Err(errors.into());
    }
    if content_type.starts_with("text/csv") || content_type.starts_with("text/plain") {
        return Bytes::from_request(request, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest(e.body_text())
            }
        });
    }
    Err(AppError::UnsupportedMediaType(
        "Send the CSV as text/csv, or as the file field of multipart/form-data.".to_owned(),
    ))
}

/// `POST /api/users/import` (super admin): a report of created and rejected lines.
pub async fn import(
    State(state): State<AppState>,
    who: CurrentUser,
    request: Request,
) -> Result<Json<ImportReport>, AppError> {
    // Check the role before reading a possibly large body.
    crate::domain::policy::users(&actor(&who), crate::domain::policy::UserAction::Import)?;
    let bytes = csv_body(&state, request).await?;
    let report = user_imports::import(&state, &actor(&who), &bytes).await?;
    Ok(Json(report))
}

/// `GET /api/users/export` (super admin): every account as CSV.
pub async fn export(
    State(state): State<AppState>,
    who: CurrentUser,
) -> Result<impl IntoResponse, AppError> {
    let csv = user_imports::export(&state, &actor(&who)).await?;
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        "text/csv; charset=utf-8"
            .parse()
            .map_err(anyhow::Error::from)?,
    );
    headers.insert(
        CONTENT_DISPOSITION,
        "attachment; filename=\"courseworx-users.csv\""
            .parse()
            .map_err(anyhow::Error::from)?,
    );
    Ok((headers, csv))
}
