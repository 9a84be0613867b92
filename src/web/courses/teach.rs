//! `GET /teach`: the trainer's home for their courses. Each course as a row (cover, title,
//! Published or Draft, enrolments) leading to its editor, and "New course".

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use super::CourseView;
use crate::domain::course::{CatalogueFilter, CatalogueSort};
use crate::domain::pagination::PageRequest;
use crate::domain::policy;
use crate::error::AppError;
use crate::services::courses;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::session::PageUser;

#[derive(Template)]
#[template(path = "courses/teach.html")]
struct TeachPage {
    ctx: Page,
    courses: Vec<CourseView>,
    pager: Pager,
    past_last: Option<(String, String)>,
}

fn page_href(page: u64) -> String {
    format!("/teach?page={page}")
}

/// `GET /teach` (trainers and super admins): the courses the caller teaches, published or
/// not, newest first.
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    policy::create_course(&actor).map_err(AppError::from)?;
    let page = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "page")
        .and_then(|(_, value)| value.trim().parse().ok());
    let request = PageRequest::new(page, None);
    let found = courses::catalogue(
        &state,
        Some(&actor),
        true,
        &CatalogueFilter::default(),
        CatalogueSort::default(),
        request,
    )
    .await?;
    let pagination = found.pagination;
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| {
            let last = pagination.total_pages.max(1);
            (page_href(last), ctx.number(&last))
        });
    let pager = Pager::new(
        &ctx,
        "teach-pagination",
        ctx.t("teach-pagination-label"),
        &pagination,
        found.items.len(),
        page_href,
    );
    let courses = found
        .items
        .iter()
        .map(|card| CourseView::new(&ctx, card, "row"))
        .collect();
    page::render(
        StatusCode::OK,
        &TeachPage {
            ctx,
            courses,
            pager,
            past_last,
        },
    )
}
