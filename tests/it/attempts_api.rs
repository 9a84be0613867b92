//! Quiz attempts: drawn once, answers saved as one goes, graded on the server, limits
//! enforced, corrections only as the quiz allows, manual grading from a queue, versions
//! kept, and nobody reads another trainee's attempt.

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use courseworx::db::entities::quiz_attempts;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::enrolments_api::{counts_agree, course_with, enrol_as, trainees};
use crate::helpers::{TestApp, TestResponse};

/// A quiz in a new published course with these settings and questions: (course, quiz,
/// question ids, trainer token).
pub(crate) async fn quiz(
    app: &TestApp,
    settings: Value,
    questions: &[Value],
) -> (Uuid, Uuid, Vec<Uuid>, String) {
    let (course, trainer) = course_with(app, |_| {}).await;
    let res = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/contents", course.id),
            Some(&trainer),
            Some(json!({"title": "Safety check", "type": "quiz", "quizData": settings})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let quiz: Uuid = res.json["content"]["id"].as_str().unwrap().parse().unwrap();
    let mut ids = Vec::new();
    for q in questions {
        let res = app
            .send(
                Method::POST,
                &format!("/api/contents/{quiz}/questions"),
                Some(&trainer),
                Some(q.clone()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        ids.push(
            res.json["question"]["id"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap(),
        );
    }
    (course.id, quiz, ids, trainer)
}

pub(crate) fn four_questions() -> Vec<Value> {
    vec![
        json!({"question": "2+2?", "questionType": "single_choice", "options": ["3", "4", "5"], "correctAnswer": "4", "explanation": "Count them."}),
        json!({"question": "Primes?", "questionType": "multiple_choice", "options": ["2", "4", "5"], "correctAnswer": ["2", "5"]}),
        json!({"question": "Sky blue?", "questionType": "true_false", "correctAnswer": "true"}),
        json!({"question": "Capital of France?", "questionType": "text", "correctAnswer": "Paris|paris, france"}),
    ]
}

fn right_answers(ids: &[Uuid]) -> Value {
    json!({"answers": [
        {"questionId": ids[0], "answer": "4"},
        {"questionId": ids[1], "answer": ["5", "2"]},
        {"questionId": ids[2], "answer": "true"},
        {"questionId": ids[3], "answer": "  PARIS "},
    ]})
}

async fn start(app: &TestApp, token: &str, quiz: Uuid) -> TestResponse {
    app.send(
        Method::POST,
        &format!("/api/contents/{quiz}/attempts"),
        Some(token),
        None,
    )
    .await
}

async fn answer(app: &TestApp, token: &str, attempt: &str, body: Value) -> TestResponse {
    app.send(
        Method::PUT,
        &format!("/api/attempts/{attempt}/answers"),
        Some(token),
        Some(body),
    )
    .await
}

async fn submit(app: &TestApp, token: &str, attempt: &str) -> TestResponse {
    app.send(
        Method::POST,
        &format!("/api/attempts/{attempt}/submit"),
        Some(token),
        None,
    )
    .await
}

fn id_of(res: &TestResponse) -> String {
    res.json["attempt"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", res.text))
        .to_owned()
}

#[tokio::test]
async fn an_attempt_is_drawn_once_saved_as_one_goes_and_graded_on_the_server() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, _) = quiz(&app, json!({"passingScore": 75}), &four_questions()).await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course).await;

    let started = start(&app, &me.2, quiz).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.text);
    let attempt = id_of(&started);
    // No answer, no explanation, in any form.
    for leak in ["correctAnswer", "explanation", "Count them", "Paris"] {
        assert!(
            !started.text.contains(leak),
            "{leak} leaked: {}",
            started.text
        );
    }
    assert_eq!(
        started.json["attempt"]["questions"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(started.json["attempt"]["maxScore"], 4);
    // Starting again resumes the same attempt.
    let again = start(&app, &me.2, quiz).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(id_of(&again), attempt);

    // Autosave: each answer replaces the last.
    let res = answer(
        &app,
        &me.2,
        &attempt,
        json!({"answers": [{"questionId": ids[0], "answer": "3"}]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = answer(&app, &me.2, &attempt, right_answers(&ids)).await;
    assert_eq!(res.json["attempt"]["questions"][0]["answer"], "4");
    assert!(!res.text.contains("correctAnswer"));
    // Answers that do not fit are named.
    let res = answer(
        &app,
        &me.2,
        &attempt,
        json!({"answers": [
            {"questionId": ids[0], "answer": "7"},
            {"questionId": ids[1], "answer": "2"},
            {"questionId": Uuid::now_v7(), "answer": "x"},
        ]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    let fields = res.json["error"]["fields"].as_object().unwrap();
    assert!(fields.contains_key("answers[0].answer") && fields.contains_key("answers[1].answer"));
    assert!(fields.contains_key("answers[2].questionId"));

    let done = submit(&app, &me.2, &attempt).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    let a = &done.json["attempt"];
    assert_eq!(
        (
            a["status"].clone(),
            a["score"].clone(),
            a["percent"].clone(),
            a["passed"].clone()
        ),
        (json!("graded"), json!(4), json!(100), json!(true))
    );
    // after_attempt (the default): corrections now.
    assert_eq!(a["correctionsShown"], true);
    assert_eq!(a["questions"][0]["correctAnswer"], "4");
    assert_eq!(a["questions"][0]["explanation"], "Count them.");

    // A double submit grades nothing twice; the lesson is complete once, with its score.
    let twice = submit(&app, &me.2, &attempt).await;
    assert_eq!(twice.json["attempt"]["score"], 4);
    let progress = app
        .send(
            Method::GET,
            &format!("/api/courses/{course}/progress"),
            Some(&me.2),
            None,
        )
        .await;
    let lesson = &progress.json["progress"]["lessons"][0];
    assert_eq!(
        (
            lesson["completed"].clone(),
            lesson["score"].clone(),
            lesson["attempts"].clone()
        ),
        (json!(true), json!(100), json!(1))
    );
    assert_eq!(
        progress.json["progress"]["enrollment"]["status"],
        "completed"
    );
    assert_eq!(counts_agree(&app, course).await, (1, 1));
    // Closed: no more answers.
    let res = answer(&app, &me.2, &attempt, right_answers(&ids)).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn fail_then_pass_within_the_maximum_and_corrections_follow_the_setting() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, _) = quiz(
        &app,
        json!({"passingScore": 100, "maxAttempts": 2, "showCorrectAnswers": "after_pass"}),
        &four_questions(),
    )
    .await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course).await;

    let first = id_of(&start(&app, &me.2, quiz).await);
    answer(
        &app,
        &me.2,
        &first,
        json!({"answers": [{"questionId": ids[0], "answer": "4"}]}),
    )
    .await;
    let failed = submit(&app, &me.2, &first).await;
    assert_eq!(failed.json["attempt"]["passed"], false);
    assert_eq!(
        failed.json["attempt"]["correctionsShown"], false,
        "after_pass: not yet"
    );
    assert!(!failed.text.contains("correctAnswer"));
    let progress = app
        .send(
            Method::GET,
            &format!("/api/courses/{course}/progress"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(progress.json["progress"]["lessons"][0]["completed"], false);

    let second = id_of(&start(&app, &me.2, quiz).await);
    assert_ne!(first, second);
    answer(&app, &me.2, &second, right_answers(&ids)).await;
    let passed = submit(&app, &me.2, &second).await;
    assert_eq!(passed.json["attempt"]["passed"], true);
    assert_eq!(passed.json["attempt"]["correctionsShown"], true);
    // And now the first one's corrections too.
    let old = app
        .send(
            Method::GET,
            &format!("/api/attempts/{first}"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(old.json["attempt"]["correctionsShown"], true);

    let third = start(&app, &me.2, quiz).await;
    assert_eq!(third.status, StatusCode::CONFLICT, "{}", third.text);
    let list = app
        .send(
            Method::GET,
            &format!("/api/contents/{quiz}/attempts"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(list.json["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(list.json["attemptsLeft"], 0);
}

#[tokio::test]
async fn never_shows_no_corrections_and_the_draw_takes_its_count() {
    let app = TestApp::spawn().await;
    let (course, quiz, _, _) = quiz(
        &app,
        json!({"showCorrectAnswers": "never", "drawCount": 2, "shuffleQuestions": true, "shuffleOptions": true}),
        &four_questions(),
    )
    .await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course).await;
    let started = start(&app, &me.2, quiz).await;
    assert_eq!(
        started.json["attempt"]["questions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let done = submit(&app, &me.2, &id_of(&started)).await;
    assert_eq!(done.json["attempt"]["status"], "graded");
    assert_eq!(done.json["attempt"]["correctionsShown"], false);
    assert!(!done.text.contains("correctAnswer") && !done.text.contains("isCorrect"));
}

#[tokio::test]
async fn text_answers_wait_in_the_trainers_queue_and_a_grade_completes_the_quiz() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, trainer) = quiz(
        &app,
        json!({"passingScore": 50}),
        &[json!({"question": "Explain safety.", "questionType": "text", "manualGrading": true, "points": 4})],
    )
    .await;
    let (_, other_trainer) = course_with(&app, |_| {}).await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course).await;
    let attempt = id_of(&start(&app, &me.2, quiz).await);
    answer(
        &app,
        &me.2,
        &attempt,
        json!({"answers": [{"questionId": ids[0], "answer": "Wear a helmet."}]}),
    )
    .await;
    let pending = submit(&app, &me.2, &attempt).await;
    assert_eq!(pending.json["attempt"]["status"], "pending");
    assert_eq!(pending.json["attempt"]["passed"], Value::Null);
    assert_eq!(
        pending.json["attempt"]["questions"][0]["needsGrading"],
        true
    );

    let queue = app
        .send(Method::GET, "/api/grading/queue", Some(&trainer), None)
        .await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text);
    assert_eq!(queue.json["queue"][0]["attemptId"], attempt);
    let theirs = app
        .send(
            Method::GET,
            "/api/grading/queue",
            Some(&other_trainer),
            None,
        )
        .await;
    assert_eq!(theirs.json["pagination"]["totalItems"], 0);
    assert_eq!(
        app.send(Method::GET, "/api/grading/queue", Some(&me.2), None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let grade = |token: String, body: Value| {
        let app = &app;
        let attempt = attempt.clone();
        async move {
            app.send(
                Method::PUT,
                &format!("/api/attempts/{attempt}/grade"),
                Some(&token),
                Some(body),
            )
            .await
        }
    };
    assert_eq!(
        grade(
            me.2.clone(),
            json!({"grades": [{"questionId": ids[0], "points": 4}]})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        grade(
            other_trainer.clone(),
            json!({"grades": [{"questionId": ids[0], "points": 4}]})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        grade(
            trainer.clone(),
            json!({"grades": [{"questionId": ids[0], "points": 5}]})
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let graded = grade(
        trainer.clone(),
        json!({"grades": [{"questionId": ids[0], "points": 3, "feedback": "Good <script>x</script>start."}]}),
    )
    .await;
    assert_eq!(graded.status, StatusCode::OK, "{}", graded.text);
    assert_eq!(graded.json["attempt"]["status"], "graded");
    assert_eq!(graded.json["attempt"]["percent"], 75);
    assert_eq!(graded.json["attempt"]["passed"], true);
    assert!(!graded.text.contains("<script>"));
    let queue = app
        .send(Method::GET, "/api/grading/queue", Some(&trainer), None)
        .await;
    assert_eq!(queue.json["pagination"]["totalItems"], 0);
    let mine = app
        .send(
            Method::GET,
            &format!("/api/attempts/{attempt}"),
            Some(&me.2),
            None,
        )
        .await;
    assert!(
        mine.json["attempt"]["questions"][0]["feedback"]
            .as_str()
            .unwrap()
            .contains("Good")
    );
    assert_eq!(counts_agree(&app, course).await, (1, 1));
}

#[tokio::test]
async fn the_time_limit_is_the_servers_and_late_answers_submit_the_attempt_as_it_stood() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, _) =
        quiz(&app, json!({"timeLimitMinutes": 5}), &four_questions()).await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course).await;
    let started = start(&app, &me.2, quiz).await;
    assert!(started.json["attempt"]["deadline"].is_string());
    let attempt = id_of(&started);
    answer(
        &app,
        &me.2,
        &attempt,
        json!({"answers": [{"questionId": ids[0], "answer": "4"}]}),
    )
    .await;

    // The clock runs out (and the grace with it).
    let id: Uuid = attempt.parse().unwrap();
    let row = quiz_attempts::Entity::find_by_id(id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let mut row: quiz_attempts::ActiveModel = row.into();
    row.deadline = Set(Some(chrono::Utc::now() - chrono::Duration::seconds(31)));
    row.update(app.db()).await.unwrap();

    let late = answer(&app, &me.2, &attempt, right_answers(&ids)).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text);
    let result = app
        .send(
            Method::GET,
            &format!("/api/attempts/{attempt}"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(result.json["attempt"]["status"], "graded");
    assert_eq!(
        result.json["attempt"]["score"], 1,
        "as it stood: one right answer"
    );
}

#[tokio::test]
async fn a_crowd_of_clicks_starts_one_attempt_and_a_double_submit_counts_once() {
    let app = Arc::new(TestApp::spawn().await);
    let (course, quiz, ids, _) = quiz(&app, json!({"maxAttempts": 1}), &four_questions()).await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course).await;
    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let (app, token) = (app.clone(), me.2.clone());
            tokio::spawn(async move { id_of(&start(&app, &token, quiz).await) })
        })
        .collect();
    let mut seen = Vec::new();
    for t in tasks {
        seen.push(t.await.unwrap());
    }
    seen.dedup();
    assert_eq!(seen.len(), 1, "one attempt: {seen:?}");
    let attempt = seen[0].clone();
    answer(&app, &me.2, &attempt, right_answers(&ids)).await;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (app, token, a) = (app.clone(), me.2.clone(), attempt.clone());
            tokio::spawn(
                async move { submit(&app, &token, &a).await.json["attempt"]["score"].clone() },
            )
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap(), json!(4));
    }
    let progress = app
        .send(
            Method::GET,
            &format!("/api/courses/{course}/progress"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(progress.json["progress"]["lessons"][0]["attempts"], 1);
    assert_eq!(counts_agree(&app, course).await, (1, 1));
}

#[tokio::test]
async fn an_attempt_keeps_its_version_until_the_trainer_regrades_it() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, trainer) =
        quiz(&app, json!({"passingScore": 100}), &four_questions()).await;
    let me = &trainees(&app, 1).await[0];
    enrol_as(&app, &me.2, course).await;
    let attempt = id_of(&start(&app, &me.2, quiz).await);
    let mut body = right_answers(&ids);
    body["answers"][0]["answer"] = json!("5");
    answer(&app, &me.2, &attempt, body).await;
    let first = submit(&app, &me.2, &attempt).await;
    assert_eq!(first.json["attempt"]["score"], 3);

    // The key was wrong: the trainer corrects it to 5.
    let res = app
        .send(
            Method::PUT,
            &format!("/api/questions/{}", ids[0]),
            Some(&trainer),
            Some(json!({"correctAnswer": "5", "question": "2+3?"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let unchanged = app
        .send(
            Method::GET,
            &format!("/api/attempts/{attempt}"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(unchanged.json["attempt"]["score"], 3);
    assert_eq!(
        unchanged.json["attempt"]["questions"][0]["question"],
        "2+2?"
    );
    // A new attempt draws the new version (the cache follows the quiz's version).
    let regraded = app
        .send(
            Method::POST,
            &format!("/api/attempts/{attempt}/regrade"),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(regraded.status, StatusCode::OK, "{}", regraded.text);
    assert_eq!(regraded.json["attempt"]["score"], 4);
    assert_eq!(regraded.json["attempt"]["passed"], true);
    assert_eq!(regraded.json["attempt"]["questions"][0]["question"], "2+3?");
    assert_eq!(counts_agree(&app, course).await, (1, 1));
    // A trainee cannot regrade.
    let res = app
        .send(
            Method::POST,
            &format!("/api/attempts/{attempt}/regrade"),
            Some(&me.2),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn no_trainee_reads_or_answers_anothers_attempt() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, trainer) = quiz(&app, json!({}), &four_questions()).await;
    let people = trainees(&app, 2).await;
    for p in &people {
        enrol_as(&app, &p.2, course).await;
    }
    let attempt = id_of(&start(&app, &people[0].2, quiz).await);
    let thief = &people[1].2;
    assert_eq!(
        app.send(
            Method::GET,
            &format!("/api/attempts/{attempt}"),
            Some(thief),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        answer(&app, thief, &attempt, right_answers(&ids))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        submit(&app, thief, &attempt).await.status,
        StatusCode::NOT_FOUND
    );
    let list = app
        .send(
            Method::GET,
            &format!("/api/contents/{quiz}/attempts"),
            Some(thief),
            None,
        )
        .await;
    assert_eq!(list.json["attempts"].as_array().unwrap().len(), 0);
    // The trainer sees it, with the answer key; the quiz cannot be deleted from under it.
    let theirs = app
        .send(
            Method::GET,
            &format!("/api/attempts/{attempt}"),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(theirs.text.contains("correctAnswer"));
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/contents/{quiz}"),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
}

#[tokio::test]
async fn a_course_that_asks_computes_grades_from_quiz_scores() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, trainer) =
        quiz(&app, json!({"passingScore": 50}), &four_questions()).await;
    let people = trainees(&app, 2).await;
    for p in &people {
        enrol_as(&app, &p.2, course).await;
    }
    let enrolment_of = |token: String| {
        let app = &app;
        async move {
            app.send(
                Method::GET,
                &format!("/api/courses/{course}/enroll"),
                Some(&token),
                None,
            )
            .await
            .json["enrollment"]
                .clone()
        }
    };
    // Three right of four: 75 %, a C, once the course asks.
    let attempt = id_of(&start(&app, &people[0].2, quiz).await);
    let mut body = right_answers(&ids);
    body["answers"][0]["answer"] = json!("3");
    answer(&app, &people[0].2, &attempt, body).await;
    submit(&app, &people[0].2, &attempt).await;
    assert_eq!(
        enrolment_of(people[0].2.clone()).await["grade"],
        Value::Null
    );

    let res = app
        .send(
            Method::PUT,
            &format!("/api/courses/{course}/grading"),
            Some(&trainer),
            Some(json!({"gradeFromQuizzes": true})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let mine = enrolment_of(people[0].2.clone()).await;
    assert_eq!(mine["grade"], "C");
    assert_eq!(
        enrolment_of(people[1].2.clone()).await["grade"],
        "F",
        "nothing attempted counts 0"
    );

    // A better attempt raises it as it is graded; the trainer cannot set it by hand.
    let attempt = id_of(&start(&app, &people[0].2, quiz).await);
    answer(&app, &people[0].2, &attempt, right_answers(&ids)).await;
    submit(&app, &people[0].2, &attempt).await;
    assert_eq!(enrolment_of(people[0].2.clone()).await["grade"], "A");
    let id = mine["id"].as_str().unwrap();
    let res = app
        .send(
            Method::PUT,
            &format!("/api/enrollments/{id}"),
            Some(&trainer),
            Some(json!({"grade": "B"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    let res = app
        .send(
            Method::GET,
            &format!("/api/courses/{course}/grading"),
            Some(&people[0].2),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

/// Who may write to an attempt is read before the write and checked again under the
/// trainee's lock: once suspended, the trainee can neither answer nor submit, and the
/// attempt stays as it was for the trainer.
#[tokio::test]
async fn a_suspended_trainee_can_neither_answer_nor_submit() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, trainer) = quiz(&app, json!({}), &four_questions()).await;
    let people = trainees(&app, 1).await;
    let me = &people[0].2;
    enrol_as(&app, me, course).await;
    let attempt = id_of(&start(&app, me, quiz).await);
    let mut first = right_answers(&ids);
    first["answers"].as_array_mut().unwrap().truncate(1);
    assert_eq!(
        answer(&app, me, &attempt, first).await.status,
        StatusCode::OK
    );
    let mine = app
        .send(
            Method::GET,
            &format!("/api/courses/{course}/enroll"),
            Some(me),
            None,
        )
        .await;
    let enrolment = mine.json["enrollment"]["id"].as_str().unwrap().to_owned();
    let res = app
        .send(
            Method::PUT,
            &format!("/api/enrollments/{enrolment}"),
            Some(&trainer),
            Some(json!({"status": "suspended"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // The check under the lock, on its own: a suspension that lands after the request read
    // the standing on the pool is still refused (on SQLite too, where the lock is the
    // database's write lock).
    let txn = courseworx::db::begin_write(app.db()).await.unwrap();
    let grant = courseworx::domain::policy::for_the_system(course);
    assert!(
        !courseworx::db::enrolments::lock_learner(&txn, people[0].0, &grant)
            .await
            .unwrap(),
        "a suspended trainee does not learn"
    );
    txn.rollback().await.unwrap();

    let late = answer(&app, me, &attempt, right_answers(&ids)).await;
    assert_eq!(late.status, StatusCode::FORBIDDEN, "{}", late.text);
    let res = submit(&app, me, &attempt).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    let theirs = app
        .send(
            Method::GET,
            &format!("/api/attempts/{attempt}"),
            Some(&trainer),
            None,
        )
        .await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.text);
    assert_eq!(theirs.json["attempt"]["status"], "in_progress");
    let given: Vec<&Value> = theirs.json["attempt"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| !q["answer"].is_null())
        .collect();
    assert_eq!(
        given.len(),
        1,
        "only the answer saved before: {}",
        theirs.text
    );
}
