//! The database itself refuses what the seed forbids, on both backends: duplicate
//! enrollments, completions and attendance rows, enum values outside the seed's lists, and
//! deletes that would take learning records with them.

use chrono::{NaiveDate, Utc};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::{
    attendance, course_stats, courses, enrollments, lesson_completions, user_notes, users,
};
use courseworx::domain::user::User;
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, ModelTrait, SqlErr};

use crate::fixtures::{ContentBuilder, CourseBuilder, UserBuilder};
use crate::helpers::TestApp;

fn assert_unique_violation(result: Result<impl std::fmt::Debug, DbErr>) {
    let err = result.expect_err("the database accepted a duplicate");
    assert!(
        matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))),
        "expected a unique violation, got {err:?}"
    );
}

fn enrollment(user: &User, course: &courses::Model) -> enrollments::ActiveModel {
    enrollments::ActiveModel {
        user_id: Set(user.id),
        course_id: Set(course.id),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_user_enrols_in_a_course_once() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    let first = enrollment(&trainee, &course).insert(db).await.unwrap();
    // The database's defaults apply.
    assert_eq!(
        first.status,
        courseworx::db::entities::enums::EnrollmentStatus::Enrolled
    );
    assert_eq!(
        first.progress.unwrap().to_string().parse::<f64>().unwrap(),
        0.0
    );
    assert_unique_violation(enrollment(&trainee, &course).insert(db).await);
    // Another trainee on the same course is fine.
    let other = UserBuilder::trainee().create(&app).await;
    enrollment(&other, &course).insert(db).await.unwrap();
}

#[tokio::test]
async fn a_content_is_completed_once_per_user() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    let content = ContentBuilder::new(&course).create(&app).await;
    let completion = || lesson_completions::ActiveModel {
        user_id: Set(trainee.id),
        course_id: Set(course.id),
        content_id: Set(content.id),
        completed: Set(true),
        completed_at: Set(Some(Utc::now())),
        ..Default::default()
    };
    let first = completion().insert(db).await.unwrap();
    assert_eq!(first.attempts, Some(1), "the seed's default");
    assert_unique_violation(completion().insert(db).await);
}

#[tokio::test]
async fn one_attendance_row_per_user_course_and_day() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    let day = |d| attendance::ActiveModel {
        user_id: Set(trainee.id),
        course_id: Set(course.id),
        session_date: Set(NaiveDate::from_ymd_opt(2026, 11, d).unwrap()),
        ..Default::default()
    };
    let first = day(29).insert(db).await.unwrap();
    assert_eq!(
        first.status,
        courseworx::db::entities::enums::AttendanceStatus::Present
    );
    assert_unique_violation(day(29).insert(db).await);
    day(30).insert(db).await.unwrap();
}

#[tokio::test]
async fn emails_are_unique() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let existing = UserBuilder::trainee().create(&app).await;
    let copy = users::ActiveModel {
        first_name: Set("Other".into()),
        last_name: Set("Person".into()),
        email: Set(existing.email.clone()),
        password: Set("secret123".into()),
        role: Set(Role::Trainee),
        ..Default::default()
    };
    assert_unique_violation(copy.insert(db).await);
}

#[tokio::test]
async fn one_stats_row_per_course() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    let stats = || course_stats::ActiveModel {
        course_id: Set(course.id),
        ..Default::default()
    };
    stats().insert(db).await.unwrap();
    assert_unique_violation(stats().insert(db).await);
}

/// Writes `value` into an enum column with a literal, so the database (not the Rust enum)
/// has to judge it.
async fn set_enum_literal(
    db: &impl ConnectionTrait,
    table: &'static str,
    column: &'static str,
    value: &str,
) -> Result<(), DbErr> {
    let stmt = Query::update()
        .table(table)
        .value(column, Expr::cust(format!("'{value}'")))
        .to_owned();
    db.execute(&stmt).await.map(|_| ())
}

#[tokio::test]
async fn enum_columns_accept_only_the_seeds_values() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    let content = ContentBuilder::new(&course).create(&app).await;
    enrollment(&trainee, &course).insert(db).await.unwrap();
    attendance::ActiveModel {
        user_id: Set(trainee.id),
        course_id: Set(course.id),
        session_date: Set(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let _ = content;
    for (table, column, good, bad) in [
        ("users", "role", "trainer", "wizard"),
        ("courses", "level", "advanced", "expert"),
        ("course_contents", "type", "video", "podcast"),
        ("enrollments", "status", "suspended", "graduated"),
        ("attendance", "status", "excused", "asleep"),
    ] {
        set_enum_literal(db, table, column, good)
            .await
            .unwrap_or_else(|e| panic!("{table}.{column} = {good}: {e}"));
        let err = set_enum_literal(db, table, column, bad).await;
        assert!(err.is_err(), "{table}.{column} accepted {bad:?}");
    }
}

#[tokio::test]
async fn quiz_question_types_are_the_seeds() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    let content = ContentBuilder::new(&course).create(&app).await;
    use courseworx::db::entities::enums::QuestionType;
    use courseworx::db::entities::quiz_questions;
    use courseworx::db::entities::tag_list::TagList;
    let q = quiz_questions::ActiveModel {
        content_id: Set(content.id),
        question: Set("2 + 2?".into()),
        question_type: Set(QuestionType::SingleChoice),
        options: Set(Some(TagList(vec!["3".into(), "4".into()]))),
        correct_answer: Set("4".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    assert_eq!(q.points, 1);
    assert_eq!(q.options, Some(TagList(vec!["3".into(), "4".into()])));
    set_enum_literal(db, "quiz_questions", "questionType", "true_false")
        .await
        .unwrap();
    assert!(
        set_enum_literal(db, "quiz_questions", "questionType", "essay")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn deleting_a_user_or_course_never_takes_learning_records_with_it() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    enrollment(&trainee, &course).insert(db).await.unwrap();

    let err = users::Entity::delete_by_id(trainee.id)
        .exec(db)
        .await
        .expect_err("trainee deleted");
    assert!(matches!(
        err.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ));
    let err = course.clone().delete(db).await.expect_err("course deleted");
    assert!(matches!(
        err.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ));
    let err = users::Entity::delete_by_id(trainer.id)
        .exec(db)
        .await
        .expect_err("trainer deleted");
    assert!(matches!(
        err.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ));
    assert_eq!(enrollments::Entity::find().all(db).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_note_outlives_the_content_it_was_written_on() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let trainer = UserBuilder::trainer().create(&app).await;
    let trainee = UserBuilder::trainee().create(&app).await;
    let course = CourseBuilder::new(&trainer).create(&app).await;
    let content = ContentBuilder::new(&course).create(&app).await;
    let note = user_notes::ActiveModel {
        user_id: Set(trainee.id),
        course_id: Set(course.id),
        content_id: Set(Some(content.id)),
        content: Set("Remember the fire exits".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    assert_eq!(note.tags, Some(Default::default()), "tags default to []");
    content.delete(db).await.unwrap();
    let kept = user_notes::Entity::find_by_id(note.id)
        .one(db)
        .await
        .unwrap()
        .expect("note kept");
    assert_eq!(kept.content_id, None);
    assert_eq!(kept.content, "Remember the fire exits");
}
