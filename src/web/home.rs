//! The home page: per role, what exists so far, with real data only. A trainee's is
//! `learning::home`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::domain::user::{Role, User};
use crate::services::dashboard::{self, AdminOverview};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Page,
    user: User,
    lead: String,
    /// Super admins: users by role and the latest sign-ups.
    overview: Option<AdminOverview>,
    /// Trainers and trainees: what their dashboard will hold.
    coming: String,
}

/// `GET /` (signed in; anonymous visitors go to the login page).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    let user = who.user;
    if user.role == Role::Trainee {
        return crate::web::learning::home::show(&state, ctx, user).await;
    }
    let (lead, overview, coming) = match user.role {
        Role::SuperAdmin => (
            ctx.t("home-lead-admin"),
            Some(dashboard::admin_overview(&state, &user).await?),
            String::new(),
        ),
        Role::Trainer => (
            ctx.t("home-lead-trainer"),
            None,
            ctx.t("home-coming-trainer"),
        ),
        // Trainees have their own home (`learning::home`).
        Role::Trainee => (String::new(), None, String::new()),
    };
    page::render(
        StatusCode::OK,
        &HomePage {
            ctx,
            user,
            lead,
            overview,
            coming,
        },
    )
}
