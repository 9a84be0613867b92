//! The confirmation page of a deletion (a section, a content, a question): what goes,
//! what stays, and one button that posts to the same address.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::web::errors::PageError;
use crate::web::outline::Shell;
use crate::web::outline::icons;
use crate::web::page::{self, Page};

/// One deletion to confirm.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    /// What happens, in sentences.
    pub text: Vec<String>,
    /// The form's target (also this page's address).
    pub action: String,
    pub cancel: String,
    pub label: String,
    /// A refusal to show above the form (the deletion was tried and refused).
    pub notice: Option<String>,
}

#[derive(Template)]
#[template(path = "outline/confirm.html")]
struct ConfirmPage {
    ctx: Page,
    shell: Shell,
    confirm: Confirm,
}

pub fn render(
    status: StatusCode,
    ctx: Page,
    shell: Shell,
    confirm: Confirm,
) -> Result<Response, PageError> {
    page::render(
        status,
        &ConfirmPage {
            ctx,
            shell,
            confirm,
        },
    )
}
