//! The learner's pages: enrolling from the course page, the trainee's home and "My
//! learning", the lesson player (mark complete, video position, notes), the waitlist of a
//! full course, and who may not open the player.

use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::Role;
use serde_json::{Value, json};
use uuid::Uuid;

use super::courses::{api_course, api_publish, signed_in};
use super::{Browser, PASSWORD, csrf_in, location};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

/// A published course by a trainer, with a video, an article and a quiz in one section.
struct Course {
    id: Uuid,
    video: String,
    article: String,
    quiz: String,
    /// A PDF.
    handbook: String,
}

async fn api(app: &TestApp, token: &str, path: String, body: Value) -> Value {
    let res = app.send(Method::POST, &path, Some(token), Some(body)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{path}: {}", res.text);
    res.json
}

async fn course(app: &TestApp, extra: Value) -> Course {
    let (_, _, token) = signed_in(app, Role::Trainer).await;
    let mut body =
        json!({"title": "Fire safety at work", "description": "Exits and extinguishers."});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let id = api_course(app, &token, body).await;
    let section = api(
        app,
        &token,
        format!("/api/courses/{id}/sections"),
        json!({"title": "Getting out"}),
    )
    .await["section"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let contents = format!("/api/courses/{id}/contents");
    let content = |body: Value| {
        let contents = contents.clone();
        let token = token.clone();
        async move {
            api(app, &token, contents, body).await["content"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let video =
        content(json!({"title": "Walk the exits", "type": "video", "sectionId": section})).await;
    let article = content(
        json!({"title": "Reading the plan", "type": "article", "sectionId": section,
        "articleContent": "# The plan\n\nFind the **green** signs."}),
    )
    .await;
    let quiz =
        content(json!({"title": "Check yourself", "type": "quiz", "sectionId": section})).await;
    let handbook =
        content(json!({"title": "Handbook", "type": "document", "sectionId": section})).await;
    for (content, name, bytes) in [
        (&video, "exits.mp4", crate::content_files::mp4(4096)),
        (&handbook, "handbook.pdf", crate::content_files::pdf(2048)),
    ] {
        let res = app
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
    api_publish(app, &token, id).await;
    Course {
        id,
        video,
        article,
        quiz,
        handbook,
    }
}

/// A trainee signed in to the pages.
async fn trainee<'a>(app: &'a TestApp, first: &str) -> Browser<'a> {
    let user = UserBuilder::trainee()
        .named(first, "Haddad")
        .create(app)
        .await;
    let mut browser = Browser::new(app);
    let res = browser.login(&user.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    browser
}

/// Opens `page` and posts to `action` with its token; answers the response.
async fn post_from(
    b: &mut Browser<'_>,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> crate::helpers::TestResponse {
    b.submit(page, action, fields).await
}

#[tokio::test]
async fn a_trainee_enrols_learns_and_keeps_notes() {
    let app = TestApp::spawn().await;
    let c = course(&app, json!({})).await;
    let mut b = trainee(&app, "Amal").await;
    let landing = format!("/courses/{}", c.id);

    // Before: the course page offers to enrol; home offers the catalogue.
    let page = b.get(&landing).await;
    assert!(page.text.contains(r#"id="cta-enrol""#), "{}", page.text);
    let home = b.get("/").await;
    assert!(home.text.contains(r#"id="home-empty""#), "{}", home.text);

    // Enrol from the landing page: back on it, with "Start learning" and 0 %.
    let res = post_from(&mut b, &landing, &format!("{landing}/enrol"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), landing);
    let page = b.get(&landing).await;
    assert!(page.text.contains(r#"id="cta-continue""#), "{}", page.text);
    assert!(page.text.contains("You are enrolled"), "{}", page.text);
    assert!(page.text.contains(r#"value="0""#));
    let video_path = format!("/learn/{}/{}", c.id, c.video);
    assert!(page.text.contains(&format!(r#"href="{video_path}""#)));

    // Home and My learning show it at 0 %.
    let home = b.get("/").await;
    assert!(home.text.contains(r#"id="home-resume""#), "{}", home.text);
    assert!(home.text.contains("Fire safety at work"));
    assert!(home.text.contains(">0%<"), "{}", home.text);
    assert!(home.text.contains("Walk the exits"));
    let mine = b.get("/learning").await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(mine.text.contains("Fire safety at work") && mine.text.contains(">0%<"));
    assert!(mine.text.contains("In progress"));
    let filtered = b.get("/learning?status=completed").await;
    assert!(
        filtered.text.contains(r#"id="learning-no-results""#),
        "{}",
        filtered.text
    );
    let past = b.get("/learning?page=9").await;
    assert!(
        past.text.contains(r#"id="learning-past-end""#),
        "{}",
        past.text
    );

    // The player: /learn/{course} opens the first lesson not done.
    let res = b.get(&format!("/learn/{}", c.id)).await;
    assert_eq!(location(&res), video_path);
    let player = b.get(&video_path).await;
    assert_eq!(player.status, StatusCode::OK, "{}", player.text);
    assert!(player.text.contains(r#"<video"#));
    assert!(
        player
            .text
            .contains(&format!(r#"src="/api/contents/{}/file""#, c.video))
    );
    assert!(
        player.text.contains("Reading the plan"),
        "the outline lists the lessons"
    );

    // The video's position is kept, and the page starts there.
    let token = csrf_in(&player.text);
    let res = b
        .post(
            &format!("{video_path}/position"),
            &[("csrf", &token), ("position", "42.7")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    let bad = b
        .post(
            &format!("{video_path}/position"),
            &[("csrf", &token), ("position", "soon")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let player = b.get(&video_path).await;
    assert!(
        player.text.contains(r#"data-start="42""#),
        "{}",
        player.text
    );
    assert!(player.text.contains("#t=42"));

    // Mark the article complete: its tick, and the progress moves from 0 %.
    let article_path = format!("/learn/{}/{}", c.id, c.article);
    let article = b.get(&article_path).await;
    assert!(
        article.text.contains("<strong>green</strong>"),
        "{}",
        article.text
    );
    let res = post_from(
        &mut b,
        &article_path,
        &format!("{article_path}/complete"),
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), article_path);
    let article = b.get(&article_path).await;
    assert!(
        article.text.contains(r#"id="lesson-done""#),
        "{}",
        article.text
    );
    assert!(article.text.contains("lesson-nav__link--done"));
    assert!(!article.text.contains(r#"id="complete-form""#));
    let home = b.get("/").await;
    assert!(!home.text.contains(">0%<"), "{}", home.text);
    let mine = b.get("/learning").await;
    assert!(!mine.text.contains(">0%<"));
    // A quiz is not marked complete by hand.
    let quiz_path = format!("/learn/{}/{}", c.id, c.quiz);
    let quiz = b.get(&quiz_path).await;
    assert!(
        quiz.text
            .contains(&format!(r#"href="/learn/quizzes/{}""#, c.quiz))
    );
    assert!(!quiz.text.contains(r#"id="complete-form""#));

    // Notes: an empty one is refused beside the form; a real one is listed, then deleted.
    let res = post_from(
        &mut b,
        &video_path,
        &format!("{video_path}/notes"),
        &[("content", "  ")],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text.contains(r#"id="note-content-error""#),
        "{}",
        res.text
    );
    let res = post_from(
        &mut b,
        &video_path,
        &format!("{video_path}/notes"),
        &[("content", "Exit B is behind the lift."), ("shared", "on")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let player = b.get(&video_path).await;
    assert!(
        player.text.contains("Exit B is behind the lift."),
        "{}",
        player.text
    );
    assert!(player.text.contains("Shared with the trainer"));
    let note_id = player
        .text
        .split(r#"<li class="note" id="note-"#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let res = post_from(
        &mut b,
        &video_path,
        &format!("{video_path}/notes/{note_id}/delete"),
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let player = b.get(&video_path).await;
    assert!(!player.text.contains("Exit B is behind the lift."));
    assert!(player.text.contains(r#"id="notes-empty""#));

    // Drop, behind its confirmation page: the player is closed, the page offers to enrol.
    let confirm = b.get(&format!("{landing}/drop")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.text.contains(r#"id="drop-submit""#));
    let res = post_from(
        &mut b,
        &format!("{landing}/drop"),
        &format!("{landing}/drop"),
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = b.get(&landing).await;
    assert!(page.text.contains(r#"id="cta-enrol""#), "{}", page.text);
    let res = b.get(&video_path).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = b
        .post(
            &format!("{video_path}/complete"),
            &[("csrf", &csrf_in(&page.text))],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_full_course_offers_its_waitlist() {
    let app = TestApp::spawn().await;
    let c = course(&app, json!({"maxStudents": 1})).await;
    let landing = format!("/courses/{}", c.id);
    let mut first = trainee(&app, "Amal").await;
    let res = post_from(&mut first, &landing, &format!("{landing}/enrol"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    let mut second = trainee(&app, "Omar").await;
    let page = second.get(&landing).await;
    assert!(page.text.contains(r#"id="cta-waitlist""#), "{}", page.text);
    assert!(!page.text.contains(r#"id="cta-enrol""#));
    let res = post_from(&mut second, &landing, &format!("{landing}/enrol"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = second.get(&landing).await;
    assert!(page.text.contains("On the waitlist"), "{}", page.text);
    assert!(
        page.text.contains("You are number 1 in line."),
        "{}",
        page.text
    );
    // In line is not enrolled: the player stays closed.
    let res = second.get(&format!("/learn/{}/{}", c.id, c.video)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // The first drops: the place goes to the second.
    let res = post_from(
        &mut first,
        &format!("{landing}/drop"),
        &format!("{landing}/drop"),
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = second.get(&landing).await;
    assert!(page.text.contains(r#"id="cta-continue""#), "{}", page.text);
    let res = second.get(&format!("/learn/{}/{}", c.id, c.video)).await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn only_the_learner_opens_the_player_and_reads_their_notes() {
    let app = TestApp::spawn().await;
    let c = course(&app, json!({})).await;
    let landing = format!("/courses/{}", c.id);
    let lesson = format!("/learn/{}/{}", c.id, c.video);

    // A visitor is asked to sign in, on the course page and in the player.
    let mut visitor = Browser::new(&app);
    let page = visitor.get(&landing).await;
    assert!(page.text.contains(r#"id="cta-sign-in""#), "{}", page.text);
    let res = visitor.get(&lesson).await;
    assert!(location(&res).starts_with("/login"));

    // A stranger: 403, saying why.
    let mut stranger = trainee(&app, "Sami").await;
    let res = stranger.get(&lesson).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.text.contains("Enrol in this course"), "{}", res.text);

    // The course's trainer does not study in it.
    let (_, mut trainer, _) = signed_in(&app, Role::Trainer).await;
    assert_eq!(trainer.get(&lesson).await.status, StatusCode::FORBIDDEN);

    // Two learners: neither sees nor deletes the other's notes.
    let mut amal = trainee(&app, "Amal").await;
    let mut omar = trainee(&app, "Omar").await;
    for b in [&mut amal, &mut omar] {
        let res = post_from(b, &landing, &format!("{landing}/enrol"), &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    let res = post_from(
        &mut amal,
        &lesson,
        &format!("{lesson}/notes"),
        &[("content", "Amal's secret")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let mine = amal.get(&lesson).await;
    assert!(
        mine.text.contains("Amal&#x27;s secret")
            || mine.text.contains("Amal's secret")
            || mine.text.contains("Amal&#39;s secret"),
        "{}",
        mine.text
    );
    assert!(mine.text.contains(">Private<"));
    let note_id = mine
        .text
        .split(r#"<li class="note" id="note-"#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let theirs = omar.get(&lesson).await;
    assert!(!theirs.text.contains("secret"), "{}", theirs.text);
    let res = post_from(
        &mut omar,
        &lesson,
        &format!("{lesson}/notes/{note_id}/delete"),
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(amal.get(&lesson).await.text.contains("secret"));

    // A lesson of another course in this course's address: 404.
    let other = course(&app, json!({"title": "Other"})).await;
    let res = amal.get(&format!("/learn/{}/{}", c.id, other.video)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Ids that cannot be read: 404, never 500.
    assert_eq!(
        amal.get("/learn/nope/also-nope").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_learner_pages_speak_arabic() {
    let app = TestApp::spawn().await;
    let c = course(&app, json!({})).await;
    let landing = format!("/courses/{}", c.id);
    let mut b = trainee(&app, "أمل").await.header("accept-language", "ar");
    let res = post_from(&mut b, &landing, &format!("{landing}/enrol"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let home = b.get("/").await;
    assert!(home.text.contains(r#"dir="rtl""#));
    assert!(home.text.contains("تابع من حيث توقفت"), "{}", home.text);
    assert!(home.text.contains("٠٪"), "{}", home.text);
    let player = b.get(&format!("/learn/{}/{}", c.id, c.video)).await;
    assert!(player.text.contains("ملاحظاتي"));
}

#[tokio::test]
async fn a_pdf_shows_in_the_player_to_its_learner_only() {
    let app = TestApp::spawn().await;
    let c = course(&app, json!({})).await;
    let landing = format!("/courses/{}", c.id);
    let lesson = format!("/learn/{}/{}", c.id, c.handbook);
    let mut amal = trainee(&app, "Amal").await;
    let res = post_from(&mut amal, &landing, &format!("{landing}/enrol"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    // In the page: the PDF in an <object>, and its download.
    let page = amal.get(&lesson).await;
    assert!(
        page.text.contains(&format!(
            r#"data="{lesson}/document" type="application/pdf""#
        )),
        "{}",
        page.text
    );
    assert!(page.text.contains(&format!(
        r#"href="/api/contents/{}/file" download"#,
        c.handbook
    )));
    // The framed address: inline, framed by this site only, never sandboxed.
    let pdf = amal.get(&format!("{lesson}/document")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    let header = |name: &str| pdf.headers.get(name).unwrap().to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "application/pdf");
    assert!(header("content-disposition").starts_with("inline"));
    assert_eq!(header("x-frame-options"), "SAMEORIGIN");
    assert!(header("content-security-policy").contains("frame-ancestors 'self'"));
    assert!(!header("content-security-policy").contains("sandbox"));
    assert!(pdf.text.starts_with("%PDF"));
    // Not for other lessons (a video), nor for anyone not learning in the course.
    let video = amal
        .get(&format!("/learn/{}/{}/document", c.id, c.video))
        .await;
    assert_eq!(video.status, StatusCode::NOT_FOUND);
    let mut stranger = trainee(&app, "Sami").await;
    let res = stranger.get(&format!("{lesson}/document")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_finished_course_says_so_and_leads_to_the_certificates() {
    let app = TestApp::spawn().await;
    let (_, _, token) = signed_in(&app, Role::Trainer).await;
    let id = api_course(
        &app,
        &token,
        json!({"title": "Ladder safety", "description": "Three points of contact."}),
    )
    .await;
    let lesson = api(
        &app,
        &token,
        format!("/api/courses/{id}/contents"),
        json!({"title": "The rule", "type": "article", "articleContent": "Keep three points of contact."}),
    )
    .await["content"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    api_publish(&app, &token, id).await;
    let landing = format!("/courses/{id}");
    let path = format!("/learn/{id}/{lesson}");
    let mut b = trainee(&app, "Amal").await;
    let res = post_from(&mut b, &landing, &format!("{landing}/enrol"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = post_from(&mut b, &path, &format!("{path}/complete"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);

    // The course page: completed, with the certificates and a way back to the lessons.
    let page = b.get(&landing).await;
    assert!(
        page.text.contains(r#"id="cta-certificates""#),
        "{}",
        page.text
    );
    assert!(page.text.contains(&format!(r#"href="/learn/{id}""#)));
    assert!(!page.text.contains(r#"id="cta-enrol""#));
    // My learning files it under Completed, at 100 %; the player still opens.
    let done = b.get("/learning?status=completed").await;
    assert!(
        done.text.contains("Ladder safety") && done.text.contains(">100%<"),
        "{}",
        done.text
    );
    assert_eq!(b.get(&path).await.status, StatusCode::OK);
    let home = b.get("/").await;
    assert!(home.text.contains("1 course completed"), "{}", home.text);
    assert!(home.text.contains("No course in progress"));
}

#[tokio::test]
async fn home_shows_what_is_due_in_courses_that_end_soon() {
    let app = TestApp::spawn().await;
    let in_three_days = (chrono::Utc::now() + chrono::Duration::days(3)).date_naive();
    let soon = course(&app, json!({"endDate": in_three_days.to_string()})).await;
    let later = course(
        &app,
        json!({"title": "Later course", "endDate": (chrono::Utc::now() + chrono::Duration::days(60)).date_naive().to_string()}),
    )
    .await;
    let mut b = trainee(&app, "Rana").await;
    for c in [&soon, &later] {
        let landing = format!("/courses/{}", c.id);
        let res = post_from(&mut b, &landing, &format!("/courses/{}/enrol", c.id), &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    }
    let home = b.get("/").await;
    assert!(home.text.contains(r#"id="home-due""#), "{}", home.text);
    let due = home.text.split(r#"id="home-due""#).nth(1).unwrap();
    let due = due.split("</section>").next().unwrap();
    assert!(due.contains("Check yourself"), "{due}");
    assert!(
        due.contains(&format!("/learn/quizzes/{}", soon.quiz)),
        "{due}"
    );
    assert!(due.contains("3 lessons left"), "{due}");
    assert!(due.contains("3 days left"), "{due}");
    assert!(!due.contains("Later course"), "{due}");
}
