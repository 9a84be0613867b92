//! Notes: a trainee's own, per course and lesson, with tags and search; private unless
//! shared with the course's trainer; nobody else reads or changes them.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::enrolments_api::{course_with, enrol_as, trainees};
use crate::fixtures::ContentBuilder;
use crate::helpers::{TestApp, TestResponse};

async fn post(app: &TestApp, token: &str, body: Value) -> TestResponse {
    app.send(Method::POST, "/api/notes", Some(token), Some(body))
        .await
}

async fn list(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let res = app
        .send(
            Method::GET,
            &format!("/api/notes{query}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["content"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_trainee_keeps_notes_and_finds_them_by_course_lesson_tag_and_words() {
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |_| {}).await;
    let (other_course, _) = course_with(&app, |_| {}).await;
    let lesson = ContentBuilder::new(&course).create(&app).await;
    let foreign = ContentBuilder::new(&other_course).create(&app).await;
    let people = trainees(&app, 2).await;
    let (me, other) = (&people[0], &people[1]);
    enrol_as(&app, &me.2, course.id).await;
    enrol_as(&app, &other.2, course.id).await;

    let res = post(&app, &me.2, json!({"courseId": course.id, "content": "Ladders: three points of contact.", "tags": ["Safety", "ladders"]})).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(res.json["note"]["isPrivate"], true);
    let private_id = res.json["note"]["id"].as_str().unwrap().to_owned();
    let res = post(&app, &me.2, json!({"courseId": course.id, "contentId": lesson.id, "content": "100% of helmets, always_on.", "isPrivate": false})).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let shared_id = res.json["note"]["id"].as_str().unwrap().to_owned();

    assert_eq!(list(&app, &me.2, "").await.len(), 2);
    assert_eq!(
        list(&app, &me.2, &format!("?contentId={}", lesson.id)).await,
        ["100% of helmets, always_on."]
    );
    assert_eq!(
        list(&app, &me.2, "?tag=SAFETY").await,
        ["Ladders: three points of contact."]
    );
    assert_eq!(
        list(&app, &me.2, "?search=contact%20LADDERS").await.len(),
        1
    );
    // `%` and `_` are literal.
    assert_eq!(list(&app, &me.2, "?search=100%25").await.len(), 1);
    assert_eq!(list(&app, &me.2, "?search=s_on").await.len(), 1);
    assert_eq!(list(&app, &me.2, "?search=%25%25%25").await.len(), 0);

    // Another trainee: sees none, changes none.
    assert!(list(&app, &other.2, "").await.is_empty());
    for (method, body) in [
        (Method::PUT, Some(json!({"content": "Mine now"}))),
        (Method::DELETE, None),
    ] {
        let res = app
            .send(
                method,
                &format!("/api/notes/{private_id}"),
                Some(&other.2),
                body,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
    let res = app
        .send(
            Method::GET,
            &format!("/api/notes?shared=true&courseId={}", course.id),
            Some(&other.2),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // The trainer reads only the shared one.
    assert_eq!(
        list(
            &app,
            &trainer,
            &format!("?shared=true&courseId={}", course.id)
        )
        .await,
        ["100% of helmets, always_on."]
    );
    let res = app
        .send(Method::GET, "/api/notes?shared=true", Some(&trainer), None)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Changing and deleting one's own.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/notes/{shared_id}"),
            Some(&me.2),
            Some(json!({"isPrivate": true, "tags": ["x"]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        list(
            &app,
            &trainer,
            &format!("?shared=true&courseId={}", course.id)
        )
        .await
        .is_empty()
    );
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/notes/{private_id}"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(list(&app, &me.2, "").await.len(), 1);

    // Bad input: a lesson of another course, no words, a course one does not learn in.
    let res = post(
        &app,
        &me.2,
        json!({"courseId": course.id, "contentId": foreign.id, "content": "x"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    let res = post(
        &app,
        &me.2,
        json!({"courseId": course.id, "content": "   "}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = post(
        &app,
        &me.2,
        json!({"courseId": other_course.id, "content": "Sneaky"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = post(
        &app,
        &me.2,
        json!({"courseId": course.id, "content": "x", "tags": vec!["t"; 21]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}
