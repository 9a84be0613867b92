//! Two instances behave as one (issue 12): two `courseworx serve` processes on one database
//! and one S3 bucket (moto's server), driven at once. First-run setup happens once with
//! either instance's link; a course's cap holds across both; the sign-in limit counts the
//! guesses both instances verify; a file uploaded through one is served whole by the
//! other; a one-attempt quiz started and submitted through both gives one attempt, graded
//! once; the scheduled housekeeping and backup run once.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use courseworx::db::entities::{course_waitlist, enrollments, jobs, quiz_attempts};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use crate::cli::courseworx;
use crate::content_files::mp4;
use crate::enrolments_api::{course_with, trainees};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;
use crate::process::{Http, call, client, free_port, wait_healthy};

/// An instance on the app's database, data folder (token secret) and bucket, and the
/// setup link it printed.
fn instance(app: &TestApp, port: u16) -> (Child, String) {
    let config = &app.database.config;
    let s3 = &config.storage.s3;
    let mut child = courseworx(&config.data_dir)
        .env("COURSEWORX_DATA_DIR", &config.data_dir)
        .env("DATABASE_URL", config.database.url.as_deref().unwrap())
        .env("COURSEWORX_PORT", port.to_string())
        .env("COURSEWORX_LOG", "warn")
        .env("COURSEWORX_STORAGE_BACKEND", "s3")
        .env("COURSEWORX_S3_BUCKET", s3.bucket.clone().unwrap())
        .env("COURSEWORX_S3_ENDPOINT", s3.endpoint.clone().unwrap())
        .env("COURSEWORX_S3_REGION", s3.region.clone().unwrap())
        .env(
            "COURSEWORX_S3_ACCESS_KEY_ID",
            s3.access_key_id.clone().unwrap(),
        )
        .env(
            "COURSEWORX_S3_SECRET_ACCESS_KEY",
            s3.secret_access_key.clone().unwrap(),
        )
        .env("COURSEWORX_S3_PREFIX", s3.prefix.clone().unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The link is in the start-up notice on standard error, read to its end meanwhile.
    let stderr = child.stderr.take().unwrap();
    let (found, link) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("token=") {
                let token: String = line[at + 6..]
                    .chars()
                    .take_while(char::is_ascii_hexdigit)
                    .collect();
                let _ = found.send(token);
            }
        }
    });
    let token = link
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the instance printed a setup link");
    (child, token)
}

