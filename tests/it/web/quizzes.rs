//! Taking a quiz through the pages: the quiz's page, starting, saving (a form and the
//! script's JSON), submitting, the result with its corrections, failing then trying
//! again; the timer's deadline is in the page; nobody opens another trainee's attempt.

use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use super::{Browser, PASSWORD, csrf_in, location};
pub(crate) use crate::attempts_api::{four_questions, quiz};
use crate::enrolments_api::enrol_as;
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

/// A trainee enrolled in `course`, signed in to the pages.
pub(crate) async fn trainee_in(
    app: &TestApp,
    course: Uuid,
) -> (Browser<'_>, courseworx::domain::user::User) {
    let user = UserBuilder::trainee().create(app).await;
    let token = app.login(&user.email, PASSWORD).await;
    let res = enrol_as(app, &token, course).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let mut b = Browser::new(app);
    let res = b.login(&user.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    (b, user)
}

/// The form's fields for these answers: (single index, multiple indexes, true/false, text).
fn answers(
    ids: &[Uuid],
    single: &str,
    multiple: &[&str],
    tf: &str,
    text: &str,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ids
        .iter()
        .map(|id| ("shown".to_owned(), id.to_string()))
        .collect();
    out.push((format!("q-{}", ids[0]), single.to_owned()));
    for m in multiple {
        out.push((format!("q-{}", ids[1]), (*m).to_owned()));
    }
    out.push((format!("q-{}", ids[2]), tf.to_owned()));
    out.push((format!("q-{}", ids[3]), text.to_owned()));
    out
}

async fn post_form(
    b: &mut Browser<'_>,
    page: &str,
    action: &str,
    fields: &[(String, String)],
) -> crate::helpers::TestResponse {
    let res = b.get(page).await;
    assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.text);
    let token = csrf_in(&res.text);
    let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
    all.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    b.post(action, &all).await
}

