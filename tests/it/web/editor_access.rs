//! Who reaches the course editor: another trainer gets 403 (or 404 for a course they may
//! not see) on every GET and POST of it and changes nothing; a trainee, even one enrolled,
//! never opens a page with a quiz's answers on it.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::{Browser, PASSWORD, Part, csrf_in};
use crate::content_files::pdf;
use crate::courses_api::enrol;
use crate::fixtures::{CourseBuilder, UserBuilder};
use crate::outline_api::Authoring;

/// A course with one of everything the editor's routes name.
struct Course {
    a: Authoring,
    section: String,
    content: String,
    quiz: String,
    question: String,
}

impl Course {
    async fn new(published: bool) -> Course {
        let a = Authoring::new().await;
        let section = a.section("Part one").await;
        let content = a
            .content(json!({"title": "Handbook", "type": "document", "sectionId": section}))
            .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let quiz = a.content(json!({"title": "Check", "type": "quiz"})).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = a
            .call(
                Method::POST,
                &format!("/api/contents/{quiz}/questions"),
                Some(json!({"question": "Capital?", "questionType": "text", "correctAnswer": "zebra-secret-answer"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        let question = res.json["question"]["id"].as_str().unwrap().to_owned();
        if !published {
            let res = a
                .call(
                    Method::POST,
                    &format!("/api/courses/{}/unpublish", a.course.id),
                    None,
                )
                .await;
            assert!(res.status.is_success(), "{}", res.text);
        }
        Course {
            a,
            section,
            content,
            quiz,
            question,
        }
    }

    /// A page route with its `{id}` filled by what it names.
    fn fill(&self, path: &str) -> String {
        let id = if path.starts_with("/teach/courses/") {
            self.a.course.id.to_string()
        } else if path.starts_with("/teach/sections/") {
            self.section.clone()
        } else if path.starts_with("/teach/questions/") {
            self.question.clone()
        } else if path.contains("/questions") {
            self.quiz.clone()
        } else {
            self.content.clone()
        };
        path.replace("{id}", &id)
    }

    /// The editor's routes.
    fn routes() -> Vec<(Method, &'static str)> {
        courseworx::web::served_pages()
            .into_iter()
            .filter(|(_, path)| path.starts_with("/teach/"))
            .filter(|(_, path)| {
                // The other helper's course pages are not the editor's.
                path.contains("/outline")
                    || path.contains("/sections")
                    || path.contains("/contents")
                    || path.starts_with("/teach/questions/")
            })
            .collect()
    }

    async fn snapshot(&self) -> String {
        let id = self.a.course.id;
        let mut text = String::new();
        for path in [
            format!("/api/courses/{id}/sections"),
            format!("/api/courses/{id}/contents"),
            format!("/api/contents/{}/questions", self.quiz),
        ] {
            let res = self.a.call(Method::GET, &path, None).await;
            text.push_str(&res.text);
        }
        text
    }
}

async fn refused_everywhere(published: bool, expected: StatusCode) {
    let course = Course::new(published).await;
    let other = UserBuilder::trainer().create(&course.a.app).await;
    let mut b = Browser::new(&course.a.app);
    b.login(&other.email, PASSWORD).await;
    let token = csrf_in(&b.get("/profile").await.html);
    let before = course.snapshot().await;
    let routes = Course::routes();
    assert!(routes.len() >= 25, "{routes:?}");
    for (method, route) in routes {
        let path = course.fill(route);
        let res = if method == Method::GET {
            b.get(&path).await
        } else if route.ends_with("/file") {
            b.post_multipart(
                &path,
                &[
                    Part::Field("csrf", &token),
                    Part::File("file", "x.pdf", &pdf(2048)),
                ],
            )
            .await
        } else {
            b.post(
                &path,
                &[
                    ("csrf", &token),
                    ("title", "Taken over"),
                    ("type", "article"),
                    ("question", "Taken over?"),
                    ("questionType", "true_false"),
                    ("correctAnswer", "true"),
                    ("ids", &course.section),
                ],
            )
            .await
        };
        assert_eq!(res.status, expected, "{method} {path}: {}", res.text);
        assert!(!res.text.contains("zebra-secret-answer"), "{method} {path}");
    }
    assert_eq!(course.snapshot().await, before, "nothing changed");
    let files = course
        .a
        .app
        .state
        .storage
        .list(courseworx::storage::Folder::Contents)
        .await
        .unwrap();
    assert!(files.is_empty());
}

#[tokio::test]
async fn another_trainer_gets_403_on_every_editor_route_and_changes_nothing() {
    refused_everywhere(true, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn another_trainer_gets_404_on_every_editor_route_of_a_hidden_course() {
    refused_everywhere(false, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn a_trainee_never_opens_a_page_with_an_answer_on_it() {
    let course = Course::new(true).await;
    let trainee = UserBuilder::trainee().create(&course.a.app).await;
    enrol(&course.a.app, trainee.id, course.a.course.id).await;
    // Another course of theirs, to be sure course pages of any kind say nothing either.
    let _ = CourseBuilder::new(&course.a.trainer)
        .published()
        .create(&course.a.app)
        .await;
    let mut b = Browser::new(&course.a.app);
    b.login(&trainee.email, PASSWORD).await;
    for (method, route) in courseworx::web::served_pages() {
        if method != Method::GET || route.contains("{id}") && !route.starts_with("/teach/") {
            continue;
        }
        let path = course.fill(route);
        let res = b.get(&path).await;
        // The API's reference documents the field; no page shows a value of it.
        let secrets: &[&str] = if path == "/api/docs" {
            &["zebra-secret-answer"]
        } else {
            &["correctAnswer", "zebra-secret-answer", "question-form"]
        };
        for secret in secrets {
            assert!(!res.text.contains(secret), "{secret} on {path}");
        }
        if route.starts_with("/teach/")
            && (route.contains("/questions") || route.starts_with("/teach/contents/"))
        {
            assert!(
                matches!(res.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{path}: {}",
                res.status
            );
        }
    }
}
