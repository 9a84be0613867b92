//! The dashboards' pieces as pages show them: the charts of enrolments over time,
//! progress and score bands and attendance (each with its sentence and table), the super
//! admin's tiles, and a trainer's course cards. `web::home` and `web::statistics` place
//! them.

use uuid::Uuid;

use crate::domain::dashboard::{
    AdminDashboard, BANDS, Bands, SessionAttendance, TrainerCourse, WeekCount, band_range,
};
use crate::domain::user::Role;
use crate::web::charts::{ColumnChart, Point, Ring};
use crate::web::page::Page;

/// The label of a percent band: "0–19%", "80–100%".
fn band_label(ctx: &Page, band: usize) -> String {
    let (low, high) = band_range(band);
    ctx.t2(
        "chart-band",
        "low",
        ctx.number(&u64::from(low)),
        "high",
        ctx.number(&u64::from(high)),
    )
}

/// Enrolments made in each of the last weeks.
pub fn enrolments_chart(ctx: &Page, id: &str, weeks: &[WeekCount]) -> ColumnChart {
    let total: u64 = weeks.iter().map(|w| w.count).sum();
    let this = weeks.last().map_or(0, |w| w.count);
    let points = weeks
        .iter()
        .map(|w| Point {
            label: ctx.day_month(&w.week),
            value: w.count as f64,
            text: ctx.number(&w.count),
        })
        .collect();
    let mut chart = ColumnChart::new(
        id,
        ctx.t("chart-enrolments-title"),
        ctx.t2(
            "chart-enrolments-summary",
            "total",
            ctx.number(&total),
            "this",
            ctx.number(&this),
        ),
        (ctx.t("chart-week-of"), ctx.t("chart-enrolments")),
        points,
        None,
    );
    // The table names each week by its first day in full.
    for (bar, w) in chart.bars.iter_mut().zip(weeks) {
        bar.label = ctx.day(&w.week);
    }
    chart
}

/// How many fall in each band: progress of trainees, or quiz scores.
fn bands_chart(
    ctx: &Page,
    id: &str,
    bands: &Bands,
    title: String,
    summary_key: &str,
    value_head: String,
) -> ColumnChart {
    let total: u64 = bands.0.iter().sum();
    let high = bands.0[BANDS.len() - 1];
    let low = bands.0[0];
    let points = bands
        .0
        .iter()
        .enumerate()
        .map(|(i, n)| Point {
            label: band_label(ctx, i),
            value: *n as f64,
            text: ctx.number(n),
        })
        .collect();
    ColumnChart::new(
        id,
        title,
        ctx.t3(
            summary_key,
            ["total", "high", "low"],
            [ctx.number(&total), ctx.number(&high), ctx.number(&low)],
        ),
        (ctx.t("chart-band-head"), value_head),
        points,
        None,
    )
}

pub fn progress_chart(ctx: &Page, id: &str, bands: &Bands) -> ColumnChart {
    bands_chart(
        ctx,
        id,
        bands,
        ctx.t("chart-progress-title"),
        "chart-progress-summary",
        ctx.t("chart-trainees"),
    )
}

pub fn scores_chart(ctx: &Page, id: &str, bands: &Bands) -> ColumnChart {
    bands_chart(
        ctx,
        id,
        bands,
        ctx.t("chart-scores-title"),
        "chart-scores-summary",
        ctx.t("chart-attempts"),
    )
}

/// The attendance rate of each session date with a register.
pub fn attendance_chart(
    ctx: &Page,
    id: &str,
    sessions: &[SessionAttendance],
    overall: Option<f64>,
) -> ColumnChart {
    let points = sessions
        .iter()
        .map(|s| Point {
            label: ctx.day_month(&s.date),
            value: s.rate.unwrap_or(0.0),
            text: ctx.percent(&s.rate),
        })
        .collect();
    let mut chart = ColumnChart::new(
        id,
        ctx.t("chart-attendance-title"),
        ctx.t3(
            "chart-attendance-summary",
            ["count", "kind", "rate"],
            [
                ctx.number(&(sessions.len() as u64)),
                ctx.locale.plural(sessions.len() as u64).to_owned(),
                ctx.percent(&overall),
            ],
        ),
        (ctx.t("chart-session"), ctx.t("chart-rate")),
        points,
        Some(100.0),
    );
    // A session where everyone was excused has no rate, which is not the same as none
    // attending: the chart is "empty" only when there is no register at all.
    chart.empty = sessions.is_empty();
    for (bar, s) in chart.bars.iter_mut().zip(sessions) {
        bar.label = ctx.day(&s.date);
    }
    chart
}

/// A rate as a ring, with the sentence read in its place.
pub fn rate_ring(ctx: &Page, id: &str, title: String, rate: Option<f64>) -> Ring {
    let text = ctx.percent(&rate);
    let summary = match rate {
        Some(_) => ctx.t2("chart-ring-summary", "title", &title, "rate", &text),
        None => ctx.t1("chart-ring-none", "title", &title),
    };
    Ring::new(id, title, rate, text, summary)
}

/// A tile of the super admin's dashboard: a count that links to what it counts.
pub struct Tile {
    pub id: &'static str,
    pub label: String,
    pub value: String,
    pub href: String,
    /// The tile's accent (`stat--<class>`).
    pub class: &'static str,
    /// The path of its 24-unit icon.
    pub icon: &'static str,
}

