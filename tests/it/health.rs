use axum::http::StatusCode;

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

#[tokio::test]
async fn unknown_routes_answer_the_json_404() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/nope").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json["error"]["code"], "not_found");
}
