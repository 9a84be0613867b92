//! The pages' authorization matrix: every page route against anonymous, each role, the
//! super admin's own account versus someone else's, and a course's trainer versus the
//! others (`on_a`: trainer A's published course A and draft A). Requests carry a valid CSRF token, so
//! what answers is the access rule, not the forgery check. A route added to
//! the router (`web::pages`) without a row here fails `every_page_route_is_in_the_matrix`.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};

use super::{Browser, PASSWORD, Part, csrf_in, location};
use crate::helpers::TestResponse;
use crate::world::{ACTORS, Actor, World, by_role, on_a, run_rows};

/// What an answer must show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Sent to the login page (not signed in).
    Login,
    /// The 403 page.
    Forbidden,
    /// Let through: no 403, no error, not sent to sign in.
    Allowed,
    /// A page for everyone: anything but a 403 or an error.
    Public,
    /// Exactly 200: the page itself.
    Shown,
    /// The 404 page (a course this caller may not know exists).
    NotFound,
}

use Expect::*;

#[derive(Clone, Copy, Debug)]
enum Body {
    None,
    Form,
    Multipart,
}

/// Which test runs a row: the course editor's rows run apart, a few at a time.
#[derive(Clone, Copy, Debug)]
enum Scope {
    Role,
    CourseA,
}

struct Case {
    method: Method,
    path: &'static str,
    body: Body,
    expect: Box<dyn Fn(Actor) -> Expect>,
    scope: Scope,
}

/// Expectations by role: anonymous, trainee, trainer, super admin.
type Roles = [Expect; 4];

