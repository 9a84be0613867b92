//! Lesson completions written in batches (`services::completions`): completions that
//! arrive together are written in one transaction, each answered with its own progress or
//! its own refusal, and a batch that fails as a whole is written again one at a time.
//!
//! The completions are handed to the queue directly, all before the writer runs (the
//! test's runtime has one thread, and the writer is a task it starts), so which batch
//! each lands in is known. The routes' own checks are `progress_api`'s.

use courseworx::db::entities::enums::ContentType;
use courseworx::db::entities::lesson_completions;
use courseworx::domain::policy::{Denied, for_the_system};
use courseworx::error::AppError;
use courseworx::services::completions::Completion;
use futures_util::future::join_all;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::enrolments_api::{counts_agree, course_with, enrol_as, trainees};
use crate::fixtures::ContentBuilder;
use crate::helpers::{TestApp, assert_enrolment_counts_exact, logged_state};

/// A published course with two lessons (and a certificate, when `certificate`).
async fn course_of_two(app: &TestApp, certificate: bool) -> (Uuid, [Uuid; 2]) {
    let (course, _) = course_with(app, |_| {}).await;
    if certificate {
        ContentBuilder::new(&course)
            .kind(ContentType::Certificate)
            .create(app)
            .await;
    }
    let one = ContentBuilder::new(&course).title("One").create(app).await;
    let two = ContentBuilder::new(&course).title("Two").create(app).await;
    (course.id, [one.id, two.id])
}

fn completion(user: Uuid, course: Uuid, content: Uuid, seconds: i32) -> Completion {
    Completion {
        user,
        grant: for_the_system(course),
        content,
        seconds,
    }
}

/// The trainee's record of a lesson: (times completed, seconds spent).
async fn record(app: &TestApp, user: Uuid, content: Uuid) -> Option<(i32, i32)> {
    lesson_completions::Entity::find()
        .filter(lesson_completions::Column::UserId.eq(user))
        .filter(lesson_completions::Column::ContentId.eq(content))
        .one(app.db())
        .await
        .unwrap()
        .map(|r| (r.attempts.unwrap_or(0), r.time_spent.unwrap_or(0)))
}

#[tokio::test]
async fn completions_that_arrive_together_are_written_in_one_transaction_each_answered_alone() {
    let app = TestApp::spawn().await;
    let (a, [a1, a2]) = course_of_two(&app, true).await;
    let (b, [b1, _]) = course_of_two(&app, false).await;
    let people = trainees(&app, 4).await;
    for p in &people[..3] {
        enrol_as(&app, &p.2, a).await;
        enrol_as(&app, &p.2, b).await;
    }
    let [t0, t1, t2, outsider] = [people[0].0, people[1].0, people[2].0, people[3].0];

    let (state, log) = logged_state(&app);
    let batch = [
        completion(t0, a, a1, 10),
        completion(t0, a, a2, 20),
        completion(t1, a, a1, 30),
        completion(t1, b, b1, 40),
        completion(t2, b, b1, 50),
        // The same trainee and lesson again: it waits for the next batch.
        completion(t2, b, b1, 60),
        // Not enrolled (as if dropped after the route's check): refused alone.
        completion(outsider, a, a1, 70),
        // A lesson of another course than the one decided on: not found, alone.
        completion(t1, a, b1, 80),
    ];
    let answers = join_all(batch.map(|c| {
        let state = state.clone();
        async move { state.completions.submit(&state, c).await }
    }))
    .await;

    let progress = |i: usize| match &answers[i] {
        Ok(p) => p,
        Err(e) => panic!("completion {i}: {e:?}"),
    };
    // Both of t0's lessons were in one batch: each answer shows the course completed.
    for i in [0, 1] {
        assert_eq!(progress(i).enrollment.progress, Decimal::from(100));
        assert_eq!(progress(i).enrollment.status.as_str(), "completed");
    }
    assert_eq!(progress(2).course_id, a);
    assert_eq!(progress(2).enrollment.progress, Decimal::from(50));
    assert_eq!(progress(3).course_id, b);
    assert_eq!(progress(3).enrollment.progress, Decimal::from(50));
    let lesson = |i: usize| {
        let l = progress(i)
            .lessons
            .iter()
            .find(|l| l.content_id == b1)
            .unwrap();
        (l.attempts, l.time_spent)
    };
    assert_eq!(
        lesson(4),
        (1, 50),
        "the first answer is read after its own batch"
    );
    assert_eq!(lesson(5), (2, 110));
    assert!(
        matches!(answers[6], Err(AppError::Denied(Denied::NotEnrolled))),
        "{:?}",
        answers[6]
    );
    assert!(
        matches!(answers[7], Err(AppError::NotFound)),
        "{:?}",
        answers[7]
    );

    // Two transactions: the batch of seven, and the repeat.
    let statements: Vec<String> = log.lock().unwrap().iter().map(|s| s.sql.clone()).collect();
    let count = |needle: &str| statements.iter().filter(|s| s.contains(needle)).count();
    assert_eq!(
        count("INSERT INTO lesson_completions"),
        2,
        "{statements:#?}"
    );
    assert_eq!(
        count("UPDATE enrollments SET progress"),
        2,
        "{statements:#?}"
    );
    assert_eq!(state.metrics.completion_batches_split(), 0);

    // Nothing written for the refused, everything counted once.
    assert_eq!(record(&app, outsider, a1).await, None);
    assert_eq!(record(&app, t1, b1).await, Some((1, 40)));
    assert_eq!(record(&app, t1, a1).await, Some((1, 30)));
    let certificates = courseworx::db::entities::certificates::Entity::find()
        .filter(courseworx::db::entities::certificates::Column::CourseId.eq(a))
        .count(app.db())
        .await
        .unwrap();
    assert_eq!(certificates, 1);
    assert_eq!(counts_agree(&app, a).await, (3, 1));
    assert_eq!(counts_agree(&app, b).await, (3, 0));
    assert_enrolment_counts_exact(app.db()).await;
}

