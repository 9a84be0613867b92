//! The API's authorization matrix: every route the router really serves (the OpenAPI
//! document is built from the same route list, `api::routes`) against every actor of the
//! shared `World`, own versus foreign records. A route without a row, or a row without a
//! route, fails `every_api_route_is_in_the_matrix`.
//!
//! Rows that only read share one world and run at once; a row that writes gets a world of
//! its own (built concurrently with the others), so that one row's change cannot alter
//! another's answer.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};

use crate::world::{ACTORS, Actor, World, by_role, on_a, run_rows};

struct Row {
    method: Method,
    /// The path with the world's placeholders (`{user}`, `{own}`).
    path: &'static str,
    body: Option<(&'static str, Vec<u8>)>,
    expect: Box<dyn Fn(Actor) -> u16 + Send + Sync>,
}

fn json_body(v: Value) -> Option<(&'static str, Vec<u8>)> {
    Some(("application/json", v.to_string().into_bytes()))
}

fn row(
    method: Method,
    path: &'static str,
    body: Option<(&'static str, Vec<u8>)>,
    expect: impl Fn(Actor) -> u16 + Send + Sync + 'static,
) -> Row {
    Row {
        method,
        path,
        body,
        expect: Box::new(expect),
    }
}

/// Course A's published material: its trainee, its trainer and the super admin; 403 for
/// everyone else (anonymous included: the material is not public).
fn learners_of_a(ok: u16) -> impl Fn(Actor) -> u16 + Send + Sync + 'static {
    move |actor| match actor {
        Actor::TraineeA | Actor::TrainerA | Actor::Admin => ok,
        _ => 403,
    }
}

/// Course A's learner, its trainer and the super admin (signed in); anonymous 401; the
/// rest refused.
fn learners_signed_in(ok: u16) -> impl Fn(Actor) -> u16 + Send + Sync + 'static {
    move |actor| match actor {
        Actor::Anonymous => 401,
        Actor::TraineeA | Actor::TrainerA | Actor::Admin => ok,
        _ => 403,
    }
}

/// Trainee A's own record, which course A's trainer and the super admin read too; nobody
/// else learns it exists (404).
fn own_or_taught(ok: u16) -> impl Fn(Actor) -> u16 + Send + Sync + 'static {
    move |actor| match actor {
        Actor::Anonymous => 401,
        Actor::TraineeA | Actor::TrainerA | Actor::Admin => ok,
        _ => 404,
    }
}

/// An unpublished content of course A: its managers see it; its learner gets 404; the
/// rest are refused before that (403).
fn drafts_of_a() -> impl Fn(Actor) -> u16 + Send + Sync + 'static {
    move |actor| match actor {
        Actor::TrainerA | Actor::Admin => 200,
        Actor::TraineeA => 404,
        _ => 403,
    }
}

