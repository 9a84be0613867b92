//! The gradebook page: marks in a table for the course's trainer, a grade set from a row
//! (a bad one shown on that row), and the CSV download through the page session.

use axum::http::StatusCode;
use serde_json::json;

use super::{Browser, PASSWORD, csrf_in, location};
use crate::assignments_api::Class;

#[tokio::test]
async fn the_trainer_reads_marks_and_sets_grades_from_the_gradebook() {
    let c = Class::new(2).await;
    let id = c.assignment(json!({"points": 10})).await;
    let res = c.hand_in(c.token(0), &id, "Done.").await;
    let work = res.json["submission"]["id"].as_str().unwrap().to_owned();
    c.grade(&c.a.token, &work, json!({"score": 8})).await;
    c.hand_in(c.token(1), &id, "Done too.").await;

    let mut b = Browser::new(c.app());
    b.login(&c.a.trainer.email, PASSWORD).await;
    let path = format!("/teach/courses/{}/gradebook", c.a.course.id);
    let page = b.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("Risk assessment"));
    assert!(page.text.contains("out of 10"));
    assert!(page.text.contains(">8</a>"), "{}", page.text);
    assert!(page.text.contains("To grade"));
    assert!(
        page.text.contains("80%"),
        "the total of trainee 0: {}",
        page.text
    );

    // A grade from a row; a bad one shown on its row.
    let roster =
        c.a.call(
            axum::http::Method::GET,
            &format!("/api/courses/{}/enrollments", c.a.course.id),
            None,
        )
        .await;
    let enrolment = roster.json["enrollments"][0]["enrollment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = csrf_in(&page.html);
    let res = b
        .post(
            &path,
            &[("csrf", &token), ("enrolment", &enrolment), ("grade", "Z")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.html.contains(&format!("grade-error-{enrolment}")));
    let res = b
        .post(
            &path,
            &[("csrf", &token), ("enrolment", &enrolment), ("grade", "B+")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(location(&res).ends_with(&format!("#grade-{enrolment}")));
    let page = b.get(&path).await;
    assert!(page.html.contains(r#"value="B+""#));

    let csv = b.get(&format!("{path}.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.text.lines().count(), 3, "{}", csv.text);

    // A trainee does not open it.
    let mut t = Browser::new(c.app());
    let trainee = crate::fixtures::UserBuilder::trainee()
        .create(c.app())
        .await;
    t.login(&trainee.email, PASSWORD).await;
    assert_eq!(t.get(&path).await.status, StatusCode::FORBIDDEN);
}
