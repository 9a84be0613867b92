//! Steps the browser scenarios share: a call to the API as someone, signing in and out
//! through the pages.

use axum::http::Method;
use serde_json::Value;

use crate::fixtures::PASSWORD;
use crate::harness::{Browser, Site};

/// Calls the API with `token`; anything but a success fails the scenario.
pub async fn api(
    site: &Site,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Value {
    let res = site.app.send(method, path, Some(token), body).await;
    assert!(
        res.status.is_success(),
        "{path}: {} {}",
        res.status,
        res.text
    );
    res.json
}

/// Signs in through the login page and waits for the home page.
pub async fn sign_in(b: &Browser, site: &Site, email: &str) {
    b.goto(&site.url("/login")).await;
    b.fill("#login-email", email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("form[action='/login'] button[type='submit']").await;
    b.wait_for_path("/").await;
}

/// Signs out from the user menu and waits for it to land: opening /login while the
/// sign-out is in flight finds the session still alive and is sent home.
pub async fn sign_out(b: &Browser) {
    b.click(".user-menu__toggle").await;
    b.click("form[action='/logout'] button").await;
    b.wait_for_path("/login").await;
}