fn rows() -> Vec<Row> {
    let everyone = by_role(200, 200, 200, 200);
    let signed_in = |ok| by_role(401, ok, ok, ok);
    let admin_only = |ok| by_role(401, 403, 403, ok);
    vec![
        row(Method::GET, "/api/health", None, everyone),
        row(Method::GET, "/api/jobs", None, admin_only(200)),
        row(Method::GET, "/api/openapi.json", None, everyone),
        row(
            Method::POST,
            "/api/auth/login",
            json_body(json!({"email": "nobody@example.com", "password": "wrong-password"})),
            by_role(401, 401, 401, 401),
        ),
        row(Method::GET, "/api/auth/me", None, signed_in(200)),
        row(Method::POST, "/api/auth/logout", None, signed_in(204)),
        row(
            Method::PUT,
            "/api/auth/password",
            json_body(json!({"currentPassword": "not-it", "newPassword": "whatever-new"})),
            signed_in(422),
        ),
        row(Method::GET, "/api/auth/setup", None, everyone),
        row(
            Method::POST,
            "/api/auth/setup",
            json_body(
                json!({"token": "x", "firstName": "Eve", "lastName": "Intruder",
                             "email": "eve@example.com", "password": "eve-password"}),
            ),
            by_role(409, 409, 409, 409),
        ),
        row(Method::GET, "/api/users", None, admin_only(200)),
        row(
            Method::POST,
            "/api/users",
            json_body(
                json!({"firstName": "New", "lastName": "Person", "email": "new@example.com"}),
            ),
            admin_only(201),
        ),
        // An invalid body: the role is judged before the input (403, not 422).
        row(
            Method::POST,
            "/api/users",
            json_body(json!({})),
            admin_only(422),
        ),
        row(
            Method::PUT,
            "/api/users/{user}",
            json_body(json!({"email": "not-an-email"})),
            admin_only(422),
        ),
        row(
            Method::POST,
            "/api/users/import",
            Some((
                "text/csv",
                b"firstName,lastName,email\nCsv,Person,csv@example.com\n".to_vec(),
            )),
            admin_only(200),
        ),
        row(Method::GET, "/api/users/export", None, admin_only(200)),
        row(Method::GET, "/api/users/{user}", None, admin_only(200)),
        row(Method::GET, "/api/users/{own}", None, admin_only(200)),
        row(
            Method::PUT,
            "/api/users/{user}",
            json_body(json!({"firstName": "Changed"})),
            admin_only(200),
        ),
        row(
            Method::PUT,
            "/api/users/{own}",
            json_body(json!({"isActive": false})),
            admin_only(403),
        ),
        row(Method::DELETE, "/api/users/{user}", None, admin_only(204)),
        row(Method::DELETE, "/api/users/{own}", None, admin_only(403)),
        row(
            Method::POST,
            "/api/users/{user}/reset-password",
            None,
            admin_only(200),
        ),
        row(
            Method::PUT,
            "/api/profile",
            json_body(json!({"firstName": "Myself"})),
            signed_in(200),
        ),
        row(
            Method::POST,
            "/api/profile/avatar",
            Some(("image/png", crate::pictures::png(1, 1))),
            signed_in(200),
        ),
        // Courses: a published course is everyone's to see and its trainer's (and the
        // super admin's) to change; a draft is not found by anyone else.
        row(Method::GET, "/api/courses", None, everyone),
        row(Method::GET, "/api/categories", None, everyone),
        row(
            Method::POST,
            "/api/courses",
            json_body(json!({"title": "New course", "description": "About it."})),
            by_role(401, 403, 201, 201),
        ),
        row(Method::GET, "/api/courses/{courseA}", None, everyone),
        row(
            Method::GET,
            "/api/courses/{draftA}",
            None,
            on_a(404, 404, 200, 200),
        ),
        row(
            Method::PUT,
            "/api/courses/{courseA}",
            json_body(json!({"title": "Changed title"})),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::PUT,
            "/api/courses/{draftA}",
            json_body(json!({"title": "Changed title"})),
            on_a(401, 404, 200, 200),
        ),
        // Featuring is the super admin's alone, even for the course's trainer.
        row(
            Method::PUT,
            "/api/courses/{courseA}",
            json_body(json!({"isFeatured": true})),
            on_a(401, 403, 403, 200),
        ),
        // Trainee A is enrolled in course A.
        row(
            Method::DELETE,
            "/api/courses/{courseA}",
            None,
            on_a(401, 403, 409, 409),
        ),
        // Trainer A deletes it first, so the admin then finds nothing.
        row(
            Method::DELETE,
            "/api/courses/{draftA}",
            None,
            on_a(401, 404, 204, 404),
        ),
        row(
            Method::POST,
            "/api/courses/{draftA}/publish",
            None,
            on_a(401, 404, 200, 200),
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/unpublish",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/thumbnail",
            Some(("image/png", crate::pictures::png(2, 2))),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::GET,
            "/media/thumbnails/{draftCover}",
            None,
            on_a(404, 404, 200, 200),
        ),
        // The outline of course A (published): the tree and section list are public; the
        // material is for its learners (trainee A), its trainer and the super admin;
        // changes are the trainer's and the super admin's. Trainer B is a stranger here.
        row(
            Method::GET,
            "/api/courses/{courseA}/outline",
            None,
            everyone,
        ),
        row(
            Method::GET,
            "/api/courses/{draftA}/outline",
            None,
            on_a(404, 404, 200, 200),
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/sections",
            None,
            everyone,
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/sections",
            json_body(json!({"title": "Part two"})),
            on_a(401, 403, 201, 201),
        ),
        row(
            Method::POST,
            "/api/courses/{draftA}/sections",
            json_body(json!({"title": "Part two"})),
            on_a(401, 404, 201, 201),
        ),
        row(
            Method::PUT,
            "/api/courses/{courseA}/sections/order",
            json_body(json!({"ids": []})),
            on_a(401, 403, 422, 422),
        ),
        row(
            Method::PUT,
            "/api/sections/{sectionA}",
            json_body(json!({"title": "Renamed"})),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::DELETE,
            "/api/sections/{sectionA}",
            None,
            on_a(401, 403, 204, 404),
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/contents",
            None,
            learners_of_a(200),
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/contents",
            json_body(json!({"title": "More", "type": "article", "articleContent": "Hi"})),
            on_a(401, 403, 201, 201),
        ),
        row(
            Method::PUT,
            "/api/courses/{courseA}/contents/order",
            json_body(json!({"ids": []})),
            on_a(401, 403, 422, 422),
        ),
        row(
            Method::GET,
            "/api/contents/{contentA}",
            None,
            learners_of_a(200),
        ),
        // A draft content is not there for learners.
        row(
            Method::GET,
            "/api/contents/{draftContentA}",
            None,
            drafts_of_a(),
        ),
        row(
            Method::PUT,
            "/api/contents/{contentA}",
            json_body(json!({"title": "Renamed"})),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::DELETE,
            "/api/contents/{contentA}",
            None,
            on_a(401, 403, 204, 404),
        ),
        row(
            Method::GET,
            "/api/contents/{contentA}/file",
            None,
            learners_of_a(200),
        ),
        row(
            Method::PUT,
            "/api/contents/{contentA}/file",
            Some(("application/pdf", crate::content_files::pdf(100))),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::GET,
            "/api/contents/{videoA}/captions",
            None,
            learners_of_a(200),
        ),
        row(
            Method::PUT,
            "/api/contents/{videoA}/captions",
            Some(("text/vtt", b"WEBVTT\n".to_vec())),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::DELETE,
            "/api/contents/{videoA}/captions",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::GET,
            "/api/contents/{quizA}/questions",
            None,
            learners_of_a(200),
        ),
        row(
            Method::POST,
            "/api/contents/{quizA}/questions",
            json_body(
                json!({"question": "2+2?", "questionType": "single_choice", "options": ["3", "4"], "correctAnswer": "4"}),
            ),
            on_a(401, 403, 201, 201),
        ),
        row(
            Method::PUT,
            "/api/contents/{quizA}/questions/order",
            json_body(json!({"ids": []})),
            on_a(401, 403, 422, 422),
        ),
        row(
            Method::PUT,
            "/api/questions/{questionA}",
            json_body(json!({"points": 3})),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::DELETE,
            "/api/questions/{questionA}",
            None,
            on_a(401, 403, 204, 404),
        ),
        // Enrolment: trainees enrol themselves (trainee A already is); the roster and the
        // changes are course A's trainer's and the super admin's; an enrolment is not
        // found by anyone else, its own trainee included.
        row(
            Method::GET,
            "/api/courses/{courseA}/enroll",
            None,
            signed_in(200),
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/enroll",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 200,
                Actor::TraineeNone | Actor::TraineeB => 201,
                _ => 403,
            },
        ),
        row(
            Method::DELETE,
            "/api/courses/{courseA}/enroll",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 204,
                _ => 404,
            },
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/enrollments",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/enrollments",
            json_body(json!({"emails": ["someone@example.com"]})),
            on_a(401, 403, 200, 200),
        ),
        row(Method::GET, "/api/enrollments", None, signed_in(200)),
        row(
            Method::GET,
            "/api/courses/{courseA}/grading",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::PUT,
            "/api/courses/{courseA}/grading",
            json_body(json!({"gradeFromQuizzes": true})),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::PUT,
            "/api/enrollments/{enrolmentA}",
            json_body(json!({"grade": "A", "status": "completed"})),
            on_a(401, 404, 200, 200),
        ),
        // Assignments: course A's learners read the published ones, its trainer and the
        // super admin manage them; trainee A's work is theirs and the trainer's alone.
        row(
            Method::GET,
            "/api/courses/{courseA}/assignments",
            None,
            learners_signed_in(200),
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/assignments",
            json_body(json!({"title": "T", "description": "D"})),
            on_a(401, 403, 201, 201),
        ),
        row(
            Method::GET,
            "/api/assignments/{assignmentA}",
            None,
            learners_signed_in(200),
        ),
        row(
            Method::PUT,
            "/api/assignments/{assignmentA}",
            json_body(json!({"title": "Renamed"})),
            on_a(401, 403, 200, 200),
        ),
        // Work was handed in: it is kept.
        row(
            Method::DELETE,
            "/api/assignments/{assignmentA}",
            None,
            on_a(401, 403, 409, 409),
        ),
        row(
            Method::GET,
            "/api/assignments/{assignmentA}/submissions",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::POST,
            "/api/assignments/{assignmentA}/submissions",
            json_body(json!({"text": "Again."})),
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 201,
                _ => 403,
            },
        ),
        row(
            Method::GET,
            "/api/assignments/{assignmentA}/submission",
            None,
            learners_signed_in(200),
        ),
        row(
            Method::GET,
            "/api/submissions/{submissionA}",
            None,
            own_or_taught(200),
        ),
        row(
            Method::GET,
            "/api/submissions/{submissionA}/files/{fileA}",
            None,
            own_or_taught(200),
        ),
        row(
            Method::PUT,
            "/api/submissions/{submissionA}/grade",
            json_body(json!({"score": 1})),
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 403,
                Actor::TrainerA | Actor::Admin => 200,
                _ => 404,
            },
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/gradebook",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/stats",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/stats/distributions",
            None,
            on_a(401, 403, 200, 200),
        ),
        // Everyone signed in has a dashboard: their own, shaped by their role.
        row(Method::GET, "/api/dashboard", None, signed_in(200)),
        // Attendance: course A's active learner signs in and out; its trainer and the super
        // admin take the register, show the code and export.
        row(
            Method::GET,
            "/api/courses/{courseA}/attendance",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::PUT,
            "/api/courses/{courseA}/attendance",
            json_body(json!({"sessionDate": "2026-01-05", "records": []})),
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/attendance/sign-in",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 200,
                _ => 403,
            },
        ),
        row(
            Method::POST,
            "/api/courses/{courseA}/attendance/sign-out",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                // Not signed in today.
                Actor::TraineeA => 409,
                _ => 403,
            },
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/attendance/code",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/attendance/code.png",
            None,
            on_a(401, 403, 200, 200),
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/attendance/history",
            None,
            learners_signed_in(200),
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/attendance/export?from=2026-01-01&to=2026-01-31",
            None,
            on_a(401, 403, 200, 200),
        ),
        // Progress: only course A's active learner records it; the course's trainer and
        // the super admin read it; nobody else learns it exists.
        row(
            Method::POST,
            "/api/contents/{contentA}/complete",
            json_body(json!({"timeSpent": 5})),
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 200,
                _ => 403,
            },
        ),
        row(
            Method::PUT,
            "/api/contents/{contentA}/position",
            json_body(json!({"position": 5})),
            |actor| match actor {
                Actor::Anonymous => 401,
                // A document has no position.
                Actor::TraineeA => 422,
                _ => 403,
            },
        ),
        row(
            Method::GET,
            "/api/courses/{courseA}/progress?userId={traineeA}",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA | Actor::TrainerA | Actor::Admin => 200,
                _ => 404,
            },
        ),
        // Quiz attempts: trainee A's own (in progress); the course's trainer and the super
        // admin read and grade it once submitted; nobody else finds it.
        row(
            Method::POST,
            "/api/contents/{quizA}/attempts",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                // Resumes the attempt in progress.
                Actor::TraineeA => 200,
                _ => 403,
            },
        ),
        row(
            Method::GET,
            "/api/contents/{quizA}/attempts",
            None,
            signed_in(200),
        ),
        row(
            Method::GET,
            "/api/attempts/{attemptA}",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA | Actor::TrainerA | Actor::Admin => 200,
                _ => 404,
            },
        ),
        row(
            Method::PUT,
            "/api/attempts/{attemptA}/answers",
            json_body(json!({"answers": []})),
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 200,
                _ => 404,
            },
        ),
        row(
            Method::POST,
            "/api/attempts/{attemptA}/submit",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 200,
                _ => 404,
            },
        ),
        // Not submitted yet: the trainer's answer is a conflict, everyone else's 404.
        row(
            Method::PUT,
            "/api/attempts/{attemptA}/grade",
            json_body(json!({"grades": []})),
            on_a(401, 404, 409, 409),
        ),
        row(
            Method::POST,
            "/api/attempts/{attemptA}/regrade",
            None,
            on_a(401, 404, 409, 409),
        ),
        row(
            Method::GET,
            "/api/grading/queue",
            None,
            by_role(401, 403, 200, 200),
        ),
        // Certificates: one's own; a certificate nobody has is not found for anyone; the
        // verification is public.
        row(Method::GET, "/api/certificates", None, signed_in(200)),
        row(
            Method::GET,
            "/api/certificates/{user}/pdf",
            None,
            by_role(401, 404, 404, 404),
        ),
        row(
            Method::GET,
            "/api/certificates/verify/{unknownCode}",
            None,
            by_role(404, 404, 404, 404),
        ),
        // Notes: one's own; a note nobody has is not found; writing needs an active
        // enrolment in the course (trainee A in course A).
        row(Method::GET, "/api/notes", None, signed_in(200)),
        row(
            Method::POST,
            "/api/notes",
            json_body(json!({"courseId": "{courseA}", "content": "Remember the ladder rule."})),
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 201,
                _ => 403,
            },
        ),
        // Trainee A's note and trainee B's certificate: theirs alone (the verification
        // page is public by design).
        row(
            Method::PUT,
            "/api/notes/{noteA}",
            json_body(json!({"content": "Changed"})),
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 200,
                _ => 404,
            },
        ),
        row(
            Method::DELETE,
            "/api/notes/{noteA}",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeA => 204,
                _ => 404,
            },
        ),
        row(
            Method::GET,
            "/api/certificates/{certificateB}/pdf",
            None,
            |actor| match actor {
                Actor::Anonymous => 401,
                Actor::TraineeB => 200,
                _ => 404,
            },
        ),
        row(
            Method::GET,
            "/api/certificates/verify/{codeB}",
            None,
            by_role(200, 200, 200, 200),
        ),
        row(
            Method::PUT,
            "/api/notes/{user}",
            json_body(json!({"content": "Changed"})),
            by_role(401, 404, 404, 404),
        ),
        row(
            Method::DELETE,
            "/api/notes/{user}",
            None,
            by_role(401, 404, 404, 404),
        ),
        // No such avatar for anyone: the route is public, the file unknown.
        row(
            Method::GET,
            "/media/avatars/{avatar}",
            None,
            by_role(404, 404, 404, 404),
        ),
        // One's own calendar address; a new one. Every signed-in user has one.
        row(
            Method::GET,
            "/api/calendar",
            None,
            by_role(401, 200, 200, 200),
        ),
        row(
            Method::POST,
            "/api/calendar/reset",
            None,
            by_role(401, 200, 200, 200),
        ),
        // Trainee A's feed is the address alone: whoever has it reads it, signed in or not;
        // a token nobody has is 404 to everyone.
        row(
            Method::GET,
            "/calendar/{calendarA}",
            None,
            by_role(200, 200, 200, 200),
        ),
        row(
            Method::GET,
            "/calendar/{unknownCalendar}",
            None,
            by_role(404, 404, 404, 404),
        ),
    ]
}

