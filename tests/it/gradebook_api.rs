//! The gradebook: trainees × published assignments and quizzes, totals by the documented
//! rule, the same as CSV with formula cells defused, and for the course's trainer only.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::assignments_api::Class;
use crate::fixtures::{PASSWORD, UserBuilder};
use courseworx::domain::user::Role;

#[tokio::test]
async fn the_gradebook_shows_every_trainee_against_every_published_piece_of_work() {
    let c = Class::new(2).await;
    // A trainee whose name a spreadsheet would run.
    let odd = UserBuilder::trainee()
        .named("=cmd", "Zed")
        .create(c.app())
        .await;
    crate::courses_api::enrol(c.app(), odd.id, c.a.course.id).await;
    let assignment = c.assignment(json!({"points": 10})).await;
    c.assignment(json!({"title": "Draft", "isPublished": false}))
        .await;
    let quiz =
        c.a.content(json!({"title": "Check", "type": "quiz", "quizData": {"passingScore": 50}}))
            .await;
    let quiz = quiz["id"].as_str().unwrap().to_owned();
    let res = c
        .a
        .call(
            Method::POST,
            &format!("/api/contents/{quiz}/questions"),
            Some(json!({"question": "Sky blue?", "questionType": "true_false", "correctAnswer": "true"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);

    // Trainee 0: work graded 7.5 of 10, the quiz passed; trainee 1: work not graded yet.
    let res = c.hand_in(c.token(0), &assignment, "Mine.").await;
    let work = res.json["submission"]["id"].as_str().unwrap().to_owned();
    c.grade(&c.a.token, &work, json!({"score": 7.5})).await;
    c.hand_in(c.token(1), &assignment, "Mine too.").await;
    let start = c
        .app()
        .send(
            Method::POST,
            &format!("/api/contents/{quiz}/attempts"),
            Some(c.token(0)),
            None,
        )
        .await;
    assert!(start.status.is_success(), "{}", start.text);
    let attempt = start.json["attempt"]["id"].as_str().unwrap().to_owned();
    let question = start.json["attempt"]["questions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    c.app()
        .send(
            Method::PUT,
            &format!("/api/attempts/{attempt}/answers"),
            Some(c.token(0)),
            Some(json!({"answers": [{"questionId": question, "answer": "true"}]})),
        )
        .await;
    let submitted = c
        .app()
        .send(
            Method::POST,
            &format!("/api/attempts/{attempt}/submit"),
            Some(c.token(0)),
            None,
        )
        .await;
    assert_eq!(
        submitted.json["attempt"]["status"], "graded",
        "{}",
        submitted.text
    );

    let path = format!("/api/courses/{}/gradebook", c.a.course.id);
    let res = c.a.call(Method::GET, &path, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let columns = res.json["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 2, "the draft is not a column: {}", res.text);
    assert_eq!(columns[0]["kind"], "assignment");
    assert_eq!(columns[0]["points"], 10);
    assert_eq!(columns[1]["kind"], "quiz");
    assert_eq!(columns[1]["points"], 100);
    let row = |user: uuid::Uuid| {
        res.json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["userId"] == user.to_string())
            .unwrap()
            .clone()
    };
    let first = row(c.trainees[0].0);
    assert_eq!(first["cells"][0]["score"], "7.5");
    assert_eq!(first["cells"][1]["score"], "100");
    // (7.5 + 100) / 110 = 97.73 %.
    assert_eq!(first["total"], "97.73");
    let second = row(c.trainees[1].0);
    assert!(second["cells"][0]["score"].is_null());
    assert_eq!(second["cells"][0]["ungraded"], true);
    assert!(second["cells"][0]["submissionId"].is_string());
    assert_eq!(second["total"], "0");
    let third = row(odd.id);
    assert!(third["cells"][0]["submissionId"].is_null());
    assert_eq!(res.json["pagination"]["totalItems"], 3);

    // The CSV: every trainee, formula cells defused.
    let csv =
        c.a.call(Method::GET, &format!("{path}?format=csv"), None)
            .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.text);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.text.lines().collect();
    assert_eq!(lines.len(), 4, "{}", csv.text);
    assert!(lines[0].starts_with("firstName,lastName,email,status,progress,"));
    assert!(lines[0].ends_with(",total,grade"));
    assert!(csv.text.contains("'=cmd,Zed"), "{}", csv.text);
    assert!(csv.text.contains(",7.5,100,97.73,"), "{}", csv.text);
    let res =
        c.a.call(Method::GET, &format!("{path}?format=xml"), None)
            .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Only the course's trainer and super admins.
    let (_, other) = c.app().signed_in(Role::Trainer).await;
    for token in [c.token(0), other.as_str()] {
        let res = c.app().send(Method::GET, &path, Some(token), None).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
    let admin = UserBuilder::super_admin().create(c.app()).await;
    let admin = c.app().login(&admin.email, PASSWORD).await;
    let res = c.app().send(Method::GET, &path, Some(&admin), None).await;
    assert_eq!(res.status, StatusCode::OK);
}

/// A gradebook page reads its trainees' hand-ins and quiz scores by the users' indexes,
/// never by the course's: a prepared statement's generic plan (PostgreSQL) or the one plan
/// SQLite keeps is made for the average course, and by the course's index it read all of
/// a 50,000-trainee course's hand-ins for a page of 20 (BENCHMARKS.md, session 15). Checked
/// the hard way: in a transaction rolled back after, every other index of the two tables is
/// dropped and scans are discouraged, so a statement the course's index could answer would
/// show it in its plan.
#[tokio::test]
async fn the_gradebook_reads_a_page_of_trainees_by_their_index_never_the_courses() {
    use courseworx::domain::policy::{Actor, CourseAction};
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    let c = Class::new(2).await;
    let app = c.app();
    let (state, log) = crate::helpers::logged_state(app);
    let (_, grant) = courseworx::services::courses::grant_for(
        &state.db,
        Some(&Actor::from(&c.a.trainer)),
        c.a.course.id,
        CourseAction::Teach,
    )
    .await
    .unwrap();
    let users: Vec<uuid::Uuid> = c.trainees.iter().map(|(id, _)| *id).collect();
    log.lock().unwrap().clear();
    courseworx::db::submissions::of_trainees(&state.db, &grant, users.clone())
        .await
        .unwrap();
    courseworx::db::grades::best_by_quiz(&state.db, &grant, &users)
        .await
        .unwrap();
    let statements = log.lock().unwrap().clone();
    assert_eq!(statements.len(), 2, "{statements:#?}");

    let db = app.db();
    let backend = db.get_database_backend();
    let pg = crate::helpers::on_postgres(db);
    let one = |sql: String| Statement::from_string(backend, sql);
    for (table, statement) in ["assignment_submissions", "quiz_attempts"]
        .into_iter()
        .zip(&statements)
    {
        let course_index = format!("idx_{table}_courseId");
        let txn = db.begin().await.unwrap();
        let (constraints, indexes) = if pg {
            (
                format!(
                    "SELECT conname AS n FROM pg_constraint WHERE conrelid = '{table}'::regclass AND contype = 'u'"
                ),
                format!(
                    "SELECT indexname AS n FROM pg_indexes WHERE tablename = '{table}' AND indexname NOT LIKE '%pkey'"
                ),
            )
        } else {
            (
                "SELECT NULL AS n WHERE 0".to_owned(),
                format!(
                    "SELECT name AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL"
                ),
            )
        };
        for row in txn.query_all_raw(one(constraints)).await.unwrap() {
            let name: String = row.try_get("", "n").unwrap();
            txn.execute_raw(one(format!(
                r#"ALTER TABLE "{table}" DROP CONSTRAINT "{name}""#
            )))
            .await
            .unwrap();
        }
        for row in txn.query_all_raw(one(indexes)).await.unwrap() {
            let name: String = row.try_get("", "n").unwrap();
            if name != course_index {
                txn.execute_raw(one(format!(r#"DROP INDEX "{name}""#)))
                    .await
                    .unwrap();
            }
        }
        let explain = if pg {
            txn.execute_unprepared("SET LOCAL enable_seqscan = off")
                .await
                .unwrap();
            format!("EXPLAIN {}", statement.sql)
        } else {
            format!("EXPLAIN QUERY PLAN {}", statement.sql)
        };
        let explain =
            Statement::from_sql_and_values(backend, explain, statement.values.clone().unwrap());
        let plan: Vec<String> = txn
            .query_all_raw(explain)
            .await
            .unwrap()
            .iter()
            .map(|r| {
                r.try_get::<String>("", if pg { "QUERY PLAN" } else { "detail" })
                    .unwrap()
            })
            .collect();
        txn.rollback().await.unwrap();
        assert!(
            !plan.iter().any(|l| l.contains(&course_index)),
            "{table}: {plan:#?}"
        );
    }
}
