//! An attempt: `GET /learn/attempts/{id}` shows it in progress (every question on one
//! page, a navigator, a timer when the quiz is timed, Save and Submit) or, once
//! submitted, its result. `POST /learn/attempts/{id}/answers` saves the form (the script
//! sends it on each change and asks for JSON); `POST /learn/attempts/{id}/submit` saves
//! what the form holds and submits.

use askama::Template;
use axum::extract::State;
use axum::http::header::ACCEPT;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{QuestionView, actor, attempt_path, outcome_badge, percent_text, score_text};
use crate::domain::attempt::{AnswersForm, Attempt, AttemptStatus, GivenAnswer};
use crate::domain::content::quiz::LearnerQuestion;
use crate::domain::policy::Actor;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::services::{attempts, outline};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, Path};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

#[derive(Template)]
#[template(path = "quizzes/take.html")]
struct TakePage {
    ctx: Page,
    id: Uuid,
    quiz_id: Uuid,
    title: String,
    number: String,
    questions: Vec<QuestionView>,
    answered: String,
    /// RFC 3339, for the script; and as read.
    deadline: Option<(String, String, String)>,
    /// Answers the service refused, by question id.
    refused: Vec<(Uuid, String)>,
}

impl TakePage {
    fn refused_of(&self, id: &Uuid) -> Option<&String> {
        self.refused.iter().find(|(q, _)| q == id).map(|(_, m)| m)
    }
}

#[derive(Template)]
#[template(path = "quizzes/result.html")]
struct ResultPage {
    ctx: Page,
    quiz_id: Uuid,
    title: String,
    number: String,
    status: AttemptStatus,
    badge: (&'static str, String),
    score: Option<String>,
    percent: Option<u64>,
    percent_text: Option<String>,
    passing: String,
    corrections_shown: bool,
    questions: Vec<QuestionView>,
    retry: bool,
}

/// `GET /learn/attempts/{id}` (the attempt's trainee; its course's trainer and super
/// admins are sent to the grading page; anyone else 404).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let attempt = attempts::show(&state, &actor, id).await?;
    if attempt.user_id != actor.id {
        return Ok(Redirect::to(&format!("/teach/attempts/{id}")).into_response());
    }
    render(&state, ctx, &actor, attempt, Vec::new(), StatusCode::OK).await
}

async fn render(
    state: &AppState,
    ctx: Page,
    actor: &Actor,
    attempt: Attempt,
    refused: Vec<(Uuid, String)>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let quiz = outline::content(state, Some(actor), attempt.content_id).await?;
    let number = ctx.t1(
        "attempt-number",
        "value",
        ctx.number(&u64::try_from(attempt.number).unwrap_or(0)),
    );
    if attempt.status == AttemptStatus::InProgress {
        let questions = QuestionView::all(&ctx, &attempt.questions, false);
        let done = questions.iter().filter(|q| q.answered).count() as u64;
        let answered = ctx.t2(
            "attempt-answered",
            "count",
            ctx.number(&done),
            "total",
            ctx.number(&(questions.len() as u64)),
        );
        let deadline = attempt.deadline.map(|d| {
            let left = (d - crate::clock::now()).num_seconds().max(0);
            (
                d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ctx.date_time(&d),
                clock(&ctx, u64::try_from(left).unwrap_or(0)),
            )
        });
        return page::render(
            status,
            &TakePage {
                ctx,
                id: attempt.id,
                quiz_id: quiz.id,
                title: quiz.title,
                number,
                questions,
                answered,
                deadline,
                refused,
            },
        );
    }
    let settings = quiz.quiz_data.clone().unwrap_or_default();
    let (_, left) = attempts::list(state, actor, quiz.id).await?;
    let questions = QuestionView::all(&ctx, &attempt.questions, attempt.corrections_shown);
    let pending = attempt.status == AttemptStatus::Pending;
    page::render(
        status,
        &ResultPage {
            badge: outcome_badge(&ctx, &attempt),
            // While a person grades, the points so far, and no percentage yet.
            score: if pending {
                attempt.score.map(|s| {
                    ctx.t2(
                        "attempt-score-so-far",
                        "value",
                        ctx.number(&u64::try_from(s).unwrap_or(0)),
                        "max",
                        ctx.number(&u64::try_from(attempt.max_score).unwrap_or(0)),
                    )
                })
            } else {
                score_text(&ctx, &attempt)
            },
            percent: attempt
                .percent
                .filter(|_| !pending)
                .map(|p| u64::try_from(p).unwrap_or(0)),
            percent_text: attempt
                .percent
                .filter(|_| !pending)
                .map(|p| percent_text(&ctx, p)),
            passing: ctx.t1(
                "attempt-passing",
                "value",
                percent_text(&ctx, i32::from(settings.passing_score)),
            ),
            ctx,
            quiz_id: quiz.id,
            title: quiz.title,
            number,
            status: attempt.status,
            corrections_shown: attempt.corrections_shown,
            questions,
            retry: left != Some(0),
        },
    )
}

/// Seconds as `m:ss` (`h:mm:ss` from an hour), in the page's digits.
fn clock(ctx: &Page, seconds: u64) -> String {
    let two = |n: u64| {
        let d = ctx.number(&n);
        if n < 10 {
            format!("{}{d}", ctx.number(&0))
        } else {
            d
        }
    };
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{}:{}:{}", ctx.number(&h), two(m), two(s))
    } else {
        format!("{}:{}", ctx.number(&m), two(s))
    }
}

