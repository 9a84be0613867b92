//! The profile page's Calendar panel: the private address in a read-only left-to-right
//! field with its copy button, in English and Arabic; "Reset link" (a form with its CSRF
//! token) gives a new address with a message, and the old one answers 404.

use axum::http::StatusCode;

use super::{Browser, PASSWORD, location};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

/// The calendar address the page shows.
fn shown_url(html: &str) -> String {
    let field = html
        .split(r#"id="calendar-url""#)
        .nth(1)
        .expect("the calendar field");
    let value = field.split(r#"value=""#).nth(1).expect("its value");
    value[..value.find('"').unwrap()].to_owned()
}

fn path_of(url: &str) -> &str {
    &url[url.find("/calendar/").expect("a feed address")..]
}

#[tokio::test]
async fn the_profile_shows_the_private_address_and_resets_it() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    let page = browser.get("/profile").await;
    assert_eq!(page.status, StatusCode::OK);
    for needle in [
        r#"<section class="section card card--padded" id="calendar" aria-labelledby="h-calendar">"#,
        "Google Calendar, Outlook or Apple Calendar",
        "Keep it private",
        r#"id="calendar-url" type="text" dir="ltr" readonly"#,
        r#"id="calendar-copy" type="button" data-copy="calendar-url""#,
        r#"id="calendar-reset-form" method="post" action="/profile/calendar/reset""#,
        r#"id="calendar-reset" type="submit">Reset link<"#,
    ] {
        assert!(page.html.contains(needle), "{needle}");
    }
    let old = shown_url(&page.html);
    assert!(old.ends_with(".ics"), "{old}");
    assert_eq!(app.get(path_of(&old)).await.status, StatusCode::OK);
    // The same address on every visit until reset.
    assert_eq!(shown_url(&browser.get("/profile").await.html), old);

    // Without its token the form is refused, and nothing changes.
    let forged = browser.post("/profile/calendar/reset", &[]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(path_of(&old)).await.status, StatusCode::OK);

    let res = browser
        .submit("/profile", "/profile/calendar/reset", &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/profile#calendar");
    let page = browser.get("/profile").await;
    assert!(page.text.contains("Your calendar has a new address"));
    let new = shown_url(&page.html);
    assert_ne!(new, old);
    assert_eq!(app.get(path_of(&old)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(path_of(&new)).await.status, StatusCode::OK);
    // The form's address opened as a page leads back to the profile.
    let again = browser.get("/profile/calendar/reset").await;
    assert_eq!(location(&again), "/profile");
}

#[tokio::test]
async fn the_panel_speaks_arabic_and_keeps_the_address_left_to_right() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainer().create(&app).await;
    let mut browser = Browser::new(&app).header("accept-language", "ar");
    browser.login(&user.email, PASSWORD).await;
    let page = browser.get("/profile").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains(r#"<html lang="ar" dir="rtl">"#));
    for needle in [
        ">التقويم<",
        "احتفظ به لنفسك",
        r#"dir="ltr" readonly"#,
        ">إعادة تعيين الرابط<",
    ] {
        assert!(page.html.contains(needle), "{needle}");
    }
    let res = browser
        .submit("/profile", "/profile/calendar/reset", &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = browser.get("/profile").await;
    assert!(page.text.contains("لتقويمك عنوان جديد"));
}
