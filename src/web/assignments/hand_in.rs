//! Reading the hand-in form (`multipart/form-data`: `text` and up to `FILES_MAX` `files`),
//! each file streamed to storage through `services::assignments::store_file`, as the API's
//! reader does. Unlike the API, when a part is refused the rest of the upload is read and
//! dropped, so that the browser gets the page with the field's error rather than a
//! connection closed mid-upload; the files stored so far are removed.

use axum::extract::multipart::Field;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;
use uuid::Uuid;

use crate::db::submissions::StoredFile;
use crate::domain::assignment::TEXT_MAX;
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::assignments::{self, FILES_MAX};
use crate::state::AppState;

/// The body limit of the hand-in form: `FILES_MAX` files of the largest document or image,
/// the text, and room for the form around them (as the API's).
pub fn body_limit(uploads: &crate::config::UploadsConfig) -> usize {
    let largest = uploads.document_max_bytes.max(uploads.image_max_bytes);
    usize::try_from(largest.saturating_mul(FILES_MAX as u64))
        .unwrap_or(usize::MAX)
        .saturating_add(TEXT_MAX * 4 + crate::api::MULTIPART_ROOM)
}

/// What the form held: its text, and the files stored.
pub struct HandIn {
    pub text: Option<String>,
    pub files: Vec<StoredFile>,
}

fn unreadable(status: StatusCode, text: String) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest(text)
    }
}

async fn read_text(field: &mut Field<'_>) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| unreadable(e.status(), e.body_text()))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > TEXT_MAX * 4 {
            return Err(AppError::field(
                "text",
                FieldError::Length {
                    min: 1,
                    max: TEXT_MAX,
                },
            ));
        }
    }
    String::from_utf8(bytes).map_err(|_| AppError::BadRequest("The text is not UTF-8.".to_owned()))
}

/// Reads the form; on any refusal the files stored so far are removed, and the text read
/// so far is given back for the form to show again.
pub async fn read(
    state: &AppState,
    assignment_id: Uuid,
    request: Request,
) -> Result<HandIn, (AppError, String)> {
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|e| (unreadable(e.status(), e.body_text()), String::new()))?;
    let mut text = None;
    let mut files = Vec::new();
    let read = async {
        while let Some(mut field) = form
            .next_field()
            .await
            .map_err(|e| unreadable(e.status(), e.body_text()))?
        {
            match field.name() {
                Some("text") => text = Some(read_text(&mut field).await?),
                Some("files") => {
                    // A file input left empty sends a part with no file name and no bytes.
                    if field.file_name().is_none_or(str::is_empty) {
                        continue;
                    }
                    if files.len() == FILES_MAX {
                        return Err(AppError::field(
                            "files",
                            FieldError::TooMany { max: FILES_MAX },
                        ));
                    }
                    let name = crate::services::content_files::display_name(field.file_name());
                    match assignments::store_file(state, assignment_id, name, Box::pin(field)).await
                    {
                        Ok(file) => files.push(file),
                        // An empty file is not a file.
                        Err(AppError::Validation(_)) => {}
                        Err(e) => return Err(e),
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
    .await;
    match read {
        Ok(()) => Ok(HandIn { text, files }),
        Err(e) => {
            assignments::forget_files(state, &files).await;
            // The rest of the body, read and dropped (up to the route's limit).
            while let Ok(Some(mut field)) = form.next_field().await {
                while let Ok(Some(_)) = field.chunk().await {}
            }
            Err((e, text.unwrap_or_default()))
        }
    }
}
