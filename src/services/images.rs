//! Pictures users upload (avatars), decoded and re-encoded before they are stored.
//!
//! Re-encoding is the point: what is served is pixels we wrote ourselves, so metadata (a
//! phone's GPS position in EXIF), bytes after the image (a polyglot's HTML or zip) and
//! anything a viewer might mis-read never leave the server. The size is read from the
//! header first, and a picture with more pixels than `MAX_SOURCE_SIDE` allows is refused
//! before any pixel is decoded: a small file can claim 20000 × 20000 pixels (1.6 GB once
//! decoded).

use std::io::Cursor;

use bytes::Bytes;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use tokio::sync::Semaphore;

use crate::domain::validation::FieldError;
use crate::error::AppError;

/// The widest and tallest picture taken (a 12-megapixel phone photo is 4032 × 3024). At
/// this size the decoded picture is at most 128 MiB (16-bit RGBA).
pub const MAX_SOURCE_SIDE: u32 = 4096;

/// Avatars are stored at most this wide and tall, keeping their proportions.
pub const AVATAR_SIDE: u32 = 512;

/// Decoding takes a lot of memory for a moment: at most this many pictures at once, so
/// concurrent uploads cannot add up to more than a few hundred MiB.
static DECODES: Semaphore = Semaphore::const_new(2);

/// Why a picture is refused; each is the client's doing (4xx), never ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not a JPEG, PNG or WebP file, whatever its name or declared type.
    NotAnImage,
    /// Wider or taller than `MAX_SOURCE_SIDE`.
    TooManyPixels,
    /// Looks like an image but cannot be decoded (truncated or damaged).
    Unreadable,
}

impl Refusal {
    /// The API's answer for the form field `field`. The field messages are the domain's
    /// English; the pages translate them (`web::i18n`).
    pub fn into_error(self, field: &str) -> AppError {
        let error = match self {
            Refusal::NotAnImage => {
                return AppError::UnsupportedMediaType(
                    "The picture must be a JPEG, PNG or WebP image.".to_owned(),
                );
            }
            Refusal::TooManyPixels => FieldError::ImagePixels {
                max: MAX_SOURCE_SIDE,
            },
            Refusal::Unreadable => FieldError::ImageUnreadable,
        };
        AppError::field(field, error)
    }
}

/// The picture shrunk to fit `side` × `side` (never enlarged), upright (its EXIF
/// orientation applied, as that tag is dropped with the rest), as a PNG. Runs on the
/// blocking pool, a few at a time.
pub async fn reencode(bytes: Bytes, side: u32) -> Result<Result<Bytes, Refusal>, AppError> {
    let permit = DECODES
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    // The permit goes with the work: a client that hangs up does not free it while its
    // picture is still being decoded.
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        reencode_now(&bytes, side)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// `Ok(Err(refusal))` for the client's mistakes, `Err` for ours (encoding failed).
fn reencode_now(bytes: &[u8], side: u32) -> Result<Result<Bytes, Refusal>, AppError> {
    let reader = match ImageReader::new(Cursor::new(bytes)).with_guessed_format() {
        Ok(reader) => reader,
        Err(_) => return Ok(Err(Refusal::NotAnImage)),
    };
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Ok(Err(Refusal::NotAnImage));
    }
    let mut reader = reader;
    reader.limits(limits());
    let mut decoder = match reader.into_decoder() {
        Ok(decoder) => decoder,
        Err(image::ImageError::Limits(_)) => return Ok(Err(Refusal::TooManyPixels)),
        Err(_) => return Ok(Err(Refusal::Unreadable)),
    };
    // The header's claim, before a single pixel is decoded (the limits above check it
    // too; this is the rule, the limits are the safety net).
    let (width, height) = decoder.dimensions();
    if width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE {
        return Ok(Err(Refusal::TooManyPixels));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = match DynamicImage::from_decoder(decoder) {
        Ok(picture) => picture,
        Err(image::ImageError::Limits(_)) => return Ok(Err(Refusal::TooManyPixels)),
        Err(_) => return Ok(Err(Refusal::Unreadable)),
    };
    picture.apply_orientation(orientation);
    if picture.width() > side || picture.height() > side {
        picture = picture.resize(side, side, image::imageops::FilterType::Triangle);
    }
    // 8 bits per channel is all a screen shows; alpha only when the picture has it.
    let picture = if picture.color().has_alpha() {
        DynamicImage::ImageRgba8(picture.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(picture.into_rgb8())
    };
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("encoding an avatar: {e}")))?;
    Ok(Ok(Bytes::from(out.into_inner())))
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    // The largest allowed picture decoded at 16 bits per RGBA channel, plus room for the
    // decoder's own buffers.
    limits.max_alloc = Some(u64::from(MAX_SOURCE_SIDE).pow(2) * 8 + 64 * 1024 * 1024);
    limits
}

#[cfg(test)]
mod tests;
