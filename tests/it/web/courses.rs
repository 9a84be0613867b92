//! The course pages a learner sees: the catalogue (only published courses to a visitor,
//! search, chips, the empty and "no results" states, a page past the last, "My courses")
//! and a course's landing page (a draft is the 404 page to all but its trainer and super
//! admins), in English and Arabic. The helpers here serve `courses_editor` too.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::domain::user::User;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Browser, PASSWORD};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

/// A course made through the API by the trainer whose token this is.
pub async fn api_course(app: &TestApp, token: &str, body: Value) -> Uuid {
    let res = app
        .send(Method::POST, "/api/courses", Some(token), Some(body))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.json["course"]["id"].as_str().unwrap().parse().unwrap()
}

pub async fn api_publish(app: &TestApp, token: &str, id: Uuid) {
    let res = app
        .send(
            Method::POST,
            &format!("/api/courses/{id}/publish"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

/// A user of this role signed in to the pages, and a bearer token for the API.
pub async fn signed_in(app: &TestApp, role: Role) -> (User, Browser<'_>, String) {
    let user = UserBuilder::role(role)
        .named("Karim", "Nassar")
        .create(app)
        .await;
    let mut browser = Browser::new(app);
    let res = browser.login(&user.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let token = app.login(&user.email, PASSWORD).await;
    (user, browser, token)
}

/// The titles of the catalogue's cards, in order.
fn card_titles(html: &str) -> Vec<String> {
    html.split(r#"<h3 class="course-card__title"><a href="#)
        .skip(1)
        .map(|card| {
            let start = card.find('>').unwrap() + 1;
            card[start..].split('<').next().unwrap().to_owned()
        })
        .collect()
}

/// Trainer Karim's catalogue: two published courses and a draft.
async fn three_courses(app: &TestApp) -> (String, Uuid, Uuid, Uuid) {
    let (_, _, token) = signed_in(app, Role::Trainer).await;
    let fire = api_course(
        app,
        &token,
        json!({"title": "Fire safety at work", "description": "Exits and extinguishers.",
               "shortDescription": "Know what to do when the alarm rings.", "price": "0",
               "duration": 90, "maxStudents": 20, "category": "Health and safety"}),
    )
    .await;
    let forklift = api_course(
        app,
        &token,
        json!({"title": "Forklift driving", "description": "Loads, ramps and pallets.",
               "price": "49.50", "level": "advanced", "category": "Warehouse"}),
    )
    .await;
    let drills = api_course(
        app,
        &token,
        json!({"title": "Fire drills for managers", "description": "Plan a drill."}),
    )
    .await;
    api_publish(app, &token, fire).await;
    api_publish(app, &token, forklift).await;
    (token, fire, forklift, drills)
}

#[tokio::test]
async fn a_visitor_sees_only_published_courses_and_finds_them() {
    let app = TestApp::spawn().await;
    let (_, fire, _, drills) = three_courses(&app).await;
    let mut visitor = Browser::new(&app);

    let res = visitor.get("/courses").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let mut titles = card_titles(&res.text);
    titles.sort();
    assert_eq!(titles, ["Fire safety at work", "Forklift driving"]);
    for needle in [
        // Free, the duration, places, the trainer and the short description on the card.
        r#"course-card__price--free"><span class="visually-hidden">Price: </span>Free</span>"#,
        "1 h 30 min",
        "20 places left",
        "<bdi>Karim Nassar</bdi>",
        "Know what to do when the alarm rings.",
        "49.50",
        "Advanced",
        // No picture: a drawn cover with the title's initials, never a grey box.
        r#"<svg class="course-card__cover cover""#,
        r##"fill="#ffffff">FS</text>"##,
        &format!(r#"href="/courses/{fire}""#),
        // Anyone may browse: the menu has the catalogue, and no tabs for a visitor.
        r#"href="/courses" aria-current="page">Courses</a>"#,
    ] {
        assert!(res.text.contains(needle), "{needle}");
    }
    assert!(!res.text.contains(&drills.to_string()));
    assert!(!res.text.contains("catalogue-tab"));
    assert!(!res.text.contains("/teach/courses/new"));

    // Search: every word must appear; the draft never does.
    let res = visitor.get("/courses?search=FIRE").await;
    assert_eq!(card_titles(&res.text), ["Fire safety at work"]);
    let res = visitor.get("/courses?search=fire+exits").await;
    assert_eq!(card_titles(&res.text), ["Fire safety at work"]);
    assert!(
        res.text
            .contains(r#"id="course-filters-clear" href="/courses""#)
    );

    // Chips: a level, free courses, a category; each turns itself off again.
    let res = visitor.get("/courses?level=advanced").await;
    assert_eq!(card_titles(&res.text), ["Forklift driving"]);
    assert!(res.text.contains(
        r#"<a class="chip" href="/courses" aria-current="true"><svg class="chip__tick""#
    ));
    let res = visitor.get("/courses?maxPrice=0").await;
    assert_eq!(card_titles(&res.text), ["Fire safety at work"]);
    let res = visitor.get("/courses?category=Warehouse").await;
    assert_eq!(card_titles(&res.text), ["Forklift driving"]);
    assert!(
        res.text
            .contains(r#"<option value="Warehouse" selected>Warehouse</option>"#)
    );
    assert!(
        res.text
            .contains(r#"href="/courses?category=Health+and+safety""#)
    );
    let res = visitor.get("/courses?minPrice=10&sort=-price").await;
    assert_eq!(card_titles(&res.text), ["Forklift driving"]);

    // Nothing matches: say so and offer to clear the filters.
    let res = visitor.get("/courses?search=zzz&level=beginner").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(r#"id="catalogue-no-results""#));
    assert!(res.text.contains("No courses match"));
    assert!(
        res.text
            .contains(r#"id="catalogue-no-results-clear" href="/courses""#)
    );

    // Past the last page: say so, with the way back.
    let res = visitor.get("/courses?page=7").await;
    assert!(res.text.contains(r#"id="catalogue-past-last""#));
    assert!(
        res.text
            .contains(r#"id="catalogue-past-last-link" href="/courses?page=1""#)
    );

    // Unreadable values are dropped, not an error.
    let res = visitor
        .get("/courses?level=guru&minPrice=cheap&sort=drop&page=x")
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(card_titles(&res.text).len(), 2);
}

#[tokio::test]
async fn the_catalogue_pages_twelve_cards_at_a_time() {
    let app = TestApp::spawn().await;
    let (_, _, token) = signed_in(&app, Role::Trainer).await;
    for n in 1..=13 {
        let id = api_course(
            &app,
            &token,
            json!({"title": format!("Course {n:02}"), "description": "x"}),
        )
        .await;
        api_publish(&app, &token, id).await;
    }
    let res = app.get("/courses?sort=title").await;
    assert_eq!(card_titles(&res.text).len(), 12);
    assert!(res.text.contains("Showing 1–12 of 13"));
    assert!(
        res.text
            .contains(r#"href="/courses?sort=title&#38;page=2" rel="next""#)
    );
    let res = app.get("/courses?sort=title&page=2").await;
    assert_eq!(card_titles(&res.text), ["Course 13"]);
}

#[tokio::test]
async fn an_empty_catalogue_says_what_comes_next() {
    let app = TestApp::spawn().await;
    let res = app.get("/courses").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(r#"id="catalogue-empty""#));
    assert!(
        res.text
            .contains("Courses appear here as soon as trainers publish them.")
    );
    assert!(!res.text.contains("/teach/courses/new"));

    // A trainer is offered to create the first one, and "My courses".
    let (_, mut trainer, _) = signed_in(&app, Role::Trainer).await;
    let res = trainer.get("/courses").await;
    assert!(
        res.text
            .contains(r#"id="catalogue-empty-new" href="/teach/courses/new""#)
    );
    assert!(
        res.text
            .contains(r#"href="/courses?mine=true">My courses</a>"#)
    );
    let res = trainer.get("/courses?mine=true").await;
    assert!(res.text.contains("You have no courses yet"));
    assert!(
        res.text
            .contains(r#"href="/courses?mine=true" aria-current="page">My courses</a>"#)
    );
}

#[tokio::test]
async fn my_courses_are_a_trainers_own_drafts_included() {
    let app = TestApp::spawn().await;
    let (_, _, _, drills) = three_courses(&app).await;
    let (_, mut other, other_token) = signed_in(&app, Role::Trainer).await;
    let own = api_course(
        &app,
        &other_token,
        json!({"title": "Ladder safety", "description": "Three points of contact."}),
    )
    .await;

    let res = other.get("/courses?mine=true").await;
    assert_eq!(card_titles(&res.text), ["Ladder safety"]);
    assert!(
        res.text
            .contains(r#"<span class="badge badge--muted">Draft</span>"#)
    );
    assert!(res.text.contains(&format!(r#"href="/courses/{own}""#)));
    // The others' draft is in nobody else's list.
    let res = other.get("/courses").await;
    assert!(!res.text.contains(&drills.to_string()));

    // A trainee has no courses of their own: `mine` is the ordinary catalogue.
    let (_, mut trainee, _) = signed_in(&app, Role::Trainee).await;
    let res = trainee.get("/courses?mine=true").await;
    assert_eq!(card_titles(&res.text).len(), 2);
    assert!(!res.text.contains("My courses"));
}

#[tokio::test]
async fn a_drafts_landing_page_is_found_only_by_its_trainer_and_super_admins() {
    let app = TestApp::spawn().await;
    let (_, mut owner, token) = signed_in(&app, Role::Trainer).await;
    let draft = api_course(
        &app,
        &token,
        json!({"title": "Draft course", "description": "Not yet."}),
    )
    .await;
    let path = format!("/courses/{draft}");

    let res = app.get(&path).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.text.contains("Page not found"));
    assert!(!res.text.contains("Draft course"));
    for role in [Role::Trainer, Role::Trainee] {
        let (_, mut someone, _) = signed_in(&app, role).await;
        let res = someone.get(&path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{role:?}");
        assert!(!res.text.contains("Draft course"));
    }

    let res = owner.get(&path).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(r#"id="course-draft-notice""#));
    assert!(res.text.contains(&format!(
        r#"id="course-edit" href="/teach/courses/{draft}""#
    )));
    let (_, mut admin, _) = signed_in(&app, Role::SuperAdmin).await;
    let res = admin.get(&path).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(r#"id="course-edit""#));

    // An id that is no course, and one that is no id.
    assert_eq!(
        app.get(&format!("/courses/{}", Uuid::now_v7()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/courses/not-an-id").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_landing_page_shows_what_the_course_teaches() {
    let app = TestApp::spawn().await;
    let (_, _, token) = signed_in(&app, Role::Trainer).await;
    let id = api_course(
        &app,
        &token,
        json!({"title": "First aid", "description": "Why it matters.\n\nWhat we do:\npractise.",
               "learningOutcomes": "- Check for danger\n- Call for help\n",
               "requirements": "Comfortable clothes", "duration": 45, "maxStudents": 2,
               "startDate": "2026-03-02", "endDate": "2026-03-20", "price": "15"}),
    )
    .await;
    api_publish(&app, &token, id).await;
    let (_, mut trainee, _) = signed_in(&app, Role::Trainee).await;
    let res = trainee.get(&format!("/courses/{id}")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    for needle in [
        r#"<h1 class="course-hero__title" id="course-title" dir="auto">First aid</h1>"#,
        "Taught by <bdi",
        "What you will learn",
        r#"<span dir="auto">Check for danger</span>"#,
        r#"<span dir="auto">Call for help</span>"#,
        r#"<li><span dir="auto">Comfortable clothes</span></li>"#,
        r#"<p dir="auto">Why it matters.</p>"#,
        r#"<p dir="auto">What we do:<br>practise.</p>"#,
        "<dt>Duration</dt><dd>45 min</dd>",
        "<dt>Dates</dt><dd>2 March 2026 to 20 March 2026</dd>",
        "<dt>Places</dt><dd>2 places left</dd>",
        "<dt>Price</dt><dd>15.00</dd>",
        r#"<svg class="course-hero__cover cover""#,
    ] {
        assert!(res.text.contains(needle), "{needle}");
    }
    // Nobody but its trainer and super admins is offered the editor.
    assert!(!res.text.contains("course-edit"));
    assert!(!res.text.contains("/teach/"));
}

#[tokio::test]
async fn a_landing_page_shows_the_published_outline_only() {
    let app = TestApp::spawn().await;
    let (_, _, token) = signed_in(&app, Role::Trainer).await;
    let id = api_course(
        &app,
        &token,
        json!({"title": "Forklifts", "description": "Safely."}),
    )
    .await;
    let post = |path: String, body: Value| {
        let app = &app;
        let token = token.clone();
        async move {
            let res = app
                .send(Method::POST, &path, Some(&token), Some(body))
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
            res.json
        }
    };
    let section = post(
        format!("/api/courses/{id}/sections"),
        json!({"title": "Before driving"}),
    )
    .await;
    let section = section["section"]["id"].as_str().unwrap().to_owned();
    let contents = format!("/api/courses/{id}/contents");
    post(contents.clone(), json!({"title": "Walk-around check", "type": "video", "sectionId": section, "duration": 150})).await;
    post(
        contents.clone(),
        json!({"title": "Checklist", "type": "document", "sectionId": section, "duration": 60}),
    )
    .await;
    post(contents.clone(), json!({"title": "Unfinished lesson", "type": "article", "sectionId": section, "isPublished": false})).await;
    post(contents, json!({"title": "Final check", "type": "quiz"})).await;
    api_publish(&app, &token, id).await;
    let res = app.get(&format!("/courses/{id}")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    for needle in [
        "Course outline",
        r#"<span dir="auto">Before driving</span>"#,
        "2 lessons · 4 min",
        r#"<span class="landing-outline__name" dir="auto">Walk-around check</span><span class="landing-outline__time">3 min</span>"#,
        "More lessons",
        r#"data-kind="quiz">Quiz</span>"#,
    ] {
        assert!(res.text.contains(needle), "{needle}");
    }
    assert!(!res.text.contains("Unfinished lesson"));
}

#[tokio::test]
async fn the_course_pages_speak_arabic() {
    let app = TestApp::spawn().await;
    let (_, fire, _, _) = three_courses(&app).await;
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    let res = arabic.get("/courses").await;
    assert!(res.text.contains(r#"<html lang="ar" dir="rtl">"#));
    for needle in [
        "<h1>الدورات</h1>",
        "مجانية",
        "٤٩٫٥٠",
        "١ ساعة و٣٠ دقيقة",
        "بقي ٢٠ مكانًا",
        "تصفية سريعة:",
        "متقدّم",
    ] {
        assert!(res.text.contains(needle), "{needle}");
    }
    let res = arabic.get("/courses?search=zzz").await;
    assert!(res.text.contains("لا توجد دورات مطابقة"));
    let res = arabic.get(&format!("/courses/{fire}")).await;
    assert!(res.text.contains("يقدّمها"));
    assert!(res.text.contains("<dt>الأماكن</dt><dd>بقي ٢٠ مكانًا</dd>"));

    // An Arabic name's initials are separate letters, in the menu as on covers.
    let layla = UserBuilder::trainer()
        .named("ليلى", "فاروق")
        .create(&app)
        .await;
    let mut browser = Browser::new(&app).header("accept-language", "ar");
    browser.login(&layla.email, PASSWORD).await;
    let res = browser.get("/teach").await;
    assert!(
        res.text
            .contains("<span class=\"avatar\" aria-hidden=\"true\">ل\u{2009}ف</span>"),
        "{}",
        res.text
    );
}