/// The answers a posted form holds: `q-<id>` fields (an option's position, `true` or
/// `false`, or text), and a `shown` field per question so that a cleared set of
/// checkboxes or an emptied text is saved too.
fn answers_of(attempt: &Attempt, pairs: &[(String, String)]) -> AnswersForm {
    let mut answers = Vec::new();
    for q in &attempt.questions {
        let (id, options) = match &q.question {
            LearnerQuestion::SingleChoice(c) | LearnerQuestion::MultipleChoice(c) => {
                (c.id, c.options.as_slice())
            }
            LearnerQuestion::TrueFalse(p) | LearnerQuestion::Text(p) => (p.id, &[][..]),
        };
        let name = format!("q-{id}");
        let values: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .collect();
        let shown = pairs
            .iter()
            .any(|(k, v)| k == "shown" && *v == id.to_string());
        let option = |v: &str| -> Value {
            // A position that is not an option is sent as it is, for the service to refuse.
            v.trim()
                .parse::<usize>()
                .ok()
                .and_then(|n| options.get(n))
                .map_or_else(|| Value::from(v), |o| Value::from(o.as_str()))
        };
        let answer = match &q.question {
            LearnerQuestion::SingleChoice(_) => values.first().map(|v| option(v)),
            LearnerQuestion::MultipleChoice(_) => (shown || !values.is_empty())
                .then(|| Value::Array(values.iter().map(|v| option(v)).collect())),
            LearnerQuestion::TrueFalse(_) => values.first().map(|v| Value::from(*v)),
            LearnerQuestion::Text(_) => match values.first() {
                Some(v) if !v.trim().is_empty() => Some(Value::from(*v)),
                // Emptied: cleared.
                Some(_) => Some(Value::Null),
                None => None,
            },
        };
        if let Some(answer) = answer {
            answers.push(GivenAnswer {
                question_id: id,
                answer,
            });
        }
    }
    AnswersForm { answers }
}

/// The refused answers, by question, in the page's words.
fn refused(ctx: &Page, form: &AnswersForm, errors: &FieldErrors) -> Vec<(Uuid, String)> {
    form.answers
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            let messages = errors.get(&format!("answers[{i}].answer"))?;
            let text: Vec<String> = messages.iter().map(|e| ctx.locale.field_error(e)).collect();
            Some((g.question_id, text.join(" ")))
        })
        .collect()
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn json(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// `POST /learn/attempts/{id}/answers` (the attempt's trainee): saves the form. The
/// script asks for JSON (`{"saved": true}`); a form gets the attempt again, with "Saved".
pub async fn save(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let attempt = attempts::show(&state, &actor, id).await?;
    if attempt.user_id != actor.id {
        return Err(AppError::NotFound.into());
    }
    let form = answers_of(&attempt, &pairs);
    let api = wants_json(&headers);
    match attempts::save(&state, &actor, id, &form).await {
        Ok(_) if api => Ok(json(StatusCode::OK, json!({"saved": true}))),
        Ok(_) => Ok(flash::redirect_with(
            &attempt_path(id),
            Flash::AnswersSaved,
            ctx.secure,
        )),
        Err(AppError::Validation(errors)) => {
            let refused = refused(&ctx, &form, &errors);
            if api {
                return Ok(json(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({"saved": false}),
                ));
            }
            render(
                &state,
                ctx,
                &actor,
                attempt,
                refused,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        // Submitted meanwhile (another tab, the time ran out): the result.
        Err(AppError::Denied(_)) if api => Ok(json(
            StatusCode::CONFLICT,
            json!({"saved": false, "closed": true}),
        )),
        Err(AppError::Denied(_)) => Ok(Redirect::to(&attempt_path(id)).into_response()),
        Err(other) => Err(other.into()),
    }
}

/// `POST /learn/attempts/{id}/submit` (the attempt's trainee): saves what the form holds,
/// then submits; the result follows.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let attempt = attempts::show(&state, &actor, id).await?;
    if attempt.user_id != actor.id {
        return Err(AppError::NotFound.into());
    }
    if attempt.status == AttemptStatus::InProgress {
        let form = answers_of(&attempt, &pairs);
        if !form.answers.is_empty() {
            match attempts::save(&state, &actor, id, &form).await {
                Ok(_) | Err(AppError::Denied(_)) => {}
                Err(AppError::Validation(errors)) => {
                    let refused = refused(&ctx, &form, &errors);
                    return render(
                        &state,
                        ctx,
                        &actor,
                        attempt,
                        refused,
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                    .await;
                }
                Err(other) => return Err(other.into()),
            }
        }
    }
    attempts::submit(&state, &actor, id).await?;
    Ok(flash::redirect_with(
        &attempt_path(id),
        Flash::AttemptSubmitted,
        ctx.secure,
    ))
}

/// `GET /learn/attempts/{id}/answers` and `.../submit`: the forms' addresses, opened: the
/// attempt.
pub async fn to_attempt(Path(id): Path<Uuid>) -> Redirect {
    Redirect::to(&attempt_path(id))
}
