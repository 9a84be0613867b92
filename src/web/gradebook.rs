//! A course's gradebook as a page, over `services::gradebook`: trainees down, assignments
//! and quizzes across (a table that scrolls sideways on phones, its header and names
//! sticky), each ungraded piece of work a link to its grading view, and each enrolment's
//! grade set in its row. `GET /teach/courses/{id}/gradebook.csv` downloads it whole.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::enrolment::EnrolmentForm;
use crate::domain::gradebook::{ColumnKind, GradebookCell};
use crate::domain::pagination::PageRequest;
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::{courses, enrolments, gradebook};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, FormErrors, Path};
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::routes::PageRoutes;
use crate::web::session::PageUser;

pub fn pages(routes: PageRoutes) -> PageRoutes {
    routes
        .get("/teach/courses/{id}/gradebook", show)
        .post("/teach/courses/{id}/gradebook", set_grade)
        .get("/teach/courses/{id}/gradebook.csv", csv)
}

fn actor(who: &crate::services::auth::Authenticated) -> Actor {
    Actor::from(&who.user)
}

fn path(course: Uuid, page: u64) -> String {
    if page > 1 {
        format!("/teach/courses/{course}/gradebook?page={page}")
    } else {
        format!("/teach/courses/{course}/gradebook")
    }
}

pub struct HeadView {
    pub title: String,
    pub out_of: String,
}

pub struct CellView {
    pub text: String,
    pub href: Option<String>,
    pub ungraded: bool,
    pub late: bool,
}

pub struct RowView {
    pub enrolment: Uuid,
    pub name: String,
    pub email: String,
    pub cells: Vec<CellView>,
    pub total: String,
    pub grade: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "gradebook/show.html")]
struct GradebookPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    heads: Vec<HeadView>,
    rows: Vec<RowView>,
    page: u64,
    pager: Pager,
}

fn cell(ctx: &Page, kind: ColumnKind, c: &GradebookCell) -> CellView {
    let text = match (kind, c.score) {
        (_, None) if c.ungraded => ctx.t("gradebook-ungraded"),
        (_, None) => "—".to_owned(),
        (ColumnKind::Quiz, Some(s)) => ctx.t1("learning-percent", "value", s.normalize()),
        (ColumnKind::Assignment, Some(s)) => s.normalize().to_string(),
    };
    CellView {
        text,
        href: c.submission_id.map(|s| format!("/teach/submissions/{s}")),
        ungraded: c.ungraded,
        late: c.late,
    }
}

async fn render(
    state: &AppState,
    ctx: Page,
    actor: &Actor,
    id: Uuid,
    page: Option<u64>,
    row_error: Option<(Uuid, String)>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let course = courses::show(state, Some(actor), id).await?;
    let book = gradebook::show(state, actor, id, PageRequest::new(page, Some(50))).await?;
    let heads = book
        .columns
        .iter()
        .map(|c| HeadView {
            title: c.title.clone(),
            out_of: match c.kind {
                ColumnKind::Assignment => ctx.t1(
                    "gradebook-out-of",
                    "points",
                    ctx.number(&(c.points.max(0) as u64)),
                ),
                ColumnKind::Quiz => ctx.t("gradebook-quiz"),
            },
        })
        .collect();
    let rows = book
        .rows
        .items
        .iter()
        .map(|r| RowView {
            enrolment: r.enrollment_id,
            name: format!("{} {}", r.first_name, r.last_name),
            email: r.email.clone(),
            cells: book
                .columns
                .iter()
                .zip(&r.cells)
                .map(|(c, v)| cell(&ctx, c.kind, v))
                .collect(),
            total: r.total.map_or_else(
                || "—".to_owned(),
                |t| ctx.t1("learning-percent", "value", t.normalize()),
            ),
            grade: r.grade.clone().unwrap_or_default(),
            error: row_error
                .as_ref()
                .filter(|(e, _)| *e == r.enrollment_id)
                .map(|(_, m)| m.clone()),
        })
        .collect();
    let pagination = book.rows.pagination;
    let pager = Pager::new(
        &ctx,
        "gradebook-pagination",
        ctx.t("gradebook-pagination-label"),
        &pagination,
        book.rows.items.len(),
        |p| path(id, p),
    );
    page::render(
        status,
        &GradebookPage {
            course_id: id,
            course_title: course.title,
            heads,
            rows,
            page: pagination.current_page,
            pager,
            ctx,
        },
    )
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

/// `GET /teach/courses/{id}/gradebook` (the course's trainer, super admins).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let page = q.page.and_then(|p| p.trim().parse().ok());
    render(&state, ctx, &actor(&who), id, page, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct GradeFields {
    #[serde(default)]
    enrolment: String,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    page: String,
}

/// `POST /teach/courses/{id}/gradebook`: one enrolment's grade (A-F, or empty).
pub async fn set_grade(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(fields): Form<GradeFields>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    // The gradebook answers first: only the course's trainer goes further.
    gradebook::show(&state, &actor, id, PageRequest::new(None, Some(1))).await?;
    let page = fields.page.trim().parse().ok();
    let Ok(enrolment) = Uuid::parse_str(fields.enrolment.trim()) else {
        return Err(AppError::NotFound.into());
    };
    let form = EnrolmentForm {
        status: None,
        grade: Some(Some(fields.grade.clone())),
        notes: None,
    };
    match enrolments::update(&state, &actor, enrolment, form).await {
        Ok(updated) if updated.course_id == id => Ok(flash::redirect_with(
            &format!("{}#grade-{enrolment}", path(id, page.unwrap_or(1))),
            Flash::EnrolmentUpdated,
            ctx.secure,
        )),
        Ok(_) => Err(AppError::NotFound.into()),
        Err(AppError::Validation(errors)) => {
            let message = FormErrors::from_fields(ctx.locale, &errors, &["grade"])
                .of("grade")
                .join(" ");
            render(
                &state,
                ctx,
                &actor,
                id,
                page,
                Some((enrolment, message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /teach/courses/{id}/gradebook.csv`: the whole gradebook.
pub async fn csv(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let csv = gradebook::csv(&state, &actor(&who), id).await?;
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"gradebook.csv\""),
            ),
        ],
        csv,
    )
        .into_response())
}
