//! A video's captions from its editor: `POST /teach/contents/{id}/captions` (the upload
//! form, `multipart/form-data` with the track as `captions` and its `language`) and
//! `POST /teach/contents/{id}/captions/delete`. The course's trainer's and super admins'
//! only; `services::captions` checks the track and who may change it.

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use bytes::Bytes;
use uuid::Uuid;

use crate::domain::captions::MAX_BYTES;
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::captions::{self, FIELD};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{FormErrors, Path};
use crate::web::outline::editor::{self, EditorState};
use crate::web::outline::{actor, content_path};
use crate::web::page::Page;
use crate::web::session::PageUser;

/// The body limit of the upload route: the track and the form around it.
pub const BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;

/// What the form sent: the track's bytes (if a file was chosen) and its language.
#[derive(Default)]
struct Sent {
    track: Option<Bytes>,
    language: String,
}

async fn read_form(state: &AppState, request: Request) -> Result<Sent, AppError> {
    let unreadable = |status: StatusCode| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::BadRequest("The form could not be read.".to_owned())
        }
    };
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|e| unreadable(e.status()))?;
    let mut sent = Sent::default();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| unreadable(e.status()))?
    {
        match field.name() {
            Some(FIELD) => {
                let bytes = field.bytes().await.map_err(|e| unreadable(e.status()))?;
                // A form sent with no file chosen has an empty, nameless part.
                sent.track = (!bytes.is_empty()).then_some(bytes);
            }
            Some("language") => {
                sent.language = field.text().await.map_err(|e| unreadable(e.status()))?;
            }
            _ => {}
        }
    }
    Ok(sent)
}

/// `POST /teach/contents/{id}/captions` (the course's trainer, super admins): stores the
/// track; a refusal (not WebVTT or SubRip, too large, a bad language) is shown on the form
/// and nothing is stored.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    crate::services::outline::author_content(&state, &actor, id).await?;
    let (result, language) = match read_form(&state, request).await {
        Ok(sent) => {
            let result = match sent.track {
                Some(track) => {
                    captions::upload(&state, &actor, id, Some(&sent.language), track).await
                }
                None => Err(AppError::field(FIELD, FieldError::Required)),
            };
            (result, sent.language)
        }
        Err(e) => (Err(e), String::new()),
    };
    let error = match result {
        Ok(_) => {
            return Ok(flash::redirect_with(
                &format!("{}#captions", content_path(id)),
                Flash::CaptionsUploaded,
                ctx.secure,
            ));
        }
        Err(error) => error,
    };
    let mut errors = FormErrors::default();
    let status = match &error {
        AppError::PayloadTooLarge => {
            let size = ctx.number(&(MAX_BYTES as u64 / 1024));
            errors.add(FIELD, ctx.t1("error-captions-too-large", "size", size));
            StatusCode::PAYLOAD_TOO_LARGE
        }
        AppError::Validation(fields) => {
            for (field, messages) in fields.iter() {
                let name = if field == "language" {
                    "language"
                } else {
                    FIELD
                };
                for message in messages {
                    let text = match message {
                        FieldError::Required => ctx.t("error-captions-required"),
                        other => ctx.locale.field_error(other),
                    };
                    errors.add(name, text);
                }
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        AppError::BadRequest(_) => {
            errors.add(FIELD, ctx.t("error-content-file-unreadable"));
            StatusCode::BAD_REQUEST
        }
        _ => return Err(error.into()),
    };
    let editor = EditorState {
        errors,
        captions_language: Some(language),
        ..EditorState::default()
    };
    editor::render(&state, status, ctx, &actor, id, editor).await
}

/// `POST /teach/contents/{id}/captions/delete` (the course's trainer, super admins).
pub async fn remove(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    captions::remove(&state, &actor(&who), id).await?;
    Ok(flash::redirect_with(
        &format!("{}#captions", content_path(id)),
        Flash::CaptionsRemoved,
        ctx.secure,
    ))
}

/// `GET` of either address (a reload after sending, a bookmark): the editor's captions,
/// for those who may open the editor.
pub async fn back(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Redirect, PageError> {
    crate::services::outline::author_content(&state, &actor(&who), id).await?;
    Ok(Redirect::to(&format!("{}#captions", content_path(id))))
}
