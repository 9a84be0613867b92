//! Quizzes, the roster and grading in a real browser: a trainee takes a timed quiz (the
//! script saves each answer and ticks the navigator), submits and sees the result; the
//! trainer opens the roster, enrols by e-mail, and grades the written answer from the
//! queue. Every page is checked (axe, no sideways scrolling at 360 px) and photographed, in
//! English and Arabic, at 1280 px and 360 px.

use axum::http::Method;
use serde_json::json;

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};
use crate::steps::{api, sign_in, sign_out};

async fn teaching(lang: &str, width: u32, height: u32) {
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
    let quiz_title = if ar {
        "اختبار السلامة"
    } else {
        "Safety check"
    };
    let quiz = api(
        &site,
        Method::POST,
        &format!("/api/courses/{course}/contents"),
        &token,
        Some(json!({"title": quiz_title, "type": "quiz",
                    "quizData": {"passingScore": 70, "maxAttempts": 3, "timeLimitMinutes": 15}})),
    )
    .await;
    let quiz = quiz["content"]["id"].as_str().unwrap().to_owned();
    for q in [
        json!({"question": "What is the safe load of a standard pallet rack beam?", "questionType": "single_choice",
               "options": ["500 kg", "1,000 kg", "Whatever fits"], "correctAnswer": "1,000 kg", "explanation": "It is on the beam's label."}),
        json!({"question": "Which of these do you wear in the loading bay?", "questionType": "multiple_choice",
               "options": ["Safety shoes", "High-visibility vest", "Sandals"], "correctAnswer": ["Safety shoes", "High-visibility vest"]}),
        json!({"question": "Forklifts have right of way in aisles.", "questionType": "true_false", "correctAnswer": "true"}),
        json!({"question": "Describe what you do before moving a load.", "questionType": "text", "manualGrading": true, "points": 3}),
    ] {
        api(
            &site,
            Method::POST,
            &format!("/api/contents/{quiz}/questions"),
            &token,
            Some(q),
        )
        .await;
    }
    let (first, last) = if ar {
        ("أمل", "يوسف")
    } else {
        ("Amal", "Yousef")
    };
    let trainee = UserBuilder::trainee()
        .named(first, last)
        .email("amal.yousef@example.org")
        .create(&site.app)
        .await;
    let t_token = site.app.login(&trainee.email, PASSWORD).await;
    api(
        &site,
        Method::POST,
        &format!("/api/courses/{course}/enroll"),
        &t_token,
        None,
    )
    .await;
    for (f, l, e) in [
        ("Omar", "Khaled", "omar.khaled@example.org"),
        ("سارة", "منصور", "sara.mansour@example.org"),
    ] {
        UserBuilder::trainee()
            .named(f, l)
            .email(e)
            .create(&site.app)
            .await;
    }

    let device = if width <= 400 { "phone" } else { "desktop" };
    let mut browser =
        Browser::start_in(&format!("teaching-{lang}-{device}"), lang, width, height).await;
    let b = &mut browser;

    // The trainee: the quiz's page, the attempt (saved by the script), the result.
    sign_in(b, &site, &trainee.email).await;
    b.goto(&site.url(&format!("/learn/quizzes/{quiz}"))).await;
    b.find("#quiz-start").await;
    b.check("quiz-intro").await;
    b.click("#quiz-start").await;
    b.find("#quiz-timer").await;
    b.click("label[for='q1-1']").await;
    b.wait_for_text("#quiz-saved", if ar { "حُفظ" } else { "Saved" })
        .await;
    b.click("label[for='q2-0']").await;
    b.click("label[for='q2-1']").await;
    b.fill(
        "#answer-question-4",
        "Check the load's weight against the label, then the path.",
    )
    .await;
    b.wait_for_text("#quiz-answered", if ar { "٣" } else { "3 of 4" })
        .await;
    b.check("quiz-attempt").await;
    b.click("#quiz-submit").await;
    b.find("#quiz-result").await;
    b.check("quiz-result").await;

    // The trainer: the roster, enrolling by e-mail, the grading queue and sheet.
    sign_out(b).await;
    sign_in(b, &site, &trainer.email).await;
    b.goto(&site.url(&format!("/teach/courses/{course}/roster")))
        .await;
    b.find("#roster").await;
    b.check("roster").await;
    b.fill("#emails", "omar.khaled@example.org\nsara.mansour@example.org, amal.yousef@example.org\nnobody@example.org").await;
    b.click("#enrol-submit").await;
    b.find("#enrol-report").await;
    b.check("roster-report").await;
    b.goto(&site.url("/teach/grading")).await;
    b.find("#grading-queue").await;
    b.check("grading-queue").await;
    b.click("#grading-queue .queue-row__title a").await;
    b.find("#grading-form").await;
    b.check("grading-sheet").await;
    b.fill("#grading-form input[type='number']", "2").await;
    b.fill(
        "#grading-form textarea",
        if ar {
            "جيد، لكن اذكر فحص الممر."
        } else {
            "Good; also check the aisle."
        },
    )
    .await;
    b.click("#grading-save-next").await;
    b.find("#grading-empty").await;
    b.check("grading-empty").await;
    browser.close().await;
}

#[tokio::test]
async fn teaching_pages_english_desktop() {
    teaching("en", 1280, 900).await;
}

#[tokio::test]
async fn teaching_pages_english_phone() {
    teaching("en", 360, 780).await;
}

#[tokio::test]
async fn teaching_pages_arabic_desktop() {
    teaching("ar", 1280, 900).await;
}

#[tokio::test]
async fn teaching_pages_arabic_phone() {
    teaching("ar", 360, 780).await;
}
