//! What every page knows about its request (language, the signed-in user, the CSRF token
//! for its forms, a flash message) and how a page is rendered.
//!
//! `context` runs around every page route: it works the request out once, hands it to the
//! handler as `Page` (an extractor), and afterwards turns a `PageError` into an error page
//! inside the layout and sets the cookies the request needs.

use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::domain::user::{Role, User};
use crate::error::AppError;
use crate::services::auth::Authenticated;
use crate::state::AppState;
use crate::web::errors::{self, PageError, PageFailure};
use crate::web::flash::Flash;
use crate::web::i18n::Locale;
use crate::web::label::Label;
use crate::web::{assets, cookies, csrf, session};

/// The request as the pages see it. Cheap to clone; handlers take it as an extractor.
#[derive(Debug, Clone)]
pub struct Page {
    pub locale: Locale,
    /// The signed-in user and their session, if the session cookie is valid.
    pub viewer: Option<Authenticated>,
    /// The token every form of this page carries (`csrf` field).
    pub csrf: String,
    /// A new anonymous CSRF cookie to set with the response.
    new_csrf_cookie: Option<String>,
    /// A stale session cookie to clear with the response.
    stale_session: bool,
    pub flash: Option<Flash>,
    /// Path and query of this request, for the language switch and `aria-current`.
    pub path: String,
    /// Whether cookies must be `Secure` (HTTPS at the proxy, or configured).
    pub secure: bool,
}

