//! Assignments and submissions through the API: who sets and sees them, the due-date and
//! late rules, resubmission with every version kept, files judged by their bytes, grading
//! within the points with its history, and nobody reaching another trainee's work.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::content_files::pdf;
use crate::courses_api::enrol;
use crate::fixtures::{PASSWORD, UserBuilder};
use crate::helpers::{TestApp, TestResponse};
use crate::outline_api::Authoring;
use courseworx::domain::user::Role;

/// A course with a trainer, and `n` trainees enrolled in it, signed in.
pub(crate) struct Class {
    pub a: Authoring,
    pub trainees: Vec<(uuid::Uuid, String)>,
}

impl Class {
    pub async fn new(n: usize) -> Class {
        Class::with(n, |_| {}).await
    }

    /// With a configuration adjusted by the test.
    pub async fn with(n: usize, adjust: impl FnOnce(&mut courseworx::config::Config)) -> Class {
        let a = Authoring::with(adjust).await;
        let mut trainees = Vec::new();
        for _ in 0..n {
            let t = UserBuilder::trainee().create(&a.app).await;
            enrol(&a.app, t.id, a.course.id).await;
            trainees.push((t.id, a.app.login(&t.email, PASSWORD).await));
        }
        Class { a, trainees }
    }

    pub fn app(&self) -> &TestApp {
        &self.a.app
    }

    pub fn token(&self, i: usize) -> &str {
        &self.trainees[i].1
    }

