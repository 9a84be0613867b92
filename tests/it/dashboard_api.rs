//! `GET /api/dashboard` for each role and `GET /api/courses/{id}/stats/distributions`:
//! the figures equal what the rows say, and nobody sees another's courses, work or grades.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

use crate::assignments_api::Class;
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;
use courseworx::db::entities::{enrollments, users};
use courseworx::domain::user::Role;

async fn dashboard(app: &TestApp, token: &str) -> Value {
    let res = app
        .send(Method::GET, "/api/dashboard", Some(token), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json
}

/// Sets the progress of the course's enrolments, in order of `users`.
async fn set_progress(app: &TestApp, course: uuid::Uuid, users: &[uuid::Uuid], values: &[i64]) {
    for (user, value) in users.iter().zip(values) {
        let e = enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(course))
            .filter(enrollments::Column::UserId.eq(*user))
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        let mut row: enrollments::ActiveModel = e.into();
        row.progress = Set(Some((*value).into()));
        row.update(app.db()).await.unwrap();
    }
}

#[tokio::test]
async fn each_role_gets_its_own_dashboard_from_the_rows() {
    let c = Class::new(3).await;
    let app = c.app();
    let course = c.a.course.id.to_string();
    let due = Utc::now() + Duration::days(3);
    let assignment = c
        .assignment(json!({"points": 10, "dueDate": due.to_rfc3339()}))
        .await;
    // A draft is due too, but nobody learning sees it.
    c.assignment(json!({"title": "Draft", "isPublished": false, "dueDate": due.to_rfc3339()}))
        .await;
    let res = c.hand_in(c.token(0), &assignment, "Mine.").await;
    let graded = res.json["submission"]["id"].as_str().unwrap().to_owned();
    let res = c
        .grade(
            &c.a.token,
            &graded,
            json!({"score": 8, "feedback": "Good **work**."}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = c.hand_in(c.token(1), &assignment, "Mine too.").await;
    let waiting = res.json["submission"]["id"].as_str().unwrap().to_owned();
    let ids: Vec<uuid::Uuid> = c.trainees.iter().map(|t| t.0).collect();
    set_progress(app, c.a.course.id, &ids, &[100, 45, 0]).await;
    let today = Utc::now().date_naive().to_string();
    let res =
        c.a.call(
            Method::PUT,
            &format!("/api/courses/{course}/attendance"),
            Some(json!({"sessionDate": today, "records": [
                {"userId": ids[0], "status": "present"},
                {"userId": ids[1], "status": "absent"},
                {"userId": ids[2], "status": "excused"},
            ]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);

    // The trainer: the course, its bands, rates and the work waiting.
    let d = dashboard(app, &c.a.token).await;
    assert_eq!(d["role"], "trainer");
    let courses = d["courses"].as_array().unwrap();
    assert_eq!(courses.len(), 1, "{d}");
    let mine = &courses[0];
    assert_eq!(mine["id"], course.as_str());
    assert_eq!(mine["enrolments"], 3);
    assert_eq!(mine["progress"], json!([1, 0, 1, 0, 1]), "{d}");
    assert_eq!(mine["averageProgress"], 48.33);
    assert_eq!(mine["completionRate"], 0.0);
    // Present 1, absent 1, excused left out: 50 %.
    assert_eq!(mine["attendanceRate"], 50.0);
    assert_eq!(mine["ungradedSubmissions"], 1);
    assert_eq!(d["ungradedSubmissions"], 1);
    let work = d["ungraded"].as_array().unwrap();
    assert_eq!(work.len(), 1);
    assert_eq!(work[0]["submissionId"], waiting.as_str());
    assert_eq!(work[0]["assignmentId"], assignment.as_str());

    // Trainee 0: the course, the assignment (handed in) and the grade with feedback.
    let d = dashboard(app, c.token(0)).await;
    assert_eq!(d["role"], "trainee");
    assert_eq!(d["courses"][0]["id"], course.as_str());
    assert_eq!(d["courses"][0]["progress"], "100");
    let due_list = d["due"].as_array().unwrap();
    assert_eq!(due_list.len(), 1, "the draft is not due: {d}");
    assert_eq!(due_list[0]["assignmentId"], assignment.as_str());
    assert_eq!(due_list[0]["submitted"], true);
    let grades = d["recentGrades"].as_array().unwrap();
    assert_eq!(grades.len(), 1, "{d}");
    assert_eq!(grades[0]["kind"], "assignment");
    assert_eq!(grades[0]["itemId"], assignment.as_str());
    assert_eq!(grades[0]["score"], "8");
    assert_eq!(grades[0]["outOf"], 10);
    assert_eq!(grades[0]["percent"], 80.0);
    assert_eq!(grades[0]["hasFeedback"], true);
    // Trainee 1: handed in, not graded; trainee 2: nothing handed in.
    let d = dashboard(app, c.token(1)).await;
    assert!(d["recentGrades"].as_array().unwrap().is_empty(), "{d}");
    let d = dashboard(app, c.token(2)).await;
    assert_eq!(d["due"][0]["submitted"], false);
    assert!(d["recentGrades"].as_array().unwrap().is_empty());

    // Strangers see none of it: a trainee elsewhere, another trainer.
    let (_, stranger) = app.signed_in(Role::Trainee).await;
    let d = dashboard(app, &stranger).await;
    assert!(d["courses"].as_array().unwrap().is_empty());
    assert!(d["due"].as_array().unwrap().is_empty());
    assert!(d["recentGrades"].as_array().unwrap().is_empty());
    let (_, other) = app.signed_in(Role::Trainer).await;
    let d = dashboard(app, &other).await;
    assert!(d["courses"].as_array().unwrap().is_empty());
    assert!(d["ungraded"].as_array().unwrap().is_empty());
    assert_eq!(d["ungradedSubmissions"], 0);

    // A dropped trainee's course and grades leave their dashboard.
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/courses/{course}/enroll"),
            Some(c.token(0)),
            None,
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    let d = dashboard(app, c.token(0)).await;
    assert!(d["courses"].as_array().unwrap().is_empty(), "{d}");
    assert!(d["due"].as_array().unwrap().is_empty());
    assert!(d["recentGrades"].as_array().unwrap().is_empty());

    // The super admin: the platform's totals, counted from the rows.
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let d = dashboard(app, &admin).await;
    assert_eq!(d["role"], "super_admin");
    let mut total = 0;
    for (i, role) in [Role::SuperAdmin, Role::Trainer, Role::Trainee]
        .into_iter()
        .enumerate()
    {
        let n = users::Entity::find()
            .filter(users::Column::Role.eq(courseworx::db::entities::enums::Role::from(role)))
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(d["usersByRole"][i]["count"], n, "{role:?}: {d}");
        total += n;
    }
    assert_eq!(d["users"], total);
    assert_eq!(d["courses"], 1);
    assert_eq!(d["enrolments"], 3);
    assert_eq!(d["completions"], 0);
    let weeks = d["enrolmentsByWeek"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[11]["count"], 3, "{d}");
    assert_eq!(
        weeks
            .iter()
            .map(|w| w["count"].as_u64().unwrap())
            .sum::<u64>(),
        3
    );
    // The top courses count those not dropped.
    assert_eq!(d["topCourses"][0]["id"], course.as_str());
    assert_eq!(d["topCourses"][0]["enrolments"], 2);
    // Everyone here signed in just now.
    assert!(d["activeThisWeek"].as_u64().unwrap() >= 4, "{d}");
    // Roles never see another's: a trainee's answer has no platform totals.
    let d = dashboard(app, c.token(1)).await;
    assert!(d.get("users").is_none() && d.get("ungraded").is_none());
    let res = app.send(Method::GET, "/api/dashboard", None, None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_course_s_distributions_are_for_its_trainer_and_count_every_row() {
    let c = Class::new(4).await;
    let app = c.app();
    let course = c.a.course.id;
    let ids: Vec<uuid::Uuid> = c.trainees.iter().map(|t| t.0).collect();
    set_progress(app, course, &ids, &[0, 19, 20, 100]).await;
    let path = format!("/api/courses/{course}/stats/distributions");
    let res = c.a.call(Method::GET, &path, None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let d = &res.json;
    assert_eq!(d["courseId"], course.to_string());
    assert_eq!(d["progress"], json!([2, 1, 0, 0, 1]), "{d}");
    assert_eq!(d["quizScores"], json!([0, 0, 0, 0, 0]));
    assert_eq!(d["enrolmentsByWeek"].as_array().unwrap().len(), 12);
    assert_eq!(d["enrolmentsByWeek"][11]["count"], 4);
    assert!(d["attendance"].as_array().unwrap().is_empty());
    assert!(d["attendanceRate"].is_null());

    // Two registers: 2 of 3 marked attended, then 1 of 1 (an excused line left out).
    let register = format!("/api/courses/{course}/attendance");
    for (date, lines) in [
        (
            Utc::now().date_naive() - Duration::days(1),
            vec!["present", "late", "absent", "excused"],
        ),
        (Utc::now().date_naive(), vec!["present", "excused"]),
    ] {
        let records: Vec<Value> = lines
            .iter()
            .zip(&ids)
            .map(|(s, id)| json!({"userId": id, "status": s}))
            .collect();
        // Enrolled by then: the register of yesterday needs them enrolled yesterday.
        for id in &ids {
            let e = enrollments::Entity::find()
                .filter(enrollments::Column::CourseId.eq(course))
                .filter(enrollments::Column::UserId.eq(*id))
                .one(app.db())
                .await
                .unwrap()
                .unwrap();
            let mut row: enrollments::ActiveModel = e.into();
            row.enrolled_at = Set(Utc::now() - Duration::days(2));
            row.update(app.db()).await.unwrap();
        }
        let res =
            c.a.call(
                Method::PUT,
                &register,
                Some(json!({"sessionDate": date.to_string(), "records": records})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    let res = c.a.call(Method::GET, &path, None).await;
    let sessions = res.json["attendance"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{}", res.text);
    assert_eq!(sessions[0]["attended"], 2);
    assert_eq!(sessions[0]["marked"], 3);
    assert_eq!(sessions[0]["rate"], 66.67);
    assert_eq!(sessions[1]["rate"], 100.0);
    assert_eq!(res.json["attendanceRate"], 75.0);

    // Its trainer and super admins only.
    let (_, other) = app.signed_in(Role::Trainer).await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    for (token, status) in [
        (Some(other.as_str()), StatusCode::FORBIDDEN),
        (Some(c.token(0)), StatusCode::FORBIDDEN),
        (Some(admin.as_str()), StatusCode::OK),
        (None, StatusCode::UNAUTHORIZED),
    ] {
        let res = app.send(Method::GET, &path, token, None).await;
        assert_eq!(res.status, status, "{}", res.text);
    }
    let res =
        c.a.call(
            Method::GET,
            &format!("/api/courses/{}/stats/distributions", uuid::Uuid::new_v4()),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res =
        c.a.call(Method::GET, "/api/courses/nope/stats/distributions", None)
            .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_fresh_platform_s_dashboard_is_all_zeros_not_an_error() {
    let app = TestApp::spawn().await;
    let admin = UserBuilder::super_admin().create(&app).await;
    let token = app.login(&admin.email, crate::fixtures::PASSWORD).await;
    let d = dashboard(&app, &token).await;
    assert_eq!(d["courses"], 0);
    assert_eq!(d["enrolments"], 0);
    assert!(d["topCourses"].as_array().unwrap().is_empty());
    let (_, trainer) = app.signed_in(Role::Trainer).await;
    let d = dashboard(&app, &trainer).await;
    assert!(d["courses"].as_array().unwrap().is_empty());
}

/// A trainer's dashboard is kept for a second (`services::dashboard_cache`), but work
/// handed in or graded through the server shows in the very next read.
#[tokio::test]
async fn a_trainer_s_kept_dashboard_follows_hand_ins_and_grades_at_once() {
    let c = Class::new(1).await;
    let app = c.app();
    let assignment = c.assignment(json!({"points": 10})).await;
    let d = dashboard(app, &c.a.token).await;
    assert_eq!(d["ungradedSubmissions"], 0, "{d}");
    let res = c.hand_in(c.token(0), &assignment, "Mine.").await;
    let id = res.json["submission"]["id"].as_str().unwrap().to_owned();
    let d = dashboard(app, &c.a.token).await;
    assert_eq!(d["ungradedSubmissions"], 1, "{d}");
    assert_eq!(d["ungraded"][0]["submissionId"], id.as_str());
    let res = c.grade(&c.a.token, &id, json!({"score": 9})).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let d = dashboard(app, &c.a.token).await;
    assert_eq!(d["ungradedSubmissions"], 0, "{d}");
    assert!(d["ungraded"].as_array().unwrap().is_empty(), "{d}");
}

/// The platform's totals come from counters and index ranges, not a pass over every
/// enrolment: they must still equal a count of the rows, through completions, drops and
/// an old completion outside this week.
#[tokio::test]
async fn the_platform_totals_equal_a_count_of_the_rows() {
    let c = Class::new(4).await;
    let app = c.app();
    let rows = enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(c.a.course.id))
        .all(app.db())
        .await
        .unwrap();
    for (row, status) in rows.iter().zip(["completed", "completed", "dropped"]) {
        let path = format!("/api/enrollments/{}", row.id);
        let res =
            c.a.call(Method::PUT, &path, Some(json!({ "status": status })))
                .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    // The first completion happened long ago: it counts, but not this week.
    let mut old: enrollments::ActiveModel = enrollments::Entity::find_by_id(rows[0].id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .into();
    old.completed_at = Set(Some(Utc::now() - Duration::days(40)));
    old.enrolled_at = Set(Utc::now() - Duration::days(400));
    old.update(app.db()).await.unwrap();

    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let d = dashboard(app, &admin).await;
    let all = enrollments::Entity::find().count(app.db()).await.unwrap();
    assert_eq!(d["enrolments"], all, "{d}");
    assert_eq!(d["enrolments"], 4);
    assert_eq!(d["completions"], 2, "{d}");
    assert_eq!(d["completionsThisWeek"], 1, "{d}");
    let weeks: u64 = d["enrolmentsByWeek"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        weeks, 3,
        "the one enrolled 400 days ago is in no week shown: {d}"
    );
    assert_eq!(d["topCourses"][0]["enrolments"], 3, "{d}");
    assert_eq!(d["topCourses"][0]["completed"], 2, "{d}");
}