impl Page {
    /// Works out the page context of a request: one database read at most (the session).
    pub async fn resolve(state: &AppState, parts: &Parts) -> Result<Page, AppError> {
        let headers = &parts.headers;
        let locale = Locale::negotiate(headers);
        let secure = secure_cookies(state, headers);
        let (viewer, stale_session) = session::viewer(state, headers).await?;
        let (csrf, new_csrf_cookie) = csrf::token_for(state, headers, viewer.as_ref());
        Ok(Page {
            locale,
            viewer,
            csrf,
            new_csrf_cookie,
            stale_session,
            flash: Flash::read(headers),
            path: parts
                .uri
                .path_and_query()
                .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned()),
            secure,
        })
    }

    /// A context for when the request could not be worked out (the database is down):
    /// anonymous, in the visitor's language, with no forms to protect.
    fn fallback(state: &AppState, parts: &Parts) -> Page {
        Page {
            locale: Locale::negotiate(&parts.headers),
            viewer: None,
            csrf: String::new(),
            new_csrf_cookie: None,
            stale_session: false,
            flash: None,
            path: parts.uri.path().to_owned(),
            secure: secure_cookies(state, &parts.headers),
        }
    }

    pub fn user(&self) -> Option<&User> {
        self.viewer.as_ref().map(|v| &v.user)
    }

    // Template helpers. Keys are literals so that the i18n tests can find them.

    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.locale.t_args(key, &[(name, value.to_string())])
    }

    pub fn t2(
        &self,
        key: &str,
        name1: &'static str,
        value1: impl ToString,
        name2: &'static str,
        value2: impl ToString,
    ) -> String {
        self.locale.t_args(
            key,
            &[(name1, value1.to_string()), (name2, value2.to_string())],
        )
    }

    pub fn t3(&self, key: &str, names: [&'static str; 3], values: [String; 3]) -> String {
        let [a, b, c] = names;
        let [x, y, z] = values;
        self.locale.t_args(key, &[(a, x), (b, y), (c, z)])
    }

    /// A name (or any text of unknown direction) to put inside a sentence: in a
    /// right-to-left page it is isolated (U+2068 ... U+2069), so that a Latin name does not
    /// carry the sentence's punctuation to its own side.
    pub fn isolate(&self, text: &str) -> String {
        match self.dir() {
            "rtl" => format!("\u{2068}{text}\u{2069}"),
            _ => text.to_owned(),
        }
    }

    /// A message about a count: `$count` in the page's digits, and `$kind` its plural
    /// category (`Locale::plural`), on which the message selects its wording.
    pub fn tn(&self, key: &str, n: &u64) -> String {
        self.locale.t_args(
            key,
            &[
                ("count", self.number(n)),
                ("kind", self.locale.plural(*n).to_owned()),
            ],
        )
    }

    /// An enum value, worded (`web::label`).
    pub fn label(&self, value: &impl Label) -> String {
        self.t(value.key())
    }

    pub fn lang(&self) -> &'static str {
        self.locale.tag()
    }

    pub fn dir(&self) -> &'static str {
        self.locale.dir()
    }

    pub fn number(&self, n: &u64) -> String {
        self.locale.number(*n)
    }

    /// A percentage with at most one decimal, in the page's digits ("66.7%", "٦٦٫٧٪");
    /// "—" when there is nothing to measure yet.
    pub fn percent(&self, value: &Option<f64>) -> String {
        match value {
            Some(v) => {
                let text = format!("{:.1}", v.clamp(0.0, 100.0));
                let text = text.strip_suffix(".0").unwrap_or(&text);
                self.t1("learning-percent", "value", self.locale.decimal(text))
            }
            None => "\u{2014}".to_owned(),
        }
    }

    pub fn date(&self, at: &DateTime<Utc>) -> String {
        self.locale.date(*at)
    }

    pub fn day(&self, date: &chrono::NaiveDate) -> String {
        self.locale.day(*date)
    }

    pub fn day_month(&self, date: &chrono::NaiveDate) -> String {
        self.locale.day_month(*date)
    }

    pub fn time(&self, at: &DateTime<Utc>) -> String {
        self.locale.time(*at)
    }

    pub fn date_time(&self, at: &DateTime<Utc>) -> String {
        self.locale.date_time(*at)
    }

    /// The versioned URL of an embedded asset.
    pub fn asset(&self, path: &str) -> String {
        assets::url(path)
    }

    /// The other language, offered by the language switch.
    pub fn other_locale(&self) -> Locale {
        self.locale.other()
    }

    pub fn role_name(&self, role: &Role) -> String {
        match role {
            Role::SuperAdmin => self.t("role-super-admin"),
            Role::Trainer => self.t("role-trainer"),
            Role::Trainee => self.t("role-trainee"),
        }
    }

    /// A role's people, as a stat tile's label.
    pub fn role_plural(&self, role: &Role) -> String {
        match role {
            Role::SuperAdmin => self.t("role-super-admins"),
            Role::Trainer => self.t("role-trainers"),
            Role::Trainee => self.t("role-trainees"),
        }
    }

    pub fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    /// `admin`, `trainer` or `trainee`: the badge and stat-tile modifier of a role.
    pub fn role_class(&self, role: &Role) -> &'static str {
        match role {
            Role::SuperAdmin => "admin",
            Role::Trainer => "trainer",
            Role::Trainee => "trainee",
        }
    }

    /// An email address in pieces, for a `<wbr>` between each: a line may break after the
    /// `@` and before a dot (`amal.yousef@` `example` `.org`), so that a narrow screen
    /// breaks an address where a reader expects it rather than inside a word.
    pub fn email_parts(&self, email: &str) -> Vec<String> {
        let mut parts = Vec::new();
        let mut current = String::new();
        for c in email.chars() {
            if c == '.' && !current.is_empty() && !current.ends_with('.') {
                parts.push(std::mem::take(&mut current));
            }
            current.push(c);
            if c == '@' {
                parts.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            parts.push(current);
        }
        parts
    }

    /// Initials for an avatar. Arabic letters are set apart by a thin space, so that
    /// they show as separate letters rather than joined into a word.
    pub fn initials(&self, user: &User) -> String {
        let letters: Vec<char> = [&user.first_name, &user.last_name]
            .iter()
            .filter_map(|s| s.chars().next())
            .collect();
        let apart = letters.iter().any(|c| crate::web::i18n::is_arabic(*c));
        let mut out = String::new();
        for (i, c) in letters.into_iter().enumerate() {
            if i > 0 && apart {
                out.push('\u{2009}');
            }
            out.extend(c.to_uppercase());
        }
        out
    }

    /// The main menu of the viewer's role: only pages that exist.
    pub fn nav(&self) -> Vec<NavItem> {
        // Each feature adds its pages here, for the roles that may open them.
        let items: Vec<(&'static str, String)> = match self.user().map(|u| u.role) {
            None => vec![
                ("/courses", self.t("nav-courses")),
                ("/login", self.t("nav-sign-in")),
            ],
            Some(Role::SuperAdmin) => vec![
                ("/", self.t("nav-dashboard")),
                ("/courses", self.t("nav-courses")),
                ("/teach", self.t("nav-teach")),
                ("/users", self.t("nav-users")),
                ("/jobs", self.t("nav-jobs")),
            ],
            Some(Role::Trainer) => vec![
                ("/", self.t("nav-dashboard")),
                ("/courses", self.t("nav-courses")),
                ("/teach", self.t("nav-teach")),
            ],
            Some(Role::Trainee) => vec![
                ("/", self.t("nav-dashboard")),
                ("/learning", self.t("nav-learning")),
                ("/courses", self.t("nav-courses")),
            ],
        };
        let here = self.path.split('?').next().unwrap_or_default();
        items
            .into_iter()
            .map(|(href, label)| NavItem {
                href,
                label,
                // The page itself is `page`; a section's subpages (`/users/new`,
                // `/users/{id}`) mark its link as the current location (`true`).
                current: if here == href {
                    Some("page")
                } else if href != "/" && here.starts_with(&format!("{href}/")) {
                    Some("true")
                } else {
                    None
                },
            })
            .collect()
    }
}

