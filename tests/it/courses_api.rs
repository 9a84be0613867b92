//! `/api/courses`: creating, changing, publishing, featuring and deleting a course, and who
//! may see it.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::{EnrollmentStatus, Role};
use courseworx::db::entities::{course_contents, course_sections, courses, enrollments};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::fixtures::{ContentBuilder, CourseBuilder, UserBuilder};
use crate::helpers::{TestApp, TestResponse};
use crate::pictures;

pub(crate) async fn create_course(app: &TestApp, token: &str, body: Value) -> TestResponse {
    app.send(Method::POST, "/api/courses", Some(token), Some(body))
        .await
}

fn basic() -> Value {
    json!({"title": "Forklift safety", "description": "Driving a forklift without harm."})
}

/// An enrolment row written directly, with the course's `enrollmentCount` moved as every
/// enrolment through the service moves it (the counters always match the rows).
pub(crate) async fn enrol(app: &TestApp, user: uuid::Uuid, course: uuid::Uuid) {
    enrollments::ActiveModel {
        user_id: Set(user),
        course_id: Set(course),
        status: Set(EnrollmentStatus::Enrolled),
        enrolled_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .expect("enrol");
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};
    courses::Entity::update_many()
        .col_expr(
            courses::Column::EnrollmentCount,
            Expr::col(courses::Column::EnrollmentCount)
                .if_null(0)
                .add(1),
        )
        .filter(courses::Column::Id.eq(course))
        .exec(app.db())
        .await
        .expect("count the enrolment");
}

