//! `GET /metrics`: off without a token, for its bearer only with one, and what it reports
//! read back by Python's `prometheus_client` OpenMetrics parser (run as
//! `$COURSEWORX_PYTHON`, else `python3`; `.ci/run` installs it), so the text is what
//! Prometheus accepts, not only what this test expects.

use axum::http::{Method, StatusCode};
use serde_json::Value;

use courseworx::domain::user::Role;

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::helpers::TestApp;

const TOKEN: &str = "a-metrics-token-for-the-tests";

const PARSE: &str = r#"
import json, sys
try:
    from prometheus_client.openmetrics.parser import text_string_to_metric_families
except ImportError:
    print("MISSING-MODULE", file=sys.stderr)
    sys.exit(3)
families = {}
for family in text_string_to_metric_families(sys.stdin.read()):
    families[family.name] = {
        "type": family.type,
        "samples": [[s.name, s.labels, s.value] for s in family.samples],
    }
print(json.dumps(families))
"#;

/// The scrape, parsed: each family by name with its type and samples.
fn parse(text: &str) -> Value {
    let out = crate::python::run(PARSE, text.as_bytes(), "prometheus_client");
    serde_json::from_slice(&out).expect("the script's JSON")
}

/// The value of the sample `name` whose labels include all of `labels` (0 when none).
fn sample(families: &Value, family: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    families[family]["samples"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s[0] == name)
        .filter(|s| labels.iter().all(|(k, v)| s[1][*k] == *v))
        .map(|s| s[2].as_f64().unwrap())
        .sum()
}

async fn scrape(app: &TestApp) -> Value {
    let res = app.send(Method::GET, "/metrics", Some(TOKEN), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let kind = res.headers["content-type"].to_str().unwrap();
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    parse(&res.text)
}

#[tokio::test]
async fn metrics_are_off_without_a_token_and_for_its_bearer_only_with_one() {
    let off = TestApp::spawn().await;
    assert_eq!(off.get("/metrics").await.status, StatusCode::NOT_FOUND);

    let app = TestApp::spawn_with(|c| c.metrics.token = Some(TOKEN.to_owned())).await;
    let none = app.get("/metrics").await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert!(!none.text.contains("courseworx_"), "{}", none.text);
    let wrong = app
        .send(
            Method::GET,
            "/metrics",
            Some("a-metrics-token-for-the-test"),
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    // A session token is not the metrics token.
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let session = app.send(Method::GET, "/metrics", Some(&admin), None).await;
    assert_eq!(session.status, StatusCode::UNAUTHORIZED);
    scrape(&app).await;
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_with_latency_pool_and_failed_sign_ins() {
    let app = TestApp::spawn_with(|c| c.metrics.token = Some(TOKEN.to_owned())).await;
    let before = scrape(&app).await;
    for _ in 0..3 {
        assert_eq!(app.get("/api/health").await.status, StatusCode::OK);
    }
    let missing = uuid::Uuid::now_v7();
    let res = app.get(&format!("/api/courses/{missing}")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    app.get("/no/such/page").await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let wrong = app.login_response(&trainee.email, "not-the-password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let empty = app.login_response("", PASSWORD).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    let after = scrape(&app).await;
    let requests = |m: &Value, route: &str, status: &str| {
        sample(
            m,
            "courseworx_http_requests",
            "courseworx_http_requests_total",
            &[("method", "GET"), ("route", route), ("status", status)],
        )
    };
    assert_eq!(after["courseworx_http_requests"]["type"], "counter");
    assert_eq!(
        requests(&after, "/api/health", "200") - requests(&before, "/api/health", "200"),
        3.0
    );
    // The route is the router's pattern: the id never becomes a label.
    assert_eq!(requests(&after, "/api/courses/{id}", "404"), 1.0);
    assert!(!after.to_string().contains(&missing.to_string()));
    assert!(requests(&after, "unmatched", "404") >= 1.0);
    // The earlier scrape was counted too, under its own route.
    assert!(requests(&after, "/metrics", "200") >= 1.0);

    // Latency: a histogram per route, whose count matches the requests.
    assert_eq!(
        after["courseworx_http_request_duration_seconds"]["type"],
        "histogram"
    );
    let timed = sample(
        &after,
        "courseworx_http_request_duration_seconds",
        "courseworx_http_request_duration_seconds_count",
        &[("method", "GET"), ("route", "/api/health")],
    );
    assert_eq!(timed, requests(&after, "/api/health", "200"));
    let under_16s = sample(
        &after,
        "courseworx_http_request_duration_seconds",
        "courseworx_http_request_duration_seconds_bucket",
        &[("method", "GET"), ("route", "/api/health"), ("le", "+Inf")],
    );
    assert_eq!(under_16s, timed);

    // Failed sign-ins, by reason.
    let failures = |reason: &str| {
        sample(
            &after,
            "courseworx_login_failures",
            "courseworx_login_failures_total",
            &[("reason", reason)],
        )
    };
    assert_eq!(failures("credentials"), 1.0);
    assert_eq!(failures("invalid"), 1.0);

    // The pool, as configured, and the slow-statement count.
    let max = sample(
        &after,
        "courseworx_db_pool_max_connections",
        "courseworx_db_pool_max_connections",
        &[],
    );
    assert_eq!(max, f64::from(app.state.config.database.pool_max));
    let open = sample(
        &after,
        "courseworx_db_pool_connections",
        "courseworx_db_pool_connections",
        &[],
    );
    assert!(open >= 1.0 && open <= max, "{open} of {max}");
    assert_eq!(after["courseworx_db_slow_queries"]["type"], "counter");
}

#[tokio::test]
async fn slow_statements_are_counted() {
    let app = TestApp::spawn_with(|c| {
        c.metrics.token = Some(TOKEN.to_owned());
        // Every statement is slow.
        c.log.slow_query_ms = 0;
    })
    .await;
    let count = |m: &Value| {
        sample(
            m,
            "courseworx_db_slow_queries",
            "courseworx_db_slow_queries_total",
            &[],
        )
    };
    let before = count(&scrape(&app).await);
    // A request that reads the database (the health check only pings it).
    let missing = uuid::Uuid::now_v7();
    let res = app.get(&format!("/api/courses/{missing}")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let after = count(&scrape(&app).await);
    assert!(after > before, "{before} then {after}");
}
