//! The demo data generator (`courseworx demo`): the plan's numbers, the same data from
//! the same seed, and data the application reads as its own.

use axum::http::{Method, StatusCode};
use chrono::Utc;
use courseworx::db::entities::enums::EnrollmentStatus;
use courseworx::db::entities::{courses, enrollments, lesson_completions, quiz_attempts, users};
use courseworx::demo::{self, DemoError, Options, Plan};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryOrder, Set, Statement,
};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{TestApp, TestDatabase};

fn options(scale: u64, seed: u64) -> Options {
    let mut o = Options::new(scale);
    o.seed = seed;
    o.as_of = Utc::now().date_naive();
    // Course #3 has the light outline of the courses after the 1,000th.
    o.full_outlines = 2;
    o
}

async fn count(db: &impl ConnectionTrait, table: &str) -> u64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n")
        .or_else(|_| row.try_get::<i32>("", "n").map(i64::from))
        .unwrap() as u64
}

/// What two runs are compared by: every id and the values that matter, in id order.
async fn snapshot(db: &impl ConnectionTrait) -> Vec<String> {
    let mut out = Vec::new();
    for u in users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!(
            "{} {} {} {:?}",
            u.id, u.email, u.password, u.created_at
        ));
    }
    for e in enrollments::Entity::find()
        .order_by_asc(enrollments::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!(
            "{} {} {} {:?} {:?} {:?}",
            e.id, e.user_id, e.course_id, e.status, e.progress, e.completed_at
        ));
    }
    for l in lesson_completions::Entity::find()
        .order_by_asc(lesson_completions::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!("{} {} {:?}", l.id, l.content_id, l.score));
    }
    for a in quiz_attempts::Entity::find()
        .order_by_asc(quiz_attempts::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!(
            "{} {:?} {} {}",
            a.id, a.score, a.number, a.questions
        ));
    }
    out
}

