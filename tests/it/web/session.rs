//! Signing in and out, CSRF, the page to come back to, forced password change.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::sessions;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};

use super::{Browser, PASSWORD, Part, csrf_in, location, set_cookie};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

#[tokio::test]
async fn login_sets_an_http_only_same_site_cookie_and_opens_the_home_page() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainer().create(&app).await;
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
    assert!(
        res.text.contains(&format!("Welcome, {}", user.first_name)),
        "{}",
        res.text
    );
    assert!(res.text.contains("Needs attention"));
    assert!(
        !res.text.contains("The platform"),
        "no admin data for trainers"
    );
    // A signed-in visitor of the login page goes home.
    let res = browser.get("/login").await;
    assert_eq!(location(&res), "/");

    // A client's own X-Forwarded-Proto is not believed without a trusted proxy...
    let mut claims_tls = Browser::new(&app).header("x-forwarded-proto", "https");
    let res = claims_tls.login(&user.email, PASSWORD).await;
    let cookie = set_cookie(&res, "cw_session").expect("session cookie");
    assert!(!cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn behind_a_trusted_https_proxy_the_cookie_is_secure() {
    let app = TestApp::spawn_with(|c| c.server.trust_proxy = true).await;
    let user = UserBuilder::trainer().create(&app).await;
    let mut behind_tls = Browser::new(&app).header("x-forwarded-proto", "https");
    let res = behind_tls.login(&user.email, PASSWORD).await;
    let cookie = set_cookie(&res, "cw_session").expect("session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_email_and_a_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
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
    let user = UserBuilder::trainee().create(&app).await;
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
async fn a_multipart_form_must_bring_its_token_as_its_first_field() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    let token = csrf_in(&browser.get("/").await.text);
    let zeros = "0".repeat(64);
    let file = Part::File("file", "notes.txt", b"some bytes");
    for (case, parts) in [
        ("no token", vec![Part::File("file", "a.txt", b"x")]),
        (
            "a wrong token",
            vec![
                Part::Field("csrf", &zeros),
                Part::File("file", "a.txt", b"x"),
            ],
        ),
        (
            "the token after a file",
            vec![file, Part::Field("csrf", &token)],
        ),
        (
            "the token as a file",
            vec![Part::File("csrf", "csrf.txt", token.as_bytes())],
        ),
    ] {
        let res = browser.post_multipart("/logout", &parts).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{case}");
        assert!(res.text.contains("This form has expired"), "{case}");
        assert_eq!(browser.get("/").await.status, StatusCode::OK, "{case}");
    }
    // Neither urlencoded nor multipart: 415.
    let res = browser
        .send_body(
            Method::POST,
            "/logout",
            Some("text/plain"),
            b"csrf=x".to_vec(),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // The token first, then anything: accepted, and the rest of the body is left whole.
    let big = vec![b'z'; 300 * 1024];
    let res = browser
        .post_multipart(
            "/logout",
            &[
                Part::Field("csrf", &token),
                Part::File("file", "big.bin", &big),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/login");
    assert_eq!(browser.get("/").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_page_asked_for_is_kept_only_when_it_is_local() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
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
    let user = UserBuilder::trainee()
        .must_change_password()
        .create(&app)
        .await;
    let mut browser = Browser::new(&app);
    let res = browser.login(&user.email, PASSWORD).await;
    assert_eq!(location(&res), "/password");
    // Every page leads to the password form, which then leads on to that page.
    for (page, to) in [
        ("/", "/password"),
        ("/profile", "/password?next=%2Fprofile"),
    ] {
        let res = browser.get(page).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(location(&res), to, "{page}");
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
async fn the_page_asked_for_is_kept_through_a_forced_password_change() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee()
        .must_change_password()
        .create(&app)
        .await;
    let mut browser = Browser::new(&app);
    let res = browser.get("/profile").await;
    assert_eq!(location(&res), "/login?next=%2Fprofile");
    let res = browser
        .submit(
            "/login?next=%2Fprofile",
            "/login",
            &[
                ("email", &user.email),
                ("password", PASSWORD),
                ("next", "/profile"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/password?next=%2Fprofile");
    let form = browser.get("/password?next=%2Fprofile").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.text
            .contains(r#"<input type="hidden" name="next" value="/profile">"#),
        "{}",
        form.text
    );

    // A mistake keeps it.
    let token = csrf_in(&form.text);
    let res = browser
        .post(
            "/password",
            &[
                ("csrf", &token),
                ("currentPassword", PASSWORD),
                ("newPassword", "brand-new-pass"),
                ("confirmPassword", "brand-new-typo"),
                ("next", "/profile"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains(r#"name="next" value="/profile""#));

    let res = browser
        .post(
            "/password",
            &[
                ("csrf", &token),
                ("currentPassword", PASSWORD),
                ("newPassword", "brand-new-pass"),
                ("confirmPassword", "brand-new-pass"),
                ("next", "/profile"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/profile");
    let res = browser.get("/profile").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("Your password was changed."));

    // Only a local path: anything else leads home, and is never offered by the form.
    let other = UserBuilder::trainee()
        .must_change_password()
        .create(&app)
        .await;
    let mut browser = Browser::new(&app);
    browser.login(&other.email, PASSWORD).await;
    let form = browser
        .get("/password?next=https%3A%2F%2Fevil.example%2F")
        .await;
    let password_form = &form.text[form.text.find(r#"action="/password""#).unwrap()..];
    let password_form = &password_form[..password_form.find("</form>").unwrap()];
    assert!(!password_form.contains(r#"name="next""#), "{password_form}");
    let token = csrf_in(&form.text);
    let res = browser
        .post(
            "/password",
            &[
                ("csrf", &token),
                ("currentPassword", PASSWORD),
                ("newPassword", "brand-new-pass"),
                ("confirmPassword", "brand-new-pass"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/");
}

#[tokio::test]
async fn logging_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::super_admin().create(&app).await;
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
    let user = UserBuilder::trainee().create(&app).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    assert_eq!(browser.get("/").await.status, StatusCode::OK);
    let mut model = app.user_row(user.id).await.into_active_model();
    model.is_active = Set(Some(false));
    model.update(app.db()).await.unwrap();
    assert_eq!(location(&browser.get("/").await), "/login");
}

#[tokio::test]
async fn cookies_are_secure_when_configured_so() {
    let database = crate::helpers::TestDatabase::new().await;
    let mut config = database.config.clone();
    config.server.secure_cookies = true;
    let state = courseworx::startup::build_state(config).await.unwrap();
    let app = TestApp {
        router: courseworx::startup::router(state.clone()),
        state,
        database,
    };
    let user = UserBuilder::trainer().create(&app).await;
    let mut browser = Browser::new(&app);
    let page = browser.get("/login").await;
    assert!(set_cookie(&page, "cw_csrf").unwrap().contains("Secure"));
    let res = browser.login(&user.email, PASSWORD).await;
    assert!(set_cookie(&res, "cw_session").unwrap().contains("Secure"));
}

#[tokio::test]
async fn only_a_super_admin_gets_the_user_overview() {
    let app = TestApp::spawn().await;
    let viewer = UserBuilder::trainer().create(&app).await;
    let refused = courseworx::services::dashboard::admin(&app.state, &viewer).await;
    assert!(matches!(
        refused,
        Err(courseworx::error::AppError::Denied(
            courseworx::domain::policy::Denied::NotSuperAdmin
        ))
    ));
}

#[tokio::test]
async fn the_login_page_says_when_sign_in_is_locked() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut browser = Browser::new(&app);
    // No client address here: the account's limit for strangers (20) applies.
    for _ in 0..19 {
        let res = browser.login(&user.email, "wrong").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let res = browser.login(&user.email, "wrong").await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers.contains_key("retry-after"));
    assert!(
        res.text.contains("Too many failed attempts"),
        "{}",
        res.text
    );
    // The real password waits too, and is told so in the page.
    let res = browser.login(&user.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}