#[tokio::test]
async fn a_batch_that_fails_as_a_whole_is_written_again_one_completion_at_a_time() {
    let app = TestApp::spawn().await;
    let (course, [one, _]) = course_of_two(&app, false).await;
    let people = trainees(&app, 3).await;
    for p in &people {
        enrol_as(&app, &p.2, course).await;
    }
    // The database refuses any record of 4,242 seconds: a failure of the whole statement,
    // as a broken row or a lost connection would be.
    let db = app.db();
    let poison = match db.get_database_backend() {
        DbBackend::Postgres => vec![
            r#"CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN
                 IF NEW."timeSpent" = 4242 THEN RAISE EXCEPTION 'poisoned'; END IF;
                 RETURN NEW; END $$ LANGUAGE plpgsql"#,
            r#"CREATE TRIGGER poison BEFORE INSERT ON lesson_completions
                 FOR EACH ROW EXECUTE FUNCTION poison()"#,
        ],
        _ => vec![
            r#"CREATE TRIGGER poison BEFORE INSERT ON lesson_completions
                 WHEN NEW."timeSpent" = 4242 BEGIN SELECT RAISE(ABORT, 'poisoned'); END"#,
        ],
    };
    for sql in poison {
        db.execute_unprepared(sql).await.expect("poison");
    }

    let state = app.state.clone();
    let seconds = [10, 4242, 30];
    let answers = join_all(people.iter().zip(seconds).map(|(p, s)| {
        let state = state.clone();
        let c = completion(p.0, course, one, s);
        async move { state.completions.submit(&state, c).await }
    }))
    .await;

    assert!(answers[0].is_ok(), "{:?}", answers[0]);
    assert!(
        matches!(answers[1], Err(AppError::Internal(_))),
        "{:?}",
        answers[1]
    );
    assert!(answers[2].is_ok(), "{:?}", answers[2]);
    assert_eq!(state.metrics.completion_batches_split(), 1);
    assert_eq!(record(&app, people[0].0, one).await, Some((1, 10)));
    assert_eq!(record(&app, people[1].0, one).await, None);
    assert_eq!(record(&app, people[2].0, one).await, Some((1, 30)));
    assert_eq!(counts_agree(&app, course).await, (3, 0));
}
