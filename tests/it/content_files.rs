//! Content files: uploads judged by their bytes, streamed under a limit, and served with
//! exact ranges, ETags and the right headers.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;

use crate::courses_api::enrol;
use crate::fixtures::UserBuilder;
use crate::helpers::TestResponse;
use crate::outline_api::Authoring;

/// A PDF of `n` bytes: the magic, then a counting pattern (each byte tells its place).
pub(crate) fn pdf(n: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((bytes.len()..n).map(|i| b'a' + (i % 26) as u8));
    bytes
}

/// An MP4 of `n` bytes: an `ftyp` box, then filler.
pub(crate) fn mp4(n: usize) -> Vec<u8> {
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
    bytes.extend((bytes.len()..n).map(|i| (i % 251) as u8));
    bytes
}

pub(crate) async fn put_file(
    a: &Authoring,
    content: &str,
    bytes: Vec<u8>,
    name: &str,
) -> TestResponse {
    a.app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!("/api/contents/{content}/file?fileName={name}"))
                .header("authorization", format!("Bearer {}", a.token))
                .header("content-type", "application/octet-stream")
                .body(Body::from(bytes))
                .unwrap(),
        )
        .await
}

async fn get_file(
    a: &Authoring,
    content: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> TestResponse {
    let mut req = Request::builder()
        .method(Method::GET)
        .uri(format!("/api/contents/{content}/file"));
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    a.app.send_raw(req.body(Body::empty()).unwrap()).await
}

pub(crate) async fn stored_files(a: &Authoring) -> usize {
    a.app
        .state
        .storage
        .list(courseworx::storage::Folder::Contents)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn an_upload_whose_bytes_do_not_fit_its_type_is_refused_and_nothing_stored() {
    let a = Authoring::new().await;
    let doc = a
        .content(json!({"title": "Handbook", "type": "document"}))
        .await;
    let video = a.content(json!({"title": "Clip", "type": "video"})).await;
    let article = a.content(json!({"title": "Read", "type": "article"})).await;
    let (doc, video) = (doc["id"].as_str().unwrap(), video["id"].as_str().unwrap());
    for (content, bytes) in [
        (doc, crate::pictures::png(4, 4)),
        (doc, b"<html><script>alert(1)</script></html>".to_vec()),
        (
            doc,
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec(),
        ),
        (video, pdf(2000)),
        (video, b"just some text".to_vec()),
    ] {
        let res = put_file(&a, content, bytes, "x.pdf").await;
        assert_eq!(
            res.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{}",
            res.text
        );
    }
    let res = put_file(&a, article["id"].as_str().unwrap(), pdf(100), "x.pdf").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = put_file(&a, doc, Vec::new(), "x.pdf").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stored_files(&a).await, 0);

    // The right bytes, under any name: stored, type from the bytes, name for display.
    let res = put_file(&a, doc, pdf(5000), "Hand%20book.exe").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let file = &res.json["content"]["file"];
    assert_eq!(file["mimeType"], "application/pdf");
    assert_eq!(file["size"], 5000);
    assert_eq!(file["name"], "Hand book.exe");
    assert_eq!(file["url"], format!("/api/contents/{doc}/file"));
    // A second upload replaces the first file.
    let res = put_file(&a, doc, pdf(300), "v2.pdf").await;
    assert_eq!(res.json["content"]["file"]["size"], 300);
    assert_eq!(stored_files(&a).await, 1);
}

#[tokio::test]
async fn past_its_limit_an_upload_is_refused_and_nothing_stored() {
    let a = Authoring::with(|c| c.uploads.video_max_bytes = 10_000).await;
    let video = a.content(json!({"title": "Clip", "type": "video"})).await;
    let id = video["id"].as_str().unwrap();
    let res = put_file(&a, id, mp4(10_001), "big.mp4").await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    assert_eq!(stored_files(&a).await, 0);
    // Without a Content-Length (chunked): stopped while streaming, nothing kept.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        mp4(30_000).chunks(4096).map(|c| Ok(c.to_vec())).collect();
    let res = a
        .app
        .send_raw(
            Request::builder()
                .method(Method::PUT)
                .uri(format!("/api/contents/{id}/file"))
                .header("authorization", format!("Bearer {}", a.token))
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
    assert_eq!(stored_files(&a).await, 0);
    let res = put_file(&a, id, mp4(10_000), "fits.mp4").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["content"]["file"]["mimeType"], "video/mp4");
}

#[tokio::test]
async fn a_range_request_returns_exactly_the_requested_bytes() {
    let a = Authoring::new().await;
    let video = a.content(json!({"title": "Clip", "type": "video"})).await;
    let id = video["id"].as_str().unwrap();
    let bytes = mp4(20_000);
    put_file(&a, id, bytes.clone(), "clip.mp4").await;
    let token = Some(a.token.as_str());

    let whole = get_file(&a, id, token, &[]).await;
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.bytes, bytes);
    assert_eq!(whole.headers["content-type"], "video/mp4");
    assert_eq!(whole.headers["accept-ranges"], "bytes");
    assert_eq!(whole.headers["x-content-type-options"], "nosniff");
    assert!(
        whole.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    let etag = whole.headers["etag"].to_str().unwrap().to_owned();

    for (range, want, content_range) in [
        ("bytes=0-99", 0..100, "bytes 0-99/20000"),
        ("bytes=19990-", 19_990..20_000, "bytes 19990-19999/20000"),
        ("bytes=-10", 19_990..20_000, "bytes 19990-19999/20000"),
        ("bytes=100-99999", 100..20_000, "bytes 100-19999/20000"),
    ] {
        let res = get_file(&a, id, token, &[("range", range)]).await;
        assert_eq!(res.status, StatusCode::PARTIAL_CONTENT, "{range}");
        assert_eq!(res.bytes, bytes[want.clone()], "{range}");
        assert_eq!(res.headers["content-range"], content_range, "{range}");
        assert_eq!(
            res.headers["content-length"],
            (want.end - want.start).to_string()
        );
    }
    // Several ranges: multipart/byteranges, each part exactly its bytes.
    let res = get_file(&a, id, token, &[("range", "bytes=0-9,100-109")]).await;
    assert_eq!(res.status, StatusCode::PARTIAL_CONTENT);
    let content_type = res.headers["content-type"].to_str().unwrap().to_owned();
    let boundary = content_type.split("boundary=").nth(1).unwrap();
    assert_eq!(res.headers["content-length"], res.bytes.len().to_string());
    let body = res.bytes.clone();
    let first = format!(
        "--{boundary}\r\nContent-Type: video/mp4\r\nContent-Range: bytes 0-9/20000\r\n\r\n"
    );
    assert!(body.starts_with(first.as_bytes()));
    assert_eq!(&body[first.len()..first.len() + 10], &bytes[0..10]);
    let second = format!(
        "\r\n--{boundary}\r\nContent-Type: video/mp4\r\nContent-Range: bytes 100-109/20000\r\n\r\n"
    );
    let at = first.len() + 10;
    assert_eq!(&body[at..at + second.len()], second.as_bytes());
    assert_eq!(
        &body[at + second.len()..at + second.len() + 10],
        &bytes[100..110]
    );
    assert!(body.ends_with(format!("\r\n--{boundary}--\r\n").as_bytes()));

    let res = get_file(&a, id, token, &[("range", "bytes=20000-")]).await;
    assert_eq!(res.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(res.headers["content-range"], "bytes */20000");
    // Conditional requests: the ETag revalidates, a stale If-Range gets the whole file.
    let res = get_file(&a, id, token, &[("if-none-match", &etag)]).await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert!(res.bytes.is_empty());
    let res = get_file(
        &a,
        id,
        token,
        &[("range", "bytes=0-9"), ("if-range", "\"stale\"")],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let res = get_file(
        &a,
        id,
        token,
        &[("range", "bytes=0-9"), ("if-range", &etag)],
    )
    .await;
    assert_eq!(res.status, StatusCode::PARTIAL_CONTENT);
}

#[tokio::test]
async fn files_open_to_the_course_and_documents_download() {
    let a = Authoring::new().await;
    let doc = a
        .content(json!({"title": "Handbook", "type": "document"}))
        .await;
    let draft = a
        .content(json!({"title": "Draft", "type": "document", "isPublished": false}))
        .await;
    let (doc, draft) = (doc["id"].as_str().unwrap(), draft["id"].as_str().unwrap());
    put_file(&a, doc, pdf(1000), "Manuel%20d%E2%80%99%C3%A9t%C3%A9.pdf").await;
    put_file(&a, draft, pdf(1000), "draft.pdf").await;
    let trainee = UserBuilder::trainee().create(&a.app).await;
    enrol(&a.app, trainee.id, a.course.id).await;
    let learner = a.app.login(&trainee.email, crate::fixtures::PASSWORD).await;
    let (_, stranger) = a
        .app
        .signed_in(courseworx::domain::user::Role::Trainee)
        .await;
    let (_, other_trainer) = a
        .app
        .signed_in(courseworx::domain::user::Role::Trainer)
        .await;

    let res = get_file(&a, doc, Some(&learner), &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    let disposition = res.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''Manuel%20d%E2%80%99%C3%A9t%C3%A9.pdf"),
        "{disposition}"
    );
    assert_eq!(
        get_file(&a, draft, Some(&learner), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    for token in [Some(stranger.as_str()), Some(other_trainer.as_str()), None] {
        assert_eq!(
            get_file(&a, doc, token, &[]).await.status,
            StatusCode::FORBIDDEN
        );
    }
    // Deleting the content removes its file.
    a.call(Method::DELETE, &format!("/api/contents/{doc}"), None)
        .await;
    assert_eq!(stored_files(&a).await, 1);
}

/// The pages embed a lesson's file by its API address: a signed-in browser's session
/// cookie opens it for the course's learners (GET only), and for nobody else.
#[tokio::test]
async fn a_signed_in_browser_opens_the_file_by_its_session() {
    let a = Authoring::new().await;
    let video = a.content(json!({"title": "Clip", "type": "video"})).await;
    let id = video["id"].as_str().unwrap();
    put_file(&a, id, mp4(4096), "clip.mp4").await;
    let learner = UserBuilder::trainee().create(&a.app).await;
    enrol(&a.app, learner.id, a.course.id).await;
    let stranger = UserBuilder::trainee().create(&a.app).await;
    let mut browser = crate::web::Browser::new(&a.app);
    browser
        .login(&learner.email, crate::fixtures::PASSWORD)
        .await;
    let res = browser.get(&format!("/api/contents/{id}/file")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.bytes, mp4(4096));
    let mut other = crate::web::Browser::new(&a.app);
    other
        .login(&stranger.email, crate::fixtures::PASSWORD)
        .await;
    let res = other.get(&format!("/api/contents/{id}/file")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

/// The same through the application on an S3 bucket (moto's server on 127.0.0.1, in a
/// folder of its own): an upload, ranges, a replacement that removes the old file, and a
/// delete that removes the last.
#[tokio::test]
async fn on_an_s3_bucket_files_upload_download_in_ranges_and_delete() {
    let a = Authoring::with(|c| {
        c.storage.backend = courseworx::config::StorageBackend::S3;
        c.storage.s3 = courseworx::storage::moto::config();
    })
    .await;
    let video = a.content(json!({"title": "Clip", "type": "video"})).await;
    let id = video["id"].as_str().unwrap();
    let bytes = mp4(20_000);
    let res = put_file(&a, id, bytes.clone(), "clip.mp4").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(stored_files(&a).await, 1);
    let token = Some(a.token.as_str());
    let whole = get_file(&a, id, token, &[]).await;
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.bytes, bytes);
    let res = get_file(&a, id, token, &[("range", "bytes=19990-")]).await;
    assert_eq!(res.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes, bytes[19_990..]);
    assert_eq!(res.headers["content-range"], "bytes 19990-19999/20000");

    let newer = mp4(30_000);
    let res = put_file(&a, id, newer.clone(), "longer.mp4").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(stored_files(&a).await, 1, "the replaced file is removed");
    assert_eq!(get_file(&a, id, token, &[]).await.bytes, newer);

    let res = a
        .call(Method::DELETE, &format!("/api/contents/{id}"), None)
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    assert_eq!(stored_files(&a).await, 0);
}
