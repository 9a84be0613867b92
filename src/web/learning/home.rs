//! The trainee's home (`GET /` for a trainee; `web::home` hands over): "Continue where you
//! left off", my courses in progress as cards with their next lesson, the certificates
//! earned, and an empty state that leads to the catalogue.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::mine::MyCourse;
use super::{lesson_path, next_lesson};
use crate::domain::enrolment::EnrolmentState;
use crate::domain::pagination::PageRequest;
use crate::domain::policy::Actor;
use crate::domain::user::User;
use crate::services::{enrolments, progress};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::page::{self, Page};

/// Course cards on the home page; the rest are on "My learning".
const CARDS: u64 = 6;

/// A certificate as the home page lists it.
#[derive(Debug, Clone)]
pub struct CertificateView {
    pub course: String,
    pub code: String,
    pub issued: String,
    pub issued_at: String,
}

#[derive(Template)]
#[template(path = "learning/home.html")]
struct HomePage {
    ctx: Page,
    user: User,
    /// The course studied last, with its next lesson.
    resume: Option<MyCourse>,
    /// Courses in progress (the one to resume first).
    courses: Vec<MyCourse>,
    /// How many courses are completed ("3 completed").
    completed: Option<String>,
    certificates: Vec<CertificateView>,
}

/// `GET /` for a trainee.
pub async fn show(state: &AppState, ctx: Page, user: User) -> Result<Response, PageError> {
    let actor = Actor::from(&user);
    let active = enrolments::mine(
        state,
        &actor,
        Some(EnrolmentState::Enrolled),
        PageRequest::new(Some(1), Some(CARDS)),
    )
    .await?;
    let done = enrolments::mine(
        state,
        &actor,
        Some(EnrolmentState::Completed),
        PageRequest::new(Some(1), Some(1)),
    )
    .await?;
    let mut courses = Vec::with_capacity(active.items.len());
    // At most `CARDS` courses, each with its next lesson.
    for mine in &active.items {
        let mut card = MyCourse::new(&ctx, mine, "card");
        let lessons = progress::of_course(state, &actor, mine.course.id, None).await?;
        card.next = next_lesson(&lessons)
            .map(|l| (l.title.clone(), lesson_path(mine.course.id, l.content_id)));
        courses.push(card);
    }
    let certificates = crate::db::certificates::mine(&state.db, user.id)
        .await
        .map_err(crate::error::AppError::from)?
        .into_iter()
        .map(|c| CertificateView {
            course: c.course_title,
            code: c.code,
            issued: ctx.date(&c.issued_at),
            issued_at: c.issued_at.to_rfc3339(),
        })
        .collect();
    let completed_total = done.pagination.total_items;
    let page = HomePage {
        resume: courses.first().cloned(),
        courses,
        completed: (completed_total > 0).then(|| ctx.tn("home-completed-count", &completed_total)),
        certificates,
        user,
        ctx,
    };
    page::render(StatusCode::OK, &page)
}
