//! The content editor by type: common fields and quiz settings saved, an article's
//! preview (sanitised, saving nothing), uploads through the page (stored and served, or
//! refused on the form with nothing stored), a certificate's placeholders, deletion.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::outline::{contents, trainer_browser};
use super::{Part, csrf_in, location};
use crate::content_files::{mp4, pdf};
use crate::outline_api::Authoring;

async fn stored_files(a: &Authoring) -> usize {
    a.app
        .state
        .storage
        .list(courseworx::storage::Folder::Contents)
        .await
        .unwrap()
        .len()
}

async fn api_content(a: &Authoring, id: &str) -> serde_json::Value {
    let res = a
        .call(Method::GET, &format!("/api/contents/{id}"), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["content"].clone()
}

#[tokio::test]
async fn the_editor_saves_the_common_fields_and_a_quizs_settings() {
    let a = Authoring::new().await;
    let section = a.section("Week 1").await;
    let quiz = a.content(json!({"title": "Check", "type": "quiz"})).await;
    let id = quiz["id"].as_str().unwrap();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    let page = b.get(&editor).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    for needle in [
        r#"id="content-title" name="title" type="text" value="Check""#,
        r#"id="quiz-passing-score" name="passingScore" type="number" value="70""#,
        r#"id="quiz-show-answers" name="showCorrectAnswers""#,
        r#"id="questions""#,
        r#"aria-current="page""#,
    ] {
        assert!(page.text.contains(needle), "{needle}");
    }
    let res = b
        .submit(
            &editor,
            &editor,
            &[
                ("title", "Week 1 check"),
                ("description", "Five questions"),
                ("sectionId", &section),
                ("points", "20"),
                ("duration", "15"),
                ("isRequired", "true"),
                ("isPublished", "true"),
                ("passingScore", "80"),
                ("maxAttempts", "3"),
                ("timeLimitMinutes", ""),
                ("drawCount", ""),
                ("shuffleQuestions", "true"),
                ("showCorrectAnswers", "after_pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), editor);
    let saved = api_content(&a, id).await;
    assert_eq!(saved["title"], "Week 1 check");
    assert_eq!(saved["sectionId"].as_str(), Some(section.as_str()));
    assert_eq!(
        (saved["points"].as_i64(), saved["duration"].as_i64()),
        (Some(20), Some(900))
    );
    assert_eq!(
        (
            saved["isRequired"].as_bool(),
            saved["isPublished"].as_bool()
        ),
        (Some(true), Some(true))
    );
    let quiz = &saved["quizData"];
    assert_eq!(quiz["passingScore"], 80);
    assert_eq!(quiz["maxAttempts"], 3);
    assert!(quiz["timeLimitMinutes"].is_null());
    assert_eq!(quiz["shuffleQuestions"], true);
    assert_eq!(quiz["shuffleOptions"], false);
    assert_eq!(quiz["showCorrectAnswers"], "after_pass");

    // Bad values are shown on their fields, every one at once, and nothing is saved.
    let res = b
        .submit(
            &editor,
            &editor,
            &[
                ("title", ""),
                ("points", "lots"),
                ("duration", "999"),
                ("passingScore", "120"),
                ("showCorrectAnswers", "after_pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    for id in [
        "content-title-error",
        "content-points-error",
        "content-duration-error",
        "quiz-passing-score-error",
    ] {
        assert!(res.text.contains(&format!(r#"id="{id}""#)), "{id}");
    }
    assert!(res.text.contains("Enter a number from 0 to 600."));
    assert_eq!(
        api_content(&a, quiz_id(&saved)).await["title"],
        "Week 1 check"
    );
}

fn quiz_id(v: &serde_json::Value) -> &str {
    v["id"].as_str().unwrap()
}

#[tokio::test]
async fn an_article_preview_shows_sanitised_html_and_saves_nothing() {
    let a = Authoring::new().await;
    let article = a
        .content(json!({"title": "Read me", "type": "article", "articleContent": "Old text"}))
        .await;
    let id = article["id"].as_str().unwrap();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    let source = "# Safety first\n\n**Wear gloves** and <a href=\"javascript:alert(2)\">read this</a>.\n\n<script>alert('x')</script><img src=x onerror=alert(1)>";
    let res = b
        .submit(
            &editor,
            &editor,
            &[
                ("title", "Read me"),
                ("articleFormat", "markdown"),
                ("articleContent", source),
                ("preview", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let start = res.html.find(r#"<div class="prose""#).expect("a preview");
    let preview = &res.html[start..start + res.html[start..].find("</section>").unwrap()];
    assert!(preview.contains("<h1>Safety first</h1>"), "{preview}");
    assert!(
        preview.contains("<strong>Wear gloves</strong>"),
        "{preview}"
    );
    for unsafe_bit in ["<script", "onerror", "javascript:", "alert("] {
        assert!(!preview.contains(unsafe_bit), "{unsafe_bit} in {preview}");
    }
    // The text stays in the form, escaped, and nothing was saved.
    let area = &res.html[res.html.find(r#"id="article-content""#).unwrap()..];
    let area = &area[..area.find("</textarea>").unwrap()];
    assert!(
        area.contains("script&#62;alert("),
        "the source is kept, escaped: {area}"
    );
    assert!(!res.html.contains("<script>alert"));
    assert_eq!(api_content(&a, id).await["articleContent"], "Old text");

    // Saving stores it as written.
    let res = b
        .submit(
            &editor,
            &editor,
            &[
                ("title", "Read me"),
                ("articleFormat", "markdown"),
                ("articleContent", source),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(api_content(&a, id).await["articleContent"], source);
}

#[tokio::test]
async fn an_upload_of_the_wrong_type_is_refused_on_the_form_and_nothing_is_stored() {
    let a = Authoring::new().await;
    let video = a.content(json!({"title": "Clip", "type": "video"})).await;
    let id = video["id"].as_str().unwrap();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    let action = format!("/teach/contents/{id}/file");
    let page = b.get(&editor).await;
    assert!(page.text.contains(&format!(
        r#"id="upload-form" method="post" action="{action}" enctype="multipart/form-data""#
    )));
    // A PDF named like a video.
    let res = b
        .upload(&editor, &action, "file", "clip.mp4", &pdf(4096))
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        res.text
    );
    assert!(
        res.text.contains(r#"id="content-file-error""#),
        "{}",
        res.text
    );
    assert!(
        res.text
            .contains("type does not fit this content, which takes MP4 or WebM video.")
    );
    assert!(res.text.contains(r#"aria-invalid="true""#));
    assert_eq!(stored_files(&a).await, 0);
    assert!(api_content(&a, id).await["file"].is_null());

    // No file chosen.
    let token = csrf_in(&b.get(&editor).await.html);
    let res = b
        .post_multipart(
            &action,
            &[Part::Field("csrf", &token), Part::File("file", "", b"")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains("Choose a file to upload."));
    assert_eq!(stored_files(&a).await, 0);
}

#[tokio::test]
async fn a_file_too_large_for_its_type_is_refused_on_the_form() {
    let a = Authoring::with(|c| c.uploads.document_max_bytes = 4096).await;
    let doc = a
        .content(json!({"title": "Handbook", "type": "document"}))
        .await;
    let id = doc["id"].as_str().unwrap();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    let res = b
        .upload(
            &editor,
            &format!("{editor}/file"),
            "file",
            "big.pdf",
            &pdf(10_000),
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    assert!(
        res.text.contains("The file is larger than 1 MB"),
        "{}",
        res.text
    );
    assert_eq!(stored_files(&a).await, 0);
}

#[tokio::test]
async fn an_upload_through_the_page_is_stored_shown_and_served_with_ranges() {
    let a = Authoring::new().await;
    let video = a.content(json!({"title": "Clip", "type": "video"})).await;
    let id = video["id"].as_str().unwrap();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    let bytes = mp4(300_000);
    let res = b
        .upload(
            &editor,
            &format!("{editor}/file"),
            "file",
            "welcome.mp4",
            &bytes,
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), editor);
    let page = b.get(&editor).await;
    assert!(page.text.contains("The file was uploaded."));
    assert!(page.text.contains("<bdi>welcome.mp4</bdi>"));
    assert!(page.text.contains("293 KB"), "{}", page.text);
    assert!(page.text.contains("video/mp4"));
    assert!(page.text.contains(&format!(r#"<video class="media-preview" id="content-video" controls preload="metadata" src="/teach/contents/{id}/file">"#)));
    assert_eq!(stored_files(&a).await, 1);

    let res = b.get(&format!("{editor}/file")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.bytes, bytes);
    let res = b
        .header_once(&format!("{editor}/file"), "range", "bytes=100-199")
        .await;
    assert_eq!(res.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes, bytes[100..200]);

    // Another upload replaces it: one file stays.
    let res = b
        .upload(
            &editor,
            &format!("{editor}/file"),
            "file",
            "v2.mp4",
            &mp4(5000),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(stored_files(&a).await, 1);
}

#[tokio::test]
async fn a_certificate_explains_its_placeholders_and_refuses_unknown_ones() {
    let a = Authoring::new().await;
    let cert = a
        .content(json!({"title": "Certificate", "type": "certificate"}))
        .await;
    let id = cert["id"].as_str().unwrap();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    let page = b.get(&editor).await;
    for placeholder in [
        "{{trainee_name}}",
        "{{course_title}}",
        "{{date}}",
        "{{trainer_name}}",
    ] {
        assert!(
            page.text
                .contains(&format!(r#"<code dir="ltr">{placeholder}</code>"#)),
            "{placeholder}"
        );
    }
    assert!(page.text.contains("s full name</dd>"));
    let res = b
        .submit(
            &editor,
            &editor,
            &[
                ("title", "Certificate"),
                ("certificateTitle", "Well done {{trainee_name}}"),
                (
                    "certificateBody",
                    "You finished {{course_title}} on {{day}}.",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains(r#"id="certificate-body-error""#));
    assert!(res.text.contains("{{day}} is not a placeholder"));
    let res = b
        .submit(
            &editor,
            &editor,
            &[
                ("title", "Certificate"),
                ("certificateTitle", "Well done {{trainee_name}}"),
                (
                    "certificateBody",
                    "You finished {{course_title}} on {{date}}.",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let saved = api_content(&a, id).await;
    assert_eq!(
        saved["certificateTemplate"]["body"],
        "You finished {{course_title}} on {{date}}."
    );
}

#[tokio::test]
async fn a_content_is_deleted_after_its_confirmation() {
    let a = Authoring::new().await;
    let doc = a
        .content(json!({"title": "Old handbook", "type": "document"}))
        .await;
    let id = doc["id"].as_str().unwrap();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{id}");
    b.upload(
        &editor,
        &format!("{editor}/file"),
        "file",
        "h.pdf",
        &pdf(2048),
    )
    .await;
    assert_eq!(stored_files(&a).await, 1);
    let confirm = format!("{editor}/delete");
    let page = b.get(&confirm).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Its file is deleted too."));
    let res = b.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(
        location(&res),
        format!("/teach/courses/{}/outline", a.course.id)
    );
    assert!(contents(&a).await.is_empty());
    assert_eq!(stored_files(&a).await, 0);
}
