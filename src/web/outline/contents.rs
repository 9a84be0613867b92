//! Contents in the outline: `POST /teach/courses/{id}/contents` (from the type picker,
//! then to its editor), `GET/POST /teach/contents/{id}/delete`, moving one to another
//! section (`POST /teach/contents/{id}/move`) and reordering a section's contents
//! (`POST /teach/courses/{id}/contents/order`, the full new order). The editor itself is
//! `editor`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::content::{Content, ContentForm, ContentKind, OrderForm};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::{outline, questions};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, Path};
use crate::web::outline::confirm::{self, Confirm};
use crate::web::outline::fields::form_errors;
use crate::web::outline::sections::{OrderValues, stale_order};
use crate::web::outline::show::{self, AddForms, NewContentValues};
use crate::web::outline::{Shell, actor, content_path, kind_label, outline_path, parse_section};
use crate::web::page::Page;
use crate::web::session::PageUser;

/// Where a content is in the outline page.
fn item_anchor(course: Uuid, content: Uuid) -> String {
    format!("{}#content-{content}", outline_path(course))
}

/// `POST /teach/courses/{id}/contents` (the course's trainer, super admins): a new draft
/// of the picked type, in the picked section, named after its type unless a title is
/// given; then its editor.
pub async fn create(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<NewContentValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let kind = ContentKind::parse(&values.kind);
    let title = match (values.title.trim(), kind) {
        ("", Some(kind)) => kind_label(&ctx, kind),
        (title, _) => title.to_owned(),
    };
    let form = ContentForm {
        title: Some(title),
        kind: Some(values.kind.clone()).filter(|k| !k.trim().is_empty()),
        section_id: Some(parse_section(&values.section_id)),
        // Published once there is something in it.
        is_published: Some(false),
        ..ContentForm::default()
    };
    match outline::create_content(&state, &actor, id, &form).await {
        Ok(content) => Ok(flash::redirect_with(
            &content_path(content.id),
            Flash::ContentCreated,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let errors = form_errors(
                ctx.locale,
                &fields,
                &[
                    ("title", "newTitle"),
                    ("type", "type"),
                    ("sectionId", "sectionId"),
                ],
            );
            let forms = AddForms {
                content: values,
                errors,
                ..AddForms::default()
            };
            show::render(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                &actor,
                id,
                forms,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /teach/courses/{id}/contents` (the course's trainer, super admins): the type
/// picker's address opened as a page leads to it.
pub async fn to_picker(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    outline::author_outline(&state, &actor(&who), id).await?;
    Ok(Redirect::to(&format!("{}#add-content", outline_path(id))).into_response())
}

fn delete_confirm(ctx: &Page, content: &Content, question_count: usize) -> Confirm {
    let name = ctx.isolate(&content.title);
    let mut text = vec![ctx.t1("content-delete-text", "name", &name)];
    if content.file.is_some() {
        text.push(ctx.t("content-delete-file"));
    }
    if question_count > 0 {
        text.push(ctx.t1(
            "content-delete-questions",
            "count",
            ctx.number(&(question_count as u64)),
        ));
    }
    Confirm {
        title: ctx.t1("content-delete-title", "name", &name),
        text,
        action: format!("/teach/contents/{}/delete", content.id),
        cancel: content_path(content.id),
        label: ctx.t("content-delete"),
        notice: None,
    }
}

async fn question_count(
    state: &AppState,
    actor: &Actor,
    content: &Content,
) -> Result<usize, AppError> {
    if content.kind == ContentKind::Quiz {
        Ok(questions::author_list(state, actor, content.id)
            .await?
            .len())
    } else {
        Ok(0)
    }
}

/// `GET /teach/contents/{id}/delete` (the course's trainer, super admins).
pub async fn confirm_delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let (content, outline) = outline::author_content(&state, &actor, id).await?;
    let count = question_count(&state, &actor, &content).await?;
    let shell = Shell::new(&ctx, &outline, Some(id));
    let confirm = delete_confirm(&ctx, &content, count);
    confirm::render(StatusCode::OK, ctx, shell, confirm)
}

/// `POST /teach/contents/{id}/delete` (the course's trainer, super admins): with its
/// questions and file. Refused while learning records refer to it.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let (content, outline) = outline::author_content(&state, &actor, id).await?;
    match outline::delete_content(&state, &actor, id).await {
        Ok(()) => Ok(flash::redirect_with(
            &outline_path(content.course_id),
            Flash::ContentDeleted,
            ctx.secure,
        )),
        Err(AppError::Conflict(_)) => {
            let count = question_count(&state, &actor, &content).await?;
            let shell = Shell::new(&ctx, &outline, Some(id));
            let mut confirm = delete_confirm(&ctx, &content, count);
            confirm.notice = Some(ctx.t("content-delete-in-use"));
            confirm::render(StatusCode::CONFLICT, ctx, shell, confirm)
        }
        Err(other) => Err(other.into()),
    }
}

/// The move form: the section to move into ("" for none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveValues {
    #[serde(default)]
    section_id: String,
}

/// `POST /teach/contents/{id}/move` (the course's trainer, super admins): into another
/// section (or none), at its end.
pub async fn move_to_section(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<MoveValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let (content, _) = outline::author_content(&state, &actor, id).await?;
    let form = ContentForm {
        section_id: Some(parse_section(&values.section_id)),
        ..ContentForm::default()
    };
    match outline::update_content(&state, &actor, id, &form).await {
        Ok(_) => Ok(flash::redirect_with(
            &item_anchor(content.course_id, id),
            Flash::ContentMoved,
            ctx.secure,
        )),
        Err(AppError::Validation(_)) => stale_order(&state, ctx, &actor, content.course_id).await,
        Err(other) => Err(other.into()),
    }
}

/// `GET /teach/contents/{id}/move` (the course's trainer, super admins): to the outline.
pub async fn move_to_outline(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let (content, _) = outline::author_content(&state, &actor(&who), id).await?;
    Ok(Redirect::to(&item_anchor(content.course_id, id)).into_response())
}

/// `POST /teach/courses/{id}/contents/order` (the course's trainer, super admins): the
/// contents of one section (`sectionId`, "" for none) in their new order; contents listed
/// from another section move in.
pub async fn order(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let values = OrderValues::parse(&pairs);
    let form = OrderForm {
        ids: values.ids,
        section_id: parse_section(&values.section_id),
    };
    match outline::order_contents(&state, &actor, id, &form).await {
        Ok(_) => {
            let to = match values.focus {
                Some(content) => item_anchor(id, content),
                None => outline_path(id),
            };
            Ok(flash::redirect_with(&to, Flash::OrderSaved, ctx.secure))
        }
        Err(AppError::Validation(_)) => stale_order(&state, ctx, &actor, id).await,
        Err(other) => Err(other.into()),
    }
}
