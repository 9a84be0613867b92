//! The private calendar feed: a trainee's and a trainer's feed hold their own events and no
//! one else's, read back by a real parser (Python's `icalendar`); the address stays the
//! same until reset, and then the old one is 404; every address that is not a current one
//! is the same 404; a dropped course, a deactivated or deleted account leave the feed.
//!
//! The parser runs as `$COURSEWORX_PYTHON` (else `python3`) with the `icalendar` module:
//! without it these tests fail, saying how to install it (`pip install icalendar`).

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

use crate::assignments_api::Class;
use crate::courses_api::enrol;
use crate::fixtures::{CourseBuilder, PASSWORD, UserBuilder};
use crate::helpers::TestApp;
use courseworx::db::entities::{courses, users};

/// Reads an iCalendar body with Python's `icalendar` and answers its events as JSON:
/// `{"name", "events": [{"uid", "summary", "description", "url", "start", "end",
/// "allDay", "stamp"}], "errors": [...]}`.
const PARSE: &str = r#"
import datetime, json, sys
try:
    import icalendar
except ImportError as e:
    sys.stderr.write("MISSING-MODULE: %s\n" % e)
    sys.exit(3)
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"name": str(cal.get("X-WR-CALNAME", "")), "version": str(cal.get("VERSION", "")),
       "events": [], "errors": []}
for component in cal.walk():
    for error in getattr(component, "errors", []) or []:
        out["errors"].append("%s: %s" % (component.name, error))
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    end = ev.decoded("DTEND") if "DTEND" in ev else None
    out["events"].append({
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "description": str(ev.get("DESCRIPTION", "")),
        "url": str(ev.get("URL", "")),
        "start": start.isoformat(),
        "end": end.isoformat() if end is not None else None,
        "allDay": not isinstance(start, datetime.datetime),
        "stamp": ev.decoded("DTSTAMP").isoformat(),
    })
print(json.dumps(out))
"#;

/// The feed parsed by Python's `icalendar`.
fn parse(body: &[u8]) -> Value {
    let out = crate::python::run(PARSE, body, "icalendar");
    let parsed: Value = serde_json::from_slice(&out).expect("the script's JSON");
    assert_eq!(parsed["errors"], json!([]), "icalendar's complaints");
    assert_eq!(parsed["version"], "2.0");
    parsed
}

