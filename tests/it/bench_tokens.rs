//! `courseworx bench-tokens`: sessions for the benchmark course's active trainees, opened
//! without their passwords and accepted by the server like a sign-in's.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use chrono::Utc;
use courseworx::db::entities::enums::EnrollmentStatus;
use courseworx::db::entities::{enrollments, sessions};
use courseworx::demo::{self, Options, tokens};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::TestApp;

async fn demo_app() -> (TestApp, demo::Report) {
    let app = TestApp::spawn().await;
    let mut options = Options::new(3);
    options.seed = 11;
    options.as_of = Utc::now().date_naive();
    let report = demo::run(app.db(), &options).await.expect("demo data");
    (app, report)
}

/// The emails of the trainees actively enrolled in the benchmark course.
async fn active_class(app: &TestApp, course: uuid::Uuid) -> BTreeSet<String> {
    let mut emails = BTreeSet::new();
    for e in enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course))
        .all(app.db())
        .await
        .unwrap()
    {
        if matches!(
            e.status,
            EnrollmentStatus::Enrolled | EnrollmentStatus::Completed
        ) {
            emails.insert(app.user_row(e.user_id).await.email);
        }
    }
    emails
}

#[tokio::test]
async fn minted_tokens_are_live_sessions_of_the_benchmark_class_only() {
    let (app, report) = demo_app().await;
    let class = active_class(&app, report.benchmark_course).await;
    assert!(class.len() > 3, "{class:?}");

    // Asked for more than the class: every active trainee once, nobody else.
    let all = tokens::mint(&app.state, 10_000).await.unwrap();
    let emails: BTreeSet<String> = all.iter().map(|m| m.email.clone()).collect();
    assert_eq!(emails.len(), all.len(), "one session per trainee");
    assert_eq!(emails, class);

    // Each token is a session the server accepts, for its own trainee.
    for m in all.iter().take(3) {
        let me = app
            .send(Method::GET, "/api/auth/me", Some(&m.token), None)
            .await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.text);
        assert_eq!(me.json["user"]["email"], m.email.as_str());
        assert!(me.json["user"]["lastLogin"].is_string(), "{}", me.text);
    }
    let rows = sessions::Entity::find()
        .filter(sessions::Column::UserAgent.eq(tokens::USER_AGENT))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(rows.len(), all.len());

    // A count takes that many; logging out ends a minted session like any other.
    let two = tokens::mint(&app.state, 2).await.unwrap();
    assert_eq!(two.len(), 2);
    let out = app
        .send(Method::POST, "/api/auth/logout", Some(&two[0].token), None)
        .await;
    assert!(out.status.is_success(), "{}", out.text);
    let after = app
        .send(Method::GET, "/api/auth/me", Some(&two[0].token), None)
        .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    let other = app
        .send(Method::GET, "/api/auth/me", Some(&two[1].token), None)
        .await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn the_command_writes_tokens_the_server_accepts() {
    let (app, report) = demo_app().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.txt");
    let out = crate::cli::courseworx(dir.path())
        .args(["bench-tokens", "--count", "3", "--out"])
        .arg(&file)
        .env("DATABASE_URL", &app.database.url)
        // The server's data folder: its token secret signs the sessions.
        .env("COURSEWORX_DATA_DIR", &app.state.config.data_dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("3 session(s)"), "{stdout}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by its owner only: {mode:o}");
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let class = active_class(&app, report.benchmark_course).await;
    for line in lines {
        let (email, token) = line.split_once(' ').expect("email token");
        assert!(class.contains(email), "{email} is not in the class");
        let me = app
            .send(Method::GET, "/api/auth/me", Some(token), None)
            .await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.text);
        assert_eq!(me.json["user"]["email"], email);
    }
}
