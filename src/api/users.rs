//! User management (super admin only): `/api/users...`.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::UserResponse;
use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::config::UploadsConfig;
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::domain::user::{Role, User, UserChangesForm, UserFilter, UserForm, UserSort};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::services::user_imports::{self, ImportReport};
use crate::services::users;
use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use utoipa_axum::router::UtoipaMethodRouterExt;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// From 1 (0 reads as 1; a page past the last is empty).
    #[param(minimum = 0)]
    page: Option<i64>,
    /// 20 by default; at most 100 (0 reads as 1, larger values are capped at 100).
    #[param(minimum = 0)]
    limit: Option<i64>,
    /// Part of a first name, last name or email.
    search: Option<String>,
    /// `super_admin`, `trainer` or `trainee`; empty for any.
    #[param(pattern = "^(super_admin|trainer|trainee)?$")]
    role: Option<String>,
    is_active: Option<bool>,
    /// A column, `-` first for descending: createdAt, firstName, lastName, email, role,
    /// lastLogin (default `-createdAt`).
    #[param(
        pattern = r"^[\s\x85]*(-?(createdAt|firstName|lastName|email|role|lastLogin))?[\s\x85]*$"
    )]
    sort: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct UserList {
    users: Vec<User>,
    pagination: Pagination,
}

