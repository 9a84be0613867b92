//! Certificates through the API and the pages: issued once on completion, listed to their
//! holder, a real PDF (checked with pdftotext and zbarimg) and a public verification that
//! tells nothing else about the person.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::ContentType;
use serde_json::json;
use uuid::Uuid;

use crate::certificate_pdf::{out_dir, pdftotext, scan_qr};
use crate::enrolments_api::{counts_agree, course_with};
use crate::fixtures::{ContentBuilder, PASSWORD, UserBuilder};
use crate::helpers::TestApp;

const SITE: &str = "https://lms.example.test";

/// A course with one lesson and a certificate; a trainee named so completes it. Answers
/// (course id, trainee token, certificate id, code).
async fn earn(
    app: &TestApp,
    first: &str,
    last: &str,
    course_title: &str,
) -> (Uuid, String, String, String) {
    let (course, _) = course_with(app, |c| {
        c.title = sea_orm::ActiveValue::Set(course_title.to_owned());
    })
    .await;
    let lesson = ContentBuilder::new(&course).create(app).await;
    ContentBuilder::new(&course)
        .kind(ContentType::Certificate)
        .title("Certificate")
        .create(app)
        .await;
    let me = UserBuilder::trainee().named(first, last).create(app).await;
    let token = app.login(&me.email, PASSWORD).await;
    app.send(
        Method::POST,
        &format!("/api/courses/{}/enroll", course.id),
        Some(&token),
        None,
    )
    .await;
    let res = app
        .send(
            Method::POST,
            &format!("/api/contents/{}/complete", lesson.id),
            Some(&token),
            Some(json!({})),
        )
        .await;
    assert_eq!(
        res.json["progress"]["enrollment"]["status"], "completed",
        "{}",
        res.text
    );
    let list = app
        .send(Method::GET, "/api/certificates", Some(&token), None)
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let certs = list.json["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 1, "exactly one: {}", list.text);
    assert_eq!(counts_agree(app, course.id).await, (1, 1));
    (
        course.id,
        token,
        certs[0]["id"].as_str().unwrap().to_owned(),
        certs[0]["code"].as_str().unwrap().to_owned(),
    )
}

async fn pdf_of(
    app: &TestApp,
    token: &str,
    id: &str,
    lang: &str,
    name: &str,
) -> std::path::PathBuf {
    let res = app
        .send(
            Method::GET,
            &format!("/api/certificates/{id}/pdf?lang={lang}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.headers["content-type"], "application/pdf");
    assert!(res.bytes.starts_with(b"%PDF-"));
    let path = out_dir().join(format!("{name}-{}.pdf", Uuid::now_v7()));
    std::fs::write(&path, &res.bytes).unwrap();
    path
}

#[tokio::test]
async fn a_latin_certificate_reads_and_scans_to_its_public_page() {
    let app = TestApp::spawn_with(|c| c.server.public_url = Some(SITE.into())).await;
    let (_, token, id, code) = earn(&app, "Ada", "Lovelace", "Rust for Trainers").await;
    assert_eq!(code.len(), 40, "160 random bits");
    let pdf = pdf_of(&app, &token, &id, "en", "api-latin").await;
    let text = pdftotext(&pdf);
    for needle in ["Ada Lovelace", "Rust for Trainers", code.as_str()] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
    assert_eq!(scan_qr(&pdf), format!("{SITE}/verify/{code}"));

    // The public check: no sign-in, nothing but what the certificate says.
    let res = app.get(&format!("/api/certificates/verify/{code}")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let v = &res.json["verification"];
    assert_eq!(v["holderName"], "Ada Lovelace");
    assert_eq!(v["courseTitle"], "Rust for Trainers");
    for secret in ["email", "userId", "enrollmentId", "@example.com", "grade"] {
        assert!(!res.text.contains(secret), "{secret} leaked: {}", res.text);
    }
    let page = app.get(&format!("/verify/{code}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Ada Lovelace") && !page.text.contains("@example.com"));
    // Lower case works too; an unknown or malformed code is 404.
    assert_eq!(
        app.get(&format!("/api/certificates/verify/{}", code.to_lowercase()))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/api/certificates/verify/{}", "A".repeat(40)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/certificates/verify/not-a-code").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/verify/not-a-code").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_arabic_name_is_shaped_in_order_and_the_qr_still_scans() {
    let app = TestApp::spawn_with(|c| c.server.public_url = Some(SITE.into())).await;
    let (_, token, id, code) = earn(&app, "مريم", "الحسيني", "مقدمة في البرمجة").await;
    let pdf = pdf_of(&app, &token, &id, "ar", "api-arabic").await;
    let text = pdftotext(&pdf);
    for needle in ["مريم الحسيني", "مقدمة في البرمجة", code.as_str()] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
    assert_eq!(scan_qr(&pdf), format!("{SITE}/verify/{code}"));
}

#[tokio::test]
async fn nobody_else_downloads_or_lists_a_certificate() {
    let app = TestApp::spawn().await;
    let (_, _, id, _) = earn(&app, "Grace", "Hopper", "Compilers").await;
    let (_, other) = app
        .signed_in(courseworx::db::entities::enums::Role::Trainee)
        .await;
    let (_, admin) = app
        .signed_in(courseworx::db::entities::enums::Role::SuperAdmin)
        .await;
    for token in [&other, &admin] {
        let res = app
            .send(
                Method::GET,
                &format!("/api/certificates/{id}/pdf"),
                Some(token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let list = app
            .send(Method::GET, "/api/certificates", Some(token), None)
            .await;
        assert_eq!(list.json["certificates"], json!([]));
    }
    assert_eq!(
        app.get(&format!("/api/certificates/{id}/pdf")).await.status,
        StatusCode::UNAUTHORIZED
    );
}
