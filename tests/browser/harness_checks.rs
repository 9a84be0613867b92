//! The checks themselves can fail: a page with a known violation and a too-wide page are
//! caught, a clean page passes.

use crate::harness::Browser;

const CLEAN: &str = "data:text/html,<!doctype html><html lang='en'><head><meta name='viewport' content='width=device-width, initial-scale=1'><title>Clean</title></head>\
    <body><main><h1>Clean</h1><p>Nothing wrong here.</p></main></body></html>";
const NO_ALT: &str = "data:text/html,<!doctype html><html lang='en'><head><meta name='viewport' content='width=device-width, initial-scale=1'><title>Bad</title></head>\
    <body><main><h1>Bad</h1><img src='x.png'></main></body></html>";
const TOO_WIDE: &str = "data:text/html,<!doctype html><html lang='en'><head><meta name='viewport' content='width=device-width, initial-scale=1'><title>Wide</title></head>\
    <body><main><h1>Wide</h1><div style='width:900px'>wide</div></main></body></html>";

#[tokio::test]
async fn the_page_checks_catch_what_they_are_for() {
    let mut browser = Browser::start("harness", 360, 800).await;
    browser.goto(CLEAN).await;
    browser.check("clean").await;

    browser.goto(NO_ALT).await;
    let caught = std::panic::AssertUnwindSafe(browser.assert_accessible("no alt"));
    let result = futures_util::FutureExt::catch_unwind(caught).await;
    let message = result.expect_err("axe missed an image without alt");
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("image-alt"), "{message}");

    browser.goto(TOO_WIDE).await;
    let caught = std::panic::AssertUnwindSafe(browser.assert_no_horizontal_scroll("too wide"));
    assert!(futures_util::FutureExt::catch_unwind(caught).await.is_err());
    browser.close().await;
}
