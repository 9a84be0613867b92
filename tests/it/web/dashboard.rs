//! The dashboards as pages: the trainer's home (courses with their progress chart, the work
//! waiting), the trainee's (assignments due, recent grades) and a course's statistics page
//! (figures, rings and charts with their numbers), in both languages.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use serde_json::json;

use super::{Browser, PASSWORD};
use crate::assignments_api::Class;
use courseworx::domain::user::Role;

#[tokio::test]
async fn the_trainer_s_home_shows_each_course_and_the_work_waiting() {
    let c = Class::new(2).await;
    let id = c
        .assignment(json!({"title": "Loading bay plan", "points": 10}))
        .await;
    let res = c.hand_in(c.token(0), &id, "Done.").await;
    let work = res.json["submission"]["id"].as_str().unwrap().to_owned();

    let mut b = Browser::new(c.app());
    b.login(&c.a.trainer.email, PASSWORD).await;
    let home = b.get("/").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.text);
    let text = &home.text;
    assert!(text.contains(&format!("id=\"course-card-{}\"", c.a.course.id)));
    assert!(text.contains(&format!("href=\"/teach/submissions/{work}\"")));
    assert!(text.contains("Loading bay plan"));
    // The progress chart: an image named by its title and described, with its table.
    assert!(text.contains(&format!(
        "aria-labelledby=\"progress-{0}-t progress-{0}-d\"",
        c.a.course.id
    )));
    assert!(text.contains("Of 2 trainees, 0 are at 80% or more and 2 below 20%."));
    assert!(text.contains(&format!(
        "href=\"/teach/courses/{}/statistics\"",
        c.a.course.id
    )));

    // Another trainer sees none of it.
    let (other, _) = c.app().signed_in(Role::Trainer).await;
    let mut o = Browser::new(c.app());
    o.login(&other.email, PASSWORD).await;
    let home = o.get("/").await;
    assert!(!home.text.contains(&c.a.course.id.to_string()));
    assert!(!home.text.contains("Loading bay plan"));
    assert!(home.text.contains("id=\"courses-empty\""));
}

#[tokio::test]
async fn the_trainee_s_home_lists_assignments_due_and_recent_grades() {
    let c = Class::new(2).await;
    let due = Utc::now() + Duration::days(3);
    let id = c
        .assignment(json!({"title": "Loading bay plan", "points": 10, "dueDate": due.to_rfc3339()}))
        .await;
    let res = c.hand_in(c.token(0), &id, "Done.").await;
    let work = res.json["submission"]["id"].as_str().unwrap().to_owned();
    c.grade(
        &c.a.token,
        &work,
        json!({"score": 7.5, "feedback": "Close."}),
    )
    .await;

    let email0 = c.app().user_row(c.trainees[0].0).await.email;
    let email1 = c.app().user_row(c.trainees[1].0).await.email;
    let mut b = Browser::new(c.app());
    b.login(&email0, PASSWORD).await;
    let home = b.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.text
            .contains(&format!("href=\"/learn/assignments/{id}\""))
    );
    assert!(home.text.contains("Handed in"));
    assert!(home.text.contains("id=\"home-grades\""));
    assert!(home.text.contains("7.5 / 10 · 75%"), "{}", home.text);
    assert!(home.text.contains("Feedback from your trainer"));

    // The other trainee: due, not handed in, no grades; in Arabic with Arabic digits.
    let mut b = Browser::new(c.app()).header("accept-language", "ar");
    b.login(&email1, PASSWORD).await;
    let home = b.get("/").await;
    assert!(
        home.text
            .contains(&format!("href=\"/learn/assignments/{id}\""))
    );
    assert!(!home.text.contains("id=\"home-grades\""));
    assert!(home.text.contains("واجب"));
}

#[tokio::test]
async fn the_statistics_page_draws_each_chart_with_its_numbers_in_both_languages() {
    let c = Class::new(3).await;
    let path = format!("/teach/courses/{}/statistics", c.a.course.id);
    let mut b = Browser::new(c.app());
    b.login(&c.a.trainer.email, PASSWORD).await;
    let page = b.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let text = &page.text;
    for id in [
        "chart-enrolments",
        "chart-progress",
        "chart-scores",
        "chart-attendance",
        "ring-completion",
        "ring-attendance",
    ] {
        assert!(text.contains(&format!("id=\"{id}\"")), "{id}");
    }
    // Three enrolments this week, in the figures, the sentence and the table.
    assert!(text.contains(r#"id="stat-total"><dt class="stat__label">Enrolments</dt><dd class="stat__value">3</dd>"#), "{text}");
    assert!(text.contains("3 enrolments in the last 12 weeks, 3 of them this week."));
    assert!(text.contains("<svg class=\"chart__svg\""));
    assert!(text.contains("role=\"img\""));
    // No quiz graded and no register yet: said, not drawn as zeros.
    assert!(text.contains("Nothing to show yet."));
    assert!(text.contains("Attendance rate: nothing to measure yet."));

    let mut ar = Browser::new(c.app()).header("accept-language", "ar");
    ar.login(&c.a.trainer.email, PASSWORD).await;
    let page = ar.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("٣ تسجيلًا في آخر ١٢ أسبوعًا"),
        "{}",
        page.text
    );
}
