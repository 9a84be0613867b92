//! Enrolment: a trainee enrols and drops; the cap holds under a crowd; the waitlist moves
//! in order; a trainer enrols by email with a report and changes enrolments; the counters
//! always equal the rows.

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use courseworx::db::entities::courses;
use courseworx::db::entities::enums::Role;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::fixtures::{CourseBuilder, PASSWORD, UserBuilder};
use crate::helpers::{TestApp, TestResponse};

/// A published course of a new trainer, adjusted by the test.
pub(crate) async fn course_with(
    app: &TestApp,
    adjust: impl FnOnce(&mut courses::ActiveModel),
) -> (courses::Model, String) {
    let trainer = UserBuilder::trainer().create(app).await;
    let token = app.login(&trainer.email, PASSWORD).await;
    let course = CourseBuilder::new(&trainer).published().create(app).await;
    let mut row: courses::ActiveModel = course.into();
    adjust(&mut row);
    (row.update(app.db()).await.expect("adjust course"), token)
}

/// `n` new trainees, signed in: (id, email, token).
pub(crate) async fn trainees(app: &TestApp, n: usize) -> Vec<(Uuid, String, String)> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = UserBuilder::trainee().create(app).await;
        let token = app.login(&t.email, PASSWORD).await;
        out.push((t.id, t.email, token));
    }
    out
}

pub(crate) async fn enrol_as(app: &TestApp, token: &str, course: Uuid) -> TestResponse {
    app.send(
        Method::POST,
        &format!("/api/courses/{course}/enroll"),
        Some(token),
        None,
    )
    .await
}

async fn drop_as(app: &TestApp, token: &str, course: Uuid) -> TestResponse {
    app.send(
        Method::DELETE,
        &format!("/api/courses/{course}/enroll"),
        Some(token),
        None,
    )
    .await
}

/// The course's counters equal the rows they count; answers (places, completions).
pub(crate) async fn counts_agree(app: &TestApp, course: Uuid) -> (i64, i64) {
    let (stored, rows) = courseworx::db::enrolments::counts(app.db(), course)
        .await
        .expect("counts");
    assert_eq!(stored, rows, "courses counters (stored) against the rows");
    stored
}

