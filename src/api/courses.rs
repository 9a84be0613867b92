//! Courses: the catalogue (anyone), a course's page (anyone, when published) and its
//! trainer's changes: `/api/courses...`, `/api/categories`, `/media/thumbnails/{file}`.

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::{CurrentUser, MaybeUser};
use crate::config::UploadsConfig;
use crate::domain::course::{
    CatalogueFilter, CatalogueParams, CatalogueSort, Course, CourseCard, CourseForm,
};
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::courses;
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router(uploads: &UploadsConfig) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(catalogue, create))
        .routes(routes!(categories))
        .routes(routes!(show, update, delete))
        .routes(routes!(publish))
        .routes(routes!(unpublish))
        .routes(routes!(upload_thumbnail).layer(DefaultBodyLimit::max(
            uploads.thumbnail_max_bytes + super::MULTIPART_ROOM,
        )))
}

/// Routes outside `/api` that serve course covers.
pub fn media_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(thumbnail))
}

/// `{"course": ...}`
#[derive(Serialize, utoipa::ToSchema)]
pub struct CourseResponse {
    pub course: Course,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CourseList {
    courses: Vec<CourseCard>,
    pagination: Pagination,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CategoryList {
    categories: Vec<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct CatalogueQuery {
    #[param(minimum = 0)]
    page: Option<i64>,
    /// 20 by default, at most 100.
    #[param(minimum = 0)]
    limit: Option<i64>,
    /// Words to find (each as part of a word, any case) in the title, short description or
    /// description; `%` and `_` are ordinary characters.
    search: Option<String>,
    category: Option<String>,
    /// beginner, intermediate or advanced.
    #[param(pattern = r"^\s*(beginner|intermediate|advanced)?\s*$")]
    level: Option<String>,
    /// Comma-separated: courses with every one of these tags.
    tags: Option<String>,
    featured: Option<bool>,
    /// A decimal string, as prices are written.
    #[param(pattern = r"^\s*([0-9]{1,8}(\.[0-9]{1,2})?)?\s*$")]
    min_price: Option<String>,
    #[param(pattern = r"^\s*([0-9]{1,8}(\.[0-9]{1,2})?)?\s*$")]
    max_price: Option<String>,
    /// Courses of this trainer.
    trainer_id: Option<Uuid>,
    /// newest (default), title, price, rating or popularity; `-` first turns it around.
    #[param(pattern = r"^\s*(-?(newest|title|price|rating|popularity))?\s*$")]
    sort: Option<String>,
    /// The caller's own courses, published or not (trainers and super admins).
    mine: Option<bool>,
}

/// `GET /api/courses`: the catalogue.
#[utoipa::path(get, path = "/courses", tag = "courses",
    summary = "The course catalogue",
    security((), ("bearer" = [])),
    description = "Visitors and trainees see published courses; `mine=true` gives a signed-in caller their own courses, published or not; super admins see every course. One page is one query plus a count.",
    params(CatalogueQuery),
    responses(
        (status = 200, description = "One page of course cards", body = CourseList),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 422, description = "Unknown level or sort, bad price, negative page", body = ErrorBody),
    ))]
pub async fn catalogue(
    State(state): State<AppState>,
    who: MaybeUser,
    Query(q): Query<CatalogueQuery>,
) -> Result<Json<CourseList>, AppError> {
    let params = CatalogueParams {
        search: q.search.as_deref(),
        category: q.category.as_deref(),
        level: q.level.as_deref(),
        tags: q.tags.as_deref(),
        featured: q.featured,
        min_price: q.min_price.as_deref(),
        max_price: q.max_price.as_deref(),
        trainer_id: q.trainer_id,
    };
    let (filter, sort, page) = courses::catalogue_errors(
        CatalogueFilter::parse(&params),
        CatalogueSort::parse(q.sort.as_deref()),
        PageRequest::from_query(q.page, q.limit),
    )?;
    let actor = who.actor();
    let page = courses::catalogue(
        &state,
        actor.as_ref(),
        q.mine.unwrap_or(false),
        &filter,
        sort,
        page,
    )
    .await?;
    Ok(Json(CourseList {
        courses: page.items.clone(),
        pagination: page.pagination,
    }))
}

/// `GET /api/categories`
#[utoipa::path(get, path = "/categories", tag = "courses",
    summary = "The categories in use",
    security((), ("bearer" = [])),
    description = "The categories of the courses the caller can see in the catalogue, each once, in order.",
    responses(
        (status = 200, description = "The categories", body = CategoryList),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
    ))]
pub async fn categories(
    State(state): State<AppState>,
    who: MaybeUser,
) -> Result<Json<CategoryList>, AppError> {
    let categories = courses::categories(&state, who.actor().as_ref()).await?;
    Ok(Json(CategoryList {
        categories: categories.to_vec(),
    }))
}

