//! Signing in and out, and changing one's password: the pages over `services::auth`.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::domain::policy::Denied;
use crate::domain::user::{PASSWORD_MAX, PASSWORD_MIN, check_password, normalize_email};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::services::auth::{self, ClientInfo, LoginContext};
use crate::services::preferences;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Field, Form, FormErrors};
use crate::web::i18n::Locale;
use crate::web::page::{self, Page};
use crate::web::session::{self, SignedIn, next_from_query, safe_next};
use crate::web::{cookies, language};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Page,
    next: Option<String>,
    errors: FormErrors,
    fields: Vec<Field>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

fn login_page(ctx: Page, email: &str, next: Option<String>, errors: FormErrors) -> LoginPage {
    let form_error = errors.form.as_ref().map(|_| "login-error");
    let fields = vec![
        Field::new("login-email", "email", ctx.t("field-email"), "email")
            .autocomplete("username")
            .value(email)
            .errors(&errors)
            .described_by(form_error),
        Field::new(
            "login-password",
            "password",
            ctx.t("field-password"),
            "password",
        )
        .autocomplete("current-password")
        .errors(&errors)
        .described_by(form_error),
    ];
    LoginPage {
        ctx,
        next,
        errors,
        fields,
    }
}

/// `GET /login` (anyone). A signed-in visitor goes on to `next` (or home).
pub async fn show_login(ctx: Page, uri: Uri) -> Result<Response, PageError> {
    let next = next_from_query(&uri);
    if ctx.viewer.is_some() {
        return Ok(Redirect::to(next.as_deref().unwrap_or("/")).into_response());
    }
    page::render(
        StatusCode::OK,
        &login_page(ctx, "", next, FormErrors::default()),
    )
}

/// `POST /login` (anyone): signs in and sets the session cookie. A wrong email and a wrong
/// password get the same message.
pub async fn login(
    State(state): State<AppState>,
    ctx: Page,
    client: ClientInfo,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(&form.next).map(str::to_owned);
    let mut retry_after = None;
    let email = normalize_email(&form.email);
    let context = LoginContext {
        client,
        device_token: session::device_token(&headers, &email),
    };
    let (status, errors) = match auth::login(&state, &form.email, &form.password, context).await {
        Ok(issued) => {
            // A temporary password is changed first; `next` waits for it.
            let to = if issued.user.requires_password_change {
                session::password_path(next.as_deref())
            } else {
                next.unwrap_or_else(|| "/".to_owned())
            };
            let mut response = Redirect::to(&to).into_response();
            cookies::set(&mut response, &session::cookie(&issued, ctx.secure));
            if let Some(token) = issued.device_token.clone() {
                let cookie = session::device_cookie(&email, token, ctx.secure);
                cookies::set(&mut response, &cookie);
            }
            // The user's own language follows them to this browser.
            let chosen = preferences::language(&state, issued.user.id).await?;
            if let Some(locale) = chosen.as_deref().and_then(Locale::parse) {
                language::remember(&mut response, locale, ctx.secure);
            }
            return Ok(response);
        }
        Err(AppError::Validation(fields)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormErrors::from_fields(ctx.locale, &fields, &["email", "password"]),
        ),
        Err(AppError::Unauthorized) => (
            StatusCode::UNAUTHORIZED,
            FormErrors::form(ctx.t("login-failed")),
        ),
        Err(AppError::Denied(Denied::AccountDeactivated)) => (
            StatusCode::FORBIDDEN,
            FormErrors::form(ctx.t("login-deactivated")),
        ),
        Err(AppError::TooManyRequests { retry_after_secs }) => {
            retry_after = Some(retry_after_secs);
            (
                StatusCode::TOO_MANY_REQUESTS,
                FormErrors::form(ctx.t1("login-locked", "seconds", ctx.number(&retry_after_secs))),
            )
        }
        Err(other) => return Err(other.into()),
    };
    let email = form.email.clone();
    let mut response = page::render(status, &login_page(ctx, &email, next, errors))?;
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, secs.into());
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "logout.html")]
struct LogoutPage {
    ctx: Page,
}

/// `GET /logout`: the address of the sign-out form, opened (typed, bookmarked, reloaded).
/// Signing out is a form, so that no link or image can sign anyone out: this page asks.
/// Nobody signed in has nothing to sign out of: to the login page.
pub async fn confirm_logout(ctx: Page) -> Result<Response, PageError> {
    if ctx.viewer.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    page::render(StatusCode::OK, &LogoutPage { ctx })
}

