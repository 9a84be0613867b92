//! `GET /learn/quizzes/{id}`: a quiz before it is taken (attempts left, time limit,
//! passing score, the trainee's past attempts with their scores) and `POST
//! /learn/quizzes/{id}/start`, which starts an attempt or resumes the one in progress.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::{actor, attempt_path, outcome_badge, percent_text, quiz_path, score_text};
use crate::domain::attempt::AttemptStatus;
use crate::domain::content::ContentKind;
use crate::domain::user::Role;
use crate::error::AppError;
use crate::services::{attempts, courses, outline};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::Path;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

/// A past attempt, as a row.
pub struct PastAttempt {
    pub href: String,
    pub number: String,
    pub when: String,
    pub score: Option<String>,
    pub percent: Option<String>,
    pub badge: (&'static str, String),
    pub open: bool,
}

#[derive(Template)]
#[template(path = "quizzes/intro.html")]
struct IntroPage {
    ctx: Page,
    id: Uuid,
    course_id: Uuid,
    course_title: String,
    title: String,
    description: Option<String>,
    /// Key facts: label, value.
    facts: Vec<(String, String)>,
    past: Vec<PastAttempt>,
    /// The attempt in progress, to resume.
    open: Option<String>,
    /// A trainee may start (attempts left).
    can_start: bool,
    /// Why not, when they may not.
    closed: Option<String>,
}

/// `GET /learn/quizzes/{id}` (those who may open the course's lessons: its trainees, its
/// trainer, super admins).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let quiz = outline::content(&state, Some(&actor), id).await?;
    if quiz.kind != ContentKind::Quiz {
        return Err(AppError::NotFound.into());
    }
    let (list, left) = attempts::list(&state, &actor, id).await?;
    let course = courses::show(&state, Some(&actor), quiz.course_id).await?;
    let settings = quiz.quiz_data.clone().unwrap_or_default();
    let n = |v: u32| ctx.number(&u64::from(v));
    let mut facts = vec![(
        ctx.t("quiz-fact-passing"),
        percent_text(&ctx, i32::from(settings.passing_score)),
    )];
    facts.push((
        ctx.t("quiz-fact-time"),
        match settings.time_limit_minutes {
            Some(m) => ctx.tn("quiz-minutes", &u64::from(m)),
            None => ctx.t("quiz-untimed"),
        },
    ));
    let learner = who.user.role == Role::Trainee;
    facts.push((
        ctx.t("quiz-fact-attempts"),
        match (settings.max_attempts, left) {
            (None, _) => ctx.t("quiz-attempts-unlimited"),
            (Some(max), Some(left)) if learner => {
                ctx.t2("quiz-attempts-left", "count", n(left), "max", n(max))
            }
            (Some(max), _) => n(max),
        },
    ));
    let mine: Vec<_> = list.iter().filter(|a| a.user_id == actor.id).collect();
    let open = mine
        .iter()
        .find(|a| a.status == AttemptStatus::InProgress)
        .map(|a| attempt_path(a.id));
    let past = mine
        .iter()
        .rev()
        .map(|a| PastAttempt {
            href: attempt_path(a.id),
            number: ctx.t1(
                "attempt-number",
                "value",
                ctx.number(&u64::try_from(a.number).unwrap_or(0)),
            ),
            when: ctx.date_time(&a.submitted_at.unwrap_or(a.started_at)),
            score: score_text(&ctx, a),
            percent: a.percent.map(|p| percent_text(&ctx, p)),
            badge: outcome_badge(&ctx, a),
            open: a.status == AttemptStatus::InProgress,
        })
        .collect();
    let can_start = learner && open.is_none() && left != Some(0);
    let closed =
        (learner && open.is_none() && left == Some(0)).then(|| ctx.t("quiz-no-attempts-left"));
    page::render(
        StatusCode::OK,
        &IntroPage {
            ctx,
            id,
            course_id: quiz.course_id,
            course_title: course.title,
            title: quiz.title,
            description: quiz.description,
            facts,
            past,
            open,
            can_start,
            closed,
        },
    )
}

/// `POST /learn/quizzes/{id}/start` (a trainee enrolled in the course): to the new
/// attempt, or to the one in progress.
pub async fn start(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let (attempt, _) = attempts::start(&state, &actor(&who), id).await?;
    Ok(Redirect::to(&attempt_path(attempt.id)).into_response())
}

/// `GET /learn/quizzes/{id}/start`: the form's address, opened: the quiz's page.
pub async fn to_quiz(Path(id): Path<Uuid>) -> Redirect {
    Redirect::to(&quiz_path(id))
}
