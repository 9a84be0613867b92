//! The lesson player, `GET /learn/{course_id}/{content_id}`: the course's outline in a
//! side panel (a drawer on phones) with ticks on the lessons done, the lesson in the
//! middle (a video that resumes where it stopped, a document, an image, an article, or a
//! quiz's link), "Mark complete", previous and next, and the trainee's notes on the
//! lesson. `GET /learn/{course_id}` opens the next lesson not done.
//!
//! Only a trainee whose enrolment learns (enrolled or completed) opens it: anyone else
//! gets the 403 page saying why (`Denied`), and a course they may not see the 404 page.
//!
//! Without JavaScript everything is a link or a form; `assets/js/player.js` keeps the
//! video's position (`POST .../position`, every ten seconds and on pause) and marks a
//! video complete when it is watched to the end.

use askama::Template;
use axum::extract::State;
use axum::http::header::{CONTENT_SECURITY_POLICY, X_FRAME_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::{ProgressView, lesson_path, next_lesson};
use crate::domain::content::{Content, ContentKind, OutlineSection};
use crate::domain::course::Course;
use crate::domain::enrolment::EnrolmentState;
use crate::domain::note::NoteFilter;
use crate::domain::pagination::PageRequest;
use crate::domain::policy::{Actor, Denied};
use crate::domain::progress::{CompleteForm, PositionForm};
use crate::domain::user::Role;
use crate::error::AppError;
use crate::services::{content_files, courses, enrolments, notes, outline, progress};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, Path};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

const PDF: &str = "application/pdf";

/// At most this many notes of one lesson are listed beside it.
const NOTES_SHOWN: u64 = 50;

/// The course, when the caller may study in it: a trainee whose enrolment learns.
pub(super) async fn learner(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
) -> Result<Course, AppError> {
    let course = courses::show(state, Some(actor), course_id).await?;
    if actor.role != Role::Trainee {
        return Err(Denied::OnlyTrainees.into());
    }
    let (enrolment, _) = enrolments::standing(state, actor, course_id).await?;
    match enrolment.map(|e| e.status) {
        Some(s) if s.learns() => Ok(course),
        Some(EnrolmentState::Suspended) => Err(Denied::EnrolmentSuspended.into()),
        _ => Err(Denied::NotEnrolled.into()),
    }
}

/// Whether the lesson is one of the course's published lessons (the learner's outline):
/// a lesson of another course, or a draft, named in this course's address is 404.
pub(super) async fn in_course(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    content_id: Uuid,
) -> Result<std::sync::Arc<Vec<OutlineSection>>, AppError> {
    let tree = outline::outline(state, Some(actor), course_id).await?;
    if tree
        .iter()
        .any(|s| s.contents.iter().any(|c| c.id == content_id))
    {
        Ok(tree)
    } else {
        Err(AppError::NotFound)
    }
}

/// One lesson in the side panel.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub kind: String,
    pub icon: &'static str,
    pub done: bool,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct NavSection {
    pub title: Option<String>,
    /// "2 of 3 done".
    pub summary: String,
    pub items: Vec<NavItem>,
}

/// A neighbouring lesson (previous, next).
#[derive(Debug, Clone)]
pub struct Neighbour {
    pub title: String,
    pub href: String,
}

/// The lesson in the middle.
#[derive(Debug, Clone)]
pub struct LessonView {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    /// `video`, `document`, `image`, `article`, `quiz`, `certificate`.
    pub kind: &'static str,
    pub kind_label: String,
    pub file_url: Option<String>,
    pub file_name: Option<String>,
    pub file_size: Option<String>,
    pub is_pdf: bool,
    /// A video's captions: where the track is, and its language.
    pub captions: Option<(String, Option<String>)>,
    pub article_html: Option<String>,
    /// Where the video stopped, in seconds.
    pub position: i32,
    pub completed: bool,
    /// "Mark complete" is offered (not for quizzes, certificates, or what is done).
    pub completable: bool,
}

/// One of the trainee's notes on the lesson.
#[derive(Debug, Clone)]
pub struct NoteView {
    pub id: Uuid,
    pub paragraphs: Vec<String>,
    pub shared: bool,
    pub date: String,
    pub datetime: String,
}

