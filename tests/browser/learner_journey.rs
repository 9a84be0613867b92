//! Issue 9's journey in a real browser: a trainee whose account has a temporary password
//! signs in and must change it, enrols from the course page, watches the video and reads the
//! article (marking each complete), fails the quiz once and passes it, finds the certificate,
//! downloads it and opens its public verification page. In English and Arabic, on a 1280 px
//! desktop and a 360 px phone, and once with the keyboard alone; every page checked (axe,
//! no sideways scrolling at 360 px) and photographed.

use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};
use crate::journey::{Input, Variant, activate, fill_form};
use crate::learning::mp4;

async fn api(site: &Site, path: &str, token: &str, body: Value) -> Value {
    let res = site
        .app
        .send(Method::POST, path, Some(token), Some(body))
        .await;
    assert!(
        res.status.is_success(),
        "{path}: {} {}",
        res.status,
        res.text
    );
    res.json
}

/// A published course: a video (with its file), an article, a one-question quiz that needs
/// every point, and a certificate. Answers its id.
async fn course(site: &Site, token: &str, ar: bool) -> String {
    let title = if ar {
        "السلامة من الحريق في العمل"
    } else {
        "Fire safety at work"
    };
    let id = api(
        site,
        "/api/courses",
        token,
        json!({"title": title,
        "description": "Exits, alarms and extinguishers.", "duration": 60}),
    )
    .await["course"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let contents = format!("/api/courses/{id}/contents");
    let id_of = |v: Value| v["content"]["id"].as_str().unwrap().to_owned();
    let video = id_of(
        api(
            site,
            &contents,
            token,
            json!({"title": if ar {"جولة على المخارج"} else {"Walk the exits"}, "type": "video"}),
        )
        .await,
    );
    api(site, &contents, token, json!({"title": if ar {"خطة الإخلاء"} else {"The evacuation plan"}, "type": "article",
        "articleContent": if ar {"ابحث عن **اللافتات الخضراء** واعرف أقرب مخرجين."} else {"Look for the **green signs** and learn the two nearest exits."}})).await;
    let quiz = id_of(
        api(
            site,
            &contents,
            token,
            json!({"title": if ar {"اختبر نفسك"} else {"Check yourself"}, "type": "quiz",
        "quizData": {"passingScore": 100, "maxAttempts": 3}}),
        )
        .await,
    );
    api(
        site,
        &format!("/api/contents/{quiz}/questions"),
        token,
        json!({"question": if ar {"هل تسحب مسمار الأمان أولًا؟"} else {"Do you pull the pin first?"},
        "questionType": "true_false", "correctAnswer": "true"}),
    )
    .await;
    api(
        site,
        &contents,
        token,
        json!({"title": if ar {"الشهادة"} else {"Certificate"}, "type": "certificate"}),
    )
    .await;
    let res = site
        .app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!("/api/contents/{video}/file?fileName=exits.mp4"))
                .header("authorization", format!("Bearer {token}"))
                .body(axum::body::Body::from(mp4(4096)))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    api(
        site,
        &format!("/api/courses/{id}/publish"),
        token,
        json!({}),
    )
    .await;
    id
}

/// Chooses a true/false answer: a click on its label, or (keyboard) Tab into the group,
/// which stops on its first option, "true", then the arrow down to "false".
async fn answer(b: &Browser, v: Variant, right: bool) {
    if v.keyboard {
        b.tab_to("input[value='true']").await;
        if right {
            b.press_space().await;
        } else {
            b.press_down().await;
        }
    } else {
        let value = if right { "true" } else { "false" };
        let id = b
            .find(&format!("input[value='{value}']"))
            .await
            .attr("id")
            .await
            .unwrap()
            .expect("the option has an id");
        b.click(&format!("label[for='{id}']")).await;
    }
}

