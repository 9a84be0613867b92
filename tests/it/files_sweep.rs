//! The orphan sweep (`services::files`): stored files no row names are removed once they
//! are old enough, and every file a row names (an avatar, a cover, a content's file, a
//! hand-in's file) is kept, whoever's it is.

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use chrono::{TimeDelta, Utc};
use courseworx::services::files::sweep;
use courseworx::storage::{Folder, StorageKey};
use serde_json::json;

use crate::assignments_api::{Class, hand_in_form};
use crate::content_files::{mp4, pdf, put_file};
use crate::courses_api::upload_cover;
use crate::pictures::png;

#[tokio::test]
async fn files_no_row_names_are_swept_and_every_named_one_is_kept() {
    let c = Class::new(1).await;
    let app = c.app();
    // Named files, one in each folder, made the way users make them.
    let res = crate::profile::upload(app, c.token(0), "image/png", png(8, 8)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = upload_cover(app, &c.a.token, c.a.course.id, png(16, 16)).await;
    assert!(res.status.is_success(), "{}", res.text);
    let video = c.a.content(json!({"title": "Clip", "type": "video"})).await;
    let video = video["id"].as_str().unwrap().to_owned();
    let res = put_file(&c.a, &video, mp4(4000), "clip.mp4").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let assignment = c.assignment(json!({})).await;
    let report = pdf(3000);
    let res = hand_in_form(
        app,
        c.token(0),
        &assignment,
        &[("files", Some("r.pdf"), &report)],
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let handed_in = res.json["submission"]["files"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();

    // Orphans, one in each folder: written, but no row names them.
    let storage = &app.state.storage;
    let orphans = [
        StorageKey::new_avatar(uuid::Uuid::now_v7()),
        StorageKey::new_in(Folder::Thumbnails, c.a.course.id, "png"),
        StorageKey::new_in(
            Folder::Contents,
            uuid::Uuid::parse_str(&video).unwrap(),
            "mp4",
        ),
        StorageKey::new_in(Folder::Submissions, uuid::Uuid::now_v7(), "pdf"),
    ];
    for key in &orphans {
        storage
            .put(key, Bytes::from_static(b"left behind"))
            .await
            .unwrap();
    }
    let count = || async {
        let mut n = 0;
        for folder in Folder::ALL {
            n += storage.list(folder).await.unwrap().len();
        }
        n
    };
    assert_eq!(count().await, 8);

    // Too new to judge: nothing goes.
    let swept = sweep(&app.state, Utc::now() - TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!((swept.kept, swept.removed), (8, 0));
    // Old enough: the four orphans go, the four named files stay.
    let swept = sweep(&app.state, Utc::now() + TimeDelta::seconds(1))
        .await
        .unwrap();
    assert_eq!((swept.kept, swept.removed), (4, 4));
    for key in &orphans {
        assert!(
            storage.read(key).await.is_err(),
            "{} is still there",
            key.as_str()
        );
    }
    assert_eq!(count().await, 4);

    // The named files still serve.
    let me = app
        .send(Method::GET, "/api/auth/me", Some(c.token(0)), None)
        .await;
    let avatar = me.json["user"]["avatar"].as_str().unwrap().to_owned();
    assert_eq!(
        app.send(Method::GET, &avatar, Some(c.token(0)), None)
            .await
            .status,
        StatusCode::OK
    );
    let res = app
        .send(
            Method::GET,
            &format!("/api/contents/{video}/file"),
            Some(&c.a.token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let res = app
        .send(Method::GET, &handed_in, Some(c.token(0)), None)
        .await;
    assert_eq!((res.status, res.bytes.clone()), (StatusCode::OK, report));
}
