//! The identity journey of the web foundation issue, in a real browser: first-run setup ->
//! the super admin signs in -> ... Every page visited is checked (axe, 360 px) and
//! photographed. Run in English and Arabic, on a desktop and a 360 px phone, and once with
//! the keyboard alone.

use crate::harness::{Browser, Site};

/// How the journey is driven.
#[derive(Clone, Copy)]
struct Variant {
    lang: &'static str,
    width: u32,
    height: u32,
    keyboard: bool,
}

impl Variant {
    fn name(&self) -> String {
        let device = if self.width <= 400 {
            "phone"
        } else {
            "desktop"
        };
        let input = if self.keyboard { "-keyboard" } else { "" };
        format!("{}-{device}{input}", self.lang)
    }
}

/// Fills a form: by clicking into each field, or (keyboard variant) by tabbing to it.
async fn fill_form(b: &Browser, v: Variant, fields: &[(&str, &str)], submit: &str) {
    for (css, value) in fields {
        if v.keyboard {
            b.tab_to(css).await;
            b.type_text(value).await;
        } else {
            b.fill(css, value).await;
        }
    }
    if v.keyboard {
        b.tab_to(submit).await;
        b.press_enter().await;
    } else {
        b.click(submit).await;
    }
}

async fn journey(v: Variant) {
    let site = Site::start().await;
    let mut b = Browser::start_in(&v.name(), v.lang, v.width, v.height).await;
    let token = courseworx::services::setup::prepare(site.app.db())
        .await
        .unwrap()
        .expect("a fresh site needs setup");

    // First-run setup.
    b.goto(&site.url(&format!("/setup?token={token}"))).await;
    let html_dir = b
        .client
        .execute("return document.documentElement.dir;", vec![])
        .await
        .unwrap();
    let want_dir = if v.lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(html_dir, serde_json::json!(want_dir), "page direction");
    b.check("setup").await;
    fill_form(
        &b,
        v,
        &[
            ("#setup-first-name", "Amina"),
            ("#setup-last-name", "Haddad"),
            ("#setup-email", "amina@example.com"),
            ("#setup-password", "first-admin-pass"),
        ],
        "form[action='/setup'] button[type='submit']",
    )
    .await;
    b.wait_for_path("/").await;
    b.check("admin-home").await;
    assert!(b.page_text().await.contains("Amina"));

    // Sign out and back in.
    if v.keyboard {
        b.tab_to(".user-menu summary").await;
        b.press_enter().await;
        b.tab_to("form[action='/logout'] button[type='submit']")
            .await;
        b.press_enter().await;
    } else {
        // The log-out button sits in the user menu (a <details>): open it first.
        b.click(".user-menu summary").await;
        b.click("form[action='/logout'] button[type='submit']")
            .await;
    }
    b.wait_for_path("/login").await;
    b.check("login").await;
    fill_form(
        &b,
        v,
        &[
            ("#login-email", "amina@example.com"),
            ("#login-password", "first-admin-pass"),
        ],
        "form[action='/login'] button[type='submit']",
    )
    .await;
    b.wait_for_path("/").await;
    b.check("admin-home-again").await;

    b.close().await;
}

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (360, 780);

#[tokio::test]
async fn journey_english_desktop() {
    journey(Variant {
        lang: "en",
        width: DESKTOP.0,
        height: DESKTOP.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_english_phone() {
    journey(Variant {
        lang: "en",
        width: PHONE.0,
        height: PHONE.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_arabic_desktop() {
    journey(Variant {
        lang: "ar",
        width: DESKTOP.0,
        height: DESKTOP.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_arabic_phone() {
    journey(Variant {
        lang: "ar",
        width: PHONE.0,
        height: PHONE.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_english_keyboard_only() {
    journey(Variant {
        lang: "en",
        width: DESKTOP.0,
        height: DESKTOP.1,
        keyboard: true,
    })
    .await;
}
