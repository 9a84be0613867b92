//! The OpenAPI document (`/api/openapi.json`) and its page (`/api/docs`) describe the API
//! that really runs: every route, with the statuses it answers.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;

use crate::helpers::TestApp;

fn document() -> Value {
    serde_json::to_value(&*courseworx::api::openapi::DOCUMENT).unwrap()
}

/// Whether the document lists `status` among the responses of `method path`.
pub fn documents_status(method: &Method, path: &str, status: u16) -> bool {
    let doc = document();
    let op = &doc["paths"][path][method.as_str().to_lowercase()];
    op["responses"].get(status.to_string()).is_some()
}

#[tokio::test]
async fn the_document_is_served_and_lists_every_api_route() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/openapi.json").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let doc = &res.json;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{doc}");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    // The router and the document come from one route list (`api::routes`): what is
    // documented is served. Each operation says what it does, and every served route is
    // in the document (the matrix checks every route answers as documented).
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{method} {path} has no summary"
            );
        }
    }
    assert!(operations >= 18, "{operations} operations");
    for path in [
        "/api/auth/login",
        "/api/users/{id}",
        "/media/avatars/{file}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is missing");
    }
}

#[tokio::test]
async fn every_error_status_is_documented_with_the_error_body() {
    let doc = document();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/Error",
                        "{method} {path} {status}"
                    );
                }
            }
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            let has_401 = op["responses"].get("401").is_some();
            // Only a route that needs a token answers 401, but for wrong credentials at login.
            assert_eq!(
                secured,
                has_401 && path != "/api/auth/login",
                "{method} {path}: a route needs a token exactly when it can answer 401"
            );
        }
    }
    // The schema of the error body is the one the API sends.
    let error = &doc["components"]["schemas"]["Error"];
    assert!(error["properties"]["error"].is_object(), "{error}");
}

#[tokio::test]
async fn the_reference_page_shows_every_operation_in_both_languages() {
    let app = TestApp::spawn().await;
    let doc = document();
    let res = app.get("/api/docs").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(res.text.contains("href=\"/api/openapi.json\""));
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let anchor_method = format!(
                ">{}</span> <code class=\"api-path\">{path}</code>",
                method.to_uppercase()
            );
            assert!(res.text.contains(&anchor_method), "{method} {path} missing");
        }
    }
    assert!(res.text.contains("id=\"schema-User\""));
    assert!(!res.text.contains("passwordHash") && !res.text.contains("\"password\":"));

    let ar = app
        .send_raw(
            Request::builder()
                .uri("/api/docs")
                .header("accept-language", "ar")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(ar.status, StatusCode::OK);
    assert!(ar.text.contains("dir=\"rtl\""));
    assert!(ar.text.contains("مرجع واجهة البرمجة"));
}