/// `GET /api/users` (super admin): search (name, email), filters (role, isActive), sort,
/// pagination.
#[utoipa::path(get, path = "/users", tag = "users",
    summary = "List accounts",
    security(("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "One page of accounts", body = UserList),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, or a password change is required first", body = ErrorBody),
        (status = 422, description = "Unknown role or sort column", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    who: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<UserList>, AppError> {
    // Every bad parameter in one 422.
    let mut errors = FieldErrors::default();
    let sort = UserSort::parse(q.sort.as_deref())
        .map_err(|e| errors.merge(e))
        .ok();
    let role = match q.role.as_deref().filter(|r| !r.is_empty()) {
        None => None,
        Some(raw) => {
            let role = Role::parse(raw);
            if role.is_none() {
                errors.add("role", FieldError::Role);
            }
            role
        }
    };
    let page = PageRequest::from_query(q.page, q.limit)
        .map_err(|e| errors.merge(e))
        .ok();
    let (Some(sort), Some(page)) = (sort, page) else {
        return Err(errors.into());
    };
    errors.finish(())?;
    let filter = UserFilter {
        search: q.search,
        role,
        is_active: q.is_active,
    };
    let page = users::list(&state, &actor(&who), &filter, sort, page).await?;
    Ok(Json(UserList {
        users: page.items,
        pagination: page.pagination,
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedResponse {
    user: User,
    /// Only when no password was given: shown this once, never stored in clear.
    #[serde(skip_serializing_if = "Option::is_none")]
    temporary_password: Option<String>,
}

/// `POST /api/users` (super admin): 201 with the account, and its temporary password once
/// when none was given.
#[utoipa::path(post, path = "/users", tag = "users",
    summary = "Create an account",
    security(("bearer" = [])),
    request_body = UserForm,
    responses(
        (status = 201, description = "Created", body = CreatedResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, or a password change is required first", body = ErrorBody),
        (status = 409, description = "The email is taken", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
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

/// `GET /api/users/{id}` (super admin).
#[utoipa::path(get, path = "/users/{id}", tag = "users",
    summary = "One account",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The account", body = UserResponse),
        (status = 400, description = "Malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, or a password change is required first", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ))]
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
#[utoipa::path(put, path = "/users/{id}", tag = "users",
    summary = "Change an account; deactivate or reactivate it",
    description = "Absent fields stay as they are. Nobody changes their own role or deactivates themselves. Deactivation ends the account's sessions at once.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user's id")),
    request_body = UserChangesForm,
    responses(
        (status = 200, description = "Changed", body = UserResponse),
        (status = 400, description = "Malformed JSON or id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, a change to oneself that is not allowed, or a password change is required first", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 409, description = "The email is taken", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
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
#[utoipa::path(delete, path = "/users/{id}", tag = "users",
    summary = "Delete an account that nothing refers to",
    description = "Refused with 409 when the account owns courses or has learning records: deactivate it instead. Nobody deletes themselves.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, oneself, or a password change is required first", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
        (status = 409, description = "Records refer to the account", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    users::delete(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ResetResponse {
    /// Shown this once; the user must change it at the next sign-in.
    temporary_password: String,
}

/// `POST /api/users/{id}/reset-password` (super admin): a temporary password, once.
#[utoipa::path(post, path = "/users/{id}/reset-password", tag = "users",
    summary = "Give an account a new temporary password",
    description = "Ends the account's sessions; the user must change the password at the next sign-in.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The temporary password", body = ResetResponse),
        (status = 400, description = "Malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, or a password change is required first", body = ErrorBody),
        (status = 404, description = "No such account", body = ErrorBody),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ResetResponse>, AppError> {
    let temporary_password = users::reset_password(&state, &actor(&who), id).await?;
    Ok(Json(ResetResponse { temporary_password }))
}

/// The CSV text of an import: a header line, then one account per line.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, pattern = r"^firstName,lastName,email(,role)?(,phone)?\r?\n")]
#[allow(dead_code)] // documents the body; the handler reads the bytes itself
pub struct CsvText(String);

/// The multipart form of an import.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documents the form; the handler reads the field itself
pub struct ImportFile {
    /// The CSV text (the same as a `text/csv` body).
    #[schema(value_type = String, pattern = r"^firstName,lastName,email(,role)?(,phone)?\r?\n")]
    file: Vec<u8>,
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
                return field
                    .bytes()
                    .await
                    .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()));
            }
        }
        return Err(AppError::field("file", FieldError::Required));
    }
    if content_type.starts_with("text/csv") || content_type.starts_with("text/plain") {
        return Bytes::from_request(request, state)
            .await
            .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()));
    }
    Err(AppError::UnsupportedMediaType(
        "Send the CSV as text/csv, or as the file field of multipart/form-data.".to_owned(),
    ))
}

/// `POST /api/users/import` (super admin): a report of created and rejected lines.
#[utoipa::path(post, path = "/users/import", tag = "users",
    summary = "Create accounts from a CSV file",
    description = "Columns firstName,lastName,email,role,phone with a header line; at most 500 lines and `uploads.csv_max_bytes` (2 MiB by default). Each created account gets a temporary password, answered once. Every rejected line is reported with its number and reason.",
    security(("bearer" = [])),
    request_body(content(
        (CsvText = "text/csv"),
        (ImportFile = "multipart/form-data"),
    )),
    responses(
        (status = 200, description = "The report", body = ImportReport),
        (status = 400, description = "Not a CSV of the expected columns", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, or a password change is required first", body = ErrorBody),
        (status = 413, description = "Larger than the upload limit", body = ErrorBody),
        (status = 415, description = "Neither text/csv nor multipart/form-data", body = ErrorBody),
        (status = 422, description = "A multipart form without its file field", body = ErrorBody),
    ))]
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
#[utoipa::path(get, path = "/users/export", tag = "users",
    summary = "Every account as CSV",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The CSV file", body = String, content_type = "text/csv"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a super admin, or a password change is required first", body = ErrorBody),
    ))]
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

/// The super admin's account management, with its document entries; the CSV import's body
/// limit is `uploads.csv_max_bytes` and room for the multipart envelope.
pub fn router(uploads: &UploadsConfig) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(import).layer(DefaultBodyLimit::max(
            uploads.csv_max_bytes + super::MULTIPART_ROOM,
        )))
        .routes(routes!(export))
        .routes(routes!(show, update, delete))
        .routes(routes!(reset_password))
}
