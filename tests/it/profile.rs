//! `PUT /api/profile` and `POST /api/profile/avatar`: only oneself, only images.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::Role;
use serde_json::json;

use crate::helpers::{TestApp, TestResponse};

/// The first bytes of real files of each kind (enough for byte sniffing).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00";
const WEBP: &[u8] = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00";
const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00";

async fn upload(app: &TestApp, token: &str, content_type: &str, body: Vec<u8>) -> TestResponse {
    app.send_raw(
        Request::post("/api/profile/avatar")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

fn avatar_files(app: &TestApp) -> Vec<String> {
    let dir = app.database.config.data_dir.join("uploads/avatars");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn a_user_edits_only_their_own_name_and_phone() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    let res = app
        .send(
            Method::PUT,
            "/api/profile",
            Some(&token),
            Some(json!({"firstName": "Nadia", "lastName": "Haddad", "phone": "+961 1 234"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["user"]["firstName"], "Nadia");
    assert_eq!(res.json["user"]["phone"], "+961 1 234");
    for sneaky in [
        json!({"role": "super_admin"}),
        json!({"isActive": true}),
        json!({"email": "x@y.z"}),
    ] {
        let res = app
            .send(
                Method::PUT,
                "/api/profile",
                Some(&token),
                Some(sneaky.clone()),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{sneaky}");
    }
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(me.json["user"]["role"], "trainee");
    let res = app
        .send(
            Method::PUT,
            "/api/profile",
            Some(&token),
            Some(json!({"firstName": "N"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .request(
            Method::PUT,
            "/api/profile",
            Some(json!({"firstName": "Nobody"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn avatars_are_judged_by_their_bytes() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    for (bytes, mime) in [
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (WEBP, "image/webp"),
    ] {
        // The declared type is ignored: the bytes decide.
        let res = upload(&app, &token, "application/octet-stream", bytes.to_vec()).await;
        assert_eq!(res.status, StatusCode::OK, "{mime}: {}", res.text);
        let url = res.json["user"]["avatar"].as_str().unwrap().to_owned();
        assert!(url.starts_with("/media/avatars/"), "{url}");
        let served = app.get(&url).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.headers["content-type"], mime);
        assert_eq!(
            served.text.as_bytes(),
            String::from_utf8_lossy(bytes).as_bytes()
        );
        assert_eq!(
            avatar_files(&app).len(),
            1,
            "the previous avatar is removed"
        );
    }
    let kept = avatar_files(&app);
    for (bytes, declared) in [
        (GIF.to_vec(), "image/gif"),
        (b"hello, I am text".to_vec(), "image/png"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
            "image/svg+xml",
        ),
    ] {
        let res = upload(&app, &token, declared, bytes).await;
        assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{declared}");
    }
    let mut big = PNG.to_vec();
    big.resize(2 * 1024 * 1024 + 1, 0);
    let res = upload(&app, &token, "image/png", big).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let mut huge = PNG.to_vec();
    huge.resize(3 * 1024 * 1024, 0);
    let res = upload(&app, &token, "image/png", huge).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        avatar_files(&app),
        kept,
        "nothing stored by refused uploads"
    );
}

#[tokio::test]
async fn an_avatar_arrives_as_a_multipart_form_field() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainer).await;
    let mut body = b"--B\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n".to_vec();
    body.extend_from_slice(PNG);
    body.extend_from_slice(b"\r\n--B--\r\n");
    let res = upload(&app, &token, "multipart/form-data; boundary=B", body).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.json["user"]["avatar"]
            .as_str()
            .unwrap()
            .ends_with(".png")
    );
}

#[tokio::test]
async fn media_paths_cannot_escape_the_avatar_folder() {
    let app = TestApp::spawn().await;
    for path in [
        "/media/avatars/..%2F..%2Fjwt-secret",
        "/media/avatars/jwt-secret",
        "/media/avatars/x.png",
        "/media/avatars/..png",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
}
