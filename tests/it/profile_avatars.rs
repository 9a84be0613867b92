//! Avatars against an attacker: concurrent uploads leave exactly the referenced file;
//! pictures are re-encoded (no EXIF, no trailing payload) and refused before decoding when
//! they claim too many pixels; only an avatar a user's row names is served.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use courseworx::storage::StorageKey;
use sea_orm::EntityTrait;

use crate::helpers::TestApp;
use crate::pictures;
use crate::profile::upload;

async fn avatar_of(app: &TestApp, id: uuid::Uuid) -> Option<String> {
    users::Entity::find_by_id(id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .avatar
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_uploads_leave_exactly_the_referenced_file() {
    let app = TestApp::spawn().await;
    let (user, token) = app.signed_in(Role::Trainee).await;
    let uploads = (0..20u32).map(|i| {
        let (app, token) = (&app, &token);
        async move { upload(app, token, "image/png", pictures::png(10 + i, 10)).await }
    });
    let answers = futures_util::future::join_all(uploads).await;
    for res in &answers {
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    let files = app.avatar_files().await;
    let referenced = avatar_of(&app, user.id).await.expect("an avatar");
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(format!("/media/avatars/{}", files[0]), referenced);
    assert_eq!(app.get(&referenced).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_photo_is_served_without_its_exif_and_upright() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    let original = pictures::jpeg_with_gps(60, 20);
    assert!(pictures::contains(&original, b"Exif"));
    assert!(pictures::contains(&original, &pictures::gps_bytes()));
    let res = upload(&app, &token, "image/jpeg", original).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let served = app.get(res.json["user"]["avatar"].as_str().unwrap()).await;
    assert_eq!(served.status, StatusCode::OK);
    assert!(!pictures::contains(&served.bytes, b"Exif"), "EXIF served");
    assert!(
        !pictures::contains(&served.bytes, &pictures::gps_bytes()),
        "GPS served"
    );
    let image = pictures::decode_png(&served.bytes);
    // EXIF orientation 6: shown turned a quarter.
    assert_eq!((image.width(), image.height()), (20, 60));
}

#[tokio::test]
async fn a_large_photo_is_stored_at_most_512_pixels_wide() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainer).await;
    let res = upload(
        &app,
        &token,
        "image/jpeg",
        pictures::photo(2000, 1000, image::ImageFormat::Jpeg),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let served = app.get(res.json["user"]["avatar"].as_str().unwrap()).await;
    let image = pictures::decode_png(&served.bytes);
    assert_eq!((image.width(), image.height()), (512, 256));
}

#[tokio::test]
async fn a_picture_claiming_huge_dimensions_is_refused_and_nothing_stored() {
    let app = TestApp::spawn().await;
    let (user, token) = app.signed_in(Role::Trainee).await;
    let claimed = pictures::claimed_png(20_000, 20_000);
    assert!(claimed.len() < 100, "a tiny file");
    let res = upload(&app, &token, "image/png", claimed).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert_eq!(
        res.json["error"]["fields"]["avatar"][0],
        "must be at most 4096 × 4096 pixels"
    );
    // Damaged pixel data behind a sane header: refused too, never a 500.
    let res = upload(&app, &token, "image/png", pictures::claimed_png(16, 16)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert_eq!(
        res.json["error"]["fields"]["avatar"][0],
        "cannot be read as an image"
    );
    assert!(app.avatar_files().await.is_empty());
    assert!(avatar_of(&app, user.id).await.is_none());
}

#[tokio::test]
async fn a_polyglot_is_served_re_encoded_without_its_payload() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    let mut polyglot = pictures::png(16, 16);
    polyglot.extend_from_slice(b"<html><script>alert(document.cookie)</script></html>");
    polyglot.extend_from_slice(b"PK\x03\x04 a zip's first entry");
    let res = upload(&app, &token, "image/png", polyglot).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let served = app.get(res.json["user"]["avatar"].as_str().unwrap()).await;
    assert_eq!(served.headers["content-type"], "image/png");
    assert!(!pictures::contains(&served.bytes, b"<script"));
    assert!(!pictures::contains(&served.bytes, b"PK\x03\x04"));
    assert_eq!(pictures::decode_png(&served.bytes).width(), 16);
}

#[tokio::test]
async fn a_deleted_users_avatar_stops_being_served_and_its_file_goes() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let (user, token) = app.signed_in(Role::Trainee).await;
    let res = upload(&app, &token, "image/png", pictures::png(8, 8)).await;
    let url = res.json["user"]["avatar"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&url).await.status, StatusCode::OK);
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/users/{}", user.id),
            Some(&admin),
            None,
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    assert_eq!(app.get(&url).await.status, StatusCode::NOT_FOUND);
    assert!(app.avatar_files().await.is_empty());
}

#[tokio::test]
async fn a_file_no_row_names_is_not_served() {
    let app = TestApp::spawn().await;
    let (user, token) = app.signed_in(Role::Trainee).await;
    // A file left behind (a failed removal, say), named like a real avatar of this user.
    let stray = StorageKey::new_avatar(user.id);
    app.state
        .storage
        .put(&stray, pictures::png(4, 4).into())
        .await
        .unwrap();
    let stray_url = format!("/media/avatars/{}", stray.file_name());
    assert_eq!(app.get(&stray_url).await.status, StatusCode::NOT_FOUND);
    // Nor is the previous avatar once it is replaced, nor one of nobody.
    let first = upload(&app, &token, "image/png", pictures::png(5, 5)).await;
    let first = first.json["user"]["avatar"].as_str().unwrap().to_owned();
    upload(&app, &token, "image/png", pictures::png(6, 6)).await;
    assert_eq!(app.get(&first).await.status, StatusCode::NOT_FOUND);
    let nobody = StorageKey::new_avatar(uuid::Uuid::now_v7());
    let nobody = format!("/media/avatars/{}", nobody.file_name());
    assert_eq!(app.get(&nobody).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_avatar_limit_is_one_setting_for_the_api() {
    let app = TestApp::spawn_with(|c| c.uploads.avatar_max_bytes = 64 * 1024).await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    let mut padded = pictures::png(4, 4);
    padded.resize(64 * 1024 + 1, 0);
    let res = upload(&app, &token, "image/png", padded).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    let mut fits = pictures::png(4, 4);
    fits.resize(64 * 1024, 0);
    let res = upload(&app, &token, "image/png", fits).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}