#[tokio::test]
async fn a_trainee_takes_a_quiz_fails_tries_again_and_passes() {
    let app = TestApp::spawn().await;
    let settings = json!({"passingScore": 75, "maxAttempts": 2, "timeLimitMinutes": 10});
    let (course, quiz, ids, _) = quiz(&app, settings, &four_questions()).await;
    let (mut b, _) = trainee_in(&app, course).await;
    let front = format!("/learn/quizzes/{quiz}");

    let page = b.get(&front).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    for fact in [
        "Passing score",
        "75%",
        "10 minutes",
        "2 of 2 left",
        "You have not taken this quiz yet.",
    ] {
        assert!(page.text.contains(fact), "{fact}");
    }
    let res = b.submit(&front, &format!("{front}/start"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let attempt = location(&res).to_owned();
    assert!(attempt.starts_with("/learn/attempts/"), "{attempt}");

    // The attempt: every question, the timer's deadline about ten minutes away.
    let page = b.get(&attempt).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    for id in &ids {
        assert!(page.text.contains(&format!(r#"name="q-{id}""#)), "{id}");
    }
    assert!(page.text.contains(r#"type="checkbox""#) && page.text.contains("<textarea"));
    let deadline = page
        .text
        .split(r#"data-deadline=""#)
        .nth(1)
        .expect("a deadline")
        .split('"')
        .next()
        .unwrap();
    let deadline = chrono::DateTime::parse_from_rfc3339(deadline).expect("RFC 3339");
    let left = deadline.with_timezone(&chrono::Utc) - chrono::Utc::now();
    assert!((9..=10).contains(&left.num_minutes()), "{left}");
    assert!(page.text.contains("Time left") && page.text.contains("UTC"));
    assert!(page.text.contains("0 of 4 answered"));

    // Saved by the form (no script): back to the attempt, the choice kept, "Saved".
    let wrong = answers(&ids, "0", &["1"], "false", "Lyon");
    let res = post_form(&mut b, &attempt, &format!("{attempt}/answers"), &wrong[..5]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), attempt);
    let page = b.get(&attempt).await;
    assert!(page.text.contains("Your answers are saved."));
    assert!(
        page.text.contains(r#"value="0" checked"#),
        "the choice is kept"
    );
    assert!(page.text.contains("1 of 4 answered"));

    // Saved by the script: JSON.
    let token = csrf_in(&page.text);
    let mut fields = vec![("csrf".to_owned(), token)];
    fields.extend(wrong.clone());
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&fields)
        .finish();
    let saved = b
        .header_once_post(&format!("{attempt}/answers"), body)
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    assert_eq!(saved.json["saved"], json!(true));
    let page = b.get(&attempt).await;
    assert!(page.text.contains("Lyon") && page.text.contains("4 of 4 answered"));

    // Submitted (with what the form holds): the result, failed, with corrections.
    let res = post_form(&mut b, &attempt, &format!("{attempt}/submit"), &wrong).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let result = b.get(&attempt).await;
    assert_eq!(result.status, StatusCode::OK);
    for text in [
        "Your quiz is submitted.",
        "Not passed",
        "0 / 4 points",
        "Correct answer",
        "Count them.",
        "Incorrect",
    ] {
        assert!(result.text.contains(text), "{text}: {}", result.text);
    }
    assert!(!result.text.contains("name=\"q-"), "no form once submitted");
    // Saving after submitting changes nothing: the result again.
    let res = post_form(&mut b, &attempt, &format!("{attempt}/answers"), &wrong).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);

    // Try again: a second attempt, right this time.
    assert!(result.text.contains(r#"id="quiz-retry""#));
    let res = b.submit(&attempt, &format!("{front}/start"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let second = location(&res).to_owned();
    assert_ne!(second, attempt);
    let right = answers(&ids, "1", &["0", "2"], "true", " paris ");
    let res = post_form(&mut b, &second, &format!("{second}/submit"), &right).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let result = b.get(&second).await;
    for text in ["Passed", "4 / 4 points", "100%"] {
        assert!(result.text.contains(text), "{text}");
    }
    assert!(
        !result.text.contains(r#"id="quiz-retry""#),
        "no attempts left"
    );

    let page = b.get(&front).await;
    assert!(page.text.contains("0 of 2 left") && page.text.contains(r#"id="quiz-closed""#));
    assert!(page.text.contains("Attempt 1") && page.text.contains("Attempt 2"));
    let res = b.submit(&front, &format!("{front}/start"), &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "no third attempt");
    assert!(
        res.text
            .contains("You have used every attempt this quiz allows.")
    );
}

#[tokio::test]
async fn an_attempt_is_its_trainees_alone() {
    let app = TestApp::spawn().await;
    let (course, quiz, ids, _) = quiz(&app, json!({}), &four_questions()).await;
    let (mut mine, _) = trainee_in(&app, course).await;
    let front = format!("/learn/quizzes/{quiz}");
    let res = mine.submit(&front, &format!("{front}/start"), &[]).await;
    let attempt = location(&res).to_owned();

    // Another trainee of the same course: 404 to read, save or submit.
    let (mut other, _) = trainee_in(&app, course).await;
    assert_eq!(other.get(&attempt).await.status, StatusCode::NOT_FOUND);
    let wrong = answers(&ids, "0", &[], "false", "x");
    let res = post_form(&mut other, &front, &format!("{attempt}/answers"), &wrong).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = post_form(&mut other, &front, &format!("{attempt}/submit"), &wrong).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        mine.get(&attempt).await.status,
        StatusCode::OK,
        "still open"
    );

    // A trainee of no course: the quiz is refused; the attempt is unknown.
    let stranger = UserBuilder::trainee().create(&app).await;
    let mut b = Browser::new(&app);
    b.login(&stranger.email, PASSWORD).await;
    assert_eq!(b.get(&attempt).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        b.get(&format!("/learn/attempts/{}", Uuid::now_v7()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get("/learn/attempts/not-a-uuid").await.status,
        StatusCode::NOT_FOUND
    );
    // A bad answer is refused on the page, not a 500.
    let bad = vec![
        ("shown".to_owned(), ids[2].to_string()),
        (format!("q-{}", ids[2]), "maybe".to_owned()),
    ];
    let res = post_form(&mut mine, &attempt, &format!("{attempt}/answers"), &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains("Some answers could not be saved"));
}