#[tokio::test]
async fn demo_data_follows_the_plan_reproducibly_and_the_application_reads_it() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let report = demo::run(db, &options(3, 7)).await.expect("generates");
    let plan = Plan::new(3).unwrap();

    // The counts: as planned, and as reported.
    assert_eq!(count(db, "users").await, plan.users());
    assert_eq!(count(db, "courses").await, 3);
    assert_eq!(count(db, "enrollments").await, plan.enrolments());
    for (table, n) in &report.rows {
        assert_eq!(count(db, table).await, *n, "{table}");
    }
    for table in [
        "course_sections",
        "course_contents",
        "quiz_questions",
        "enrollment_events",
        "lesson_completions",
        "quiz_attempts",
        "quiz_answers",
        "assignment_submissions",
        "submission_versions",
        "attendance",
    ] {
        assert!(report.rows_of(table) > 0, "{table} is empty: {report}");
    }
    assert_eq!(count(db, "course_stats").await, 0, "left to the recount");

    // Courses #1 and #2 have the full outline, #3 the light one.
    let outline = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            r#"SELECT c.title AS title,
                 (SELECT COUNT(*) FROM course_sections s WHERE s."courseId" = c.id) AS sections,
                 (SELECT COUNT(*) FROM course_contents k WHERE k."courseId" = c.id) AS lessons,
                 (SELECT COUNT(*) FROM course_contents k
                   WHERE k."courseId" = c.id AND k.type = 'quiz') AS quizzes
               FROM courses c ORDER BY c.title"#
                .to_owned(),
        ))
        .await
        .unwrap();
    let n = |row: &sea_orm::QueryResult, col: &str| {
        row.try_get::<i64>("", col)
            .or_else(|_| row.try_get::<i32>("", col).map(i64::from))
            .unwrap()
    };
    let shapes: Vec<(String, i64, i64, i64)> = outline
        .iter()
        .map(|r| {
            let title: String = r.try_get("", "title").unwrap();
            (title, n(r, "sections"), n(r, "lessons"), n(r, "quizzes"))
        })
        .collect();
    assert_eq!(shapes.len(), 3);
    let light: Vec<_> = shapes.iter().filter(|s| s.1 == 1).collect();
    assert_eq!(light.len(), 1, "{shapes:?}");
    assert_eq!((light[0].2, light[0].3), (3, 0), "{shapes:?}");
    assert!(light[0].0.ends_with("#3"), "{shapes:?}");
    for full in shapes.iter().filter(|s| s.1 > 1) {
        assert!(full.1 >= 3 && full.3 >= 1, "{shapes:?}");
    }
    assert!(report.to_string().contains("total"));

    // Progress equals the application's own recount (db::progress::recompute).
    let recount = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            r#"SELECT CAST(e.progress AS TEXT) AS stored, CAST((
                 SELECT CASE WHEN COUNT(*) = 0 THEN 0
                             ELSE ROUND(100.0 * COUNT(lc.id) / COUNT(*), 2) END
                 FROM (SELECT c.id FROM course_contents c
                       LEFT JOIN course_sections s ON s.id = c."sectionId"
                       WHERE c."courseId" = e."courseId" AND c."isPublished" = TRUE
                         AND c."isRequired" = TRUE AND c.type <> 'certificate'
                         AND (c."sectionId" IS NULL OR s."isPublished" = TRUE)) r
                 LEFT JOIN lesson_completions lc
                   ON lc."contentId" = r.id AND lc."userId" = e."userId"
                  AND lc.completed = TRUE) AS TEXT) AS expected
               FROM enrollments e WHERE e.status <> 'dropped'"#
                .to_owned(),
        ))
        .await
        .unwrap();
    assert!(!recount.is_empty());
    let dec = |s: String| s.trim().parse::<Decimal>().unwrap().normalize();
    for row in recount {
        let stored: String = row.try_get("", "stored").unwrap();
        let expected: String = row.try_get("", "expected").unwrap();
        assert_eq!(dec(stored), dec(expected));
    }
    // The counters equal the rows they count.
    let all = enrollments::Entity::find().all(db).await.unwrap();
    for c in courses::Entity::find().all(db).await.unwrap() {
        let of = |f: &dyn Fn(EnrollmentStatus) -> bool| {
            all.iter()
                .filter(|e| e.course_id == c.id && f(e.status))
                .count() as i32
        };
        assert_eq!(
            c.enrollment_count,
            Some(of(&|s| s != EnrollmentStatus::Dropped))
        );
        assert_eq!(
            c.completion_count,
            Some(of(&|s| s == EnrollmentStatus::Completed))
        );
    }

    // The same seed again, on another database: the same rows, ids included.
    let other = TestDatabase::new().await;
    let state = courseworx::startup::build_state(other.config.clone())
        .await
        .unwrap();
    demo::run(&state.db, &options(3, 7)).await.unwrap();
    assert_eq!(snapshot(db).await, snapshot(&state.db).await);

    // A trainee of the benchmark course signs in with the demo password...
    let bench = report.benchmark_course;
    let quiz = report.benchmark_quiz;
    let learner = all
        .iter()
        .find(|e| e.course_id == bench && e.status == EnrollmentStatus::Enrolled)
        .expect("an active trainee in the benchmark course");
    let email = app.user_row(learner.user_id).await.email;
    assert!(email.starts_with("trainee") && email.ends_with("@demo.courseworx.test"));
    let token = app.login(&email, demo::PASSWORD).await;
    let mine = app
        .send(Method::GET, "/api/enrollments", Some(&token), None)
        .await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.text);
    let courses_of = all.iter().filter(|e| e.user_id == learner.user_id).count();
    assert_eq!(mine.json["pagination"]["totalItems"], courses_of as i64);
    let outline = app
        .send(
            Method::GET,
            &format!("/api/courses/{bench}/outline"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(outline.status, StatusCode::OK, "{}", outline.text);
    assert_eq!(outline.json["outline"].as_array().unwrap().len(), 4);

    // ... starts the benchmark quiz (16 questions), answers and submits it.
    let started = app
        .send(
            Method::POST,
            &format!("/api/contents/{quiz}/attempts"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.text);
    let attempt = started.json["attempt"]["id"].as_str().unwrap().to_owned();
    let questions = started.json["attempt"]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 16);
    let first = &questions[0];
    let answer = app
        .send(
            Method::PUT,
            &format!("/api/attempts/{attempt}/answers"),
            Some(&token),
            Some(json!({"answers": [
                {"questionId": first["id"], "answer": first["options"][0]}
            ]})),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let submitted = app
        .send(
            Method::POST,
            &format!("/api/attempts/{attempt}/submit"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.text);
    assert_eq!(submitted.json["attempt"]["status"], "graded");

    // The trainer (trainer1 teaches course #1): statistics equal a recount, the gradebook
    // loads with every trainee of the course.
    let trainer = app.login(&demo::trainer_email(1), demo::PASSWORD).await;
    let stats = app
        .send(
            Method::GET,
            &format!("/api/courses/{bench}/stats"),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.text);
    let got = &stats.json["stats"];
    let class: Vec<_> = all.iter().filter(|e| e.course_id == bench).collect();
    let n = |s| class.iter().filter(|e| e.status == s).count() as i64;
    assert_eq!(got["totalEnrollments"], class.len() as i64);
    assert_eq!(got["activeEnrollments"], n(EnrollmentStatus::Enrolled));
    assert_eq!(got["completedEnrollments"], n(EnrollmentStatus::Completed));
    let current: Vec<_> = class
        .iter()
        .filter(|e| e.status != EnrollmentStatus::Dropped)
        .collect();
    let progress: Decimal = current.iter().map(|e| e.progress.unwrap_or_default()).sum();
    let average = (progress / Decimal::from(current.len() as i64)).round_dp(2);
    let reported: Decimal = got["averageProgress"].as_str().unwrap().parse().unwrap();
    // The trainee's new attempt may have completed the quiz lesson: at most one lesson more.
    assert!(
        (reported - average).abs() < Decimal::from(5),
        "{reported} vs {average}"
    );
    assert!(got["averageScore"].is_string(), "{got}");
    let book = app
        .send(
            Method::GET,
            &format!("/api/courses/{bench}/gradebook"),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(book.status, StatusCode::OK, "{}", book.text);
    assert_eq!(
        book.json["columns"].as_array().unwrap().len(),
        3,
        "{}",
        book.text
    );
    assert!(!book.json["rows"].as_array().unwrap().is_empty());
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

#[tokio::test]
async fn demo_refuses_a_database_with_users_unless_forced_and_never_twice() {
    let app = TestApp::spawn().await;
    assert!(matches!(
        demo::run(app.db(), &options(0, 1)).await,
        Err(DemoError::Scale(_))
    ));
    app.signed_in(courseworx::domain::user::Role::SuperAdmin)
        .await;
    let refused = demo::run(app.db(), &options(1, 1)).await.unwrap_err();
    assert!(matches!(refused, DemoError::NotEmpty(1)), "{refused}");
    assert!(refused.to_string().contains("--force"));
    let mut forced = options(1, 1);
    forced.force = true;
    let report = demo::run(app.db(), &forced).await.expect("forced");
    assert_eq!(report.rows_of("users"), Plan::new(1).unwrap().users());
    let again = demo::run(app.db(), &forced).await.unwrap_err();
    assert!(matches!(again, DemoError::AlreadyDemo), "{again}");
    // Nothing of a refused run was written.
    assert_eq!(count(app.db(), "users").await, 1 + report.rows_of("users"));
}

#[tokio::test]
async fn the_command_prints_the_rows_and_refuses_a_bad_scale_in_one_sentence() {
    let db = TestDatabase::new().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = crate::cli::courseworx(dir.path())
        .args(["demo", "--scale", "0"])
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("--scale must be a whole number"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let few = crate::cli::courseworx(dir.path())
        .args(["demo", "--courses", "2", "--enrolments", "499"])
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(!few.status.success());
    let stderr = String::from_utf8_lossy(&few.stderr);
    assert!(stderr.contains("--enrolments must be from 500"), "{stderr}");

    // Two courses and 600 enrolments: 60 trainees, a trainer and the admin.
    let ok = crate::cli::courseworx(dir.path())
        .args([
            "demo",
            "--courses",
            "2",
            "--enrolments",
            "600",
            "--seed",
            "5",
        ])
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(out.contains("enrollments"), "{out}");
    let users = out.lines().find(|l| l.trim_start().starts_with("users"));
    assert_eq!(
        users.map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec!["users", "62"]),
        "{out}"
    );
    assert!(out.contains("demo-password"), "{out}");
    assert!(out.contains("written in"), "{out}");

    let twice = crate::cli::courseworx(dir.path())
        .args(["demo", "--scale", "2"])
        .env("DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert!(!twice.status.success());
    assert!(
        String::from_utf8_lossy(&twice.stderr).contains("already holds"),
        "{}",
        String::from_utf8_lossy(&twice.stderr)
    );
}

/// The indexes and constraints, as the database describes them.
async fn schema_objects(db: &impl ConnectionTrait) -> Vec<String> {
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            r#"SELECT indexname::text AS name, indexdef AS def FROM pg_indexes
                 WHERE schemaname = current_schema()
               UNION ALL
               SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint
                 WHERE connamespace = current_schema()::regnamespace
               ORDER BY 1, 2"#
        }
        _ => {
            r#"SELECT name, COALESCE(sql, '') AS def FROM sqlite_master
                 WHERE name NOT LIKE 'sqlite_stat%' ORDER BY 1, 2"#
        }
    };
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| {
        let name: String = r.try_get("", "name").unwrap();
        let def: String = r.try_get("", "def").unwrap();
        format!("{name}: {def}")
    })
    .collect()
}

#[tokio::test]
async fn the_indexes_and_foreign_keys_dropped_for_the_load_are_made_again_as_they_were() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let before = schema_objects(db).await;
    assert!(
        before
            .iter()
            .any(|o| o.contains("idx_lesson_completions_courseId_userId")),
        "{before:?}"
    );
    demo::run(db, &options(2, 3)).await.expect("generates");
    assert_eq!(schema_objects(db).await, before);
    // ... and in force: a second row for the same trainee and lesson breaks the unique
    // key, a row for no trainee the foreign key.
    let first = lesson_completions::Entity::find()
        .one(db)
        .await
        .unwrap()
        .expect("a completion");
    let mut twice = first.clone().into_active_model().reset_all();
    twice.id = Set(Uuid::new_v4());
    assert!(twice.insert(db).await.is_err(), "a duplicate was accepted");
    let mut nobody = first.into_active_model().reset_all();
    nobody.id = Set(Uuid::new_v4());
    nobody.user_id = Set(Uuid::new_v4());
    assert!(nobody.insert(db).await.is_err(), "an orphan was accepted");
}
