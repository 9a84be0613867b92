//! Assignments and the work handed in for them, as pages, over `services::assignments`:
//! the trainee's list and assignment page with its hand-in form (`learner`), the trainer's
//! list, form and delete (`teach`), and the submissions list and grading view with "Save
//! and next" (`grading`). The services decide who may do what; these only word it.

pub mod delete;
pub mod grading;
pub mod hand_in;
pub mod learner;
pub mod teach;

use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::domain::assignment::{Assignment, Submission, SubmissionState, SubmittedFile};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::assignments;
use crate::state::AppState;
use crate::storage::{Folder, StorageKey};
use crate::web::errors::PageError;
use crate::web::form::Path;
use crate::web::outline::editor::file_size;
use crate::web::page::Page;
use crate::web::routes::PageRoutes;
use crate::web::session::PageUser;

/// The routes (`web::router` adds them in one call); `hand_in_limit` is the body limit of
/// the hand-in form.
pub fn pages(routes: PageRoutes, hand_in_limit: usize) -> PageRoutes {
    routes
        .get("/learn/{course_id}/assignments", learner::list)
        .get("/learn/assignments/{id}", learner::show)
        .post_upload("/learn/assignments/{id}", learner::hand_in, hand_in_limit)
        .get("/submissions/{id}/download", download)
        .get("/teach/courses/{id}/assignments", teach::list)
        .post("/teach/courses/{id}/assignments", teach::create)
        .get("/teach/assignments/{id}", teach::edit)
        .post("/teach/assignments/{id}", teach::update)
        .get("/teach/assignments/{id}/delete", delete::confirm_delete)
        .post("/teach/assignments/{id}/delete", delete::delete)
        .get("/teach/assignments/{id}/submissions", grading::list)
        .get("/teach/submissions/{id}", grading::show)
        .post("/teach/submissions/{id}", grading::grade)
}

fn actor(who: &crate::services::auth::Authenticated) -> Actor {
    Actor::from(&who.user)
}

pub fn assignment_path(id: Uuid) -> String {
    format!("/learn/assignments/{id}")
}

pub fn teach_list_path(course: Uuid) -> String {
    format!("/teach/courses/{course}/assignments")
}

pub fn submission_path(id: Uuid) -> String {
    format!("/teach/submissions/{id}")
}

/// A plain text as its paragraphs (blank lines between them), lines kept.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A score in the page's digits (`7.5`, `٧٫٥`).
pub fn score_number(ctx: &Page, score: Decimal) -> String {
    ctx.locale.decimal(&score.normalize().to_string())
}

/// "7.5 out of 10".
pub fn score_text(ctx: &Page, score: Decimal, points: i32) -> String {
    ctx.t2(
        "classroom-score",
        "value",
        score_number(ctx, score),
        "max",
        ctx.number(&u64::try_from(points).unwrap_or(0)),
    )
}

/// The due date, or that there is none.
pub fn due_text(ctx: &Page, due: Option<DateTime<Utc>>) -> String {
    due.map_or_else(
        || ctx.t("classroom-no-due-date"),
        |at| ctx.t1("classroom-due", "date", ctx.date_time(&at)),
    )
}

pub fn points_text(ctx: &Page, points: i32) -> String {
    ctx.tn("classroom-points", &u64::try_from(points).unwrap_or(0))
}

/// A file handed in, as a download link of this page's routes.
pub struct FileLink {
    pub href: String,
    pub name: String,
    pub size: String,
}

pub fn file_links(
    ctx: &Page,
    submission: Uuid,
    version: i32,
    files: &[SubmittedFile],
) -> Vec<FileLink> {
    files
        .iter()
        .enumerate()
        .map(|(i, f)| FileLink {
            href: format!("/submissions/{submission}/download?file={i}&version={version}"),
            name: f.name.clone(),
            size: file_size(ctx, f.size),
        })
        .collect()
}

/// A submission's state as a badge: (modifier, words). Never colour alone: the words say it.
pub fn status_badge(ctx: &Page, s: &Submission, points: i32) -> (&'static str, String) {
    match (s.status, s.score) {
        (SubmissionState::Graded, Some(score)) => (
            "success",
            ctx.t1(
                "classroom-status-graded",
                "value",
                score_text(ctx, score, points),
            ),
        ),
        _ if s.is_late => (
            "warning",
            ctx.t1(
                "classroom-status-late",
                "version",
                ctx.number(&version_number(s.version)),
            ),
        ),
        _ => (
            "info",
            ctx.t1(
                "classroom-status-handed-in",
                "version",
                ctx.number(&version_number(s.version)),
            ),
        ),
    }
}

pub fn version_number(version: i32) -> u64 {
    u64::try_from(version).unwrap_or(0)
}

/// The assignment's key facts, for both sides' pages.
pub struct Facts {
    pub due: String,
    pub points: String,
    pub late_allowed: bool,
    pub past_due: bool,
}

impl Facts {
    pub fn of(ctx: &Page, a: &Assignment) -> Facts {
        Facts {
            due: due_text(ctx, a.due_date),
            points: points_text(ctx, a.points),
            late_allowed: a.allow_late_submission,
            past_due: a.due_date.is_some_and(|d| crate::clock::now() > d),
        }
    }
}

/// `GET /submissions/{id}/download?file=i&version=n` (its trainee, the course's trainer,
/// super admins; anyone else 404): a file handed in (the first of the current version when
/// left out), as a download. The API's address takes a bearer token only, so the pages
/// have their own, on the session.
pub async fn download(
    axum::extract::State(state): axum::extract::State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    // A file or version that is not a number names no file.
    let number = |key: &str| {
        url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
            .find(|(name, _)| name == key)
            .map(|(_, v)| v.trim().parse::<usize>().map_err(|_| AppError::NotFound))
            .transpose()
    };
    let index = number("file")?.unwrap_or(0);
    let version = number("version")?
        .map(|v| i32::try_from(v).map_err(|_| AppError::NotFound))
        .transpose()?;
    let stored = assignments::file(&state, &actor(&who), id, version, index).await?;
    let (_, key) =
        StorageKey::from_stored(Folder::Submissions, &stored.key).ok_or(AppError::NotFound)?;
    let size = state.storage.size(&key).await.map_err(AppError::from)?;
    let file = crate::services::content_files::ServedFile {
        key,
        size,
        mime_type: stored.mime_type,
        name: Some(stored.name),
        download: true,
    };
    Ok(crate::api::content_files::serve(&state, &headers, file).await?)
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        assert_eq!(
            paragraphs("One\r\nline two\r\n\r\n\r\nThree "),
            vec!["One\nline two", "Three"]
        );
        assert!(paragraphs(" \n\n ").is_empty());
    }
}
