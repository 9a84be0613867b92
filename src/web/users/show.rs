//! `GET /users/{id}`: a user's page, with the account form and the actions. The pages of
//! the form and of the actions answer with it too, with their errors or a notice.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use crate::domain::policy::{self, Actor};
use crate::domain::user::User;
use crate::services::users;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::{Field, FormErrors, Path};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;
use crate::web::users::actions::{self, Confirm};
use crate::web::users::form::{self, AccountForm};

/// A message at the top of the user's page, rendered from the request that caused it: an
/// action refused, or an account created with its temporary password (shown this once).
#[derive(Debug, Clone)]
pub struct Notice {
    /// `success` or `error`, for the `flash--*` class.
    pub kind: &'static str,
    pub title: String,
    pub text: String,
    pub secret: Option<String>,
    /// What to do with the secret.
    pub secret_note: String,
}

impl Notice {
    pub fn success(ctx: &Page, text: String) -> Notice {
        Notice {
            kind: "success",
            title: ctx.t("flash-title-success"),
            text,
            secret: None,
            secret_note: String::new(),
        }
    }

    pub fn error(ctx: &Page, text: String) -> Notice {
        Notice {
            kind: "error",
            title: ctx.t("flash-title-error"),
            ..Notice::success(ctx, text)
        }
    }

    pub fn with_secret(mut self, secret: String, note: String) -> Notice {
        self.secret = Some(secret);
        self.secret_note = note;
        self
    }
}

#[derive(Template)]
#[template(path = "users/show.html")]
struct UserPage {
    ctx: Page,
    user: User,
    notice: Option<Notice>,
    errors: FormErrors,
    fields: Vec<Field>,
    actions: Vec<Confirm>,
    /// The viewer's own account: it cannot be deactivated or deleted from here.
    own_account: bool,
}

fn build(
    status: StatusCode,
    ctx: Page,
    actor: &Actor,
    user: User,
    form: &AccountForm,
    errors: FormErrors,
    notice: Option<Notice>,
) -> Result<Response, PageError> {
    let own_account = policy::self_change(actor, user.id, true).is_err();
    let fields = form::fields(&ctx, form, &errors, false);
    let actions = actions::confirms(&ctx, &user, own_account);
    page::render(
        status,
        &UserPage {
            ctx,
            user,
            notice,
            errors,
            fields,
            actions,
            own_account,
        },
    )
}

/// The user's page, with an optional notice.
pub fn render(
    status: StatusCode,
    ctx: Page,
    actor: &Actor,
    user: User,
    notice: Option<Notice>,
) -> Result<Response, PageError> {
    let form = AccountForm::from_user(&user);
    build(
        status,
        ctx,
        actor,
        user,
        &form,
        FormErrors::default(),
        notice,
    )
}

/// The user's page with the account form as sent, and its errors.
pub fn render_form(
    status: StatusCode,
    ctx: Page,
    actor: &Actor,
    user: User,
    form: &AccountForm,
    errors: FormErrors,
) -> Result<Response, PageError> {
    build(status, ctx, actor, user, form, errors, None)
}

/// `GET /users/{id}` (super admin).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    let user = users::show(&state, &actor, id).await?;
    render(StatusCode::OK, ctx, &actor, user, None)
}
