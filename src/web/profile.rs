//! The signed-in user's own profile: `GET/POST /profile` (names and phone) and
//! `POST /profile/avatar` (the photo), over `services::profile`.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use crate::domain::policy::Actor;
use crate::domain::user::{ProfileForm, User};
use crate::error::AppError;
use crate::services::{calendar, profile};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Field, Form, FormErrors};
use crate::web::page::{self, Page, site_origin};
use crate::web::session::PageUser;
use crate::web::upload::{self, Upload};

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    ctx: Page,
    user: User,
    errors: FormErrors,
    /// Every field of the page, for the error summary.
    fields: Vec<Field>,
    profile_fields: Vec<Field>,
    avatar_fields: Vec<Field>,
    /// The private calendar feed's address (`GET /calendar/{token}.ics`).
    calendar_url: String,
}

/// The profile form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileValues {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    phone: String,
}

impl ProfileValues {
    fn of(user: &User) -> ProfileValues {
        ProfileValues {
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            phone: user.phone.clone().unwrap_or_default(),
        }
    }
}

const FIELDS: [&str; 3] = ["firstName", "lastName", "phone"];

async fn profile_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    ctx: Page,
    user: User,
    values: &ProfileValues,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let token = calendar::token(state, &Actor::from(&user)).await?;
    let calendar_url = crate::api::calendar::feed_url(&site_origin(state, headers), &token);
    let profile_fields = vec![
        Field::new(
            "profile-first-name",
            "firstName",
            ctx.t("field-first-name"),
            "text",
        )
        .autocomplete("given-name")
        .value(&values.first_name)
        .errors(&errors),
        Field::new(
            "profile-last-name",
            "lastName",
            ctx.t("field-last-name"),
            "text",
        )
        .autocomplete("family-name")
        .value(&values.last_name)
        .errors(&errors),
        Field::new("profile-phone", "phone", ctx.t("field-phone"), "tel")
            .autocomplete("tel")
            .optional()
            .hint(ctx.t("hint-phone"))
            .value(&values.phone)
            .errors(&errors),
    ];
    let avatar_fields = vec![
        Field::new("avatar-file", "avatar", ctx.t("field-avatar"), "file")
            .accept("image/jpeg,image/png,image/webp")
            .hint(ctx.t1(
                "hint-avatar",
                "size",
                upload::megabytes(&ctx, profile::avatar_max_bytes(state)),
            ))
            .errors(&errors),
    ];
    let fields = profile_fields
        .iter()
        .chain(&avatar_fields)
        .cloned()
        .collect();
    page::render(
        status,
        &ProfilePage {
            ctx,
            user,
            errors,
            fields,
            profile_fields,
            avatar_fields,
            calendar_url,
        },
    )
}

/// `GET /profile` (signed in).
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    ctx: Page,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    let values = ProfileValues::of(&who.user);
    profile_page(
        &state,
        &headers,
        StatusCode::OK,
        ctx,
        who.user,
        &values,
        FormErrors::default(),
    )
    .await
}

/// `POST /profile` (signed in): one's own names and phone.
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    ctx: Page,
    PageUser(who): PageUser,
    Form(values): Form<ProfileValues>,
) -> Result<Response, PageError> {
    let form = ProfileForm {
        first_name: Some(values.first_name.clone()),
        last_name: Some(values.last_name.clone()),
        phone: Some(values.phone.clone()),
    };
    let result = match form.parse() {
        Ok(changes) => profile::update(&state, &Actor::from(&who.user), changes).await,
        Err(fields) => Err(AppError::Validation(fields)),
    };
    match result {
        Ok(_) => Ok(flash::redirect_with(
            "/profile",
            Flash::ProfileUpdated,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let errors = FormErrors::from_fields(ctx.locale, &fields, &FIELDS);
            profile_page(
                &state,
                &headers,
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                who.user,
                &values,
                errors,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /profile/avatar` (signed in, `multipart/form-data` with the image as `avatar`): a
/// JPEG, PNG or WebP image within the upload limit; any refusal is shown as the field's
/// error, in the page's language.
pub async fn upload_avatar(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    request: Request,
) -> Result<Response, PageError> {
    let headers = request.headers().clone();
    let max = profile::avatar_max_bytes(&state);
    let too_large = |ctx: &Page| {
        let size = upload::megabytes(ctx, max);
        ctx.t1("error-avatar-too-large", "size", size)
    };
    let (status, message) = match upload::read_file(&state, request, "avatar", max).await? {
        Upload::Missing => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ctx.t("error-avatar-required"),
        ),
        Upload::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, too_large(&ctx)),
        Upload::File(bytes) => {
            match profile::set_avatar(&state, &Actor::from(&who.user), bytes).await {
                Ok(_) => {
                    return Ok(flash::redirect_with(
                        "/profile",
                        Flash::AvatarUpdated,
                        ctx.secure,
                    ));
                }
                Err(AppError::Validation(fields)) => {
                    let messages = fields.get("avatar").unwrap_or_default();
                    let text = messages.first().map(|m| ctx.locale.field_error(m));
                    (StatusCode::UNPROCESSABLE_ENTITY, text.unwrap_or_default())
                }
                Err(AppError::PayloadTooLarge) => (StatusCode::PAYLOAD_TOO_LARGE, too_large(&ctx)),
                Err(AppError::UnsupportedMediaType(_)) => (
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    ctx.t("error-avatar-type"),
                ),
                Err(other) => return Err(other.into()),
            }
        }
    };
    let mut errors = FormErrors::default();
    errors.add("avatar", message);
    let values = ProfileValues::of(&who.user);
    profile_page(&state, &headers, status, ctx, who.user, &values, errors).await
}

/// `POST /profile/calendar/reset` (signed in): a new private calendar address; the old one
/// answers 404 from now on.
pub async fn reset_calendar(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    calendar::reset(&state, &Actor::from(&who.user)).await?;
    Ok(flash::redirect_with(
        "/profile#calendar",
        Flash::CalendarReset,
        ctx.secure,
    ))
}
