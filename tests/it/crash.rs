//! Crash safety (issue 12): the real binary is killed with SIGKILL in the middle of a write
//! load (trainees enrolling and completing lessons, the trainer uploading files), then
//! started again on the same database and folder. The database opens, nothing that was
//! acknowledged is lost, the course's counters and every learner's progress equal a
//! recount, every file served is one that was uploaded whole, and after the orphan sweep
//! no file is left that no row names.
//!
//! Each client sends one request at a time, so at the kill each has at most one request
//! whose answer it never saw: that one may or may not have been committed, and the checks
//! allow exactly that much.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use uuid::Uuid;

use crate::content_files::mp4;
use crate::enrolments_api::trainees;
use crate::outline_api::Authoring;
use crate::process::{Http, call, client, free_port, serve, wait_healthy};

/// How many of the course's contents name a stored file.
async fn videos_with_files(a: &Authoring) -> usize {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    courseworx::db::entities::course_contents::Entity::find()
        .filter(courseworx::db::entities::course_contents::Column::CourseId.eq(a.course.id))
        .filter(courseworx::db::entities::course_contents::Column::FileUrl.is_not_null())
        .count(a.app.db())
        .await
        .unwrap() as usize
}

/// A file of `size` bytes for upload `generation`: an MP4 whose bytes tell which upload.
fn video(generation: u32, size: usize) -> Vec<u8> {
    let mut bytes = mp4(size);
    bytes[40..44].copy_from_slice(&generation.to_be_bytes());
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_9_during_writes_loses_nothing_acknowledged_and_serves_no_half_file() {
    let a =
        Authoring::with(|c| c.storage.backend = courseworx::config::StorageBackend::Local).await;
    let mut lessons = Vec::new();
    for i in 0..4 {
        let c = a
            .content(json!({"title": format!("Lesson {i}"), "type": "article"}))
            .await;
        lessons.push(c["id"].as_str().unwrap().to_owned());
    }
    let mut videos = Vec::new();
    for i in 0..2 {
        let c = a
            .content(json!({"title": format!("Clip {i}"), "type": "video", "isRequired": false}))
            .await;
        videos.push(c["id"].as_str().unwrap().to_owned());
    }
    let learners = trainees(&a.app, 12).await;
    let course = a.course.id;

    let port = free_port();
    let mut server = serve(&a.app.database.config, port, &[]);
    let http: Http = client();
    wait_healthy(&http, port).await;

    // The load: each trainee enrols, then completes the lessons round and round; the
    // trainer's two uploaders replace their video again and again.
    let stop = Arc::new(AtomicBool::new(false));
    let mut trainee_tasks = Vec::new();
    for (id, _, token) in learners.clone() {
        let (http, lessons, stop) = (http.clone(), lessons.clone(), stop.clone());
        trainee_tasks.push(tokio::spawn(async move {
            let mut enrolled = false;
            let mut done = 0u32;
            let path = format!("/api/courses/{course}/enroll");
            match call(&http, port, Method::POST, &path, &token, Bytes::new()).await {
                Some((s, _)) if s.is_success() => enrolled = true,
                _ => return (id, enrolled, done),
            }
            let body = Bytes::from(json!({"timeSpent": 5}).to_string());
            for i in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let path = format!("/api/contents/{}/complete", lessons[i % lessons.len()]);
                match call(&http, port, Method::POST, &path, &token, body.clone()).await {
                    Some((StatusCode::OK, _)) => done += 1,
                    Some((s, b)) => panic!("a completion answered {s}: {b:?}"),
                    None => break,
                }
            }
            (id, enrolled, done)
        }));
    }
    let mut upload_tasks = Vec::new();
    for video_id in videos.clone() {
        let (http, token, stop) = (http.clone(), a.token.clone(), stop.clone());
        upload_tasks.push(tokio::spawn(async move {
            let mut acknowledged = 0u32;
            let mut sent = 0u32;
            let path = format!("/api/contents/{video_id}/file?fileName=clip.mp4");
            for generation in 1.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                sent = generation;
                let bytes = Bytes::from(video(generation, 700 * 1024));
                match call(&http, port, Method::PUT, &path, &token, bytes).await {
                    Some((StatusCode::OK, _)) => acknowledged = generation,
                    Some((s, b)) => panic!("an upload answered {s}: {b:?}"),
                    None => break,
                }
            }
            (video_id, acknowledged, sent)
        }));
    }

    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    let mut acknowledged: HashMap<Uuid, (bool, u32)> = HashMap::new();
    for task in trainee_tasks {
        let (id, enrolled, done) = task.await.unwrap();
        acknowledged.insert(id, (enrolled, done));
    }
    let mut uploads = Vec::new();
    for task in upload_tasks {
        uploads.push(task.await.unwrap());
    }
    let completions: u32 = acknowledged.values().map(|(_, d)| d).sum();
    assert!(
        completions > 0,
        "the load did not get going before the kill"
    );
    eprintln!(
        "before the kill: {} enrolments, {completions} completions, uploads {uploads:?} acknowledged",
        acknowledged.values().filter(|(e, _)| *e).count()
    );

    // The same database and folder, started again.
    let port = free_port();
    let mut server = serve(&a.app.database.config, port, &[]);
    wait_healthy(&http, port).await;
    let db = a.app.db();

    // Every acknowledged enrolment is there, and every acknowledged completion (at most
    // the one unanswered request of each trainee more).
    for (id, (enrolled, done)) in &acknowledged {
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                r#"SELECT (SELECT COUNT(*) FROM enrollments e WHERE e."userId" = $1 AND e."courseId" = $2) AS "n",
                          (SELECT COALESCE(SUM(lc.attempts), 0) FROM lesson_completions lc WHERE lc."userId" = $1) AS "times""#,
                [(*id).into(), course.into()],
            ))
            .await
            .unwrap()
            .unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        let times: i64 = row.try_get("", "times").unwrap();
        if *enrolled {
            assert_eq!(n, 1, "an acknowledged enrolment was lost");
        }
        let done = i64::from(*done);
        assert!(
            times == done || times == done + 1,
            "{done} acknowledged completions, {times} recorded"
        );
    }

    // The counters equal the rows, and every progress equals a recount.
    let (stored, counted) = courseworx::db::enrolments::counts(db, course)
        .await
        .unwrap();
    assert_eq!(stored, counted);
    let wrong = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            r#"SELECT COUNT(*) AS "n" FROM enrollments e WHERE e."courseId" = $1 AND e.status <> 'dropped'
                 AND ABS(e.progress - (SELECT CASE WHEN COUNT(*) = 0 THEN 0
                                      ELSE ROUND(100.0 * COUNT(lc.id) / COUNT(*), 2) END
                     FROM (SELECT c.id FROM course_contents c
                           WHERE c."courseId" = e."courseId" AND c."isPublished" = TRUE
                             AND c."isRequired" = TRUE AND c.type <> 'certificate') r
                     LEFT JOIN lesson_completions lc
                       ON lc."contentId" = r.id AND lc."userId" = e."userId" AND lc.completed = TRUE)) > 0.001"#,
            [course.into()],
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        wrong.try_get::<i64>("", "n").unwrap(),
        0,
        "progress differs from a recount"
    );

    // Each video serves one whole upload: the last acknowledged one, or the one whose
    // answer was lost in the kill.
    for (video_id, acknowledged, sent) in uploads {
        let path = format!("/api/contents/{video_id}/file");
        let (status, body) = call(&http, port, Method::GET, &path, &a.token, Bytes::new())
            .await
            .unwrap();
        if acknowledged == 0 && status == StatusCode::NOT_FOUND {
            continue;
        }
        assert_eq!(status, StatusCode::OK);
        let generation = u32::from_be_bytes(body[40..44].try_into().unwrap());
        assert!(
            generation >= acknowledged.max(1) && generation <= sent,
            "served upload {generation}; acknowledged {acknowledged}, sent {sent}"
        );
        assert_eq!(
            &body[..],
            &video(generation, 700 * 1024)[..],
            "a half-written file"
        );
    }
    // The sweep (run here at once, rather than when its daily job comes, and without its
    // grace period) leaves exactly the files the videos name: a staging file of the upload
    // cut off, or a replaced file whose removal never came, goes.
    let swept = courseworx::services::files::sweep(
        &a.app.state,
        chrono::Utc::now() + chrono::TimeDelta::seconds(1),
    )
    .await
    .unwrap();
    let mut left = Vec::new();
    let mut dirs = vec![a.app.database.config.uploads_dir()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().is_dir() {
                dirs.push(entry.path());
            } else {
                left.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    let named = videos_with_files(&a).await;
    assert_eq!(left.len(), named, "{left:?} ({swept:?})");
    server.kill().unwrap();
    server.wait().unwrap();
}
