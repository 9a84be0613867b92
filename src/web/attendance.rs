//! Attendance pages, over `services::attendance`:
//! - the register (`/teach/courses/{id}/attendance?date=`): every trainee enrolled by that
//!   day, present by default, one tap to change, saved in one go; with the CSV export;
//! - the check-in screen (`/teach/courses/{id}/check-in`): the QR code and the typed code,
//!   renewed every two seconds by `assets/js/check-in.js` (`.../check-in/code` answers it);
//! - the trainee's check-in page (`/attend/{course}`), where the QR code leads: the code
//!   (filled in from the address), signing in and out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::attendance::{
    AttendanceRecord, AttendanceState, RegisterEntry, RegisterForm, parse_date,
};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::{attendance, courses};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, Path};
use crate::web::label::Label;
use crate::web::page::{self, Page, site_origin};
use crate::web::routes::PageRoutes;
use crate::web::session::PageUser;

pub fn pages(routes: PageRoutes) -> PageRoutes {
    routes
        .get("/teach/courses/{id}/attendance", register)
        .post("/teach/courses/{id}/attendance", save)
        .get("/teach/courses/{id}/attendance/export", export)
        .get("/teach/courses/{id}/check-in", check_in)
        .get("/teach/courses/{id}/check-in/code", check_in_code)
        .get("/attend/{id}", attend)
        .post("/attend/{id}", sign_in)
        .get("/attend/{id}/sign-out", back_to_attend)
        .post("/attend/{id}/sign-out", sign_out)
}

impl Label for AttendanceState {
    fn key(&self) -> &'static str {
        match self {
            AttendanceState::Present => "attendance-present",
            AttendanceState::Absent => "attendance-absent",
            AttendanceState::Late => "attendance-late",
            AttendanceState::Excused => "attendance-excused",
        }
    }
}

fn actor(who: &crate::services::auth::Authenticated) -> Actor {
    Actor::from(&who.user)
}

fn register_path(course: Uuid, date: NaiveDate) -> String {
    format!("/teach/courses/{course}/attendance?date={date}")
}

#[derive(Deserialize)]
pub struct DateQuery {
    date: Option<String>,
}

/// One trainee's line of the register.
pub struct RegisterRow {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    /// The status to show checked: the saved one, else present.
    pub status: &'static str,
    pub notes: String,
    pub signed: Option<String>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "attendance/register.html")]
struct RegisterPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    date: String,
    date_text: String,
    rows: Vec<RegisterRow>,
    statuses: Vec<(&'static str, String)>,
    export_from: String,
    form_error: Option<String>,
}

async fn render_register(
    state: &AppState,
    ctx: Page,
    actor: &Actor,
    id: Uuid,
    date: NaiveDate,
    sent: Option<(&RegisterForm, AppError)>,
) -> Result<Response, PageError> {
    let course = courses::show(state, Some(actor), id).await?;
    let lines = attendance::register(state, actor, id, date).await?;
    let (sent_form, errors) = match sent {
        Some((form, AppError::Validation(errors))) => (Some(form), errors),
        Some((_, other)) => return Err(other.into()),
        None => (None, Default::default()),
    };
    let mut form_error = None;
    let rows = lines
        .iter()
        .map(|l| {
            let sent_line = sent_form.and_then(|f| {
                f.records
                    .iter()
                    .flatten()
                    .enumerate()
                    .find(|(_, e)| e.user_id == l.user_id)
            });
            let error = sent_line.and_then(|(i, _)| {
                [
                    format!("records[{i}].status"),
                    format!("records[{i}].notes"),
                ]
                .iter()
                .find_map(|k| errors.get(k).and_then(|e| e.first()))
                .map(|e| ctx.locale.field_error(e))
            });
            if error.is_some() {
                form_error = Some(ctx.t("attendance-register-invalid"));
            }
            let status = match sent_line {
                Some((_, e)) => AttendanceState::parse(&e.status)
                    .unwrap_or(AttendanceState::Present)
                    .as_str(),
                None => l.record.as_ref().map_or("present", |r| r.status.as_str()),
            };
            RegisterRow {
                user_id: l.user_id,
                name: format!("{} {}", l.first_name, l.last_name),
                email: l.email.clone(),
                status,
                notes: sent_line
                    .and_then(|(_, e)| e.notes.clone())
                    .or_else(|| l.record.as_ref().and_then(|r| r.notes.clone()))
                    .unwrap_or_default(),
                signed: l.record.as_ref().and_then(|r| signed_text(&ctx, r)),
                error,
            }
        })
        .collect();
    let code = if form_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page::render(
        code,
        &RegisterPage {
            course_id: id,
            course_title: course.title,
            date: date.to_string(),
            date_text: ctx.day(&date),
            rows,
            statuses: AttendanceState::ALL
                .iter()
                .map(|s| (s.as_str(), ctx.label(s)))
                .collect(),
            export_from: (date - chrono::Duration::days(30)).to_string(),
            form_error,
            ctx,
        },
    )
}

