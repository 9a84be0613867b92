//! The language switch: a form in the header that keeps the choice in a cookie. (Users have
//! no language column yet; the cookie also serves visitors who are not signed in.)

use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::web::cookies;
use crate::web::form::Form;
use crate::web::i18n::{LANG_COOKIE, Locale};
use crate::web::page::Page;
use crate::web::session::safe_next;

/// A year: the choice is kept until changed.
const KEEP_SECONDS: i64 = 365 * 24 * 60 * 60;

#[derive(Debug, Default, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// `POST /language` (anyone): sets the language and goes back to the page it came from.
pub async fn update(ctx: Page, Form(form): Form<LanguageForm>) -> Response {
    let to = safe_next(&form.next).unwrap_or("/");
    let mut response = Redirect::to(to).into_response();
    if let Some(locale) = Locale::parse(&form.lang) {
        let cookie = cookies::build(
            LANG_COOKIE,
            locale.tag().to_owned(),
            KEEP_SECONDS,
            ctx.secure,
        );
        cookies::set(&mut response, &cookie);
    }
    response
}
