//! The pages' authorization matrix: every page route against anonymous, each role, and the
//! super admin's own account versus someone else's. Requests carry a valid CSRF token, so
//! what answers is the access rule, not the forgery check. A route added to
//! `src/web/mod.rs` without a row here fails `every_page_route_is_in_the_matrix`.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;

use super::{Browser, PASSWORD, Part, csrf_in, location};
use crate::fixtures;
use crate::helpers::{TestApp, TestResponse};

/// What an answer must show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Sent to the login page (not signed in).
    Login,
    /// The 403 page.
    Forbidden,
    /// Let through: no 403, no error, not sent to sign in.
    Allowed,
    /// A page for everyone: anything but a 403 or an error.
    Public,
}

use Expect::*;

#[derive(Clone, Copy, Debug)]
enum Body {
    None,
    Form,
    Multipart,
}

struct Case {
    method: Method,
    path: &'static str,
    body: Body,
    /// Anonymous, trainee, trainer, super admin.
    expect: [Expect; 4],
}

fn cases() -> Vec<Case> {
    let get = |path, expect| Case {
        method: Method::GET,
        path,
        body: Body::None,
        expect,
    };
    let post = |path, body, expect| Case {
        method: Method::POST,
        path,
        body,
        expect,
    };
    let admin_only = [Login, Forbidden, Forbidden, Allowed];
    let signed_in = [Login, Allowed, Allowed, Allowed];
    vec![
        get("/", signed_in),
        get("/login", [Public, Public, Public, Public]),
        post("/login", Body::Form, [Public, Public, Public, Public]),
        get("/logout", [Login, Allowed, Allowed, Allowed]),
        post("/logout", Body::Form, [Login, Public, Public, Public]),
        get("/password", signed_in),
        post("/password", Body::Form, signed_in),
        get("/setup", [Public, Public, Public, Public]),
        post("/setup", Body::Form, [Public, Public, Public, Public]),
        get("/profile", signed_in),
        post("/profile", Body::Form, signed_in),
        get("/profile/avatar", [Public, Allowed, Allowed, Allowed]),
        post("/profile/avatar", Body::Multipart, signed_in),
        get("/users", admin_only),
        get("/users/new", admin_only),
        post("/users/new", Body::Form, admin_only),
        get("/users/import", admin_only),
        post("/users/import", Body::Multipart, admin_only),
        get("/users/export", admin_only),
        get("/users/{id}", admin_only),
        post("/users/{id}", Body::Form, admin_only),
        get("/users/{id}/deactivate", admin_only),
        post("/users/{id}/deactivate", Body::Form, admin_only),
        get("/users/{id}/reactivate", admin_only),
        post("/users/{id}/reactivate", Body::Form, admin_only),
        get("/users/{id}/reset-password", admin_only),
        post("/users/{id}/reset-password", Body::Form, admin_only),
        get("/users/{id}/delete", admin_only),
        post("/users/{id}/delete", Body::Form, admin_only),
        get("/language", [Public, Public, Public, Public]),
        post("/language", Body::Form, [Public, Public, Public, Public]),
        get("/api/docs", [Public, Public, Public, Public]),
    ]
}

fn judge(res: &TestResponse, expect: Expect) -> bool {
    let status = res.status;
    let to_login = status.is_redirection() && location(res).starts_with("/login");
    let healthy = !status.is_server_error() && status != StatusCode::FORBIDDEN;
    match expect {
        Login => to_login,
        Forbidden => status == StatusCode::FORBIDDEN,
        Allowed => healthy && !to_login,
        Public => healthy,
    }
}

#[tokio::test]
async fn every_page_answers_each_role_as_the_policy_says() {
    let mut failures = Vec::new();
    for case in cases() {
        // A fresh installation per route, so one role's success cannot change the next.
        let app = TestApp::spawn().await;
        fixtures::user(app.db(), Role::SuperAdmin).await; // setup is over
        let other = fixtures::user(app.db(), Role::Trainee).await;
        let path = case.path.replace("{id}", &other.id.to_string());
        for (i, role) in [
            None,
            Some(Role::Trainee),
            Some(Role::Trainer),
            Some(Role::SuperAdmin),
        ]
        .into_iter()
        .enumerate()
        {
            let mut browser = Browser::new(&app);
            let token_page = match role {
                None => "/login",
                Some(role) => {
                    let user = fixtures::user(app.db(), role).await;
                    browser.login(&user.email, PASSWORD).await;
                    "/profile"
                }
            };
            let token = csrf_in(&browser.get(token_page).await.text);
            let res = match case.body {
                Body::None => browser.send(case.method.clone(), &path, None).await,
                Body::Form => browser.post(&path, &[("csrf", &token)]).await,
                Body::Multipart => {
                    browser
                        .post_multipart(&path, &[Part::Field("csrf", &token)])
                        .await
                }
            };
            let expect = case.expect[i];
            if !judge(&res, expect) {
                failures.push(format!(
                    "{} {} as {role:?}: expected {expect:?}, got {} (location {:?})",
                    case.method,
                    case.path,
                    res.status,
                    res.headers.get("location")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_page_route_is_in_the_matrix() {
    let covered: BTreeSet<(String, String)> = cases()
        .iter()
        .map(|c| (c.method.to_string(), c.path.to_owned()))
        .collect();
    // `/assets/` serves public files, not pages.
    let registered: BTreeSet<(String, String)> =
        crate::route_scan::routes_in(include_str!("../../../src/web/mod.rs"), "")
            .into_iter()
            .filter(|(_, path)| !path.starts_with("/assets/"))
            .collect();
    assert!(registered.len() >= 25, "the scan found {registered:?}");
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "page routes without a matrix row: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for routes that do not exist: {stale:?}"
    );
}
