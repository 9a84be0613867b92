//! The super admin's user list: who may open the user pages, search, filters, sort and
//! pages, Arabic. The helpers here serve the other `users_*` tests too.

use axum::http::StatusCode;
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use courseworx::domain::user::User;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Browser, PASSWORD, csrf_in, location};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

/// A super admin, signed in.
pub async fn admin(app: &TestApp) -> (User, Browser<'_>) {
    let admin = UserBuilder::super_admin()
        .named("Samira", "Haddad")
        .create(app)
        .await;
    let mut browser = Browser::new(app);
    let res = browser.login(&admin.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    (admin, browser)
}

pub async fn find_by_email(app: &TestApp, email: &str) -> Option<users::Model> {
    users::Entity::find()
        .filter(users::Column::Email.eq(email))
        .one(app.db())
        .await
        .unwrap()
}

/// The rows of the user table, in order.
fn rows(html: &str) -> Vec<&str> {
    html.split(r#"<th scope="row""#).skip(1).collect()
}

#[tokio::test]
async fn only_super_admins_open_the_user_pages() {
    let app = TestApp::spawn().await;
    let target = UserBuilder::trainee().create(&app).await;
    let pages = [
        "/users".to_owned(),
        "/users/new".to_owned(),
        "/users/import".to_owned(),
        "/users/export".to_owned(),
        format!("/users/{}", target.id),
        format!("/users/{}/deactivate", target.id),
        format!("/users/{}/reset-password", target.id),
        format!("/users/{}/delete", target.id),
    ];
    for role in [Role::Trainer, Role::Trainee] {
        let user = UserBuilder::role(role).create(&app).await;
        let mut browser = Browser::new(&app);
        browser.login(&user.email, PASSWORD).await;
        let home = browser.get("/").await;
        assert!(
            !home.text.contains(r#"href="/users""#),
            "no Users in the menu"
        );
        for page in &pages {
            let res = browser.get(page).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{role:?} {page}");
            assert!(
                res.text.contains("You cannot open this page"),
                "{page}: {}",
                res.text
            );
            // The page says why, from the refusal's reason.
            assert!(
                res.text
                    .contains("Only a super admin can open this page or manage user accounts."),
                "{page}: {}",
                res.text
            );
        }
        // A form posted with a valid token is refused as well, and changes nothing.
        let token = csrf_in(&home.text);
        let action = format!("/users/{}/deactivate", target.id);
        let res = browser.post(&action, &[("csrf", &token)]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = browser
            .post(
                "/users/new",
                &[
                    ("csrf", &token),
                    ("firstName", "Eve"),
                    ("lastName", "Intruder"),
                    ("email", "eve@example.com"),
                    ("role", "super_admin"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
    assert!(find_by_email(&app, "eve@example.com").await.is_none());
    let stored = users::Entity::find_by_id(target.id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.is_active, Some(true));

    // Anonymous visitors are sent to sign in, and come back.
    let res = Browser::new(&app).get("/users?role=trainer").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login?next=%2Fusers%3Frole%3Dtrainer");

    // The super admin has the menu entry, marked on the list itself.
    let (_, mut browser) = admin(&app).await;
    let home = browser.get("/").await;
    assert!(
        home.text.contains(r#"href="/users">Users</a>"#),
        "{}",
        home.text
    );
    let list = browser.get("/users").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.text
            .contains(r#"href="/users" aria-current="page">Users</a>"#)
    );
    // On a subpage the section's link stays marked, as the current location.
    let new = browser.get("/users/new").await;
    assert!(
        new.text
            .contains(r#"href="/users" aria-current="true">Users</a>"#),
        "{}",
        new.text
    );
}

#[tokio::test]
async fn the_list_searches_filters_sorts_and_pages() {
    let app = TestApp::spawn().await;
    let (admin, mut browser) = admin(&app).await;
    let ada = UserBuilder::trainer()
        .named("Ada", "Zephyr")
        .create(&app)
        .await;
    let bea = UserBuilder::trainee()
        .named("Bea", "Quill")
        .create(&app)
        .await;
    let cyd = UserBuilder::trainee()
        .named("Cyd", "Quill")
        .create(&app)
        .await;
    let dov = UserBuilder::trainee()
        .named("Dov", "Marsh")
        .inactive()
        .create(&app)
        .await;

    // Everyone, newest first, each row linking to the user's page with role and status.
    let res = browser.get("/users").await;
    assert_eq!(res.status, StatusCode::OK);
    let all = rows(&res.text);
    assert_eq!(all.len(), 5, "{}", res.text);
    assert!(all[0].contains(&dov.email) && all[4].contains(&admin.email));
    assert!(all[0].contains(&format!(r#"href="/users/{}""#, dov.id)));
    assert!(all[0].contains(r#"<span class="badge badge--muted">Inactive</span>"#));
    assert!(all[1].contains(r#"<span class="badge badge--trainee">Trainee</span>"#));
    assert!(all[1].contains(r#"<span class="badge badge--success">Active</span>"#));
    assert!(
        res.text.contains(r#"data-label="Role""#),
        "stacks on phones"
    );
    assert!(res.text.contains("Showing 1–5 of 5"));
    assert!(!res.text.contains("pagination__list"), "one page: no links");

    // Search: name or email, case-insensitively; the box keeps the words.
    let res = browser.get("/users?search=zEPH").await;
    let found = rows(&res.text);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains(&ada.email));
    assert!(
        res.text
            .contains(r#"id="user-search" name="search" type="search" value="zEPH""#)
    );
    let res = browser
        .get(&format!("/users?search={}", &bea.email[..12]))
        .await;
    assert_eq!(rows(&res.text).len(), 1);

    // Filters: role, status, together with the search.
    let res = browser.get("/users?role=trainee").await;
    assert_eq!(rows(&res.text).len(), 3);
    assert!(res.text.contains(r#"<option value="trainee" selected>"#));
    let res = browser.get("/users?isActive=false").await;
    let found = rows(&res.text);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains(&dov.email));
    let res = browser
        .get("/users?search=quill&role=trainee&isActive=true&sort=firstName")
        .await;
    let found = rows(&res.text);
    assert_eq!(found.len(), 2);
    assert!(found[0].contains(&bea.email) && found[1].contains(&cyd.email));
    let res = browser.get("/users?search=quill&sort=-firstName").await;
    let found = rows(&res.text);
    assert!(found[0].contains(&cyd.email) && found[1].contains(&bea.email));
    assert!(res.text.contains(r#"<option value="-firstName" selected>"#));

    // Pages of two, sorted by first name; the links keep search, filters, sort and limit.
    let res = browser.get("/users?sort=firstName&limit=2&page=2").await;
    let found = rows(&res.text);
    assert_eq!(found.len(), 2);
    assert!(found[0].contains(&cyd.email) && found[1].contains(&dov.email));
    assert!(res.text.contains("Showing 3–4 of 5"), "{}", res.text);
    assert!(res.text.contains("Users, page 2 of 3"));
    assert!(res.text.contains(
        r#"href="/users?sort=firstName&#38;limit=2&#38;page=2" aria-label="Page 2" aria-current="page">2</a>"#
    ), "{}", res.text);
    assert!(
        res.text
            .contains(r#"href="/users?sort=firstName&#38;limit=2&#38;page=1" rel="prev""#)
    );
    assert!(
        res.text
            .contains(r#"href="/users?sort=firstName&#38;limit=2&#38;page=3" rel="next""#)
    );
    let res = browser.get("/users?sort=firstName&limit=2&page=3").await;
    let found = rows(&res.text);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains(&admin.email), "Samira last");
    assert!(!res.text.contains(r#"rel="next""#));

    // Nothing matches: the empty state, with the way back.
    let res = browser.get("/users?search=nobody-at-all").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(r#"id="users-empty""#));
    assert!(res.text.contains("No users match"));
    assert!(!res.text.contains(r#"id="user-table""#));
    // Nonsense in the address gives the default list rather than an error.
    let res = browser
        .get("/users?page=x&limit=-1&sort=password&role=x")
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(rows(&res.text).len(), 5);
}

#[tokio::test]
async fn the_user_pages_speak_arabic() {
    let app = TestApp::spawn().await;
    let admin = UserBuilder::super_admin()
        .named("Samira", "Haddad")
        .create(&app)
        .await;
    let mut trainees = Vec::new();
    for n in 0..3 {
        trainees.push(
            UserBuilder::trainee()
                .named("Trainee", &format!("Number{n}"))
                .create(&app)
                .await,
        );
    }
    let mut browser = Browser::new(&app).header("accept-language", "ar");
    browser.login(&admin.email, PASSWORD).await;
    let res = browser.get("/users?limit=2&page=2").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(res.text.contains("<h1>المستخدمون</h1>"));
    assert!(res.text.contains("عرض ٣–٤ من ٤"), "{}", res.text);
    assert!(
        res.text
            .contains(r#"<span class="badge badge--trainee">متدرّب</span>"#)
    );
    assert!(res.text.contains("إضافة مستخدم"));
    for english in [
        "Add a user",
        "Showing",
        "Search by name",
        "Next",
        "Previous",
    ] {
        assert!(!res.text.contains(english), "{english} left in English");
    }
    let res = browser.get("/users/new").await;
    assert!(res.text.contains(r#"dir="rtl""#));
    assert!(res.text.contains("(اختياري)"));
    let res = browser
        .submit("/users/new", "/users/new", &[("firstName", "ن")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text.contains("استخدم من ٢ إلى ٥٠ حرفًا."),
        "{}",
        res.text
    );
    assert!(res.text.contains("في هذا النموذج مشكلة"));

    // A Latin name inside an Arabic sentence is isolated, so the question mark stays at
    // the sentence's end.
    let res = browser
        .get(&format!("/users/{}/deactivate", trainees[0].id))
        .await;
    assert!(
        res.text.contains("تعطيل \u{2068}Trainee Number0\u{2069}؟"),
        "{}",
        res.text
    );
    assert!(
        res.text
            .contains(r#"id="deactivate-submit" type="submit">تعطيل</button>"#)
    );
}

#[tokio::test]
async fn a_page_far_past_the_last_shows_an_empty_list() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let res = browser.get("/users?page=9223372036854775808").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(rows(&res.text).is_empty());
}

#[tokio::test]
async fn a_page_past_the_last_says_so_and_leads_to_the_last_page() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    for i in 0..4 {
        UserBuilder::trainee()
            .named("Page", &format!("Person{i}"))
            .create(&app)
            .await;
    }
    // Five accounts, two a page: three pages.
    let res = browser.get("/users?page=999&limit=2").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(rows(&res.text).is_empty());
    assert!(
        !res.text.contains(r#"id="users-empty""#),
        "not \"nobody matches\""
    );
    assert!(
        res.text.contains("This page is past the last one"),
        "{}",
        res.text
    );
    assert!(res.text.contains("The list ends at page 3."));
    assert!(
        res.text
            .contains(r#"id="users-past-last-link" href="/users?limit=2&#38;page=3""#),
        "{}",
        res.text
    );
    let last = browser.get("/users?limit=2&page=3").await;
    assert_eq!(rows(&last.text).len(), 1);

    // Filters are kept on the way back.
    let res = browser.get("/users?role=trainee&limit=3&page=7").await;
    assert!(
        res.text
            .contains(r#"href="/users?role=trainee&#38;limit=3&#38;page=2""#),
        "{}",
        res.text
    );

    // A search that matches nobody is still "nobody matches".
    let res = browser.get("/users?search=zzzz&page=4").await;
    assert!(res.text.contains(r#"id="users-empty""#));
    assert!(!res.text.contains(r#"id="users-past-last""#));

    // In Arabic.
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    let admin_user = UserBuilder::super_admin().create(&app).await;
    arabic.login(&admin_user.email, super::PASSWORD).await;
    let res = arabic.get("/users?page=50&limit=2").await;
    assert!(
        res.text.contains("هذه الصفحة بعد الصفحة الأخيرة"),
        "{}",
        res.text
    );
    assert!(
        res.text.contains("تنتهي القائمة عند الصفحة ٣."),
        "{}",
        res.text
    );
    assert!(res.text.contains("الذهاب إلى الصفحة الأخيرة"));
}

#[tokio::test]
async fn a_long_name_and_email_can_wrap_on_a_phone() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let long = "Wolfeschlegelsteinhausenbergerdorffwelchevoralter";
    let person = UserBuilder::trainee()
        .named(long, "Lind")
        .email("first.middle.last@faculty.example.org")
        .create(&app)
        .await;
    let res = browser.get(&format!("/users/{}", person.id)).await;
    assert_eq!(res.status, StatusCode::OK);
    // Break opportunities after the `@` and before each dot.
    assert!(
        res.html.contains(
            r#"<span class="email" dir="ltr">first<wbr>.middle<wbr>.last@<wbr>faculty<wbr>.example<wbr>.org</span>"#
        ),
        "{}",
        res.html
    );
    let list = browser.get("/users").await;
    assert!(
        list.html
            .contains("last@<wbr>faculty<wbr>.example<wbr>.org")
    );
    // The stylesheet lets a name wrap inside a word, and the text beside an avatar shrink.
    let css = browser.get("/assets/css/app.css").await;
    assert!(
        css.text
            .contains("h1, .name, .table__primary, .breadcrumbs li { overflow-wrap: anywhere; }")
    );
    assert!(
        css.text
            .contains(".user-cell > :not(.avatar) { min-inline-size: 0; }")
    );
    assert!(css.text.contains(".email { overflow-wrap: anywhere; }"));
}
