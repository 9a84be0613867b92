//! The API reference page: accessible and without sideways scrolling on a phone, in both
//! languages (its long paths and type descriptions must wrap).

use crate::harness::{Browser, Site};

async fn reference(lang: &str, width: u32) {
    let site = Site::start().await;
    let mut browser =
        Browser::start_in(&format!("api-docs-{lang}-{width}"), lang, width, 800).await;
    browser.goto(&site.url("/api/docs")).await;
    browser
        .wait_for_text(
            "h1",
            if lang == "ar" {
                "مرجع"
            } else {
                "API reference"
            },
        )
        .await;
    browser.check("api-docs").await;
    browser.close().await;
}

#[tokio::test]
async fn the_api_reference_works_on_a_phone_in_both_languages() {
    reference("en", 360).await;
    reference("ar", 360).await;
}

#[tokio::test]
async fn the_api_reference_works_on_a_desktop() {
    reference("en", 1280).await;
}
