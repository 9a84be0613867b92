//! Certificates in a real browser: a trainee who completed a course finds their
//! certificate, downloads it, and anyone opens its public verification page. In English
//! and Arabic (an Arabic name and course title), on a 1280 px desktop and a 360 px phone,
//! each page checked (axe, no sideways scrolling) and photographed.

use axum::http::Method;
use courseworx::db::entities::enums::ContentType;
use serde_json::json;

use crate::fixtures::{ContentBuilder, CourseBuilder, PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};

async fn certificates(lang: &str, width: u32, height: u32) {
    let site = Site::start().await;
    let (first, last, title) = if lang == "ar" {
        ("مريم", "الحسيني", "مقدمة في السلامة المهنية")
    } else {
        ("Ada", "Lovelace", "Safety at work")
    };
    let trainer = UserBuilder::trainer()
        .named("Grace", "Hopper")
        .create(&site.app)
        .await;
    let course = CourseBuilder::new(&trainer)
        .title(title)
        .published()
        .create(&site.app)
        .await;
    let lesson = ContentBuilder::new(&course).create(&site.app).await;
    ContentBuilder::new(&course)
        .kind(ContentType::Certificate)
        .create(&site.app)
        .await;
    let trainee = UserBuilder::trainee()
        .named(first, last)
        .create(&site.app)
        .await;
    let token = site.app.login(&trainee.email, PASSWORD).await;
    site.app
        .send(
            Method::POST,
            &format!("/api/courses/{}/enroll", course.id),
            Some(&token),
            None,
        )
        .await;
    let done = site
        .app
        .send(
            Method::POST,
            &format!("/api/contents/{}/complete", lesson.id),
            Some(&token),
            Some(json!({})),
        )
        .await;
    assert_eq!(
        done.json["progress"]["enrollment"]["status"], "completed",
        "{}",
        done.text
    );

    let device = if width <= 400 { "phone" } else { "desktop" };
    let mut b = Browser::start_in(
        &format!("certificates-{lang}-{device}"),
        lang,
        width,
        height,
    )
    .await;
    b.goto(&site.url("/login")).await;
    b.fill("#login-email", &trainee.email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("form[action='/login'] button[type='submit']").await;
    b.wait_for_path("/").await;

    b.goto(&site.url("/certificates")).await;
    b.wait_for_text(".certificate-card__title", title).await;
    b.check("certificates").await;
    let download = b
        .find(".certificate-card__actions a[download]")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("a download link");
    // The download is the PDF itself, with the session cookie.
    let pdf = b
        .client
        .execute(
            "const r = await fetch(arguments[0]); const t = r.headers.get('content-type'); \
             const head = new Uint8Array(await r.arrayBuffer()).slice(0, 5); \
             return [r.status, t, String.fromCharCode(...head)];",
            vec![json!(download)],
        )
        .await
        .unwrap();
    assert_eq!(pdf, json!([200, "application/pdf", "%PDF-"]));

    // The share link opens the public page, which shows the name and course, no e-mail.
    b.click(".certificate-card__actions a:not([download])")
        .await;
    b.wait_for_text(".verify__holder", first).await;
    let page = b.text("main").await;
    assert!(page.contains(title), "{page}");
    assert!(!page.contains(&trainee.email), "{page}");
    b.check("verify").await;
    b.close().await;
}

#[tokio::test]
async fn certificate_pages_english_desktop() {
    certificates("en", 1280, 900).await;
}

#[tokio::test]
async fn certificate_pages_english_phone() {
    certificates("en", 360, 780).await;
}

#[tokio::test]
async fn certificate_pages_arabic_desktop() {
    certificates("ar", 1280, 900).await;
}

#[tokio::test]
async fn certificate_pages_arabic_phone() {
    certificates("ar", 360, 780).await;
}