fn cases() -> Vec<Case> {
    let get = |path, [anonymous, trainee, trainer, admin]: Roles| Case {
        method: Method::GET,
        path,
        body: Body::None,
        expect: Box::new(by_role(anonymous, trainee, trainer, admin)),
        scope: Scope::Role,
    };
    let post = |path, body, [anonymous, trainee, trainer, admin]: Roles| Case {
        method: Method::POST,
        path,
        body,
        expect: Box::new(by_role(anonymous, trainee, trainer, admin)),
        scope: Scope::Role,
    };
    // On one of trainer A's courses: anonymous, anyone else, trainer A, the super admin.
    let on = |method: Method, path, body, [anonymous, others, owner, admin]: Roles| Case {
        method,
        path,
        body,
        expect: Box::new(on_a(anonymous, others, owner, admin)),
        scope: Scope::Role,
    };
    // The course editor: course A's trainer and super admins; anyone else 403, or 404 for
    // a course they may not see. Run apart, a few at a time (see below).
    let get_a = |path, expect| Case {
        scope: Scope::CourseA,
        ..on(Method::GET, path, Body::None, expect)
    };
    let post_a = |path, body, expect| Case {
        scope: Scope::CourseA,
        ..on(Method::POST, path, body, expect)
    };
    let trainers = [Login, Forbidden, Shown, Shown];
    let managers = [Login, Forbidden, Allowed, Allowed];
    let author = managers;
    let hidden = [Login, NotFound, Allowed, Allowed];
    let admin_only = [Login, Forbidden, Forbidden, Allowed];
    let signed_in = [Login, Allowed, Allowed, Allowed];
    // The lesson player and its forms: trainee A (enrolled in course A) alone; anonymous,
    // the learner, everyone else.
    let learner_a = |method: Method, path, body, [anonymous, learner, others]: [Expect; 3]| Case {
        method,
        path,
        body,
        expect: Box::new(move |actor| match actor {
            Actor::Anonymous => anonymous,
            Actor::TraineeA => learner,
            _ => others,
        }),
        scope: Scope::Role,
    };
    let everyone = [Public, Public, Public, Public];
    let mut rows = vec![
        // Enrolling from the course page: trainees only; leaving is harmless to anyone.
        get("/courses/{courseA}/enrol", everyone),
        post(
            "/courses/{courseA}/enrol",
            Body::Form,
            [Login, Allowed, Forbidden, Forbidden],
        ),
        get("/courses/{courseA}/drop", signed_in),
        post("/courses/{courseA}/drop", Body::Form, signed_in),
        get("/learning", [Login, Shown, Shown, Shown]),
        learner_a(
            Method::GET,
            "/learn/{courseA}",
            Body::None,
            [Login, Allowed, Forbidden],
        ),
        learner_a(
            Method::GET,
            "/learn/{courseA}/{contentA}",
            Body::None,
            [Login, Shown, Forbidden],
        ),
        // Course A's handbook, a PDF, inline for the player's <object>.
        learner_a(
            Method::GET,
            "/learn/{courseA}/{contentA}/document",
            Body::None,
            [Login, Shown, Forbidden],
        ),
        get("/learn/{courseA}/{contentA}/complete", everyone),
        learner_a(
            Method::POST,
            "/learn/{courseA}/{contentA}/complete",
            Body::Form,
            [Login, Allowed, Forbidden],
        ),
        get("/learn/{courseA}/{contentA}/position", everyone),
        // No position sent: refused for its field (422) once the caller may study.
        learner_a(
            Method::POST,
            "/learn/{courseA}/{contentA}/position",
            Body::Form,
            [Login, Allowed, Forbidden],
        ),
        get("/learn/{courseA}/{contentA}/notes", everyone),
        // An empty note: refused for its field (422) once the caller may study.
        learner_a(
            Method::POST,
            "/learn/{courseA}/{contentA}/notes",
            Body::Form,
            [Login, Allowed, Forbidden],
        ),
        get("/learn/{courseA}/{contentA}/notes/{user}/delete", everyone),
        // Nobody's note: 404 for everyone signed in (deleting one's own is in `learning`).
        post(
            "/learn/{courseA}/{contentA}/notes/{user}/delete",
            Body::Form,
            [Login, NotFound, NotFound, NotFound],
        ),
    ];
    rows.extend(vec![
        get("/", signed_in),
        get("/login", [Public, Public, Public, Public]),
        post("/login", Body::Form, [Public, Public, Public, Public]),
        get("/logout", [Login, Allowed, Allowed, Allowed]),
        post("/logout", Body::Form, [Login, Public, Public, Public]),
        get("/password", signed_in),
        post("/password", Body::Form, signed_in),
        get("/setup", [Public, Public, Public, Public]),
        post("/setup", Body::Form, [Public, Public, Public, Public]),
        get("/profile", signed_in),
        post("/profile", Body::Form, signed_in),
        get("/profile/avatar", [Public, Allowed, Allowed, Allowed]),
        post("/profile/avatar", Body::Multipart, signed_in),
        get(
            "/profile/calendar/reset",
            [Public, Allowed, Allowed, Allowed],
        ),
        post("/profile/calendar/reset", Body::Form, signed_in),
        get("/users", admin_only),
        get("/jobs", admin_only),
        get("/users/new", admin_only),
        post("/users/new", Body::Form, admin_only),
        get("/users/import", admin_only),
        post("/users/import", Body::Multipart, admin_only),
        get("/users/export", admin_only),
        get("/users/{user}", admin_only),
        post("/users/{user}", Body::Form, admin_only),
        get("/users/{user}/deactivate", admin_only),
        post("/users/{user}/deactivate", Body::Form, admin_only),
        get("/users/{user}/reactivate", admin_only),
        post("/users/{user}/reactivate", Body::Form, admin_only),
        get("/users/{user}/reset-password", admin_only),
        post("/users/{user}/reset-password", Body::Form, admin_only),
        get("/users/{user}/delete", admin_only),
        post("/users/{user}/delete", Body::Form, admin_only),
        get("/courses", [Shown, Shown, Shown, Shown]),
        get("/courses?mine=true", [Shown, Shown, Shown, Shown]),
        get("/courses/{courseA}", [Shown, Shown, Shown, Shown]),
        on(
            Method::GET,
            "/courses/{draftA}",
            Body::None,
            [NotFound, NotFound, Shown, Shown],
        ),
        get("/teach", trainers),
        get("/teach/courses/new", trainers),
        // An empty form: refused for its fields (422) once the caller may create.
        post(
            "/teach/courses/new",
            Body::Form,
            [Login, Forbidden, Allowed, Allowed],
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        on(
            Method::GET,
            "/teach/courses/{draftA}",
            Body::None,
            [Login, NotFound, Shown, Shown],
        ),
        on(
            Method::POST,
            "/teach/courses/{courseA}",
            Body::Form,
            managers,
        ),
        on(Method::POST, "/teach/courses/{draftA}", Body::Form, hidden),
        get(
            "/teach/courses/{courseA}/cover",
            [Public, Public, Public, Public],
        ),
        // No file: refused for it (422) once the caller may change the course.
        on(
            Method::POST,
            "/teach/courses/{courseA}/cover",
            Body::Multipart,
            managers,
        ),
        on(
            Method::POST,
            "/teach/courses/{draftA}/cover",
            Body::Multipart,
            hidden,
        ),
        on(
            Method::GET,
            "/teach/courses/{draftA}/publish",
            Body::None,
            [Login, NotFound, Shown, Shown],
        ),
        on(
            Method::POST,
            "/teach/courses/{draftA}/publish",
            Body::Form,
            hidden,
        ),
        on(
            Method::POST,
            "/teach/courses/{courseA}/publish",
            Body::Form,
            managers,
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/unpublish",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        on(
            Method::POST,
            "/teach/courses/{courseA}/unpublish",
            Body::Form,
            managers,
        ),
        on(
            Method::POST,
            "/teach/courses/{draftA}/unpublish",
            Body::Form,
            hidden,
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/delete",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        // Trainee A is enrolled: refused with 409 on the editor, for those who may delete.
        on(
            Method::POST,
            "/teach/courses/{courseA}/delete",
            Body::Form,
            managers,
        ),
        // Trainer A deletes it, so the super admin, next, finds nothing.
        on(
            Method::POST,
            "/teach/courses/{draftA}/delete",
            Body::Form,
            [Login, NotFound, Allowed, NotFound],
        ),
        get("/language", [Public, Public, Public, Public]),
        post("/language", Body::Form, [Public, Public, Public, Public]),
        get("/api/docs", [Public, Public, Public, Public]),
        // Certificates: one's own list; a certificate nobody has is not found; the
        // verification page is public (an unknown code is its 404 page).
        get("/certificates", [Login, Shown, Shown, Shown]),
        get(
            "/certificates/{user}/pdf",
            [Login, NotFound, NotFound, NotFound],
        ),
        get(
            "/verify/{unknownCode}",
            [NotFound, NotFound, NotFound, NotFound],
        ),
        get("/verify/{codeB}", [Shown, Shown, Shown, Shown]),
        Case {
            method: Method::GET,
            path: "/certificates/{certificateB}/pdf",
            body: Body::None,
            expect: Box::new(|actor| match actor {
                Actor::Anonymous => Login,
                Actor::TraineeB => Allowed,
                _ => NotFound,
            }),
            scope: Scope::Role,
        },
        get_a("/teach/courses/{courseA}/outline", author),
        get_a("/teach/courses/{draftA}/outline", hidden),
        get_a("/teach/courses/{courseA}/sections", author),
        post_a("/teach/courses/{courseA}/sections", Body::Form, author),
        post_a("/teach/courses/{draftA}/sections", Body::Form, hidden),
        get_a("/teach/courses/{courseA}/sections/order", author),
        post_a(
            "/teach/courses/{courseA}/sections/order",
            Body::Form,
            author,
        ),
        get_a("/teach/courses/{courseA}/contents", author),
        post_a("/teach/courses/{courseA}/contents", Body::Form, author),
        get_a("/teach/courses/{courseA}/contents/order", author),
        post_a(
            "/teach/courses/{courseA}/contents/order",
            Body::Form,
            author,
        ),
        get_a("/teach/sections/{sectionA}", author),
        post_a("/teach/sections/{sectionA}", Body::Form, author),
        get_a("/teach/sections/{sectionA}/delete", author),
        post_a("/teach/sections/{sectionA}/delete", Body::Form, author),
        get_a("/teach/contents/{contentA}", author),
        get_a("/teach/contents/{draftContentA}", author),
        get_a("/teach/contents/{quizA}", author),
        post_a("/teach/contents/{contentA}", Body::Form, author),
        get_a("/teach/contents/{contentA}/delete", author),
        post_a("/teach/contents/{contentA}/delete", Body::Form, author),
        get_a("/teach/contents/{contentA}/move", author),
        post_a("/teach/contents/{contentA}/move", Body::Form, author),
        get_a("/teach/contents/{contentA}/file", author),
        post_a("/teach/contents/{contentA}/file", Body::Multipart, author),
        get_a("/teach/contents/{videoA}/captions", author),
        post_a("/teach/contents/{videoA}/captions", Body::Multipart, author),
        get_a("/teach/contents/{videoA}/captions/delete", author),
        post_a(
            "/teach/contents/{videoA}/captions/delete",
            Body::Form,
            author,
        ),
        get_a("/teach/contents/{quizA}/questions", author),
        post_a("/teach/contents/{quizA}/questions", Body::Form, author),
        get_a("/teach/contents/{quizA}/questions/order", author),
        post_a(
            "/teach/contents/{quizA}/questions/order",
            Body::Form,
            author,
        ),
        get_a("/teach/questions/{questionA}", author),
        post_a("/teach/questions/{questionA}", Body::Form, author),
        get_a("/teach/questions/{questionA}/delete", author),
        post_a("/teach/questions/{questionA}/delete", Body::Form, author),
    ]);
    rows.extend(teaching_cases());
    rows.extend(attendance_cases());
    rows.extend(assignment_cases());
    rows
}

/// Assignments: trainer A's published assignment (`{assignmentA}`) on course A, and
/// trainee A's work on it with one file (`{submissionA}`).
fn assignment_cases() -> Vec<Case> {
    let case = |method: Method, path, body, expect: fn(Actor) -> Expect| Case {
        method,
        path,
        body,
        expect: Box::new(expect),
        scope: Scope::Role,
    };
    let on = |method: Method, path, body, [anonymous, others, owner, admin]: Roles| Case {
        method,
        path,
        body,
        expect: Box::new(on_a(anonymous, others, owner, admin)),
        scope: Scope::Role,
    };
    // Those who may open course A's lessons; anyone else may see the course, not this.
    let learners: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA | Actor::TrainerA | Actor::Admin => Shown,
        _ => Forbidden,
    };
    // Handing in: trainee A alone (an empty form: refused for its field, 422).
    let hand_in: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA => Allowed,
        _ => Forbidden,
    };
    // The work's file: its trainee, the course's trainer, super admins; anyone else 404.
    let work: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA | Actor::TrainerA | Actor::Admin => Shown,
        _ => NotFound,
    };
    // The grading view: its trainee is refused (403), anyone else does not learn it exists.
    let grading_view: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA => Forbidden,
        Actor::TrainerA | Actor::Admin => Shown,
        _ => NotFound,
    };
    // An empty grade: refused for its score (422) once the caller may grade.
    let grading: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA => Forbidden,
        Actor::TrainerA | Actor::Admin => Allowed,
        _ => NotFound,
    };
    let trainers = [Login, Forbidden, Shown, Shown];
    let managers = [Login, Forbidden, Allowed, Allowed];
    vec![
        case(
            Method::GET,
            "/learn/{courseA}/assignments",
            Body::None,
            learners,
        ),
        case(
            Method::GET,
            "/learn/assignments/{assignmentA}",
            Body::None,
            learners,
        ),
        case(
            Method::POST,
            "/learn/assignments/{assignmentA}",
            Body::Multipart,
            hand_in,
        ),
        case(
            Method::GET,
            "/submissions/{submissionA}/download",
            Body::None,
            work,
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/assignments",
            Body::None,
            trainers,
        ),
        // An empty form: refused for its fields (422) once the caller may set assignments.
        on(
            Method::POST,
            "/teach/courses/{courseA}/assignments",
            Body::Form,
            managers,
        ),
        on(
            Method::GET,
            "/teach/assignments/{assignmentA}",
            Body::None,
            trainers,
        ),
        on(
            Method::POST,
            "/teach/assignments/{assignmentA}",
            Body::Form,
            managers,
        ),
        on(
            Method::GET,
            "/teach/assignments/{assignmentA}/delete",
            Body::None,
            trainers,
        ),
        // Work is kept for it: refused (409) once the caller may delete it.
        on(
            Method::POST,
            "/teach/assignments/{assignmentA}/delete",
            Body::Form,
            managers,
        ),
        on(
            Method::GET,
            "/teach/assignments/{assignmentA}/submissions",
            Body::None,
            trainers,
        ),
        case(
            Method::GET,
            "/teach/submissions/{submissionA}",
            Body::None,
            grading_view,
        ),
        case(
            Method::POST,
            "/teach/submissions/{submissionA}",
            Body::Form,
            grading,
        ),
    ]
}

