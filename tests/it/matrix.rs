//! The authorization matrix: every API route against anonymous, each role, and (where a
//! route names a user) the caller's own record versus someone else's. A route added to
//! `src/api/mod.rs` without a row here fails `every_api_route_is_in_the_matrix`.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::Role;
use serde_json::{Value, json};

use crate::helpers::TestApp;

/// Whose record a route's `{id}` names.
#[derive(Clone, Copy, Debug)]
enum Target {
    None,
    /// Another user (a trainee nobody else touches).
    Other,
    /// The caller's own record.
    Own,
}

struct Case {
    method: Method,
    path: &'static str,
    target: Target,
    body: Option<(&'static str, Vec<u8>)>,
    /// Expected status for anonymous, trainee, trainer, super admin.
    expect: [u16; 4],
}

fn json_body(v: Value) -> Option<(&'static str, Vec<u8>)> {
    Some(("application/json", v.to_string().into_bytes()))
}

fn cases() -> Vec<Case> {
    use Target::*;
    let c = |method: Method, path, target, body, expect| Case {
        method,
        path,
        target,
        body,
        expect,
    };
    vec![
        c(
            Method::GET,
            "/api/health",
            None,
            Option::None,
            [200, 200, 200, 200],
        ),
        c(
            Method::GET,
            "/api/openapi.json",
            None,
            Option::None,
            [200, 200, 200, 200],
        ),
        c(
            Method::POST,
            "/api/auth/login",
            None,
            json_body(json!({"email": "nobody@example.com", "password": "wrong-password"})),
            [401, 401, 401, 401],
        ),
        c(
            Method::GET,
            "/api/auth/me",
            None,
            Option::None,
            [401, 200, 200, 200],
        ),
        c(
            Method::POST,
            "/api/auth/logout",
            None,
            Option::None,
            [401, 204, 204, 204],
        ),
        c(
            Method::PUT,
            "/api/auth/password",
            None,
            json_body(json!({"currentPassword": "not-it", "newPassword": "whatever-new"})),
            [401, 422, 422, 422],
        ),
        c(
            Method::GET,
            "/api/auth/setup",
            None,
            Option::None,
            [200, 200, 200, 200],
        ),
        c(
            Method::POST,
            "/api/auth/setup",
            None,
            json_body(
                json!({"token": "x", "firstName": "Eve", "lastName": "Intruder",
                             "email": "eve@example.com", "password": "eve-password"}),
            ),
            [409, 409, 409, 409],
        ),
        c(
            Method::GET,
            "/api/users",
            None,
            Option::None,
            [401, 403, 403, 200],
        ),
        c(
            Method::POST,
            "/api/users",
            None,
            json_body(
                json!({"firstName": "New", "lastName": "Person", "email": "new@example.com"}),
            ),
            [401, 403, 403, 201],
        ),
        // An invalid body: the role is judged before the input (403, not 422).
        c(
            Method::POST,
            "/api/users",
            None,
            json_body(json!({})),
            [401, 403, 403, 422],
        ),
        c(
            Method::PUT,
            "/api/users/{id}",
            Other,
            json_body(json!({"email": "not-an-email"})),
            [401, 403, 403, 422],
        ),
        c(
            Method::POST,
            "/api/users/import",
            None,
            Some((
                "text/csv",
                b"firstName,lastName,email\nCsv,Person,csv@example.com\n".to_vec(),
            )),
            [401, 403, 403, 200],
        ),
        c(
            Method::GET,
            "/api/users/export",
            None,
            Option::None,
            [401, 403, 403, 200],
        ),
        c(
            Method::GET,
            "/api/users/{id}",
            Other,
            Option::None,
            [401, 403, 403, 200],
        ),
        c(
            Method::GET,
            "/api/users/{id}",
            Own,
            Option::None,
            [401, 403, 403, 200],
        ),
        c(
            Method::PUT,
            "/api/users/{id}",
            Other,
            json_body(json!({"firstName": "Changed"})),
            [401, 403, 403, 200],
        ),
        c(
            Method::PUT,
            "/api/users/{id}",
            Own,
            json_body(json!({"isActive": false})),
            [401, 403, 403, 403],
        ),
        c(
            Method::DELETE,
            "/api/users/{id}",
            Other,
            Option::None,
            [401, 403, 403, 204],
        ),
        c(
            Method::DELETE,
            "/api/users/{id}",
            Own,
            Option::None,
            [401, 403, 403, 403],
        ),
        c(
            Method::POST,
            "/api/users/{id}/reset-password",
            Other,
            Option::None,
            [401, 403, 403, 200],
        ),
        c(
            Method::PUT,
            "/api/profile",
            None,
            json_body(json!({"firstName": "Myself"})),
            [401, 200, 200, 200],
        ),
        c(
            Method::POST,
            "/api/profile/avatar",
            None,
            Some(("image/png", crate::pictures::png(1, 1))),
            [401, 200, 200, 200],
        ),
    ]
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_policy_says() {
    let mut failures = Vec::new();
    for case in cases() {
        // A fresh installation per route, so one role's success cannot change the next.
        let app = TestApp::spawn().await;
        crate::fixtures::user(app.db(), Role::SuperAdmin).await; // setup is over
        let other = crate::fixtures::user(app.db(), Role::Trainee).await;
        let callers = [
            None,
            Some(app.signed_in(Role::Trainee).await),
            Some(app.signed_in(Role::Trainer).await),
            Some(app.signed_in(Role::SuperAdmin).await),
        ];
        for (caller, expected) in callers.iter().zip(case.expect) {
            let id = match (case.target, caller) {
                (Target::Own, Some((me, _))) => me.id,
                _ => other.id,
            };
            let uri = case.path.replace("{id}", &id.to_string());
            let mut request = Request::builder().method(case.method.clone()).uri(&uri);
            if let Some((_, token)) = caller {
                request = request.header("authorization", format!("Bearer {token}"));
            }
            let body = match &case.body {
                Some((content_type, bytes)) => {
                    request = request.header("content-type", *content_type);
                    Body::from(bytes.clone())
                }
                Option::None => Body::empty(),
            };
            let res = app.send_raw(request.body(body).unwrap()).await;
            // The OpenAPI document names every status a route really answers.
            if !crate::openapi::documents_status(&case.method, case.path, res.status.as_u16()) {
                failures.push(format!(
                    "{} {} answered {}, which /api/openapi.json does not list",
                    case.method, case.path, res.status
                ));
            }
            if res.status != StatusCode::from_u16(expected).unwrap() {
                let who = caller
                    .as_ref()
                    .map_or("anonymous".to_owned(), |(u, _)| format!("{:?}", u.role));
                failures.push(format!(
                    "{} {} ({:?}) as {who}: expected {expected}, got {} {}",
                    case.method, case.path, case.target, res.status, res.text
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_api_route_is_in_the_matrix() {
    let covered: BTreeSet<(String, String)> = cases()
        .iter()
        .map(|c| (c.method.to_string(), c.path.to_owned()))
        .collect();
    let registered = crate::route_scan::routes_in(include_str!("../../src/api/mod.rs"), "/api");
    assert!(registered.len() >= 17, "the scan found {registered:?}");
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "routes without a matrix row: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for routes that do not exist: {stale:?}"
    );
}