/// `POST /api/courses` (trainers and super admins)
#[utoipa::path(post, path = "/courses", tag = "courses",
    summary = "Create a course",
    description = "The caller becomes the course's trainer (a super admin may name another active trainer with `trainerId`). The course starts unpublished.",
    security(("bearer" = [])),
    request_body = CourseForm,
    responses(
        (status = 201, description = "Created", body = CourseResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A trainee, or a trainer featuring or giving away", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    who: CurrentUser,
    Json(form): Json<CourseForm>,
) -> Result<(StatusCode, Json<CourseResponse>), AppError> {
    let course = courses::create(&state, &actor(&who), &form).await?;
    Ok((StatusCode::CREATED, Json(CourseResponse { course })))
}

/// `GET /api/courses/{id}`
#[utoipa::path(get, path = "/courses/{id}", tag = "courses",
    summary = "A course",
    security((), ("bearer" = [])),
    description = "A published course is public; an unpublished one is 404 to all but its trainer and super admins.",
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The course", body = CourseResponse),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No such course, or not published", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseResponse>, AppError> {
    let course = courses::show(&state, who.actor().as_ref(), id).await?;
    Ok(Json(CourseResponse { course }))
}

/// `PUT /api/courses/{id}` (its trainer, super admins)
#[utoipa::path(put, path = "/courses/{id}", tag = "courses",
    summary = "Change a course",
    description = "Absent fields stay; `null` clears an optional one. `isFeatured` and `trainerId` are the super admin's.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = CourseForm,
    responses(
        (status = 200, description = "Changed", body = CourseResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer, or featuring without being a super admin", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<CourseForm>,
) -> Result<Json<CourseResponse>, AppError> {
    let course = courses::update(&state, &actor(&who), id, &form).await?;
    Ok(Json(CourseResponse { course }))
}

/// `DELETE /api/courses/{id}` (its trainer, super admins)
#[utoipa::path(delete, path = "/courses/{id}", tag = "courses",
    summary = "Delete a course",
    description = "Only a course nobody is enrolled in (409 otherwise: unpublish it instead). Its sections, contents, questions and files go with it.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 409, description = "Trainees are enrolled", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    courses::delete(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/courses/{id}/publish`
#[utoipa::path(post, path = "/courses/{id}/publish", tag = "courses",
    summary = "Publish a course",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "Published", body = CourseResponse),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
    ))]
pub async fn publish(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseResponse>, AppError> {
    let course = courses::set_published(&state, &actor(&who), id, true).await?;
    Ok(Json(CourseResponse { course }))
}

/// `POST /api/courses/{id}/unpublish`
#[utoipa::path(post, path = "/courses/{id}/unpublish", tag = "courses",
    summary = "Unpublish a course",
    description = "The course leaves the catalogue; its enrolments stay.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "Unpublished", body = CourseResponse),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
    ))]
pub async fn unpublish(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<CourseResponse>, AppError> {
    let course = courses::set_published(&state, &actor(&who), id, false).await?;
    Ok(Json(CourseResponse { course }))
}

/// `POST /api/courses/{id}/thumbnail`
#[utoipa::path(post, path = "/courses/{id}/thumbnail", tag = "courses",
    summary = "Upload a course's cover",
    description = "A JPEG, PNG or WebP image (judged by its bytes) in the `thumbnail` field of a multipart form, or as the body. At most `uploads.thumbnail_max_bytes` (5 MiB by default) and 4096 × 4096 pixels; stored re-encoded as a PNG of at most 1280 × 1280 pixels without metadata.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content(
        (String = "image/png"),
        (String = "image/jpeg"),
        (String = "image/webp"),
    )),
    responses(
        (status = 200, description = "Stored; the course with the cover's address", body = CourseResponse),
        (status = 400, description = "A malformed id; a malformed multipart body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 413, description = "Larger than the limit; nothing is stored", body = ErrorBody),
        (status = 415, description = "Not a JPEG, PNG or WebP image; nothing is stored", body = ErrorBody),
        (status = 422, description = "Too many pixels, or undecodable; nothing is stored", body = ErrorBody),
    ))]
pub async fn upload_thumbnail(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<Json<CourseResponse>, AppError> {
    let bytes = super::profile::small_upload_body(&state, request, "thumbnail").await?;
    let course = courses::set_thumbnail(&state, &actor(&who), id, bytes).await?;
    Ok(Json(CourseResponse { course }))
}

/// `GET /media/thumbnails/{file}`
#[utoipa::path(get, path = "/media/thumbnails/{file}", tag = "courses",
    summary = "A course's cover",
    security((), ("bearer" = [])),
    description = "Public for a published course; for an unpublished one, only its trainer and super admins (bearer token or the pages' session).",
    params(("file" = String, Path, description = "The file name from a course's `thumbnail` address")),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The picture", content_type = "image/png"),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No such cover, or its course is hidden", body = ErrorBody),
    ))]
pub async fn thumbnail(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let stored = courses::thumbnail_file(&state, who.actor().as_ref(), &file).await?;
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static("image/png")),
            (CONTENT_LENGTH, HeaderValue::from(stored.size)),
            // An unpublished course's cover must not be kept by shared caches.
            (
                CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            ),
        ],
        Body::from_stream(stored.body),
    ))
}
