//! The stylesheet, script and icons, compiled into the binary and served under `/assets/`.
//!
//! Pages link them with a content hash in the query (`/assets/css/app.css?v=1a2b3c4d`), so
//! they can be cached for a year: a new release changes the hash and therefore the URL.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

struct Asset {
    path: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    /// The first 16 hex digits of the SHA-256 of `bytes`.
    hash: String,
}

/// Every file the pages use. The style guide and its sample images stay in the repository.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "css/app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/css/app.css"),
    ),
    (
        "css/teaching.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/css/teaching.css"),
    ),
    (
        "js/quiz.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/quiz.js"),
    ),
    (
        "js/dialog.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/dialog.js"),
    ),
    (
        "js/editor.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/editor.js"),
    ),
    (
        "css/learning.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/css/learning.css"),
    ),
    (
        "js/player.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/player.js"),
    ),
    (
        "css/attendance.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/css/attendance.css"),
    ),
    (
        "js/check-in.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/check-in.js"),
    ),
    (
        "css/classroom.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/css/classroom.css"),
    ),
    (
        "css/dashboard.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/css/dashboard.css"),
    ),
    (
        "js/assignments.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/assignments.js"),
    ),
    (
        "img/favicon.svg",
        "image/svg+xml",
        include_bytes!("../../assets/img/favicon.svg"),
    ),
];

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(path, content_type, bytes)| Asset {
            path,
            content_type,
            bytes,
            hash: hex::encode(&Sha256::digest(bytes)[..8]),
        })
        .collect()
});

fn find(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

/// The URL of an asset, versioned by its content.
pub fn url(path: &str) -> String {
    match find(path) {
        Some(asset) => format!("/assets/{}?v={}", asset.path, asset.hash),
        None => format!("/assets/{path}"),
    }
}

const A_YEAR: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

/// `GET /assets/{*path}` (anyone).
pub async fn show(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some(asset) = find(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", asset.hash);
    let etag_value = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\""));
    let fresh = headers
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = asset.bytes.into_response();
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
        response
    };
    let h = response.headers_mut();
    h.insert(CACHE_CONTROL, A_YEAR);
    h.insert(ETAG, etag_value);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_content_hash() {
        let u = url("css/app.css");
        assert!(u.starts_with("/assets/css/app.css?v="), "{u}");
        assert_eq!(u.len(), "/assets/css/app.css?v=".len() + 16);
    }
}
