//! The signed-in user's own profile: `PUT /api/profile`, `POST /api/profile/avatar`, and
//! the avatar files under `/media/avatars/`.

use axum::body::{Body, Bytes};
use axum::extract::DefaultBodyLimit;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::IntoResponse;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::UserResponse;
use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path};
use crate::auth::extract::CurrentUser;
use crate::config::UploadsConfig;
use crate::domain::policy::Actor;
use crate::domain::user::ProfileForm;
use crate::domain::validation::FieldError;
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

/// A small upload read whole (an image, a captions track): the `field` (or `file`) field of
/// a multipart form, or the raw body. The route's body limit bounds it.
pub(crate) async fn small_upload_body(
    state: &AppState,
    request: Request,
    name: &str,
) -> Result<Bytes, AppError> {
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
        if field.name().is_some_and(|n| n == name || n == "file") {
            return field
                .bytes()
                .await
                .map_err(|e| AppError::unreadable_body(e.status(), e.body_text()));
        }
    }
    Err(AppError::field(name, FieldError::Required))
}

/// The multipart form of an avatar upload.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documents the form; the handler reads the field itself
pub struct AvatarFile {
    /// A JPEG, PNG or WebP image of at most `uploads.avatar_max_bytes` (2 MiB by default)
    /// and 4096 × 4096 pixels (`file` is accepted too).
    #[schema(value_type = String, format = Binary)]
    avatar: Vec<u8>,
}

/// `POST /api/profile/avatar` (signed in): a JPEG, PNG or WebP image within the limits.
#[utoipa::path(post, path = "/profile/avatar", tag = "profile",
    summary = "Upload one's avatar",
    description = "The image type is judged by its bytes, not by its name or declared type. Send the `avatar` field of a multipart form, or the image as the body. At most `uploads.avatar_max_bytes` (2 MiB by default) and 4096 × 4096 pixels. The image is stored re-encoded as a PNG of at most 512 × 512 pixels, without its metadata; the previous avatar is removed.",
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
        (status = 413, description = "Larger than the upload limit; nothing is stored", body = ErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP image; nothing is stored", body = ErrorBody),
        (status = 422, description = "A multipart form without its avatar field, an image of more than 4096 × 4096 pixels, or one that cannot be decoded; nothing is stored", body = ErrorBody),
    ))]
pub async fn upload_avatar(
    State(state): State<AppState>,
    who: CurrentUser,
    request: Request,
) -> Result<Json<UserResponse>, AppError> {
    let bytes = small_upload_body(&state, request, "avatar").await?;
    let user = profile::set_avatar(&state, &Actor::from(&who.0.user), bytes).await?;
    Ok(Json(UserResponse { user }))
}

/// One's own profile under `/api`, with its document entries; the avatar's body limit is
/// `uploads.avatar_max_bytes` and room for the multipart envelope.
pub fn router(uploads: &UploadsConfig) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(update))
        .routes(routes!(upload_avatar).layer(DefaultBodyLimit::max(
            uploads.avatar_max_bytes + super::MULTIPART_ROOM,
        )))
}

/// Routes outside `/api` that serve uploaded media.
pub fn media_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(avatar))
}

/// `GET /media/avatars/{file}` (anyone with the link: names are unguessable), while the
/// owner's row names the file.
#[utoipa::path(get, path = "/media/avatars/{file}", tag = "profile",
    summary = "An avatar image",
    params(("file" = String, Path, description = "The file name from a user's `avatar` address")),
    responses(
        (status = 200, description = "The image", content_type = "image/png"),
        (status = 404, description = "No such avatar, or its owner no longer uses it", body = ErrorBody),
    ))]
pub async fn avatar(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let (file, mime) = profile::avatar_file(&state, &file).await?;
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static(mime)),
            (CONTENT_LENGTH, HeaderValue::from(file.size)),
            // A name is never reused, but a replaced or deleted user's avatar must stop
            // being shown: browsers keep it an hour, shared caches not at all.
            (
                CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            ),
        ],
        Body::from_stream(file.body),
    ))
}
