//! What an attack on accounts found: passwords cut at 72 bytes, cached secrets, look-alike
//! names and emails, a world-readable database file.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;
use serde_json::json;

use crate::helpers::TestApp;
use crate::users_api::create;

/// bcrypt reads 72 bytes: an 88-character password used to accept any tail.
#[tokio::test]
async fn passwords_past_72_bytes_are_refused_never_cut() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let long = "L".repeat(88);
    let res = create(
        &app,
        &admin,
        json!({"firstName": "Ada", "lastName": "Long", "email": "long@example.com", "password": long}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.json["error"]["fields"]["password"].is_array());
    // 40 two-byte letters are 80 bytes: refused with the reason.
    let res = create(
        &app,
        &admin,
        json!({"firstName": "Ada", "lastName": "Long", "email": "long@example.com", "password": "é".repeat(40)}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("72 bytes"), "{}", res.text);

    let exact = "L".repeat(72);
    let res = create(
        &app,
        &admin,
        json!({"firstName": "Ada", "lastName": "Long", "email": "long@example.com",
               "password": exact, "requiresPasswordChange": false}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(
        app.login_response("long@example.com", &exact).await.status,
        StatusCode::OK
    );
    let with_tail = format!("{exact}anything");
    assert_eq!(
        app.login_response("long@example.com", &with_tail)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // The password change refuses it too.
    let token = app.login("long@example.com", &exact).await;
    let res = app
        .send(
            Method::PUT,
            "/api/auth/password",
            Some(&token),
            Some(json!({"currentPassword": exact, "newPassword": "x".repeat(73)})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// Answers that carry a token, a temporary password or people's data are never cached.
#[tokio::test]
async fn secrets_are_never_cached() {
    let app = TestApp::spawn().await;
    let (admin, token) = app.signed_in(Role::SuperAdmin).await;
    let login = app
        .login_response(&admin.email, crate::fixtures::PASSWORD)
        .await;
    let created = create(
        &app,
        &token,
        json!({"firstName": "Tem", "lastName": "Porary", "email": "temp@example.com"}),
    )
    .await;
    let id = created.json["user"]["id"].as_str().unwrap().to_owned();
    let reset = app
        .send(
            Method::POST,
            &format!("/api/users/{id}/reset-password"),
            Some(&token),
            None,
        )
        .await;
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    let export = app
        .send(Method::GET, "/api/users/export", Some(&token), None)
        .await;
    let refused = app.get("/api/users").await;
    for (what, res) in [
        ("login", &login),
        ("create", &created),
        ("reset", &reset),
        ("me", &me),
        ("export", &export),
        ("401", &refused),
    ] {
        assert_eq!(
            res.headers
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{what}"
        );
    }
    // The pages too, their redirects with a session cookie included.
    let mut browser = crate::web::Browser::new(&app);
    let res = browser.login(&admin.email, crate::fixtures::PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.headers["cache-control"], "no-store");
    let res = browser.get("/users").await;
    assert_eq!(res.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn invisible_and_direction_changing_names_are_refused() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    for name in [
        "\u{200B}\u{200B}\u{200B}",
        "\u{3164}\u{3164}",
        "Eve\u{202E}nimda",
        "\u{2066}Ada\u{2069}",
    ] {
        let res = create(
            &app,
            &admin,
            json!({"firstName": name, "lastName": "Doe", "email": "x@example.com"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        assert!(
            res.json["error"]["fields"]["firstName"].is_array(),
            "{name:?}"
        );
        let res = app
            .send(
                Method::PUT,
                "/api/profile",
                Some(&admin),
                Some(json!({"lastName": name})),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
    }
}

/// Full-width `ａｄｍｉｎ@x.co` is `admin@x.co`: one account, and it signs in either way.
#[tokio::test]
async fn look_alike_emails_are_the_same_account() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let res = create(
        &app,
        &admin,
        json!({"firstName": "Ad", "lastName": "Min", "email": "admin@x.co",
               "password": "secret123", "requiresPasswordChange": false}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let res = create(
        &app,
        &admin,
        json!({"firstName": "Ad", "lastName": "Min", "email": "ａｄｍｉｎ@ｘ.co"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert_eq!(
        app.login_response("ＡＤＭＩＮ@x.co", "secret123")
            .await
            .status,
        StatusCode::OK
    );
}

/// The SQLite file holds password hashes and sessions: readable by its owner alone.
#[cfg(unix)]
#[tokio::test]
async fn the_sqlite_file_is_created_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh").join("courseworx.db");
    let mut config = courseworx::config::Config::default();
    config.database.url = Some(format!("sqlite:{}", path.display()));
    let db = courseworx::db::connect(&config).await.unwrap();
    courseworx::db::migrate(&db).await.unwrap();
    db.close().await.unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
}
