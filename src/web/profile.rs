//! The signed-in user's own profile (read-only until profile editing arrives).

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::domain::user::User;
use crate::web::errors::PageError;
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    ctx: Page,
    user: User,
}

/// `GET /profile` (signed in).
pub async fn show(ctx: Page, PageUser(who): PageUser) -> Result<Response, PageError> {
    page::render(
        StatusCode::OK,
        &ProfilePage {
            ctx,
            user: who.user,
        },
    )
}