/// A path's shape: every `{placeholder}` becomes `{}`, so a row's `/api/users/{user}`
/// meets the document's `/api/users/{id}`.
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .map(|seg| {
            if seg.starts_with('{') && seg.ends_with('}') {
                "{}"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `(METHOD, shape)` of every operation in the document, which the router serves.
fn served() -> BTreeSet<(String, String)> {
    let doc = serde_json::to_value(&*courseworx::api::openapi::DOCUMENT).unwrap();
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), shape(path)))
        })
        .collect()
}

/// The document's path for a row (the same shape), to check the statuses it lists.
fn documented_path(row: &Row) -> Option<String> {
    let doc = serde_json::to_value(&*courseworx::api::openapi::DOCUMENT).unwrap();
    doc["paths"]
        .as_object()?
        .keys()
        .find(|p| shape(p) == shape(row.path))
        .cloned()
}

fn writes(row: &Row) -> bool {
    row.method != Method::GET
}

/// Every actor's answer to one row, in `ACTORS` order; failures as lines.
async fn run_row(world: &World, row: &Row) -> Vec<String> {
    let mut failures = Vec::new();
    for actor in ACTORS {
        let uri = world.fill(row.path, actor);
        let mut request = Request::builder().method(row.method.clone()).uri(&uri);
        if let Some(token) = world.token(actor) {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let body = match &row.body {
            // A JSON body may name the world's records too (`{courseA}`).
            Some(("application/json", bytes)) => {
                request = request.header("content-type", "application/json");
                Body::from(world.fill(&String::from_utf8_lossy(bytes), actor))
            }
            Some((content_type, bytes)) => {
                request = request.header("content-type", *content_type);
                Body::from(bytes.clone())
            }
            None => Body::empty(),
        };
        let res = world.app.send_raw(request.body(body).unwrap()).await;
        let expected = (row.expect)(actor);
        // The OpenAPI document names every status a route really answers.
        let listed = documented_path(row).is_some_and(|path| {
            crate::openapi::documents_status(&row.method, &path, res.status.as_u16())
        });
        if !listed {
            failures.push(format!(
                "{} {} answered {}, which /api/openapi.json does not list",
                row.method, row.path, res.status
            ));
        }
        if res.status != StatusCode::from_u16(expected).unwrap() {
            failures.push(format!(
                "{} {} as {actor:?}: expected {expected}, got {} {}",
                row.method, row.path, res.status, res.text
            ));
        }
    }
    failures
}

#[tokio::test]
async fn every_route_answers_each_actor_as_the_policy_says() {
    let failures = run_rows(&rows(), writes, run_row).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_api_route_is_in_the_matrix() {
    let covered: BTreeSet<(String, String)> = rows()
        .iter()
        .map(|r| (r.method.to_string(), shape(r.path)))
        .collect();
    let served = served();
    assert!(served.len() >= 18, "the document lists {served:?}");
    let missing: Vec<_> = served.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "routes without a matrix row: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&served).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for routes that do not exist: {stale:?}"
    );
}

#[test]
fn shapes_meet_placeholders() {
    assert_eq!(shape("/api/users/{user}"), "/api/users/{}");
    assert_eq!(
        shape("/api/users/{id}/reset-password"),
        "/api/users/{}/reset-password"
    );
    assert_eq!(
        shape("/api/auth/reset-password"),
        "/api/auth/reset-password"
    );
}