#[tokio::test]
async fn a_trainee_enrols_drops_and_comes_back_to_the_same_row_with_its_history() {
    let app = TestApp::spawn().await;
    let (course, _) = course_with(&app, |_| {}).await;
    let me = &trainees(&app, 1).await[0];

    let first = enrol_as(&app, &me.2, course.id).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let row = &first.json["enrollment"];
    assert_eq!(row["status"], "enrolled");
    assert_eq!(row["progress"], "0.00");
    assert_eq!(counts_agree(&app, course.id).await, (1, 0));

    // Asking again changes nothing.
    let again = enrol_as(&app, &me.2, course.id).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json["enrollment"]["id"], row["id"]);
    assert_eq!(counts_agree(&app, course.id).await, (1, 0));

    assert_eq!(
        drop_as(&app, &me.2, course.id).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(counts_agree(&app, course.id).await, (0, 0));
    let mine = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enroll", course.id),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(mine.json["enrollment"]["status"], "dropped");
    // Dropping twice: nothing left to drop.
    assert_eq!(
        drop_as(&app, &me.2, course.id).await.status,
        StatusCode::NOT_FOUND
    );

    let back = enrol_as(&app, &me.2, course.id).await;
    assert_eq!(back.status, StatusCode::CREATED);
    assert_eq!(
        back.json["enrollment"]["id"], row["id"],
        "the same row comes back"
    );
    assert_eq!(counts_agree(&app, course.id).await, (1, 0));
    let id: Uuid = row["id"].as_str().unwrap().parse().unwrap();
    let history: Vec<String> = courseworx::db::enrolments::history(app.db(), id)
        .await
        .unwrap()
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(history, ["enrolled", "dropped", "enrolled"]);
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

#[tokio::test]
async fn only_trainees_enrol_and_only_in_published_courses_that_have_not_ended() {
    let app = TestApp::spawn().await;
    let me = &trainees(&app, 1).await[0];
    let (_, trainer_token) = course_with(&app, |_| {}).await;

    let trainer = UserBuilder::trainer().create(&app).await;
    let draft = CourseBuilder::new(&trainer).create(&app).await;
    assert_eq!(
        enrol_as(&app, &me.2, draft.id).await.status,
        StatusCode::NOT_FOUND
    );

    let (open, _) = course_with(&app, |_| {}).await;
    let res = enrol_as(&app, &trainer_token, open.id).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        res.json["error"]["message"],
        "Only trainee accounts enrol in courses."
    );

    let yesterday = (Utc::now() - Duration::days(1)).date_naive();
    let (ended, _) = course_with(&app, |c| c.end_date = Set(Some(yesterday))).await;
    let res = enrol_as(&app, &me.2, ended.id).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert_eq!(counts_agree(&app, ended.id).await, (0, 0));

    // Enrolment is open before the first day.
    let next_week = (Utc::now() + Duration::days(7)).date_naive();
    let (soon, _) = course_with(&app, |c| c.start_date = Set(Some(next_week))).await;
    assert_eq!(
        enrol_as(&app, &me.2, soon.id).await.status,
        StatusCode::CREATED
    );

    assert_eq!(
        app.send(
            Method::POST,
            &format!("/api/courses/{}/enroll", open.id),
            None,
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn two_hundred_at_once_fill_exactly_the_ten_places_and_the_rest_wait_in_line() {
    let app = Arc::new(TestApp::spawn().await);
    let (course, _) = course_with(&app, |c| c.max_students = Set(Some(10))).await;
    let crowd = trainees(&app, 200).await;
    let tasks: Vec<_> = crowd
        .iter()
        .map(|(_, _, token)| {
            let app = app.clone();
            let token = token.clone();
            tokio::spawn(async move { enrol_as(&app, &token, course.id).await.status })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let enrolled = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let waiting = statuses
        .iter()
        .filter(|s| **s == StatusCode::ACCEPTED)
        .count();
    assert_eq!((enrolled, waiting), (10, 190), "{statuses:?}");
    assert_eq!(counts_agree(&app, course.id).await, (10, 0));
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

#[tokio::test]
async fn a_freed_place_goes_to_the_first_in_line_and_new_places_to_the_next() {
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |c| c.max_students = Set(Some(1))).await;
    let people = trainees(&app, 3).await;
    let (a, b, c) = (&people[0], &people[1], &people[2]);
    assert_eq!(
        enrol_as(&app, &a.2, course.id).await.status,
        StatusCode::CREATED
    );
    let second = enrol_as(&app, &b.2, course.id).await;
    assert_eq!(second.status, StatusCode::ACCEPTED);
    assert_eq!(second.json["waitlist"]["position"], 1);
    let third = enrol_as(&app, &c.2, course.id).await;
    assert_eq!(third.json["waitlist"]["position"], 2);
    // Asking again keeps one's place.
    assert_eq!(
        enrol_as(&app, &c.2, course.id).await.json["waitlist"]["position"],
        2
    );

    assert_eq!(
        drop_as(&app, &a.2, course.id).await.status,
        StatusCode::NO_CONTENT
    );
    let b_now = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enroll", course.id),
            Some(&b.2),
            None,
        )
        .await;
    assert_eq!(
        b_now.json["enrollment"]["status"], "enrolled",
        "{}",
        b_now.text
    );
    assert_eq!(b_now.json["waitlist"], Value::Null);
    let c_now = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enroll", course.id),
            Some(&c.2),
            None,
        )
        .await;
    assert_eq!(c_now.json["waitlist"]["position"], 1);
    assert_eq!(counts_agree(&app, course.id).await, (1, 0));

    // The trainer opens two more places: the one waiting gets one.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/courses/{}", course.id),
            Some(&trainer),
            Some(json!({"maxStudents": 3})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let c_now = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enroll", course.id),
            Some(&c.2),
            None,
        )
        .await;
    assert_eq!(c_now.json["enrollment"]["status"], "enrolled");
    assert_eq!(counts_agree(&app, course.id).await, (2, 0));

    // Leaving the line is dropping when only waiting.
    let d = &trainees(&app, 2).await;
    app.send(
        Method::PUT,
        &format!("/api/courses/{}", course.id),
        Some(&trainer),
        Some(json!({"maxStudents": 2})),
    )
    .await;
    assert_eq!(
        enrol_as(&app, &d[0].2, course.id).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        drop_as(&app, &d[0].2, course.id).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        drop_as(&app, &d[1].2, course.id).await.status,
        StatusCode::NOT_FOUND
    );
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

#[tokio::test]
async fn a_trainer_enrols_by_email_and_id_with_a_line_for_each() {
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |c| c.max_students = Set(Some(3))).await;
    let people = trainees(&app, 4).await;
    let other_trainer = UserBuilder::trainer().create(&app).await;
    let inactive = UserBuilder::trainee().inactive().create(&app).await;
    let body = json!({
        "userIds": [people[0].0, Uuid::now_v7()],
        "emails": [
            people[1].1.to_uppercase(),
            "nobody@example.com",
            other_trainer.email,
            inactive.email,
            "not an address",
            people[1].1,
            people[2].1,
            people[3].1,
        ]
    });
    let res = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/enrollments", course.id),
            Some(&trainer),
            Some(body),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let results: Vec<&str> = res.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["result"].as_str().unwrap())
        .collect();
    assert_eq!(
        results,
        [
            "enrolled",
            "no_trainee",
            "enrolled",
            "no_trainee",
            "no_trainee",
            "no_trainee",
            "invalid",
            "repeated",
            "enrolled",
            "full"
        ]
    );
    assert_eq!(res.json["results"][2]["email"], people[1].1);
    assert_eq!(counts_agree(&app, course.id).await, (3, 0));

    // Again: already enrolled, nothing counted twice.
    let again = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/enrollments", course.id),
            Some(&trainer),
            Some(json!({"userIds": [people[0].0]})),
        )
        .await;
    assert_eq!(again.json["results"][0]["result"], "already_enrolled");
    assert_eq!(counts_agree(&app, course.id).await, (3, 0));

    // Nobody named, too many, a trainee, another trainer.
    for (token, body, status) in [
        (&trainer, json!({}), StatusCode::UNPROCESSABLE_ENTITY),
        (
            &trainer,
            json!({"emails": vec!["a@b.co"; 501]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            &people[0].2,
            json!({"userIds": [people[0].0]}),
            StatusCode::FORBIDDEN,
        ),
        (
            &app.login(&other_trainer.email, PASSWORD).await,
            json!({"userIds": [people[0].0]}),
            StatusCode::FORBIDDEN,
        ),
    ] {
        let res = app
            .send(
                Method::POST,
                &format!("/api/courses/{}/enrollments", course.id),
                Some(token),
                Some(body),
            )
            .await;
        assert_eq!(res.status, status, "{}", res.text);
    }
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

#[tokio::test]
async fn the_trainer_changes_status_grade_and_notes_and_a_suspension_holds() {
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |c| c.max_students = Set(Some(1))).await;
    let people = trainees(&app, 2).await;
    let me = &people[0];
    let enrolled = enrol_as(&app, &me.2, course.id).await;
    let id = enrolled.json["enrollment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let put = |token: String, body: Value| {
        let app = &app;
        let id = id.clone();
        async move {
            app.send(
                Method::PUT,
                &format!("/api/enrollments/{id}"),
                Some(&token),
                Some(body),
            )
            .await
        }
    };

    // The trainee cannot change their own enrolment: it is not theirs to see that way.
    let res = put(me.2.clone(), json!({"status": "completed"})).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = put(me.2.clone(), json!({"grade": "A"})).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    let res = put(
        trainer.clone(),
        json!({"grade": "b+", "notes": "Strong start."}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["enrollment"]["grade"], "B+");
    assert_eq!(res.json["enrollment"]["notes"], "Strong start.");
    let res = put(
        trainer.clone(),
        json!({"grade": "Z", "status": "graduated", "progress": 100}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = put(
        trainer.clone(),
        json!({"grade": "Z", "status": "graduated"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.json["error"]["fields"]["grade"].is_array());
    assert!(res.json["error"]["fields"]["status"].is_array());

    // Suspended: keeps the place and the records, cannot learn, drop or come back.
    let res = put(trainer.clone(), json!({"status": "suspended"})).await;
    assert_eq!(res.json["enrollment"]["status"], "suspended");
    assert_eq!(counts_agree(&app, course.id).await, (1, 0));
    assert_eq!(
        drop_as(&app, &me.2, course.id).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        enrol_as(&app, &me.2, course.id).await.status,
        StatusCode::FORBIDDEN
    );

    // Dropped by the trainer: the place goes to the one waiting.
    assert_eq!(
        enrol_as(&app, &people[1].2, course.id).await.status,
        StatusCode::ACCEPTED
    );
    let res = put(trainer.clone(), json!({"status": "dropped"})).await;
    assert_eq!(res.json["enrollment"]["status"], "dropped");
    assert_eq!(counts_agree(&app, course.id).await, (1, 0));
    // Back to enrolled needs a free place.
    let res = put(trainer.clone(), json!({"status": "enrolled"})).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert_eq!(counts_agree(&app, course.id).await, (1, 0));

    // Completed by hand counts once, whatever is asked twice.
    let other = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enrollments", course.id),
            Some(&trainer),
            None,
        )
        .await;
    let other_id = other.json["enrollments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["enrollment"]["status"] == "enrolled")
        .unwrap()["enrollment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for _ in 0..2 {
        let res = app
            .send(
                Method::PUT,
                &format!("/api/enrollments/{other_id}"),
                Some(&trainer),
                Some(json!({"status": "completed"})),
            )
            .await;
        assert_eq!(res.json["enrollment"]["status"], "completed");
        assert!(res.json["enrollment"]["completedAt"].is_string());
    }
    assert_eq!(counts_agree(&app, course.id).await, (1, 1));
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

#[tokio::test]
async fn the_roster_and_my_list_are_paginated_with_progress() {
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |_| {}).await;
    let people = trainees(&app, 3).await;
    for p in &people {
        enrol_as(&app, &p.2, course.id).await;
    }
    let res = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enrollments?limit=2&page=2", course.id),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["pagination"]["totalItems"], 3);
    assert_eq!(res.json["enrollments"].as_array().unwrap().len(), 1);
    let line = &res.json["enrollments"][0];
    assert!(line["trainee"]["email"].is_string());
    assert_eq!(line["enrollment"]["progress"], "0.00");
    assert!(line.get("lastActivityAt").is_some());

    let bad = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enrollments?status=graduated", course.id),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A trainee does not read the roster.
    let res = app
        .send(
            Method::GET,
            &format!("/api/courses/{}/enrollments", course.id),
            Some(&people[0].2),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let mine = app
        .send(Method::GET, "/api/enrollments", Some(&people[0].2), None)
        .await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.json["pagination"]["totalItems"], 1);
    assert_eq!(
        mine.json["enrollments"][0]["course"]["id"],
        course.id.to_string()
    );
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let theirs = app
        .send(Method::GET, "/api/enrollments", Some(&admin), None)
        .await;
    assert_eq!(theirs.json["pagination"]["totalItems"], 0, "only one's own");
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

/// The trainee ids of every roster page at `limit`, in the order shown.
async fn roster_ids(app: &TestApp, token: &str, course: Uuid, query: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for page in 1.. {
        let res = app
            .send(
                Method::GET,
                &format!("/api/courses/{course}/enrollments?limit=5&page={page}{query}"),
                Some(token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        let items = res.json["enrollments"].as_array().unwrap();
        if items.is_empty() {
            return seen;
        }
        seen.extend(
            items
                .iter()
                .map(|e| e["trainee"]["id"].as_str().unwrap().to_owned()),
        );
    }
    unreachable!()
}

/// On SQLite a course holding most of the platform's users has its first roster page
/// found by walking the users' name index, and its later pages by sorting its enrolments
/// (`db::enrolments::walk_names_first`); PostgreSQL chooses for itself. Either way the
/// pages are one order (last name, first name, then the user), same names included, with
/// no trainee shown twice or missed.
#[tokio::test]
async fn every_roster_page_follows_one_name_order_however_it_is_found() {
    use courseworx::db::entities::{enrollments, enums::EnrollmentStatus};
    use courseworx::domain::pagination::PageRequest;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |_| {}).await;
    let names = [
        ("Sam", "Lee"),
        ("Ana", "Lee"),
        ("Ola", "Baker"),
        ("Bo", "Ames"),
    ];
    let mut people = Vec::new();
    for i in 0..24 {
        let (first, last) = names[i % names.len()];
        let user = UserBuilder::trainee().named(first, last).create(&app).await;
        crate::courses_api::enrol(&app, user.id, course.id).await;
        people.push(user);
    }
    people.sort_by(|a, b| {
        (&a.last_name, &a.first_name, a.id).cmp(&(&b.last_name, &b.first_name, b.id))
    });
    let expected: Vec<String> = people.iter().map(|u| u.id.to_string()).collect();
    // The first page walks on SQLite and the rest sort; PostgreSQL never walks.
    let sqlite = app.db().get_database_backend() == sea_orm::DbBackend::Sqlite;
    let walks = |page| {
        courseworx::db::enrolments::walk_names_first(
            app.db(),
            24,
            PageRequest::new(Some(page), Some(5)),
        )
    };
    assert_eq!(walks(1).await.unwrap(), sqlite);
    assert!(!walks(2).await.unwrap());
    assert_eq!(roster_ids(&app, &trainer, course.id, "").await, expected);

    // Filtered by status: the same order among those left.
    let dropped = [people[3].id, people[10].id];
    for row in enrollments::Entity::find()
        .filter(enrollments::Column::UserId.is_in(dropped))
        .all(app.db())
        .await
        .unwrap()
    {
        let mut row: enrollments::ActiveModel = row.into();
        row.status = Set(EnrollmentStatus::Dropped);
        row.update(app.db()).await.unwrap();
    }
    let enrolled: Vec<String> = people
        .iter()
        .filter(|u| !dropped.contains(&u.id))
        .map(|u| u.id.to_string())
        .collect();
    assert_eq!(
        roster_ids(&app, &trainer, course.id, "&status=enrolled").await,
        enrolled
    );
    let gone = roster_ids(&app, &trainer, course.id, "&status=dropped").await;
    assert_eq!(gone.len(), 2);
}

/// A `courseworx serve` process on the test's database, killed when dropped.
struct Server {
    child: std::process::Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const SHARED_SECRET: &str = "9f4c2a7e1b8d3f6a0c5e9b2d7f1a4c8e";

fn serve(app: &TestApp) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = crate::cli::courseworx(dir.path())
        .env("DATABASE_URL", &app.database.url)
        .env("JWT_SECRET", SHARED_SECRET)
        .env("COURSEWORX_PORT", port.to_string())
        .env("COURSEWORX_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .arg("serve")
        .spawn()
        .expect("start courseworx serve");
    Server {
        child,
        port,
        _dir: dir,
    }
}

/// One request over a fresh connection; answers the status code.
async fn raw_post(port: u16, path: &str, token: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"))
}

async fn wait_until_up(port: u16) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "server on {port} did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn two_server_processes_on_one_database_keep_the_cap() {
    let app = TestApp::spawn_with(|c| c.auth.jwt_secret = Some(SHARED_SECRET.into())).await;
    let (course, _) = course_with(&app, |c| c.max_students = Set(Some(10))).await;
    let crowd = trainees(&app, 200).await;
    let servers = [serve(&app), serve(&app)];
    for s in &servers {
        wait_until_up(s.port).await;
    }
    let path = format!("/api/courses/{}/enroll", course.id);
    let tasks: Vec<_> = crowd
        .iter()
        .enumerate()
        .map(|(i, (_, _, token))| {
            let port = servers[i % 2].port;
            let (path, token) = (path.clone(), token.clone());
            tokio::spawn(async move { raw_post(port, &path, &token).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let enrolled = statuses.iter().filter(|s| **s == 201).count();
    let waiting = statuses.iter().filter(|s| **s == 202).count();
    assert_eq!((enrolled, waiting), (10, 190), "{statuses:?}");
    assert_eq!(counts_agree(&app, course.id).await, (10, 0));
}
