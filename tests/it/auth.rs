//! Sign in, who am I, sign out, change password: the session rules of the identity issue.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::routing::get;
use courseworx::auth::extract::CurrentUser;
use courseworx::db::entities::{sessions, users};
use sea_orm::ActiveValue::Set;
use sea_orm::prelude::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::json;
use tower::ServiceExt;

use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

const PASSWORD: &str = "secret123";

#[tokio::test]
async fn login_answers_a_token_and_the_user_without_the_hash() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainer().create(&app).await;
    let shouted = format!("  {}  ", user.email.to_uppercase());
    let res = app.login_response(&shouted, PASSWORD).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["tokenType"], "Bearer");
    assert_eq!(res.json["user"]["email"], user.email);
    assert_eq!(res.json["user"]["role"], "trainer");
    assert!(res.json["user"]["lastLogin"].is_string());
    assert!(res.json["user"].get("password").is_none());
    assert!(!res.text.contains("$2b$"), "{}", res.text);

    let stored = users::Entity::find_by_id(user.id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.last_login.is_some(), "lastLogin recorded");

    let token = res.json["token"].as_str().unwrap();
    let me = app
        .send(Method::GET, "/api/auth/me", Some(token), None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.json["user"]["id"], user.id.to_string());
    assert!(!me.text.contains("$2b$"));
}

#[tokio::test]
async fn wrong_email_and_wrong_password_get_the_same_401() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let wrong_password = app.login_response(&user.email, "not-it").await;
    let wrong_email = app.login_response("nobody@example.com", PASSWORD).await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_email.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password.text, wrong_email.text);
    assert_eq!(wrong_email.json["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn malformed_login_bodies_get_clear_errors() {
    let app = TestApp::spawn().await;
    let res = app
        .request(Method::POST, "/api/auth/login", Some(json!({})))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.json["error"]["fields"]["email"].is_array());
    assert!(res.json["error"]["fields"]["password"].is_array());

    let res = app
        .request(
            Method::POST,
            "/api/auth/login",
            Some(json!({"email": "a@b.co", "password": "x", "role": "super_admin"})),
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown field"
    );

    let res = app
        .send_raw(
            Request::post("/api/auth/login")
                .header("content-type", "application/json")
                .body(Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json["error"]["code"], "bad_request");

    let res = app
        .send_raw(
            Request::post("/api/auth/login")
                .header("content-type", "text/plain")
                .body(Body::from("email=a"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn me_needs_a_valid_token() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let token = app.login(&user.email, PASSWORD).await;
    for bad in [None, Some("garbage"), Some(&format!("{token}x")[..])] {
        let res = app.send(Method::GET, "/api/auth/me", bad, None).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{bad:?}");
    }
    // A token signed with another secret (another installation) is refused.
    let foreign = courseworx::auth::jwt::Keys::new(b"some other installation's secret!")
        .unwrap()
        .sign(
            user.id,
            uuid::Uuid::now_v7(),
            chrono::Utc::now(),
            chrono::Utc::now() + chrono::Duration::hours(1),
        )
        .unwrap();
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&foreign), None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logout_ends_the_session_at_once() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let token = app.login(&user.email, PASSWORD).await;
    let other_device = app.login(&user.email, PASSWORD).await;
    let res = app
        .send(Method::POST, "/api/auth/logout", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    // Only that session: the other device stays signed in.
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&other_device), None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn a_deactivated_user_is_refused_even_with_an_unexpired_token() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let token = app.login(&user.email, PASSWORD).await;
    let mut edit = app.user_row(user.id).await.into_active_model();
    edit.is_active = Set(Some(false));
    edit.update(app.db()).await.unwrap();

    let res = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let res = app.login_response(&user.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    assert!(!res.text.contains("token"));
}

#[tokio::test]
async fn a_deleted_user_is_refused() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let token = app.login(&user.email, PASSWORD).await;
    users::Entity::delete_by_id(user.id)
        .exec(app.db())
        .await
        .unwrap();
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_session_is_refused() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let token = app.login(&user.email, PASSWORD).await;
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .filter(sessions::Column::UserId.eq(user.id))
        .exec(app.db())
        .await
        .unwrap();
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn changing_the_password_ends_older_tokens_and_needs_the_current_one() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee().create(&app).await;
    let token = app.login(&user.email, PASSWORD).await;
    let other_device = app.login(&user.email, PASSWORD).await;
    let change = |current: &'static str, new: &'static str| json!({"currentPassword": current, "newPassword": new});

    let res = app
        .send(
            Method::PUT,
            "/api/auth/password",
            Some(&token),
            Some(change("wrong!", "brand-new")),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.json["error"]["fields"]["currentPassword"].is_array());

    let res = app
        .send(
            Method::PUT,
            "/api/auth/password",
            Some(&token),
            Some(change(PASSWORD, "short")),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.json["error"]["fields"]["newPassword"].is_array());

    let res = app
        .send(
            Method::PUT,
            "/api/auth/password",
            Some(&token),
            Some(change(PASSWORD, "brand-new")),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let fresh = res.json["token"].as_str().unwrap().to_owned();

    for old in [&token, &other_device] {
        let res = app.send(Method::GET, "/api/auth/me", Some(old), None).await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "old token still works"
        );
    }
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&fresh), None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        app.login_response(&user.email, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.login(&user.email, "brand-new").await;
}

/// A router with one route behind `CurrentUser`, the extractor every later feature uses.
fn gated(app: &TestApp) -> Router {
    Router::new()
        .route("/gated", get(|_: CurrentUser| async { "in" }))
        .with_state(app.state.clone())
}

#[tokio::test]
async fn a_required_password_change_blocks_everything_but_me_password_and_logout() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee()
        .must_change_password()
        .create(&app)
        .await;
    let token = app.login(&user.email, PASSWORD).await;

    let call_gated = |token: String| {
        let router = gated(&app);
        async move {
            router
                .oneshot(
                    Request::get("/gated")
                        .header("authorization", format!("Bearer {token}"))
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap()
        }
    };
    let res = call_gated(token.clone()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let body = axum::body::to_bytes(res.into_body(), 10_000).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["code"], "password_change_required");

    let me = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json["user"]["requiresPasswordChange"], true);

    let res = app
        .send(
            Method::PUT,
            "/api/auth/password",
            Some(&token),
            Some(json!({"currentPassword": PASSWORD, "newPassword": "my-own-one"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["user"]["requiresPasswordChange"], false);
    let fresh = res.json["token"].as_str().unwrap().to_owned();
    let res = call_gated(fresh).await;
    assert_eq!(res.status(), StatusCode::OK, "the flag is cleared");
}
