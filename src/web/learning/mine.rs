//! `GET /learning` ("My learning"): every enrolment of the caller, newest activity first,
//! with its progress and status, filtered by status, a page at a time. The rows are also
//! the cards of the trainee's home (`home`).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use uuid::Uuid;

use super::{ProgressView, StatusBadge, status_badge};
use crate::domain::enrolment::{EnrolmentState, MyEnrolment};
use crate::domain::pagination::PageRequest;
use crate::domain::policy::Actor;
use crate::services::enrolments;
use crate::state::AppState;
use crate::web::courses::cover::Cover;
use crate::web::errors::PageError;
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::session::PageUser;

/// Rows per page.
pub const PAGE_SIZE: u64 = 12;

/// One of my courses, as a card or a row shows it.
#[derive(Debug, Clone)]
pub struct MyCourse {
    pub id: Uuid,
    pub title: String,
    pub trainer: String,
    pub cover: Cover,
    pub progress: ProgressView,
    pub status: StatusBadge,
    /// Lessons open to the trainee (enrolled or completed): "Continue" leads on.
    pub learns: bool,
    /// "Last studied 3 Dec 2026", when they have studied.
    pub last_activity: Option<String>,
    /// The next lesson's title and address, when known (the home page reads them).
    pub next: Option<(String, String)>,
}

impl MyCourse {
    pub fn new(ctx: &Page, mine: &MyEnrolment, place: &str) -> MyCourse {
        let status = mine.enrollment.status;
        MyCourse {
            id: mine.course.id,
            title: mine.course.title.clone(),
            trainer: mine.course.trainer_name.clone(),
            cover: Cover::new(
                mine.course.id,
                &mine.course.title,
                mine.course.thumbnail.as_deref(),
                place,
            ),
            progress: ProgressView::new(ctx, mine.enrollment.progress),
            status: status_badge(ctx, status),
            learns: status.learns(),
            last_activity: mine
                .last_activity_at
                .map(|at| ctx.t1("learning-last-activity", "date", ctx.date(&at))),
            next: None,
        }
    }
}

/// The status filter of the list, as its query writes it.
fn status_of(uri: &Uri) -> (Option<EnrolmentState>, Option<u64>) {
    let mut status = None;
    let mut page = None;
    let query = uri.query().unwrap_or_default();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match name.as_ref() {
            "status" => status = EnrolmentState::parse(value.trim()),
            "page" => page = value.trim().parse().ok(),
            _ => {}
        }
    }
    (status, page)
}

fn href(status: Option<EnrolmentState>, page: Option<u64>) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(s) = status {
        query.append_pair("status", s.as_str());
    }
    if let Some(p) = page {
        query.append_pair("page", &p.to_string());
    }
    let query = query.finish();
    if query.is_empty() {
        "/learning".to_owned()
    } else {
        format!("/learning?{query}")
    }
}

/// One filter chip.
#[derive(Debug, Clone)]
pub struct Chip {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "learning/mine.html")]
struct MinePage {
    ctx: Page,
    chips: Vec<Chip>,
    filtered: bool,
    courses: Vec<MyCourse>,
    pager: Pager,
    /// Past the last page: a link back to the first.
    past_end: bool,
}

/// `GET /learning` (signed in; trainees have enrolments, others see the empty state).
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    let (status, page) = status_of(&uri);
    let request = PageRequest::new(page, Some(PAGE_SIZE));
    let found = enrolments::mine(&state, &actor, status, request).await?;
    let courses: Vec<MyCourse> = found
        .items
        .iter()
        .map(|m| MyCourse::new(&ctx, m, "row"))
        .collect();
    let chips = std::iter::once((None, ctx.t("learning-filter-all")))
        .chain(
            EnrolmentState::ALL
                .into_iter()
                .map(|s| (Some(s), status_badge(&ctx, s).text)),
        )
        .map(|(s, label)| Chip {
            href: href(s, None),
            label,
            current: s == status,
        })
        .collect();
    let pager = Pager::new(
        &ctx,
        "learning-pages",
        ctx.t("learning-pages"),
        &found.pagination,
        courses.len(),
        |n| href(status, Some(n)),
    );
    let past_end = courses.is_empty() && found.pagination.total_items > 0;
    page::render(
        StatusCode::OK,
        &MinePage {
            ctx,
            chips,
            filtered: status.is_some(),
            courses,
            pager,
            past_end,
        },
    )
}
