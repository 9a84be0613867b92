//! The trainee's home (`GET /` for a trainee; `web::home` hands over): "Continue where you
//! left off", what is due soon (quizzes not yet passed and lessons left in courses that end
//! within two weeks), my courses in progress as cards with their next lesson, the
//! certificates earned, and an empty state that leads to the catalogue.

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

/// A course ending within this many days puts what is left of it under "Due soon".
const DUE_WITHIN_DAYS: i64 = 14;

/// One line of "Due soon": a quiz not yet passed, or the lessons left, of a course that
/// ends soon.
#[derive(Debug, Clone)]
pub struct DueItem {
    pub title: String,
    /// "Quiz", "Assignment": what it is, when it is not lessons.
    pub badge: Option<String>,
    pub course: String,
    pub href: String,
    /// "Course ends 12 December 2026".
    pub ends: String,
    /// "3 days left", "Ends today".
    pub left: String,
}

/// A certificate as the home page lists it.
#[derive(Debug, Clone)]
pub struct CertificateView {
    pub course: String,
    pub code: String,
    pub issued: String,
    pub issued_at: String,
}

/// A grade received, as "Recent grades" says it.
#[derive(Debug, Clone)]
pub struct GradeView {
    pub title: String,
    pub href: String,
    pub badge: String,
    pub course: String,
    /// "8 / 10 · 80%".
    pub score: String,
    /// Quizzes: passed or not, as a badge's words and modifier.
    pub passed: Option<(String, &'static str)>,
    pub feedback: bool,
    pub when: String,
    pub at: String,
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
    due: Vec<DueItem>,
    grades: Vec<GradeView>,
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
    let mut due = Vec::new();
    let today = crate::clock::now().date_naive();
    // At most `CARDS` courses, each with its next lesson.
    for mine in &active.items {
        let mut card = MyCourse::new(&ctx, mine, "card");
        let lessons = progress::of_course(state, &actor, mine.course.id, None).await?;
        card.next = next_lesson(&lessons)
            .map(|l| (l.title.clone(), lesson_path(mine.course.id, l.content_id)));
        if let Some(end) = mine.course.end_date {
            let days = (end - today).num_days();
            if (0..=DUE_WITHIN_DAYS).contains(&days) {
                due.extend(due_items(&ctx, mine, &lessons, &card, days));
            }
        }
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
    let board = crate::services::dashboard::learner(state, &user).await?;
    // Assignments due come first: they have a date and time of their own.
    let assignments: Vec<DueItem> = board.due.iter().map(|a| assignment_due(&ctx, a)).collect();
    let due = assignments.into_iter().chain(due).collect();
    let grades = board
        .recent_grades
        .iter()
        .map(|g| grade_view(&ctx, g))
        .collect();
    let completed_total = done.pagination.total_items;
    let page = HomePage {
        due,
        grades,
        resume: courses.first().cloned(),
        courses,
        completed: (completed_total > 0).then(|| ctx.tn("home-completed-count", &completed_total)),
        certificates,
        user,
        ctx,
    };
    page::render(StatusCode::OK, &page)
}

/// What is left of a course that ends in `days`: each quiz not yet passed, then the count
/// of the other required lessons not done (leading to the next one).
fn due_items(
    ctx: &Page,
    mine: &crate::domain::enrolment::MyEnrolment,
    lessons: &crate::domain::progress::CourseProgress,
    card: &MyCourse,
    days: i64,
) -> Vec<DueItem> {
    use crate::domain::content::ContentKind;
    let end = mine.course.end_date.unwrap_or_default();
    let ends = ctx.t1(
        "home-due-ends",
        "date",
        ctx.date(&end.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()),
    );
    let left = if days == 0 {
        ctx.t("home-due-today")
    } else {
        ctx.tn("home-due-days-left", &(days as u64))
    };
    let item = |title: String, quiz: bool, href: String| DueItem {
        title,
        badge: quiz.then(|| ctx.t("home-due-quiz")),
        course: mine.course.title.clone(),
        href,
        ends: ends.clone(),
        left: left.clone(),
    };
    let mut out: Vec<DueItem> = lessons
        .lessons
        .iter()
        .filter(|l| l.kind == ContentKind::Quiz && !l.completed)
        .map(|l| {
            item(
                l.title.clone(),
                true,
                format!("/learn/quizzes/{}", l.content_id),
            )
        })
        .collect();
    let others = lessons
        .lessons
        .iter()
        .filter(|l| {
            l.is_required
                && !l.completed
                && !matches!(l.kind, ContentKind::Quiz | ContentKind::Certificate)
        })
        .count() as u64;
    if others > 0 {
        let href = card
            .next
            .as_ref()
            .map_or_else(|| format!("/learn/{}", mine.course.id), |(_, h)| h.clone());
        out.push(item(ctx.tn("home-due-lessons", &others), false, href));
    }
    out
}

/// An assignment due, with its date and what is left ("Handed in" once it is).
fn assignment_due(ctx: &Page, a: &crate::domain::dashboard::DueAssignment) -> DueItem {
    let days = (a.due_date.date_naive() - crate::clock::now().date_naive()).num_days();
    DueItem {
        title: a.title.clone(),
        badge: Some(ctx.t("home-due-assignment")),
        course: a.course.clone(),
        href: format!("/learn/assignments/{}", a.assignment_id),
        ends: ctx.t1("home-due-at", "date", ctx.date_time(&a.due_date)),
        left: if a.submitted {
            ctx.t("home-due-handed-in")
        } else if days <= 0 {
            ctx.t("home-due-today-assignment")
        } else {
            ctx.tn("home-due-days-left", &(days as u64))
        },
    }
}

fn grade_view(ctx: &Page, g: &crate::domain::dashboard::RecentGrade) -> GradeView {
    use crate::domain::dashboard::GradedKind;
    let (badge, href) = match g.kind {
        GradedKind::Assignment => (
            ctx.t("home-due-assignment"),
            format!("/learn/assignments/{}", g.item_id),
        ),
        GradedKind::Quiz => (
            ctx.t("home-due-quiz"),
            format!("/learn/quizzes/{}", g.item_id),
        ),
    };
    GradeView {
        title: g.title.clone(),
        href,
        badge,
        course: g.course.clone(),
        score: ctx.t3(
            "home-grade-score",
            ["score", "points", "value"],
            [
                ctx.locale.decimal(&g.score.to_string()),
                ctx.number(&u64::try_from(g.out_of).unwrap_or(0)),
                ctx.percent(&g.percent),
            ],
        ),
        passed: g.passed.map(|p| {
            if p {
                (ctx.t("home-grade-passed"), "success")
            } else {
                (ctx.t("home-grade-failed"), "danger")
            }
        }),
        feedback: g.has_feedback,
        when: ctx.date(&g.graded_at),
        at: g.graded_at.to_rfc3339(),
    }
}