/// Icons (24-unit outlines) for the tiles.
const ICON_PEOPLE: &str = "M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6M21 19v-1a4 4 0 0 0-3-3.9M15.5 4.1a3 3 0 0 1 0 5.8";
const ICON_BOOK: &str =
    "M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5zM4 19.5A2.5 2.5 0 0 0 6.5 22H20v-5";
const ICON_CLIPBOARD: &str = "M9 4h6v3H9zM9 5H6v16h12V5h-3M9 12h6M9 16h4";
const ICON_CHECK: &str = "M20 6 9 17l-5-5";
const ICON_PULSE: &str = "M3 12h4l3-8 4 16 3-8h4";

pub fn admin_tiles(ctx: &Page, d: &AdminDashboard) -> Vec<Tile> {
    let mut tiles: Vec<Tile> = d
        .users_by_role
        .iter()
        .map(|c| Tile {
            id: match c.role {
                Role::SuperAdmin => "tile-super-admins",
                Role::Trainer => "tile-trainers",
                Role::Trainee => "tile-trainees",
            },
            label: ctx.role_plural(&c.role),
            value: ctx.number(&c.count),
            href: format!("/users?role={}", c.role.as_str()),
            class: ctx.role_class(&c.role),
            icon: ICON_PEOPLE,
        })
        .collect();
    tiles.extend([
        Tile {
            id: "tile-courses",
            label: ctx.t("dashboard-courses"),
            value: ctx.number(&d.courses),
            href: "/teach".to_owned(),
            class: "info",
            icon: ICON_BOOK,
        },
        Tile {
            id: "tile-enrolments",
            label: ctx.t("dashboard-enrolments"),
            value: ctx.number(&d.enrolments),
            href: "/courses".to_owned(),
            class: "info",
            icon: ICON_CLIPBOARD,
        },
        Tile {
            id: "tile-completions",
            label: ctx.t("dashboard-completions-week"),
            value: ctx.number(&d.completions_this_week),
            href: "/courses".to_owned(),
            class: "success",
            icon: ICON_CHECK,
        },
        Tile {
            id: "tile-active",
            label: ctx.t("dashboard-active-week"),
            value: ctx.number(&d.active_this_week),
            href: "/users".to_owned(),
            class: "success",
            icon: ICON_PULSE,
        },
    ]);
    tiles
}

/// One step of the super admin's "Get started" list on a fresh install.
pub struct Step {
    pub id: &'static str,
    pub text: String,
    pub href: &'static str,
    pub done: bool,
}

/// Create a trainer, import trainees, create the first course: shown until all are done.
pub fn get_started(ctx: &Page, d: &AdminDashboard) -> Vec<Step> {
    let of = |role: Role| {
        d.users_by_role
            .iter()
            .find(|c| c.role == role)
            .map_or(0, |c| c.count)
    };
    let steps = vec![
        Step {
            id: "start-trainer",
            text: ctx.t("dashboard-start-trainer"),
            href: "/users/new",
            done: of(Role::Trainer) > 0,
        },
        Step {
            id: "start-trainees",
            text: ctx.t("dashboard-start-trainees"),
            href: "/users/import",
            done: of(Role::Trainee) > 0,
        },
        Step {
            id: "start-course",
            text: ctx.t("dashboard-start-course"),
            href: "/teach/courses/new",
            done: d.courses > 0,
        },
    ];
    if steps.iter().all(|s| s.done) {
        Vec::new()
    } else {
        steps
    }
}

/// A course of the top list, as its row says it.
pub struct TopCourseView {
    pub id: Uuid,
    pub title: String,
    pub enrolments: String,
    pub completion: String,
    pub completion_value: u64,
}

pub fn top_courses(ctx: &Page, d: &AdminDashboard) -> Vec<TopCourseView> {
    d.top_courses
        .iter()
        .map(|c| TopCourseView {
            id: c.id,
            title: c.title.clone(),
            enrolments: ctx.number(&c.enrolments),
            completion: ctx.percent(&c.completion_rate),
            completion_value: c.completion_rate.unwrap_or(0.0).round() as u64,
        })
        .collect()
}

/// A trainer's course as a card: its figures, its progress bands and what waits.
pub struct CourseCard {
    pub id: Uuid,
    pub title: String,
    pub published: bool,
    pub enrolments: String,
    pub completion: String,
    pub attendance: String,
    pub average: String,
    pub waiting: u64,
    pub waiting_text: String,
    /// The course runs today: its register and check-in screen are offered.
    pub running: bool,
    pub chart: ColumnChart,
}

pub fn course_cards(ctx: &Page, courses: &[TrainerCourse]) -> Vec<CourseCard> {
    let today = crate::clock::now().date_naive();
    courses
        .iter()
        .map(|c| {
            let waiting = c.ungraded_submissions + c.pending_quiz_attempts;
            CourseCard {
                id: c.id,
                title: c.title.clone(),
                published: c.is_published,
                enrolments: ctx.tn("dashboard-trainees", &c.enrolments),
                completion: ctx.percent(&c.completion_rate),
                attendance: ctx.percent(&c.attendance_rate),
                average: ctx.percent(&c.average_progress),
                waiting,
                waiting_text: ctx.tn("dashboard-waiting", &waiting),
                running: c.is_published
                    && c.start_date.is_none_or(|d| d <= today)
                    && c.end_date.is_none_or(|d| d >= today)
                    && (c.start_date.is_some() || c.end_date.is_some()),
                chart: progress_chart(ctx, &format!("progress-{}", c.id), &c.progress),
            }
        })
        .collect()
}