/// The note form as sent back when it was refused.
#[derive(Debug, Clone, Default)]
pub struct NoteDraft {
    pub text: String,
    pub shared: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "learning/player.html")]
struct PlayerPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    progress: ProgressView,
    outline: Vec<NavSection>,
    lesson: LessonView,
    /// "Lesson 3 of 8".
    position_text: String,
    previous: Option<Neighbour>,
    next: Option<Neighbour>,
    notes: Vec<NoteView>,
    draft: NoteDraft,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Renders the player for one lesson (also after a refused note, with its draft).
pub(super) async fn render(
    state: &AppState,
    ctx: Page,
    actor: &Actor,
    course_id: Uuid,
    content_id: Uuid,
    status: StatusCode,
    draft: NoteDraft,
) -> Result<Response, PageError> {
    let course = learner(state, actor, course_id).await?;
    let tree = in_course(state, actor, course_id, content_id).await?;
    let content: Content = outline::content(state, Some(actor), content_id).await?;
    let mine = progress::of_course(state, actor, course.id, None).await?;
    let done = |id: Uuid| {
        mine.lessons
            .iter()
            .any(|l| l.content_id == id && l.completed)
    };
    let order: Vec<(Uuid, String)> = tree
        .iter()
        .flat_map(|s| s.contents.iter().map(|c| (c.id, c.title.clone())))
        .collect();
    let here = order.iter().position(|(id, _)| *id == content.id);
    let neighbour = |i: usize| {
        order.get(i).map(|(id, title)| Neighbour {
            title: title.clone(),
            href: lesson_path(course.id, *id),
        })
    };
    let previous = here.and_then(|i| i.checked_sub(1)).and_then(neighbour);
    let next = here.and_then(|i| neighbour(i + 1));
    let outline_view = tree
        .iter()
        .map(|s| {
            let total = s.contents.len() as u64;
            let finished = s.contents.iter().filter(|c| done(c.id)).count() as u64;
            NavSection {
                title: s.title.clone(),
                summary: ctx.t2(
                    "player-section-done",
                    "count",
                    ctx.number(&finished),
                    "total",
                    ctx.number(&total),
                ),
                items: s
                    .contents
                    .iter()
                    .map(|c| NavItem {
                        title: c.title.clone(),
                        href: lesson_path(course.id, c.id),
                        kind: crate::web::outline::kind_label(&ctx, c.kind),
                        icon: c.kind.as_str(),
                        done: done(c.id),
                        current: c.id == content.id,
                    })
                    .collect(),
            }
        })
        .collect();
    let record = mine.lessons.iter().find(|l| l.content_id == content.id);
    let completed = record.is_some_and(|r| r.completed);
    let file = content.file.as_ref();
    let lesson = LessonView {
        id: content.id,
        title: content.title.clone(),
        description: content.description.clone().filter(|d| !d.trim().is_empty()),
        kind: content.kind.as_str(),
        kind_label: crate::web::outline::kind_label(&ctx, content.kind),
        file_url: file.map(|f| f.url.clone()),
        file_name: file.and_then(|f| f.name.clone()),
        file_size: file.map(|f| crate::web::outline::editor::file_size(&ctx, f.size)),
        is_pdf: file.is_some_and(|f| f.mime_type == PDF),
        captions: content
            .captions
            .as_ref()
            .map(|c| (c.url.clone(), c.language.clone())),
        article_html: content.article_html.clone(),
        position: record.and_then(|r| r.position).unwrap_or(0).max(0),
        completed,
        completable: !completed
            && !matches!(content.kind, ContentKind::Quiz | ContentKind::Certificate),
    };
    let found = notes::list(
        state,
        actor,
        &NoteFilter {
            course_id: Some(course.id),
            content_id: Some(content.id),
            ..NoteFilter::default()
        },
        false,
        PageRequest::new(Some(1), Some(NOTES_SHOWN)),
    )
    .await?;
    let notes = found
        .items
        .iter()
        .map(|n| NoteView {
            id: n.id,
            paragraphs: paragraphs(&n.content),
            shared: !n.is_private,
            date: ctx.date_time(&n.created_at),
            datetime: n.created_at.to_rfc3339(),
        })
        .collect();
    let position_text = match here {
        Some(i) => ctx.t2(
            "player-lesson-of",
            "count",
            ctx.number(&(i as u64 + 1)),
            "total",
            ctx.number(&(order.len() as u64)),
        ),
        None => String::new(),
    };
    page::render(
        status,
        &PlayerPage {
            course_id: course.id,
            course_title: course.title.clone(),
            progress: ProgressView::new(&ctx, mine.enrollment.progress),
            outline: outline_view,
            lesson,
            position_text,
            previous,
            next,
            notes,
            draft,
            ctx,
        },
    )
}

