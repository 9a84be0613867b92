//! The confirmed actions on a course: publish, unpublish and delete.
//!
//! The editor shows the publishing checklist beside its Publish button, which posts at
//! once. Unpublish and delete ask first: the editor's link opens a `<dialog>` with the
//! confirmation form (`assets/js/dialog.js`); without JavaScript it leads to the
//! confirmation page `GET /teach/courses/{id}/<action>` (publish has one too, with the
//! checklist). Each form posts to `/teach/courses/{id}/<action>`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use super::editor::{self, CheckItem, EditState, Notice};
use crate::domain::course::Course;
use crate::error::AppError;
use crate::services::courses;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::Path;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Publish,
    Unpublish,
    Delete,
}

/// One confirmation, as the dialog and the confirmation page draw it. `slug` names the
/// route and the ids: `<slug>-open`, `<slug>-dialog`, `<slug>-form`, `<slug>-submit`,
/// `<slug>-cancel`.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub slug: &'static str,
    pub href: String,
    pub title: String,
    pub text: String,
    /// The trigger's and the confirming button's label.
    pub label: String,
    pub danger: bool,
}

pub fn confirm(ctx: &Page, course: &Course, action: Action) -> Confirm {
    let title = ctx.isolate(&course.title);
    let (slug, heading, text, label, danger) = match action {
        Action::Publish => (
            "publish",
            ctx.t1("course-publish-title", "title", &title),
            ctx.t("course-publish-text"),
            ctx.t("course-publish"),
            false,
        ),
        Action::Unpublish => (
            "unpublish",
            ctx.t1("course-unpublish-title", "title", &title),
            ctx.t("course-unpublish-text"),
            ctx.t("course-unpublish"),
            false,
        ),
        Action::Delete => (
            "delete",
            ctx.t1("course-delete-title", "title", &title),
            if course.enrollment_count > 0 {
                ctx.t("course-delete-text-enrolled")
            } else {
                ctx.t("course-delete-text")
            },
            ctx.t("course-delete"),
            true,
        ),
    };
    Confirm {
        slug,
        href: format!("{}/{slug}", super::editor_path(course.id)),
        title: heading,
        text,
        label,
        danger,
    }
}

#[derive(Template)]
#[template(path = "courses/confirm.html")]
struct ConfirmPage {
    ctx: Page,
    course: Course,
    confirm: Confirm,
    /// The publishing checklist (publish only).
    checklist: Vec<CheckItem>,
}

async fn confirm_page(
    state: &AppState,
    ctx: Page,
    who: &PageUser,
    id: Uuid,
    action: Action,
) -> Result<Response, PageError> {
    let course = courses::for_editor(state, &super::actor(&who.0), id).await?;
    let confirm = confirm(&ctx, &course, action);
    let checklist = match action {
        Action::Publish => editor::checklist(&ctx, &course),
        Action::Unpublish | Action::Delete => Vec::new(),
    };
    page::render(
        StatusCode::OK,
        &ConfirmPage {
            ctx,
            course,
            confirm,
            checklist,
        },
    )
}

/// `GET /teach/courses/{id}/publish` (the course's trainer and super admins): the
/// checklist and the button, as a page.
pub async fn confirm_publish(
    State(state): State<AppState>,
    ctx: Page,
    who: PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    confirm_page(&state, ctx, &who, id, Action::Publish).await
}

/// `GET /teach/courses/{id}/unpublish` (the course's trainer and super admins).
pub async fn confirm_unpublish(
    State(state): State<AppState>,
    ctx: Page,
    who: PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    confirm_page(&state, ctx, &who, id, Action::Unpublish).await
}

/// `GET /teach/courses/{id}/delete` (the course's trainer and super admins).
pub async fn confirm_delete(
    State(state): State<AppState>,
    ctx: Page,
    who: PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    confirm_page(&state, ctx, &who, id, Action::Delete).await
}

async fn set_published(
    state: &AppState,
    ctx: Page,
    who: &PageUser,
    id: Uuid,
    published: bool,
) -> Result<Response, PageError> {
    let course = courses::set_published(state, &super::actor(&who.0), id, published).await?;
    let done = if published {
        Flash::CoursePublished
    } else {
        Flash::CourseUnpublished
    };
    Ok(flash::redirect_with(
        &super::editor_path(course.id),
        done,
        ctx.secure,
    ))
}

/// `POST /teach/courses/{id}/publish` (the course's trainer and super admins): the course
/// shows in the catalogue.
pub async fn publish(
    State(state): State<AppState>,
    ctx: Page,
    who: PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    set_published(&state, ctx, &who, id, true).await
}

/// `POST /teach/courses/{id}/unpublish` (the course's trainer and super admins): hidden
/// again from all but its trainer and super admins.
pub async fn unpublish(
    State(state): State<AppState>,
    ctx: Page,
    who: PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    set_published(&state, ctx, &who, id, false).await
}

/// `POST /teach/courses/{id}/delete` (the course's trainer and super admins): refused,
/// on the editor with the way out (unpublish), while trainees are enrolled.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Page,
    who: PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = super::actor(&who.0);
    match courses::delete(&state, &actor, id).await {
        Ok(()) => Ok(flash::redirect_with(
            "/teach",
            Flash::CourseDeleted,
            ctx.secure,
        )),
        Err(AppError::Conflict(_)) => {
            let course = courses::for_editor(&state, &actor, id).await?;
            let edit = EditState {
                notice: Some(Notice {
                    text: ctx.t("course-delete-refused"),
                }),
                ..EditState::of(&course)
            };
            editor::render(&state, StatusCode::CONFLICT, ctx, &course, edit)
        }
        Err(other) => Err(other.into()),
    }
}
