//! The trainer's side of the course pages: their list (`/teach`), the course form with its
//! field errors in both languages, publishing from the editor, the cover upload, the
//! confirmed unpublish and delete (refused while trainees are enrolled), and another
//! trainer refused on every page and form of a course that is not theirs.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::{EnrollmentStatus, Role};
use courseworx::db::entities::{courses, enrollments};
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::Set;
use serde_json::json;
use uuid::Uuid;

use super::courses::{api_course, api_publish, signed_in};
use super::{Browser, Part, csrf_in, location};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

/// The course as the API shows it to its trainer.
async fn api_show(app: &TestApp, token: &str, id: Uuid) -> serde_json::Value {
    let res = app
        .send(
            Method::GET,
            &format!("/api/courses/{id}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.json["course"].clone()
}

fn id_of(editor: &str) -> Uuid {
    editor
        .strip_prefix("/teach/courses/")
        .unwrap_or_else(|| panic!("not an editor: {editor}"))
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_trainer_creates_a_course_with_the_form_and_publishes_it() {
    let app = TestApp::spawn().await;
    let (_, mut trainer, token) = signed_in(&app, Role::Trainer).await;
    // Home and the menu lead to Teach.
    let res = trainer.get("/").await;
    assert!(
        res.text
            .contains(r#"id="home-new-course" href="/teach/courses/new""#)
    );
    assert!(
        res.text
            .contains(r#"<a class="site-nav__link" href="/teach">Teach</a>"#)
    );
    let res = trainer.get("/teach").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text
            .contains(r#"id="teach-empty-new" href="/teach/courses/new""#)
    );
    assert!(
        res.text
            .contains(r#"href="/teach" aria-current="page">Teach</a>"#)
    );

    let form = trainer.get("/teach/courses/new").await;
    assert_eq!(form.status, StatusCode::OK);
    for needle in [
        r#"id="course-create-form""#,
        r#"<label class="field__label" for="course-title">Title</label>"#,
        r#"<input class="input" id="course-title" name="title" type="text" autocomplete="off" value="" dir="auto" required"#,
        r#"<textarea class="textarea" id="course-description" name="description" rows="5" dir="auto" required"#,
        r#"<option value="beginner" selected>Beginner</option>"#,
        r#"id="course-price" name="price" type="text" autocomplete="off" value="" inputmode="decimal""#,
        r#"type="date""#,
    ] {
        assert!(form.text.contains(needle), "{needle}");
    }

    let res = trainer
        .submit(
            "/teach/courses/new",
            "/teach/courses/new",
            &[
                ("title", "  Customer care  "),
                ("shortDescription", "Serve people well."),
                ("description", "Listening, helping, following up."),
                ("learningOutcomes", "Listen\nHelp"),
                ("requirements", ""),
                ("level", "intermediate"),
                ("category", "Service"),
                ("tags", "service, care"),
                ("duration", "45"),
                ("price", "12.5"),
                ("maxStudents", "10"),
                ("startDate", "2026-03-01"),
                ("endDate", "2026-03-31"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let editor = location(&res).to_owned();
    let id = id_of(&editor);
    let course = api_show(&app, &token, id).await;
    assert_eq!(course["title"], "Customer care");
    assert_eq!(course["price"], "12.50");
    assert_eq!(course["level"], "intermediate");
    assert_eq!(course["duration"], 45);
    assert_eq!(course["maxStudents"], 10);
    assert_eq!(course["tags"], json!(["service", "care"]));
    assert_eq!(course["endDate"], "2026-03-31");
    assert_eq!(course["isPublished"], false);

    let res = trainer.get(&editor).await;
    assert_eq!(res.status, StatusCode::OK);
    for needle in [
        "The course was created as a draft",
        r#"<span class="badge badge--muted" id="course-status">Draft</span>"#,
        r#"value="Customer care""#,
        r#"value="12.50""#,
        r#"id="publish-checklist""#,
        r#"<span class="checklist__label">A cover picture (suggested)</span>"#,
        "Suggested",
        r#"id="cover-form""#,
        r#"data-upload="Uploading the cover…""#,
    ] {
        assert!(res.text.contains(needle), "{needle}");
    }
    // A draft is nowhere a visitor looks.
    assert!(!app.get("/courses").await.text.contains("Customer care"));

    // Publish from the editor.
    let res = trainer
        .submit(&editor, &format!("{editor}/publish"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), editor);
    let res = trainer.get(&editor).await;
    assert!(res.text.contains("The course is published"));
    assert!(res.text.contains(r#"id="course-status">Published</span>"#));
    assert!(res.text.contains(r#"id="unpublish-open""#));
    assert_eq!(api_show(&app, &token, id).await["isPublished"], true);

    let res = app.get("/courses?search=customer").await;
    assert!(res.text.contains("Customer care"), "{}", res.text);
    assert_eq!(
        app.get(&format!("/courses/{id}")).await.status,
        StatusCode::OK
    );
    let res = trainer.get("/teach").await;
    assert!(
        res.text
            .contains(r#"<span class="badge badge--success">Published</span>"#)
    );
    assert!(res.text.contains("No trainees enrolled"));
    assert!(res.text.contains(&format!(r#"href="/teach/courses/{id}""#)));

    // Saving the details again.
    let res = trainer
        .submit(
            &editor,
            &editor,
            &[
                ("title", "Customer care, advanced"),
                ("description", "More."),
                ("level", "advanced"),
                ("price", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let course = api_show(&app, &token, id).await;
    assert_eq!(course["title"], "Customer care, advanced");
    // Emptied fields are cleared: an empty price is a free course.
    assert_eq!(course["price"], "0.00");
    assert_eq!(course["duration"], serde_json::Value::Null);
    assert!(
        trainer
            .get(&editor)
            .await
            .text
            .contains("The course was saved.")
    );
}

#[tokio::test]
async fn the_form_shows_each_error_next_to_its_field_in_both_languages() {
    let app = TestApp::spawn().await;
    let (_, mut trainer, token) = signed_in(&app, Role::Trainer).await;
    let bad = [
        ("title", "ab"),
        ("description", "Fine."),
        ("level", "beginner"),
        ("price", "12.345"),
        ("startDate", "2026-05-02"),
        ("endDate", "2026-05-01"),
    ];
    let res = trainer
        .submit("/teach/courses/new", "/teach/courses/new", &bad)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    for needle in [
        "There is a problem with this form",
        r##"<li><a href="#course-title">Title: Use between 3 and 200 characters.</a></li>"##,
        r#"<p class="field__error" id="course-title-error"><span><span class="visually-hidden">Error: </span>Use between 3 and 200 characters.</span></p>"#,
        "Enter a price from 0 to 99,999,999.99, with at most two decimals.",
        "The end date must not be before the start date.",
        r#"id="course-price" name="price" type="text" autocomplete="off" value="12.345""#,
        r#"aria-invalid="true" aria-describedby="course-price-hint course-price-error""#,
    ] {
        assert!(res.text.contains(needle), "{needle}");
    }
    // The description is fine: no error on it.
    assert!(!res.text.contains("course-description-error"));
    // Nothing was created.
    let mine = app
        .send(Method::GET, "/api/courses?mine=true", Some(&token), None)
        .await;
    assert_eq!(mine.json["pagination"]["totalItems"], 0);

    // In Arabic: the same errors in Arabic, numbers in Arabic digits.
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    let user = UserBuilder::trainer().create(&app).await;
    arabic.login(&user.email, crate::fixtures::PASSWORD).await;
    let res = arabic
        .submit("/teach/courses/new", "/teach/courses/new", &bad)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text.contains("استخدم من ٣ إلى ٢٠٠ حرفًا."),
        "{}",
        res.text
    );
    assert!(res.text.contains("أدخل سعرًا من 0 إلى 99,999,999.99"));
    assert!(res.text.contains("يجب ألا يسبق تاريخ الانتهاء تاريخ البدء."));
    assert!(res.text.contains("في هذا النموذج مشكلة"));
    assert!(res.text.contains("العنوان: استخدم من ٣ إلى ٢٠٠ حرفًا."));

    // On the editor too: the course is left as it was.
    let id = api_course(
        &app,
        &token,
        json!({"title": "Kept", "description": "Same."}),
    )
    .await;
    let editor = format!("/teach/courses/{id}");
    let res = trainer
        .submit(
            &editor,
            &editor,
            &[
                ("title", "Kept"),
                ("description", ""),
                ("maxStudents", "many"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Fill in this field."));
    assert!(res.text.contains("Enter a number of 1 or more."));
    assert_eq!(api_show(&app, &token, id).await["description"], "Same.");
}

#[tokio::test]
async fn another_trainer_is_refused_on_every_page_and_form_of_the_course() {
    let app = TestApp::spawn().await;
    let (_, _, owner) = signed_in(&app, Role::Trainer).await;
    let published = api_course(&app, &owner, json!({"title": "Mine", "description": "x"})).await;
    api_publish(&app, &owner, published).await;
    let draft = api_course(&app, &owner, json!({"title": "Draft", "description": "x"})).await;

    let (_, mut other, _) = signed_in(&app, Role::Trainer).await;
    let (_, mut trainee, _) = signed_in(&app, Role::Trainee).await;
    for (browser, who) in [(&mut other, "trainer"), (&mut trainee, "trainee")] {
        let token = csrf_in(&browser.get("/profile").await.text);
        for (id, refused) in [
            (published, StatusCode::FORBIDDEN),
            (draft, StatusCode::NOT_FOUND),
        ] {
            let editor = format!("/teach/courses/{id}");
            for page in [
                editor.clone(),
                format!("{editor}/publish"),
                format!("{editor}/unpublish"),
                format!("{editor}/delete"),
            ] {
                let res = browser.get(&page).await;
                assert_eq!(res.status, refused, "{who} GET {page}");
            }
            for action in [
                editor.clone(),
                format!("{editor}/publish"),
                format!("{editor}/unpublish"),
                format!("{editor}/delete"),
            ] {
                let res = browser
                    .post(
                        &action,
                        &[("csrf", &token), ("title", "Taken"), ("description", "x")],
                    )
                    .await;
                assert_eq!(res.status, refused, "{who} POST {action}");
            }
            let res = browser
                .post_multipart(
                    &format!("{editor}/cover"),
                    &[
                        Part::Field("csrf", &token),
                        Part::File("thumbnail", "c.png", &crate::pictures::png(8, 8)),
                    ],
                )
                .await;
            assert_eq!(res.status, refused, "{who} POST cover");
        }
    }
    // Nothing changed.
    let course = api_show(&app, &owner, published).await;
    assert_eq!(
        (course["title"].as_str(), course["isPublished"].as_bool()),
        (Some("Mine"), Some(true))
    );
    assert!(course["thumbnail"].is_null());
    let course = api_show(&app, &owner, draft).await;
    assert_eq!(course["isPublished"], false);
    // A trainee has no /teach, nor a form to make a course.
    assert_eq!(trainee.get("/teach").await.status, StatusCode::FORBIDDEN);
    let res = trainee.get("/teach/courses/new").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(
        res.text
            .contains("Only trainers and super admins create courses.")
    );
}

#[tokio::test]
async fn a_cover_is_uploaded_from_the_editor_and_a_bad_file_is_refused_on_its_field() {
    let app = TestApp::spawn().await;
    let (_, mut trainer, token) = signed_in(&app, Role::Trainer).await;
    let id = api_course(
        &app,
        &token,
        json!({"title": "Covered", "description": "x"}),
    )
    .await;
    let editor = format!("/teach/courses/{id}");
    let action = format!("{editor}/cover");

    let res = trainer
        .upload(
            &editor,
            &action,
            "thumbnail",
            "notes.txt",
            b"just some text",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(res.text.contains(
        r#"<p class="field__error" id="course-cover-file-error"><span><span class="visually-hidden">Error: </span>Choose a JPEG, PNG or WebP image.</span></p>"#
    ));
    assert!(res.text.contains(r##"<li><a href="#course-cover-file">"##));
    let res = trainer.upload(&editor, &action, "thumbnail", "", b"").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Choose an image file."));
    assert!(api_show(&app, &token, id).await["thumbnail"].is_null());

    let res = trainer
        .upload(
            &editor,
            &action,
            "thumbnail",
            "cover.png",
            &crate::pictures::png(64, 36),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), editor);
    let thumbnail = api_show(&app, &token, id).await["thumbnail"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = trainer.get(&editor).await;
    assert!(res.text.contains("The cover was changed."));
    assert!(res.text.contains(&format!(
        r#"<img class="editor__cover" src="{thumbnail}" alt="""#
    )));
    assert!(
        res.text
            .contains(r#"<span class="checklist__state">Done</span>"#)
    );
    assert!(!res.text.contains("cover-drawn-note"));
    // The page's session opens the draft's cover; a visitor gets nothing.
    assert_eq!(trainer.get(&thumbnail).await.status, StatusCode::OK);
    assert_eq!(app.get(&thumbnail).await.status, StatusCode::NOT_FOUND);
    // Reloading the upload's address leads back to the editor.
    let res = trainer.get(&action).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), editor);
}

#[tokio::test]
async fn unpublishing_and_deleting_ask_first_and_deleting_is_refused_while_trainees_are_enrolled() {
    let app = TestApp::spawn().await;
    let (_, mut trainer, token) = signed_in(&app, Role::Trainer).await;
    let taken = api_course(&app, &token, json!({"title": "Taken", "description": "x"})).await;
    api_publish(&app, &token, taken).await;
    let learner = UserBuilder::trainee().create(&app).await;
    enrollments::ActiveModel {
        user_id: Set(learner.id),
        course_id: Set(taken),
        status: Set(EnrollmentStatus::Enrolled),
        enrolled_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    // Enrolling keeps the course's count (issue 9); here it is set by hand.
    courses::ActiveModel {
        id: Set(taken),
        enrollment_count: Set(Some(1)),
        ..Default::default()
    }
    .update(app.db())
    .await
    .unwrap();
    let editor = format!("/teach/courses/{taken}");

    // The confirmation pages, for a browser without JavaScript.
    let res = trainer.get(&format!("{editor}/delete")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text
            .contains("<h1 class=\"dialog__title\" id=\"delete-title\">Delete Taken?</h1>")
    );
    assert!(
        res.text
            .contains("Trainees are enrolled in this course, so it cannot be deleted")
    );
    let res = trainer
        .submit(
            &format!("{editor}/delete"),
            &format!("{editor}/delete"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text.contains(r#"id="course-notice" role="alert""#));
    assert!(
        res.text
            .contains("so it was not deleted. Unpublish it instead")
    );
    assert_eq!(api_show(&app, &token, taken).await["isPublished"], true);

    let res = trainer.get(&format!("{editor}/unpublish")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("Unpublish Taken?"));
    let res = trainer
        .submit(
            &format!("{editor}/unpublish"),
            &format!("{editor}/unpublish"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), editor);
    assert!(
        trainer
            .get(&editor)
            .await
            .text
            .contains("The course is unpublished")
    );
    assert_eq!(api_show(&app, &token, taken).await["isPublished"], false);

    // The publish page shows the checklist too.
    let res = trainer.get(&format!("{editor}/publish")).await;
    assert!(res.text.contains(r#"id="publish-checklist""#));

    // A course nobody is enrolled in goes, and its editor with it.
    let free = api_course(&app, &token, json!({"title": "Free", "description": "x"})).await;
    let free_editor = format!("/teach/courses/{free}");
    let res = trainer
        .submit(&free_editor, &format!("{free_editor}/delete"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/teach");
    assert!(
        trainer
            .get("/teach")
            .await
            .text
            .contains("The course was deleted.")
    );
    assert_eq!(
        trainer.get(&free_editor).await.status,
        StatusCode::NOT_FOUND
    );
}
