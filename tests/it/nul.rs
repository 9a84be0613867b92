//! NUL characters in text input. PostgreSQL cannot store one (found by fuzzing: a search
//! holding `%00` answered 500 there), so the API refuses them at the door on both
//! databases, and nothing anywhere answers 500 because of one.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;
use serde_json::json;

use crate::fixtures::{self, UserBuilder};
use crate::helpers::TestApp;
use crate::web::Browser;

#[tokio::test]
async fn the_api_refuses_nul_in_queries_and_bodies() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::SuperAdmin).await;
    let res = app
        .send(Method::GET, "/api/users?search=a%00b", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    assert_eq!(res.json["error"]["code"], "bad_request");

    let res = app
        .request(
            Method::POST,
            "/api/auth/login",
            Some(json!({"email": "ada\u{0}@example.com", "password": "whatever"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);

    let res = app
        .send(
            Method::POST,
            "/api/users",
            Some(&token),
            Some(json!({"firstName": "A\u{0}da", "lastName": "Lovelace", "email": "ada@example.com"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);

    // An escaped backslash followed by "u0000" is ordinary text, not NUL.
    let res = app
        .send(
            Method::PUT,
            "/api/profile",
            Some(&token),
            Some(json!({"lastName": "Back\\u0000slash"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["user"]["lastName"], "Back\\u0000slash");
    let res = app
        .send(
            Method::GET,
            "/api/users?search=%5Cu0000",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

#[tokio::test]
async fn pages_never_fail_on_nul() {
    let app = TestApp::spawn().await;
    let admin = UserBuilder::super_admin().create(&app).await;
    let mut browser = Browser::new(&app);
    let res = browser.login("ada\u{0}@example.com", "whatever").await;
    assert!(
        res.status.is_client_error() || res.status.is_success(),
        "{}",
        res.status
    );
    let res = browser.login(&admin.email, fixtures::PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let res = browser.get("/users?search=a%00b").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}