#[tokio::test]
async fn a_trainer_creates_an_unpublished_course_of_their_own() {
    let app = TestApp::spawn().await;
    let (trainer, token) = app.signed_in(Role::Trainer).await;
    let res = create_course(
        &app,
        &token,
        json!({"title": "Forklift safety", "description": "Driving a forklift.",
               "price": 19.99, "level": "advanced", "tags": ["Safety", "safety", "Warehouse"],
               "startDate": "2027-01-10", "endDate": "2027-01-12", "maxStudents": 12,
               "duration": 90, "category": "Logistics"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let course = &res.json["course"];
    assert_eq!(course["trainerId"], trainer.id.to_string());
    assert_eq!(course["trainer"]["firstName"], trainer.first_name);
    assert_eq!(course["isPublished"], false);
    assert_eq!(course["price"], "19.99");
    assert_eq!(course["tags"], json!(["Safety", "Warehouse"]));
    assert_eq!(course["enrollmentCount"], 0);
    assert_eq!(course["level"], "advanced");

    // The price is exact in the database too, and stays exact through a string.
    let id = course["id"].as_str().unwrap();
    let res = app
        .send(
            Method::PUT,
            &format!("/api/courses/{id}"),
            Some(&token),
            Some(json!({"price": "0.10"})),
        )
        .await;
    assert_eq!(res.json["course"]["price"], "0.10", "{}", res.text);

    let (_, trainee) = app.signed_in(Role::Trainee).await;
    assert_eq!(
        create_course(&app, &trainee, basic()).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.request(Method::POST, "/api/courses", Some(basic()))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn every_bad_field_is_named_and_counters_are_not_writable() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainer).await;
    let res = create_course(
        &app,
        &token,
        json!({"title": "ab", "price": "1.999", "level": "guru", "tags": vec!["t"; 21],
               "maxStudents": 0, "duration": 0, "startDate": "2027-02-01",
               "endDate": "2027-01-01", "shortDescription": "x".repeat(501)}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    for field in [
        "title",
        "description",
        "price",
        "level",
        "tags",
        "maxStudents",
        "duration",
        "endDate",
        "shortDescription",
    ] {
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{field}: {}",
            res.text
        );
    }
    for field in [
        "enrollmentCount",
        "completionCount",
        "rating",
        "isPublished",
    ] {
        let mut body = basic();
        body[field] = json!(5);
        let res = create_course(&app, &token, body).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
    }
    assert_eq!(courses::Entity::find().count(app.db()).await.unwrap(), 0);
}

#[tokio::test]
async fn an_unpublished_course_is_not_found_but_by_its_trainer_and_admins() {
    let app = TestApp::spawn().await;
    let (owner, owner_token) = app.signed_in(Role::Trainer).await;
    let (_, other) = app.signed_in(Role::Trainer).await;
    let (trainee, trainee_token) = app.signed_in(Role::Trainee).await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let course = CourseBuilder::new(&owner).create(&app).await;
    // Even an enrolment does not show a draft.
    enrol(&app, trainee.id, course.id).await;
    let path = format!("/api/courses/{}", course.id);
    for token in [None, Some(other.as_str()), Some(trainee_token.as_str())] {
        let res = app.send(Method::GET, &path, token, None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let res = app
            .send(
                Method::PUT,
                &path,
                token,
                Some(json!({"title": "Mine now"})),
            )
            .await;
        assert!(
            matches!(res.status, StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED),
            "{}",
            res.status
        );
    }
    for token in [&owner_token, &admin] {
        let res = app.send(Method::GET, &path, Some(token), None).await;
        assert_eq!(res.status, StatusCode::OK);
    }

    // Published: everyone sees it; another trainer still may not change it.
    let res = app
        .send(
            Method::POST,
            &format!("{path}/publish"),
            Some(&owner_token),
            None,
        )
        .await;
    assert_eq!(res.json["course"]["isPublished"], true);
    assert_eq!(app.get(&path).await.status, StatusCode::OK);
    let res = app
        .send(
            Method::PUT,
            &path,
            Some(&other),
            Some(json!({"title": "Mine now"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(res.json["error"]["code"], "forbidden");
    let res = app
        .send(
            Method::POST,
            &format!("{path}/unpublish"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_a_super_admin_features_a_course_or_gives_it_away() {
    let app = TestApp::spawn().await;
    let (owner, token) = app.signed_in(Role::Trainer).await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let next = UserBuilder::trainer().create(&app).await;
    let gone = UserBuilder::trainer().inactive().create(&app).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let course = CourseBuilder::new(&owner).create(&app).await;
    let path = format!("/api/courses/{}", course.id);
    for body in [json!({"isFeatured": true}), json!({"trainerId": next.id})] {
        let res = app.send(Method::PUT, &path, Some(&token), Some(body)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    }
    let mut body = basic();
    body["isFeatured"] = json!(true);
    assert_eq!(
        create_course(&app, &token, body.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let res = create_course(&app, &admin, body).await;
    assert_eq!(res.json["course"]["isFeatured"], true, "{}", res.text);

    for bad in [gone.id, trainee.id, uuid::Uuid::now_v7()] {
        let res = app
            .send(
                Method::PUT,
                &path,
                Some(&admin),
                Some(json!({"trainerId": bad})),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    }
    let res = app
        .send(
            Method::PUT,
            &path,
            Some(&admin),
            Some(json!({"trainerId": next.id, "isFeatured": true})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["course"]["trainerId"], next.id.to_string());
    assert_eq!(res.json["course"]["isFeatured"], true);
    // The old trainer has lost it (a draft: not found).
    let res = app.send(Method::GET, &path, Some(&token), None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn moving_only_the_end_date_is_checked_against_the_start() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::Trainer).await;
    let mut body = basic();
    body["startDate"] = json!("2027-03-01");
    let res = create_course(&app, &token, body).await;
    let id = res.json["course"]["id"].as_str().unwrap().to_owned();
    let res = app
        .send(
            Method::PUT,
            &format!("/api/courses/{id}"),
            Some(&token),
            Some(json!({"endDate": "2027-02-01"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.json["error"]["fields"]["endDate"].is_array());
    // null clears.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/courses/{id}"),
            Some(&token),
            Some(json!({"startDate": null, "endDate": "2027-02-01"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["course"]["startDate"], Value::Null);
}

#[tokio::test]
async fn a_course_with_enrolments_cannot_be_deleted_one_without_goes_whole() {
    let app = TestApp::spawn().await;
    let (owner, token) = app.signed_in(Role::Trainer).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let taken = CourseBuilder::new(&owner).published().create(&app).await;
    enrol(&app, trainee.id, taken.id).await;
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/courses/{}", taken.id),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert!(
        res.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unpublish")
    );

    let empty = CourseBuilder::new(&owner).create(&app).await;
    course_sections::ActiveModel {
        course_id: Set(empty.id),
        title: Set("Part one".into()),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    ContentBuilder::new(&empty).create(&app).await;
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/courses/{}", empty.id),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    assert!(
        courses::Entity::find_by_id(empty.id)
            .one(app.db())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        course_sections::Entity::find()
            .count(app.db())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        course_contents::Entity::find()
            .count(app.db())
            .await
            .unwrap(),
        0
    );
    assert!(
        courses::Entity::find_by_id(taken.id)
            .one(app.db())
            .await
            .unwrap()
            .is_some()
    );
}

pub(crate) async fn upload_cover(
    app: &TestApp,
    token: &str,
    course: uuid::Uuid,
    bytes: Vec<u8>,
) -> TestResponse {
    app.send_raw(
        Request::builder()
            .method(Method::POST)
            .uri(format!("/api/courses/{course}/thumbnail"))
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "image/png")
            .body(Body::from(bytes))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_cover_is_re_encoded_and_public_only_once_published() {
    let app = TestApp::spawn().await;
    let (owner, token) = app.signed_in(Role::Trainer).await;
    let (_, other) = app.signed_in(Role::Trainer).await;
    let course = CourseBuilder::new(&owner).create(&app).await;
    let res = upload_cover(&app, &token, course.id, pictures::png(2000, 1000)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let url = res.json["course"]["thumbnail"].as_str().unwrap().to_owned();
    assert!(url.starts_with("/media/thumbnails/"), "{url}");
    let served = app.send(Method::GET, &url, Some(&token), None).await;
    assert_eq!(served.status, StatusCode::OK);
    let picture = image::load_from_memory(&served.bytes).unwrap();
    assert_eq!((picture.width(), picture.height()), (1280, 640));
    // A draft's cover is hidden from everybody else.
    assert_eq!(app.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        upload_cover(&app, &other, course.id, pictures::png(10, 10))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Not an image: refused, nothing stored, the old cover stays.
    let res = upload_cover(&app, &token, course.id, b"<svg onload=alert(1)>".to_vec()).await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    app.send(
        Method::POST,
        &format!("/api/courses/{}/publish", course.id),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(app.get(&url).await.status, StatusCode::OK);
    // A new cover replaces the file: the old address is gone.
    let res = upload_cover(&app, &token, course.id, pictures::png(300, 200)).await;
    let new_url = res.json["course"]["thumbnail"].as_str().unwrap();
    assert_ne!(new_url, url);
    assert_eq!(app.get(&url).await.status, StatusCode::NOT_FOUND);
    let files = app
        .state
        .storage
        .list(courseworx::storage::Folder::Thumbnails)
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
}
