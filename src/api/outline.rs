//! A course's outline: `/api/courses/{id}/outline`, its sections and its contents.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path};
use crate::auth::extract::{CurrentUser, MaybeUser};
use crate::domain::content::{
    Content, ContentForm, OrderForm, OutlineSection, Section, SectionForm,
};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::outline;
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_outline))
        .routes(routes!(list_sections, create_section))
        .routes(routes!(order_sections))
        .routes(routes!(update_section, delete_section))
        .routes(routes!(list_contents, create_content))
        .routes(routes!(order_contents))
        .routes(routes!(show_content, update_content, delete_content))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OutlineResponse {
    /// Shared with the outline cache: serialised without a copy.
    #[schema(value_type = Vec<OutlineSection>)]
    outline: std::sync::Arc<Vec<OutlineSection>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SectionResponse {
    section: Section,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SectionList {
    sections: Vec<Section>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ContentResponse {
    content: Content,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ContentList {
    contents: Vec<Content>,
}

/// `GET /api/courses/{id}/outline`
#[utoipa::path(get, path = "/courses/{id}/outline", tag = "outline",
    summary = "A course's outline",
    description = "The learner's tree: published sections in order with their published contents (id, title, type, duration, required, points), then the published contents of no section. No answers, no drafts.",
    security((), ("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The tree", body = OutlineResponse),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No such course, or not published", body = ErrorBody),
    ))]
pub async fn show_outline(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<OutlineResponse>, AppError> {
    let outline = outline::outline(&state, who.actor().as_ref(), id).await?;
    Ok(Json(OutlineResponse { outline }))
}

/// `GET /api/courses/{id}/sections`
#[utoipa::path(get, path = "/courses/{id}/sections", tag = "outline",
    summary = "A course's sections",
    description = "Every section for the course's trainer and super admins; the published ones for others.",
    security((), ("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The sections in order", body = SectionList),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No such course, or not published", body = ErrorBody),
    ))]
pub async fn list_sections(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SectionList>, AppError> {
    let sections = outline::sections(&state, who.actor().as_ref(), id).await?;
    Ok(Json(SectionList { sections }))
}

/// `POST /api/courses/{id}/sections`
#[utoipa::path(post, path = "/courses/{id}/sections", tag = "outline",
    summary = "Add a section",
    description = "At the end of the course.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = SectionForm,
    responses(
        (status = 201, description = "Created", body = SectionResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
pub async fn create_section(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<SectionForm>,
) -> Result<(StatusCode, Json<SectionResponse>), AppError> {
    let section = outline::create_section(&state, &actor(&who), id, &form).await?;
    Ok((StatusCode::CREATED, Json(SectionResponse { section })))
}

/// `PUT /api/courses/{id}/sections/order`
#[utoipa::path(put, path = "/courses/{id}/sections/order", tag = "outline",
    summary = "Order a course's sections",
    description = "`ids` is every section of the course, each once, in the new order (422 otherwise). One transaction.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = OrderForm,
    responses(
        (status = 200, description = "The sections in their new order", body = SectionList),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Not exactly the course's sections", body = ErrorBody),
    ))]
pub async fn order_sections(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<OrderForm>,
) -> Result<Json<SectionList>, AppError> {
    let sections = outline::order_sections(&state, &actor(&who), id, &form).await?;
    Ok(Json(SectionList { sections }))
}

/// `PUT /api/sections/{id}`
#[utoipa::path(put, path = "/sections/{id}", tag = "outline",
    summary = "Change a section",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = SectionForm,
    responses(
        (status = 200, description = "Changed", body = SectionResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such section (or its course is hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
pub async fn update_section(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<SectionForm>,
) -> Result<Json<SectionResponse>, AppError> {
    let section = outline::update_section(&state, &actor(&who), id, &form).await?;
    Ok(Json(SectionResponse { section }))
}

/// `DELETE /api/sections/{id}`
#[utoipa::path(delete, path = "/sections/{id}", tag = "outline",
    summary = "Delete a section",
    description = "Its contents are kept: they move to \"no section\", after the contents already there, in their order.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such section (or its course is hidden)", body = ErrorBody),
    ))]
pub async fn delete_section(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    outline::delete_section(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/courses/{id}/contents`
#[utoipa::path(get, path = "/courses/{id}/contents", tag = "outline",
    summary = "A course's contents",
    description = "Every content for the course's trainer and super admins; the published ones (in published sections) for its enrolled trainees; 403 for others.",
    security((), ("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The contents by section and order", body = ContentList),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 403, description = "Not enrolled in the course", body = ErrorBody),
        (status = 404, description = "No such course, or not published", body = ErrorBody),
    ))]
pub async fn list_contents(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ContentList>, AppError> {
    let contents = outline::contents(&state, who.actor().as_ref(), id).await?;
    Ok(Json(ContentList { contents }))
}

/// `POST /api/courses/{id}/contents`
#[utoipa::path(post, path = "/courses/{id}/contents", tag = "outline",
    summary = "Add a content",
    description = "At the end of its section (or of no section). Documents, images and videos get their file with `PUT /api/contents/{id}/file`.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ContentForm,
    responses(
        (status = 201, description = "Created", body = ContentResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
pub async fn create_content(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<ContentForm>,
) -> Result<(StatusCode, Json<ContentResponse>), AppError> {
    let content = outline::create_content(&state, &actor(&who), id, &form).await?;
    Ok((StatusCode::CREATED, Json(ContentResponse { content })))
}

/// `PUT /api/courses/{id}/contents/order`
#[utoipa::path(put, path = "/courses/{id}/contents/order", tag = "outline",
    summary = "Order contents, and move them between sections",
    description = "`ids` become the contents of `sectionId` (absent or null: no section) in that order: every content the section holds must be listed; contents listed from other sections move in. One transaction; 422 when the list is not that.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = OrderForm,
    responses(
        (status = 200, description = "All the course's contents, in their new order", body = ContentList),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Not a valid list for the section", body = ErrorBody),
    ))]
pub async fn order_contents(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<OrderForm>,
) -> Result<Json<ContentList>, AppError> {
    let contents = outline::order_contents(&state, &actor(&who), id, &form).await?;
    Ok(Json(ContentList { contents }))
}

/// `GET /api/contents/{id}`
#[utoipa::path(get, path = "/contents/{id}", tag = "outline",
    summary = "A content",
    description = "For the course's trainer and super admins; for its enrolled trainees when published.",
    security((), ("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 200, description = "The content", body = ContentResponse),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 403, description = "Not enrolled in the course", body = ErrorBody),
        (status = 404, description = "No such content, or not published", body = ErrorBody),
    ))]
pub async fn show_content(
    State(state): State<AppState>,
    who: MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ContentResponse>, AppError> {
    let content = outline::content(&state, who.actor().as_ref(), id).await?;
    Ok(Json(ContentResponse { content }))
}

/// `PUT /api/contents/{id}`
#[utoipa::path(put, path = "/contents/{id}", tag = "outline",
    summary = "Change a content",
    description = "Absent fields stay; the type cannot change. A new `sectionId` moves the content to that section's end.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ContentForm,
    responses(
        (status = 200, description = "Changed", body = ContentResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such content (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields, every one listed", body = ErrorBody),
    ))]
pub async fn update_content(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<ContentForm>,
) -> Result<Json<ContentResponse>, AppError> {
    let content = outline::update_content(&state, &actor(&who), id, &form).await?;
    Ok(Json(ContentResponse { content }))
}

/// `DELETE /api/contents/{id}`
#[utoipa::path(delete, path = "/contents/{id}", tag = "outline",
    summary = "Delete a content",
    description = "With its questions and its file.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such content (or hidden)", body = ErrorBody),
    ))]
pub async fn delete_content(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    outline::delete_content(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