/// One link of the main menu.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    /// The link's `aria-current`: `page`, `true` (within its section) or none.
    pub current: Option<&'static str>,
}

/// Cookies are `Secure` when configured so, or when a trusted proxy says the browser spoke
/// HTTPS to it. An untrusted client's `X-Forwarded-Proto` is ignored: anyone can send it.
fn secure_cookies(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.server.secure_cookies
        || (state.config.server.trust_proxy && forwarded_https(headers))
}

/// The site's address as people reach it: the configured public URL, else the scheme and
/// the request's `Host` (when it is a plain host name or address, else the bound one).
pub fn site_origin(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = state.config.server.public_url.as_deref() {
        return url.trim_end_matches('/').to_owned();
    }
    let scheme = if secure_cookies(state, headers) {
        "https"
    } else {
        "http"
    };
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{}:{}", state.config.server.host, state.config.server.port));
    format!("{scheme}://{host}")
}

fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Page, Response> {
        if let Some(page) = parts.extensions.get::<Page>() {
            return Ok(page.clone());
        }
        // Outside the middleware (the fallback): work it out here.
        match Page::resolve(state, parts).await {
            Ok(page) => Ok(page),
            Err(e) => {
                let page = Page::fallback(state, parts);
                Err(errors::render(&page, PageFailure::from_app(&e), parts))
            }
        }
    }
}

/// Middleware around every page route (see the module comment).
pub async fn context(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let page = match Page::resolve(&state, &parts).await {
        Ok(page) => page,
        Err(e) => {
            let page = Page::fallback(&state, &parts);
            return errors::render(&page, PageFailure::from_app(&e), &parts);
        }
    };
    parts.extensions.insert(page.clone());
    let request_parts = parts.clone();
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(failure) = response.extensions_mut().remove::<PageFailure>() {
        let allow = response.headers().get(ALLOW).cloned();
        response = errors::render(&page, failure, &request_parts);
        if let Some(allow) = allow {
            response.headers_mut().insert(ALLOW, allow);
        }
    }
    finish(&page, request_parts.method == Method::GET, &mut response);
    response
}

/// The cookies this request needs: a new anonymous CSRF cookie, clearing a consumed flash
/// message or a stale session.
fn finish(page: &Page, is_get: bool, response: &mut Response) {
    let mut cookies = Vec::new();
    if let Some(value) = &page.new_csrf_cookie {
        cookies.push(csrf::cookie(value, page.secure));
    }
    // A flash is shown once: by the first page rendered after it was set.
    if page.flash.is_some() && is_get && response.status().is_success() {
        cookies.push(Flash::clear(page.secure));
    }
    // Unless the handler has just signed the browser in again.
    if page.stale_session && !cookies::sets(response, session::SESSION_COOKIE) {
        cookies.push(session::clear_cookie(page.secure));
    }
    for cookie in &cookies {
        cookies::set(response, cookie);
    }
}

/// Renders a template as an HTML page that is never cached (it holds a CSRF token and
/// the user's data).
pub fn render(status: StatusCode, template: &impl Template) -> Result<Response, PageError> {
    let html = template
        .render()
        .map_err(|e| PageError::from(AppError::Internal(anyhow::Error::new(e))))?;
    Ok(html_response(status, html))
}

pub fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
