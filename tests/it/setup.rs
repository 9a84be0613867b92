//! First-run setup: only with the printed token, only once, even when two requests race.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use courseworx::services::setup;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

fn body(token: &str, email: &str) -> Value {
    json!({
        "token": token, "firstName": "Ada", "lastName": "Admin",
        "email": email, "password": "first-admin-pass"
    })
}

async fn super_admins(app: &TestApp) -> usize {
    users::Entity::find()
        .filter(users::Column::Role.eq(Role::SuperAdmin))
        .all(app.db())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn setup_creates_the_first_super_admin_with_the_printed_token_only() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/auth/setup").await;
    assert_eq!(res.json["required"], true);

    let res = app
        .request(
            Method::POST,
            "/api/auth/setup",
            Some(body("anything", "a@example.com")),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "no token prepared yet");

    let token = setup::prepare(app.db())
        .await
        .unwrap()
        .expect("setup needed");
    let res = app
        .request(
            Method::POST,
            "/api/auth/setup",
            Some(body("wrong", "a@example.com")),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(super_admins(&app).await, 0);

    let mut bad = body(&token, "not-an-email");
    bad["password"] = json!("123");
    let res = app
        .request(Method::POST, "/api/auth/setup", Some(bad))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.json["error"]["fields"]["email"].is_array());
    assert!(res.json["error"]["fields"]["password"].is_array());

    let res = app
        .request(
            Method::POST,
            "/api/auth/setup",
            Some(body(&token, "Boss@Example.com")),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(res.json["user"]["role"], "super_admin");
    assert_eq!(res.json["user"]["email"], "boss@example.com");
    let jwt = res.json["token"].as_str().unwrap();
    let me = app.send(Method::GET, "/api/auth/me", Some(jwt), None).await;
    assert_eq!(me.status, StatusCode::OK);

    let res = app
        .request(
            Method::POST,
            "/api/auth/setup",
            Some(body(&token, "again@example.com")),
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(app.get("/api/auth/setup").await.json["required"], false);
    assert_eq!(setup::prepare(app.db()).await.unwrap(), None);
    assert_eq!(super_admins(&app).await, 1);
}

#[tokio::test]
async fn two_racing_setups_create_exactly_one_super_admin() {
    let app = TestApp::spawn().await;
    let token = setup::prepare(app.db()).await.unwrap().unwrap();
    let (a, b) = tokio::join!(
        app.request(
            Method::POST,
            "/api/auth/setup",
            Some(body(&token, "one@example.com"))
        ),
        app.request(
            Method::POST,
            "/api/auth/setup",
            Some(body(&token, "two@example.com"))
        ),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{} / {}",
        a.text,
        b.text
    );
    assert_eq!(super_admins(&app).await, 1);
}

#[tokio::test]
async fn setup_is_closed_once_a_super_admin_exists() {
    let app = TestApp::spawn().await;
    let token = setup::prepare(app.db()).await.unwrap().unwrap();
    UserBuilder::super_admin().create(&app).await;
    let res = app
        .request(
            Method::POST,
            "/api/auth/setup",
            Some(body(&token, "late@example.com")),
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(super_admins(&app).await, 1);
}

/// Two instances started before setup each print a link (`prepare` at each start): both
/// work until one is used, and then neither does.
#[tokio::test]
async fn every_link_printed_before_setup_works_until_setup_is_done() {
    let app = TestApp::spawn().await;
    let first = setup::prepare(app.db()).await.unwrap().unwrap();
    let second = setup::prepare(app.db()).await.unwrap().unwrap();
    assert_ne!(first, second);
    // The first instance's link still works after the second started.
    let res = app
        .request(
            Method::POST,
            "/api/auth/setup",
            Some(body(&first, "first@example.com")),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let res = app
        .request(
            Method::POST,
            "/api/auth/setup",
            Some(body(&second, "second@example.com")),
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert_eq!(super_admins(&app).await, 1);
}
