//! A course's statistics page (`GET /teach/courses/{id}/statistics`), for its trainer and
//! super admins: the stored figures (`services::stats`) as tiles, completion and
//! attendance as rings, and enrolments over time, progress, quiz scores and attendance by
//! session as charts with their numbers (`services::dashboard::distributions`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use crate::domain::policy::Actor;
use crate::services::{courses, dashboard, stats};
use crate::state::AppState;
use crate::web::charts::{ColumnChart, Ring};
use crate::web::dashboard::{
    attendance_chart, enrolments_chart, progress_chart, rate_ring, scores_chart,
};
use crate::web::errors::PageError;
use crate::web::form::Path;
use crate::web::page::{self, Page};
use crate::web::routes::PageRoutes;
use crate::web::session::PageUser;

pub fn pages(routes: PageRoutes) -> PageRoutes {
    routes.get("/teach/courses/{id}/statistics", show)
}

/// A figure as a tile shows it.
pub struct Figure {
    pub id: &'static str,
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "statistics/show.html")]
struct StatisticsPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    figures: Vec<Figure>,
    rings: Vec<Ring>,
    charts: Vec<ColumnChart>,
    /// "Figures as of 5 December 2026, 09:14 UTC".
    as_of: String,
}

/// `GET /teach/courses/{id}/statistics`
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = Actor::from(&who.user);
    let course = courses::show(&state, Some(&actor), id).await?;
    let figures = stats::show(&state, &actor, id).await?;
    let d = dashboard::distributions(&state, &actor, id).await?;
    let count = |n: i32| ctx.number(&u64::try_from(n).unwrap_or(0));
    let as_decimal = |v: rust_decimal::Decimal| f64::try_from(v).ok();
    let page = StatisticsPage {
        figures: vec![
            Figure {
                id: "stat-total",
                label: ctx.t("stats-total"),
                value: count(figures.total_enrollments),
            },
            Figure {
                id: "stat-active",
                label: ctx.t("stats-active"),
                value: count(figures.active_enrollments),
            },
            Figure {
                id: "stat-completed",
                label: ctx.t("stats-completed"),
                value: count(figures.completed_enrollments),
            },
            Figure {
                id: "stat-progress",
                label: ctx.t("stats-average-progress"),
                value: ctx.percent(&as_decimal(figures.average_progress)),
            },
            Figure {
                id: "stat-score",
                label: ctx.t("stats-average-score"),
                value: ctx.percent(&figures.average_score.and_then(as_decimal)),
            },
            Figure {
                id: "stat-revenue",
                label: ctx.t("stats-revenue"),
                value: ctx
                    .locale
                    .decimal(&figures.total_revenue.round_dp(2).to_string()),
            },
        ],
        rings: vec![
            rate_ring(
                &ctx,
                "ring-completion",
                ctx.t("stats-completion-rate"),
                // Nothing to complete before anyone enrols.
                (figures.total_enrollments > 0)
                    .then(|| as_decimal(figures.completion_rate))
                    .flatten(),
            ),
            rate_ring(
                &ctx,
                "ring-attendance",
                ctx.t("stats-attendance-rate"),
                d.attendance_rate,
            ),
        ],
        charts: vec![
            enrolments_chart(&ctx, "chart-enrolments", &d.enrolments_by_week),
            progress_chart(&ctx, "chart-progress", &d.progress),
            scores_chart(&ctx, "chart-scores", &d.quiz_scores),
            attendance_chart(&ctx, "chart-attendance", &d.attendance, d.attendance_rate),
        ],
        as_of: ctx.t1("stats-as-of", "when", ctx.date_time(&figures.last_updated)),
        course_id: id,
        course_title: course.title,
        ctx,
    };
    page::render(StatusCode::OK, &page)
}
