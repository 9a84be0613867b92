//! Reading the file of a page's `multipart/form-data` form (the avatar, the CSV import, a
//! course cover), once `csrf::protect` has checked the form's token.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;

use crate::config::UploadsConfig;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::page::Page;

/// The body limit of the page routes that take a file: at least 10 MiB, and room for the
/// largest file limit (`[uploads]`) plus the form's other fields. A file above its own
/// limit is still read to the end, up to this much, and dropped: the browser then gets the
/// page with the field's error, rather than a connection closed mid-upload.
pub fn body_limit(uploads: &UploadsConfig) -> usize {
    let largest = uploads
        .avatar_max_bytes
        .max(uploads.csv_max_bytes)
        .max(uploads.thumbnail_max_bytes);
    (10 * 1024 * 1024).max(largest + 64 * 1024)
}

/// A limit in bytes as the pages state it: whole megabytes, rounded down (a limit is
/// never overstated), at least 1.
pub fn megabytes(ctx: &Page, bytes: usize) -> String {
    ctx.locale.number((bytes / (1024 * 1024)).max(1) as u64)
}

/// What the form's file field held.
#[derive(Debug)]
pub enum Upload {
    /// No file chosen (or an empty one).
    Missing,
    /// More than the limit; nothing was kept.
    TooLarge,
    File(Bytes),
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
            (false, false) => Upload::File(Bytes::from(bytes)),
        });
    }
}
