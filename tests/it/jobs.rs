//! Background jobs (`services::jobs`): each runs once however many runners look at once
//! (two application states on one database, as two instances are), a job whose runner
//! died is taken up again, a failing one is retried later and an unknown one left failed,
//! and the super admin sees them all.

use axum::http::{Method, StatusCode};
use chrono::{DateTime, TimeDelta, Utc};
use courseworx::db::entities::jobs;
use courseworx::domain::user::Role;
use courseworx::services::jobs::{Ran, tick};
use courseworx::state::AppState;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};
use uuid::Uuid;

use crate::helpers::TestApp;

/// A second instance: its own state and pool on the same database.
async fn second_instance(app: &TestApp) -> AppState {
    courseworx::startup::build_state(app.database.config.clone())
        .await
        .unwrap()
}

/// One statement written with PostgreSQL's `$1` placeholders, on either database.
async fn execute(app: &TestApp, sql: &str, values: Vec<sea_orm::Value>) {
    let db = app.db();
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    };
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        values,
    ))
    .await
    .unwrap();
}

/// A job row as another instance (or version) left it: due a second ago, with this
/// holder and lease.
async fn insert(
    app: &TestApp,
    (kind, key, status): (&str, &str, &str),
    attempts: i32,
    holder: Option<(&str, DateTime<Utc>)>,
) -> Uuid {
    let id = Uuid::now_v7();
    let due = Utc::now() - TimeDelta::seconds(1);
    execute(
        app,
        r#"INSERT INTO jobs (id, kind, "key", status, "runAt", attempts, "lockedBy", "lockedUntil", "createdAt", "updatedAt")
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $5, $5)"#,
        vec![
            id.into(),
            kind.into(),
            key.into(),
            status.into(),
            due.into(),
            attempts.into(),
            holder.map(|(w, _)| w.to_owned()).into(),
            holder.map(|(_, until)| until).into(),
        ],
    )
    .await;
    id
}