/// Taking quizzes, the roster and grading: course A's quiz, trainee A's attempt in
/// progress (`{attemptA}`), course A's roster.
fn teaching_cases() -> Vec<Case> {
    let case = |method: Method, path, body, expect: fn(Actor) -> Expect| Case {
        method,
        path,
        body,
        expect: Box::new(expect),
        scope: Scope::Role,
    };
    let on = |method: Method, path, body, [anonymous, others, owner, admin]: Roles| Case {
        method,
        path,
        body,
        expect: Box::new(on_a(anonymous, others, owner, admin)),
        scope: Scope::Role,
    };
    let public: fn(Actor) -> Expect = |_| Public;
    // The quiz's page: those who may open course A's lessons.
    let learners: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA | Actor::TrainerA | Actor::Admin => Shown,
        _ => Forbidden,
    };
    // Starting: trainee A (who resumes the attempt in progress) alone.
    let starter: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA => Allowed,
        _ => Forbidden,
    };
    // The attempt: its trainee; the course's trainer and super admins are sent to the
    // grading sheet; anyone else does not learn it exists.
    let attempt: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA => Shown,
        Actor::TrainerA | Actor::Admin => Allowed,
        _ => NotFound,
    };
    let answering: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TraineeA => Allowed,
        _ => NotFound,
    };
    let sheet: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TrainerA | Actor::Admin => Shown,
        _ => NotFound,
    };
    // An attempt in progress is not graded (409), for those who may grade.
    let grading: fn(Actor) -> Expect = |a| match a {
        Actor::Anonymous => Login,
        Actor::TrainerA | Actor::Admin => Allowed,
        _ => NotFound,
    };
    vec![
        case(Method::GET, "/learn/quizzes/{quizA}", Body::None, learners),
        case(
            Method::GET,
            "/learn/quizzes/{quizA}/start",
            Body::None,
            public,
        ),
        case(
            Method::POST,
            "/learn/quizzes/{quizA}/start",
            Body::Form,
            starter,
        ),
        case(
            Method::GET,
            "/learn/attempts/{attemptA}",
            Body::None,
            attempt,
        ),
        case(
            Method::GET,
            "/learn/attempts/{attemptA}/answers",
            Body::None,
            public,
        ),
        case(
            Method::POST,
            "/learn/attempts/{attemptA}/answers",
            Body::Form,
            answering,
        ),
        case(
            Method::GET,
            "/learn/attempts/{attemptA}/submit",
            Body::None,
            public,
        ),
        case(
            Method::POST,
            "/learn/attempts/{attemptA}/submit",
            Body::Form,
            answering,
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/roster",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        // An empty form: refused for its field (422) once the caller may enrol.
        on(
            Method::POST,
            "/teach/courses/{courseA}/roster",
            Body::Form,
            [Login, Forbidden, Allowed, Allowed],
        ),
        case(
            Method::GET,
            "/teach/courses/{courseA}/enrolments",
            Body::None,
            public,
        ),
        // No enrolment named: 404 once the caller may change the roster.
        on(
            Method::POST,
            "/teach/courses/{courseA}/enrolments",
            Body::Form,
            [Login, Forbidden, Allowed, Allowed],
        ),
        Case {
            method: Method::GET,
            path: "/teach/grading",
            body: Body::None,
            expect: Box::new(by_role(Login, Forbidden, Shown, Shown)),
            scope: Scope::Role,
        },
        case(Method::GET, "/teach/attempts/{attemptA}", Body::None, sheet),
        case(
            Method::POST,
            "/teach/attempts/{attemptA}",
            Body::Form,
            grading,
        ),
    ]
}

