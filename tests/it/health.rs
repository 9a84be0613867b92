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
}

#[tokio::test]
async fn health_answers_503_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.db().close_by_ref().await.unwrap();
    let res = app.get("/api/health").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.text);
    assert_eq!(res.json["status"], "unavailable");
    assert_eq!(res.json["database"]["reachable"], false);
    // No driver text reaches the client.
    assert!(!res.text.to_lowercase().contains("pool"), "{}", res.text);
}

#[tokio::test]
async fn unknown_routes_answer_the_json_404() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/nope").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json["error"]["code"], "not_found");
}
