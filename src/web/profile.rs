//! The signed-in user's own profile: `GET/POST /profile` (names and phone) and
//! `POST /profile/avatar` (the photo), over `services::profile`.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use crate::domain::policy::Actor;
use crate::domain::user::{AVATAR_MAX_BYTES, ProfileForm, User};
use crate::error::AppError;
use crate::services::profile;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Field, Form, FormErrors};
use crate::web::page::{self, Page};
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

fn megabytes(ctx: &Page) -> String {
    ctx.locale.number((AVATAR_MAX_BYTES / (1024 * 1024)) as u64)
}

fn profile_page(
    status: StatusCode,
    ctx: Page,
    user: User,
    values: &ProfileValues,
    errors: FormErrors,
) -> Result<Response, PageError> {
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
            .hint(ctx.t1("hint-avatar", "size", megabytes(&ctx)))
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
        },
    )
}

/// `GET /profile` (signed in).
pub async fn show(ctx: Page, PageUser(who): PageUser) -> Result<Response, PageError> {
    let values = ProfileValues::of(&who.user);
    profile_page(
        StatusCode::OK,
        ctx,
        who.user,
        &values,
        FormErrors::default(),
    )
}

/// `POST /profile` (signed in): one's own names and phone.
pub async fn update(
    State(state): State<AppState>,
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
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                who.user,
                &values,
                errors,
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /profile/avatar` (signed in, `multipart/form-data` with the image as `avatar`): a
/// JPEG, PNG or WebP image of at most 2 MB; anything else is shown as the field's error.
pub async fn upload_avatar(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    request: Request,
) -> Result<Response, PageError> {
    let result = match upload::read_file(&state, request, "avatar", AVATAR_MAX_BYTES).await? {
        Upload::Missing => Err(AppError::field("avatar", "is required")),
        Upload::TooLarge => Err(AppError::PayloadTooLarge),
        Upload::File(bytes) => profile::set_avatar(&state, &Actor::from(&who.user), &bytes).await,
    };
    let mut errors = FormErrors::default();
    let status = match result {
        Ok(_) => {
            return Ok(flash::redirect_with(
                "/profile",
                Flash::AvatarUpdated,
                ctx.secure,
            ));
        }
        Err(AppError::Validation(_)) => {
            errors.add("avatar", ctx.t("error-avatar-required"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::PayloadTooLarge) => {
            errors.add(
                "avatar",
                ctx.t1("error-avatar-too-large", "size", megabytes(&ctx)),
            );
            StatusCode::PAYLOAD_TOO_LARGE
        }
        Err(AppError::UnsupportedMediaType(_)) => {
            errors.add("avatar", ctx.t("error-avatar-type"));
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        Err(other) => return Err(other.into()),
    };
    let values = ProfileValues::of(&who.user);
    profile_page(status, ctx, who.user, &values, errors)
}