async fn job(app: &TestApp, id: Uuid) -> jobs::Model {
    jobs::Entity::find_by_id(id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn every_job_runs_once_while_two_instances_look_at_once() {
    let app = TestApp::spawn().await;
    let other = second_instance(&app).await;
    let mut queued = Vec::new();
    for i in 0..24 {
        let key = format!("housekeeping:test-{i}");
        queued.push(insert(&app, ("housekeeping", &key, "queued"), 0, None).await);
    }
    // Both instances look, at the same moment, until nothing is due.
    let mut ran: Vec<Ran> = Vec::new();
    for _ in 0..10 {
        let (a, b) = tokio::join!(tick(&app.state, "instance-a"), tick(&other, "instance-b"));
        let (a, b) = (a.unwrap(), b.unwrap());
        let done = a.is_empty() && b.is_empty();
        ran.extend(a);
        ran.extend(b);
        if done {
            break;
        }
    }
    // The 24, and this period's scheduled housekeeping and file sweep, which both
    // enqueued: once each.
    let rows = jobs::Entity::find().all(app.db()).await.unwrap();
    assert_eq!(
        rows.len(),
        26,
        "each scheduled occurrence was enqueued once"
    );
    assert_eq!(ran.len(), 26, "{ran:?}");
    let mut ids: Vec<Uuid> = ran.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 26, "a job ran twice");
    for row in &rows {
        assert_eq!(row.status, "done", "{}", row.key);
        assert_eq!(row.attempts, 1, "{}", row.key);
        let result: serde_json::Value =
            serde_json::from_str(row.result.as_deref().unwrap()).unwrap();
        let expected = match row.kind.as_str() {
            "housekeeping" => "sessions",
            _ => "removed",
        };
        assert!(result[expected].is_u64(), "{row:?}");
    }
    for id in queued {
        assert!(job(&app, id).await.locked_by.is_some());
    }
    // Looking again within the hour finds nothing to do.
    assert!(tick(&app.state, "instance-a").await.unwrap().is_empty());
    assert!(tick(&other, "instance-b").await.unwrap().is_empty());
}

#[tokio::test]
async fn a_job_whose_runner_died_is_taken_up_when_its_lease_runs_out() {
    let app = TestApp::spawn().await;
    // Claimed by an instance that is gone: its lease ran out a minute ago.
    let stale = insert(
        &app,
        ("housekeeping", "housekeeping:stale", "running"),
        1,
        Some(("gone", Utc::now() - TimeDelta::minutes(1))),
    )
    .await;
    // Another's lease still runs: left alone.
    let held = insert(
        &app,
        ("housekeeping", "housekeeping:held", "running"),
        1,
        Some(("busy", Utc::now() + TimeDelta::minutes(5))),
    )
    .await;
    let ran = tick(&app.state, "instance-a").await.unwrap();
    assert!(ran.iter().any(|r| r.id == stale && r.ok), "{ran:?}");
    assert!(!ran.iter().any(|r| r.id == held));
    let stale = job(&app, stale).await;
    assert_eq!(
        (
            stale.status.as_str(),
            stale.attempts,
            stale.locked_by.as_deref()
        ),
        ("done", 2, Some("instance-a"))
    );
    let held = job(&app, held).await;
    assert_eq!(
        (held.status.as_str(), held.locked_by.as_deref()),
        ("running", Some("busy"))
    );
    // The dead runner's late word changes nothing: the job is no longer its.
    let db = app.db();
    let still = courseworx::db::jobs::settle(db, stale.id, "gone", Ok("late".to_owned()))
        .await
        .unwrap();
    assert!(!still);
    assert_eq!(job(&app, stale.id).await.result, stale.result);

    // A runner renews the lease of the job it runs (a long backup), and only its own.
    let later = Utc::now() + TimeDelta::minutes(30);
    assert!(
        !courseworx::db::jobs::extend(db, held.id, "gone", later)
            .await
            .unwrap()
    );
    assert!(
        courseworx::db::jobs::extend(db, held.id, "busy", later)
            .await
            .unwrap()
    );
    let renewed = job(&app, held.id).await.locked_until.unwrap();
    assert!(renewed > Utc::now() + TimeDelta::minutes(29), "{renewed}");
}

#[tokio::test]
async fn a_failing_job_is_tried_again_later_and_an_unknown_one_is_left_failed() {
    let app = TestApp::spawn().await;
    let future = insert(&app, ("from-a-newer-version", "x:1", "queued"), 0, None).await;
    // The housekeeping cannot run: a table it sweeps is gone.
    app.db()
        .execute_unprepared("DROP TABLE login_throttles")
        .await
        .unwrap();
    let before = Utc::now();
    let ran = tick(&app.state, "instance-a").await.unwrap();
    // The unknown job and the housekeeping fail; the file sweep does its work.
    assert_eq!(ran.len(), 3, "{ran:?}");
    assert_eq!(ran.iter().filter(|r| !r.ok).count(), 2, "{ran:?}");

    let unknown = job(&app, future).await;
    assert_eq!((unknown.status.as_str(), unknown.attempts), ("failed", 1));
    assert!(unknown.finished_at.is_some());
    assert!(
        unknown
            .last_error
            .as_deref()
            .unwrap()
            .contains("unknown job kind `from-a-newer-version`")
    );

    let housekeeping = jobs::Entity::find()
        .filter(jobs::Column::Kind.eq("housekeeping"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (housekeeping.status.as_str(), housekeeping.attempts),
        ("queued", 1)
    );
    assert!(housekeeping.last_error.is_some());
    // Again in 30 s, not at once.
    assert!(housekeeping.run_at >= before + TimeDelta::seconds(29));
    assert!(tick(&app.state, "instance-a").await.unwrap().is_empty());
}

#[tokio::test]
async fn the_super_admin_sees_the_latest_jobs_and_no_one_else_does() {
    let app = TestApp::spawn().await;
    tick(&app.state, "instance-a").await.unwrap();
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let res = app.send(Method::GET, "/api/jobs", Some(&admin), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let listed = res.json["jobs"].as_array().unwrap();
    assert_eq!(listed.len(), 2, "the housekeeping and the file sweep");
    for job in listed {
        assert_eq!(job["status"], "done", "{job}");
        assert_eq!(job["attempts"], 1);
        assert_eq!(job["lockedBy"], "instance-a");
    }
    for role in [Role::Trainer, Role::Trainee] {
        let (_, token) = app.signed_in(role).await;
        let res = app.send(Method::GET, "/api/jobs", Some(&token), None).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    assert_eq!(app.get("/api/jobs").await.status, StatusCode::UNAUTHORIZED);
}

/// A course's places and progress are jobs: committed with the change that calls for them
/// and run at once by the instance that made it (listed among the jobs), and, should that
/// instance stop first, run by any runner. Meanwhile a newcomer does not take a place
/// freed for those waiting.
#[tokio::test]
async fn a_freed_place_and_an_outline_change_are_jobs_run_at_once_or_by_a_runner() {
    use crate::enrolments_api::{course_with, enrol_as, trainees};
    use courseworx::domain::job::{JobKind, for_course};
    use sea_orm::Set;
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |c| c.max_students = Set(Some(1))).await;
    let people = trainees(&app, 3).await;
    assert_eq!(
        enrol_as(&app, &people[0].2, course.id).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        enrol_as(&app, &people[1].2, course.id).await.status,
        StatusCode::ACCEPTED
    );

    // A place freed behind the application's back (as if the instance that freed it
    // stopped before running the job): a newcomer joins the line, behind the one waiting.
    execute(
        &app,
        r#"UPDATE courses SET "maxStudents" = 2 WHERE id = $1"#,
        vec![course.id.into()],
    )
    .await;
    let db = app.db();
    let newcomer = enrol_as(&app, &people[2].2, course.id).await;
    assert_eq!(newcomer.status, StatusCode::ACCEPTED, "{}", newcomer.text);
    assert_eq!(newcomer.json["waitlist"]["position"], 2);

    // The job left behind, run by a runner: the first in line gets the place.
    let key = for_course(JobKind::Waitlist, course.id);
    courseworx::db::jobs::enqueue(db, JobKind::Waitlist, &key, Utc::now())
        .await
        .unwrap();
    let ran = tick(&app.state, "runner").await.unwrap();
    assert!(ran.iter().any(|r| r.kind == "waitlist" && r.ok), "{ran:?}");
    let status = |token: String| {
        let app = &app;
        async move {
            app.send(
                Method::GET,
                &format!("/api/courses/{}/enroll", course.id),
                Some(&token),
                None,
            )
            .await
            .json
        }
    };
    assert_eq!(
        status(people[1].2.clone()).await["enrollment"]["status"],
        "enrolled"
    );
    assert_eq!(status(people[2].2.clone()).await["waitlist"]["position"], 1);

    // A drop: the job runs at once, before the answer.
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/courses/{}/enroll", course.id),
            Some(&people[0].2),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        status(people[2].2.clone()).await["enrollment"]["status"],
        "enrolled"
    );

    // An outline change: the learners' progress follows at once, through a job.
    let res = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/contents", course.id),
            Some(&trainer),
            Some(
                serde_json::json!({"title": "New lesson", "type": "article", "isPublished": true}),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let listed = jobs::Entity::find()
        .filter(jobs::Column::Kind.is_in(["waitlist", "progress"]))
        .all(db)
        .await
        .unwrap();
    let done = |kind: &str| {
        listed
            .iter()
            .filter(|j| j.kind == kind && j.status == "done")
            .count()
    };
    assert_eq!(done("waitlist"), 2, "{listed:?}");
    assert_eq!(done("progress"), 1, "{listed:?}");
    assert!(listed.iter().all(|j| j.status == "done"), "{listed:?}");
    // The super admin's list names the course each is about.
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let res = app.send(Method::GET, "/api/jobs", Some(&admin), None).await;
    let titled = res.json["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["courseTitle"] == serde_json::json!(course.title))
        .count();
    assert_eq!(titled, 3, "{}", res.text);
}