    /// A published assignment of `points` points with these extra fields.
    pub async fn assignment(&self, extra: Value) -> String {
        let mut body = json!({"title": "Risk assessment", "description": "Assess the loading bay.", "points": 10, "isPublished": true});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let res = self
            .a
            .call(
                Method::POST,
                &format!("/api/courses/{}/assignments", self.a.course.id),
                Some(body),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        res.json["assignment"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn hand_in(&self, token: &str, assignment: &str, text: &str) -> TestResponse {
        self.app()
            .send(
                Method::POST,
                &format!("/api/assignments/{assignment}/submissions"),
                Some(token),
                Some(json!({"text": text})),
            )
            .await
    }

    pub async fn grade(&self, token: &str, submission: &str, body: Value) -> TestResponse {
        self.app()
            .send(
                Method::PUT,
                &format!("/api/submissions/{submission}/grade"),
                Some(token),
                Some(body),
            )
            .await
    }
}

async fn stored(app: &TestApp) -> usize {
    app.state
        .storage
        .list(courseworx::storage::Folder::Submissions)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_trainer_sets_assignments_and_learners_see_the_published_ones() {
    let c = Class::new(1).await;
    let draft = c
        .assignment(json!({"isPublished": false, "title": "Draft"}))
        .await;
    let published = c
        .assignment(json!({"dueDate": (Utc::now() + Duration::days(3)).to_rfc3339()}))
        .await;
    let list = format!("/api/courses/{}/assignments", c.a.course.id);
    let res = c
        .app()
        .send(Method::GET, &list, Some(c.token(0)), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let ids: Vec<&str> = res.json["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![published.as_str()]);
    let res = c.a.call(Method::GET, &list, None).await;
    assert_eq!(res.json["pagination"]["totalItems"], 2);
    assert_eq!(
        c.app()
            .send(
                Method::GET,
                &format!("/api/assignments/{draft}"),
                Some(c.token(0)),
                None
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Strangers, other trainers and anonymous callers.
    let (_, stranger) = c.app().signed_in(Role::Trainee).await;
    let (_, other_trainer) = c.app().signed_in(Role::Trainer).await;
    for token in [&stranger, &other_trainer] {
        let res = c.app().send(Method::GET, &list, Some(token), None).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = c
            .app()
            .send(
                Method::POST,
                &list,
                Some(token),
                Some(json!({"title": "Mine", "description": "x"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        c.app().send(Method::GET, &list, None, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    // A learner sets nothing and changes nothing.
    let res = c
        .app()
        .send(
            Method::PUT,
            &format!("/api/assignments/{published}"),
            Some(c.token(0)),
            Some(json!({"points": 100})),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Bad input is explained, field by field.
    let res =
        c.a.call(
            Method::POST,
            &list,
            Some(json!({"points": 10_001, "title": ""})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    for field in ["title", "description", "points"] {
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{}",
            res.text
        );
    }
    let res =
        c.a.call(
            Method::POST,
            &list,
            Some(json!({"title": "T", "description": "D", "dueDate": "next friday"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    // The trainer changes and deletes one no one has handed work in for.
    let res =
        c.a.call(
            Method::PUT,
            &format!("/api/assignments/{draft}"),
            Some(json!({"isPublished": true, "dueDate": null, "allowLateSubmission": true})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["assignment"]["allowLateSubmission"], true);
    let res =
        c.a.call(Method::DELETE, &format!("/api/assignments/{draft}"), None)
            .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);

    // A course no one is enrolled in is deleted with its assignments.
    let empty = Authoring::new().await;
    let res = empty
        .call(
            Method::POST,
            &format!("/api/courses/{}/assignments", empty.course.id),
            Some(json!({"title": "T", "description": "D"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let res = empty
        .call(
            Method::DELETE,
            &format!("/api/courses/{}", empty.course.id),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
}

#[tokio::test]
async fn work_is_handed_in_again_until_the_grade_and_every_version_is_kept() {
    let c = Class::new(2).await;
    let id = c
        .assignment(json!({"dueDate": (Utc::now() + Duration::days(1)).to_rfc3339()}))
        .await;
    let res = c.hand_in(c.token(0), &id, "  First draft.  ").await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let submission = res.json["submission"]["id"].as_str().unwrap().to_owned();
    assert_eq!(res.json["submission"]["version"], 1);
    assert_eq!(res.json["submission"]["text"], "First draft.");
    assert_eq!(res.json["submission"]["isLate"], false);
    let res = c.hand_in(c.token(0), &id, "Second, better.").await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert_eq!(res.json["submission"]["id"], submission.as_str());
    assert_eq!(res.json["submission"]["version"], 2);
    let detail = format!("/api/submissions/{submission}");
    let res = c
        .app()
        .send(Method::GET, &detail, Some(c.token(0)), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let texts: Vec<&str> = res.json["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, vec!["First draft.", "Second, better."]);
    assert!(
        res.json.get("history").is_none(),
        "the trainee does not get the history"
    );

    // No one else reads it: the other trainee, a stranger, another trainer.
    let (_, stranger) = c.app().signed_in(Role::Trainee).await;
    let (_, other_trainer) = c.app().signed_in(Role::Trainer).await;
    for token in [c.token(1), &stranger, &other_trainer] {
        let res = c.app().send(Method::GET, &detail, Some(token), None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let res = c.grade(token, &submission, json!({"score": 10})).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
    // The other trainee's own view shows nothing of it.
    let res = c
        .app()
        .send(
            Method::GET,
            &format!("/api/assignments/{id}/submission"),
            Some(c.token(1)),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.json["submission"].is_null());
    // Nor does the trainer's list to a trainee.
    let res = c
        .app()
        .send(
            Method::GET,
            &format!("/api/assignments/{id}/submissions"),
            Some(c.token(1)),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // The trainee cannot grade their own work.
    let res = c.grade(c.token(0), &submission, json!({"score": 10})).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // The trainer grades within the points, with feedback shown sanitised.
    for bad in [
        json!(-1),
        json!(10.5),
        json!(3.333),
        json!("ten"),
        json!(null),
    ] {
        let res = c
            .grade(&c.a.token, &submission, json!({"score": bad}))
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            res.text
        );
        assert!(res.json["error"]["fields"]["score"].is_array());
    }
    let res = c
        .grade(
            &c.a.token,
            &submission,
            json!({"score": 7.5, "feedback": "Good **start**.<script>alert(1)</script>"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["submission"]["status"], "graded");
    assert_eq!(res.json["submission"]["score"], "7.5");
    let html = res.json["submission"]["feedbackHtml"].as_str().unwrap();
    assert!(
        html.contains("<strong>start</strong>") && !html.contains("script"),
        "{html}"
    );
    // Graded work is not handed in again.
    let res = c.hand_in(c.token(0), &id, "Third.").await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    // A regrade is kept in the history, with who, old and new.
    let res = c
        .grade(&c.a.token, &submission, json!({"score": "9"}))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let res = c.a.call(Method::GET, &detail, None).await;
    let history = res.json["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{}", res.text);
    assert!(history[0]["oldScore"].is_null());
    assert_eq!(history[0]["newScore"], "7.5");
    assert_eq!(history[1]["oldScore"], "7.5");
    assert_eq!(history[1]["newScore"], "9");
    assert_eq!(history[1]["gradedBy"], c.a.trainer.id.to_string());
    // The trainee sees the grade and the feedback.
    let res = c
        .app()
        .send(
            Method::GET,
            &format!("/api/assignments/{id}/submission"),
            Some(c.token(0)),
            None,
        )
        .await;
    assert_eq!(res.json["submission"]["score"], "9");
    assert!(res.json["submission"]["feedbackHtml"].is_string());
    // The points cannot drop under a score given; an assignment with work is kept.
    let res =
        c.a.call(
            Method::PUT,
            &format!("/api/assignments/{id}"),
            Some(json!({"points": 8})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    let res =
        c.a.call(Method::DELETE, &format!("/api/assignments/{id}"), None)
            .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn after_the_due_date_only_late_work_that_is_allowed_is_taken_once_and_marked_late() {
    let c = Class::new(3).await;
    let past = (Utc::now() - Duration::hours(1)).to_rfc3339();
    let closed = c.assignment(json!({"dueDate": past})).await;
    let res = c.hand_in(c.token(0), &closed, "Too late?").await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    let open = c
        .assignment(json!({"dueDate": past, "allowLateSubmission": true}))
        .await;
    let res = c.hand_in(c.token(0), &open, "Late but here.").await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(res.json["submission"]["isLate"], true);
    let res = c.hand_in(c.token(0), &open, "Again.").await;
    assert_eq!(res.status, StatusCode::CONFLICT);

    // Work handed in on time cannot be replaced once the due date passes.
    let moving = c
        .assignment(json!({"dueDate": (Utc::now() + Duration::days(1)).to_rfc3339(), "allowLateSubmission": true}))
        .await;
    assert_eq!(
        c.hand_in(c.token(1), &moving, "On time.").await.status,
        StatusCode::CREATED
    );
    c.a.call(
        Method::PUT,
        &format!("/api/assignments/{moving}"),
        Some(json!({"dueDate": past})),
    )
    .await;
    let res = c.hand_in(c.token(1), &moving, "Changed my mind.").await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let res = c.hand_in(c.token(2), &moving, "First time, late.").await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert_eq!(res.json["submission"]["isLate"], true);

    // The trainer's list, and its filters.
    let list = |q: &str| format!("/api/assignments/{moving}/submissions{q}");
    let res = c.a.call(Method::GET, &list(""), None).await;
    assert_eq!(res.json["pagination"]["totalItems"], 2, "{}", res.text);
    let late = c.a.call(Method::GET, &list("?late=true"), None).await;
    assert_eq!(late.json["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(
        late.json["submissions"][0]["userId"],
        c.trainees[2].0.to_string()
    );
    assert!(late.json["submissions"][0]["userName"].is_string());
    let id = late.json["submissions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    c.grade(&c.a.token, &id, json!({"score": 5})).await;
    let ungraded = c.a.call(Method::GET, &list("?ungraded=true"), None).await;
    assert_eq!(ungraded.json["pagination"]["totalItems"], 1);
    assert_eq!(
        ungraded.json["submissions"][0]["userId"],
        c.trainees[1].0.to_string()
    );
}

#[tokio::test]
async fn only_active_learners_hand_in_and_text_or_a_file_is_needed() {
    let c = Class::new(1).await;
    let id = c.assignment(json!({})).await;
    let res = c.hand_in(c.token(0), &id, "   ").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.json["error"]["fields"]["text"].is_array());
    let res = c.hand_in(c.token(0), &id, "bell \u{7}").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The trainer is not a learner of their own course.
    let res = c.hand_in(&c.a.token, &id, "Mine.").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let (_, stranger) = c.app().signed_in(Role::Trainee).await;
    assert_eq!(
        c.hand_in(&stranger, &id, "Me too.").await.status,
        StatusCode::FORBIDDEN
    );
    // A suspended trainee keeps their work but hands in nothing more.
    assert_eq!(
        c.hand_in(c.token(0), &id, "Before.").await.status,
        StatusCode::CREATED
    );
    let roster =
        c.a.call(
            Method::GET,
            &format!("/api/courses/{}/enrollments", c.a.course.id),
            None,
        )
        .await;
    let enrolment = roster.json["enrollments"][0]["enrollment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res =
        c.a.call(
            Method::PUT,
            &format!("/api/enrollments/{enrolment}"),
            Some(json!({"status": "suspended"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(
        c.hand_in(c.token(0), &id, "After.").await.status,
        StatusCode::FORBIDDEN
    );
}

/// Two hand-ins of one trainee at once: one submission, two versions, numbered 1 and 2.
#[tokio::test]
async fn a_double_hand_in_makes_one_submission_with_two_versions() {
    let c = Class::new(1).await;
    let id = c.assignment(json!({})).await;
    let (a, b) = tokio::join!(
        c.hand_in(c.token(0), &id, "One."),
        c.hand_in(c.token(0), &id, "Two.")
    );
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.text);
    let mut versions = [
        a.json["submission"]["version"].as_i64().unwrap(),
        b.json["submission"]["version"].as_i64().unwrap(),
    ];
    versions.sort();
    assert_eq!(versions, [1, 2]);
    assert_eq!(a.json["submission"]["id"], b.json["submission"]["id"]);
    let detail =
        c.a.call(
            Method::GET,
            &format!(
                "/api/submissions/{}",
                a.json["submission"]["id"].as_str().unwrap()
            ),
            None,
        )
        .await;
    assert_eq!(detail.json["versions"].as_array().unwrap().len(), 2);
    assert_eq!(detail.json["submission"]["version"], 2);
}

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "hand-in-boundary-7MA4YWxk";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub(crate) async fn hand_in_form(
    app: &TestApp,
    token: &str,
    assignment: &str,
    parts: &[(&str, Option<&str>, &[u8])],
) -> TestResponse {
    let (content_type, body) = multipart(parts);
    app.send_raw(
        Request::builder()
            .method(Method::POST)
            .uri(format!("/api/assignments/{assignment}/submissions"))
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn files_are_judged_by_their_bytes_and_only_their_trainee_and_trainer_download_them() {
    let c = Class::new(2).await;
    let id = c.assignment(json!({})).await;
    let png = crate::pictures::png(4, 4);
    let report = pdf(3000);
    let res = hand_in_form(
        c.app(),
        c.token(0),
        &id,
        &[
            ("text", None, b"My report and a photo."),
            ("files", Some("report.pdf"), &report),
            ("files", Some("bay.png"), &png),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let files = res.json["submission"]["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["name"], "report.pdf");
    assert_eq!(files[0]["mimeType"], "application/pdf");
    assert_eq!(files[1]["mimeType"], "image/png");
    assert!(
        !res.text.contains(&format!("submissions/{id}-")),
        "no storage key is shown: {}",
        res.text
    );
    assert_eq!(stored(c.app()).await, 2);
    let url = files[0]["url"].as_str().unwrap();
    for token in [c.token(0), c.a.token.as_str()] {
        let res = c.app().send(Method::GET, url, Some(token), None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        assert_eq!(res.bytes, report);
        let disposition = res.headers["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert_eq!(res.headers["x-content-type-options"], "nosniff");
    }
    let (_, other_trainer) = c.app().signed_in(Role::Trainer).await;
    for token in [c.token(1), other_trainer.as_str()] {
        let res = c.app().send(Method::GET, url, Some(token), None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }

    // Something that is neither a document nor an image: refused, nothing kept, not even
    // the good file before it.
    let res = hand_in_form(
        c.app(),
        c.token(1),
        &id,
        &[
            ("files", Some("notes.pdf"), &report),
            (
                "files",
                Some("tool.pdf"),
                b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
            ),
        ],
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        res.text
    );
    assert_eq!(stored(c.app()).await, 2);
    // Eleven files are too many.
    let many: Vec<(&str, Option<&str>, &[u8])> = (0..11)
        .map(|_| ("files", Some("r.pdf"), report.as_slice()))
        .collect();
    let res = hand_in_form(c.app(), c.token(1), &id, &many).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert_eq!(stored(c.app()).await, 2);
    // Work that may not be handed in stores nothing.
    let submission =
        c.a.call(
            Method::GET,
            &format!("/api/assignments/{id}/submissions"),
            None,
        )
        .await;
    let first = submission.json["submissions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    c.grade(&c.a.token, &first, json!({"score": 10})).await;
    let res = hand_in_form(
        c.app(),
        c.token(0),
        &id,
        &[("files", Some("v2.pdf"), &report)],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(stored(c.app()).await, 2);
}
