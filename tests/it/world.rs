//! The shared world of the authorization matrices: one installation with a person of every
//! standing, built once and read by many rows at once.
//!
//! A super admin, two trainers (A owns course A, B owns course B), a trainee enrolled in
//! course A, one enrolled in course B, one enrolled in nothing, and a bystander trainee whom
//! only the `{user}` placeholder names. Path placeholders are filled from the world:
//! `{user}` is the bystander, `{own}` the caller's own account (the bystander for an
//! anonymous caller), `{avatar}` an avatar file that does not exist, `{calendarA}` trainee A's calendar feed; the next issues add `{course}`, `{content}` and the rest here.

use std::collections::HashMap;

use courseworx::db::entities::courses;
use courseworx::db::entities::enums::Role;
use courseworx::domain::user::User;

use crate::fixtures::{CourseBuilder, UserBuilder};
use crate::helpers::TestApp;

/// Who calls, from the least to the most trusted. The super admin comes last so that, in
/// a row that writes, no earlier caller's answer depends on the admin's success.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Actor {
    Anonymous,
    TraineeNone,
    TraineeA,
    TraineeB,
    TrainerB,
    TrainerA,
    Admin,
}

pub const ACTORS: [Actor; 7] = [
    Actor::Anonymous,
    Actor::TraineeNone,
    Actor::TraineeA,
    Actor::TraineeB,
    Actor::TrainerB,
    Actor::TrainerA,
    Actor::Admin,
];

impl Actor {
    pub fn role(self) -> Option<Role> {
        match self {
            Actor::Anonymous => None,
            Actor::TraineeNone | Actor::TraineeA | Actor::TraineeB => Some(Role::Trainee),
            Actor::TrainerA | Actor::TrainerB => Some(Role::Trainer),
            Actor::Admin => Some(Role::SuperAdmin),
        }
    }
}

/// Expected answers on one of trainer A's courses: anonymous, any other signed-in caller
/// (trainees, trainer B), trainer A, the super admin.
pub fn on_a<T: Copy>(anonymous: T, others: T, owner: T, admin: T) -> impl Fn(Actor) -> T + Copy {
    move |actor| match actor {
        Actor::Anonymous => anonymous,
        Actor::TrainerA => owner,
        Actor::Admin => admin,
        _ => others,
    }
}

/// Expected answers by role alone (for routes that name no course): anonymous, trainee,
/// trainer, super admin.
pub fn by_role<T: Copy>(
    anonymous: T,
    trainee: T,
    trainer: T,
    admin: T,
) -> impl Fn(Actor) -> T + Copy {
    move |actor| match actor.role() {
        None => anonymous,
        Some(Role::Trainee) => trainee,
        Some(Role::Trainer) => trainer,
        Some(Role::SuperAdmin) => admin,
    }
}

pub struct World {
    pub app: TestApp,
    pub people: HashMap<Actor, (User, String)>,
    pub bystander: User,
    /// Published, trainer A's; trainee A is enrolled.
    pub course_a: courses::Model,
    /// Published, trainer B's; trainee B is enrolled.
    pub course_b: courses::Model,
    /// Trainer A's unpublished course, with a cover (`{draftA}`, `{draftCover}`).
    pub draft_a: courses::Model,
    pub draft_cover: String,
    /// In course A: a section, a published document with a file (`{contentA}`), an
    /// unpublished article (`{draftContentA}`), a quiz (`{quizA}`) with one question
    /// (`{questionA}`).
    pub section_a: String,
    pub content_a: String,
    pub draft_content_a: String,
    pub quiz_a: String,
    pub question_a: String,
    /// In course A: a published video with a captions track (`{videoA}`).
    pub video_a: String,
    /// Trainee A's enrolment in course A (`{enrolmentA}`).
    pub enrolment_a: String,
    /// Trainee A's attempt (in progress) at `{quizA}` (`{attemptA}`).
    pub attempt_a: String,
    /// Trainee A's private note on course A (`{noteA}`).
    pub note_a: String,
    /// Trainer A's published assignment (`{assignmentA}`), and trainee A's work on it with
    /// one file (`{submissionA}`).
    pub assignment_a: String,
    pub submission_a: String,
    /// Trainee B's certificate of course B, which trainer B marked completed
    /// (`{certificateB}`, its code `{codeB}`).
    pub certificate_b: String,
    pub code_b: String,
    /// Trainee A's private calendar feed, `<token>.ics` (`{calendarA}`).
    pub calendar_a: String,
}

