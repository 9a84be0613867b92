//! Completing lessons: one record per trainee and lesson, progress recomputed in the same
//! transaction (and for everyone when the outline changes), completion once, the
//! certificate once, and nobody reads another trainee's progress.

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::ContentType;
use courseworx::db::entities::{course_contents, lesson_completions};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::enrolments_api::{counts_agree, course_with, enrol_as, trainees};
use crate::fixtures::ContentBuilder;
use crate::helpers::{TestApp, TestResponse};

async fn complete(app: &TestApp, token: &str, content: Uuid, body: Value) -> TestResponse {
    app.send(
        Method::POST,
        &format!("/api/contents/{content}/complete"),
        Some(token),
        Some(body),
    )
    .await
}

async fn progress_of(app: &TestApp, token: &str, course: Uuid, user: Option<Uuid>) -> TestResponse {
    let q = user.map_or(String::new(), |u| format!("?userId={u}"));
    app.send(
        Method::GET,
        &format!("/api/courses/{course}/progress{q}"),
        Some(token),
        None,
    )
    .await
}

async fn certificates_of(app: &TestApp, course: Uuid) -> u64 {
    courseworx::db::entities::certificates::Entity::find()
        .filter(courseworx::db::entities::certificates::Column::CourseId.eq(course))
        .count(app.db())
        .await
        .unwrap()
}

#[tokio::test]
async fn completing_is_idempotent_adds_time_and_completes_the_enrolment_once() {
    let app = TestApp::spawn().await;
    let (course, _) = course_with(&app, |_| {}).await;
    let one = ContentBuilder::new(&course).title("One").create(&app).await;
    let two = ContentBuilder::new(&course).title("Two").create(&app).await;
    ContentBuilder::new(&course)
        .title("Well done")
        .kind(ContentType::Certificate)
        .create(&app)
        .await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course.id).await;

    let res = complete(&app, &me.2, one.id, json!({"timeSpent": 60})).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["progress"]["enrollment"]["progress"], "50.00");
    let res = complete(&app, &me.2, one.id, json!({"timeSpent": 30.0})).await;
    assert_eq!(res.json["progress"]["enrollment"]["progress"], "50.00");
    let lesson = res.json["progress"]["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["contentId"] == one.id.to_string())
        .unwrap()
        .clone();
    assert_eq!(
        (lesson["timeSpent"].clone(), lesson["attempts"].clone()),
        (json!(90), json!(2))
    );
    let rows = lesson_completions::Entity::find()
        .filter(lesson_completions::Column::ContentId.eq(one.id))
        .count(app.db())
        .await
        .unwrap();
    assert_eq!(rows, 1);

    let res = complete(&app, &me.2, two.id, json!({})).await;
    let enrolment = &res.json["progress"]["enrollment"];
    assert_eq!(enrolment["progress"], "100.00");
    assert_eq!(enrolment["status"], "completed");
    let completed_at = enrolment["completedAt"].clone();
    assert!(completed_at.is_string());
    assert_eq!(counts_agree(&app, course.id).await, (1, 1));
    assert_eq!(certificates_of(&app, course.id).await, 1);

    // Completing again changes neither the date, the count nor the certificate.
    let res = complete(&app, &me.2, two.id, json!({})).await;
    assert_eq!(
        res.json["progress"]["enrollment"]["completedAt"],
        completed_at
    );
    assert_eq!(counts_agree(&app, course.id).await, (1, 1));
    assert_eq!(certificates_of(&app, course.id).await, 1);

    for bad in [
        json!({"timeSpent": -1}),
        json!({"timeSpent": 86401}),
        json!({"timeSpent": 1.5}),
        json!({"score": 100}),
    ] {
        let res = complete(&app, &me.2, one.id, bad.clone()).await;
        assert!(
            res.status == StatusCode::UNPROCESSABLE_ENTITY || res.status == StatusCode::BAD_REQUEST,
            "{bad}: {}",
            res.text
        );
    }
}

