//! A video's captions through the pages: uploaded and removed from the content editor
//! (refusals shown on the form, nothing stored), and offered by the lesson player as the
//! video's captions track.

use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use super::outline::{form_of, trainer_browser};
use super::{Browser, PASSWORD, Part, csrf_in, location};
use crate::content_files::{mp4, stored_files};
use crate::courses_api::enrol;
use crate::fixtures::UserBuilder;
use crate::outline_api::Authoring;

/// A published video with its file, in the course `a` authors.
async fn video(a: &Authoring) -> String {
    let v = a
        .content(json!({"title": "Forklift walkthrough", "type": "video"}))
        .await;
    let id = v["id"].as_str().unwrap().to_owned();
    let res = a
        .app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!("/api/contents/{id}/file"))
                .header("authorization", format!("Bearer {}", a.token))
                .body(axum::body::Body::from(mp4(4096)))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    id
}

/// Sends the captions form as a browser does: the token, the language, the file.
async fn send(
    b: &mut Browser<'_>,
    id: &str,
    language: &str,
    file_name: &str,
    bytes: &[u8],
) -> crate::helpers::TestResponse {
    let token = csrf_in(&b.get(&format!("/teach/contents/{id}")).await.html);
    b.post_multipart(
        &format!("/teach/contents/{id}/captions"),
        &[
            Part::Field("csrf", &token),
            Part::Field("language", language),
            Part::File("captions", file_name, bytes),
        ],
    )
    .await
}

#[tokio::test]
async fn a_trainer_uploads_captions_and_the_player_offers_them() {
    let a = Authoring::new().await;
    let id = video(&a).await;
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    let page = b.get(&editor).await;
    assert!(page.text.contains(r#"id="captions-none""#), "{}", page.text);
    assert!(!page.text.contains("<track"));

    // A SubRip file, as captioning tools export it.
    let srt = "1\r\n00:00:00,500 --> 00:00:03,000\r\nابقَ خلف الخط الأصفر.\r\n";
    let res = send(&mut b, &id, "ar", "walkthrough.srt", srt.as_bytes()).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), format!("{editor}#captions"));
    let page = b.get(&editor).await;
    assert!(page.text.contains("The captions were uploaded."));
    assert!(page.text.contains(r#"id="captions-summary""#));
    assert!(page.text.contains(&format!(
        r#"<track kind="captions" src="/api/contents/{id}/captions" label="Captions" srclang="ar">"#
    )));
    assert!(
        page.text
            .contains(r#"id="captions-language" name="language" type="text" dir="ltr" value="ar""#)
    );

    // The trainee's player carries the track, which their session opens.
    let trainee = UserBuilder::trainee().create(&a.app).await;
    enrol(&a.app, trainee.id, a.course.id).await;
    let mut learner = Browser::new(&a.app);
    learner.login(&trainee.email, PASSWORD).await;
    let player = learner.get(&format!("/learn/{}/{id}", a.course.id)).await;
    assert_eq!(player.status, StatusCode::OK, "{}", player.text);
    assert!(
        player.text.contains(&format!(
            r#"<track kind="captions" src="/api/contents/{id}/captions" srclang="ar" label="Captions (ar)">"#
        )),
        "{}",
        player.text
    );
    assert!(player.text.contains(r#"id="lesson-captions-note""#));
    let track = learner.get(&format!("/api/contents/{id}/captions")).await;
    assert_eq!(track.status, StatusCode::OK);
    assert_eq!(
        track.text,
        "WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nابقَ خلف الخط الأصفر.\n"
    );

    // Removing them: the editor and the player no longer offer a track.
    let page = b.get(&editor).await;
    let (action, fields) = form_of(&page.html, "captions-remove");
    assert_eq!(action, format!("/teach/contents/{id}/captions/delete"));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = b.post(&action, &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = b.get(&editor).await;
    assert!(page.text.contains("The captions were removed."));
    assert!(page.text.contains(r#"id="captions-none""#));
    assert_eq!(stored_files(&a).await, 1, "the video alone");
    let player = learner.get(&format!("/learn/{}/{id}", a.course.id)).await;
    assert!(!player.text.contains("<track"));
    // A reload of either address goes back to the editor.
    let res = b.get(&format!("{editor}/captions")).await;
    assert_eq!(location(&res), format!("{editor}#captions"));
}

#[tokio::test]
async fn refused_captions_are_explained_on_the_form_and_nothing_is_stored() {
    let a = Authoring::new().await;
    let id = video(&a).await;
    let mut b = trainer_browser(&a).await;

    let res = send(&mut b, &id, "en", "notes.vtt", b"Just some notes").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains(r#"id="content-captions-error""#));
    assert!(
        res.text
            .contains("Choose a captions file in WebVTT (.vtt) or SubRip (.srt) format")
    );
    assert!(
        res.text.contains(r##"<a href="#content-captions">"##),
        "{}",
        res.text
    );

    let res = send(&mut b, &id, "English please", "talk.vtt", b"WEBVTT\n").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains(r#"id="captions-language-error""#));
    assert!(
        res.text
            .contains("Write a language code such as en, ar or ar-EG.")
    );
    // What was typed is kept, escaped.
    assert!(res.text.contains(r#"value="English please""#));

    let res = send(&mut b, &id, "", "", b"").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains("Choose a captions file to upload."));

    let mut big = b"WEBVTT\n\n".to_vec();
    big.resize(600 * 1024, b'a');
    let res = send(&mut b, &id, "", "big.vtt", &big).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    assert!(
        res.text
            .contains("The captions file is larger than 512 KB."),
        "{}",
        res.text
    );

    assert_eq!(stored_files(&a).await, 1, "the video alone");
    let res = a
        .call(Method::GET, &format!("/api/contents/{id}"), None)
        .await;
    assert!(res.json["content"]["captions"].is_null());

    // A document's editor has no captions panel.
    let doc = a
        .content(json!({"title": "Handbook", "type": "document"}))
        .await;
    let page = b
        .get(&format!("/teach/contents/{}", doc["id"].as_str().unwrap()))
        .await;
    assert!(!page.text.contains(r#"id="captions""#));
}
