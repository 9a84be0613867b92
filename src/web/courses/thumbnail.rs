//! `POST /teach/courses/{id}/cover`: a course's cover picture, from the editor's upload
//! form (`multipart/form-data`, the picture as `thumbnail`). With JavaScript the form
//! shows a progress bar while it uploads (`assets/js/dialog.js`); without, it is a plain
//! form. Any refusal is shown on the editor as the field's error.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use uuid::Uuid;

use super::editor::{self, EditState};
use crate::error::AppError;
use crate::services::courses;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::Path;
use crate::web::page::Page;
use crate::web::session::PageUser;
use crate::web::upload::{self, Upload};

/// `POST /teach/courses/{id}/cover` (the course's trainer and super admins): a JPEG, PNG
/// or WebP picture within `uploads.thumbnail_max_bytes`.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    // Refused before the file is read.
    let course = courses::for_editor(&state, &actor, id).await?;
    let max = state.config.uploads.thumbnail_max_bytes;
    let too_large =
        |ctx: &Page| ctx.t1("error-cover-too-large", "size", upload::megabytes(ctx, max));
    let (status, message) = match upload::read_file(&state, request, "thumbnail", max).await? {
        Upload::Missing => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ctx.t("error-cover-required"),
        ),
        Upload::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, too_large(&ctx)),
        Upload::File(bytes) => match courses::set_thumbnail(&state, &actor, id, bytes).await {
            Ok(course) => {
                return Ok(flash::redirect_with(
                    &super::editor_path(course.id),
                    Flash::CoverUpdated,
                    ctx.secure,
                ));
            }
            Err(AppError::Validation(fields)) => {
                let messages = fields.get("thumbnail").unwrap_or_default();
                let text = messages.first().map(|m| ctx.locale.field_error(m));
                (StatusCode::UNPROCESSABLE_ENTITY, text.unwrap_or_default())
            }
            Err(AppError::PayloadTooLarge) => (StatusCode::PAYLOAD_TOO_LARGE, too_large(&ctx)),
            Err(AppError::UnsupportedMediaType(_)) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ctx.t("error-cover-type"),
            ),
            Err(other) => return Err(other.into()),
        },
    };
    let mut edit = EditState::of(&course);
    edit.errors.add("thumbnail", message);
    editor::render(&state, status, ctx, &course, edit)
}

/// `GET /teach/courses/{id}/cover`: the upload's address opened again (reloaded after a
/// refused file): the editor, where the upload form is.
pub async fn back(Path(id): Path<Uuid>) -> Redirect {
    Redirect::to(&super::editor_path(id))
}
