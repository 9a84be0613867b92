//! The confirmed actions on an account: deactivate, reactivate, reset password, delete.
//!
//! Each asks first: on the user's page a trigger link opens a native `<dialog>` holding the
//! confirmation form (`assets/js/dialog.js`); without JavaScript the same link leads to the
//! confirmation page `GET /users/{id}/<action>`. Both forms post to `/users/{id}/<action>`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use crate::domain::policy::Denied;
use crate::domain::user::{User, UserChanges};
use crate::error::AppError;
use crate::services::auth::Authenticated;
use crate::services::users;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::Path;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;
use crate::web::users::show::{self, Notice};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Deactivate,
    Reactivate,
    ResetPassword,
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

fn confirm(ctx: &Page, user: &User, action: Action) -> Confirm {
    let name = ctx.isolate(&user.full_name());
    let first = &ctx.isolate(&user.first_name);
    let (slug, title, text, label, danger) = match action {
        Action::Deactivate => (
            "deactivate",
            ctx.t1("users-deactivate-title", "name", &name),
            ctx.t1("users-deactivate-text", "name", first),
            ctx.t("users-deactivate"),
            true,
        ),
        Action::Reactivate => (
            "reactivate",
            ctx.t1("users-reactivate-title", "name", &name),
            ctx.t1("users-reactivate-text", "name", first),
            ctx.t("users-reactivate"),
            false,
        ),
        Action::ResetPassword => (
            "reset-password",
            ctx.t1("users-reset-title", "name", &name),
            ctx.t1("users-reset-text", "name", first),
            ctx.t("users-reset"),
            false,
        ),
        Action::Delete => (
            "delete",
            ctx.t1("users-delete-title", "name", &name),
            ctx.t1("users-delete-text", "name", first),
            ctx.t("users-delete"),
            true,
        ),
    };
    Confirm {
        slug,
        href: format!("{}/{slug}", super::user_path(user)),
        title,
        text,
        label,
        danger,
    }
}

/// The actions the user's page offers. One's own account can be neither deactivated nor
/// deleted (`policy::self_change`), so those are left out there.
pub fn confirms(ctx: &Page, user: &User, own_account: bool) -> Vec<Confirm> {
    let mut actions = vec![Action::ResetPassword];
    if !own_account {
        actions.push(if user.is_active {
            Action::Deactivate
        } else {
            Action::Reactivate
        });
        actions.push(Action::Delete);
    }
    actions.into_iter().map(|a| confirm(ctx, user, a)).collect()
}

#[derive(Template)]
#[template(path = "users/confirm.html")]
struct ConfirmPage {
    ctx: Page,
    user: User,
    confirm: Confirm,
}

async fn confirm_page(
    state: &AppState,
    ctx: Page,
    who: &Authenticated,
    id: Uuid,
    action: Action,
) -> Result<Response, PageError> {
    let user = users::show(state, &super::actor(who), id).await?;
    let confirm = confirm(&ctx, &user, action);
    page::render(StatusCode::OK, &ConfirmPage { ctx, user, confirm })
}

/// `GET /users/{id}/deactivate` (super admin): the confirmation without JavaScript.
pub async fn confirm_deactivate(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    confirm_page(&state, ctx, &who, id, Action::Deactivate).await
}

/// `GET /users/{id}/reactivate` (super admin).
pub async fn confirm_reactivate(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    confirm_page(&state, ctx, &who, id, Action::Reactivate).await
}

/// `GET /users/{id}/reset-password` (super admin).
pub async fn confirm_reset_password(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    confirm_page(&state, ctx, &who, id, Action::ResetPassword).await
}

/// `GET /users/{id}/delete` (super admin).
pub async fn confirm_delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    confirm_page(&state, ctx, &who, id, Action::Delete).await
}

async fn set_active(
    state: &AppState,
    ctx: Page,
    who: &Authenticated,
    id: Uuid,
    active: bool,
) -> Result<Response, PageError> {
    let actor = super::actor(who);
    let user = users::show(state, &actor, id).await?;
    let changes = UserChanges {
        is_active: Some(active),
        ..UserChanges::default()
    };
    match users::update(state, &actor, id, changes).await {
        Ok(user) => {
            let done = if active {
                Flash::UserReactivated
            } else {
                Flash::UserDeactivated
            };
            Ok(flash::redirect_with(
                &super::user_path(&user),
                done,
                ctx.secure,
            ))
        }
        Err(AppError::Denied(Denied::OwnAccount)) => {
            let notice = Notice::error(&ctx, ctx.t("users-error-own-deactivate"));
            show::render(StatusCode::FORBIDDEN, ctx, &actor, user, Some(notice))
        }
        Err(AppError::Denied(Denied::LastSuperAdmin)) => {
            let notice = Notice::error(&ctx, ctx.t("denied-last-super-admin"));
            show::render(StatusCode::CONFLICT, ctx, &actor, user, Some(notice))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /users/{id}/deactivate` (super admin): the account's sessions end at once.
pub async fn deactivate(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    set_active(&state, ctx, &who, id, false).await
}

/// `POST /users/{id}/reactivate` (super admin).
pub async fn reactivate(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    set_active(&state, ctx, &who, id, true).await
}

/// `POST /users/{id}/reset-password` (super admin): answers with the user's page showing
/// the new temporary password this once.
pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    let secret = users::reset_password(&state, &actor, id).await?;
    // Read again: the account now requires a password change.
    let user = users::show(&state, &actor, id).await?;
    let name = ctx.isolate(&user.full_name());
    let notice = Notice::success(&ctx, ctx.t1("users-reset-done", "name", &name))
        .with_secret(secret, ctx.t1("users-secret-once", "name", &name));
    show::render(StatusCode::OK, ctx, &actor, user, Some(notice))
}

/// `POST /users/{id}/delete` (super admin): refused with the way out (deactivate) when
/// courses or learning records refer to the account.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    let user = users::show(&state, &actor, id).await?;
    let (status, message) = match users::delete(&state, &actor, id).await {
        Ok(()) => {
            return Ok(flash::redirect_with(
                "/users",
                Flash::UserDeleted,
                ctx.secure,
            ));
        }
        Err(AppError::Conflict(_)) => (StatusCode::CONFLICT, ctx.t("users-error-delete-in-use")),
        Err(AppError::Denied(Denied::OwnAccount)) => {
            (StatusCode::FORBIDDEN, ctx.t("users-error-own-delete"))
        }
        Err(AppError::Denied(Denied::LastSuperAdmin)) => {
            (StatusCode::CONFLICT, ctx.t("denied-last-super-admin"))
        }
        Err(other) => return Err(other.into()),
    };
    let notice = Notice::error(&ctx, message);
    show::render(status, ctx, &actor, user, Some(notice))
}
