//! The learner's pages in a real browser: a trainee signs in, enrols from a course's page,
//! sees the course on the home page and in "My learning", opens the player (a video, an
//! article), marks the article complete and writes a note. Every page is checked (axe, no
//! sideways scrolling at 360 px) and photographed, in English and Arabic, on a 1280 px
//! desktop and a 360 px phone. A full course shows its waitlist.

use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};

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

/// An MP4 header and filler: enough for the player's markup (it does not play).
pub(crate) fn mp4(n: usize) -> Vec<u8> {
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
    bytes.extend((bytes.len()..n).map(|i| (i % 251) as u8));
    bytes
}

/// A one-page PDF with a line of text.
fn pdf() -> Vec<u8> {
    let stream = "BT /F1 24 Tf 72 720 Td (Extinguisher handbook: pull, aim, squeeze, sweep.) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

/// A published course with two sections: a video, an article, a document and a quiz.
async fn course(site: &Site, token: &str, title: &str, arabic: bool, extra: Value) -> String {
    let mut body = json!({"title": title, "description": "Exits, alarms and extinguishers.",
        "shortDescription": "Know what to do when the alarm rings.", "duration": 90});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let id = api(site, "/api/courses", token, body).await["course"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (one, two) = if arabic {
        ("الخروج الآمن", "مكافحة الحريق")
    } else {
        ("Getting out safely", "Fighting small fires")
    };
    let section = |t: &str| {
        let t = t.to_owned();
        let id = id.clone();
        async move {
            api(
                site,
                &format!("/api/courses/{id}/sections"),
                token,
                json!({"title": t}),
            )
            .await["section"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let s1 = section(one).await;
    let s2 = section(two).await;
    let contents = format!("/api/courses/{id}/contents");
    let article_text = if arabic {
        "## اقرأ خطة الإخلاء\n\nابحث عن **اللافتات الخضراء** في كل ممر، واعرف أقرب مخرجين إلى مكان عملك. لا تستخدم المصعد أثناء الحريق.\n\n- تجمّع عند نقطة التجمع\n- أبلغ المشرف بوصولك"
    } else {
        "## Read the evacuation plan\n\nLook for the **green signs** in every corridor, and learn the two exits nearest to your desk. Never use the lift during a fire: stairs are protected from smoke for longer, and the lift may stop between floors.\n\n- Meet at the assembly point\n- Tell the warden you are there"
    };
    let video = api(site, &contents, token, json!({"title": if arabic {"جولة على المخارج"} else {"Walk the exits"}, "type": "video", "sectionId": s1, "duration": 240})).await["content"]["id"].as_str().unwrap().to_owned();
    api(site, &contents, token, json!({"title": if arabic {"قراءة خطة الإخلاء"} else {"Reading the evacuation plan"}, "type": "article", "sectionId": s1, "articleContent": article_text})).await;
    let handbook = api(site, &contents, token, json!({"title": if arabic {"دليل المطافئ"} else {"Extinguisher handbook"}, "type": "document", "sectionId": s2})).await["content"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    api(site, &contents, token, json!({"title": if arabic {"اختبر نفسك"} else {"Check yourself"}, "type": "quiz", "sectionId": s2})).await;
    for (content, name, bytes) in [
        (&video, "exits.mp4", mp4(4096)),
        (&handbook, "extinguishers.pdf", pdf()),
    ] {
        let res = site
            .app
            .send_raw(
                Request::builder()
                    .method(Method::PUT)
                    .uri(format!("/api/contents/{content}/file?fileName={name}"))
                    .header("authorization", format!("Bearer {token}"))
                    .body(axum::body::Body::from(bytes))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    // The video's captions, in the page's language.
    let captions = if arabic {
        "WEBVTT\n\n00:00.000 --> 00:05.000\nاعرف أقرب مخرجين إليك.\n"
    } else {
        "WEBVTT\n\n00:00.000 --> 00:05.000\nKnow the two exits nearest to you.\n"
    };
    let res = site
        .app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!(
                    "/api/contents/{video}/captions?language={}",
                    if arabic { "ar" } else { "en" }
                ))
                .header("authorization", format!("Bearer {token}"))
                .body(axum::body::Body::from(captions))
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

async fn learning(lang: &str, width: u32, height: u32) {
    let site = Site::start().await;
    let arabic = lang == "ar";
    let trainer = UserBuilder::trainer()
        .named("Karim", "Nassar")
        .create(&site.app)
        .await;
    let token = site.app.login(&trainer.email, PASSWORD).await;
    let title = if arabic {
        "السلامة من الحريق في العمل"
    } else {
        "Fire safety at work"
    };
    let id = course(&site, &token, title, arabic, json!({})).await;
    let other = course(
        &site,
        &token,
        "Forklift driving and warehouse loads",
        false,
        json!({}),
    )
    .await;
    let full = course(
        &site,
        &token,
        "First aid basics",
        false,
        json!({"maxStudents": 1}),
    )
    .await;
    // Someone holds the full course's one place.
    let holder = UserBuilder::trainee().create(&site.app).await;
    let holder_token = site.app.login(&holder.email, PASSWORD).await;
    api(
        &site,
        &format!("/api/courses/{full}/enroll"),
        &holder_token,
        json!({}),
    )
    .await;
    let (first, last) = if arabic {
        ("أمل", "يوسف")
    } else {
        ("Amal", "Yousef")
    };
    let trainee = UserBuilder::trainee()
        .named(first, last)
        .create(&site.app)
        .await;
    let device = if width <= 400 { "phone" } else { "desktop" };
    let mut browser =
        Browser::start_in(&format!("learning-{lang}-{device}"), lang, width, height).await;
    let b = &mut browser;

    b.goto(&site.url("/login")).await;
    b.fill("#login-email", &trainee.email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("form[action='/login'] button[type='submit']").await;
    b.wait_for_path("/").await;
    b.find("#home-empty").await;
    b.check("home-empty").await;

    // The course page's call to action, before and after enrolling.
    b.goto(&site.url(&format!("/courses/{id}"))).await;
    b.find("#cta-enrol").await;
    b.check("course-enrol").await;
    b.click("#cta-enrol").await;
    b.find("#cta-continue").await;
    b.check("course-enrolled").await;
    // A second course, through the API, for the home page's cards.
    let trainee_token = site.app.login(&trainee.email, PASSWORD).await;
    api(
        &site,
        &format!("/api/courses/{other}/enroll"),
        &trainee_token,
        json!({}),
    )
    .await;
    b.goto(&site.url(&format!("/courses/{full}"))).await;
    b.find("#cta-waitlist").await;
    b.check("course-full").await;
    b.click("#cta-waitlist").await;
    b.find("#cta-place").await;
    b.check("course-waitlisted").await;

    // The player: the video, then the article, marked complete; a note.
    b.goto(&site.url(&format!("/learn/{id}"))).await;
    b.find("#lesson-video").await;
    b.check("player-video").await;
    // The browser loads the captions track through the trainee's session, cue and all.
    let cue = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const track = document.querySelector('#lesson-video track');
             track.track.mode = 'hidden';
             const started = Date.now();
             (function wait() {
               const cues = track.track.cues;
               if (cues && cues.length) return done(cues[0].text);
               if (track.readyState === 3 || Date.now() - started > 8000) return done('track state ' + track.readyState);
               setTimeout(wait, 50);
             })();",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        cue,
        json!(if lang == "ar" {
            "اعرف أقرب مخرجين إليك."
        } else {
            "Know the two exits nearest to you."
        })
    );
    b.click("#lesson-next").await;
    b.find("#lesson-article").await;
    b.check("player-article").await;
    b.click("#complete-submit").await;
    b.find("#lesson-done").await;
    b.fill(
        "#note-content",
        if arabic {
            "المخرج ب خلف المصعد."
        } else {
            "Exit B is behind the lift."
        },
    )
    .await;
    b.click("#note-submit").await;
    b.find("#note-list").await;
    b.check("player-article-done").await;
    b.click("#lesson-next").await;
    b.find("#lesson-pdf").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    b.check("player-document").await;

    b.goto(&site.url("/")).await;
    b.find("#home-resume").await;
    b.check("home").await;
    b.goto(&site.url("/learning")).await;
    b.find("#learning-list").await;
    b.check("my-learning").await;
    browser.close().await;
}

#[tokio::test]
async fn learning_english_desktop() {
    learning("en", 1280, 900).await;
}

#[tokio::test]
async fn learning_english_phone() {
    learning("en", 360, 780).await;
}

#[tokio::test]
async fn learning_arabic_desktop() {
    learning("ar", 1280, 900).await;
}

#[tokio::test]
async fn learning_arabic_phone() {
    learning("ar", 360, 780).await;
}
