//! Assignments through the pages: a trainee hands in text and a file from the form and
//! sees it (again: two versions), a refusal is shown on the form with nothing kept; the
//! trainer sets, changes and deletes assignments, filters the work handed in and grades it
//! with "Save and next"; the trainee then sees the score and the feedback.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use serde_json::json;

use super::{Browser, PASSWORD, Part, csrf_in, location};
use crate::assignments_api::Class;
use crate::content_files::pdf;
use crate::courses_api::enrol;
use crate::fixtures::UserBuilder;
use crate::helpers::{TestApp, TestResponse};

async fn stored(app: &TestApp) -> usize {
    app.state
        .storage
        .list(courseworx::storage::Folder::Submissions)
        .await
        .unwrap()
        .len()
}

/// A trainee of the class's course, signed in to the pages, with an API token.
async fn trainee<'a>(c: &'a Class, first: &str, last: &str) -> (Browser<'a>, String) {
    let t = UserBuilder::trainee()
        .named(first, last)
        .create(c.app())
        .await;
    enrol(c.app(), t.id, c.a.course.id).await;
    let mut b = Browser::new(c.app());
    b.login(&t.email, PASSWORD).await;
    let token = c.app().login(&t.email, PASSWORD).await;
    (b, token)
}

async fn trainer(c: &Class) -> Browser<'_> {
    let mut b = Browser::new(c.app());
    b.login(&c.a.trainer.email, PASSWORD).await;
    b
}

/// Opens the assignment's page and hands in from its form.
async fn hand_in(b: &mut Browser<'_>, assignment: &str, parts: &[Part<'_>]) -> TestResponse {
    let page = format!("/learn/assignments/{assignment}");
    let res = b.get(&page).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let token = csrf_in(&res.text);
    let mut all = vec![Part::Field("csrf", &token)];
    all.extend(parts.iter().map(|p| match *p {
        Part::Field(n, v) => Part::Field(n, v),
        Part::File(n, f, b) => Part::File(n, f, b),
    }));
    b.post_multipart(&page, &all).await
}

fn future() -> String {
    (Utc::now() + Duration::days(3)).to_rfc3339()
}

