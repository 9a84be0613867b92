//! A video's captions: a WebVTT track (or SubRip, converted) uploaded by the course's
//! trainer, served as `text/vtt` to whoever may watch the video, and to no one else.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::content_files::{mp4, stored_files};
use crate::courses_api::enrol;
use crate::fixtures::{PASSWORD, UserBuilder};
use crate::helpers::TestResponse;
use crate::outline_api::Authoring;

pub(crate) const VTT: &str = "WEBVTT\n\n00:00.000 --> 00:02.000\nKeep the aisle clear.\n\n00:02.000 --> 00:04.000\nأبقِ الممر خاليًا.\n";

pub(crate) async fn put_captions(
    a: &Authoring,
    token: &str,
    content: &str,
    query: &str,
    body: impl Into<Vec<u8>>,
) -> TestResponse {
    a.app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!("/api/contents/{content}/captions{query}"))
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "text/vtt")
                .body(Body::from(body.into()))
                .unwrap(),
        )
        .await
}

async fn get_captions(a: &Authoring, content: &str, token: Option<&str>) -> TestResponse {
    a.app
        .send(
            Method::GET,
            &format!("/api/contents/{content}/captions"),
            token,
            None,
        )
        .await
}

async fn video(a: &Authoring, published: bool) -> String {
    let v = a
        .content(
            json!({"title": "Forklift walkthrough", "type": "video", "isPublished": published}),
        )
        .await;
    v["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_course_watches_with_captions_and_no_one_else_reads_them() {
    let a = Authoring::new().await;
    let id = video(&a, true).await;
    let draft = video(&a, false).await;
    let res = put_captions(&a, &a.token, &id, "?language=EN", VTT).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let captions = &res.json["content"]["captions"];
    assert_eq!(captions["url"], format!("/api/contents/{id}/captions"));
    assert_eq!(captions["language"], "en");
    assert_eq!(captions["size"], VTT.len());
    assert_eq!(
        put_captions(&a, &a.token, &draft, "", VTT).await.status,
        StatusCode::OK
    );
    // The content as everyone reads it carries the track's address.
    let res = a
        .call(Method::GET, &format!("/api/contents/{id}"), None)
        .await;
    assert_eq!(res.json["content"]["captions"]["language"], "en");

    let trainee = UserBuilder::trainee().create(&a.app).await;
    enrol(&a.app, trainee.id, a.course.id).await;
    let learner = a.app.login(&trainee.email, PASSWORD).await;
    let res = get_captions(&a, &id, Some(&learner)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.text, VTT);
    assert_eq!(res.headers["content-type"], "text/vtt; charset=utf-8");
    assert_eq!(res.headers["x-content-type-options"], "nosniff");
    let etag = res.headers["etag"].to_str().unwrap().to_owned();
    let again = a
        .app
        .send_raw(
            Request::builder()
                .uri(format!("/api/contents/{id}/captions"))
                .header("authorization", format!("Bearer {learner}"))
                .header("if-none-match", &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // An unpublished video's track is the course's trainer's alone.
    assert_eq!(
        get_captions(&a, &draft, Some(&learner)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_captions(&a, &draft, Some(&a.token)).await.status,
        StatusCode::OK
    );
    let (_, stranger) = a
        .app
        .signed_in(courseworx::domain::user::Role::Trainee)
        .await;
    let (_, other_trainer) = a
        .app
        .signed_in(courseworx::domain::user::Role::Trainer)
        .await;
    for token in [Some(stranger.as_str()), Some(other_trainer.as_str()), None] {
        assert_eq!(
            get_captions(&a, &id, token).await.status,
            StatusCode::FORBIDDEN
        );
    }
    // Neither a learner nor another trainer may change or remove them.
    for token in [&learner, &other_trainer] {
        assert_eq!(
            put_captions(&a, token, &id, "", "WEBVTT\n").await.status,
            StatusCode::FORBIDDEN
        );
        let res = a
            .app
            .send(
                Method::DELETE,
                &format!("/api/contents/{id}/captions"),
                Some(token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(get_captions(&a, &id, Some(&learner)).await.text, VTT);
}

#[tokio::test]
async fn a_new_track_replaces_the_old_and_nothing_is_left_behind() {
    let a = Authoring::new().await;
    let id = video(&a, true).await;
    let file = a
        .app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!("/api/contents/{id}/file"))
                .header("authorization", format!("Bearer {}", a.token))
                .body(Body::from(mp4(4096)))
                .unwrap(),
        )
        .await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.text);
    put_captions(&a, &a.token, &id, "", VTT).await;
    let res = put_captions(
        &a,
        &a.token,
        &id,
        "?language=ar",
        "WEBVTT\n\n00:00.000 --> 00:01.000\nمرحبا\n",
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(stored_files(&a).await, 2, "the video and one track");
    assert!(
        get_captions(&a, &id, Some(&a.token))
            .await
            .text
            .contains("مرحبا")
    );

    // Removing the track leaves the video; removing again is no error.
    for _ in 0..2 {
        let res = a
            .call(
                Method::DELETE,
                &format!("/api/contents/{id}/captions"),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        assert!(res.json["content"]["captions"].is_null());
    }
    assert_eq!(stored_files(&a).await, 1);
    assert_eq!(
        get_captions(&a, &id, Some(&a.token)).await.status,
        StatusCode::NOT_FOUND
    );
    // Deleting the video removes its file and its track.
    put_captions(&a, &a.token, &id, "", VTT).await;
    assert_eq!(stored_files(&a).await, 2);
    let res = a
        .call(Method::DELETE, &format!("/api/contents/{id}"), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    assert_eq!(stored_files(&a).await, 0);

    // So does deleting the course.
    let id = video(&a, true).await;
    put_captions(&a, &a.token, &id, "", VTT).await;
    assert_eq!(stored_files(&a).await, 1);
    let res = a
        .call(
            Method::DELETE,
            &format!("/api/courses/{}", a.course.id),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    assert_eq!(stored_files(&a).await, 0);
}

#[tokio::test]
async fn what_is_not_a_track_is_refused_and_nothing_stored() {
    let a = Authoring::new().await;
    let id = video(&a, true).await;
    let document = a
        .content(json!({"title": "Handbook", "type": "document"}))
        .await;
    let document = document["id"].as_str().unwrap();
    let cases: Vec<(Vec<u8>, &str, StatusCode, &str)> = vec![
        (
            b"".to_vec(),
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "captions",
        ),
        (
            b"<script>alert(1)</script>".to_vec(),
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "captions",
        ),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "captions",
        ),
        (
            b"WEBVTT\n\xff\xfe".to_vec(),
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "captions",
        ),
        (
            VTT.into(),
            "?language=english",
            StatusCode::UNPROCESSABLE_ENTITY,
            "language",
        ),
        (
            VTT.into(),
            "?language=en%22%3E",
            StatusCode::UNPROCESSABLE_ENTITY,
            "language",
        ),
    ];
    for (body, query, status, field) in cases {
        let res = put_captions(&a, &a.token, &id, query, body).await;
        assert_eq!(res.status, status, "{query}: {}", res.text);
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{}",
            res.text
        );
    }
    let res = put_captions(&a, &a.token, document, "", VTT).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.json["error"]["fields"]["captions"].is_array(),
        "{}",
        res.text
    );
    // Past 512 KiB: refused before it is read whole.
    let mut big = b"WEBVTT\n\n".to_vec();
    big.resize(512 * 1024 + 1, b'a');
    let res = put_captions(&a, &a.token, &id, "", big).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    let res = put_captions(&a, &a.token, &uuid::Uuid::new_v4().to_string(), "", VTT).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(stored_files(&a).await, 0);
    let res = a
        .call(Method::GET, &format!("/api/contents/{id}"), None)
        .await;
    assert!(res.json["content"]["captions"].is_null());
}

#[tokio::test]
async fn subrip_is_taken_and_served_as_webvtt_from_a_form_too() {
    let a = Authoring::new().await;
    let id = video(&a, true).await;
    let srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n";
    let boundary = "captions-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"captions\"; filename=\"talk.srt\"\r\nContent-Type: application/x-subrip\r\n\r\n{srt}\r\n--{boundary}--\r\n"
    );
    let res = a
        .app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!("/api/contents/{id}/captions?language=ar-EG"))
                .header("authorization", format!("Bearer {}", a.token))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["content"]["captions"]["language"], "ar-EG");
    assert_eq!(
        get_captions(&a, &id, Some(&a.token)).await.text,
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello\n"
    );
}
