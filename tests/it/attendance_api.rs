//! Attendance through the API: signing in and out (409 twice or without a sign-in), the
//! register for any date (only those enrolled by then, saved in one call, corrected
//! later), the history with its rate, the CSV export, and the rotating check-in code read
//! from its QR code by `zbarimg`: old, another course's, or used by another account is
//! refused.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::json;

use crate::assignments_api::Class;
use crate::helpers::{TestApp, TestResponse};
use courseworx::db::entities::{courses, enrollments};
use courseworx::domain::user::Role;

async fn sign(c: &Class, token: &str, what: &str, body: Option<serde_json::Value>) -> TestResponse {
    c.app()
        .send(
            Method::POST,
            &format!("/api/courses/{}/attendance/{what}", c.a.course.id),
            Some(token),
            body,
        )
        .await
}

/// Moves every enrolment of the course back to `days` ago.
async fn enrolled_days_ago(app: &TestApp, course: uuid::Uuid, days: i64) {
    use sea_orm::{ColumnTrait, QueryFilter};
    for e in enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(course))
        .all(app.db())
        .await
        .unwrap()
    {
        let mut row: enrollments::ActiveModel = e.into();
        row.enrolled_at = Set(Utc::now() - Duration::days(days));
        row.update(app.db()).await.unwrap();
    }
}

