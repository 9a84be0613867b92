//! The course pages in a real browser: a trainer creates a course with the form, uploads
//! its cover (the progress bar's script), publishes it, and an anonymous visitor finds it
//! in the catalogue and opens its page. Every page visited is checked (axe, no sideways
//! scrolling at 360 px) and photographed, in English and Arabic, on a 1280 px desktop and
//! a 360 px phone. Other courses (one with an Arabic title, one with a picture, one full)
//! fill the catalogue around it.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};

/// A wide picture for a cover: a diagonal gradient.
fn picture() -> Vec<u8> {
    let img = image::RgbImage::from_fn(640, 360, |x, y| {
        image::Rgb([(40 + x / 5) as u8, (90 + y / 4) as u8, 160])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

async fn api(site: &Site, method: Method, path: &str, token: &str, body: Option<Value>) -> Value {
    let res = site.app.send(method, path, Some(token), body).await;
    assert!(
        res.status.is_success(),
        "{path}: {} {}",
        res.status,
        res.text
    );
    res.json
}

/// Courses of another trainer, published, around the one the journey makes.
async fn other_courses(site: &Site) {
    let trainer = UserBuilder::trainer()
        .named("ليلى", "فاروق")
        .create(&site.app)
        .await;
    let token = site.app.login(&trainer.email, PASSWORD).await;
    for body in [
        json!({"title": "السلامة في بيئة العمل", "description": "مخاطر العمل وكيف نتجنبها.",
               "shortDescription": "تعرّف على المخاطر الشائعة وطرق الوقاية منها.",
               "level": "beginner", "duration": 120, "price": "0", "category": "السلامة",
               "maxStudents": 30}),
        json!({"title": "Forklift driving and warehouse loads", "description": "Loads.",
               "shortDescription": "Drive safely, stack pallets and read load charts.",
               "level": "advanced", "duration": 300, "price": "149.00", "category": "Warehouse",
               "maxStudents": 12}),
        json!({"title": "Data privacy essentials", "description": "Personal data.",
               "shortDescription": "What personal data is, and how to keep it safe.",
               "level": "intermediate", "duration": 45, "price": "25.50", "category": "Compliance"}),
    ] {
        let course = api(site, Method::POST, "/api/courses", &token, Some(body)).await;
        let id = course["course"]["id"].as_str().unwrap().to_owned();
        api(
            site,
            Method::POST,
            &format!("/api/courses/{id}/publish"),
            &token,
            None,
        )
        .await;
        if course["course"]["title"] == "Data privacy essentials" {
            let res = site
                .app
                .send_raw(
                    axum::http::Request::builder()
                        .method("POST")
                        .uri(format!("/api/courses/{id}/thumbnail"))
                        .header("authorization", format!("Bearer {token}"))
                        .header("content-type", "image/png")
                        .body(axum::body::Body::from(picture()))
                        .unwrap(),
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        }
    }
}

/// Scrolls the page to an element, for a screenshot of what is below the first screen.
async fn scroll_to(b: &Browser, css: &str) {
    b.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); return true;",
            vec![json!(css)],
        )
        .await
        .unwrap();
}

async fn courses(lang: &str, width: u32, height: u32) {
    let site = Site::start().await;
    other_courses(&site).await;
    let trainer = UserBuilder::trainer()
        .named("Karim", "Nassar")
        .create(&site.app)
        .await;
    let device = if width <= 400 { "phone" } else { "desktop" };
    let mut browser =
        Browser::start_in(&format!("courses-{lang}-{device}"), lang, width, height).await;
    let b = &mut browser;
    let files = tempfile::tempdir().unwrap();
    let cover = files.path().join("cover.png");
    std::fs::write(&cover, picture()).unwrap();

    // The trainer signs in and opens Teach from the menu: no course yet.
    b.goto(&site.url("/login")).await;
    b.fill("#login-email", &trainer.email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("form[action='/login'] button[type='submit']").await;
    b.wait_for_path("/").await;
    b.click("a.site-nav__link[href='/teach']").await;
    b.wait_for_path("/teach").await;
    b.check("teach-empty").await;

    // The form: first with a mistake, shown on its field.
    b.click("#teach-empty-new").await;
    b.wait_for_path("/teach/courses/new").await;
    b.check("course-new").await;
    let title = if lang == "ar" {
        "خدمة العملاء المتميزة"
    } else {
        "Customer service excellence"
    };
    b.fill("#course-title", title).await;
    b.fill(
        "#course-short-description",
        "Listen, help and follow up: service people remember.",
    )
    .await;
    b.fill(
        "#course-description",
        "Every customer conversation, from the first hello to the follow-up.\n\nWith role plays.",
    )
    .await;
    b.fill(
        "#course-learning-outcomes",
        "Listen actively\nCalm a difficult conversation\nFollow up in writing",
    )
    .await;
    b.fill("#course-requirements", "None: bring your questions")
        .await;
    b.find("#course-level")
        .await
        .select_by_value("intermediate")
        .await
        .unwrap();
    b.fill("#course-duration", "150").await;
    b.fill("#course-price", "19.999").await;
    b.fill("#course-max-students", "24").await;
    b.click("#course-create-submit").await;
    b.find("#course-price-error").await;
    b.check("course-new-error").await;
    b.fill("#course-price", "19.99").await;
    b.click("#course-create-submit").await;
    b.find("#course-status").await;
    let editor = b.path().await;
    assert!(editor.starts_with("/teach/courses/"), "{editor}");
    b.check("course-editor-draft").await;

    // The cover: the script sends it with a progress bar, then shows the editor again in
    // place (the page is not reloaded: a mark left on the window is still there).
    b.client
        .execute("window.coverMark = true; return true;", vec![])
        .await
        .unwrap();
    b.find("#course-cover-file")
        .await
        .send_keys(&cover.display().to_string())
        .await
        .unwrap();
    b.click("#cover-submit").await;
    b.find("img.editor__cover").await;
    assert_eq!(b.path().await, editor);
    b.find(".flash--success").await;
    let state = b
        .client
        .execute(
            "return [window.coverMark === true, document.activeElement.classList.contains('flash')];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        state,
        json!([true, true]),
        "the upload script answered in place"
    );
    b.check("course-editor-cover").await;

    // Publish, from the checklist.
    b.click("#publish-submit").await;
    b.find("#unpublish-open").await;
    b.check("course-editor-published").await;
    b.click("a.site-nav__link[href='/teach']").await;
    b.find("#teach-courses").await;
    b.check("teach-list").await;

    // Sign out: a visitor finds the course in the catalogue and opens it.
    b.click(".user-menu summary").await;
    b.click("form[action='/logout'] button[type='submit']")
        .await;
    b.wait_for_path("/login").await;
    b.click("a.site-nav__link[href='/courses']").await;
    b.wait_for_path("/courses").await;
    b.find("#course-grid").await;
    b.check("catalogue").await;
    scroll_to(b, "#course-grid").await;
    b.check("catalogue-cards").await;
    b.fill(
        "#course-search",
        if lang == "ar" {
            "العملاء"
        } else {
            "service excellence"
        },
    )
    .await;
    b.click("#course-filters-submit").await;
    b.wait_for_text("#course-grid", title).await;
    b.check("catalogue-search").await;
    b.click("#course-grid .course-card__title a").await;
    b.find("#course-title").await;
    b.wait_for_text("#course-title", title).await;
    b.check("course-page").await;
    scroll_to(b, "#course-facts").await;
    b.check("course-page-facts").await;

    // The states a list must have, and a course with no picture.
    b.goto(&site.url("/courses?search=zzz")).await;
    b.find("#catalogue-no-results").await;
    b.check("catalogue-no-results").await;
    b.goto(&site.url("/courses?level=advanced&minPrice=100"))
        .await;
    b.find("#course-grid").await;
    b.check("catalogue-chips").await;
    b.goto(&site.url("/courses?level=beginner")).await;
    b.click("#course-grid .course-card__title a").await;
    b.find("#course-title").await;
    b.check("course-page-drawn-cover").await;
    browser.close().await;
}

#[tokio::test]
async fn course_pages_english_desktop() {
    courses("en", 1280, 900).await;
}

#[tokio::test]
async fn course_pages_english_phone() {
    courses("en", 360, 780).await;
}

#[tokio::test]
async fn course_pages_arabic_desktop() {
    courses("ar", 1280, 900).await;
}

#[tokio::test]
async fn course_pages_arabic_phone() {
    courses("ar", 360, 780).await;
}
