//! Reading the file of a page's `multipart/form-data` form (the avatar, the CSV import),
//! once `csrf::protect` has checked the form's token.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::errors::PageError;

/// The body limit of the page routes that take a file. A file above its own limit (2 MB
/// for an avatar) is still read to the end, up to this much, and dropped: the browser then
/// gets the page with the field's error, rather than a connection closed mid-upload.
pub const UPLOAD_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// What the form's file field held.
#[derive(Debug)]
pub enum Upload {
    /// No file chosen (or an empty one).
    Missing,
    /// More than the limit; nothing was kept.
    TooLarge,
    File(Vec<u8>),
}

fn unreadable(text: String) -> PageError {
    PageError::from(AppError::BadRequest(text))
}

/// The bytes of the file field `name`, if at most `max` of them. Memory use stays below
/// `max` whatever the size of the upload.
pub async fn read_file(
    state: &AppState,
    request: Request,
    name: &str,
    max: usize,
) -> Result<Upload, PageError> {
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|e| unreadable(e.body_text()))?;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok(Upload::Missing),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Ok(Upload::TooLarge),
            Err(e) => return Err(unreadable(e.body_text())),
        };
        if field.name() != Some(name) {
            continue;
        }
        let mut bytes = Vec::new();
        let mut too_large = false;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if !too_large && bytes.len() + chunk.len() <= max => {
                    bytes.extend_from_slice(&chunk);
                }
                Ok(Some(_)) => {
                    too_large = true;
                    bytes = Vec::new();
                }
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return Ok(Upload::TooLarge);
                }
                Err(e) => return Err(unreadable(e.body_text())),
            }
        }
        return Ok(match (too_large, bytes.is_empty()) {
            (true, _) => Upload::TooLarge,
            (false, true) => Upload::Missing,
            (false, false) => Upload::File(bytes),
        });
    }
}
