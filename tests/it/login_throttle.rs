//! Brute force: failed sign-ins are limited per account and per address, with 429 and
//! Retry-After, and a lock always ends.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::login_throttles;
use sea_orm::EntityTrait;
use sea_orm::prelude::Expr;
use serde_json::json;

use crate::fixtures::{self, PASSWORD};
use crate::helpers::{TestApp, TestResponse};

async fn attempt(app: &TestApp, email: &str, password: &str, ip: [u8; 4]) -> TestResponse {
    let mut request = Request::post("/api/auth/login")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"email": email, "password": password}).to_string(),
        ))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    app.send_raw(request).await
}

#[tokio::test]
async fn an_account_is_locked_after_five_failures_and_the_lock_ends() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
    for n in 1..=4 {
        let res = attempt(&app, &user.email, "wrong", [10, 0, 0, n]).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let res = attempt(&app, &user.email, "wrong", [10, 0, 0, 5]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    assert_eq!(res.json["error"]["code"], "too_many_requests");

    // Even the right password waits for the lock (from any address).
    let res = attempt(&app, &user.email, PASSWORD, [10, 9, 9, 9]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // Another account is not affected.
    let other = fixtures::user(app.db(), Role::Trainee).await;
    assert_eq!(
        attempt(&app, &other.email, PASSWORD, [10, 9, 9, 9])
            .await
            .status,
        StatusCode::OK
    );

    // When the lock is over, the real user gets in, and the count starts again.
    login_throttles::Entity::update_many()
        .col_expr(
            login_throttles::Column::LockedUntil,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .exec(app.db())
        .await
        .unwrap();
    assert_eq!(
        attempt(&app, &user.email, PASSWORD, [10, 0, 0, 6])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        attempt(&app, &user.email, "wrong", [10, 0, 0, 7])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_limited() {
    let app = TestApp::spawn().await;
    let victim = fixtures::user(app.db(), Role::Trainee).await;
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

#[tokio::test]
async fn concurrent_failures_are_all_counted() {
    let app = TestApp::spawn().await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
    let attempts = (0..4).map(|n| attempt(&app, &user.email, "wrong", [10, 1, 0, n]));
    let results = futures_util::future::join_all(attempts).await;
    assert!(results.iter().all(|r| r.status == StatusCode::UNAUTHORIZED));
    let row = login_throttles::Entity::find_by_id(format!("email:{}", user.email))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.failures, 4);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts() {
    let app = TestApp::spawn_with(|c| c.server.trust_proxy = true).await;
    let user = fixtures::user(app.db(), Role::Trainee).await;
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
    let keys: Vec<String> = login_throttles::Entity::find()
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert!(keys.contains(&"ip:203.0.113.9".to_owned()), "{keys:?}");
    assert!(!keys.iter().any(|k| k.contains("10.0.0.1")), "{keys:?}");
}
