//! `GET/POST /teach/assignments/{id}/delete`: the confirmation, and deleting, refused
//! while work handed in for it is kept (409, said on the confirmation). The course's
//! trainer's and super admins'.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use super::{actor, teach_list_path};
use crate::domain::assignment::Assignment;
use crate::domain::course::Course;
use crate::error::AppError;
use crate::services::assignments;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::Path;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

#[derive(Template)]
#[template(path = "assignments/teach_delete.html")]
struct DeletePage {
    ctx: Page,
    course: Course,
    assignment: Assignment,
    refused: bool,
}

async fn render_delete(
    state: &AppState,
    ctx: Page,
    who: &crate::services::auth::Authenticated,
    id: Uuid,
    refused: bool,
) -> Result<Response, PageError> {
    let actor = actor(who);
    let assignment = assignments::show_to_teach(state, &actor, id).await?;
    let course = assignments::course_to_teach(state, &actor, assignment.course_id).await?;
    let status = if refused {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    page::render(
        status,
        &DeletePage {
            ctx,
            course,
            assignment,
            refused,
        },
    )
}

/// `GET /teach/assignments/{id}/delete` (the course's trainer, super admins): the
/// confirmation.
pub async fn confirm_delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    render_delete(&state, ctx, &who, id, false).await
}

/// `POST /teach/assignments/{id}/delete` (the course's trainer, super admins): deletes it,
/// unless work was handed in for it (409, said on the confirmation).
pub async fn delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let assignment = assignments::show_to_teach(&state, &actor, id).await?;
    match assignments::delete(&state, &actor, id).await {
        Ok(()) => Ok(flash::redirect_with(
            &teach_list_path(assignment.course_id),
            Flash::AssignmentDeleted,
            ctx.secure,
        )),
        Err(AppError::Conflict(_)) => render_delete(&state, ctx, &who, id, true).await,
        Err(other) => Err(other.into()),
    }
}
