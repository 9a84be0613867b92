//! Quiz questions: the four types, their rules, ordering, and that no trainee ever gets an
//! answer from any route.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::courses_api::enrol;
use crate::fixtures::UserBuilder;
use crate::outline_api::Authoring;

fn four_questions() -> [Value; 4] {
    [
        json!({"question": "2 + 2?", "questionType": "single_choice", "options": ["3", "4", "5"], "correctAnswer": "4", "explanation": "SECRET-EXPLANATION"}),
        json!({"question": "Primes?", "questionType": "multiple_choice", "options": ["2", "4", "5"], "correctAnswer": ["5", "2"], "points": 2}),
        json!({"question": "The sky is blue", "questionType": "true_false", "correctAnswer": "true"}),
        json!({"question": "Capital of France?", "questionType": "text", "correctAnswer": "SECRET-PARIS|Lutetia"}),
    ]
}

pub(crate) async fn quiz_with_questions(a: &Authoring) -> (String, Vec<String>) {
    let quiz = a.content(json!({"title": "Check", "type": "quiz"})).await;
    let id = quiz["id"].as_str().unwrap().to_owned();
    let mut ids = Vec::new();
    for q in four_questions() {
        let res = a
            .call(
                Method::POST,
                &format!("/api/contents/{id}/questions"),
                Some(q.clone()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{q}: {}", res.text);
        ids.push(res.json["question"]["id"].as_str().unwrap().to_owned());
    }
    (id, ids)
}

#[tokio::test]
async fn the_trainer_sees_answers_and_a_trainee_never_does() {
    let a = Authoring::new().await;
    let (quiz, ids) = quiz_with_questions(&a).await;
    let path = format!("/api/contents/{quiz}/questions");
    let res = a.call(Method::GET, &path, None).await;
    assert_eq!(res.json["questions"][1]["correctAnswer"], json!(["2", "5"]));
    assert_eq!(
        res.json["questions"][0]["explanation"],
        "SECRET-EXPLANATION"
    );

    let trainee = UserBuilder::trainee().create(&a.app).await;
    enrol(&a.app, trainee.id, a.course.id).await;
    let learner = a.app.login(&trainee.email, crate::fixtures::PASSWORD).await;
    let res = a.app.send(Method::GET, &path, Some(&learner), None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let questions = res.json["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 4);
    assert_eq!(questions[0]["options"], json!(["3", "4", "5"]));
    assert!(questions[2].get("options").is_none());
    // Every route a trainee can reach, none with an answer in it.
    let mut answers = vec![res.text.clone()];
    for route in [
        format!("/api/contents/{quiz}"),
        format!("/api/courses/{}/contents", a.course.id),
        format!("/api/courses/{}/outline", a.course.id),
        format!("/api/courses/{}", a.course.id),
        format!("/api/courses/{}/sections", a.course.id),
    ] {
        let res = a.app.send(Method::GET, &route, Some(&learner), None).await;
        assert_eq!(res.status, StatusCode::OK, "{route}: {}", res.text);
        answers.push(res.text);
    }
    for text in &answers {
        for secret in ["correctAnswer", "explanation", "SECRET-", "manualGrading"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    // Changing or ordering questions is the trainer's.
    let res = a
        .app
        .send(
            Method::PUT,
            &format!("/api/questions/{}", ids[0]),
            Some(&learner),
            Some(json!({"points": 5})),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = a.app.send(Method::GET, &path, None, None).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn invalid_combinations_name_every_bad_field() {
    let a = Authoring::new().await;
    let (quiz, ids) = quiz_with_questions(&a).await;
    let path = format!("/api/contents/{quiz}/questions");
    let res = a
        .call(
            Method::POST,
            &path,
            Some(json!({"questionType": "single_choice", "options": ["a", "A"], "correctAnswer": "b", "points": -1})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["question", "options", "correctAnswer", "points"] {
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{field}: {}",
            res.text
        );
    }
    // Turning a choice question into true/false without a fitting answer is refused...
    let res = a
        .call(
            Method::PUT,
            &format!("/api/questions/{}", ids[0]),
            Some(json!({"questionType": "true_false"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    // ...with one it is fine, and the options go.
    let res = a
        .call(
            Method::PUT,
            &format!("/api/questions/{}", ids[0]),
            Some(json!({"questionType": "true_false", "correctAnswer": "false"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["question"]["options"], json!([]));
    // A text question graded by a person.
    let res = a
        .call(
            Method::POST,
            &path,
            Some(json!({"question": "Explain", "questionType": "text", "correctAnswer": "", "manualGrading": true})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(res.json["question"]["manualGrading"], true);
    // Questions go on quizzes only.
    let article = a.content(json!({"title": "Read", "type": "article"})).await;
    let res = a
        .call(
            Method::POST,
            &format!(
                "/api/contents/{}/questions",
                article["id"].as_str().unwrap()
            ),
            Some(four_questions()[0].clone()),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn questions_are_ordered_in_one_call_and_deleted_with_their_quiz() {
    let a = Authoring::new().await;
    let (quiz, ids) = quiz_with_questions(&a).await;
    let path = format!("/api/contents/{quiz}/questions/order");
    let reversed: Vec<&String> = ids.iter().rev().collect();
    let res = a
        .call(Method::PUT, &path, Some(json!({"ids": reversed})))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["questions"][0]["id"], *ids[3]);
    let res = a
        .call(Method::PUT, &path, Some(json!({"ids": &ids[1..]})))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = a
        .call(Method::DELETE, &format!("/api/questions/{}", ids[0]), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = a
        .call(Method::DELETE, &format!("/api/contents/{quiz}"), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let res = a
        .call(
            Method::PUT,
            &format!("/api/questions/{}", ids[1]),
            Some(json!({"points": 3})),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
