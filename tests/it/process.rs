//! The real binary as a process, for the tests that kill it or run two of it: start
//! `courseworx serve` on a test's database and data folder, wait for it, and talk to it
//! over HTTP.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Method, Request, StatusCode};
use courseworx::config::Config;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::cli::courseworx;

pub type Http = Client<HttpConnector, Full<Bytes>>;

pub fn client() -> Http {
    Client::builder(TokioExecutor::new()).build_http()
}

/// One request to the server; `None` when the connection failed (the server is gone).
pub async fn call(
    http: &Http,
    port: u16,
    method: Method,
    path: &str,
    token: &str,
    body: Bytes,
) -> Option<(StatusCode, Bytes)> {
    call_as(http, port, method, path, token, "application/json", body).await
}

/// `call` with a body of another type (a picture).
pub async fn call_as(
    http: &Http,
    port: u16,
    method: Method,
    path: &str,
    token: &str,
    content_type: &str,
    body: Bytes,
) -> Option<(StatusCode, Bytes)> {
    let request = Request::builder()
        .method(method)
        .uri(format!("http://127.0.0.1:{port}{path}"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", content_type)
        .body(Full::new(body))
        .unwrap();
    let response = http.request(request).await.ok()?;
    let status = response.status();
    let bytes = response.into_body().collect().await.ok()?.to_bytes();
    Some((status, bytes))
}

pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `courseworx serve` on the configuration's database and data folder (where the token
/// secret is), with these variables besides.
pub fn serve(config: &Config, port: u16, env: &[(&str, String)]) -> Child {
    let mut cmd = courseworx(&config.data_dir);
    cmd.env("COURSEWORX_DATA_DIR", &config.data_dir)
        .env("DATABASE_URL", config.database.url.as_deref().unwrap())
        .env("COURSEWORX_PORT", port.to_string())
        .env("COURSEWORX_LOG", "warn")
        // No scheduled backup at start unless a test asks for one.
        .env("COURSEWORX_BACKUP_EVERY_HOURS", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd.spawn().unwrap()
}

pub async fn wait_healthy(http: &Http, port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some((StatusCode::OK, _)) =
            call(http, port, Method::GET, "/api/health", "", Bytes::new()).await
        {
            return;
        }
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