async fn send(
    http: &Http,
    port: u16,
    method: Method,
    path: &str,
    token: &str,
    body: serde_json::Value,
) -> (StatusCode, Bytes) {
    call(
        http,
        port,
        method,
        path,
        token,
        Bytes::from(body.to_string()),
    )
    .await
    .expect("the instance answers")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_and_bucket_behave_as_one() {
    let app = TestApp::spawn_with(|c| {
        c.storage.backend = courseworx::config::StorageBackend::S3;
        c.storage.s3 = courseworx::storage::moto::config();
    })
    .await;
    let http = client();
    let (port_a, port_b) = (free_port(), free_port());
    let (mut a, link_a) = instance(&app, port_a);
    let (mut b, link_b) = instance(&app, port_b);
    wait_healthy(&http, port_a).await;
    wait_healthy(&http, port_b).await;
    assert_ne!(link_a, link_b);

    // First-run setup: each instance's link is good, and exactly one setup wins.
    let setup = |token: &str, email: &str| json!({"token": token, "firstName": "Ada", "lastName": "Admin", "email": email, "password": "first-admin-pass"});
    let (one, two) = tokio::join!(
        send(
            &http,
            port_a,
            Method::POST,
            "/api/auth/setup",
            "",
            setup(&link_a, "a@example.com")
        ),
        send(
            &http,
            port_b,
            Method::POST,
            "/api/auth/setup",
            "",
            setup(&link_b, "b@example.com")
        ),
    );
    let mut statuses = [one.0, two.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{one:?} {two:?}"
    );

    // A course of five places, and sixteen trainees enrolling at once, half through each.
    let (course, trainer) = course_with(&app, |c| c.max_students = Set(Some(5))).await;
    let learners = trainees(&app, 16).await;
    let path = format!("/api/courses/{}/enroll", course.id);
    let enrolling = learners.iter().enumerate().map(|(i, (_, _, token))| {
        let port = if i % 2 == 0 { port_a } else { port_b };
        send(&http, port, Method::POST, &path, token, json!({}))
    });
    for (status, body) in futures_util::future::join_all(enrolling).await {
        assert!(status.is_success(), "{status}: {body:?}");
    }
    let enrolled = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course.id))
        .count(app.db())
        .await
        .unwrap();
    let waiting = course_waitlist::Entity::find()
        .filter(course_waitlist::Column::CourseId.eq(course.id))
        .count(app.db())
        .await
        .unwrap();
    assert_eq!((enrolled, waiting), (5, 11));
    let (stored, counted) = courseworx::db::enrolments::counts(app.db(), course.id)
        .await
        .unwrap();
    assert_eq!(stored, counted);

    // The sign-in limit counts the guesses of both instances: 50 wrong passwords for one
    // account from one address (127.0.0.1), alternately through each, get 4 answers and
    // then the lock (the account-and-address limit: 5 guesses, the 5th locks).
    let target = UserBuilder::trainee().create(&app).await;
    let guessing = (0..50).map(|i| {
        let port = if i % 2 == 0 { port_a } else { port_b };
        let body = json!({"email": target.email, "password": "wrong"});
        let http = http.clone();
        async move {
            send(&http, port, Method::POST, "/api/auth/login", "", body)
                .await
                .0
        }
    });
    let answers = futures_util::future::join_all(guessing).await;
    let limited = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!((refused, limited), (4, 46), "{answers:?}");

    // Quiz attempts: each enrolled trainee starts the course's one-attempt quiz through
    // both instances at once, answers through one and submits through both: one attempt
    // each, graded once.
    let quiz = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/contents", course.id),
            Some(&trainer),
            Some(json!({"title": "Check", "type": "quiz", "quizData": {"maxAttempts": 1}})),
        )
        .await;
    let quiz = quiz.json["content"]["id"].as_str().unwrap().to_owned();
    let question = app
        .send(
            Method::POST,
            &format!("/api/contents/{quiz}/questions"),
            Some(&trainer),
            Some(json!({"question": "2+2?", "questionType": "single_choice", "options": ["3", "4"], "correctAnswer": "4"})),
        )
        .await;
    let question = question.json["question"]["id"].as_str().unwrap().to_owned();
    let enrolled_ids: Vec<uuid::Uuid> = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course.id))
        .all(app.db())
        .await
        .unwrap()
        .iter()
        .map(|e| e.user_id)
        .collect();
    for (_, _, token) in learners
        .iter()
        .filter(|(id, _, _)| enrolled_ids.contains(id))
    {
        let path = format!("/api/contents/{quiz}/attempts");
        let starts = (0..6).map(|i| {
            let port = if i % 2 == 0 { port_a } else { port_b };
            send(&http, port, Method::POST, &path, token, json!({}))
        });
        let mut ids: Vec<String> = futures_util::future::join_all(starts)
            .await
            .into_iter()
            .map(|(status, body)| {
                assert!(status.is_success(), "{status}: {body:?}");
                let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
                v["attempt"]["id"].as_str().unwrap().to_owned()
            })
            .collect();
        ids.dedup();
        assert_eq!(ids.len(), 1, "one attempt: {ids:?}");
        let attempt = &ids[0];
        let (status, body) = send(
            &http,
            port_a,
            Method::PUT,
            &format!("/api/attempts/{attempt}/answers"),
            token,
            json!({"answers": [{"questionId": question, "answer": "4"}]}),
        )
        .await;
        assert!(status.is_success(), "{status}: {body:?}");
        let submit = format!("/api/attempts/{attempt}/submit");
        let submits = (0..4).map(|i| {
            let port = if i % 2 == 0 { port_a } else { port_b };
            send(&http, port, Method::POST, &submit, token, json!({}))
        });
        for (status, body) in futures_util::future::join_all(submits).await {
            assert!(status.is_success(), "{status}: {body:?}");
            let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(v["attempt"]["score"], json!(1), "{v}");
        }
    }
    let attempts = quiz_attempts::Entity::find().all(app.db()).await.unwrap();
    assert_eq!(attempts.len(), 5);
    assert!(
        attempts.iter().all(|a| a.score == Some(1) && a.number == 1),
        "{attempts:?}"
    );

    // A file uploaded through one instance is served whole by the other.
    let video = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/contents", course.id),
            Some(&trainer),
            Some(json!({"title": "Clip", "type": "video"})),
        )
        .await;
    let video = video.json["content"]["id"].as_str().unwrap().to_owned();
    let bytes = mp4(300 * 1024);
    let put = call(
        &http,
        port_a,
        Method::PUT,
        &format!("/api/contents/{video}/file?fileName=clip.mp4"),
        &trainer,
        Bytes::from(bytes.clone()),
    )
    .await
    .unwrap();
    assert_eq!(put.0, StatusCode::OK, "{:?}", put.1);
    let (status, body) = call(
        &http,
        port_b,
        Method::GET,
        &format!("/api/contents/{video}/file"),
        &trainer,
        Bytes::new(),
    )
    .await
    .unwrap();
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&body[..], &bytes[..]);

    // Both runners looked at start: this hour's housekeeping ran once.
    let housekeeping = jobs::Entity::find()
        .filter(jobs::Column::Kind.eq("housekeeping"))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(housekeeping.len(), 1);
    assert_eq!(housekeeping[0].attempts, 1);
    // And the day's backup, of the database and the bucket, ran once too.
    let backups = jobs::Entity::find()
        .filter(jobs::Column::Kind.eq("backup"))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].status, "done", "{:?}", backups[0]);

    for server in [&mut a, &mut b] {
        server.kill().unwrap();
        server.wait().unwrap();
    }
}
