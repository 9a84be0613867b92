//! The backup commands from the outside (the real binary): an installation moves from SQLite
//! to the test's database (PostgreSQL in CI's second run) and back with every row and file
//! byte for byte; a backup taken while the server takes writes is consistent (counters
//! equal the rows beside them) and passes `backup --verify`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::cli::courseworx;
use crate::content_files::mp4;
use crate::enrolments_api::trainees;
use crate::helpers::TestDatabase;
use crate::outline_api::Authoring;
use crate::pictures::png;
use crate::process::{Http, call, call_as, client, free_port, serve, wait_healthy};

/// Runs the binary to the end; its output, or a failure with it.
fn run(mut cmd: Command) -> String {
    let out = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed: {text}");
    text
}

/// The binary on a data folder, and a database URL if not the folder's SQLite.
fn on(dir: &Path, url: Option<&str>) -> Command {
    let mut cmd = courseworx(dir);
    cmd.env("COURSEWORX_DATA_DIR", dir)
        .env("COURSEWORX_LOG", "warn");
    if let Some(url) = url {
        cmd.env("DATABASE_URL", url);
    }
    cmd
}

/// An archive's entries by name.
fn entries(archive: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::backups::entries(archive).into_iter().collect()
}

/// Two dumps hold the same rows and files, byte for byte; their manifests differ only in
/// when and from where they were written.
fn assert_same_dump(a: &Path, b: &Path) {
    let (mut a, mut b) = (entries(a), entries(b));
    let manifest = |e: &mut BTreeMap<String, Vec<u8>>| {
        let mut m: Value = serde_json::from_slice(&e.remove("manifest.json").unwrap()).unwrap();
        for k in ["createdAt", "source", "snapshot"] {
            m.as_object_mut().unwrap().remove(k);
        }
        m
    };
    assert_eq!(manifest(&mut a), manifest(&mut b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs");
    }
}

async fn login(http: &Http, port: u16, email: &str, password: &str) -> String {
    let body = Bytes::from(json!({"email": email, "password": password}).to_string());
    let (status, bytes) = call(http, port, Method::POST, "/api/auth/login", "", body)
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK, "{bytes:?}");
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    v["token"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_installation_moves_to_the_other_database_and_back_with_every_row_and_file() {
    let work = tempfile::tempdir().unwrap();
    let source = work.path().join("source");
    std::fs::create_dir_all(&source).unwrap();
    let mut demo = on(&source, None);
    demo.args(["demo", "--scale", "2"]);
    run(demo);

    // Files: the admin's picture and a course's cover, uploaded to the SQLite installation.
    let port = free_port();
    let mut server = on(&source, None)
        .env("COURSEWORX_PORT", port.to_string())
        .env("COURSEWORX_BACKUP_EVERY_HOURS", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let http = client();
    wait_healthy(&http, port).await;
    let admin = login(&http, port, "admin@demo.courseworx.test", "demo-password").await;
    let (status, _) = call_as(
        &http,
        port,
        Method::POST,
        "/api/profile/avatar",
        &admin,
        "image/png",
        Bytes::from(png(12, 12)),
    )
    .await
    .unwrap();
    assert_eq!(status, StatusCode::OK);
    let (_, courses) = call(
        &http,
        port,
        Method::GET,
        "/api/courses?limit=1",
        &admin,
        Bytes::new(),
    )
    .await
    .unwrap();
    let courses: Value = serde_json::from_slice(&courses).unwrap();
    let course = courses["courses"][0]["id"].as_str().unwrap().to_owned();
    let (status, _) = call_as(
        &http,
        port,
        Method::POST,
        &format!("/api/courses/{course}/thumbnail"),
        &admin,
        "image/png",
        Bytes::from(png(32, 18)),
    )
    .await
    .unwrap();
    assert!(status.is_success(), "{status}");
    server.kill().unwrap();
    server.wait().unwrap();

    let exported = work.path().join("sqlite.tar.gz");
    let mut export = on(&source, None);
    export.arg("export").arg("--out").arg(&exported);
    let said = run(export);
    assert!(said.contains("2 files"), "{said}");

    // Into the test's database (PostgreSQL when TEST_DATABASE_URL is set), and out again.
    let target = TestDatabase::new().await;
    let target_dir = target.config.data_dir.clone();
    let mut import = on(&target_dir, Some(&target.url));
    import.arg("import").arg(&exported);
    run(import);
    let again = work.path().join("target.tar.gz");
    let mut export = on(&target_dir, Some(&target.url));
    export.arg("export").arg("--out").arg(&again);
    run(export);
    assert_same_dump(&exported, &again);

    // A second import into the same database is refused: it is not empty any more.
    let mut import = on(&target_dir, Some(&target.url));
    import.arg("import").arg(&exported);
    let out = import.output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not empty"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The passwords work there.
    let port = free_port();
    let mut server = serve(&target.config, port, &[]);
    wait_healthy(&http, port).await;
    login(
        &http,
        port,
        "trainee1@demo.courseworx.test",
        "demo-password",
    )
    .await;
    server.kill().unwrap();
    server.wait().unwrap();

    // And back to SQLite.
    let back = work.path().join("back");
    std::fs::create_dir_all(&back).unwrap();
    let mut import = on(&back, None);
    import.arg("import").arg(&again);
    run(import);
    let last = work.path().join("back.tar.gz");
    let mut export = on(&back, None);
    export.arg("export").arg("--out").arg(&last);
    run(export);
    assert_same_dump(&exported, &last);

    // Restore testing from the command line.
    let mut verify = on(&back, None);
    verify.arg("backup").arg("--verify").arg(&again);
    let said = run(verify);
    assert!(said.contains("restores"), "{said}");
}

/// How many rows of a dumped table match `pred`.
fn count(entries: &BTreeMap<String, Vec<u8>>, table: &str, pred: impl Fn(&Value) -> bool) -> usize {
    String::from_utf8_lossy(&entries[&format!("tables/{table}.jsonl")])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|row| pred(row))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_is_consistent_and_restores() {
    let a =
        Authoring::with(|c| c.storage.backend = courseworx::config::StorageBackend::Local).await;
    let mut lessons = Vec::new();
    for i in 0..3 {
        let c = a
            .content(json!({"title": format!("Lesson {i}"), "type": "article"}))
            .await;
        lessons.push(c["id"].as_str().unwrap().to_owned());
    }
    let video = a
        .content(json!({"title": "Clip", "type": "video", "isRequired": false}))
        .await;
    let video = video["id"].as_str().unwrap().to_owned();
    let learners = trainees(&a.app, 16).await;
    let course = a.course.id;
    let port = free_port();
    let mut server = serve(&a.app.database.config, port, &[]);
    let http = client();
    wait_healthy(&http, port).await;

    // Trainees enrol one after another and complete lessons; the trainer replaces the
    // course's video again and again.
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for (i, (_, _, token)) in learners.into_iter().enumerate() {
        let (http, lessons, stop) = (http.clone(), lessons.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(60 * i as u64)).await;
            let path = format!("/api/courses/{course}/enroll");
            let (s, b) = call(&http, port, Method::POST, &path, &token, Bytes::new())
                .await
                .unwrap();
            assert!(s.is_success(), "{s}: {b:?}");
            let body = Bytes::from(json!({"timeSpent": 5}).to_string());
            for n in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let path = format!("/api/contents/{}/complete", lessons[n % lessons.len()]);
                let (s, _) = call(&http, port, Method::POST, &path, &token, body.clone())
                    .await
                    .unwrap();
                assert_eq!(s, StatusCode::OK);
            }
        }));
    }
    {
        let (http, token, stop) = (http.clone(), a.token.clone(), stop.clone());
        let path = format!("/api/contents/{video}/file?fileName=clip.mp4");
        tasks.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let (s, _) = call(
                    &http,
                    port,
                    Method::PUT,
                    &path,
                    &token,
                    Bytes::from(mp4(200_000)),
                )
                .await
                .unwrap();
                assert_eq!(s, StatusCode::OK);
            }
        }));
    }

    tokio::time::sleep(Duration::from_millis(400)).await;
    let config = &a.app.database.config;
    let archive = config.data_dir.join("under-load.tar.gz");
    let mut backup = on(&config.data_dir, Some(&a.app.database.url));
    backup.arg("backup").arg("--out").arg(&archive);
    run(backup);
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }
    server.kill().unwrap();
    server.wait().unwrap();

    // One moment: the course's counter equals the enrolments beside it, and each
    // enrolment's completions are there.
    let e = entries(&archive);
    let course_id = course.to_string();
    let enrolled = count(&e, "enrollments", |r| r["courseId"] == course_id);
    assert!(enrolled > 0 && enrolled < 16 + 1, "{enrolled}");
    let courses: Vec<Value> = String::from_utf8_lossy(&e["tables/courses.jsonl"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["id"] == course_id)
        .collect();
    assert_eq!(
        courses[0]["enrollmentCount"],
        json!(enrolled),
        "{courses:?}"
    );
    // Each learner's progress equals a recount of their completions beside it (three
    // required lessons).
    let rows = |table: &str| -> Vec<Value> {
        String::from_utf8_lossy(&e[&format!("tables/{table}.jsonl")])
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .collect()
    };
    let completions = rows("lesson_completions");
    assert!(!completions.is_empty(), "the load had not started");
    for enrolment in rows("enrollments") {
        let done = completions
            .iter()
            .filter(|c| c["userId"] == enrolment["userId"] && c["courseId"] == course_id)
            .count();
        let expected = match done {
            0 => "0",
            1 => "33.33",
            2 => "66.67",
            _ => "100",
        };
        assert_eq!(enrolment["progress"], json!(expected), "{enrolment}");
    }
    // The video's file, as the snapshot names it, is in the archive.
    let contents: Vec<Value> = String::from_utf8_lossy(&e["tables/course_contents.jsonl"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["id"] == video)
        .collect();
    let manifest: Value = serde_json::from_slice(&e["manifest.json"]).unwrap();
    if let Some(url) = contents[0]["fileUrl"].as_str() {
        let named = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .chain(manifest["missingFiles"].as_array().unwrap())
            .any(|f| {
                let key = f["key"].as_str().or(f.as_str()).unwrap();
                url.ends_with(key.rsplit('/').next().unwrap())
            });
        assert!(named, "{url} is not accounted for: {manifest}");
    }

    let mut verify = on(&config.data_dir, None);
    verify.arg("backup").arg("--verify").arg(&archive);
    let said = run(verify);
    assert!(said.contains("restores"), "{said}");
}

/// Bad input to the backup commands is one sentence, and touches nothing.
#[test]
fn the_backup_commands_refuse_bad_input_in_one_sentence() {
    use crate::cli::assert_one_clear_sentence;
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    // Run from the work folder: the data folder must not be made by the failures.
    let on = |_: &Path, _: Option<&str>| {
        let mut cmd = courseworx(work.path());
        cmd.env("COURSEWORX_DATA_DIR", &data);
        cmd
    };
    let mut restore = on(&data, None);
    restore
        .arg("restore")
        .arg(work.path().join("missing.tar.gz"));
    assert_one_clear_sentence(&restore.output().unwrap(), "cannot open");
    assert!(!data.exists(), "the target was touched");

    let garbage = work.path().join("garbage.tar.gz");
    std::fs::write(&garbage, b"not an archive at all").unwrap();
    let mut restore = on(&data, None);
    restore.arg("restore").arg(&garbage);
    assert_one_clear_sentence(&restore.output().unwrap(), "not a CourseWorx archive");

    let mut backup = on(&data, None);
    backup.arg("backup").arg("--out").arg(work.path());
    assert_one_clear_sentence(&backup.output().unwrap(), "is a folder");
    let left: Vec<_> = std::fs::read_dir(work.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "{left:?}");

    let mut fetch = on(&data, None);
    fetch
        .args([
            "backup",
            "--fetch",
            "courseworx-20200101T000000Z.tar.gz",
            "--out",
        ])
        .arg(work.path().join("fetched.tar.gz"));
    assert_one_clear_sentence(&fetch.output().unwrap(), "holds no backup named");
    assert!(!work.path().join("fetched.tar.gz").exists());
}
