//! The quiz editor: a question of each of the four types added through its form, shown as
//! a card with the correct answers marked, edited (its type too), moved and deleted; a
//! question the domain refuses shows every error on its form.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::location;
use super::outline::{press, trainer_browser};
use crate::outline_api::Authoring;

async fn questions(a: &Authoring, quiz: &str) -> Vec<serde_json::Value> {
    let res = a
        .call(
            Method::GET,
            &format!("/api/contents/{quiz}/questions"),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["questions"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_question_of_each_type_is_added_shown_as_a_card_moved_and_deleted() {
    let a = Authoring::new().await;
    let quiz = a.content(json!({"title": "Check", "type": "quiz"})).await;
    let quiz = quiz["id"].as_str().unwrap().to_owned();
    let mut b = trainer_browser(&a).await;
    let editor = format!("/teach/contents/{quiz}");
    let new = format!("/teach/contents/{quiz}/questions");

    let page = b.get(&editor).await;
    assert!(page.text.contains("No questions yet"));
    for kind in ["single_choice", "multiple_choice", "true_false", "text"] {
        assert!(
            page.text.contains(&format!(r#"href="{new}?type={kind}""#)),
            "{kind}"
        );
    }

    // Single choice: radios mark the one correct option; blank rows are left out.
    let form = b.get(&format!("{new}?type=single_choice")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.text
            .contains(r#"type="radio" id="correct-0" name="correct" value="0""#)
    );
    let res = b
        .submit(
            &format!("{new}?type=single_choice"),
            &new,
            &[
                ("questionType", "single_choice"),
                ("question", "Which gas do plants take in?"),
                ("option", "Oxygen"),
                ("option", "Carbon dioxide"),
                ("option", ""),
                ("option", ""),
                ("correct", "1"),
                ("points", "2"),
                ("explanation", "Photosynthesis uses CO2."),
                ("isActive", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(location(&res).starts_with(&format!("{editor}#question-")));
    // Multiple choice: checkboxes.
    let res = b
        .submit(
            &format!("{new}?type=multiple_choice"),
            &new,
            &[
                ("questionType", "multiple_choice"),
                ("question", "Which are primes?"),
                ("option", "2"),
                ("option", "3"),
                ("option", "4"),
                ("option", ""),
                ("correct", "0"),
                ("correct", "1"),
                ("points", "1"),
                ("isActive", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let res = b
        .submit(
            &format!("{new}?type=true_false"),
            &new,
            &[
                ("questionType", "true_false"),
                ("question", "The sky is blue."),
                ("correctAnswer", "true"),
                ("points", "1"),
                ("isActive", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let res = b
        .submit(
            &format!("{new}?type=text"),
            &new,
            &[
                ("questionType", "text"),
                ("question", "Capital of France?"),
                ("correctAnswer", "Paris | paris, France"),
                ("points", "1"),
                ("isActive", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);

    let stored = questions(&a, &quiz).await;
    assert_eq!(stored.len(), 4);
    assert_eq!(stored[0]["correctAnswer"], "Carbon dioxide");
    assert_eq!(stored[0]["options"], json!(["Oxygen", "Carbon dioxide"]));
    assert_eq!(stored[0]["points"], 2);
    assert_eq!(stored[1]["correctAnswer"], json!(["2", "3"]));
    assert_eq!(stored[2]["correctAnswer"], "true");
    assert_eq!(stored[3]["correctAnswer"], "Paris|paris, France");

    // The cards: type, text, options with the correct ones marked, points, explanation.
    let page = b.get(&editor).await;
    assert!(page.text.contains("Questions (4)"));
    assert!(page.text.contains("Single choice"));
    assert!(page.text.contains(r#"<li class="option option--correct">"#));
    assert!(
        page.text.contains(
            "Carbon dioxide</span>\n      <span class=\"badge badge--success\">Correct</span>"
        ),
        "{}",
        page.text
    );
    assert!(page.text.contains("Points: 2"));
    assert!(page.text.contains("Photosynthesis uses CO2."));
    assert!(
        page.text
            .contains(r#"<span class="answer-chip" dir="auto">paris, France</span>"#)
    );

    // Move the last question up.
    let last = stored[3]["id"].as_str().unwrap();
    let res = press(&mut b, &editor, &format!("question-up-{last}")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), format!("{editor}#question-{last}"));
    let order: Vec<String> = questions(&a, &quiz)
        .await
        .iter()
        .map(|q| q["question"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(order[2], "Capital of France?");

    // Edit the true/false question into a graded-by-a-person text question.
    let tf = stored[2]["id"].as_str().unwrap();
    let edit = format!("/teach/questions/{tf}");
    let form = b.get(&format!("{edit}?type=text")).await;
    assert!(
        form.text.contains(r#"value="The sky is blue.""#) || form.text.contains("The sky is blue.")
    );
    let res = b
        .submit(
            &edit,
            &edit,
            &[
                ("questionType", "text"),
                ("question", "Describe the sky."),
                ("manualGrading", "true"),
                ("points", "5"),
                ("isActive", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let changed = questions(&a, &quiz).await;
    let changed = changed.iter().find(|q| q["id"] == tf).unwrap();
    assert_eq!(changed["questionType"], "text");
    assert_eq!(changed["manualGrading"], true);

    // Delete, after the confirmation.
    let confirm = format!("{edit}/delete");
    assert_eq!(b.get(&confirm).await.status, StatusCode::OK);
    let res = b.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(questions(&a, &quiz).await.len(), 3);
}

#[tokio::test]
async fn a_refused_question_shows_every_error_and_keeps_what_was_typed() {
    let a = Authoring::new().await;
    let quiz = a.content(json!({"title": "Check", "type": "quiz"})).await;
    let quiz = quiz["id"].as_str().unwrap().to_owned();
    let mut b = trainer_browser(&a).await;
    let new = format!("/teach/contents/{quiz}/questions");
    let res = b
        .submit(
            &format!("{new}?type=single_choice"),
            &new,
            &[
                ("questionType", "single_choice"),
                ("question", ""),
                ("option", "Same"),
                ("option", "same"),
                ("points", "many"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    for id in [
        "question-text-error",
        "options-error",
        "answer-error",
        "question-points-error",
    ] {
        assert!(
            res.text.contains(&format!(r#"id="{id}""#)),
            "{id}: {}",
            res.text
        );
    }
    assert!(res.text.contains("Each option must be different."));
    assert!(res.text.contains(r#"value="Same""#));
    assert!(questions(&a, &quiz).await.is_empty());

    // A content that is not a quiz has no question form.
    let article = a.content(json!({"title": "Read", "type": "article"})).await;
    let res = b
        .get(&format!(
            "/teach/contents/{}/questions",
            article["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