#[tokio::test]
async fn a_trainee_hands_in_text_and_a_file_and_again_and_sees_both_versions() {
    let c = Class::new(0).await;
    let id = c.assignment(json!({"dueDate": future()})).await;
    let (mut t, _) = trainee(&c, "Lina", "Haddad").await;

    let list = t
        .get(&format!("/learn/{}/assignments", c.a.course.id))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    assert!(list.text.contains("Risk assessment") && list.text.contains("Not handed in"));
    assert!(
        list.text
            .contains(&format!(r#"href="/learn/assignments/{id}""#))
    );
    assert!(list.text.contains("10 points"));

    let file = pdf(2);
    let res = hand_in(
        &mut t,
        &id,
        &[
            Part::Field("text", "The bay needs a second exit."),
            Part::File("files", "plan.pdf", &file),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), format!("/learn/assignments/{id}#work"));
    let page = t.get(&format!("/learn/assignments/{id}")).await;
    assert!(
        page.text.contains("Your work is handed in."),
        "{}",
        page.text
    );
    assert!(page.text.contains("The bay needs a second exit."));
    assert!(page.text.contains("Handed in (version 1)"));
    assert!(page.text.contains("plan.pdf"));
    let link = page
        .text
        .split("href=\"/submissions/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a download link");
    // As the browser reads the attribute.
    let link = link.replace("&amp;", "&").replace("&#38;", "&");
    assert!(link.ends_with("/download?file=0&version=1"), "{link}");
    let download = t.get(&format!("/submissions/{link}")).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, file);
    assert_eq!(stored(c.app()).await, 1);

    // Again, text only: version 2, with version 1 kept below it.
    let res = hand_in(&mut t, &id, &[Part::Field("text", "Two exits, marked.")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = t.get(&format!("/learn/assignments/{id}")).await;
    assert!(page.text.contains("Handed in (version 2)"), "{}", page.text);
    assert!(page.text.contains("1 earlier version") && page.text.contains("Version 1"));
    assert!(page.text.contains("Two exits, marked.") && page.text.contains("plan.pdf"));
    let list = t
        .get(&format!("/learn/{}/assignments", c.a.course.id))
        .await;
    assert!(list.text.contains("Handed in (version 2)"));

    // Nothing at all: refused on the field.
    let res = hand_in(&mut t, &id, &[Part::Field("text", "  ")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains("Write an answer or attach at least one file.")
    );
}

#[tokio::test]
async fn a_refused_hand_in_is_shown_on_the_form_and_nothing_is_kept() {
    let c = Class::new(0).await;
    let past = (Utc::now() - Duration::hours(1)).to_rfc3339();
    let closed = c.assignment(json!({"dueDate": past})).await;
    let (mut t, _) = trainee(&c, "Omar", "Saleh").await;
    let page = t.get(&format!("/learn/assignments/{closed}")).await;
    assert!(
        page.text.contains("The due date has passed"),
        "{}",
        page.text
    );
    assert!(!page.text.contains(r#"id="hand-in-form""#));

    let file = pdf(1);
    let res = hand_in(
        &mut t,
        &closed,
        &[
            Part::Field("text", "Late?"),
            Part::File("files", "late.pdf", &file),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text);
    assert!(
        res.text
            .contains("Your work was not handed in, and nothing was kept.")
    );
    assert_eq!(stored(c.app()).await, 0);
    let list = t
        .get(&format!("/learn/{}/assignments", c.a.course.id))
        .await;
    assert!(list.text.contains("Not handed in") && list.text.contains("Closed"));

    // A file that is not a document or an image: on the field, nothing kept.
    let open = c.assignment(json!({"dueDate": future()})).await;
    let res = hand_in(
        &mut t,
        &open,
        &[
            Part::Field("text", "Here."),
            Part::File("files", "tool.exe", b"MZ\x90\x00not a document at all"),
        ],
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        res.text
    );
    assert!(res.text.contains("neither a document nor an image"));
    assert!(res.text.contains("Here."), "what was typed is kept");
    assert_eq!(stored(c.app()).await, 0);
}

#[tokio::test]
async fn the_trainer_filters_grades_with_save_and_next_and_the_trainee_sees_the_grade() {
    let c = Class::new(0).await;
    let id = c
        .assignment(json!({"dueDate": future(), "allowLateSubmission": true}))
        .await;
    let (mut first, _) = trainee(&c, "Lina", "Haddad").await;
    let (_, late_token) = trainee(&c, "Omar", "Saleh").await;
    let res = hand_in(&mut first, &id, &[Part::Field("text", "On time.")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    // The due date moves into the past: the second trainee's work is late.
    c.a.call(
        Method::PUT,
        &format!("/api/assignments/{id}"),
        Some(json!({"dueDate": (Utc::now() - Duration::hours(1)).to_rfc3339()})),
    )
    .await;
    assert_eq!(
        c.hand_in(&late_token, &id, "Late, sorry.").await.status,
        StatusCode::CREATED
    );
    let api =
        c.a.call(
            Method::GET,
            &format!("/api/assignments/{id}/submissions"),
            None,
        )
        .await;
    let ids: Vec<String> = api.json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2);

    let mut b = trainer(&c).await;
    let teach = b
        .get(&format!("/teach/courses/{}/assignments", c.a.course.id))
        .await;
    assert_eq!(teach.status, StatusCode::OK, "{}", teach.text);
    let submissions = format!("/teach/assignments/{id}/submissions");
    assert!(teach.text.contains(&format!(r#"href="{submissions}""#)));
    let all = b.get(&submissions).await;
    assert!(all.text.contains("2 pieces of work"), "{}", all.text);
    assert!(all.text.contains("Lina Haddad") && all.text.contains("Omar Saleh"));
    let late = b.get(&format!("{submissions}?filter=late")).await;
    assert!(late.text.contains("Omar Saleh") && !late.text.contains("Lina Haddad"));
    assert!(late.text.contains("1 piece of work"));

    // Out of range: refused on the form, what was typed kept.
    let view = format!("/teach/submissions/{}", ids[0]);
    let res = b
        .submit(&view, &view, &[("score", "11"), ("feedback", "Keep going")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains("Enter a number from 0 to 10.") && res.text.contains("Keep going"));
    assert!(
        res.text.contains("<bdi>Lina Haddad</bdi>"),
        "whose work it is"
    );

    let res = b
        .submit(
            &view,
            &view,
            &[
                ("score", "7.5"),
                ("feedback", "**Good** work."),
                ("next", "1"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let next = format!("/teach/submissions/{}", ids[1]);
    assert_eq!(location(&res), next);
    assert!(b.get(&next).await.text.contains("The grade is saved."));
    let res = b
        .submit(
            &next,
            &next,
            &[("score", "٥"), ("feedback", ""), ("next", "1")],
        )
        .await;
    assert_eq!(location(&res), submissions, "none left: the list");
    let ungraded = b.get(&format!("{submissions}?filter=ungraded")).await;
    assert!(ungraded.text.contains("Nothing matches this filter"));

    // Changed again: the history says so.
    b.submit(
        &view,
        &view,
        &[("score", "8"), ("feedback", "**Good** work.")],
    )
    .await;
    let page = b.get(&view).await;
    assert!(page.text.contains("Changed from 7.5 to 8"), "{}", page.text);
    assert!(page.text.contains("Graded 7.5"));

    let page = first.get(&format!("/learn/assignments/{id}")).await;
    assert!(page.text.contains("Graded: 8 out of 10"), "{}", page.text);
    assert!(page.text.contains("<strong>Good</strong> work."));
    assert!(page.text.contains("This work has been graded"));
    // Its trainee does not reach the grading view.
    assert_eq!(first.get(&view).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_trainer_sets_changes_and_deletes_assignments_from_the_pages() {
    let c = Class::new(0).await;
    let mut b = trainer(&c).await;
    let list = format!("/teach/courses/{}/assignments", c.a.course.id);
    let empty = b.get(&list).await;
    assert!(empty.text.contains("No assignments yet"));

    let res = b
        .submit(
            &list,
            &list,
            &[
                ("title", "Loading plan"),
                ("description", "Draw it.\n\nLabel the exits."),
                ("due_date", "tomorrow"),
                ("points", "20"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Enter a date and a time") && res.text.contains("Loading plan"));

    let res = b
        .submit(
            &list,
            &list,
            &[
                ("title", "Loading plan"),
                ("description", "Draw it.\n\nLabel the exits."),
                ("due_date", "2030-01-02T10:30"),
                ("points", "20"),
                ("is_published", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = b.get(&list).await;
    assert!(page.text.contains("The assignment is set."));
    assert!(page.text.contains("Due 2 January 2030, 10:30 UTC") && page.text.contains("20 points"));
    let id = page
        .text
        .split("href=\"/teach/assignments/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let edit = format!("/teach/assignments/{id}");
    let form = b.get(&edit).await;
    assert!(form.text.contains(r#"value="2030-01-02T10:30""#));

    let res = b
        .submit(
            &edit,
            &edit,
            &[
                ("title", "Loading plan, revised"),
                ("description", "Draw it."),
                ("due_date", ""),
                ("points", "abc"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Enter a number from 0 to 10,000."));
    let res = b
        .submit(
            &edit,
            &edit,
            &[
                ("title", "Loading plan, revised"),
                ("description", "Draw it."),
                ("due_date", ""),
                ("points", "15"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = b.get(&list).await;
    assert!(page.text.contains("Loading plan, revised") && page.text.contains("No due date"));
    assert!(page.text.contains("Draft"), "unticked: unpublished");

    let delete = format!("{edit}/delete");
    let res = b.submit(&delete, &delete, &[]).await;
    assert_eq!(location(&res), list);
    assert!(b.get(&list).await.text.contains("No assignments yet"));

    // Work handed in: kept, and the confirmation says why.
    let kept = c.assignment(json!({})).await;
    let (_, token) = trainee(&c, "Lina", "Haddad").await;
    c.hand_in(&token, &kept, "Mine.").await;
    let delete = format!("/teach/assignments/{kept}/delete");
    let res = b.submit(&delete, &delete, &[]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text.contains("Unpublish it instead of deleting it."));
}
