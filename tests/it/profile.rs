//! `PUT /api/profile` and `POST /api/profile/avatar`: only oneself, only images.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::Role;
use serde_json::json;

use image::ImageFormat;

use crate::helpers::{TestApp, TestResponse};
use crate::pictures;

const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00";

pub async fn upload(app: &TestApp, token: &str, content_type: &str, body: Vec<u8>) -> TestResponse {
    app.send_raw(
        Request::post("/api/profile/avatar")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
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
    for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP] {
        // The declared type is ignored: the bytes decide.
        let bytes = pictures::photo(30, 20, format);
        let res = upload(&app, &token, "application/octet-stream", bytes).await;
        assert_eq!(res.status, StatusCode::OK, "{format:?}: {}", res.text);
        let url = res.json["user"]["avatar"].as_str().unwrap().to_owned();
        assert!(url.starts_with("/media/avatars/"), "{url}");
        let served = app.get(&url).await;
        assert_eq!(served.status, StatusCode::OK);
        // Stored re-encoded, whatever came in.
        assert_eq!(served.headers["content-type"], "image/png");
        let image = pictures::decode_png(&served.bytes);
        assert_eq!((image.width(), image.height()), (30, 20));
        assert_eq!(
            app.avatar_files().await.len(),
            1,
            "the previous avatar is removed"
        );
    }
    let kept = app.avatar_files().await;
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
    let mut big = pictures::png(4, 4);
    big.resize(2 * 1024 * 1024 + 1, 0);
    let res = upload(&app, &token, "image/png", big).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let mut huge = pictures::png(4, 4);
    huge.resize(3 * 1024 * 1024, 0);
    let res = upload(&app, &token, "image/png", huge).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        app.avatar_files().await,
        kept,
        "nothing stored by refused uploads"
    );
}

#[tokio::test]
async fn an_avatar_arrives_as_a_multipart_form_field() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainer).await;
    let mut body = b"--B\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n".to_vec();
    body.extend_from_slice(&pictures::png(3, 3));
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
