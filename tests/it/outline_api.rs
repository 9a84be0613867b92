//! Sections and contents: creating, ordering, moving, deleting, the learner's outline and
//! the curriculum summary kept with it.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::courses;
use courseworx::domain::user::User;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::courses_api::enrol;
use crate::fixtures::{CourseBuilder, UserBuilder};
use crate::helpers::{TestApp, TestResponse};

pub(crate) struct Authoring {
    pub app: TestApp,
    pub trainer: User,
    pub token: String,
    pub course: courses::Model,
}

impl Authoring {
    pub async fn new() -> Authoring {
        Authoring::with(|_| {}).await
    }

    /// With a configuration adjusted by the test.
    pub async fn with(adjust: impl FnOnce(&mut courseworx::config::Config)) -> Authoring {
        let app = TestApp::spawn_with(adjust).await;
        let trainer = UserBuilder::trainer().create(&app).await;
        let token = app.login(&trainer.email, crate::fixtures::PASSWORD).await;
        let course = CourseBuilder::new(&trainer).published().create(&app).await;
        Authoring {
            app,
            trainer,
            token,
            course,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> TestResponse {
        self.app.send(method, path, Some(&self.token), body).await
    }

    pub async fn section(&self, title: &str) -> String {
        let res = self
            .call(
                Method::POST,
                &format!("/api/courses/{}/sections", self.course.id),
                Some(json!({"title": title})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        res.json["section"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn content(&self, body: Value) -> Value {
        let res = self
            .call(
                Method::POST,
                &format!("/api/courses/{}/contents", self.course.id),
                Some(body),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        res.json["content"].clone()
    }

    pub async fn curriculum(&self) -> Value {
        courses::Entity::find_by_id(self.course.id)
            .one(self.app.db())
            .await
            .unwrap()
            .unwrap()
            .curriculum
            .unwrap()
    }
}

fn ids(v: &Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_trainer_builds_and_reorders_an_outline_in_one_call_each() {
    let a = Authoring::new().await;
    let one = a.section("Part one").await;
    let two = a.section("Part two").await;
    let intro = a.content(json!({"title": "Intro", "type": "article", "sectionId": one, "articleContent": "Hello"})).await;
    let clip = a
        .content(json!({"title": "Clip", "type": "video", "sectionId": one, "duration": 120}))
        .await;
    let quiz = a
        .content(json!({"title": "Check", "type": "quiz", "sectionId": two}))
        .await;
    assert_eq!(quiz["quizData"]["passingScore"], 70);
    assert_eq!(
        (intro["order"].as_i64(), clip["order"].as_i64()),
        (Some(0), Some(1))
    );

    // Sections: exactly the course's, or 422.
    let path = format!("/api/courses/{}/sections/order", a.course.id);
    let res = a
        .call(Method::PUT, &path, Some(json!({"ids": [two, one]})))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(ids(&res.json, "sections"), [two.clone(), one.clone()]);
    for bad in [
        json!({"ids": [two]}),
        json!({"ids": [two, one, one]}),
        json!({"ids": [two, one, uuid::Uuid::now_v7()]}),
    ] {
        let res = a.call(Method::PUT, &path, Some(bad.clone())).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }

    // Contents: the clip moves into part two, before the quiz, in one call.
    let clip_id = clip["id"].as_str().unwrap();
    let quiz_id = quiz["id"].as_str().unwrap();
    let path = format!("/api/courses/{}/contents/order", a.course.id);
    let res = a
        .call(
            Method::PUT,
            &path,
            Some(json!({"sectionId": two, "ids": [clip_id, quiz_id]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // Leaving the quiz out of its own section is refused.
    let res = a
        .call(
            Method::PUT,
            &path,
            Some(json!({"sectionId": two, "ids": [clip_id]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    let outline = a
        .app
        .get(&format!("/api/courses/{}/outline", a.course.id))
        .await;
    assert_eq!(outline.status, StatusCode::OK, "{}", outline.text);
    let tree = &outline.json["outline"];
    assert_eq!(tree[0]["title"], "Part two");
    assert_eq!(tree[0]["contents"][0]["title"], "Clip");
    assert_eq!(tree[0]["contents"][1]["title"], "Check");
    assert_eq!(tree[1]["contents"][0]["title"], "Intro");
    assert!(
        !outline.text.contains("passingScore"),
        "no quiz internals in the outline"
    );

    // The curriculum says the same, written in the same transaction.
    let curriculum = a.curriculum().await;
    assert_eq!(curriculum[0]["sectionId"], two);
    assert_eq!(curriculum[0]["contents"][0]["id"], clip_id);
}

#[tokio::test]
async fn deleting_a_section_keeps_its_contents_in_no_section() {
    let a = Authoring::new().await;
    let one = a.section("Part one").await;
    let loose = a
        .content(json!({"title": "Loose", "type": "article"}))
        .await;
    let kept = a
        .content(json!({"title": "Kept", "type": "article", "sectionId": one}))
        .await;
    let res = a
        .call(Method::DELETE, &format!("/api/sections/{one}"), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    let res = a
        .call(
            Method::GET,
            &format!("/api/contents/{}", kept["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(res.json["content"]["sectionId"], Value::Null);
    assert!(res.json["content"]["order"].as_i64() > loose["order"].as_i64());
    let curriculum = a.curriculum().await;
    assert_eq!(curriculum.as_array().unwrap().len(), 1);
    assert_eq!(curriculum[0]["contents"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn learners_see_published_material_only_and_strangers_none() {
    let a = Authoring::new().await;
    let hidden_section = a.section("Hidden").await;
    a.call(
        Method::PUT,
        &format!("/api/sections/{hidden_section}"),
        Some(json!({"isPublished": false})),
    )
    .await;
    let open = a
        .content(json!({"title": "Open", "type": "article", "articleContent": "# Hi"}))
        .await;
    let draft = a
        .content(json!({"title": "Draft", "type": "article", "isPublished": false}))
        .await;
    let tucked = a
        .content(json!({"title": "Tucked", "type": "article", "sectionId": hidden_section}))
        .await;
    let trainee = UserBuilder::trainee().create(&a.app).await;
    enrol(&a.app, trainee.id, a.course.id).await;
    let learner = a.app.login(&trainee.email, crate::fixtures::PASSWORD).await;
    let stranger = a
        .app
        .signed_in(courseworx::domain::user::Role::Trainee)
        .await
        .1;

    let path = format!("/api/courses/{}/contents", a.course.id);
    let res = a.app.send(Method::GET, &path, Some(&learner), None).await;
    assert_eq!(res.status, StatusCode::OK);
    let titles: Vec<&str> = res.json["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Open"]);
    assert_eq!(res.json["contents"][0]["articleHtml"], "<h1>Hi</h1>\n");
    for c in [&draft, &tucked] {
        let res = a
            .app
            .send(
                Method::GET,
                &format!("/api/contents/{}", c["id"].as_str().unwrap()),
                Some(&learner),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
    let res = a.app.send(Method::GET, &path, Some(&stranger), None).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = a
        .app
        .send(
            Method::GET,
            &format!("/api/contents/{}", open["id"].as_str().unwrap()),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // The owner sees all three.
    let res = a.call(Method::GET, &path, None).await;
    assert_eq!(res.json["contents"].as_array().unwrap().len(), 3);
    // And the public outline shows only the open one.
    let res = a
        .app
        .get(&format!("/api/courses/{}/outline", a.course.id))
        .await;
    assert!(
        res.text.contains("Open") && !res.text.contains("Draft") && !res.text.contains("Tucked"),
        "{}",
        res.text
    );
}

#[tokio::test]
async fn each_content_type_takes_what_it_needs_and_nothing_else() {
    let a = Authoring::new().await;
    let cert = a.content(json!({"title": "Certificate", "type": "certificate",
        "certificateTemplate": {"title": "Well done {{trainee_name}}", "body": "{{trainee_name}} completed {{course_title}} on {{date}} with {{trainer_name}}."}})).await;
    assert_eq!(
        cert["certificateTemplate"]["title"],
        "Well done {{trainee_name}}"
    );
    let path = format!("/api/courses/{}/contents", a.course.id);
    for (body, field) in [
        (
            json!({"title": "C", "type": "certificate", "certificateTemplate": {"title": "x", "body": "{{nickname}}"}}),
            "certificateTemplate.body",
        ),
        (
            json!({"title": "Q", "type": "quiz", "quizData": {"passingScore": 150, "showCorrectAnswers": "always"}}),
            "quizData.passingScore",
        ),
        (
            json!({"title": "V", "type": "video", "quizData": {}}),
            "quizData",
        ),
        (json!({"title": "V", "type": "podcast"}), "type"),
        (json!({"title": "", "type": "article"}), "title"),
        (
            json!({"title": "A", "type": "article", "articleFormat": "rtf"}),
            "articleFormat",
        ),
        (
            json!({"title": "A", "type": "article", "points": -1, "duration": 99999999}),
            "points",
        ),
        (
            json!({"title": "A", "type": "article", "sectionId": uuid::Uuid::now_v7()}),
            "sectionId",
        ),
        (
            json!({"title": "A", "type": "video", "fileUrl": "/etc/passwd"}),
            "fileUrl",
        ),
    ] {
        let res = a.call(Method::POST, &path, Some(body.clone())).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            res.text
        );
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{field}: {}",
            res.text
        );
    }
    // A content's type never changes.
    let res = a
        .call(
            Method::PUT,
            &format!("/api/contents/{}", cert["id"].as_str().unwrap()),
            Some(json!({"type": "quiz"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A section of another course is not this course's.
    let other = CourseBuilder::new(&a.trainer).create(&a.app).await;
    let res = a
        .call(
            Method::POST,
            &format!("/api/courses/{}/sections", other.id),
            Some(json!({"title": "Theirs"})),
        )
        .await;
    let theirs = res.json["section"]["id"].as_str().unwrap().to_owned();
    let res = a
        .call(
            Method::POST,
            &path,
            Some(json!({"title": "A", "type": "article", "sectionId": theirs})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// Script in every form the sanitiser tests know, through the API: the stored text is as
/// written, the HTML given to pages is inert.
#[tokio::test]
async fn an_article_with_script_in_every_form_renders_inert() {
    let a = Authoring::new().await;
    let vectors = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<details open ontoggle=alert(1)>",
        "[x](javascript:alert(1))",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<<script>script>alert(1)<</script>/script>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    ];
    let source = vectors.join("\n\n");
    for format in ["markdown", "html"] {
        let c = a
            .content(json!({"title": "Evil", "type": "article", "articleFormat": format, "articleContent": source}))
            .await;
        assert_eq!(c["articleContent"], source, "stored as written");
        let html = c["articleHtml"].as_str().unwrap().to_lowercase();
        for bad in [
            "<script", "<iframe", "<style", "<meta", "<form", "<svg", "<math", "<object",
        ] {
            assert!(!html.contains(bad), "{format}: {bad} in {html}");
        }
        // Inside tags (escaped text may well say "javascript:", harmlessly).
        for tag in tags(&html) {
            for bad in [
                "onerror",
                "onload",
                "ontoggle",
                "javascript:",
                "style=",
                "data:",
            ] {
                assert!(!tag.contains(bad), "{format}: {bad} in {tag}");
            }
        }
    }
}

/// The `<...>` of an HTML text (the sanitiser's output: quotes never hold a `>`).
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
        .collect()
}

#[tokio::test]
async fn concurrent_changes_leave_every_item_in_the_curriculum_and_its_own_place() {
    let a = Authoring::new().await;
    let section = a.section("Part one").await;
    let path = format!("/api/courses/{}/contents", a.course.id);
    let creates = (0..12).map(|i| {
        a.call(
            Method::POST,
            &path,
            Some(json!({"title": format!("Item {i}"), "type": "article", "sectionId": section})),
        )
    });
    for res in futures_util::future::join_all(creates).await {
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    }
    let curriculum = a.curriculum().await;
    assert_eq!(
        curriculum[0]["contents"].as_array().unwrap().len(),
        12,
        "{curriculum}"
    );
    let res = a
        .call(
            Method::GET,
            &format!("/api/courses/{}/contents", a.course.id),
            None,
        )
        .await;
    let mut orders: Vec<i64> = res.json["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["order"].as_i64().unwrap())
        .collect();
    orders.sort();
    assert_eq!(orders, (0..12).collect::<Vec<i64>>());
}

async fn outline_titles(app: &TestApp, course: uuid::Uuid) -> Vec<String> {
    let res = app.get(&format!("/api/courses/{course}/outline")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["outline"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["contents"].as_array().unwrap().clone())
        .map(|c| c["title"].as_str().unwrap().to_owned())
        .collect()
}

/// The learner's outline is kept for a second (`services::outline_cache`), but every change
/// made through the server shows in the very next read, for the course changed only.
#[tokio::test]
async fn the_kept_outline_shows_each_change_at_once() {
    let a = Authoring::new().await;
    let other = CourseBuilder::new(&a.trainer)
        .published()
        .create(&a.app)
        .await;
    assert!(outline_titles(&a.app, a.course.id).await.is_empty());
    assert!(outline_titles(&a.app, other.id).await.is_empty());
    let first = a
        .content(json!({"title": "First", "type": "article"}))
        .await;
    assert_eq!(outline_titles(&a.app, a.course.id).await, ["First"]);
    let id = first["id"].as_str().unwrap();
    let res = a
        .call(
            Method::PUT,
            &format!("/api/contents/{id}"),
            Some(json!({"title": "Renamed"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(outline_titles(&a.app, a.course.id).await, ["Renamed"]);
    let res = a
        .call(
            Method::PUT,
            &format!("/api/contents/{id}"),
            Some(json!({"isPublished": false})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(outline_titles(&a.app, a.course.id).await.is_empty());
    let res = a
        .call(Method::DELETE, &format!("/api/contents/{id}"), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    assert!(outline_titles(&a.app, a.course.id).await.is_empty());
    // The other course was never touched.
    assert!(outline_titles(&a.app, other.id).await.is_empty());
}