/// A trainee's own records that others must never reach: trainee A's note, and trainee B's
/// certificate (course B gets a certificate lesson; trainer B completes B's enrolment).
struct Records {
    note_a: String,
    certificate_b: String,
    code_b: String,
    assignment_a: String,
    submission_a: String,
}

impl Records {
    async fn build(
        app: &TestApp,
        people: &HashMap<Actor, (User, String)>,
        course_a: uuid::Uuid,
        course_b: uuid::Uuid,
        enrolment_b: &str,
    ) -> Records {
        use axum::http::{Method, StatusCode};
        use serde_json::json;
        let token = |a: Actor| Some(people[&a].1.as_str());
        let note = app
            .send(
                Method::POST,
                "/api/notes",
                token(Actor::TraineeA),
                Some(json!({"courseId": course_a, "content": "Private to trainee A."})),
            )
            .await;
        assert_eq!(note.status, StatusCode::CREATED, "{}", note.text);
        let res = app
            .send(
                Method::POST,
                &format!("/api/courses/{course_b}/contents"),
                token(Actor::TrainerB),
                Some(json!({"title": "Certificate", "type": "certificate"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        let res = app
            .send(
                Method::PUT,
                &format!("/api/enrollments/{enrolment_b}"),
                token(Actor::TrainerB),
                Some(json!({"status": "completed"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        let certs = app
            .send(
                Method::GET,
                "/api/certificates",
                token(Actor::TraineeB),
                None,
            )
            .await;
        let cert = &certs.json["certificates"][0];
        // Trainer A's published assignment, and trainee A's work on it with a file.
        let assignment = app
            .send(
                Method::POST,
                &format!("/api/courses/{course_a}/assignments"),
                token(Actor::TrainerA),
                Some(json!({"title": "Risk assessment", "description": "The loading bay.", "points": 10, "isPublished": true})),
            )
            .await;
        assert_eq!(
            assignment.status,
            StatusCode::CREATED,
            "{}",
            assignment.text
        );
        let assignment_a = assignment.json["assignment"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let boundary = "world-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nTrainee A's work.\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"work.pdf\"\r\n\r\n"
        )
        .into_bytes();
        body.extend(crate::content_files::pdf(1024));
        body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
        let submission = app
            .send_raw(
                axum::http::Request::builder()
                    .method("POST")
                    .uri(format!("/api/assignments/{assignment_a}/submissions"))
                    .header(
                        "authorization",
                        format!("Bearer {}", people[&Actor::TraineeA].1),
                    )
                    .header(
                        "content-type",
                        format!("multipart/form-data; boundary={boundary}"),
                    )
                    .body(axum::body::Body::from(body))
                    .unwrap(),
            )
            .await;
        assert_eq!(
            submission.status,
            StatusCode::CREATED,
            "{}",
            submission.text
        );
        Records {
            assignment_a,
            submission_a: submission.json["submission"]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
            note_a: note.json["note"]["id"].as_str().unwrap().to_owned(),
            certificate_b: cert["id"].as_str().expect("a certificate").to_owned(),
            code_b: cert["code"].as_str().unwrap().to_owned(),
        }
    }
}

impl World {
    pub async fn build() -> World {
        let app = TestApp::spawn().await;
        let mut people = HashMap::new();
        for actor in ACTORS {
            if let Some(role) = actor.role() {
                people.insert(actor, app.signed_in(role).await);
            }
        }
        let bystander = UserBuilder::trainee().create(&app).await;
        let course_a = CourseBuilder::new(&people[&Actor::TrainerA].0)
            .published()
            .create(&app)
            .await;
        let course_b = CourseBuilder::new(&people[&Actor::TrainerB].0)
            .published()
            .create(&app)
            .await;
        let draft_a = CourseBuilder::new(&people[&Actor::TrainerA].0)
            .title("Draft of A")
            .create(&app)
            .await;
        let cover = app
            .send_raw(
                axum::http::Request::builder()
                    .method("POST")
                    .uri(format!("/api/courses/{}/thumbnail", draft_a.id))
                    .header(
                        "authorization",
                        format!("Bearer {}", people[&Actor::TrainerA].1),
                    )
                    .header("content-type", "image/png")
                    .body(axum::body::Body::from(crate::pictures::png(4, 4)))
                    .unwrap(),
            )
            .await;
        let draft_cover = cover.json["course"]["thumbnail"]
            .as_str()
            .and_then(|u| u.rsplit('/').next())
            .expect("draft cover")
            .to_owned();
        // Through the API, so the courses' counters count them.
        let mut enrolment_a = String::new();
        let mut enrolment_b = String::new();
        for (actor, course) in [(Actor::TraineeA, &course_a), (Actor::TraineeB, &course_b)] {
            let res = app
                .send(
                    axum::http::Method::POST,
                    &format!("/api/courses/{}/enroll", course.id),
                    Some(&people[&actor].1),
                    None,
                )
                .await;
            assert_eq!(res.status, axum::http::StatusCode::CREATED, "{}", res.text);
            let id = res.json["enrollment"]["id"].as_str().unwrap().to_owned();
            if actor == Actor::TraineeA {
                enrolment_a = id;
            } else {
                enrolment_b = id;
            }
        }
        let outline = Outline::build(&app, &people[&Actor::TrainerA].1, course_a.id).await;
        let attempt = app
            .send(
                axum::http::Method::POST,
                &format!("/api/contents/{}/attempts", outline.quiz),
                Some(&people[&Actor::TraineeA].1),
                None,
            )
            .await;
        assert_eq!(
            attempt.status,
            axum::http::StatusCode::CREATED,
            "{}",
            attempt.text
        );
        let attempt_a = attempt.json["attempt"]["id"].as_str().unwrap().to_owned();
        let records = Records::build(&app, &people, course_a.id, course_b.id, &enrolment_b).await;
        let calendar = app
            .send(
                axum::http::Method::GET,
                "/api/calendar",
                Some(&people[&Actor::TraineeA].1),
                None,
            )
            .await;
        let calendar_a = calendar.json["calendar"]["url"]
            .as_str()
            .and_then(|u| u.rsplit('/').next())
            .expect("trainee A's calendar")
            .to_owned();
        World {
            app,
            people,
            bystander,
            course_a,
            course_b,
            draft_a,
            draft_cover,
            section_a: outline.section,
            content_a: outline.content,
            draft_content_a: outline.draft_content,
            quiz_a: outline.quiz,
            question_a: outline.question,
            video_a: outline.video,
            enrolment_a,
            attempt_a,
            note_a: records.note_a,
            assignment_a: records.assignment_a,
            submission_a: records.submission_a,
            certificate_b: records.certificate_b,
            code_b: records.code_b,
            calendar_a,
        }
    }

    /// The caller's bearer token, if signed in.
    pub fn token(&self, actor: Actor) -> Option<&str> {
        self.people.get(&actor).map(|(_, t)| t.as_str())
    }

    /// The caller's account, if signed in.
    pub fn user(&self, actor: Actor) -> Option<&User> {
        self.people.get(&actor).map(|(u, _)| u)
    }

    /// `path` with its placeholders filled for `actor`.
    pub fn fill(&self, path: &str, actor: Actor) -> String {
        let own = self.user(actor).unwrap_or(&self.bystander);
        path.replace("{user}", &self.bystander.id.to_string())
            .replace("{own}", &own.id.to_string())
            .replace("{courseA}", &self.course_a.id.to_string())
            .replace("{courseB}", &self.course_b.id.to_string())
            .replace("{draftA}", &self.draft_a.id.to_string())
            .replace("{draftCover}", &self.draft_cover)
            .replace("{sectionA}", &self.section_a)
            .replace("{contentA}", &self.content_a)
            .replace("{draftContentA}", &self.draft_content_a)
            .replace("{quizA}", &self.quiz_a)
            .replace("{questionA}", &self.question_a)
            .replace("{videoA}", &self.video_a)
            .replace("{enrolmentA}", &self.enrolment_a)
            .replace("{attemptA}", &self.attempt_a)
            .replace("{noteA}", &self.note_a)
            .replace("{assignmentA}", &self.assignment_a)
            .replace("{submissionA}", &self.submission_a)
            // The first (and only) file of that work.
            .replace("{fileA}", "0")
            .replace("{certificateB}", &self.certificate_b)
            .replace("{codeB}", &self.code_b)
            // A well-formed certificate code that no certificate has.
            .replace("{unknownCode}", "0123456789ABCDEF0123456789ABCDEF01234567")
            .replace(
                "{traineeA}",
                &self.people[&Actor::TraineeA].0.id.to_string(),
            )
            .replace("{calendarA}", &self.calendar_a)
            // A well-formed calendar token that no account has.
            .replace("{unknownCalendar}", &format!("{}.ics", "A".repeat(64)))
            // A well-formed avatar name that no file has.
            .replace(
                "{avatar}",
                &format!("{}-{}.png", uuid::Uuid::now_v7(), "0".repeat(32)),
            )
    }
}

/// Course A's outline, built through the API by its trainer.
struct Outline {
    section: String,
    content: String,
    draft_content: String,
    quiz: String,
    question: String,
    video: String,
}

impl Outline {
    async fn build(app: &TestApp, token: &str, course: uuid::Uuid) -> Outline {
        use axum::http::Method;
        use serde_json::json;
        let post = |path: String, body: serde_json::Value| async move {
            let res = app.send(Method::POST, &path, Some(token), Some(body)).await;
            assert_eq!(res.status, axum::http::StatusCode::CREATED, "{}", res.text);
            res.json
        };
        let id = |v: &serde_json::Value, key: &str| v[key]["id"].as_str().unwrap().to_owned();
        let section = id(
            &post(
                format!("/api/courses/{course}/sections"),
                json!({"title": "Part one"}),
            )
            .await,
            "section",
        );
        let contents = format!("/api/courses/{course}/contents");
        let content = id(
            &post(
                contents.clone(),
                json!({"title": "Handbook", "type": "document", "sectionId": section}),
            )
            .await,
            "content",
        );
        let draft_content = id(
            &post(
                contents.clone(),
                json!({"title": "Draft", "type": "article", "isPublished": false}),
            )
            .await,
            "content",
        );
        let quiz = id(
            &post(contents.clone(), json!({"title": "Check", "type": "quiz"})).await,
            "content",
        );
        let video = id(
            &post(contents, json!({"title": "Walkthrough", "type": "video"})).await,
            "content",
        );
        let res = app
            .send_raw(
                axum::http::Request::builder()
                    .method("PUT")
                    .uri(format!("/api/contents/{video}/captions?language=en"))
                    .header("authorization", format!("Bearer {token}"))
                    .body(axum::body::Body::from(
                        "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n",
                    ))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, axum::http::StatusCode::OK, "{}", res.text);
        let question = id(
            &post(
                format!("/api/contents/{quiz}/questions"),
                json!({"question": "Sky blue?", "questionType": "true_false", "correctAnswer": "true"}),
            )
            .await,
            "question",
        );
        let res = app
            .send_raw(
                axum::http::Request::builder()
                    .method("PUT")
                    .uri(format!(
                        "/api/contents/{content}/file?fileName=handbook.pdf"
                    ))
                    .header("authorization", format!("Bearer {token}"))
                    .body(axum::body::Body::from(crate::content_files::pdf(2048)))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, axum::http::StatusCode::OK, "{}", res.text);
        Outline {
            section,
            content,
            draft_content,
            quiz,
            question,
            video,
        }
    }
}

/// Rows of the shared world run at most this many at once: each signs its actors in, and
/// one address may have at most 100 sign-ins in flight (`login_throttle`).
const SHARED_AT_ONCE: usize = 12;
/// Rows that write, each in its own world (a database and a pool of its own), at a time.
const OWN_WORLDS_AT_ONCE: usize = 16;

/// Runs every row of a matrix and gathers its failures. Rows that only read (`writes` is
/// false) share one world and run at once (`SHARED_AT_ONCE` at a time); a row that writes
/// gets a world of its own (`OWN_WORLDS_AT_ONCE` at a time, beside the reads), so that one
/// row's change cannot alter another's answer.
pub async fn run_rows<R>(
    rows: &[R],
    writes: impl Fn(&R) -> bool,
    run: impl AsyncFn(&World, &R) -> Vec<String>,
) -> Vec<String> {
    let shared = World::build().await;
    let run = &run;
    let reads = rows
        .iter()
        .filter(|r| !writes(r))
        .map(|row| run(&shared, row));
    let own_worlds = rows.iter().filter(|r| writes(r)).map(|row| async move {
        let world = World::build().await;
        run(&world, row).await
    });
    let reads =
        futures_util::StreamExt::collect::<Vec<_>>(futures_util::StreamExt::buffer_unordered(
            futures_util::stream::iter(reads),
            SHARED_AT_ONCE,
        ));
    // The writing rows' worlds are bounded too: each holds a pool, and two matrices at
    // once with every world open passed PostgreSQL's 300 connections ("too many clients").
    let writes =
        futures_util::StreamExt::collect::<Vec<_>>(futures_util::StreamExt::buffer_unordered(
            futures_util::stream::iter(own_worlds),
            OWN_WORLDS_AT_ONCE,
        ));
    let (reads, writes) = tokio::join!(reads, writes);
    reads.into_iter().chain(writes).flatten().collect()
}
