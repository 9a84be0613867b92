//! First-run setup: the page form over `services::setup::complete`, opened from the link
//! `serve` prints while no super admin exists.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;

use crate::domain::policy::Denied;
use crate::domain::user::{NewAdmin, PASSWORD_MAX, PASSWORD_MIN};
use crate::error::AppError;
use crate::services::auth::ClientInfo;
use crate::services::setup;
use crate::state::AppState;
use crate::web::cookies;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Field, Form, FormErrors};
use crate::web::page::{self, Page};
use crate::web::session;

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    ctx: Page,
    /// The token from the link, carried in a hidden field; without one the form asks
    /// for it.
    hidden_token: Option<String>,
    errors: FormErrors,
    fields: Vec<Field>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

const FIELDS: [&str; 5] = ["token", "firstName", "lastName", "email", "password"];

fn setup_page(ctx: Page, form: &SetupForm, token_in_link: bool, errors: FormErrors) -> SetupPage {
    let form_error = errors.form.as_ref().map(|_| "setup-error");
    let password_hint = ctx.t2(
        "hint-password",
        "min",
        ctx.locale.number(PASSWORD_MIN as u64),
        "max",
        ctx.locale.number(PASSWORD_MAX as u64),
    );
    let mut fields = Vec::new();
    // A wrong token in the link is shown as a field to correct.
    let hidden_token = (token_in_link && form_error.is_none()).then(|| form.token.clone());
    if hidden_token.is_none() {
        fields.push(
            Field::new("setup-token", "token", ctx.t("field-setup-token"), "text")
                .hint(ctx.t("hint-setup-token"))
                .value(&form.token)
                .ltr()
                .errors(&errors)
                .described_by(form_error),
        );
    }
    fields.extend([
        Field::new(
            "setup-first-name",
            "firstName",
            ctx.t("field-first-name"),
            "text",
        )
        .autocomplete("given-name")
        .value(&form.first_name)
        .errors(&errors),
        Field::new(
            "setup-last-name",
            "lastName",
            ctx.t("field-last-name"),
            "text",
        )
        .autocomplete("family-name")
        .value(&form.last_name)
        .errors(&errors),
        Field::new("setup-email", "email", ctx.t("field-email"), "email")
            .autocomplete("email")
            .value(&form.email)
            .errors(&errors),
        Field::new(
            "setup-password",
            "password",
            ctx.t("field-password"),
            "password",
        )
        .autocomplete("new-password")
        .hint(password_hint)
        .errors(&errors),
    ]);
    SetupPage {
        ctx,
        hidden_token,
        errors,
        fields,
    }
}

fn already_set_up(ctx: &Page) -> Response {
    flash::redirect_with("/login", Flash::AlreadySetUp, ctx.secure)
}

/// `GET /setup?token=...` (anyone, first run only; afterwards it leads to the login page).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    uri: Uri,
) -> Result<Response, PageError> {
    if !setup::is_required(&state.db).await? {
        return Ok(already_set_up(&ctx));
    }
    let token = uri
        .query()
        .and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(name, _)| name == "token")
                .map(|(_, value)| value.trim().to_owned())
        })
        .filter(|t| !t.is_empty());
    let form = SetupForm {
        token: token.clone().unwrap_or_default(),
        ..SetupForm::default()
    };
    page::render(
        StatusCode::OK,
        &setup_page(ctx, &form, token.is_some(), FormErrors::default()),
    )
}

/// `POST /setup` (holder of the setup token, first run only): creates the first super
/// admin and signs them in.
pub async fn complete(
    State(state): State<AppState>,
    ctx: Page,
    client: ClientInfo,
    Form(form): Form<SetupForm>,
) -> Result<Response, PageError> {
    let admin = NewAdmin::parse(
        &form.first_name,
        &form.last_name,
        &form.email,
        &form.password,
    );
    let result = match admin {
        Ok(admin) => setup::complete(&state, &form.token, admin, client).await,
        Err(fields) => Err(AppError::Validation(fields)),
    };
    let (status, errors) = match result {
        Ok(issued) => {
            let mut response = flash::redirect_with("/", Flash::SetupDone, ctx.secure);
            cookies::set(&mut response, &session::cookie(&issued, ctx.secure));
            return Ok(response);
        }
        Err(AppError::Conflict(_)) => return Ok(already_set_up(&ctx)),
        Err(AppError::Validation(fields)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormErrors::from_fields(ctx.locale, &fields, &FIELDS),
        ),
        Err(AppError::Denied(Denied::WrongSetupToken)) => (
            StatusCode::FORBIDDEN,
            FormErrors::form(ctx.t("setup-bad-token")),
        ),
        Err(other) => return Err(other.into()),
    };
    let token_in_form = !form.token.trim().is_empty();
    page::render(status, &setup_page(ctx, &form, token_in_form, errors))
}