#[tokio::test]
async fn a_trainee_signs_in_and_out_once_a_day() {
    let c = Class::new(1).await;
    let t = c.token(0);
    let res = sign(&c, t, "sign-out", None).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    let res = sign(&c, t, "sign-in", None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["attendance"]["status"], "present");
    assert_eq!(
        res.json["attendance"]["sessionDate"],
        Utc::now().date_naive().to_string()
    );
    let res = sign(&c, t, "sign-in", None).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already")
    );
    let res = sign(&c, t, "sign-out", None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["attendance"]["duration"], 0);
    assert!(res.json["attendance"]["signOutTime"].is_string());
    assert_eq!(
        sign(&c, t, "sign-out", None).await.status,
        StatusCode::CONFLICT
    );
    // Nobody else signs in here: the trainer, a stranger, anonymous.
    let (_, stranger) = c.app().signed_in(Role::Trainee).await;
    assert_eq!(
        sign(&c, &c.a.token, "sign-in", None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        sign(&c, &stranger, "sign-in", None).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_double_sign_in_at_once_makes_one_record() {
    let c = Class::new(1).await;
    let (a, b) = tokio::join!(
        sign(&c, c.token(0), "sign-in", None),
        sign(&c, c.token(0), "sign-in", None)
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", a.text, b.text);
    let register =
        c.a.call(
            Method::GET,
            &format!("/api/courses/{}/attendance", c.a.course.id),
            None,
        )
        .await;
    assert!(register.json["register"][0]["record"]["signInTime"].is_string());
}

#[tokio::test]
async fn attendance_is_taken_only_on_the_courses_days() {
    let c = Class::new(1).await;
    let mut course: courses::ActiveModel = courses::Entity::find_by_id(c.a.course.id)
        .one(c.app().db())
        .await
        .unwrap()
        .unwrap()
        .into();
    course.end_date = Set(Some((Utc::now() - Duration::days(2)).date_naive()));
    course.start_date = Set(Some((Utc::now() - Duration::days(9)).date_naive()));
    course.update(c.app().db()).await.unwrap();
    let res = sign(&c, c.token(0), "sign-in", None).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
}

#[tokio::test]
async fn the_register_lists_those_enrolled_by_the_date_and_is_saved_in_one_call() {
    let c = Class::new(3).await;
    enrolled_days_ago(c.app(), c.a.course.id, 3).await;
    // A fourth trainee who enrolls today is not on yesterday's register.
    let late = crate::fixtures::UserBuilder::trainee()
        .create(c.app())
        .await;
    crate::courses_api::enrol(c.app(), late.id, c.a.course.id).await;
    let yesterday = (Utc::now() - Duration::days(1)).date_naive().to_string();
    let path = format!("/api/courses/{}/attendance", c.a.course.id);
    let res =
        c.a.call(Method::GET, &format!("{path}?date={yesterday}"), None)
            .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let lines = res.json["register"].as_array().unwrap();
    assert_eq!(lines.len(), 3, "{}", res.text);
    assert!(lines.iter().all(|l| l["record"].is_null()));
    let today = c.a.call(Method::GET, &path, None).await;
    assert_eq!(today.json["register"].as_array().unwrap().len(), 4);

    let ids: Vec<String> = c.trainees.iter().map(|(id, _)| id.to_string()).collect();
    let body = json!({"sessionDate": yesterday, "records": [
        {"userId": ids[0], "status": "present"},
        {"userId": ids[1], "status": "absent", "notes": "=HYPERLINK(\"http://x\")"},
        {"userId": ids[2], "status": "excused", "notes": "Doctor"},
    ]});
    let res = c.a.call(Method::PUT, &path, Some(body)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let statuses: Vec<&str> = res.json["register"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["record"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 3);
    // All or nothing: one bad line saves none of them.
    let bad = json!({"sessionDate": yesterday, "records": [
        {"userId": ids[0], "status": "late"},
        {"userId": late.id, "status": "absent"},
        {"userId": ids[1], "status": "asleep"},
    ]});
    let res = c.a.call(Method::PUT, &path, Some(bad)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(
        res.json["error"]["fields"]["records[1].userId"].is_array(),
        "{}",
        res.text
    );
    assert!(
        res.json["error"]["fields"]["records[2].status"].is_array(),
        "{}",
        res.text
    );
    // Corrected later.
    let fix = json!({"sessionDate": yesterday, "records": [{"userId": ids[1], "status": "late"}]});
    let res = c.a.call(Method::PUT, &path, Some(fix)).await;
    assert_eq!(res.status, StatusCode::OK);
    let check =
        c.a.call(Method::GET, &format!("{path}?date={yesterday}"), None)
            .await;
    let line = |i: usize| {
        check.json["register"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["userId"] == ids[i].as_str())
            .unwrap()["record"]
            .clone()
    };
    assert_eq!(line(0)["status"], "present");
    assert_eq!(line(1)["status"], "late");
    assert!(line(1)["notes"].is_null());

    // The history and its rate: trainee 1 is late yesterday, absent today (marked).
    let today_str = Utc::now().date_naive().to_string();
    c.a.call(
        Method::PUT,
        &path,
        Some(
            json!({"sessionDate": today_str, "records": [{"userId": ids[1], "status": "absent"}]}),
        ),
    )
    .await;
    let history = |token: String, user: Option<String>| {
        let q = user.map(|u| format!("?userId={u}")).unwrap_or_default();
        let uri = format!("{path}/history{q}");
        let app = c.app();
        async move { app.send(Method::GET, &uri, Some(&token), None).await }
    };
    let own = history(c.token(1).to_owned(), None).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text);
    assert_eq!(own.json["history"]["late"], 1);
    assert_eq!(own.json["history"]["absent"], 1);
    assert_eq!(own.json["history"]["rate"], 50.0);
    let by_trainer = history(c.a.token.clone(), Some(ids[1].clone())).await;
    assert_eq!(
        by_trainer.json["history"]["records"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Another trainee's history is not there for a trainee.
    let other = history(c.token(0).to_owned(), Some(ids[1].clone())).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    // A trainee signing in today over the trainer's "absent" is present.
    let res = sign(&c, c.token(1), "sign-in", None).await;
    assert_eq!(res.json["attendance"]["status"], "present", "{}", res.text);

    // The export: every record of the range, formula cells defused.
    let res =
        c.a.call(
            Method::GET,
            &format!("{path}/export?from={yesterday}&to={today_str}"),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = res.text.lines().collect();
    assert_eq!(
        lines[0],
        "sessionDate,firstName,lastName,email,status,signInTime,signOutTime,durationMinutes,notes"
    );
    assert_eq!(lines.len(), 1 + 4, "{}", res.text);
    assert!(!res.text.contains(",=HYPERLINK"));
    for bad in [
        "?from=2026-01-02&to=2026-01-01",
        "?from=2026-01-01",
        "?from=x&to=y",
        "?from=2020-01-01&to=2026-01-01",
    ] {
        let res =
            c.a.call(Method::GET, &format!("{path}/export{bad}"), None)
                .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    // Trainees take no register and export nothing.
    assert_eq!(
        c.app()
            .send(Method::GET, &path, Some(c.token(0)), None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

/// The check-in code as the trainer's screen shows it, decoded from its QR code.
async fn scanned(c: &Class) -> (String, String) {
    let res =
        c.a.call(
            Method::GET,
            &format!("/api/courses/{}/attendance/code.png", c.a.course.id),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.headers["content-type"], "image/png");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("code.png");
    std::fs::write(&file, &res.bytes).unwrap();
    let out = std::process::Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(&file)
        .output()
        .expect("zbarimg (zbar-tools) must be installed");
    assert!(out.status.success(), "zbarimg: {:?}", out);
    let url = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let code = url.rsplit("code=").next().unwrap().to_owned();
    (url, code)
}

#[tokio::test]
async fn the_check_in_code_works_once_for_one_account_and_only_here_and_now() {
    let c = Class::new(3).await;
    let json_code = || async {
        let res =
            c.a.call(
                Method::GET,
                &format!("/api/courses/{}/attendance/code", c.a.course.id),
                None,
            )
            .await;
        res.json["code"]["code"].as_str().unwrap().to_owned()
    };
    // The code turns every 30 seconds, and a turn may fall while the image
    // is decoded: the picture shows what the JSON showed just before or after.
    let before = json_code().await;
    let (url, code) = scanned(&c).await;
    let after = json_code().await;
    assert!(code == before || code == after, "{code} {before} {after}");
    assert!(
        url.ends_with(&format!("/attend/{}?code={code}", c.a.course.id)),
        "{url}"
    );
    // Trainees and other trainers do not get the code.
    let (_, other_trainer) = c.app().signed_in(Role::Trainer).await;
    for token in [c.token(0), other_trainer.as_str()] {
        let res = c
            .app()
            .send(
                Method::GET,
                &format!("/api/courses/{}/attendance/code", c.a.course.id),
                Some(token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
    // Typed in lower case with a space: taken.
    let typed = format!("{} {}", &code[..3], &code[3..]).to_lowercase();
    let res = sign(&c, c.token(0), "sign-in", Some(json!({"code": typed}))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // The same code again, from another account: refused, and the screen moved on.
    let res = sign(&c, c.token(1), "sign-in", Some(json!({"code": code}))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.json["error"]["fields"]["code"].is_array());
    let (_, next) = scanned(&c).await;
    assert_ne!(next, code);
    // An old code (two windows ago, with today's turn) is refused.
    let date = Utc::now().date_naive();
    let window = courseworx::domain::attendance::window_of(Utc::now()) - 2;
    let old_mac = c
        .app()
        .state
        .keys
        .mac(&courseworx::domain::attendance::code_message(
            c.a.course.id,
            date,
            window,
            1,
        ));
    let old = courseworx::domain::attendance::code_from_mac(&hex::decode(old_mac).unwrap());
    let res = sign(&c, c.token(1), "sign-in", Some(json!({"code": old}))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another course's code is refused here.
    let other = Class::new(1).await;
    let (_, their_code) = scanned(&other).await;
    let res = sign(&c, c.token(1), "sign-in", Some(json!({"code": their_code}))).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Gibberish is refused before anything is looked up.
    let res = sign(
        &c,
        c.token(1),
        "sign-in",
        Some(json!({"code": "not a code"})),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The code now works for the next trainee.
    let res = sign(&c, c.token(1), "sign-in", Some(json!({"code": next}))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // Two trainees with the same code at once: exactly one gets in.
    let (_, now) = scanned(&c).await;
    let (_, fourth) = {
        let t = crate::fixtures::UserBuilder::trainee()
            .create(c.app())
            .await;
        crate::courses_api::enrol(c.app(), t.id, c.a.course.id).await;
        (
            t.id,
            c.app().login(&t.email, crate::fixtures::PASSWORD).await,
        )
    };
    let (a, b) = tokio::join!(
        sign(&c, c.token(2), "sign-in", Some(json!({"code": now}))),
        sign(&c, &fourth, "sign-in", Some(json!({"code": now})))
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 422], "{} / {}", a.text, b.text);
}