/// "In 09:02, out 11:30 (148 min)", from the trainee's own sign-in and out.
fn signed_text(ctx: &Page, r: &AttendanceRecord) -> Option<String> {
    let signed_in = r.sign_in_time?;
    Some(match (r.sign_out_time, r.duration) {
        (Some(out), Some(minutes)) => ctx.t3(
            "attendance-signed-in-out",
            ["from", "to", "minutes"],
            [
                ctx.time(&signed_in),
                ctx.time(&out),
                ctx.number(&u64::try_from(minutes).unwrap_or(0)),
            ],
        ),
        _ => ctx.t1("attendance-signed-in-at", "from", ctx.time(&signed_in)),
    })
}

fn date_of(q: &DateQuery) -> NaiveDate {
    q.date
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(attendance::today)
}

/// `GET /teach/courses/{id}/attendance?date=` (the course's trainer, super admins).
pub async fn register(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Query(q): Query<DateQuery>,
) -> Result<Response, PageError> {
    render_register(&state, ctx, &actor(&who), id, date_of(&q), None).await
}

/// `POST /teach/courses/{id}/attendance`: `date`, then `status-<user>` and `notes-<user>`
/// for each trainee on the register.
pub async fn save(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    // A missing or broken date is the service's to refuse, after it has asked who may.
    let date = value("date").as_deref().and_then(parse_date);
    let records: Vec<RegisterEntry> = fields
        .iter()
        .filter_map(|(k, v)| {
            let user_id = k.strip_prefix("status-")?.parse::<Uuid>().ok()?;
            Some(RegisterEntry {
                user_id,
                status: v.clone(),
                notes: value(&format!("notes-{user_id}")),
            })
        })
        .collect();
    let form = RegisterForm {
        session_date: date.map(|d| d.to_string()),
        records: Some(records),
    };
    let date = date.unwrap_or_else(attendance::today);
    match attendance::save_register(&state, &actor, id, &form).await {
        Ok(_) => Ok(flash::redirect_with(
            &register_path(id, date),
            Flash::AttendanceSaved,
            ctx.secure,
        )),
        Err(e @ AppError::Validation(_)) => {
            render_register(&state, ctx, &actor, id, date, Some((&form, e))).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct RangeQuery {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /teach/courses/{id}/attendance/export?from=&to=`: the CSV file.
pub async fn export(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Query(q): Query<RangeQuery>,
) -> Result<Response, PageError> {
    let today = attendance::today();
    let from = q.from.as_deref().and_then(parse_date).unwrap_or(today);
    let to = q.to.as_deref().and_then(parse_date).unwrap_or(today);
    let csv = attendance::export(&state, &actor(&who), id, from, to).await?;
    let name = format!("attachment; filename=\"attendance-{from}-{to}.csv\"");
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                CONTENT_DISPOSITION,
                HeaderValue::from_str(&name).unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        csv,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "attendance/check_in.html")]
struct CheckInPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    code: String,
    qr_svg: String,
    signed_in_text: String,
}

/// The code now, its QR code as SVG, and how many have signed in today.
async fn current(
    state: &AppState,
    ctx: &Page,
    actor: &Actor,
    id: Uuid,
    headers: &HeaderMap,
) -> Result<(String, String, u64), AppError> {
    let origin = site_origin(state, headers);
    let code = attendance::code(state, actor, id, &origin).await?;
    let svg = crate::qr::svg(
        &code.url,
        &ctx.t1("check-in-qr-label", "code", code.code.clone()),
    )?;
    let register = attendance::register(state, actor, id, attendance::today()).await?;
    let signed = register
        .iter()
        .filter(|l| l.record.as_ref().is_some_and(|r| r.sign_in_time.is_some()))
        .count() as u64;
    Ok((code.code, svg, signed))
}

/// `GET /teach/courses/{id}/check-in` (the course's trainer, super admins).
pub async fn check_in(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let course = courses::show(&state, Some(&actor), id).await?;
    let (code, qr_svg, signed_in) = current(&state, &ctx, &actor, id, &headers).await?;
    page::render(
        StatusCode::OK,
        &CheckInPage {
            course_id: id,
            course_title: course.title,
            code,
            qr_svg,
            signed_in_text: ctx.t1("check-in-count", "count", ctx.number(&signed_in)),
            ctx,
        },
    )
}

/// `GET /teach/courses/{id}/check-in/code`: what the screen's script shows next (JSON).
pub async fn check_in_code(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let (code, svg, signed) = current(&state, &ctx, &actor(&who), id, &headers).await?;
    let body = serde_json::json!({
        "code": code,
        "svg": svg,
        "signedIn": ctx.t1("check-in-count", "count", ctx.number(&signed)),
    });
    Ok((
        [(CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        axum::Json(body),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "attendance/attend.html")]
struct AttendPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    code: String,
    code_error: Option<String>,
    message: Option<String>,
    record: Option<String>,
    signed_in: bool,
    signed_out: bool,
}

#[derive(Deserialize)]
pub struct CodeQuery {
    code: Option<String>,
}

async fn render_attend(
    state: &AppState,
    ctx: Page,
    actor: &Actor,
    id: Uuid,
    code: String,
    error: Option<AppError>,
) -> Result<Response, PageError> {
    let course = courses::show(state, Some(actor), id).await?;
    let history = attendance::history(state, actor, id, None).await?;
    let today = attendance::today();
    let record = history.records.iter().find(|r| r.session_date == today);
    let (status, code_error, message) = match error {
        None => (StatusCode::OK, None, None),
        Some(AppError::Validation(fields)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            fields
                .get("code")
                .and_then(|e| e.first())
                .map(|e| ctx.locale.field_error(e)),
            None,
        ),
        Some(AppError::Conflict(_)) => (StatusCode::CONFLICT, None, Some(ctx.t("attend-conflict"))),
        Some(other) => return Err(other.into()),
    };
    page::render(
        status,
        &AttendPage {
            course_id: id,
            course_title: course.title,
            code,
            code_error,
            message,
            record: record.and_then(|r| signed_text(&ctx, r)),
            signed_in: record.is_some_and(|r| r.sign_in_time.is_some()),
            signed_out: record.is_some_and(|r| r.sign_out_time.is_some()),
            ctx,
        },
    )
}

/// `GET /attend/{id}?code=` (a trainee of the course): where the QR code leads.
pub async fn attend(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Query(q): Query<CodeQuery>,
) -> Result<Response, PageError> {
    let code: String = q.code.unwrap_or_default().chars().take(20).collect();
    render_attend(&state, ctx, &actor(&who), id, code, None).await
}

#[derive(Deserialize)]
pub struct CodeFields {
    #[serde(default)]
    code: String,
}

/// `POST /attend/{id}`: signs in with the code.
pub async fn sign_in(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(fields): Form<CodeFields>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    match attendance::sign_in(&state, &actor, id, Some(&fields.code)).await {
        Ok(_) => Ok(flash::redirect_with(
            &format!("/attend/{id}"),
            Flash::SignedInToSession,
            ctx.secure,
        )),
        Err(e) => render_attend(&state, ctx, &actor, id, fields.code, Some(e)).await,
    }
}

/// `POST /attend/{id}/sign-out`.
pub async fn sign_out(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    match attendance::sign_out(&state, &actor, id).await {
        Ok(_) => Ok(flash::redirect_with(
            &format!("/attend/{id}"),
            Flash::SignedOutOfSession,
            ctx.secure,
        )),
        Err(e) => render_attend(&state, ctx, &actor, id, String::new(), Some(e)).await,
    }
}

/// `GET /attend/{id}/sign-out` (a reload, signed in): the check-in page.
pub async fn back_to_attend(PageUser(_): PageUser, Path(id): Path<Uuid>) -> Redirect {
    Redirect::to(&format!("/attend/{id}"))
}
