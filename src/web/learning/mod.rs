//! The trainee's side of the pages: enrolling from a course's landing page (`enrol`),
//! their home (`home`), "My learning" (`mine`), the lesson player (`player`) and its notes
//! panel (`notes`). Thin handlers over `services::enrolments`, `progress`, `outline` and
//! `notes`; the services decide who may do what.

pub mod enrol;
pub mod home;
pub mod mine;
pub mod notes;
pub mod player;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use uuid::Uuid;

use crate::domain::content::ContentKind;
use crate::domain::enrolment::EnrolmentState;
use crate::domain::progress::{CourseProgress, LessonProgress};
use crate::web::page::Page;
use crate::web::routes::PageRoutes;

/// The learner's routes (`web::pages` adds them in one call).
pub fn routes(routes: PageRoutes) -> PageRoutes {
    routes
        .get("/courses/{id}/enrol", enrol::back)
        .post("/courses/{id}/enrol", enrol::enrol)
        .get("/courses/{id}/drop", enrol::confirm_drop)
        .post("/courses/{id}/drop", enrol::drop)
        .get("/learning", mine::list)
        .get("/learn/{course_id}", player::resume)
        .get("/learn/{course_id}/{content_id}", player::show)
        .get("/learn/{course_id}/{content_id}/document", player::document)
        .get("/learn/{course_id}/{content_id}/complete", player::back)
        .post("/learn/{course_id}/{content_id}/complete", player::complete)
        .get("/learn/{course_id}/{content_id}/position", player::back)
        .post("/learn/{course_id}/{content_id}/position", player::position)
        .get("/learn/{course_id}/{content_id}/notes", player::back)
        .post("/learn/{course_id}/{content_id}/notes", notes::create)
        .get(
            "/learn/{course_id}/{content_id}/notes/{note_id}/delete",
            notes::back,
        )
        .post(
            "/learn/{course_id}/{content_id}/notes/{note_id}/delete",
            notes::delete,
        )
}

/// The player's address of a lesson.
pub fn lesson_path(course: Uuid, content: Uuid) -> String {
    format!("/learn/{course}/{content}")
}

/// A progress figure as a bar shows it: the whole percent for `<progress>`, and the
/// same number as text ("40%", "٤٠٪").
#[derive(Debug, Clone)]
pub struct ProgressView {
    pub value: u64,
    pub text: String,
    pub done: bool,
}

impl ProgressView {
    pub fn new(ctx: &Page, progress: Decimal) -> ProgressView {
        let value = progress.floor().to_u64().unwrap_or(0).min(100);
        ProgressView {
            value,
            text: ctx.t1("learning-percent", "value", ctx.number(&value)),
            done: value >= 100,
        }
    }
}

/// A status as a badge: its words and its modifier class (the words carry the meaning;
/// the colour only repeats it).
#[derive(Debug, Clone)]
pub struct StatusBadge {
    pub text: String,
    pub class: &'static str,
}

pub fn status_badge(ctx: &Page, status: EnrolmentState) -> StatusBadge {
    let (key, class) = match status {
        EnrolmentState::Enrolled => ("learning-status-enrolled", "info"),
        EnrolmentState::Completed => ("learning-status-completed", "success"),
        EnrolmentState::Dropped => ("learning-status-dropped", "muted"),
        EnrolmentState::Suspended => ("learning-status-suspended", "warning"),
    };
    StatusBadge {
        text: ctx.t(key),
        class,
    }
}

/// Lessons a trainee works through: certificates are awarded, not opened.
fn is_lesson(lesson: &LessonProgress) -> bool {
    lesson.kind != ContentKind::Certificate
}

/// The lesson to open next: the first one not done, in the outline's order.
pub fn next_lesson(progress: &CourseProgress) -> Option<&LessonProgress> {
    progress
        .lessons
        .iter()
        .filter(|l| is_lesson(l))
        .find(|l| !l.completed)
}
