//! The pages: cookie session, CSRF, safe return paths, forced password change, languages,
//! security headers, assets and error pages.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::{sessions, users};
use courseworx::services::setup;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};

use crate::fixtures;
use crate::helpers::{TestApp, TestResponse};

const PASSWORD: &str = "secret123";

/// A browser: keeps cookies between requests, sends forms.
struct Browser<'a> {
    app: &'a TestApp,
    cookies: BTreeMap<String, String>,
    headers: Vec<(&'static str, String)>,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookies: BTreeMap::new(),
            headers: Vec::new(),
        }
    }

    fn header(mut self, name: &'static str, value: &str) -> Browser<'a> {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    async fn send(&mut self, method: Method, uri: &str, form: Option<String>) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(uri);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value);
        }
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            builder = builder.header("cookie", jar.join("; "));
        }
        let body = match form {
            Some(form) => {
                builder = builder.header("content-type", "application/x-www-form-urlencoded");
                Body::from(form)
            }
            None => Body::empty(),
        };
        let res = self.app.send_raw(builder.body(body).unwrap()).await;
        for set in res.headers.get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        res
    }

    async fn get(&mut self, uri: &str) -> TestResponse {
        self.send(Method::GET, uri, None).await
    }

    async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> TestResponse {
        let form = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(Method::POST, uri, Some(form)).await
    }

    /// Opens `page` and posts its form to `action` with the page's CSRF token.
    async fn submit(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> TestResponse {
        let res = self.get(page).await;
        assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.text);
        let token = csrf_in(&res.text);
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    async fn login(&mut self, email: &str, password: &str) -> TestResponse {
        self.submit(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

fn csrf_in(html: &str) -> String {
    let start = html
        .find(r#"name="csrf" value=""#)
        .unwrap_or_else(|| panic!("no CSRF field in {html}"))
        + r#"name="csrf" value=""#.len();
    html[start..].split('"').next().unwrap().to_owned()
}

fn location(res: &TestResponse) -> &str {
    res.headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no Location in {} {}", res.status, res.text))
}

fn set_cookie<'r>(res: &'r TestResponse, name: &str) -> Option<&'r str> {
    res.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
}

async fn must_change_password(app: &TestApp, user: &users::Model) {
    let mut model = user.clone().into_active_model();
    model.requires_password_change = Set(Some(true));
    model.update(app.db()).await.unwrap();
}

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
async fn login_sets_an_http_only_same_site_cookie_and_opens_the_home_page() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainer).await;
    let mut browser = Browser::new(&app);
    let res = browser.login(&user.email.to_uppercase(), PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/");
    let cookie = set_cookie(&res, "cw_session").expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");

    // The cookie holds the API's token: it names a live session of this user.
    let token = browser.cookie("cw_session").unwrap().to_owned();
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(me.json["user"]["id"], user.id.to_string());
    // ...but the API never accepts the cookie itself.
    let res = browser.get("/api/auth/me").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    let res = browser.get("/").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(res.text.contains(&user.email), "{}", res.text);
    assert!(res.text.contains("badge--trainer"));
    assert!(res.text.contains("What is coming"));
    assert!(
        !res.text.contains("Users by role"),
        "no admin data for trainers"
    );
    // A signed-in visitor of the login page goes home.
    let res = browser.get("/login").await;
    assert_eq!(location(&res), "/");

    // Behind an HTTPS proxy the cookie is Secure.
    let mut behind_tls = Browser::new(&app).header("x-forwarded-proto", "https");
    let res = behind_tls.login(&user.email, PASSWORD).await;
    let cookie = set_cookie(&res, "cw_session").expect("session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_email_and_a_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
    let mut browser = Browser::new(&app);
    let wrong_password = browser.login(&user.email, "not-it").await;
    let wrong_email = browser.login("nobody@example.com", PASSWORD).await;
    for res in [&wrong_password, &wrong_email] {
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert!(set_cookie(res, "cw_session").is_none());
        assert!(
            res.text
                .contains("The email address or password is not correct."),
            "{}",
            res.text
        );
        assert!(res.text.contains(r#"aria-describedby="login-error""#));
    }
    // The email typed is kept, the password never is.
    assert!(
        wrong_password
            .text
            .contains(&format!(r#"value="{}""#, user.email))
    );
    assert!(!wrong_password.text.contains("not-it"));

    let empty = browser.login("", "").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text.contains("Fill in this field."), "{}", empty.text);
    assert!(
        empty
            .text
            .contains(r#"aria-describedby="login-email-error""#)
    );
}

#[tokio::test]
async fn a_form_without_the_right_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
    let mut browser = Browser::new(&app);
    browser.get("/login").await;

    let fields = [("email", user.email.as_str()), ("password", PASSWORD)];
    let res = browser.post("/login", &fields).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.text.contains("This form has expired"), "{}", res.text);
    assert!(
        res.text.contains(r#"class="site-header""#),
        "inside the layout"
    );
    assert!(set_cookie(&res, "cw_session").is_none());

    let mut forged = vec![("csrf", "0".repeat(64))];
    forged.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let forged: Vec<(&str, &str)> = forged.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = browser.post("/login", &forged).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // A token without its cookie is worthless.
    let token = csrf_in(&browser.get("/login").await.text);
    let mut stranger = Browser::new(&app);
    let res = stranger
        .post(
            "/login",
            &[
                ("csrf", &token),
                ("email", &user.email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // Signed in: the anonymous token no longer counts, only the session's.
    let anonymous_token = csrf_in(&browser.get("/login").await.text);
    assert_eq!(
        browser.login(&user.email, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let res = browser.post("/logout", &[("csrf", &anonymous_token)]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = browser.post("/logout", &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        browser.get("/").await.status,
        StatusCode::OK,
        "still signed in"
    );

    // A request the browser marks as cross-site is refused even with a token.
    let home = browser.get("/").await;
    let token = csrf_in(&home.text);
    let mut cross = Browser {
        app: &app,
        cookies: browser.cookies.clone(),
        headers: vec![("sec-fetch-site", "cross-site".to_owned())],
    };
    let res = cross.post("/logout", &[("csrf", &token)]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_page_asked_for_is_kept_only_when_it_is_local() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
    let mut browser = Browser::new(&app);

    let res = browser.get("/").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
    let res = browser.get("/profile").await;
    assert_eq!(location(&res), "/login?next=%2Fprofile");

    let res = browser.get("/login?next=%2Fprofile").await;
    assert!(res.text.contains(r#"name="next" value="/profile""#));
    let token = csrf_in(&res.text);
    let res = browser
        .post(
            "/login",
            &[
                ("csrf", &token),
                ("email", &user.email),
                ("password", PASSWORD),
                ("next", "/profile"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/profile");

    for evil in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
    ] {
        let mut browser = Browser::new(&app);
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", evil)
            .finish();
        let res = browser.get(&format!("/login?{query}")).await;
        let login_form = &res.text[res.text.find(r#"action="/login""#).unwrap()..];
        let login_form = &login_form[..login_form.find("</form>").unwrap()];
        assert!(!login_form.contains(r#"name="next""#), "{evil:?} offered");
        let token = csrf_in(&res.text);
        let res = browser
            .post(
                "/login",
                &[
                    ("csrf", &token),
                    ("email", &user.email),
                    ("password", PASSWORD),
                    ("next", evil),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/", "{evil:?}");
    }
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_before_anything_else() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
    must_change_password(&app, &user).await;
    let mut browser = Browser::new(&app);
    let res = browser.login(&user.email, PASSWORD).await;
    assert_eq!(location(&res), "/password");
    for page in ["/", "/profile"] {
        let res = browser.get(page).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(location(&res), "/password", "{page}");
    }
    let res = browser.get("/password").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text.contains("replace the temporary one"),
        "{}",
        res.text
    );
    let old_cookie = browser.cookie("cw_session").unwrap().to_owned();

    let res = browser
        .submit(
            "/password",
            "/password",
            &[
                ("currentPassword", "wrong-one"),
                ("newPassword", "brand-new-pass"),
                ("confirmPassword", "brand-new-pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text.contains("This is not your current password."),
        "{}",
        res.text
    );
    assert!(
        res.text
            .contains(r#"aria-describedby="password-current-error""#)
    );

    let res = browser
        .submit(
            "/password",
            "/password",
            &[
                ("currentPassword", PASSWORD),
                ("newPassword", "brand-new-pass"),
                ("confirmPassword", "brand-new-typo"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("The two new passwords do not match."));

    let res = browser
        .submit(
            "/password",
            "/password",
            &[
                ("currentPassword", PASSWORD),
                ("newPassword", "brand-new-pass"),
                ("confirmPassword", "brand-new-pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/");
    assert!(set_cookie(&res, "cw_session").is_some(), "a fresh session");
    let res = browser.get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text.contains("Your password was changed."),
        "{}",
        res.text
    );
    // The flash is shown once.
    let res = browser.get("/").await;
    assert!(!res.text.contains("Your password was changed."));

    // The session from before the change is over.
    let mut old = Browser::new(&app);
    old.cookies.insert("cw_session".into(), old_cookie);
    assert_eq!(location(&old.get("/").await), "/login");
    let mut fresh = Browser::new(&app);
    assert_eq!(
        fresh.login(&user.email, "brand-new-pass").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::SuperAdmin).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    let cookie = browser.cookie("cw_session").unwrap().to_owned();

    let res = browser.submit("/", "/logout", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
    let cleared = set_cookie(&res, "cw_session").unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let res = browser.get("/login").await;
    assert!(res.text.contains("You are signed out."), "{}", res.text);

    // The old cookie no longer works, on the pages or with the API.
    let mut replay = Browser::new(&app);
    replay.cookies.insert("cw_session".into(), cookie.clone());
    let res = replay.get("/").await;
    assert_eq!(location(&res), "/login");
    assert!(
        set_cookie(&res, "cw_session").is_some_and(|c| c.contains("Max-Age=0")),
        "the stale cookie is cleared"
    );
    let api = app
        .send(Method::GET, "/api/auth/me", Some(&cookie), None)
        .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    let open: Vec<_> = sessions::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.revoked_at.is_none())
        .collect();
    assert!(open.is_empty(), "{open:?}");

    // Signing in again over the stale cookie keeps the new session.
    let mut again = Browser::new(&app);
    again.cookies.insert("cw_session".into(), cookie.clone());
    let res = again.login(&user.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(again.get("/").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_deactivated_user_is_signed_out_of_the_pages_at_once() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    assert_eq!(browser.get("/").await.status, StatusCode::OK);
    let mut model = user.clone().into_active_model();
    model.is_active = Set(Some(false));
    model.update(app.db()).await.unwrap();
    assert_eq!(location(&browser.get("/").await), "/login");
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

impl Browser<'_> {
    async fn header_once(&mut self, uri: &str, name: &'static str, value: &str) -> TestResponse {
        self.headers.push((name, value.to_owned()));
        let res = self.get(uri).await;
        self.headers.pop();
        res
    }
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
    let user = fixtures::user(app.db(), Role::Trainer).await;
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&user.email, PASSWORD).await;
    let res = arabic.get("/nowhere").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.text.contains("الصفحة غير موجودة"), "{}", res.text);
    assert!(res.text.contains(r#"class="user-menu""#));
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
    let admin = fixtures::user(app.db(), Role::SuperAdmin).await;
    let mut people = Vec::new();
    for role in [
        Role::Trainer,
        Role::Trainer,
        Role::Trainee,
        Role::Trainee,
        Role::Trainee,
    ] {
        people.push(fixtures::user(app.db(), role).await);
    }
    let mut browser = Browser::new(&app);
    browser.login(&admin.email, PASSWORD).await;
    let res = browser.get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    let text = &res.text;
    let stat = |label: &str| {
        let at = text
            .find(&format!(">{label}</dt>"))
            .unwrap_or_else(|| panic!("{label}"));
        let rest = &text[at..];
        let value = rest.split("stat__value\">").nth(1).unwrap();
        value.split('<').next().unwrap().to_owned()
    };
    assert_eq!(stat("Super admins"), "1");
    assert_eq!(stat("Trainers"), "2");
    assert_eq!(stat("Trainees"), "3");
    assert_eq!(stat("All users"), "6");

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

    // In Arabic, with Arabic digits.
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&admin.email, PASSWORD).await;
    let res = arabic.get("/").await;
    assert!(
        res.text.contains(r#"<dd class="stat__value">٦</dd>"#),
        "{}",
        res.text
    );
}

#[tokio::test]
async fn the_profile_page_shows_the_signed_in_user() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
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