async fn journey(v: Variant) {
    let site = Site::start().await;
    let ar = v.lang == "ar";
    let trainer = UserBuilder::trainer()
        .named("Karim", "Nassar")
        .create(&site.app)
        .await;
    let token = site.app.login(&trainer.email, PASSWORD).await;
    let id = course(&site, &token, ar).await;
    let (first, last) = if ar {
        ("أمل", "يوسف")
    } else {
        ("Amal", "Yousef")
    };
    let trainee = UserBuilder::trainee()
        .named(first, last)
        .must_change_password()
        .create(&site.app)
        .await;

    let mut browser = Browser::start_in(
        &format!("learner-journey-{}", v.name()),
        v.lang,
        v.width,
        v.height,
    )
    .await;
    let b = &mut browser;
    b.goto(&site.url("/login")).await;
    fill_form(
        b,
        v,
        &[
            ("#login-email", Input::Text(&trainee.email)),
            ("#login-password", Input::Text(PASSWORD)),
        ],
        "form[action='/login'] button[type='submit']",
    )
    .await;
    // The temporary password must go first.
    b.wait_for_path("/password").await;
    b.check("password-forced").await;
    fill_form(
        b,
        v,
        &[
            ("#password-current", Input::Text(PASSWORD)),
            ("#password-new", Input::Text("amal-own-password")),
            ("#password-confirm", Input::Text("amal-own-password")),
        ],
        "form[action='/password'] button[type='submit']",
    )
    .await;
    b.wait_for_path("/").await;

    // Enrol from the course page.
    b.goto(&site.url(&format!("/courses/{id}"))).await;
    b.find("#cta-enrol").await;
    b.check("course").await;
    activate(b, v, "#cta-enrol").await;
    b.find("#cta-continue").await;
    activate(b, v, "#cta-continue").await;

    // The video, then the article, each marked complete.
    b.find("#lesson-video").await;
    b.check("video").await;
    activate(b, v, "#complete-submit").await;
    b.find("#lesson-done").await;
    activate(b, v, "#lesson-next").await;
    b.find("#lesson-article").await;
    b.check("article").await;
    activate(b, v, "#complete-submit").await;
    b.find("#lesson-done").await;
    activate(b, v, "#lesson-next").await;

    // The quiz: a wrong answer fails, a retry with the right one passes.
    activate(b, v, "#lesson-quiz-link").await;
    b.find("#quiz-start").await;
    b.check("quiz-intro").await;
    activate(b, v, "#quiz-start").await;
    b.find("#quiz-form").await;
    answer(b, v, false).await;
    b.check("quiz-taking").await;
    activate(b, v, "#quiz-submit").await;
    b.find("#quiz-result").await;
    b.check("quiz-failed").await;
    activate(b, v, "#quiz-retry").await;
    b.find("#quiz-form").await;
    answer(b, v, true).await;
    activate(b, v, "#quiz-submit").await;
    b.find("#quiz-result").await;
    let outcome = b.text("#quiz-outcome").await;
    assert!(!outcome.is_empty());
    b.check("quiz-passed").await;

    // The course is complete: the certificate, its PDF and its public page.
    b.goto(&site.url("/certificates")).await;
    b.find(".certificate-card").await;
    b.check("certificates").await;
    let download = b
        .find(".certificate-card__actions a[download]")
        .await
        .attr("href")
        .await
        .unwrap()
        .expect("a download link");
    let pdf = b
        .client
        .execute(
            "const r = await fetch(arguments[0]); const head = new Uint8Array(await r.arrayBuffer()).slice(0, 5); \
             return [r.status, r.headers.get('content-type'), String.fromCharCode(...head)];",
            vec![json!(download)],
        )
        .await
        .unwrap();
    assert_eq!(pdf, json!([200, "application/pdf", "%PDF-"]));
    activate(b, v, ".certificate-card__actions a:not([download])").await;
    b.wait_for_text(".verify__holder", first).await;
    b.check("verify").await;
    browser.close().await;

    // The server agrees: complete, counted once, one certificate.
    let mine = site.app.login(&trainee.email, "amal-own-password").await;
    let progress = site
        .app
        .send(
            Method::GET,
            &format!("/api/courses/{id}/progress"),
            Some(&mine),
            None,
        )
        .await;
    assert_eq!(
        progress.json["progress"]["enrollment"]["status"], "completed",
        "{}",
        progress.text
    );
    let certs = site
        .app
        .send(Method::GET, "/api/certificates", Some(&mine), None)
        .await;
    assert_eq!(certs.json["certificates"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn learner_journey_english_desktop() {
    journey(Variant {
        lang: "en",
        width: 1280,
        height: 900,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn learner_journey_english_phone() {
    journey(Variant {
        lang: "en",
        width: 360,
        height: 780,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn learner_journey_arabic_desktop() {
    journey(Variant {
        lang: "ar",
        width: 1280,
        height: 900,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn learner_journey_arabic_phone() {
    journey(Variant {
        lang: "ar",
        width: 360,
        height: 780,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn learner_journey_english_keyboard_only() {
    journey(Variant {
        lang: "en",
        width: 1280,
        height: 900,
        keyboard: true,
    })
    .await;
}
