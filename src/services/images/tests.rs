use std::io::Cursor;

use image::{DynamicImage, GenericImageView, ImageFormat, RgbImage, RgbaImage};

use super::*;

fn encoded(picture: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    }))
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut checked = kind.to_vec();
    checked.extend_from_slice(data);
    out.extend_from_slice(&crc32(&checked).to_be_bytes());
    out
}

/// A PNG whose header claims this size, with a token of (invalid) pixel data: the file is
/// tiny whatever it claims.
fn claimed_png(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// A JPEG carrying EXIF: orientation 6 (turn 90° clockwise to show) and a GPS latitude.
fn jpeg_with_exif(picture: &DynamicImage) -> Vec<u8> {
    let jpeg = encoded(picture, ImageFormat::Jpeg);
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 1]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for (n, d) in [(33u32, 1u32), (53, 1), (1234, 100)] {
        tiff.extend_from_slice(&n.to_be_bytes());
        tiff.extend_from_slice(&d.to_be_bytes());
    }
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\x00\x00");
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend(app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn decode(png: &[u8]) -> DynamicImage {
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    image::load_from_memory_with_format(png, ImageFormat::Png).unwrap()
}

async fn run(bytes: Vec<u8>) -> Result<Bytes, Refusal> {
    reencode(Bytes::from(bytes), AVATAR_SIDE).await.unwrap()
}

#[tokio::test]
async fn a_large_photo_is_shrunk_keeping_its_proportions_and_a_small_one_is_not_enlarged() {
    let out = run(encoded(&photo(1200, 600), ImageFormat::Jpeg))
        .await
        .unwrap();
    assert_eq!(decode(&out).dimensions(), (512, 256));
    let out = run(encoded(&photo(40, 30), ImageFormat::WebP))
        .await
        .unwrap();
    assert_eq!(decode(&out).dimensions(), (40, 30));
    // Transparency is kept.
    let clear = DynamicImage::ImageRgba8(RgbaImage::from_pixel(8, 8, image::Rgba([0, 0, 0, 0])));
    let out = run(encoded(&clear, ImageFormat::Png)).await.unwrap();
    assert_eq!(decode(&out).get_pixel(3, 3)[3], 0);
}

#[tokio::test]
async fn exif_is_dropped_after_its_orientation_is_applied() {
    let original = jpeg_with_exif(&photo(60, 20));
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let out = run(original).await.unwrap();
    assert!(!out.windows(4).any(|w| w == b"Exif"), "EXIF left in");
    assert!(
        !out.windows(4).any(|w| w == b"MM\x00\x2a"),
        "a TIFF block left in"
    );
    // Shown upright: turned a quarter, as the camera said.
    assert_eq!(decode(&out).dimensions(), (20, 60));
}

#[tokio::test]
async fn a_picture_claiming_too_many_pixels_is_refused_before_decoding() {
    for (width, height) in [
        (20_000, 20_000),
        (MAX_SOURCE_SIDE + 1, 10),
        (10, MAX_SOURCE_SIDE + 1),
    ] {
        let claimed = claimed_png(width, height);
        assert!(claimed.len() < 100);
        assert_eq!(
            run(claimed).await,
            Err(Refusal::TooManyPixels),
            "{width}x{height}"
        );
    }
}

#[tokio::test]
async fn trailing_payloads_are_not_carried_over() {
    let mut polyglot = encoded(&photo(16, 16), ImageFormat::Png);
    polyglot.extend_from_slice(b"<html><script>alert(document.cookie)</script></html>PK\x03\x04");
    let out = run(polyglot).await.unwrap();
    assert!(!out.windows(7).any(|w| w == b"<script"));
    assert!(!out.windows(4).any(|w| w == b"PK\x03\x04"));
    assert_eq!(decode(&out).dimensions(), (16, 16));
}

#[tokio::test]
async fn anything_else_is_refused_for_what_it_is() {
    for bytes in [
        b"just some text".to_vec(),
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec(),
        b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        Vec::new(),
    ] {
        assert_eq!(run(bytes).await, Err(Refusal::NotAnImage));
    }
    // A PNG's header without a readable picture.
    assert_eq!(run(claimed_png(16, 16)).await, Err(Refusal::Unreadable));
    let mut cut = encoded(&photo(64, 64), ImageFormat::Jpeg);
    cut.truncate(200);
    assert_eq!(run(cut).await, Err(Refusal::Unreadable));
}
