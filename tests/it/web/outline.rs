//! The course editor's outline page: sections and contents in order, adding sections and
//! contents, the move buttons (full order forms, CSRF included), moving to another
//! section, deleting a section (its contents stay), and a stale order.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{Browser, PASSWORD, location};
use crate::outline_api::Authoring;

/// The trainer of an `Authoring` course, signed in to the pages.
pub(crate) async fn trainer_browser(a: &Authoring) -> Browser<'_> {
    let mut browser = Browser::new(&a.app);
    let res = browser.login(&a.trainer.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    browser
}

/// The action and fields of the form holding the element `id="<button>"`, as a browser
/// would send it when that button is pressed (hidden inputs and the form's token).
pub(crate) fn form_of(html: &str, button: &str) -> (String, Vec<(String, String)>) {
    let at = html
        .find(&format!(r#"id="{button}""#))
        .unwrap_or_else(|| panic!("no {button} in {html}"));
    let start = html[..at].rfind("<form").expect("a form around the button");
    let form = &html[start..at];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(r#"{name}=""#);
        let i = tag.find(&key)? + key.len();
        Some(tag[i..].split('"').next()?.to_owned())
    };
    let action = attr(form, "action").expect("form action");
    let mut fields = Vec::new();
    for tag in form.split('<').filter(|t| t.starts_with("input")) {
        if let (Some(name), Some(value)) = (attr(tag, "name"), attr(tag, "value")) {
            fields.push((name, value));
        }
    }
    (action, fields)
}

/// Presses the button: posts its form.
pub(crate) async fn press(
    browser: &mut Browser<'_>,
    page: &str,
    button: &str,
) -> crate::helpers::TestResponse {
    let res = browser.get(page).await;
    assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.text);
    let (action, fields) = form_of(&res.html, button);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    browser.post(&action, &pairs).await
}

/// The course's contents as the API lists them: (title, section, order).
pub(crate) async fn contents(a: &Authoring) -> Vec<Value> {
    let res = a
        .call(
            Method::GET,
            &format!("/api/courses/{}/contents", a.course.id),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let mut list = res.json["contents"].as_array().unwrap().clone();
    list.sort_by_key(|c| c["order"].as_i64());
    list
}

async fn section_titles(a: &Authoring) -> Vec<String> {
    let res = a
        .call(
            Method::GET,
            &format!("/api/courses/{}/sections", a.course.id),
            None,
        )
        .await;
    res.json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect()
}

fn titles_in(contents: &[Value], section: Option<&str>) -> Vec<String> {
    contents
        .iter()
        .filter(|c| c["sectionId"].as_str() == section)
        .map(|c| c["title"].as_str().unwrap().to_owned())
        .collect()
}

/// Where each needle first appears: they must appear, in this order.
fn assert_in_order(html: &str, needles: &[&str]) {
    let mut last = 0;
    for needle in needles {
        let at = html[last..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing or out of order"))
            + last;
        last = at + needle.len();
    }
}

#[tokio::test]
async fn the_outline_lists_sections_and_contents_in_order() {
    let a = Authoring::new().await;
    let one = a.section("Getting started").await;
    let two = a.section("Going further").await;
    a.content(json!({"title": "Welcome clip", "type": "video", "sectionId": one}))
        .await;
    a.content(
        json!({"title": "Handbook", "type": "document", "sectionId": one, "isPublished": false}),
    )
    .await;
    a.content(json!({"title": "Final check", "type": "quiz", "sectionId": two}))
        .await;
    a.content(json!({"title": "Loose notes", "type": "article"}))
        .await;
    let mut b = trainer_browser(&a).await;
    let page = b
        .get(&format!("/teach/courses/{}/outline", a.course.id))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_in_order(
        &page.text,
        &[
            "<bdi>Getting started</bdi>",
            "<bdi>Welcome clip</bdi>",
            "Video",
            "<bdi>Handbook</bdi>",
            "Draft",
            "Document",
            "<bdi>Going further</bdi>",
            "<bdi>Final check</bdi>",
            "Quiz",
            r#"id="h-no-section">No section"#,
            "<bdi>Loose notes</bdi>",
        ],
    );
    // Each item has a type icon, its editor and its move buttons; the first cannot go up.
    assert!(
        page.text
            .contains(r#"<span class="kind-icon"><svg class="icon""#)
    );
    let clip = &contents(&a).await[0];
    let clip_id = clip["id"].as_str().unwrap();
    assert!(
        page.text
            .contains(&format!(r#"href="/teach/contents/{clip_id}""#))
    );
    assert!(
        page.text
            .contains(&format!(r#"id="content-down-{clip_id}""#))
    );
    assert!(!page.text.contains(&format!(r#"id="content-up-{clip_id}""#)));
    // The type picker offers the six types, and the section form is there.
    for kind in [
        "video",
        "document",
        "image",
        "article",
        "quiz",
        "certificate",
    ] {
        assert!(
            page.text.contains(&format!(r#"id="new-type-{kind}""#)),
            "{kind}"
        );
    }
    assert!(page.text.contains(r#"id="add-section-form""#));
}

#[tokio::test]
async fn the_move_buttons_reorder_sections_and_contents() {
    let a = Authoring::new().await;
    let one = a.section("One").await;
    let two = a.section("Two").await;
    let first = a
        .content(json!({"title": "First", "type": "article", "sectionId": one}))
        .await;
    let second = a
        .content(json!({"title": "Second", "type": "article", "sectionId": one}))
        .await;
    let (first, second) = (
        first["id"].as_str().unwrap().to_owned(),
        second["id"].as_str().unwrap().to_owned(),
    );
    let mut b = trainer_browser(&a).await;
    let outline = format!("/teach/courses/{}/outline", a.course.id);

    // A section moves down: the full order is posted, with the page's token.
    let res = press(&mut b, &outline, &format!("section-down-{one}")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), format!("{outline}#section-{one}"));
    assert_eq!(section_titles(&a).await, ["Two", "One"]);
    let page = b.get(&outline).await;
    assert!(page.text.contains("The new order was saved."));

    // A content moves up within its section.
    let res = press(&mut b, &outline, &format!("content-up-{second}")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), format!("{outline}#content-{second}"));
    assert_eq!(
        titles_in(&contents(&a).await, Some(&one)),
        ["Second", "First"]
    );

    // The same form without its token changes nothing.
    let page = b.get(&outline).await;
    let (action, fields) = form_of(&page.html, &format!("content-up-{first}"));
    let forged: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(n, _)| n != "csrf")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let res = b.post(&action, &forged).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        titles_in(&contents(&a).await, Some(&one)),
        ["Second", "First"]
    );

    // "Move to section": the content goes to the end of the other section.
    let res = b
        .submit(
            &outline,
            &format!("/teach/contents/{first}/move"),
            &[("sectionId", &two)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let now = contents(&a).await;
    assert_eq!(titles_in(&now, Some(&two)), ["First"]);
    assert_eq!(titles_in(&now, Some(&one)), ["Second"]);
    // ... and to no section.
    let res = b
        .submit(
            &outline,
            &format!("/teach/contents/{second}/move"),
            &[("sectionId", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(titles_in(&contents(&a).await, None), ["Second"]);
}

#[tokio::test]
async fn an_order_from_a_stale_page_is_refused_and_the_outline_shown_as_it_is() {
    let a = Authoring::new().await;
    let one = a.section("One").await;
    let two = a.section("Two").await;
    let mut b = trainer_browser(&a).await;
    let outline = format!("/teach/courses/{}/outline", a.course.id);
    let page = b.get(&outline).await;
    let (action, mut fields) = form_of(&page.html, &format!("section-down-{one}"));
    // Meanwhile a third section was added: the page's list is no longer the course's.
    a.section("Three").await;
    fields.retain(|(n, _)| n != "focus");
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let res = b.post(&action, &pairs).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(
        res.text
            .contains("The outline changed since this page was opened")
    );
    assert!(res.text.contains("<bdi>Three</bdi>"));
    assert_eq!(section_titles(&a).await, ["One", "Two", "Three"]);
    let _ = two;
}

#[tokio::test]
async fn sections_are_added_edited_and_deleted_and_their_contents_stay() {
    let a = Authoring::new().await;
    let mut b = trainer_browser(&a).await;
    let outline = format!("/teach/courses/{}/outline", a.course.id);
    let add = format!("/teach/courses/{}/sections", a.course.id);

    let res = b.submit(&outline, &add, &[("title", "  ")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains(r#"id="section-title-error""#));
    assert!(res.text.contains(r##"<a href="#section-title">"##));

    let res = b
        .submit(
            &outline,
            &add,
            &[
                ("title", "مقدمة"),
                ("description", "Start here"),
                ("isPublished", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert!(location(&res).starts_with(&format!("{outline}#section-")));
    let section = location(&res)
        .rsplit("#section-")
        .next()
        .unwrap()
        .to_owned();
    let page = b.get(&outline).await;
    assert!(page.text.contains("The section was added."));
    assert!(page.text.contains("<bdi>مقدمة</bdi>"));

    // Edit: unticked "published" is sent as absent.
    let edit = format!("/teach/sections/{section}");
    let res = b
        .submit(
            &edit,
            &edit,
            &[("title", "Introduction"), ("description", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let res = a
        .call(
            Method::GET,
            &format!("/api/courses/{}/sections", a.course.id),
            None,
        )
        .await;
    assert_eq!(res.json["sections"][0]["title"], "Introduction");
    assert_eq!(res.json["sections"][0]["isPublished"], false);
    assert_eq!(res.json["sections"][0]["description"], Value::Null);

    // Delete: the page says what happens to its contents, which move to "no section".
    a.content(json!({"title": "Kept", "type": "article", "sectionId": section}))
        .await;
    let confirm = format!("/teach/sections/{section}/delete");
    let page = b.get(&confirm).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text
            .contains("The contents it holds (1) are not deleted"),
        "{}",
        page.text
    );
    let res = b.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), outline);
    assert!(section_titles(&a).await.is_empty());
    assert_eq!(titles_in(&contents(&a).await, None), ["Kept"]);
}

#[tokio::test]
async fn the_type_picker_creates_a_draft_and_opens_its_editor() {
    let a = Authoring::new().await;
    let section = a.section("Week 1").await;
    let mut b = trainer_browser(&a).await;
    let outline = format!("/teach/courses/{}/outline", a.course.id);
    let add = format!("/teach/courses/{}/contents", a.course.id);

    // The section's "add content here" link picks it in the form.
    let page = b.get(&format!("{outline}?section={section}")).await;
    assert!(
        page.text
            .contains(&format!(r#"<option value="{section}" selected>"#))
    );

    let res = b.submit(&outline, &add, &[("newTitle", "No type")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains(r#"id="new-type-error""#));
    assert!(res.text.contains(r#"value="No type""#), "the title is kept");

    let res = b
        .submit(
            &outline,
            &add,
            &[("type", "quiz"), ("newTitle", ""), ("sectionId", &section)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let editor = location(&res).to_owned();
    assert!(editor.starts_with("/teach/contents/"));
    let page = b.get(&editor).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("The content was added as a draft."));
    assert!(page.text.contains("<h1><bdi>Quiz</bdi></h1>"));
    let created = &contents(&a).await[0];
    assert_eq!(created["title"], "Quiz");
    assert_eq!(created["isPublished"], false);
    assert_eq!(created["sectionId"].as_str(), Some(section.as_str()));
}