/// Attendance: course A's register, check-in screen and export (its trainer and the super
/// admin), and the check-in page (trainee A signs in; its trainer may look).
fn attendance_cases() -> Vec<Case> {
    let on = |method: Method, path, body, [anonymous, others, owner, admin]: Roles| Case {
        method,
        path,
        body,
        expect: Box::new(on_a(anonymous, others, owner, admin)),
        scope: Scope::Role,
    };
    let course = |method: Method, path, body, expect: fn(Actor) -> Expect| Case {
        method,
        path,
        body,
        expect: Box::new(expect),
        scope: Scope::Role,
    };
    let managers = [Login, Forbidden, Allowed, Allowed];
    vec![
        on(
            Method::GET,
            "/teach/courses/{courseA}/attendance",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        // No date: refused for its field once the caller may take the register.
        on(
            Method::POST,
            "/teach/courses/{courseA}/attendance",
            Body::Form,
            managers,
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/attendance/export",
            Body::None,
            managers,
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/gradebook",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        // No enrolment named: 404 once the caller may grade.
        on(
            Method::POST,
            "/teach/courses/{courseA}/gradebook",
            Body::Form,
            [Login, Forbidden, NotFound, NotFound],
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/gradebook.csv",
            Body::None,
            managers,
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/statistics",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/check-in",
            Body::None,
            [Login, Forbidden, Shown, Shown],
        ),
        on(
            Method::GET,
            "/teach/courses/{courseA}/check-in/code",
            Body::None,
            managers,
        ),
        course(Method::GET, "/attend/{courseA}", Body::None, |a| match a {
            Actor::Anonymous => Login,
            Actor::TraineeA => Shown,
            Actor::TrainerA | Actor::Admin => Allowed,
            _ => Forbidden,
        }),
        // No code: refused on the form for those who may sign in here.
        course(Method::POST, "/attend/{courseA}", Body::Form, |a| match a {
            Actor::Anonymous => Login,
            Actor::TraineeA | Actor::TrainerA | Actor::Admin => Allowed,
            _ => Forbidden,
        }),
        course(
            Method::GET,
            "/attend/{courseA}/sign-out",
            Body::None,
            |a| match a {
                Actor::Anonymous => Login,
                _ => Allowed,
            },
        ),
        // Not signed in today: 409 on the page for trainee A; no one else signs out here.
        course(
            Method::POST,
            "/attend/{courseA}/sign-out",
            Body::Form,
            |a| match a {
                Actor::Anonymous => Login,
                Actor::TraineeA => Allowed,
                _ => Forbidden,
            },
        ),
    ]
}

fn judge(res: &TestResponse, expect: Expect) -> bool {
    let status = res.status;
    let to_login = status.is_redirection() && location(res).starts_with("/login");
    let healthy = !status.is_server_error() && status != StatusCode::FORBIDDEN;
    match expect {
        Login => to_login,
        Forbidden => status == StatusCode::FORBIDDEN,
        Allowed => healthy && !to_login,
        Public => healthy,
        Shown => status == StatusCode::OK,
        NotFound => status == StatusCode::NOT_FOUND,
    }
}

/// Every actor's answer to one row, each in a browser of its own; failures as lines.
async fn run_row(world: &World, case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    for actor in ACTORS {
        let mut browser = Browser::new(&world.app);
        let token_page = match world.user(actor) {
            None => "/login",
            Some(user) => {
                browser.login(&user.email, PASSWORD).await;
                "/profile"
            }
        };
        let page = browser.get(token_page).await;
        assert_eq!(
            page.status,
            StatusCode::OK,
            "{token_page} as {actor:?}: {:?}",
            page.headers
        );
        let token = csrf_in(&page.text);
        let path = world.fill(case.path, actor);
        let res = match case.body {
            Body::None => browser.send(case.method.clone(), &path, None).await,
            Body::Form => browser.post(&path, &[("csrf", &token)]).await,
            Body::Multipart => {
                browser
                    .post_multipart(&path, &[Part::Field("csrf", &token)])
                    .await
            }
        };
        let expected = (case.expect)(actor);
        if !judge(&res, expected) {
            failures.push(format!(
                "{} {} as {actor:?}: expected {expected:?}, got {} (location {:?})",
                case.method,
                case.path,
                res.status,
                res.headers.get("location")
            ));
        }
    }
    failures
}

/// Rows that only read share one world; a row that posts gets a world of its own.
#[tokio::test]
async fn every_page_answers_each_actor_as_the_policy_says() {
    let rows: Vec<Case> = cases()
        .into_iter()
        .filter(|c| matches!(c.scope, Scope::Role))
        .collect();
    let posts = |case: &Case| case.method != Method::GET;
    let failures = run_rows(&rows, posts, run_row).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The course editor's rows, a few at a time: every row signs each actor in, and one
/// account may have only so many sign-ins in flight (`login_throttle::ACCOUNT`).
#[tokio::test]
async fn every_editor_page_answers_each_actor_as_the_policy_says() {
    let rows: Vec<Case> = cases()
        .into_iter()
        .filter(|c| matches!(c.scope, Scope::CourseA))
        .collect();
    let posts = |case: &Case| case.method != Method::GET;
    let mut failures = Vec::new();
    for chunk in rows.chunks(8) {
        failures.extend(run_rows(chunk, posts, run_row).await);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A row's path as the router writes it: every placeholder is `{id}`.
fn placeholders_as_id(path: &str) -> String {
    path.split('/')
        .map(|part| if part.starts_with('{') { "{id}" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_page_route_is_in_the_matrix() {
    let covered: BTreeSet<(String, String)> = cases()
        .iter()
        .map(|c| {
            let path = c.path.split('?').next().unwrap_or_default();
            (c.method.to_string(), placeholders_as_id(path))
        })
        .collect();
    // What the router serves (`/assets/` is outside: public files, not pages).
    let registered: BTreeSet<(String, String)> = courseworx::web::served_pages()
        .into_iter()
        .map(|(method, path)| (method.to_string(), placeholders_as_id(path)))
        .collect();
    assert!(registered.len() >= 25, "the scan found {registered:?}");
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "page routes without a matrix row: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for routes that do not exist: {stale:?}"
    );
}
