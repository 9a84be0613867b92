//! A course's roster: its trainees with progress, last activity, status and grade; the
//! status filter; enrolling by e-mail with a line per address; changing one enrolment;
//! other trainers and trainees kept out.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::{Browser, PASSWORD, location};
use crate::enrolments_api::{course_with, enrol_as};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_trainer_sees_progress_enrols_by_email_and_changes_an_enrolment() {
    let app = TestApp::spawn().await;
    let (course, trainer_token) = course_with(&app, |_| {}).await;
    let trainer = courseworx::db::users::find(app.db(), course.trainer_id)
        .await
        .unwrap()
        .unwrap();
    // Two required lessons; the enrolled trainee completes one: 50 %.
    let mut lessons = Vec::new();
    for title in ["One", "Two"] {
        let res = app
            .send(
                Method::POST,
                &format!("/api/courses/{}/contents", course.id),
                Some(&trainer_token),
                Some(json!({"title": title, "type": "article", "articleContent": "Text"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        lessons.push(res.json["content"]["id"].as_str().unwrap().to_owned());
    }
    let amal = UserBuilder::trainee()
        .named("Amal", "Yousef")
        .email("amal.yousef@example.org")
        .create(&app)
        .await;
    let token = app.login(&amal.email, PASSWORD).await;
    assert_eq!(
        enrol_as(&app, &token, course.id).await.status,
        StatusCode::CREATED
    );
    let res = app
        .send(
            Method::POST,
            &format!("/api/contents/{}/complete", lessons[0]),
            Some(&token),
            Some(json!({})),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    UserBuilder::trainee()
        .named("عمر", "خالد")
        .email("omar@example.org")
        .create(&app)
        .await;

    let mut b = Browser::new(&app);
    b.login(&trainer.email, PASSWORD).await;
    let roster = format!("/teach/courses/{}/roster", course.id);
    let page = b.get(&roster).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    for text in [
        "Amal Yousef",
        "amal.yousef@example.org",
        "50%",
        r#"value="50""#,
        "Enrolled",
    ] {
        assert!(page.text.contains(text), "{text}");
    }
    assert!(!page.text.contains("omar@example.org"));
    // The editor and the trainer's list lead here.
    let editor = b.get(&format!("/teach/courses/{}", course.id)).await;
    assert!(editor.text.contains(&format!(r#"href="{roster}""#)));
    assert!(
        b.get("/teach")
            .await
            .text
            .contains(&format!(r#"href="{roster}""#))
    );

    // Enrol by e-mail: a line per address.
    let res = b
        .submit(
            &roster,
            &roster,
            &[(
                "emails",
                "omar@example.org, amal.yousef@example.org\nnot-an-address\nnobody@example.org\nOMAR@example.org",
            )],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    for text in [
        "Enrolment report",
        "1 of 5 enrolled.",
        "Already enrolled",
        "Not an e-mail address",
        "No trainee has this address",
        "Listed twice",
    ] {
        assert!(res.text.contains(text), "{text}: {}", res.text);
    }
    assert!(
        res.text.contains("<bdi>عمر خالد</bdi>"),
        "the new trainee is on the roster"
    );
    // Nothing typed: the field says so.
    let res = b.submit(&roster, &roster, &[("emails", "  ")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Fill in this field."));

    // Change Amal's enrolment: suspended, B+, a note.
    let enrolment = page
        .text
        .split(r#"name="enrolment" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let action = format!("/teach/courses/{}/enrolments", course.id);
    let res = b
        .submit(
            &roster,
            &action,
            &[
                ("enrolment", &enrolment),
                ("status", "suspended"),
                ("grade", "b+"),
                ("notes", "Missed week two."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(location(&res).starts_with(&roster));
    let page = b.get(&format!("{roster}?status=suspended")).await;
    for text in [
        "The enrolment is updated.",
        "Amal Yousef",
        "Suspended",
        "B+",
        "Missed week two.",
    ] {
        assert!(page.text.contains(text), "{text}");
    }
    assert!(!page.text.contains("omar@example.org"), "filtered");
    let none = b.get(&format!("{roster}?status=completed")).await;
    assert!(none.text.contains("No trainees with this status"));
    // A grade the domain refuses: the row says why.
    let res = b
        .submit(
            &roster,
            &action,
            &[
                ("enrolment", &enrolment),
                ("status", "enrolled"),
                ("grade", "Z"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Use a letter from A to F"));
    let res = b
        .submit(
            &roster,
            &action,
            &[("enrolment", "nope"), ("status", "enrolled")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Another trainer and the trainee: refused.
    let other = UserBuilder::trainer().create(&app).await;
    let mut o = Browser::new(&app);
    o.login(&other.email, PASSWORD).await;
    assert_eq!(o.get(&roster).await.status, StatusCode::FORBIDDEN);
    let mut t = Browser::new(&app);
    t.login(&amal.email, PASSWORD).await;
    assert_eq!(t.get(&roster).await.status, StatusCode::FORBIDDEN);
}
