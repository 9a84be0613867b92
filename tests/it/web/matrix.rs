//! The pages' authorization matrix: every page route against anonymous, each role, and the
//! super admin's own account versus someone else's. Requests carry a valid CSRF token, so
//! what answers is the access rule, not the forgery check. A route added to
//! the router (`web::pages`) without a row here fails `every_page_route_is_in_the_matrix`.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};

use super::{Browser, PASSWORD, Part, csrf_in, location};
use crate::helpers::TestResponse;
use crate::world::{ACTORS, World, by_role, run_rows};

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
        get("/users/{user}", admin_only),
        post("/users/{user}", Body::Form, admin_only),
        get("/users/{user}/deactivate", admin_only),
        post("/users/{user}/deactivate", Body::Form, admin_only),
        get("/users/{user}/reactivate", admin_only),
        post("/users/{user}/reactivate", Body::Form, admin_only),
        get("/users/{user}/reset-password", admin_only),
        post("/users/{user}/reset-password", Body::Form, admin_only),
        get("/users/{user}/delete", admin_only),
        post("/users/{user}/delete", Body::Form, admin_only),
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

/// Every actor's answer to one row, each in a browser of its own; failures as lines.
async fn run_row(world: &World, case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let [anonymous, trainee, trainer, admin] = case.expect;
    let expect = by_role(anonymous, trainee, trainer, admin);
    for actor in ACTORS {
        let mut browser = Browser::new(&world.app);
        let token_page = match world.user(actor) {
            None => "/login",
            Some(user) => {
                browser.login(&user.email, PASSWORD).await;
                "/profile"
            }
        };
        let token = csrf_in(&browser.get(token_page).await.text);
        let path = world.fill(case.path, actor);
        let res = match case.body {
            Body::None => browser.send(case.method.clone(), &path, None).await,
            Body::Form => browser.post(&path, &[("csrf", &token)]).await,
            Body::Multipart => {
                browser
                    .post_multipart(&path, &[Part::Field("csrf", &token)])
                    .await
            }
        };
        let expected = expect(actor);
        if !judge(&res, expected) {
            failures.push(format!(
                "{} {} as {actor:?}: expected {expected:?}, got {} (location {:?})",
                case.method,
                case.path,
                res.status,
                res.headers.get("location")
            ));
        }
    }
    failures
}

/// Rows that only read share one world; a row that posts gets a world of its own.
#[tokio::test]
async fn every_page_answers_each_actor_as_the_policy_says() {
    let posts = |case: &Case| case.method != Method::GET;
    let failures = run_rows(&cases(), posts, run_row).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_page_route_is_in_the_matrix() {
    let covered: BTreeSet<(String, String)> = cases()
        .iter()
        .map(|c| (c.method.to_string(), c.path.replace("{user}", "{id}")))
        .collect();
    // What the router serves (`/assets/` is outside: public files, not pages).
    let registered: BTreeSet<(String, String)> = courseworx::web::served_pages()
        .into_iter()
        .map(|(method, path)| (method.to_string(), path.to_owned()))
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
