//! The signed-in user's own profile: `PUT /api/profile`, `POST /api/profile/avatar`, and
//! the avatar files under `/media/avatars/`.

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::UserResponse;
use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path};
use crate::auth::extract::CurrentUser;
use crate::domain::policy::Actor;
use crate::domain::user::{AVATAR_MAX_BYTES, ProfileForm};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::services::profile;
use crate::state::AppState;

/// `PUT /api/profile` (signed in): firstName, lastName, phone of oneself.
#[utoipa::path(put, path = "/profile", tag = "profile",
    summary = "Change one's names and phone",
    description = "Absent fields stay as they are. Email, role and status are the super admin's: sending them is refused.",
    security(("bearer" = [])),
    request_body = ProfileForm,
    responses(
        (status = 200, description = "Changed", body = UserResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    who: CurrentUser,
    Json(form): Json<ProfileForm>,
) -> Result<Json<UserResponse>, AppError> {
    let changes = form.parse()?;
    let user = profile::update(&state, &Actor::from(&who.0.user), changes).await?;
    Ok(Json(UserResponse { user }))
}

/// The image: the `avatar` (or `file`) field of a multipart form, or the raw body.
async fn image_body(state: &AppState, request: Request) -> Result<Bytes, AppError> {
    let multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        return Bytes::from_request(request, state)
            .await
            .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()));
    }
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()))?
    {
        if matches!(field.name(), Some("avatar" | "file")) {
            return field
                .bytes()
                .await
                .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()));
        }
    }
    let mut errors = FieldErrors::default();
    errors.add("avatar", "is required");
    Err(errors.into())
}

/// The multipart form of an avatar upload.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documents the form; the handler reads the field itself
pub struct AvatarFile {
    /// A JPEG, PNG or WebP image of at most 2 MB (`file` is accepted too).
    #[schema(value_type = String, format = Binary)]
    avatar: Vec<u8>,
}

/// `POST /api/profile/avatar` (signed in): a JPEG, PNG or WebP image of at most 2 MB.
#[utoipa::path(post, path = "/profile/avatar", tag = "profile",
    summary = "Upload one's avatar",
    description = "The image type is judged by its bytes, not by its name or declared type. Send the `avatar` field of a multipart form, or the image as the body.",
    security(("bearer" = [])),
    request_body(content(
        (AvatarFile = "multipart/form-data"),
        (String = "image/png"),
        (String = "image/jpeg"),
        (String = "image/webp"),
    )),
    responses(
        (status = 200, description = "Stored; the user with the avatar's address", body = UserResponse),
        (status = 400, description = "A malformed multipart body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 413, description = "Larger than 2 MB; nothing is stored", body = ErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP image; nothing is stored", body = ErrorBody),
        (status = 422, description = "A multipart form without its avatar field", body = ErrorBody),
    ))]
pub async fn upload_avatar(
    State(state): State<AppState>,
    who: CurrentUser,
    request: Request,
) -> Result<Json<UserResponse>, AppError> {
    let bytes = image_body(&state, request).await?;
    let user = profile::set_avatar(&state, &Actor::from(&who.0.user), &bytes).await?;
    Ok(Json(UserResponse { user }))
}

/// The body limit of the avatar route: the image plus room for multipart headers. Anything
/// larger is refused with 413 before it is read.
pub const AVATAR_BODY_LIMIT: usize = AVATAR_MAX_BYTES + 64 * 1024;

/// One's own profile under `/api`, with its document entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(update))
        .routes(routes!(upload_avatar).layer(DefaultBodyLimit::max(AVATAR_BODY_LIMIT)))
}

/// Routes outside `/api` that serve uploaded media.
pub fn media_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(avatar))
}

/// `GET /media/avatars/{file}` (anyone with the link: names are unguessable).
#[utoipa::path(get, path = "/media/avatars/{file}", tag = "profile",
    summary = "An avatar image",
    params(("file" = String, Path, description = "The file name from a user's `avatar` address")),
    responses(
        (status = 200, description = "The image", content_type = "image/png"),
        (status = 404, description = "No such avatar", body = ErrorBody),
    ))]
pub async fn avatar(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let (bytes, mime) = profile::avatar_file(&state, &file).await?;
    Ok((
        [
            (CONTENT_TYPE, mime),
            // A file name is never reused: a new avatar gets a new name.
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        bytes,
    ))
}
