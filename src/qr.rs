//! QR codes as images: a PNG (what a phone's camera, or `zbarimg`, reads from a screen)
//! and an inline SVG (the check-in screen). Dark modules on white, with the four-module
//! quiet zone the standard asks for.

use qrcode::{Color, QrCode};

/// The white margin around the code, in modules.
const QUIET: usize = 4;

fn modules(text: &str) -> Result<(usize, Vec<bool>), qrcode::types::QrError> {
    let code = QrCode::new(text.as_bytes())?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, dark))
}

/// `text` as a PNG, `scale` pixels per module.
pub fn png(text: &str, scale: u32) -> anyhow::Result<Vec<u8>> {
    let (width, dark) = modules(text)?;
    let side = u32::try_from(width + 2 * QUIET)? * scale;
    let image = image::GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = ((x / scale) as usize, (y / scale) as usize);
        let inside = (QUIET..QUIET + width).contains(&mx) && (QUIET..QUIET + width).contains(&my);
        let on = inside && dark[(my - QUIET) * width + (mx - QUIET)];
        image::Luma([if on { 0 } else { 255 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png)?;
    Ok(out.into_inner())
}

/// `text` as an SVG of one path, sized by its container; `label` is its text alternative.
pub fn svg(text: &str, label: &str) -> anyhow::Result<String> {
    let (width, dark) = modules(text)?;
    let side = width + 2 * QUIET;
    let mut path = String::new();
    for (i, on) in dark.iter().enumerate() {
        if *on {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let label = label
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" role="img" aria-label="{label}" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}
