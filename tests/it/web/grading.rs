//! Grading through the pages: the queue lists a submitted attempt with a text answer,
//! its sheet takes points and feedback ("Save and next"), the attempt is graded and the
//! trainee sees the feedback; an empty queue says so.

use axum::http::StatusCode;
use courseworx::db::entities::courses;
use sea_orm::EntityTrait;
use serde_json::json;

use super::quizzes::{quiz, trainee_in};
use super::{Browser, PASSWORD, location};
use crate::helpers::TestApp;

#[tokio::test]
async fn grading_a_pending_text_answer_through_the_page_completes_it() {
    let app = TestApp::spawn().await;
    let questions = [
        json!({"question": "Sky blue?", "questionType": "true_false", "correctAnswer": "true"}),
        json!({"question": "Explain safety.", "questionType": "text", "manualGrading": true, "points": 5}),
    ];
    let (course, quiz, ids, _) = quiz(&app, json!({"passingScore": 50}), &questions).await;
    let (mut t, trainee) = trainee_in(&app, course).await;
    let front = format!("/learn/quizzes/{quiz}");
    let res = t.submit(&front, &format!("{front}/start"), &[]).await;
    let attempt = location(&res).to_owned();
    let id = attempt.rsplit('/').next().unwrap().to_owned();
    let res = t
        .submit(
            &attempt,
            &format!("{attempt}/submit"),
            &[
                (&format!("q-{}", ids[0]), "true"),
                (&format!("q-{}", ids[1]), "Wear a helmet."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let waiting = t.get(&attempt).await;
    assert!(
        waiting.text.contains("Waiting for grading"),
        "{}",
        waiting.text
    );

    let course_row = courses::Entity::find_by_id(course)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let trainer = courseworx::db::users::find(app.db(), course_row.trainer_id)
        .await
        .unwrap()
        .unwrap();
    let mut b = Browser::new(&app);
    b.login(&trainer.email, PASSWORD).await;
    assert!(
        b.get("/teach")
            .await
            .text
            .contains(r#"href="/teach/grading""#)
    );
    let queue = b.get("/teach/grading").await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text);
    let sheet = format!("/teach/attempts/{id}");
    assert!(queue.text.contains(&format!(r#"href="{sheet}""#)));
    assert!(queue.text.contains(&trainee.first_name) && queue.text.contains("Safety check"));
    assert!(queue.text.contains("1 attempt waiting"));

    let page = b.get(&sheet).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.text.contains("Wear a helmet.") && page.text.contains("Points (0 to 5)"));
    let points = format!("points-{}", ids[1]);
    let feedback = format!("feedback-{}", ids[1]);
    // Out of range: refused on the sheet, what was typed kept.
    let res = b
        .submit(&sheet, &sheet, &[(&points, "9"), (&feedback, "Good start")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains("Enter a number from 0 to 5") && res.text.contains("Good start"));
    // Save and next: the queue is then empty.
    let res = b
        .submit(
            &sheet,
            &sheet,
            &[(&points, "4"), (&feedback, "Good start"), ("next", "1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/teach/grading");
    let queue = b.get("/teach/grading").await;
    assert!(
        queue.text.contains("The grades are saved.") && queue.text.contains("Nothing to grade")
    );

    let result = t.get(&attempt).await;
    for text in ["Passed", "5 / 6 points", "Good start"] {
        assert!(result.text.contains(text), "{text}: {}", result.text);
    }
    // The trainee cannot open the sheet; the trainer opening the attempt is sent to it.
    assert_eq!(t.get(&sheet).await.status, StatusCode::NOT_FOUND);
    let res = b.get(&attempt).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), sheet);
}