#[tokio::test]
async fn completions_at_once_leave_exact_counts() {
    let app = Arc::new(TestApp::spawn().await);
    let (course, _) = course_with(&app, |_| {}).await;
    ContentBuilder::new(&course)
        .kind(ContentType::Certificate)
        .create(&app)
        .await;
    let mut lessons = Vec::new();
    for i in 0..6 {
        lessons.push(
            ContentBuilder::new(&course)
                .title(&format!("L{i}"))
                .create(&app)
                .await
                .id,
        );
    }
    let people = trainees(&app, 4).await;
    for p in &people {
        enrol_as(&app, &p.2, course.id).await;
    }
    // Every trainee completes every lesson twice, all at once.
    let mut tasks = Vec::new();
    for p in &people {
        for l in lessons.iter().chain(lessons.iter()) {
            let (app, token, l) = (app.clone(), p.2.clone(), *l);
            tasks.push(tokio::spawn(async move {
                complete(&app, &token, l, json!({"timeSpent": 10}))
                    .await
                    .status
            }));
        }
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(counts_agree(&app, course.id).await, (4, 4));
    assert_eq!(certificates_of(&app, course.id).await, 4);
    for p in &people {
        let res = progress_of(&app, &p.2, course.id, None).await;
        assert_eq!(res.json["progress"]["enrollment"]["progress"], "100.00");
        for l in res.json["progress"]["lessons"].as_array().unwrap() {
            if l["type"] != "certificate" {
                assert_eq!(
                    (l["attempts"].clone(), l["timeSpent"].clone()),
                    (json!(2), json!(20))
                );
            }
        }
    }
}

#[tokio::test]
async fn outline_changes_recompute_everyones_progress() {
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |_| {}).await;
    let one = ContentBuilder::new(&course).title("One").create(&app).await;
    let two = ContentBuilder::new(&course).title("Two").create(&app).await;
    let people = trainees(&app, 3).await;
    for p in &people {
        enrol_as(&app, &p.2, course.id).await;
        complete(&app, &p.2, one.id, json!({})).await;
    }
    let all_at = |expected: &'static str| {
        let app = &app;
        let people = &people;
        async move {
            for p in people {
                let res = progress_of(app, &p.2, course.id, None).await;
                assert_eq!(res.json["progress"]["enrollment"]["progress"], expected);
            }
        }
    };
    all_at("50.00").await;

    // Unpublishing the second lesson: one of one done.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/contents/{}", two.id),
            Some(&trainer),
            Some(json!({"isPublished": false})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    all_at("100.00").await;
    assert_eq!(counts_agree(&app, course.id).await, (3, 3));

    // A new required lesson: progress falls, completion stays (it is never taken back).
    let res = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/contents", course.id),
            Some(&trainer),
            Some(json!({"title": "Three", "type": "article", "articleContent": "Hello"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let three: Uuid = res.json["content"]["id"].as_str().unwrap().parse().unwrap();
    all_at("50.00").await;
    assert_eq!(counts_agree(&app, course.id).await, (3, 3));

    // An optional lesson does not count.
    app.send(
        Method::PUT,
        &format!("/api/contents/{three}"),
        Some(&trainer),
        Some(json!({"isRequired": false})),
    )
    .await;
    all_at("100.00").await;

    // Deleting a completed lesson is allowed; it leaves everyone's progress.
    app.send(
        Method::PUT,
        &format!("/api/contents/{three}"),
        Some(&trainer),
        Some(json!({"isRequired": true})),
    )
    .await;
    complete(&app, &people[0].2, three, json!({})).await;
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/contents/{}", one.id),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    let first = progress_of(&app, &people[0].2, course.id, None).await;
    assert_eq!(first.json["progress"]["enrollment"]["progress"], "100.00");
    let second = progress_of(&app, &people[1].2, course.id, None).await;
    assert_eq!(second.json["progress"]["enrollment"]["progress"], "0.00");
}

#[tokio::test]
async fn only_active_learners_complete_published_lessons_and_progress_is_private() {
    let app = TestApp::spawn().await;
    let (course, trainer) = course_with(&app, |_| {}).await;
    let lesson = ContentBuilder::new(&course).create(&app).await;
    let quiz = ContentBuilder::new(&course)
        .kind(ContentType::Quiz)
        .create(&app)
        .await;
    let video = ContentBuilder::new(&course)
        .kind(ContentType::Video)
        .create(&app)
        .await;
    let hidden = ContentBuilder::new(&course)
        .title("Draft")
        .create(&app)
        .await;
    let mut row: course_contents::ActiveModel = hidden.into();
    row.is_published = sea_orm::ActiveValue::Set(Some(false));
    let hidden = sea_orm::ActiveModelTrait::update(row, app.db())
        .await
        .unwrap();
    let people = trainees(&app, 2).await;
    let (me, other) = (&people[0], &people[1]);

    // Not enrolled yet.
    assert_eq!(
        complete(&app, &me.2, lesson.id, json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    enrol_as(&app, &me.2, course.id).await;
    assert_eq!(
        complete(&app, &me.2, hidden.id, json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        complete(&app, &me.2, quiz.id, json!({})).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        complete(&app, &trainer, lesson.id, json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        complete(&app, &me.2, Uuid::now_v7(), json!({}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Video position: kept, read back, only for videos.
    let put = |content: Uuid, body: Value| {
        let app = &app;
        let token = me.2.clone();
        async move {
            app.send(
                Method::PUT,
                &format!("/api/contents/{content}/position"),
                Some(&token),
                Some(body),
            )
            .await
        }
    };
    assert_eq!(
        put(video.id, json!({"position": 95})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        put(video.id, json!({"position": 120})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        put(lesson.id, json!({"position": 5})).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        put(video.id, json!({"position": -5})).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mine = progress_of(&app, &me.2, course.id, None).await;
    let v = mine.json["progress"]["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["contentId"] == video.id.to_string())
        .unwrap()
        .clone();
    assert_eq!(v["position"], 120);
    assert!(
        !mine.text.contains(&hidden.id.to_string()),
        "an unpublished lesson is not listed"
    );

    // Another trainee reads neither my progress nor their own (not enrolled).
    assert_eq!(
        progress_of(&app, &other.2, course.id, Some(me.0))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        progress_of(&app, &other.2, course.id, None).await.status,
        StatusCode::NOT_FOUND
    );
    // The trainer reads mine.
    let theirs = progress_of(&app, &trainer, course.id, Some(me.0)).await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.text);
    assert_eq!(theirs.json["progress"]["userId"], me.0.to_string());

    // Dropped: no more completions.
    app.send(
        Method::DELETE,
        &format!("/api/courses/{}/enroll", course.id),
        Some(&me.2),
        None,
    )
    .await;
    assert_eq!(
        complete(&app, &me.2, lesson.id, json!({})).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn time_spent_is_held_at_the_columns_limit_instead_of_overflowing() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = TestApp::spawn().await;
    let (course, _) = course_with(&app, |_| {}).await;
    let lesson = ContentBuilder::new(&course).create(&app).await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course.id).await;
    complete(&app, &me.2, lesson.id, json!({"timeSpent": 10})).await;
    let row = lesson_completions::Entity::find()
        .filter(lesson_completions::Column::ContentId.eq(lesson.id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let mut row: lesson_completions::ActiveModel = row.into();
    row.time_spent = Set(Some(i32::MAX - 5));
    row.update(app.db()).await.unwrap();
    let res = complete(&app, &me.2, lesson.id, json!({"timeSpent": 86400})).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["progress"]["lessons"][0]["timeSpent"], i32::MAX);
}
