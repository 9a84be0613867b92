//! Brute force: every guess is counted before it is verified, per device token, or per
//! account and address, per address and per account for strangers; 429 with Retry-After,
//! and a lock always ends. Strangers never lock the owner's own devices out.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::login_throttles;
use courseworx::domain::login_throttle::ThrottleKey;
use sea_orm::prelude::Expr;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::helpers::{TestApp, TestResponse};

async fn attempt_with(app: &TestApp, body: Value, ip: [u8; 4]) -> TestResponse {
    let mut request = Request::post("/api/auth/login")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    app.send_raw(request).await
}

async fn attempt(app: &TestApp, email: &str, password: &str, ip: [u8; 4]) -> TestResponse {
    attempt_with(app, json!({"email": email, "password": password}), ip).await
}

fn retry_after(res: &TestResponse) -> u64 {
    res.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn count_of(app: &TestApp, key: &ThrottleKey) -> i32 {
    login_throttles::Entity::find_by_id(key.as_str().to_owned())
        .one(app.db())
        .await
        .unwrap()
        .map_or(0, |r| r.failures)
}

async fn end_every_lock(app: &TestApp) {
    login_throttles::Entity::update_many()
        .col_expr(
            login_throttles::Column::LockedUntil,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .exec(app.db())
        .await
        .unwrap();
}

#[tokio::test]
async fn five_guesses_from_one_address_lock_that_address_out_of_the_account() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let here = [10, 0, 0, 1];
    for n in 1..=4 {
        let res = attempt(&app, &user.email, "wrong", here).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let res = attempt(&app, &user.email, "wrong", here).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!((1..=30).contains(&retry_after(&res)));
    assert_eq!(res.json["error"]["code"], "too_many_requests");

    // Even the right password waits for the lock, from that address...
    let res = attempt(&app, &user.email, PASSWORD, here).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // ...but not from another one, and another account is not affected.
    let other = UserBuilder::trainee().create(&app).await;
    assert_eq!(
        attempt(&app, &other.email, PASSWORD, here).await.status,
        StatusCode::OK
    );
    assert_eq!(
        attempt(&app, &user.email, PASSWORD, [10, 9, 9, 9])
            .await
            .status,
        StatusCode::OK
    );

    // When the lock is over, the one address gets one guess per (doubled) lock.
    end_every_lock(&app).await;
    let res = attempt(&app, &user.email, "wrong", here).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!((31..=60).contains(&retry_after(&res)), "doubled");
    end_every_lock(&app).await;
    assert_eq!(
        attempt(&app, &user.email, PASSWORD, here).await.status,
        StatusCode::OK
    );
    // A success from the address starts its count afresh.
    assert_eq!(
        attempt(&app, &user.email, "wrong", here).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// The attack that beat the old limit: 50 parallel guesses. Each is counted before its
/// password is checked, so exactly the limit's number are verified, whatever the timing.
#[tokio::test]
async fn a_burst_of_parallel_guesses_gets_no_more_than_the_limit() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let here = [10, 0, 0, 2];
    let guesses = (0..50).map(|_| attempt(&app, &user.email, "wrong", here));
    let results = futures_util::future::join_all(guesses).await;
    let unauthorized = results
        .iter()
        .filter(|r| r.status == StatusCode::UNAUTHORIZED)
        .count();
    let limited = results
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    // Four wrong answers, the fifth guess answered with the lock it started, 45 refused.
    assert_eq!((unauthorized, limited), (4, 46), "{results:?}");
    let pair = ThrottleKey::pair(&user.email, "10.0.0.2");
    assert_eq!(count_of(&app, &pair).await, 5, "exactly five were verified");
    // And the right password, next in line, is refused too.
    let res = attempt(&app, &user.email, PASSWORD, here).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

/// The same burst spread over 50 addresses meets the account's limit for strangers.
#[tokio::test]
async fn a_burst_from_many_addresses_gets_no_more_than_the_account_limit() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let guesses = (0..50u8).map(|n| attempt(&app, &user.email, "wrong", [10, 1, 0, n]));
    let results = futures_util::future::join_all(guesses).await;
    let limited = results
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(limited, 31, "19 answered 401, the 20th started the lock");
    assert_eq!(count_of(&app, &ThrottleKey::account(&user.email)).await, 20);
    let res = attempt(&app, &user.email, PASSWORD, [10, 2, 0, 1]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

/// OWASP's device cookie: strangers who lock the account out do not lock out a client that
/// signed in to it before.
#[tokio::test]
async fn strangers_cannot_lock_the_owner_out() {
    let app = TestApp::spawn().await;
    let admin = UserBuilder::super_admin().create(&app).await;
    let owner_ip = [192, 0, 2, 10];
    let res = attempt(&app, &admin.email, PASSWORD, owner_ip).await;
    assert_eq!(res.status, StatusCode::OK);
    let device = res.json["deviceToken"].as_str().unwrap().to_owned();

    // An attacker spreads 40 wrong guesses over 8 addresses.
    for n in 0..40u8 {
        attempt(&app, &admin.email, "wrong", [203, 0, 113, n / 5]).await;
    }
    // Strangers are locked out, the owner at their own address included...
    let res = attempt(&app, &admin.email, PASSWORD, owner_ip).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // ...but the owner's device signs in, from anywhere, and keeps its token.
    let with_device = json!({"email": admin.email, "password": PASSWORD, "deviceToken": device});
    let res = attempt_with(&app, with_device.clone(), [198, 51, 100, 1]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["deviceToken"], device);

    // The token is the owner's alone: it does nothing for another account...
    let other = UserBuilder::trainee().create(&app).await;
    let borrowed = json!({"email": other.email, "password": "wrong", "deviceToken": device});
    for _ in 0..5 {
        attempt_with(&app, borrowed.clone(), [203, 0, 113, 99]).await;
    }
    let res = attempt(&app, &other.email, PASSWORD, [203, 0, 113, 99]).await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "counted as a stranger"
    );
    // ...a forged one is a stranger's...
    let forged = json!({"email": admin.email, "password": PASSWORD,
        "deviceToken": format!("{}.{}", "a".repeat(32), "b".repeat(64))});
    let res = attempt_with(&app, forged, owner_ip).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // ...and a stolen one is limited on its own: five wrong guesses lock it.
    let stolen = json!({"email": admin.email, "password": "wrong", "deviceToken": device});
    for n in 1..=4 {
        let res = attempt_with(&app, stolen.clone(), [203, 0, 113, 50]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "guess {n}");
    }
    let res = attempt_with(&app, stolen, [203, 0, 113, 50]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let res = attempt_with(&app, with_device, owner_ip).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_login_page_keeps_a_device_cookie_per_account() {
    use crate::web::{Browser, set_cookie};
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainer().create(&app).await;
    let mut browser = Browser::new(&app);
    let res = browser.login(&user.email, PASSWORD).await;
    let cookie = res
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cw_device_"))
        .expect("a device cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("Max-Age=31536000"));
    assert!(set_cookie(&res, "cw_session").is_some());
    // Strangers lock the account (no address here: the account's own limit).
    for _ in 0..20 {
        app.request(
            Method::POST,
            "/api/auth/login",
            Some(json!({"email": user.email, "password": "wrong"})),
        )
        .await;
    }
    let res = app
        .request(
            Method::POST,
            "/api/auth/login",
            Some(json!({"email": user.email, "password": PASSWORD})),
        )
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // The browser that signed in before still gets in.
    let res = browser.submit("/", "/logout", &[]).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let res = browser.login(&user.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_limited() {
    let app = TestApp::spawn().await;
    let victim = UserBuilder::trainee().create(&app).await;
    let attacker = [203, 0, 113, 7];
    for n in 0..19 {
        let res = attempt(&app, &format!("guess{n}@example.com"), "wrong", attacker).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let res = attempt(&app, "guess19@example.com", "wrong", attacker).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let res = attempt(&app, &victim.email, PASSWORD, attacker).await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the address is locked"
    );
    let res = attempt(&app, &victim.email, PASSWORD, [198, 51, 100, 1]).await;
    assert_eq!(res.status, StatusCode::OK, "the account itself is not");
}

/// A 1.9 MB email once stored a 1.9 MB row (SQLite) or answered 500 (PostgreSQL).
#[tokio::test]
async fn over_long_input_is_refused_before_anything_is_written() {
    let app = TestApp::spawn().await;
    let here = [10, 3, 0, 1];
    for (email, password) in [
        (
            format!("{}@example.com", "a".repeat(1_900_000)),
            "wrong".to_owned(),
        ),
        (
            format!("{}@example.com", "b".repeat(290)),
            "wrong".to_owned(),
        ),
        ("a@example.com".to_owned(), "p".repeat(1001)),
    ] {
        let res = attempt(&app, &email, &password, here).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    }
    assert_eq!(
        login_throttles::Entity::find()
            .count(app.db())
            .await
            .unwrap(),
        0
    );
    // Every key has one short length, whatever was typed.
    let res = attempt(&app, &format!("{}@example.com", "c".repeat(243)), "x", here).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let rows = login_throttles::Entity::find().all(app.db()).await.unwrap();
    assert_eq!(rows.len(), 3, "account, pair, address");
    assert!(rows.iter().all(|r| r.key.len() <= 80), "{rows:?}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts() {
    let app = TestApp::spawn_with(|c| c.server.trust_proxy = true).await;
    let user = UserBuilder::trainee().create(&app).await;
    let mut request = Request::post("/api/auth/login")
        .header("content-type", "application/json")
        .header("x-forwarded-for", "198.51.100.1, 203.0.113.9")
        .body(Body::from(
            json!({"email": user.email, "password": "wrong"}).to_string(),
        ))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 40000))));
    assert_eq!(app.send_raw(request).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        count_of(&app, &ThrottleKey::address("203.0.113.9")).await,
        1
    );
    assert_eq!(count_of(&app, &ThrottleKey::address("10.0.0.1")).await, 0);
}

/// A stolen session must not become a way to find the password: 40 wrong current
/// passwords, then the right one, used to pass.
#[tokio::test]
async fn wrong_current_passwords_are_limited_like_sign_in_guesses() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    let change = |current: &str| {
        let body = json!({"currentPassword": current, "newPassword": "brand-new-pass"});
        app.send(Method::PUT, "/api/auth/password", Some(&token), Some(body))
    };
    for n in 1..=4 {
        let res = change("nope").await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "guess {n}");
    }
    for _ in 0..36 {
        let res = change("nope").await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    }
    let res = change(PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers.contains_key("retry-after"));
    end_every_lock(&app).await;
    let res = change(PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

/// The password page says so too, with how long to wait, instead of an error page.
#[tokio::test]
async fn the_password_page_says_when_guesses_are_locked() {
    use crate::web::Browser;
    let app = TestApp::spawn().await;
    let (user, _) = app.signed_in(Role::Trainer).await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    let fields = |current: &'static str| {
        [
            ("currentPassword", current),
            ("newPassword", "brand-new-pass"),
            ("confirmPassword", "brand-new-pass"),
        ]
    };
    for n in 1..=4 {
        let res = browser
            .submit("/password", "/password", &fields("nope"))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "guess {n}");
    }
    let res = browser
        .submit("/password", "/password", &fields("nope"))
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers.contains_key("retry-after"));
    assert!(
        res.text.contains("Too many failed attempts"),
        "{}",
        res.text
    );
    let res = browser
        .submit("/password", "/password", &fields(PASSWORD))
        .await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right one waits too"
    );
}

/// A right guess gives back only its own place: wrong guesses on others' accounts, each
/// followed by a right one on one's own, used to keep an address under its limit for ever.
#[tokio::test]
async fn a_right_guess_never_takes_back_anothers_failure() {
    let app = TestApp::spawn().await;
    let (own, _) = app.signed_in(Role::Trainee).await;
    let attacker = [203, 0, 113, 66];
    for n in 0..19 {
        let res = attempt(&app, &format!("victim{n}@example.com"), "guess", attacker).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "guess {n}");
        let res = attempt(&app, &own.email, PASSWORD, attacker).await;
        assert_eq!(res.status, StatusCode::OK, "own sign-in {n}");
    }
    let res = attempt(&app, "victim19@example.com", "guess", attacker).await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the 20th failure locks"
    );
    assert_eq!(
        count_of(&app, &ThrottleKey::address("203.0.113.66")).await,
        20
    );
}

/// One address is often many people: a classroom behind one router signing in at the start
/// of a session, all at once and for the first time, is no attack.
#[tokio::test]
async fn a_classroom_behind_one_address_signs_in_at_once() {
    let app = TestApp::spawn().await;
    let mut trainees = Vec::new();
    for _ in 0..30 {
        trainees.push(UserBuilder::trainee().create(&app).await);
    }
    let classroom = [192, 0, 2, 77];
    let sign_ins = trainees
        .iter()
        .map(|t| attempt(&app, &t.email, PASSWORD, classroom));
    let results = futures_util::future::join_all(sign_ins).await;
    let refused: Vec<_> = results
        .iter()
        .filter(|r| r.status != StatusCode::OK)
        .collect();
    assert!(refused.is_empty(), "{refused:?}");
}
