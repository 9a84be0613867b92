//! The account form: `GET/POST /users/new` creates an account, `POST /users/{id}` edits
//! one (names, email, role, phone).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::policy::Denied;
use crate::domain::policy::{self, UserAction};
use crate::domain::user::{PASSWORD_MAX, PASSWORD_MIN, User, UserChangesForm, UserForm};
use crate::error::AppError;
use crate::services::users;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Field, Form, FormErrors, Path};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;
use crate::web::users::show::{self, Notice};

/// The fields of the account form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    phone: String,
    /// Create only; empty for a generated temporary password.
    #[serde(default)]
    password: String,
}

const FIELDS: [&str; 6] = [
    "firstName",
    "lastName",
    "email",
    "role",
    "phone",
    "password",
];

impl AccountForm {
    pub fn from_user(user: &User) -> AccountForm {
        AccountForm {
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            email: user.email.clone(),
            role: user.role.as_str().to_owned(),
            phone: user.phone.clone().unwrap_or_default(),
            password: String::new(),
        }
    }

    fn new_user(&self) -> UserForm {
        UserForm {
            first_name: Some(self.first_name.clone()),
            last_name: Some(self.last_name.clone()),
            email: Some(self.email.clone()),
            role: Some(self.role.clone()),
            phone: Some(self.phone.clone()),
            password: Some(self.password.clone()).filter(|p| !p.is_empty()),
            requires_password_change: None,
        }
    }

    fn changes(&self) -> UserChangesForm {
        UserChangesForm {
            first_name: Some(self.first_name.clone()),
            last_name: Some(self.last_name.clone()),
            email: Some(self.email.clone()),
            role: Some(self.role.clone()),
            phone: Some(self.phone.clone()),
            is_active: None,
        }
    }
}

/// The form's fields; the password only when creating.
pub fn fields(ctx: &Page, form: &AccountForm, errors: &FormErrors, create: bool) -> Vec<Field> {
    let role = if form.role.is_empty() {
        "trainee"
    } else {
        form.role.as_str()
    };
    let mut fields = vec![
        Field::new(
            "user-first-name",
            "firstName",
            ctx.t("field-first-name"),
            "text",
        )
        .value(&form.first_name)
        .errors(errors),
        Field::new(
            "user-last-name",
            "lastName",
            ctx.t("field-last-name"),
            "text",
        )
        .value(&form.last_name)
        .errors(errors),
        Field::new("user-email", "email", ctx.t("field-email"), "email")
            .value(&form.email)
            .errors(errors),
        Field::new("user-role", "role", ctx.t("field-role"), "select")
            .choices(super::role_choices(ctx))
            .value(role)
            .errors(errors),
        Field::new("user-phone", "phone", ctx.t("field-phone"), "tel")
            .optional()
            .hint(ctx.t("hint-phone"))
            .value(&form.phone)
            .errors(errors),
    ];
    if create {
        fields.push(
            Field::new(
                "user-password",
                "password",
                ctx.t("field-password"),
                "password",
            )
            .optional()
            .autocomplete("new-password")
            .hint(ctx.t2(
                "hint-user-password",
                "min",
                ctx.locale.number(PASSWORD_MIN as u64),
                "max",
                ctx.locale.number(PASSWORD_MAX as u64),
            ))
            .errors(errors),
        );
    }
    fields
}

#[derive(Template)]
#[template(path = "users/new.html")]
struct NewPage {
    ctx: Page,
    errors: FormErrors,
    fields: Vec<Field>,
}

fn new_page(
    status: StatusCode,
    ctx: Page,
    form: &AccountForm,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let fields = fields(&ctx, form, &errors, true);
    page::render(
        status,
        &NewPage {
            ctx,
            errors,
            fields,
        },
    )
}

/// `GET /users/new` (super admin).
pub async fn new(ctx: Page, PageUser(who): PageUser) -> Result<Response, PageError> {
    policy::users(&super::actor(&who), UserAction::Create).map_err(AppError::from)?;
    new_page(
        StatusCode::OK,
        ctx,
        &AccountForm::default(),
        FormErrors::default(),
    )
}

/// `POST /users/new` (super admin): creates the account and answers with its page, which
/// shows the temporary password this once (it is never stored in a cookie or an address).
pub async fn create(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Form(form): Form<AccountForm>,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    let result = users::create(&state, &actor, &form.new_user()).await;
    let (status, errors) = match result {
        Ok(created) => {
            let name = ctx.isolate(&created.user.full_name());
            let mut notice = Notice::success(&ctx, ctx.t1("users-created", "name", &name));
            if let Some(secret) = created.temporary_password {
                notice = notice.with_secret(secret, ctx.t1("users-secret-once", "name", &name));
            }
            return show::render(StatusCode::CREATED, ctx, &actor, created.user, Some(notice));
        }
        Err(AppError::Validation(fields)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormErrors::from_fields(ctx.locale, &fields, &FIELDS),
        ),
        Err(AppError::Conflict(_)) => {
            let mut errors = FormErrors::default();
            errors.add("email", ctx.t("error-email-in-use"));
            (StatusCode::CONFLICT, errors)
        }
        Err(other) => return Err(other.into()),
    };
    new_page(status, ctx, &form, errors)
}

/// `POST /users/{id}` (super admin): saves the account form. Nobody may take away their
/// own super admin role.
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(form): Form<AccountForm>,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    let user = users::show(&state, &actor, id).await?;
    let result = users::update_form(&state, &actor, id, &form.changes()).await;
    let mut errors = FormErrors::default();
    let status = match result {
        Ok(user) => {
            return Ok(flash::redirect_with(
                &super::user_path(&user),
                Flash::UserUpdated,
                ctx.secure,
            ));
        }
        Err(AppError::Validation(fields)) => {
            errors = FormErrors::from_fields(ctx.locale, &fields, &FIELDS);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::Conflict(_)) => {
            errors.add("email", ctx.t("error-email-in-use"));
            StatusCode::CONFLICT
        }
        Err(AppError::Denied(Denied::OwnAccount)) => {
            errors.add("role", ctx.t("error-own-role"));
            StatusCode::FORBIDDEN
        }
        Err(AppError::Denied(Denied::LastSuperAdmin)) => {
            errors.add("role", ctx.t("denied-last-super-admin"));
            StatusCode::CONFLICT
        }
        Err(other) => return Err(other.into()),
    };
    show::render_form(status, ctx, &actor, user, &form, errors)
}
