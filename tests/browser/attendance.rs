//! Attendance in a real browser: the trainer shows the check-in screen, a trainee types
//! the code from it on their check-in page and signs in, and the trainer takes the
//! register (one tap to mark someone absent). Every screen is checked (axe, no sideways
//! scrolling at 360 px) and photographed, in English and Arabic, at 1280 px and 360 px.

use axum::http::Method;
use serde_json::json;

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};
use crate::steps::{api, sign_in, sign_out};

async fn attendance(lang: &str, width: u32, height: u32) {
    let site = Site::start().await;
    let ar = lang == "ar";
    let trainer = UserBuilder::trainer()
        .named("Karim", "Nassar")
        .create(&site.app)
        .await;
    let token = site.app.login(&trainer.email, PASSWORD).await;
    let title = if ar {
        "الإسعافات الأولية"
    } else {
        "First aid"
    };
    let course = api(
        &site,
        Method::POST,
        "/api/courses",
        &token,
        Some(json!({"title": title, "description": "Bandages and calm.", "level": "beginner"})),
    )
    .await;
    let course = course["course"]["id"].as_str().unwrap().to_owned();
    api(
        &site,
        Method::POST,
        &format!("/api/courses/{course}/publish"),
        &token,
        None,
    )
    .await;
    let people = if ar {
        [("أمل", "يوسف"), ("سارة", "منصور")]
    } else {
        [("Amal", "Yousef"), ("Omar", "Khaled")]
    };
    let mut trainees = Vec::new();
    for (i, (first, last)) in people.iter().enumerate() {
        let t = UserBuilder::trainee()
            .named(first, last)
            .email(&format!("trainee{i}.{lang}{width}@example.org"))
            .create(&site.app)
            .await;
        let t_token = site.app.login(&t.email, PASSWORD).await;
        api(
            &site,
            Method::POST,
            &format!("/api/courses/{course}/enroll"),
            &t_token,
            None,
        )
        .await;
        trainees.push(t);
    }

    let device = if width <= 400 { "phone" } else { "desktop" };
    let mut browser =
        Browser::start_in(&format!("attendance-{lang}-{device}"), lang, width, height).await;
    let b = &mut browser;

    // The trainer's check-in screen: the code, as a QR code and as letters.
    sign_in(b, &site, &trainer.email).await;
    b.goto(&site.url(&format!("/teach/courses/{course}/check-in")))
        .await;
    b.find("#check-in-qr svg").await;
    b.check("check-in-screen").await;
    let code = b.text("#check-in-code").await;
    let code: String = code
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();

    // A trainee types it on their check-in page.
    sign_out(b).await;
    sign_in(b, &site, &trainees[0].email).await;
    b.goto(&site.url(&format!("/attend/{course}"))).await;
    b.find("#attend-code").await;
    b.check("attend").await;
    b.fill("#attend-code", &code.to_lowercase()).await;
    b.click("#attend-submit").await;
    b.find("#attend-sign-out").await;
    b.check("attend-signed-in").await;

    // The trainer takes the register: trainee 0 signed in; trainee 1 marked absent.
    sign_out(b).await;
    sign_in(b, &site, &trainer.email).await;
    b.goto(&site.url(&format!("/teach/courses/{course}/attendance")))
        .await;
    b.find("#register").await;
    b.check("register").await;
    let absent = format!(
        "label.register__choice--absent input[name='status-{}']",
        trainees[1].id
    );
    b.client
        .execute(
            "document.querySelector(arguments[0]).closest('label').click(); return true;",
            vec![json!(absent)],
        )
        .await
        .unwrap();
    b.click("#register-save").await;
    b.find(".flash").await;
    b.check("register-saved").await;
    let checked = b
        .client
        .execute(
            "return document.querySelector(arguments[0]).checked;",
            vec![json!(absent)],
        )
        .await
        .unwrap();
    assert_eq!(checked, json!(true));

    // The trainer's home: the course's card with its progress chart; then its statistics,
    // where the register just taken is the attendance chart's one session (1 of 2: 50%).
    b.goto(&site.url("/")).await;
    b.find(&format!("#course-card-{course} svg")).await;
    b.check("trainer-home").await;
    b.goto(&site.url(&format!("/teach/courses/{course}/statistics")))
        .await;
    b.find("#chart-attendance svg").await;
    let rate = b.text("#ring-attendance .ring__text").await;
    assert_eq!(rate, if ar { "٥٠٪" } else { "50%" });
    b.check("statistics").await;
    b.client
        .execute(
            "document.querySelector('#h-charts').scrollIntoView(); return true;",
            vec![],
        )
        .await
        .unwrap();
    b.check("statistics-charts").await;
    sign_out(b).await;

    // The super admin's dashboard: the course among the top ones, enrolments over time.
    let admin = UserBuilder::super_admin()
        .email(&format!("admin.{lang}{width}@example.org"))
        .create(&site.app)
        .await;
    sign_in(b, &site, &admin.email).await;
    b.find("#chart-enrolments svg").await;
    b.wait_for_text("#top-courses", title).await;
    b.check("admin-dashboard").await;
    browser.close().await;
}

#[tokio::test]
async fn attendance_english_desktop() {
    attendance("en", 1280, 900).await;
}

#[tokio::test]
async fn attendance_english_phone() {
    attendance("en", 360, 780).await;
}

#[tokio::test]
async fn attendance_arabic_desktop() {
    attendance("ar", 1280, 900).await;
}

#[tokio::test]
async fn attendance_arabic_phone() {
    attendance("ar", 360, 780).await;
}