/// `GET /learn/{course_id}/{content_id}` (a trainee learning in the course).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path((course_id, content_id)): Path<(Uuid, Uuid)>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    render(
        &state,
        ctx,
        &actor,
        course_id,
        content_id,
        StatusCode::OK,
        NoteDraft::default(),
    )
    .await
}

/// `GET /learn/{course_id}` (a trainee learning in the course): the next lesson not done,
/// else the first; the course page when it has no lesson yet.
pub async fn resume(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(course_id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    learner(&state, &actor, course_id).await?;
    let mine = progress::of_course(&state, &actor, course_id, None).await?;
    let target = next_lesson(&mine).or(mine.lessons.first());
    Ok(match target {
        Some(l) => Redirect::to(&lesson_path(course_id, l.content_id)),
        None => Redirect::to(&format!("/courses/{course_id}")),
    }
    .into_response())
}

/// `GET /learn/{course_id}/{content_id}/<form>`: a form's address opened again: the
/// lesson.
pub async fn back(Path((course_id, content_id)): Path<(Uuid, Uuid)>) -> Redirect {
    Redirect::to(&lesson_path(course_id, content_id))
}

/// `POST /learn/{course_id}/{content_id}/complete` (a trainee learning in the course):
/// the lesson is done; back on it, its tick and the progress updated.
pub async fn complete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path((course_id, content_id)): Path<(Uuid, Uuid)>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    learner(&state, &actor, course_id).await?;
    in_course(&state, &actor, course_id, content_id).await?;
    progress::complete(&state, &actor, content_id, &CompleteForm::default()).await?;
    Ok(flash::redirect_with(
        &lesson_path(course_id, content_id),
        Flash::LessonCompleted,
        ctx.secure,
    ))
}

/// `GET /learn/{course_id}/{content_id}/document` (a trainee learning in the course): a
/// lesson's PDF, inline, for the player's `<object>` (the API's address downloads it as an
/// attachment and refuses to be framed). Framed by this site's pages only; no `sandbox`,
/// which browsers answer by refusing to render the PDF. Only PDFs (the type is detected
/// from the bytes at upload): anything else is 404.
pub async fn document(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path((course_id, content_id)): Path<(Uuid, Uuid)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    learner(&state, &actor, course_id).await?;
    in_course(&state, &actor, course_id, content_id).await?;
    let mut file = content_files::file(&state, Some(&actor), content_id).await?;
    if file.mime_type != PDF {
        return Err(AppError::NotFound.into());
    }
    file.download = false;
    let mut response = crate::api::content_files::serve(&state, &headers, file).await?;
    let set = response.headers_mut();
    set.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'"),
    );
    set.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    Ok(response)
}

/// The body of the position form (`assets/js/player.js` sends it).
#[derive(Debug, Deserialize)]
pub struct PositionFields {
    #[serde(default)]
    position: String,
}

/// `POST /learn/{course_id}/{content_id}/position` (a trainee learning in the course):
/// keeps where the video stopped, in whole seconds. Answers 204: the script sends it.
pub async fn position(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path((course_id, content_id)): Path<(Uuid, Uuid)>,
    Form(fields): Form<PositionFields>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    // Who may keep a position is checked before what they sent.
    learner(&state, &actor, course_id).await?;
    in_course(&state, &actor, course_id, content_id).await?;
    // A player reports fractions of a second: the whole seconds are kept.
    let seconds = fields
        .position
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite())
        .map(|s| s.floor() as i64);
    progress::set_position(
        &state,
        &actor,
        content_id,
        &PositionForm { position: seconds },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
