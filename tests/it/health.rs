use axum::http::{Method, StatusCode};
use courseworx::domain::user::Role;
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::helpers::TestApp;

#[tokio::test]
async fn health_reports_the_backend_and_a_round_trip() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/health").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["status"], "ok");
    let expected = if app.database.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(res.json["database"]["backend"], expected);
    assert_eq!(res.json["database"]["reachable"], true);
    assert!(res.json["database"]["roundTripMs"].as_f64().unwrap() >= 0.0);
    assert!(res.headers.contains_key("x-request-id"));
    // The pool as the check found it: open connections, idle or in use, within the cap.
    let pool = &res.json["database"]["pool"];
    let (open, idle, in_use, max) = (
        pool["open"].as_u64().unwrap(),
        pool["idle"].as_u64().unwrap(),
        pool["inUse"].as_u64().unwrap(),
        pool["max"].as_u64().unwrap(),
    );
    assert_eq!(idle + in_use, open, "{pool}");
    assert!(open >= 1 && open <= max, "{pool}");
    assert_eq!(max, u64::from(app.state.config.database.pool_max));
}

#[tokio::test]
async fn health_answers_503_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.db().close_by_ref().await.unwrap();
    let res = app.get("/api/health").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.text);
    assert_eq!(res.json["status"], "unavailable");
    assert_eq!(res.json["database"]["reachable"], false);
    // No driver text ("attempted to acquire a connection on a closed pool") reaches the
    // client; the pool's figures do.
    assert!(!res.text.to_lowercase().contains("closed"), "{}", res.text);
    assert!(!res.text.contains("attempted"), "{}", res.text);
    assert_eq!(res.json["database"]["pool"]["open"], 0, "{}", res.text);
}

/// A request that cannot reach the database is told so (503, "unavailable"), not given a
/// 500: no connection free in time, or none left at all.
#[tokio::test]
async fn without_a_connection_a_request_is_503_not_500() {
    let app = TestApp::spawn_with(|c| {
        c.database.pool_max = 1;
        c.database.pool_acquire_ms = 300;
    })
    .await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    // The only connection, held by a transaction while the request waits for one.
    let held = app.db().begin().await.unwrap();
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.text);
    assert_eq!(res.json["error"]["code"], "unavailable", "{}", res.text);
    assert!(!res.text.contains("pool"), "{}", res.text);
    held.rollback().await.unwrap();
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);

    app.db().close_by_ref().await.unwrap();
    let res = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.text);
    assert_eq!(res.json["error"]["code"], "unavailable", "{}", res.text);
}

/// PostgreSQL ends the server's connections (a restart, an administrator): a request on a
/// lost connection is 503, and the next ones find new connections. Busy connections are
/// not pinged before use (`db::connect`), so the loss shows on the statement itself.
#[tokio::test]
async fn connections_lost_on_postgresql_cost_a_503_at_most_then_heal() {
    let app = TestApp::spawn_with(|c| c.database.pool_max = 2).await;
    if !app.database.is_postgres() {
        return;
    }
    let (_, token) = app.signed_in(Role::Trainee).await;
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    let ended = app
        .db()
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        ))
        .await
        .unwrap();
    assert!(!ended.is_empty(), "the server's other connection was ended");
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let res = app
            .send(Method::GET, "/api/auth/me", Some(&token), None)
            .await;
        assert!(
            res.status == StatusCode::OK || res.status == StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            res.text
        );
        statuses.push(res.status);
    }
    assert_eq!(
        statuses[2..],
        [StatusCode::OK, StatusCode::OK],
        "{statuses:?}"
    );
}

/// Another process (a command-line tool, a backup) holding SQLite's write lock past the
/// busy timeout makes a write wait and then answer 503, not 500; once the lock is gone
/// the same write goes through. Takes the busy timeout (5 s).
#[tokio::test]
async fn a_write_locked_out_by_another_process_is_503_on_sqlite() {
    let app = TestApp::spawn().await;
    let Ok(courseworx::config::DatabaseTarget::Sqlite { path }) =
        app.state.config.database_target()
    else {
        return;
    };
    let (_, token) = app.signed_in(Role::Trainee).await;
    let mut options = sea_orm::ConnectOptions::new(format!("sqlite://{}", path.display()));
    options.max_connections(1).sqlx_logging(false);
    let other = sea_orm::Database::connect(options).await.unwrap();
    other.execute_unprepared("BEGIN IMMEDIATE").await.unwrap();
    let rename = || {
        app.send(
            Method::PUT,
            "/api/profile",
            Some(&token),
            Some(serde_json::json!({"firstName": "Locked"})),
        )
    };
    let res = rename().await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.text);
    assert_eq!(res.json["error"]["code"], "unavailable", "{}", res.text);
    assert!(!res.text.contains("locked"), "{}", res.text);
    other.execute_unprepared("ROLLBACK").await.unwrap();
    let res = rename().await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

#[tokio::test]
async fn unknown_routes_answer_the_json_404() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/nope").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json["error"]["code"], "not_found");
}
