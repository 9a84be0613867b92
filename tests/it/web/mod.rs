//! The pages, driven as a browser would: `Browser` keeps cookies and posts forms (urlencoded
//! or multipart) with their CSRF token. `session`: signing in and out, CSRF, `next`, forced
//! password change; `pages`: languages, setup, home, headers, assets and error pages;
//! `profile`: editing one's profile and avatar; `users`, `users_form`, `users_actions`,
//! `users_import`: the super admin's user pages; `courses`: the catalogue and a course's
//! page; `courses_editor`: the trainer's course list, form, cover, publishing and delete;
//! `outline`, `contents`, `questions`, `editor_access`: the trainer's course editor.

mod assignments;
mod attendance;
mod calendar;
mod captions;
mod contents;
mod courses;
mod courses_editor;
mod dashboard;
mod editor_access;
mod gradebook;
mod grading;
mod jobs;
mod learning;
mod matrix;
mod outline;
mod pages;
mod profile;
mod questions;
mod quizzes;
mod roster;
mod session;
mod users;
mod users_actions;
mod users_form;
mod users_import;

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::helpers::{TestApp, TestResponse};

pub const PASSWORD: &str = "secret123";

/// A browser: keeps cookies between requests, sends forms.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: BTreeMap<String, String>,
    pub headers: Vec<(&'static str, String)>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookies: BTreeMap::new(),
            headers: Vec::new(),
        }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Browser<'a> {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    pub async fn send(&mut self, method: Method, uri: &str, form: Option<String>) -> TestResponse {
        match form {
            Some(form) => {
                self.send_body(
                    method,
                    uri,
                    Some("application/x-www-form-urlencoded"),
                    form.into_bytes(),
                )
                .await
            }
            None => self.send_body(method, uri, None, Vec::new()).await,
        }
    }

    /// A request with a body of this content type.
    pub async fn send_body(
        &mut self,
        method: Method,
        uri: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(uri);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value);
        }
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            builder = builder.header("cookie", jar.join("; "));
        }
        if let Some(content_type) = content_type {
            builder = builder.header("content-type", content_type);
        }
        let res = self
            .app
            .send_raw(builder.body(Body::from(body)).unwrap())
            .await;
        for set in res.headers.get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        res
    }

    pub async fn get(&mut self, uri: &str) -> TestResponse {
        self.send(Method::GET, uri, None).await
    }

    pub async fn post(&mut self, uri: &str, fields: &[(&str, &str)]) -> TestResponse {
        let form = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(Method::POST, uri, Some(form)).await
    }

    /// Opens `page` and posts its form to `action` with the page's CSRF token.
    pub async fn submit(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let res = self.get(page).await;
        assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.text);
        let token = csrf_in(&res.text);
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    /// Posts a `multipart/form-data` body with these parts, in this order.
    pub async fn post_multipart(&mut self, uri: &str, parts: &[Part<'_>]) -> TestResponse {
        let (content_type, body) = multipart(parts);
        self.send_body(Method::POST, uri, Some(&content_type), body)
            .await
    }

    /// Opens `page` and uploads `file` to `action` as the field `name`, the page's CSRF
    /// token first, as a browser sends the form.
    pub async fn upload(
        &mut self,
        page: &str,
        action: &str,
        name: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> TestResponse {
        let res = self.get(page).await;
        assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.text);
        let token = csrf_in(&res.text);
        self.post_multipart(
            action,
            &[
                Part::Field("csrf", &token),
                Part::File(name, file_name, bytes),
            ],
        )
        .await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> TestResponse {
        self.submit(
            "/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }
}

/// One part of a multipart form.
pub enum Part<'a> {
    Field(&'a str, &'a str),
    /// Field name, file name, bytes.
    File(&'a str, &'a str, &'a [u8]),
}

const BOUNDARY: &str = "----CourseWorxTestBoundary7MA4YWxkTrZu0gW";

/// The content type and body of a multipart form, as a browser writes them.
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Field(name, value) => {
                body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}")
                        .as_bytes(),
                );
            }
            Part::File(name, file_name, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

pub fn csrf_in(html: &str) -> String {
    let start = html
        .find(r#"name="csrf" value=""#)
        .unwrap_or_else(|| panic!("no CSRF field in {html}"))
        + r#"name="csrf" value=""#.len();
    html[start..].split('"').next().unwrap().to_owned()
}

pub fn location(res: &TestResponse) -> &str {
    res.headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no Location in {} {}", res.status, res.text))
}

pub fn set_cookie<'r>(res: &'r TestResponse, name: &str) -> Option<&'r str> {
    res.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
}

impl Browser<'_> {
    pub async fn header_once(
        &mut self,
        uri: &str,
        name: &'static str,
        value: &str,
    ) -> TestResponse {
        self.headers.push((name, value.to_owned()));
        let res = self.get(uri).await;
        self.headers.pop();
        res
    }
}

impl Browser<'_> {
    /// Posts a urlencoded body as the quiz script does, asking for JSON.
    pub async fn header_once_post(&mut self, uri: &str, body: String) -> TestResponse {
        self.headers.push(("accept", "application/json".to_owned()));
        let res = self.send(Method::POST, uri, Some(body)).await;
        self.headers.pop();
        res
    }
}
