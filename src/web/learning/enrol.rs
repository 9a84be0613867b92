//! Enrolling from a course's landing page: the one call to action (`Cta`, drawn by
//! `templates/courses/show.html`), `POST /courses/{id}/enrol` and the confirmed
//! `POST /courses/{id}/drop` (drop the course, or leave its waitlist). Without JavaScript
//! the Drop link leads to the confirmation page `GET /courses/{id}/drop`; with it, the
//! same form opens in a `<dialog>`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::{ProgressView, lesson_path, next_lesson};
use crate::domain::course::Course;
use crate::domain::enrolment::{EnrolOutcome, EnrolmentState, enrolment_open};
use crate::domain::policy::Actor;
use crate::domain::user::Role;
use crate::error::AppError;
use crate::services::{courses, enrolments, progress};
use crate::state::AppState;
use crate::web::courses::actions::Confirm;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::Path;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

/// What the landing page offers the viewer, by their standing in the course.
#[derive(Debug, Clone)]
pub enum Cta {
    /// A visitor: sign in, then come back here.
    SignIn {
        href: String,
    },
    /// A trainee with no place: enrol.
    Enrol,
    /// A trainee, and the course is full: join its line.
    JoinWaitlist,
    /// In line, at this place ("3rd"), worded.
    Waiting {
        place: String,
        leave: Confirm,
    },
    /// Enrolled: the next lesson (or the course's first), and the progress so far.
    Continue {
        href: String,
        next: Option<String>,
        progress: ProgressView,
        started: bool,
        drop: Confirm,
    },
    /// Finished: the certificates, and the lessons to look back at.
    Completed {
        review: String,
    },
    Suspended,
    /// Enrolment closed (the course ended) and the viewer holds no place.
    Ended,
    /// Trainers and super admins do not enrol.
    None,
}

fn drop_confirm(ctx: &Page, course: &Course, waiting: bool) -> Confirm {
    let title = ctx.isolate(&course.title);
    let (heading, text, label) = if waiting {
        (
            ctx.t1("enrol-leave-title", "title", &title),
            ctx.t("enrol-leave-text"),
            ctx.t("enrol-leave"),
        )
    } else {
        (
            ctx.t1("enrol-drop-title", "title", &title),
            ctx.t("enrol-drop-text"),
            ctx.t("enrol-drop"),
        )
    };
    Confirm {
        slug: "drop",
        href: format!("/courses/{}/drop", course.id),
        title: heading,
        text,
        label,
        danger: true,
    }
}

/// The call to action of a course's landing page for this viewer.
pub async fn cta(
    state: &AppState,
    ctx: &Page,
    actor: Option<&Actor>,
    course: &Course,
    full: bool,
) -> Result<Cta, AppError> {
    let Some(actor) = actor else {
        let next: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &format!("/courses/{}", course.id))
            .finish();
        return Ok(Cta::SignIn {
            href: format!("/login?{next}"),
        });
    };
    if actor.role != Role::Trainee || !course.is_published {
        return Ok(Cta::None);
    }
    let (enrolment, waiting) = enrolments::standing(state, actor, course.id).await?;
    let open = enrolment_open(course.end_date, crate::clock::now().date_naive());
    Ok(match enrolment.map(|e| e.status) {
        Some(EnrolmentState::Enrolled) => {
            let mine = progress::of_course(state, actor, course.id, None).await?;
            let next = next_lesson(&mine);
            let first = mine.lessons.first();
            Cta::Continue {
                href: next.or(first).map_or(format!("/learn/{}", course.id), |l| {
                    lesson_path(course.id, l.content_id)
                }),
                next: next.map(|l| l.title.clone()),
                started: mine.lessons.iter().any(|l| l.completed),
                progress: ProgressView::new(ctx, mine.enrollment.progress),
                drop: drop_confirm(ctx, course, false),
            }
        }
        Some(EnrolmentState::Completed) => Cta::Completed {
            review: format!("/learn/{}", course.id),
        },
        Some(EnrolmentState::Suspended) => Cta::Suspended,
        _ => match waiting {
            Some(place) => Cta::Waiting {
                place: ctx.t1("enrol-waiting-place", "value", ctx.number(&place.position)),
                leave: drop_confirm(ctx, course, true),
            },
            None if !open => Cta::Ended,
            None if full => Cta::JoinWaitlist,
            None => Cta::Enrol,
        },
    })
}

/// `GET /courses/{id}/enrol`: the form's address opened again: the course page.
pub async fn back(Path(id): Path<Uuid>) -> Redirect {
    Redirect::to(&format!("/courses/{id}"))
}

/// `POST /courses/{id}/enrol` (trainees): a place, or a place in line when the course is
/// full; back on the course page, which then offers to start.
pub async fn enrol(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    let done = match enrolments::enrol_self(&state, &actor, id).await? {
        EnrolOutcome::Enrolled(_) | EnrolOutcome::Already(_) => Flash::Enrolled,
        EnrolOutcome::Waitlisted(_) => Flash::Waitlisted,
    };
    Ok(flash::redirect_with(
        &format!("/courses/{id}"),
        done,
        ctx.secure,
    ))
}

#[derive(Template)]
#[template(path = "learning/confirm.html")]
struct ConfirmPage {
    ctx: Page,
    course: Course,
    confirm: Confirm,
}

/// `GET /courses/{id}/drop` (an enrolled or waiting trainee): the confirmation, as a page.
/// Anyone with nothing to leave goes back to the course page.
pub async fn confirm_drop(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    let course = courses::show(&state, Some(&actor), id).await?;
    let (enrolment, waiting) = enrolments::standing(&state, &actor, id).await?;
    let learning = enrolment.is_some_and(|e| e.status.learns());
    if !learning && waiting.is_none() {
        return Ok(Redirect::to(&format!("/courses/{id}")).into_response());
    }
    let confirm = drop_confirm(&ctx, &course, !learning);
    page::render(
        StatusCode::OK,
        &ConfirmPage {
            ctx,
            course,
            confirm,
        },
    )
}

/// `POST /courses/{id}/drop` (an enrolled or waiting trainee): drops the course (its
/// records are kept) or leaves the line.
pub async fn drop(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    let (enrolment, _) = enrolments::standing(&state, &actor, id).await?;
    let was_learning = enrolment.is_some_and(|e| e.status.learns());
    match enrolments::drop_self(&state, &actor, id).await {
        Ok(()) => {}
        // Nothing to leave (asked twice): the course page says where they stand.
        Err(AppError::NotFound) => {
            return Ok(Redirect::to(&format!("/courses/{id}")).into_response());
        }
        Err(other) => return Err(other.into()),
    }
    let done = if was_learning {
        Flash::Dropped
    } else {
        Flash::LeftWaitlist
    };
    Ok(flash::redirect_with(
        &format!("/courses/{id}"),
        done,
        ctx.secure,
    ))
}