/// The feed's path on the test server (`/calendar/<token>.ics`) for `token`'s user.
async fn feed_path(app: &TestApp, token: &str) -> String {
    let res = app
        .send(Method::GET, "/api/calendar", Some(token), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let url = res.json["calendar"]["url"].as_str().unwrap().to_owned();
    assert!(
        res.json["calendar"]["webcalUrl"]
            .as_str()
            .unwrap()
            .starts_with("webcal://")
    );
    let path = url[url.find("/calendar/").expect("a feed address")..].to_owned();
    assert!(path.ends_with(".ics"), "{url}");
    path
}

/// The feed at `path`, checked as a calendar and parsed.
async fn feed(app: &TestApp, path: &str) -> Value {
    let res = app.get(path).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let header = |name: &str| {
        res.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "text/calendar; charset=utf-8");
    assert!(header("cache-control").contains("no-store"));
    assert!(header("cache-control").contains("private"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    // CRLF line ends, no line over 75 octets.
    for line in res.html.split_terminator("\r\n") {
        assert!(!line.contains('\n'), "a bare line feed in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    parse(&res.bytes)
}

fn uids(parsed: &Value) -> BTreeSet<String> {
    parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect()
}

fn event<'a>(parsed: &'a Value, uid: &str) -> &'a Value {
    parsed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == uid)
        .unwrap_or_else(|| panic!("no {uid} in {parsed}"))
}

/// Trainer A's course (with dates) and two trainees; a published and a draft assignment
/// with due dates; today's register (trainee 0 present, trainee 1 absent). Next to it,
/// trainer B's course with its own trainee, assignment and register.
struct Scene {
    c: Class,
    published: String,
    draft: String,
    other_course: uuid::Uuid,
    other_assignment: String,
}

async fn set_dates(app: &TestApp, course: uuid::Uuid, title: Option<&str>) {
    let mut row: courses::ActiveModel = courses::Entity::find_by_id(course)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .into();
    row.start_date = Set(Some((Utc::now() - Duration::days(3)).date_naive()));
    row.end_date = Set(Some((Utc::now() + Duration::days(30)).date_naive()));
    if let Some(title) = title {
        row.title = Set(title.to_owned());
    }
    row.update(app.db()).await.unwrap();
}

async fn register(app: &TestApp, token: &str, course: uuid::Uuid, records: Value) {
    let res = app
        .send(
            Method::PUT,
            &format!("/api/courses/{course}/attendance"),
            Some(token),
            Some(json!({"sessionDate": Utc::now().date_naive().to_string(), "records": records})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

impl Scene {
    async fn new() -> Scene {
        let c = Class::new(2).await;
        let app = c.app();
        set_dates(app, c.a.course.id, None).await;
        let due = (Utc::now() + Duration::days(7)).to_rfc3339();
        let published = c
            .assignment(json!({"title": "Risk assessment", "dueDate": due}))
            .await;
        let draft = c
            .assignment(json!({"title": "Draft work", "dueDate": due, "isPublished": false}))
            .await;
        register(
            app,
            &c.a.token,
            c.a.course.id,
            json!([
                {"userId": c.trainees[0].0, "status": "present"},
                {"userId": c.trainees[1].0, "status": "absent"},
            ]),
        )
        .await;
        // Another trainer's course, trainee, assignment and register.
        let trainer_b = UserBuilder::trainer().create(app).await;
        let token_b = app.login(&trainer_b.email, PASSWORD).await;
        let course_b = CourseBuilder::new(&trainer_b).published().create(app).await;
        set_dates(app, course_b.id, None).await;
        let trainee_b = UserBuilder::trainee().create(app).await;
        enrol(app, trainee_b.id, course_b.id).await;
        let res = app
            .send(
                Method::POST,
                &format!("/api/courses/{}/assignments", course_b.id),
                Some(&token_b),
                Some(json!({"title": "B's work", "description": "B", "dueDate": due, "isPublished": true})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        let other_assignment = res.json["assignment"]["id"].as_str().unwrap().to_owned();
        register(
            app,
            &token_b,
            course_b.id,
            json!([{"userId": trainee_b.id, "status": "late"}]),
        )
        .await;
        Scene {
            c,
            published,
            draft,
            other_course: course_b.id,
            other_assignment,
        }
    }

    fn app(&self) -> &TestApp {
        self.c.app()
    }

    fn course(&self) -> uuid::Uuid {
        self.c.a.course.id
    }

    /// The id of a trainee's attendance row of today.
    async fn attendance_id(&self, trainee: usize) -> String {
        let res = self
            .c
            .a
            .call(
                Method::GET,
                &format!("/api/courses/{}/attendance", self.course()),
                None,
            )
            .await;
        let user = self.c.trainees[trainee].0.to_string();
        res.json["register"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["userId"] == user.as_str())
            .unwrap()["record"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

#[tokio::test]
async fn a_trainees_feed_has_their_courses_due_dates_and_own_attendance_only() {
    let s = Scene::new().await;
    let path = feed_path(s.app(), s.c.token(0)).await;
    assert_eq!(
        feed_path(s.app(), s.c.token(0)).await,
        path,
        "the same address every time"
    );
    let parsed = feed(s.app(), &path).await;
    let own = s.attendance_id(0).await;
    let expected: BTreeSet<String> = [
        format!("course-{}@courseworx", s.course()),
        format!("assignment-{}@courseworx", s.published),
        format!("attendance-{own}@courseworx"),
    ]
    .into_iter()
    .collect();
    // Not the draft assignment, not trainee 1's attendance, nothing of course B.
    assert_eq!(uids(&parsed), expected, "{parsed}");

    let course = event(&parsed, &format!("course-{}@courseworx", s.course()));
    assert_eq!(course["allDay"], true);
    let start = (Utc::now() - Duration::days(3)).date_naive();
    // DTEND of whole days is the day after the last.
    let end = (Utc::now() + Duration::days(31)).date_naive();
    assert_eq!(course["start"], start.to_string());
    assert_eq!(course["end"], end.to_string());
    assert_eq!(course["summary"], s.c.a.course.title.as_str());
    assert!(
        course["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/learn/{}", s.course()))
    );

    let due = event(&parsed, &format!("assignment-{}@courseworx", s.published));
    assert_eq!(due["summary"], "Due: Risk assessment");
    assert_eq!(due["allDay"], false);
    assert!(due["start"].as_str().unwrap().ends_with("+00:00"), "{due}");
    assert!(due["description"].as_str().unwrap().contains("Points: 10"));
    assert!(
        due["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/learn/assignments/{}", s.published))
    );

    let mark = event(&parsed, &format!("attendance-{own}@courseworx"));
    assert_eq!(mark["allDay"], true);
    assert_eq!(mark["start"], Utc::now().date_naive().to_string());
    assert_eq!(
        mark["summary"],
        format!("{}: Present", s.c.a.course.title).as_str()
    );

    // Trainee 1 sees their own "absent", not trainee 0's.
    let other = feed(s.app(), &feed_path(s.app(), s.c.token(1)).await).await;
    let theirs = s.attendance_id(1).await;
    assert!(uids(&other).contains(&format!("attendance-{theirs}@courseworx")));
    assert!(!uids(&other).contains(&format!("attendance-{own}@courseworx")));
    assert_ne!(
        feed_path(s.app(), s.c.token(1)).await,
        path,
        "each user their own address"
    );
}

#[tokio::test]
async fn a_trainers_feed_has_their_courses_assignments_and_registers_only() {
    let s = Scene::new().await;
    let parsed = feed(s.app(), &feed_path(s.app(), &s.c.a.token).await).await;
    let today = Utc::now().date_naive();
    let register = format!("register-{}-{today}@courseworx", s.course());
    let expected: BTreeSet<String> = [
        format!("course-{}@courseworx", s.course()),
        format!("assignment-{}@courseworx", s.published),
        format!("assignment-{}@courseworx", s.draft),
        register.clone(),
    ]
    .into_iter()
    .collect();
    assert_eq!(uids(&parsed), expected, "{parsed}");
    let taken = event(&parsed, &register);
    assert_eq!(taken["start"], today.to_string());
    let description = taken["description"].as_str().unwrap();
    assert!(description.contains("Present: 1"), "{description}");
    assert!(description.contains("Absent: 1"), "{description}");
    assert!(description.contains("Late: 0"), "{description}");
    assert!(taken["url"].as_str().unwrap().ends_with(&format!(
        "/teach/courses/{}/attendance?date={today}",
        s.course()
    )));
    assert!(
        event(&parsed, &format!("assignment-{}@courseworx", s.draft))["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/teach/assignments/{}", s.draft))
    );
    assert!(!parsed.to_string().contains(&s.other_course.to_string()));
    assert!(!parsed.to_string().contains(&s.other_assignment));

    // A super admin who teaches nothing gets a valid, empty calendar.
    let (_, admin) = s
        .app()
        .signed_in(courseworx::domain::user::Role::SuperAdmin)
        .await;
    let empty = feed(s.app(), &feed_path(s.app(), &admin).await).await;
    assert_eq!(empty["events"], json!([]));
}

#[tokio::test]
async fn resetting_the_link_kills_the_old_address() {
    let s = Scene::new().await;
    let app = s.app();
    let old = feed_path(app, s.c.token(0)).await;
    let neighbour = feed_path(app, s.c.token(1)).await;
    assert_eq!(app.get(&old).await.status, StatusCode::OK);
    let res = app
        .send(
            Method::POST,
            "/api/calendar/reset",
            Some(s.c.token(0)),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let url = res.json["calendar"]["url"].as_str().unwrap();
    let new = url[url.find("/calendar/").unwrap()..].to_owned();
    assert_ne!(new, old);
    assert_eq!(feed_path(app, s.c.token(0)).await, new, "shown again");
    let gone = app.get(&old).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.json["error"]["code"], "not_found");
    assert_eq!(app.get(&new).await.status, StatusCode::OK);
    assert_eq!(
        app.get(&neighbour).await.status,
        StatusCode::OK,
        "another user's address is untouched"
    );
    // Resetting before ever asking makes an address too.
    let (_, fresh) = app.signed_in(courseworx::domain::user::Role::Trainee).await;
    let res = app
        .send(Method::POST, "/api/calendar/reset", Some(&fresh), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // Signed out: 401.
    assert_eq!(
        app.request(Method::GET, "/api/calendar", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.request(Method::POST, "/api/calendar/reset", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn anything_but_a_current_address_is_the_same_404() {
    let s = Scene::new().await;
    let app = s.app();
    let good = feed_path(app, s.c.token(0)).await;
    let token = good
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics")
        .to_owned();
    let other = feed_path(app, s.c.token(1)).await;
    let other_token = other
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics");
    // One user's id with another's MAC.
    let swapped = format!("{}{}", &other_token[..22], &token[22..]);
    let mut flipped = token.clone().into_bytes();
    flipped[40] = if flipped[40] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(flipped).unwrap();
    let never = uuid::Uuid::now_v7();
    let unknown_user = {
        use base64::Engine;
        let mut bytes = never.as_bytes().to_vec();
        bytes.extend_from_slice(&[0u8; 32]);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    };
    let mut bad: Vec<String> = [
        "/calendar/nonsense.ics".to_owned(),
        format!("/calendar/{token}"),
        format!("/calendar/{token}.ICS"),
        format!("/calendar/{token}.ics.ics"),
        format!("/calendar/{token}x.ics"),
        format!("/calendar/{}.ics", &token[..63]),
        format!("/calendar/{swapped}.ics"),
        format!("/calendar/{flipped}.ics"),
        format!("/calendar/{unknown_user}.ics"),
        format!("/calendar/{}.ics", "=".repeat(64)),
        format!("/calendar/{}.ics", "%C3%A9".repeat(32)),
    ]
    .into();
    // A trainee who never asked for an address: no token of theirs works.
    let (quiet, _) = app.signed_in(courseworx::domain::user::Role::Trainee).await;
    let quiet_token = {
        use base64::Engine;
        let mut bytes = quiet.id.as_bytes().to_vec();
        bytes.extend_from_slice(&[7u8; 32]);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    };
    bad.push(format!("/calendar/{quiet_token}.ics"));
    let first = app.get(&bad[0]).await;
    assert_eq!(first.status, StatusCode::NOT_FOUND);
    for path in &bad {
        let res = app.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}: {}", res.text);
        assert_eq!(res.json, first.json, "{path}: the same answer");
    }
    // NUL is refused before anything is looked up, never a 500.
    let nul = app.get("/calendar/%00.ics").await;
    assert!(
        nul.status == StatusCode::NOT_FOUND || nul.status == StatusCode::BAD_REQUEST,
        "{}",
        nul.text
    );
    assert_eq!(app.get(&good).await.status, StatusCode::OK);
    // A method the feed does not take.
    assert_eq!(
        app.request(Method::POST, &good, None).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn a_deactivated_or_deleted_account_has_no_feed() {
    let app = TestApp::spawn().await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let token = app.login(&trainee.email, PASSWORD).await;
    let path = feed_path(&app, &token).await;
    assert_eq!(app.get(&path).await.status, StatusCode::OK);
    let row = app.user_row(trainee.id).await;
    let mut active: users::ActiveModel = row.clone().into();
    active.is_active = Set(Some(false));
    active.update(app.db()).await.unwrap();
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut active: users::ActiveModel = row.into();
    active.is_active = Set(Some(true));
    active.update(app.db()).await.unwrap();
    assert_eq!(app.get(&path).await.status, StatusCode::OK);
    // Deleting the account takes its feed's row with it.
    let (_, admin) = app
        .signed_in(courseworx::domain::user::Role::SuperAdmin)
        .await;
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/users/{}", trainee.id),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_dropped_course_leaves_the_feed() {
    let s = Scene::new().await;
    let app = s.app();
    let path = feed_path(app, s.c.token(0)).await;
    assert_eq!(uids(&feed(app, &path).await).len(), 3);
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/courses/{}/enroll", s.course()),
            Some(s.c.token(0)),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    assert_eq!(feed(app, &path).await["events"], json!([]));
}

#[tokio::test]
async fn the_feed_speaks_the_owners_language_and_survives_awkward_titles() {
    let s = Scene::new().await;
    let app = s.app();
    // Commas, semicolons, backslashes, a line break, and a long Arabic title that must be
    // folded between characters.
    let title = format!(
        "السلامة، الرافعات; المستوى \\ الأول\n{}",
        "تدريب عملي على الرافعة الشوكية ".repeat(4)
    );
    set_dates(app, s.course(), Some(&title)).await;
    courseworx::db::user_preferences::set_language(app.db(), s.c.trainees[0].0, "ar")
        .await
        .unwrap();
    let parsed = feed(app, &feed_path(app, s.c.token(0)).await).await;
    assert!(parsed["name"].as_str().unwrap().starts_with("CourseWorx: "));
    let course = event(&parsed, &format!("course-{}@courseworx", s.course()));
    assert_eq!(
        course["summary"],
        title.as_str(),
        "the title read back exactly"
    );
    let due = event(&parsed, &format!("assignment-{}@courseworx", s.published));
    assert_eq!(due["summary"], "موعد التسليم: Risk assessment");
    assert!(
        due["description"]
            .as_str()
            .unwrap()
            .contains(&format!("الدورة: {title}"))
    );
    // The other trainee kept English.
    let english = feed(app, &feed_path(app, s.c.token(1)).await).await;
    assert_eq!(
        event(&english, &format!("assignment-{}@courseworx", s.published))["summary"],
        "Due: Risk assessment"
    );
}

#[tokio::test]
async fn every_course_assignment_and_session_is_in_the_feed() {
    // Each list is one statement (`db::calendar`), joined across courses: a trainee in
    // six courses gets all of them, and so does their trainer.
    let s = Scene::new().await;
    let app = s.app();
    let trainee = s.c.trainees[0].0;
    let trainer = &s.c.a.trainer;
    for i in 0..5 {
        let course = CourseBuilder::new(trainer)
            .title(&format!("Course number {i}"))
            .published()
            .create(app)
            .await;
        set_dates(app, course.id, None).await;
        enrol(app, trainee, course.id).await;
        let res = app
            .send(
                Method::POST,
                &format!("/api/courses/{}/assignments", course.id),
                Some(&s.c.a.token),
                Some(
                    json!({"title": format!("Work {i}"), "description": "x", "isPublished": true,
                    "dueDate": (Utc::now() + Duration::days(i)).to_rfc3339()}),
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        register(
            app,
            &s.c.a.token,
            course.id,
            json!([{"userId": trainee, "status": "late"}]),
        )
        .await;
    }
    let parsed = feed(app, &feed_path(app, s.c.token(0)).await).await;
    assert_eq!(uids(&parsed).len(), 3 + 5 * 3, "{parsed}");
    let teacher = feed(app, &feed_path(app, &s.c.a.token).await).await;
    assert_eq!(uids(&teacher).len(), 4 + 5 * 3, "{teacher}");
}