/// `POST /logout` (signed in): ends this session and clears the cookie.
pub async fn logout(
    State(state): State<AppState>,
    ctx: Page,
    SignedIn(who): SignedIn,
) -> Result<Response, PageError> {
    auth::logout(&state, &who).await?;
    let mut response = flash::redirect_with("/login", Flash::SignedOut, ctx.secure);
    cookies::set(&mut response, &session::clear_cookie(ctx.secure));
    Ok(response)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    ctx: Page,
    /// The user must change a temporary password before anything else.
    required: bool,
    /// Where to go once the password is changed (a local path).
    next: Option<String>,
    errors: FormErrors,
    fields: Vec<Field>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
    #[serde(default)]
    next: String,
}

fn password_page(
    ctx: Page,
    required: bool,
    next: Option<String>,
    errors: FormErrors,
) -> PasswordPage {
    let hint = ctx.t2(
        "hint-password",
        "min",
        ctx.locale.number(PASSWORD_MIN as u64),
        "max",
        ctx.locale.number(PASSWORD_MAX as u64),
    );
    let fields = vec![
        Field::new(
            "password-current",
            "currentPassword",
            ctx.t("field-current-password"),
            "password",
        )
        .autocomplete("current-password")
        .errors(&errors),
        Field::new(
            "password-new",
            "newPassword",
            ctx.t("field-new-password"),
            "password",
        )
        .autocomplete("new-password")
        .hint(hint)
        .errors(&errors),
        Field::new(
            "password-confirm",
            "confirmPassword",
            ctx.t("field-confirm-password"),
            "password",
        )
        .autocomplete("new-password")
        .errors(&errors),
    ];
    PasswordPage {
        ctx,
        required,
        next,
        errors,
        fields,
    }
}

/// `GET /password` (signed in, also while a password change is required). `?next=` (a
/// local path) is where the form leads once the password is changed.
pub async fn show_password(
    ctx: Page,
    uri: Uri,
    SignedIn(who): SignedIn,
) -> Result<Response, PageError> {
    let required = who.user.requires_password_change;
    let next = next_from_query(&uri);
    page::render(
        StatusCode::OK,
        &password_page(ctx, required, next, FormErrors::default()),
    )
}

/// `POST /password` (signed in): the current password is required. Every
/// session of the user ends; this browser gets the new one.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: Page,
    client: ClientInfo,
    SignedIn(who): SignedIn,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    const FIELDS: [&str; 3] = ["currentPassword", "newPassword", "confirmPassword"];
    let mut problems = FieldErrors::default();
    check_password(&mut problems, "newPassword", &form.new_password);
    let confirmed = form.new_password == form.confirm_password;
    let result = if problems.is_empty() && confirmed {
        auth::change_password(
            &state,
            &who,
            &form.current_password,
            &form.new_password,
            client,
        )
        .await
    } else {
        Err(AppError::Validation(problems))
    };
    let next = safe_next(&form.next).map(str::to_owned);
    match result {
        Ok(issued) => {
            let to = next.as_deref().unwrap_or("/");
            let mut response = flash::redirect_with(to, Flash::PasswordChanged, ctx.secure);
            cookies::set(&mut response, &session::cookie(&issued, ctx.secure));
            Ok(response)
        }
        Err(AppError::Validation(fields)) => {
            let mut errors = FormErrors::from_fields(ctx.locale, &fields, &FIELDS);
            if !confirmed {
                errors.add("confirmPassword", ctx.t("error-confirm-password"));
            }
            let required = who.user.requires_password_change;
            page::render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &password_page(ctx, required, next, errors),
            )
        }
        // Too many wrong current passwords: said on the form, with how long to wait.
        Err(AppError::TooManyRequests { retry_after_secs }) => {
            let seconds = ctx.number(&retry_after_secs);
            let mut errors = FormErrors::default();
            errors.add(
                "currentPassword",
                ctx.t1("login-locked", "seconds", seconds),
            );
            let required = who.user.requires_password_change;
            let mut response = page::render(
                StatusCode::TOO_MANY_REQUESTS,
                &password_page(ctx, required, next, errors),
            )?;
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, retry_after_secs.into());
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}
