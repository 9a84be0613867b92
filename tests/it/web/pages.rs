//! Languages, first-run setup, home, profile, security headers, assets, error pages.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use courseworx::services::setup;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{Browser, PASSWORD, csrf_in, location, set_cookie};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_login_page_speaks_english_and_arabic() {
    let app = TestApp::spawn().await;
    let res = Browser::new(&app).get("/login").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text.contains(r#"<html lang="en" dir="ltr">"#),
        "{}",
        res.text
    );
    assert!(res.text.contains("<h1 class=\"auth__title\">Sign in</h1>"));
    assert_eq!(
        res.headers["content-type"].to_str().unwrap(),
        "text/html; charset=utf-8"
    );

    let mut arabic = Browser::new(&app).header("accept-language", "ar-EG,ar;q=0.9,en;q=0.5");
    let res = arabic.get("/login").await;
    assert!(
        res.text.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        res.text
    );
    assert!(res.text.contains("تسجيل الدخول"));
    assert!(
        !res.text.contains("Sign in"),
        "no English left: {}",
        res.text
    );

    // The language switch wins over Accept-Language, and comes back to the same page.
    let mut browser = Browser::new(&app).header("accept-language", "en");
    let res = browser
        .submit("/login", "/language", &[("lang", "ar"), ("next", "/login")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
    assert_eq!(browser.cookie("cw_lang"), Some("ar"));
    let res = browser.get("/login").await;
    assert!(res.text.contains(r#"dir="rtl""#));

    // A switch never sends anyone to another site.
    let res = browser
        .submit(
            "/login",
            "/language",
            &[("lang", "en"), ("next", "https://evil.example/")],
        )
        .await;
    assert_eq!(location(&res), "/");
}

#[tokio::test]
async fn a_users_language_follows_them_to_another_browser() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut laptop = Browser::new(&app).header("accept-language", "en");
    laptop.login(&user.email, PASSWORD).await;
    let res = laptop
        .submit("/", "/language", &[("lang", "ar"), ("next", "/")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    // A new browser that prefers English: after signing in, the pages are in Arabic.
    let mut phone = Browser::new(&app).header("accept-language", "en");
    let res = phone.login(&user.email, PASSWORD).await;
    let cookie = set_cookie(&res, "cw_lang").unwrap_or_default();
    assert!(cookie.starts_with("cw_lang=ar"), "{:?}", res.headers);
    let res = phone.get("/").await;
    assert!(res.text.contains(r#"dir="rtl""#), "{}", res.text);

    // Someone who never chose keeps their browser's language.
    let other = UserBuilder::trainee().create(&app).await;
    let mut fresh = Browser::new(&app).header("accept-language", "en");
    let res = fresh.login(&other.email, PASSWORD).await;
    assert_eq!(set_cookie(&res, "cw_lang"), None);
}

#[tokio::test]
async fn security_headers_are_on_pages_and_on_the_api() {
    let app = TestApp::spawn().await;
    let mut browser = Browser::new(&app);
    for uri in [
        "/login",
        "/api/health",
        "/no-such-page",
        "/api/no-such-route",
        "/",
    ] {
        let res = browser.get(uri).await;
        let h = |name: &str| {
            res.headers
                .get(name)
                .unwrap_or_else(|| panic!("{uri}: no {name}"))
                .to_str()
                .unwrap()
                .to_owned()
        };
        let csp = h("content-security-policy");
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
        ] {
            assert!(csp.contains(directive), "{uri}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(h("referrer-policy"), "same-origin", "{uri}");
        assert_eq!(h("x-frame-options"), "DENY", "{uri}");
    }
    // Nothing inline for the policy to block.
    let page = browser.get("/login").await.text;
    assert!(!page.contains("style=\""), "inline style");
    assert!(!page.contains("<style"), "style block");
    assert!(!page.contains("<script>"), "inline script");
    assert!(!page.contains(" on"), "no event handler attributes");
}

#[tokio::test]
async fn assets_are_embedded_with_their_content_type_and_cached_for_long() {
    let app = TestApp::spawn().await;
    let mut browser = Browser::new(&app);
    let page = browser.get("/login").await.text;
    for (prefix, content_type, needle) in [
        (
            "/assets/css/app.css?v=",
            "text/css; charset=utf-8",
            ".site-header",
        ),
        (
            "/assets/js/dialog.js?v=",
            "text/javascript; charset=utf-8",
            "showModal",
        ),
        ("/assets/img/favicon.svg?v=", "image/svg+xml", "<svg"),
    ] {
        let start = page
            .find(prefix)
            .unwrap_or_else(|| panic!("{prefix} not linked"));
        let url = page[start..].split('"').next().unwrap();
        let res = browser.get(url).await;
        assert_eq!(res.status, StatusCode::OK, "{url}");
        assert_eq!(res.headers["content-type"], content_type, "{url}");
        assert!(
            res.headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age=31536000"),
            "{url}"
        );
        assert!(res.text.contains(needle), "{url}");
        assert_eq!(res.headers["x-content-type-options"], "nosniff");

        let etag = res.headers["etag"].to_str().unwrap().to_owned();
        let again = browser.header_once(url, "if-none-match", &etag).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{url}");
    }
    let res = browser.get("/assets/css/nope.css").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = browser.get("/assets/../Cargo.toml").await;
    assert_ne!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_pages_get_the_404_page_and_unknown_api_routes_the_json_404() {
    let app = TestApp::spawn().await;
    let mut browser = Browser::new(&app);
    let res = browser.get("/no/such/page").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.text.contains("Page not found"), "{}", res.text);
    assert!(res.text.contains(r#"<main id="main""#));
    assert!(res.text.contains(r#"class="site-footer""#));

    let res = browser.get("/api/no/such/route").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json["error"]["code"], "not_found", "{}", res.text);
    let res = browser.get("/api").await;
    assert_eq!(res.json["error"]["code"], "not_found", "{}", res.text);

    // Signed in, the 404 page keeps the user's menu; in Arabic, it is in Arabic.
    let user = UserBuilder::trainer().create(&app).await;
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&user.email, PASSWORD).await;
    let res = arabic.get("/nowhere").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.text.contains("الصفحة غير موجودة"), "{}", res.text);
    assert!(res.text.contains(r#"class="user-menu""#));
}

#[tokio::test]
async fn a_form_address_opened_in_the_browser_answers_a_page_or_a_redirect() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainer().create(&app).await;

    // Not signed in.
    let mut browser = Browser::new(&app);
    let res = browser.get("/logout").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/login");
    let res = browser.get("/language").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/");
    let res = browser.get("/language?next=%2Flogin").await;
    assert_eq!(location(&res), "/login");
    let res = browser.get("/language?next=%2F%2Fevil.example").await;
    assert_eq!(location(&res), "/");
    assert!(browser.cookie("cw_lang").is_none(), "a GET changes nothing");

    // Signed in: a refused avatar's address reloaded leads to the profile; the logout
    // address asks, with the form that signs out.
    browser.login(&user.email, PASSWORD).await;
    let res = browser.get("/profile/avatar").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/profile");
    let res = browser.get("/logout").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.text.contains("<h1 class=\"auth__title\">Log out?</h1>"),
        "{}",
        res.text
    );
    assert!(
        res.text
            .contains(r#"id="logout-form" method="post" action="/logout""#)
    );
    let token = csrf_in(&res.text);
    let res = browser.post("/logout", &[("csrf", &token)]).await;
    assert_eq!(location(&res), "/login");
    assert!(browser.cookie("cw_session").is_none());

    // In Arabic.
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&user.email, PASSWORD).await;
    let res = arabic.get("/logout").await;
    assert!(res.text.contains("تسجيل الخروج؟"), "{}", res.text);
}

#[tokio::test]
async fn other_methods_get_the_405_page_and_the_api_its_json_405() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::super_admin().create(&app).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    for (method, path, allow) in [
        (Method::PUT, "/profile", "GET,HEAD,POST"),
        (Method::DELETE, "/users/new", "GET,HEAD,POST"),
        (Method::POST, "/users/export", "GET,HEAD"),
        (Method::PATCH, "/login", "GET,HEAD,POST"),
    ] {
        let res = browser.send(method.clone(), path, None).await;
        assert_eq!(
            res.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert!(
            res.text.contains("This address is not a page to open"),
            "{method} {path}: {}",
            res.text
        );
        assert!(res.text.contains(r#"<main id="main""#));
        assert!(res.text.contains(r#"class="user-menu""#), "in the layout");
        assert_eq!(
            res.headers["content-type"], "text/html; charset=utf-8",
            "{method} {path}"
        );
        let allowed = res.headers["allow"].to_str().unwrap().replace(' ', "");
        assert_eq!(allowed, allow, "{method} {path}");
    }
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    let res = arabic.send(Method::PUT, "/login", None).await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        res.text.contains("لا يمكن فتح هذا العنوان مباشرة"),
        "{}",
        res.text
    );

    // The API answers its JSON error body.
    for (method, path) in [
        (Method::GET, "/api/auth/logout"),
        (Method::GET, "/api/users/import"),
        (Method::DELETE, "/api/health"),
        (Method::PATCH, "/api/users"),
    ] {
        let res = app.request(method.clone(), path, None).await;
        assert_eq!(
            res.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        assert_eq!(
            res.json["error"]["code"], "method_not_allowed",
            "{method} {path}: {}",
            res.text
        );
        assert!(res.headers.contains_key("allow"), "{method} {path}");
    }
}

#[tokio::test]
async fn first_run_setup_creates_the_super_admin_from_the_page() {
    let app = TestApp::spawn().await;
    let token = setup::prepare(app.db())
        .await
        .unwrap()
        .expect("setup needed");
    let mut browser = Browser::new(&app);
    let page = format!("/setup?token={token}");
    let res = browser.get(&page).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text
            .contains(&format!(r#"name="token" value="{token}""#))
    );

    let res = browser
        .submit(
            &page,
            "/setup",
            &[
                ("token", "wrong"),
                ("firstName", "Ada"),
                ("lastName", "Admin"),
                ("email", "ada@example.com"),
                ("password", "first-admin-pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(
        res.text.contains("The setup token is not valid."),
        "{}",
        res.text
    );

    let res = browser
        .submit(
            &page,
            "/setup",
            &[
                ("token", &token),
                ("firstName", "A"),
                ("lastName", "Admin"),
                ("email", "not-an-email"),
                ("password", "first-admin-pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text.contains("Use between 2 and 50 characters."),
        "{}",
        res.text
    );
    assert!(res.text.contains("Enter an email address like"));
    assert!(
        res.text.contains(r##"href="#setup-first-name""##),
        "error summary links"
    );

    let res = browser
        .submit(
            &page,
            "/setup",
            &[
                ("token", &token),
                ("firstName", "Ada"),
                ("lastName", "Admin"),
                ("email", "Ada@Example.com"),
                ("password", "first-admin-pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/");
    let res = browser.get("/").await;
    assert!(
        res.text.contains("you are its first super admin"),
        "{}",
        res.text
    );
    assert!(res.text.contains("ada@example.com"));

    // Done: the setup page now leads to the login page.
    let res = Browser::new(&app).get(&page).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
}

#[tokio::test]
async fn the_super_admin_home_shows_real_counts_and_the_latest_sign_ups() {
    let app = TestApp::spawn().await;
    let admin = UserBuilder::super_admin().create(&app).await;
    let mut people = Vec::new();
    for role in [
        Role::Trainer,
        Role::Trainer,
        Role::Trainee,
        Role::Trainee,
        Role::Trainee,
    ] {
        people.push(UserBuilder::role(role).create(&app).await);
    }
    let mut browser = Browser::new(&app);
    browser.login(&admin.email, PASSWORD).await;
    let res = browser.get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    let text = &res.text;
    // Tiles that link to what they count.
    let tile = |id: &str| {
        let at = text
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}"));
        let rest = &text[at..];
        let value = rest.split("tile__value\">").nth(1).unwrap();
        value.split('<').next().unwrap().to_owned()
    };
    assert_eq!(tile("tile-super-admins"), "1");
    assert_eq!(tile("tile-trainers"), "2");
    assert_eq!(tile("tile-trainees"), "3");
    assert!(text.contains(r#"id="tile-trainers" href="/users?role=trainer""#));
    assert_eq!(tile("tile-courses"), "0");
    // A fresh platform: the "Get started" list, its first two steps done.
    assert!(text.contains(r#"id="get-started""#));
    assert!(text.contains(r#"checklist__item checklist__item--done" id="start-trainer""#));
    assert!(text.contains(r#"<li class="checklist__item" id="start-course">"#));

    // The five newest, newest first: the admin (created first) is not among them.
    let latest = &text[text.find("Latest sign-ups").unwrap()..];
    assert!(!latest.contains(&admin.email), "the sixth is left out");
    let positions: Vec<usize> = people
        .iter()
        .map(|p| {
            latest
                .find(&p.email)
                .unwrap_or_else(|| panic!("{} missing", p.email))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] > w[1]),
        "newest first: {positions:?}"
    );
    // Each one links to that user's page.
    for p in &people {
        assert!(
            latest.contains(&format!("href=\"/users/{}\"", p.id)),
            "{}",
            p.email
        );
    }

    // In Arabic, with Arabic digits.
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&admin.email, PASSWORD).await;
    let res = arabic.get("/").await;
    assert!(
        res.text.contains(r#"<span class="tile__value">٣</span>"#),
        "{}",
        res.text
    );
}

#[tokio::test]
async fn the_profile_page_shows_the_signed_in_user() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    let res = browser.get("/profile").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(&user.email));
    assert!(res.text.contains(r#"aria-label="Breadcrumb""#));
    assert!(res.text.contains(r#"href="/password""#));
    let stored = users::Entity::find_by_id(user.id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let signed_in = stored.last_login.expect("last login recorded");
    assert!(
        res.text.contains(&signed_in.format("%Y").to_string()),
        "the last sign-in is shown"
    );
}

#[tokio::test]
async fn a_database_fault_shows_the_500_page_without_details() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut browser = Browser::new(&app).header("accept-language", "ar");
    browser.login(&user.email, PASSWORD).await;
    // A fault, not an outage: a table the profile page reads is gone.
    app.db()
        .execute_unprepared("DROP TABLE calendar_feeds")
        .await
        .unwrap();
    let res = browser.get("/profile").await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.text.contains("حدث خطأ ما"), "{}", res.text);
    assert!(res.text.contains("٥٠٠"), "the code in Arabic digits");
    assert!(
        res.text.contains(r#"class="site-header""#),
        "inside the layout"
    );
    assert!(!res.text.contains("calendar_feeds"), "{}", res.text);
    assert!(res.headers.get("content-security-policy").is_some());
}

/// A database that cannot be reached (here, the pool closed) is an outage, not a fault:
/// the 503 page says so and asks to try again, with no details.
#[tokio::test]
async fn an_unreachable_database_shows_the_503_page_without_details() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut browser = Browser::new(&app).header("accept-language", "ar");
    browser.login(&user.email, PASSWORD).await;
    app.db().clone().close().await.unwrap();
    let res = browser.get("/profile").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.text.contains("غير متاح مؤقتًا"), "{}", res.text);
    assert!(res.text.contains("٥٠٣"), "the code in Arabic digits");
    assert!(
        res.text.contains(r#"class="site-header""#),
        "inside the layout"
    );
    assert!(!res.text.to_lowercase().contains("pool"), "{}", res.text);
    assert!(res.headers.get("content-security-policy").is_some());
}
