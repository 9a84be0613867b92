//! The language switch: a form in the header. The choice is kept in a cookie (which also
//! serves visitors who are not signed in) and, for a signed-in user, in their preferences,
//! so that it follows them to every browser they sign in from.

use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::services::preferences;
use crate::state::AppState;
use crate::web::cookies;
use crate::web::errors::PageError;
use crate::web::form::Form;
use crate::web::i18n::{LANG_COOKIE, Locale};
use crate::web::page::Page;
use crate::web::session::{next_from_query, safe_next};

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
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    Form(form): Form<LanguageForm>,
) -> Result<Response, PageError> {
    let to = safe_next(&form.next).unwrap_or("/");
    let mut response = Redirect::to(to).into_response();
    if let Some(locale) = Locale::parse(&form.lang) {
        if let Some(viewer) = &ctx.viewer {
            preferences::set_language(&state, viewer.user.id, locale.tag()).await?;
        }
        remember(&mut response, locale, ctx.secure);
    }
    Ok(response)
}

/// `GET /language`: the switch's address opened (reloaded after the switch, say). The
/// language changes only by the form; this goes back to `?next=` (a local path) or home.
pub async fn back(uri: Uri) -> Redirect {
    Redirect::to(next_from_query(&uri).as_deref().unwrap_or("/"))
}

/// Sets the language cookie on a response.
pub fn remember(response: &mut Response, locale: Locale, secure: bool) {
    let cookie = cookies::build(LANG_COOKIE, locale.tag().to_owned(), KEEP_SECONDS, secure);
    cookies::set(response, &cookie);
}
