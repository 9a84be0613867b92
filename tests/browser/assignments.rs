//! Assignments in a real browser: the trainer sets one from the course's assignments page,
//! a trainee hands in text and a file from the assignment's page (with the upload's
//! progress bar), and the trainer grades the work with "Save and next" (the script moves
//! to the next ungraded submission in place), after which the trainee sees the grade.
//! Every page is checked (axe, no sideways scrolling at 360 px) and photographed, in
//! English and Arabic, at 1280 px and 360 px.

use axum::http::Method;
use serde_json::json;

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};
use crate::steps::{api, sign_in, sign_out};

fn pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..64 * 1024).map(|i| b'a' + (i % 26) as u8));
    bytes
}

async fn assignments(lang: &str, width: u32, height: u32) {
    let site = Site::start().await;
    let ar = lang == "ar";
    let trainer = UserBuilder::trainer()
        .named("Karim", "Nassar")
        .create(&site.app)
        .await;
    let token = site.app.login(&trainer.email, PASSWORD).await;
    let title = if ar {
        "السلامة في المستودع"
    } else {
        "Warehouse safety"
    };
    let course = api(
        &site,
        Method::POST,
        "/api/courses",
        &token,
        Some(json!({"title": title, "description": "Loads and aisles.", "level": "beginner"})),
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
    let (first, second) = if ar {
        (("سارة", "خليل"), ("عمر", "حداد"))
    } else {
        (("Lina", "Haddad"), ("Omar", "Saleh"))
    };
    let trainee = UserBuilder::trainee()
        .named(first.0, first.1)
        .create(&site.app)
        .await;
    let other = UserBuilder::trainee()
        .named(second.0, second.1)
        .create(&site.app)
        .await;
    for t in [&trainee, &other] {
        let t_token = site.app.login(&t.email, PASSWORD).await;
        api(
            &site,
            Method::POST,
            &format!("/api/courses/{course}/enroll"),
            &t_token,
            None,
        )
        .await;
    }
    let files = tempfile::tempdir().unwrap();
    let plan = files.path().join("loading-plan.pdf");
    std::fs::write(&plan, pdf()).unwrap();

    let device = if width <= 400 { "phone" } else { "desktop" };
    let mut browser =
        Browser::start_in(&format!("assignments-{lang}-{device}"), lang, width, height).await;
    let b = &mut browser;

    // The trainer sets the assignment.
    sign_in(b, &site, &trainer.email).await;
    b.goto(&site.url(&format!("/teach/courses/{course}/assignments")))
        .await;
    b.find("#assignments-empty").await;
    b.check("teach-empty").await;
    let assignment_title = if ar {
        "خطة التحميل"
    } else {
        "Loading plan"
    };
    b.fill("#assignment-title", assignment_title).await;
    b.fill(
        "#assignment-description",
        if ar {
            "ارسم خطة لرصيف التحميل.\n\nحدّد المخارج وممرات الرافعات."
        } else {
            "Draw a plan of the loading bay.\n\nMark the exits and the forklift lanes."
        },
    )
    .await;
    b.client
        .execute(
            "document.getElementById('assignment-due').value = '2031-05-01T17:00';",
            vec![],
        )
        .await
        .unwrap();
    b.fill("#assignment-points", "10").await;
    b.click("label[for='assignment-late']").await;
    b.click("label[for='assignment-published']").await;
    b.click("#assignment-create").await;
    b.find("#assignments").await;
    b.check("teach-list").await;
    let listed = api(
        &site,
        Method::GET,
        &format!("/api/courses/{course}/assignments"),
        &token,
        None,
    )
    .await;
    let id = listed["assignments"][0]["id"].as_str().unwrap().to_owned();
    // The other trainee hands in first, through the API.
    let other_token = site.app.login(&other.email, PASSWORD).await;
    api(
        &site,
        Method::POST,
        &format!("/api/assignments/{id}/submissions"),
        &other_token,
        Some(json!({"text": "Exits at both ends; lanes painted yellow."})),
    )
    .await;
    sign_out(b).await;

    // The trainee hands in text and a file.
    sign_in(b, &site, &trainee.email).await;
    b.goto(&site.url(&format!("/learn/{course}/assignments")))
        .await;
    b.find("#assignments").await;
    b.check("learn-list").await;
    b.click("#assignments .assignment-row__title a").await;
    b.find("#hand-in-form").await;
    b.check("assignment").await;
    b.fill(
        "#hand-in-text",
        if ar {
            "أرفقت الخطة. المخرجان عند طرفي الرصيف."
        } else {
            "The plan is attached. Two exits, one at each end."
        },
    )
    .await;
    b.find("#hand-in-files")
        .await
        .send_keys(&plan.display().to_string())
        .await
        .unwrap();
    b.click("#hand-in-submit").await;
    b.find("#work-status").await;
    b.wait_for_text("#work", "loading-plan.pdf").await;
    b.check("handed-in").await;
    sign_out(b).await;

    // The trainer grades both with "Save and next".
    sign_in(b, &site, &trainer.email).await;
    b.goto(&site.url(&format!("/teach/assignments/{id}/submissions")))
        .await;
    b.find("#submissions").await;
    b.check("submissions").await;
    b.click("#submissions .queue-row__title a").await;
    b.find("#grade-form").await;
    b.check("grade").await;
    b.fill("#grade-score", if ar { "٧" } else { "7" }).await;
    b.fill(
        "#grade-feedback",
        if ar {
            "واضحة، لكن أين نقطة التجمّع؟"
        } else {
            "Clear; where is the assembly point?"
        },
    )
    .await;
    b.click("#grade-save-next").await;
    // In place: the next ungraded submission, the trainee's.
    b.wait_for_text("#grade-title", first.0).await;
    b.wait_for_text(".grading-split__work", "loading-plan.pdf")
        .await;
    b.check("grade-next").await;
    b.fill("#grade-score", if ar { "٩٫٥" } else { "9.5" }).await;
    b.fill(
        "#grade-feedback",
        if ar {
            "**ممتاز**، خطة واضحة."
        } else {
            "**Excellent**, a clear plan."
        },
    )
    .await;
    b.click("#grade-save-next").await;
    b.find("#submissions").await;
    b.check("submissions-graded").await;
    sign_out(b).await;

    // The trainee sees the grade and the feedback.
    sign_in(b, &site, &trainee.email).await;
    b.goto(&site.url(&format!("/learn/assignments/{id}"))).await;
    b.find("#work-grade").await;
    b.wait_for_text("#work-feedback", if ar { "ممتاز" } else { "Excellent" })
        .await;
    b.check("graded").await;
    // Their home lists it under recent grades.
    b.goto(&site.url("/")).await;
    b.find("#home-grades").await;
    b.check("home-grades").await;
    sign_out(b).await;

    // The trainer's gradebook shows the grade; its table scrolls inside its frame on a
    // phone, never the page.
    sign_in(b, &site, &trainer.email).await;
    b.goto(&site.url(&format!("/teach/courses/{course}/gradebook")))
        .await;
    b.find("#gradebook table").await;
    b.check("gradebook").await;
    browser.close().await;
}

#[tokio::test]
async fn assignments_english_desktop() {
    assignments("en", 1280, 900).await;
}

#[tokio::test]
async fn assignments_english_phone() {
    assignments("en", 360, 780).await;
}

#[tokio::test]
async fn assignments_arabic_desktop() {
    assignments("ar", 1280, 900).await;
}

#[tokio::test]
async fn assignments_arabic_phone() {
    assignments("ar", 360, 780).await;
}
