//! The home page is each role's dashboard (`services::dashboard`): a super admin's
//! platform at a glance, a trainer's courses and the work waiting for them. A trainee's
//! is `learning::home`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::domain::user::{Role, User};
use crate::services::dashboard;
use crate::state::AppState;
use crate::web::charts::ColumnChart;
use crate::web::dashboard::{
    CourseCard, Step, Tile, TopCourseView, admin_tiles, course_cards, enrolments_chart,
    get_started, top_courses,
};
use crate::web::errors::PageError;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

/// The super admin's dashboard.
pub struct AdminView {
    pub tiles: Vec<Tile>,
    /// Empty once a trainer, a trainee and a course exist.
    pub steps: Vec<Step>,
    pub enrolments: ColumnChart,
    pub top: Vec<TopCourseView>,
    /// The latest sign-ups, newest first.
    pub latest: Vec<User>,
}

/// A piece of work waiting for a grade, as the "Needs attention" list says it.
pub struct WaitingView {
    pub href: String,
    pub title: String,
    pub course: String,
    pub who: String,
    pub when: String,
    pub at: String,
    pub late: bool,
}

/// The trainer's dashboard.
pub struct TrainerView {
    pub courses: Vec<CourseCard>,
    pub waiting: Vec<WaitingView>,
    /// "3 quiz answers wait for manual grading", when some do.
    pub pending_quizzes: Option<String>,
    /// Courses running today (their register and check-in screen).
    pub today: Vec<(uuid::Uuid, String)>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Page,
    user: User,
    lead: String,
    admin: Option<AdminView>,
    trainer: Option<TrainerView>,
}

/// `GET /` (signed in; anonymous visitors go to the login page).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    let user = who.user;
    let (lead, admin, trainer) = match user.role {
        // Trainees have their own home.
        Role::Trainee => return crate::web::learning::home::show(&state, ctx, user).await,
        Role::SuperAdmin => {
            let d = dashboard::admin(&state, &user).await?;
            let view = AdminView {
                tiles: admin_tiles(&ctx, &d),
                steps: get_started(&ctx, &d),
                enrolments: enrolments_chart(&ctx, "chart-enrolments", &d.enrolments_by_week),
                top: top_courses(&ctx, &d),
                latest: dashboard::latest_sign_ups(&state, &user).await?,
            };
            (ctx.t("home-lead-admin"), Some(view), None)
        }
        Role::Trainer => {
            let d = dashboard::trainer(&state, &user).await?;
            let view = TrainerView {
                courses: course_cards(&ctx, &d.courses),
                waiting: d
                    .ungraded
                    .iter()
                    .map(|w| WaitingView {
                        href: format!("/teach/submissions/{}", w.submission_id),
                        title: w.assignment.clone(),
                        course: w.course.clone(),
                        who: w.trainee.clone(),
                        when: ctx.date_time(&w.submitted_at),
                        at: w.submitted_at.to_rfc3339(),
                        late: w.is_late,
                    })
                    .collect(),
                pending_quizzes: (d.pending_quiz_attempts > 0)
                    .then(|| ctx.tn("dashboard-pending-quizzes", &d.pending_quiz_attempts)),
                today: Vec::new(),
            };
            let today = view
                .courses
                .iter()
                .filter(|c| c.running)
                .map(|c| (c.id, c.title.clone()))
                .collect();
            (
                ctx.t("home-lead-trainer"),
                None,
                Some(TrainerView { today, ..view }),
            )
        }
    };
    page::render(
        StatusCode::OK,
        &HomePage {
            ctx,
            user,
            lead,
            admin,
            trainer,
        },
    )
}
