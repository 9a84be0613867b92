//! Attendance: `/api/courses/{id}/attendance` and its sign-in, sign-out, check-in code,
//! history and export.

use axum::extract::{FromRequest, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::attendance::{
    AttendanceHistory, AttendanceRecord, RegisterForm, RegisterLine, parse_date,
};
use crate::domain::policy::Actor;
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::attendance::{self, CheckInCode};
use crate::state::AppState;
use crate::web::page::site_origin;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register, save_register))
        .routes(routes!(sign_in))
        .routes(routes!(sign_out))
        .routes(routes!(code))
        .routes(routes!(code_png))
        .routes(routes!(history))
        .routes(routes!(export))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AttendanceResponse {
    attendance: AttendanceRecord,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RegisterResponse {
    #[schema(value_type = String, format = Date)]
    session_date: chrono::NaiveDate,
    register: Vec<RegisterLine>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CodeResponse {
    code: CheckInCode,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HistoryResponse {
    history: AttendanceHistory,
}

/// The body of a sign-in: the check-in code, when signing in by the trainer's screen.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignInForm {
    /// The six characters on the screen (any case; spaces and dashes ignored).
    code: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DateQuery {
    /// `YYYY-MM-DD`; today (UTC) when left out.
    date: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// A trainee of the course (its trainer only); the caller when left out.
    user_id: Option<Uuid>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `YYYY-MM-DD`, included.
    from: Option<String>,
    /// `YYYY-MM-DD`, included (at most 366 days after `from`).
    to: Option<String>,
}

fn date_param(field: &str, raw: Option<&str>) -> Result<chrono::NaiveDate, AppError> {
    match raw {
        None => Err(AppError::field(field, FieldError::Required)),
        Some(raw) => parse_date(raw).ok_or_else(|| AppError::field(field, FieldError::Date)),
    }
}

/// `POST /api/courses/{id}/attendance/sign-in`
#[utoipa::path(post, path = "/courses/{id}/attendance/sign-in", tag = "attendance",
    summary = "Sign in for today",
    description = "An actively enrolled trainee, on one of the course's days (UTC). With `code`, only the code on the trainer's screen now: it changes every 30 seconds and as soon as someone uses it, and lives at most a minute; an old code, another course's, or one already used by another account is 422. Signing in twice is 409. The body may be empty.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = Option<SignInForm>, content_type = "application/json"),
    responses(
        (status = 200, description = "Signed in", body = AttendanceResponse),
        (status = 400, description = "A malformed id or body", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not actively enrolled", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 409, description = "Already signed in today; not one of the course's days", body = ErrorBody),
        (status = 415, description = "A body that is not JSON", body = ErrorBody),
        (status = 422, description = "Not the code on the screen now", body = ErrorBody),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<Json<AttendanceResponse>, AppError> {
    // No body at all is a sign-in without a code.
    let empty = request.headers().get(CONTENT_TYPE).is_none()
        && request
            .headers()
            .get(CONTENT_LENGTH)
            .is_none_or(|v| v.as_bytes() == b"0");
    let form = if empty {
        SignInForm::default()
    } else {
        Json::<SignInForm>::from_request(request, &state).await?.0
    };
    let attendance = attendance::sign_in(&state, &actor(&who), id, form.code.as_deref()).await?;
    Ok(Json(AttendanceResponse { attendance }))
}

/// `POST /api/courses/{id}/attendance/sign-out`
#[utoipa::path(post, path = "/courses/{id}/attendance/sign-out", tag = "attendance",
    summary = "Sign out for today",
    description = "The duration becomes the whole minutes since signing in. Without a sign-in today, or a second time, 409.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "Signed out", body = AttendanceResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not actively enrolled", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 409, description = "Not signed in today; already signed out", body = ErrorBody),
    ))]
pub async fn sign_out(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<AttendanceResponse>, AppError> {
    let attendance = attendance::sign_out(&state, &actor(&who), id).await?;
    Ok(Json(AttendanceResponse { attendance }))
}

/// `GET /api/courses/{id}/attendance/code`
#[utoipa::path(get, path = "/courses/{id}/attendance/code", tag = "attendance",
    summary = "The check-in code now",
    description = "The course's trainer or a super admin: the code to show, the check-in address the QR code holds, and when it expires. Ask again every `refreshSeconds`.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The code now", body = CodeResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
    ))]
pub async fn code(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Json<CodeResponse>, AppError> {
    let origin = site_origin(&state, &headers);
    let code = attendance::code(&state, &actor(&who), id, &origin).await?;
    Ok(Json(CodeResponse { code }))
}

/// `GET /api/courses/{id}/attendance/code.png`
#[utoipa::path(get, path = "/courses/{id}/attendance/code.png", tag = "attendance",
    summary = "The check-in QR code now",
    description = "As `/code`, as a PNG of the QR code of its address (never cached).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The QR code", content_type = "image/png"),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
    ))]
pub async fn code_png(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let origin = site_origin(&state, &headers);
    let code = attendance::code(&state, &actor(&who), id, &origin).await?;
    let png = crate::qr::png(&code.url, 8)?;
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static("image/png")),
            (CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        png,
    )
        .into_response())
}

/// `GET /api/courses/{id}/attendance`
#[utoipa::path(get, path = "/courses/{id}/attendance", tag = "attendance",
    summary = "The register of a date",
    description = "The course's trainer or a super admin: every trainee enrolled (and not dropped) by the end of that day, by name, with their record (`null` when not marked yet). Those who enrolled later are not on it.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), DateQuery),
    responses(
        (status = 200, description = "The register", body = RegisterResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 422, description = "A date not written YYYY-MM-DD", body = ErrorBody),
    ))]
pub async fn register(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<DateQuery>,
) -> Result<Json<RegisterResponse>, AppError> {
    let date = match q.date.as_deref() {
        None => attendance::today(),
        raw => date_param("date", raw)?,
    };
    let register = attendance::register(&state, &actor(&who), id, date).await?;
    Ok(Json(RegisterResponse {
        session_date: date,
        register,
    }))
}

/// `PUT /api/courses/{id}/attendance`
#[utoipa::path(put, path = "/courses/{id}/attendance", tag = "attendance",
    summary = "Take the register",
    description = "The course's trainer or a super admin, for any date: `{\"sessionDate\", \"records\": [{\"userId\", \"status\", \"notes\"?}]}` saved in one transaction (all or nothing); saving again corrects it. Each trainee must be on that date's register (422 otherwise). Sign-in and sign-out times stay.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = RegisterForm,
    responses(
        (status = 200, description = "Saved; the register", body = RegisterResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad lines: a status, a trainee not on the register, a repeated trainee, a bad date", body = ErrorBody),
    ))]
pub async fn save_register(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<RegisterForm>,
) -> Result<Json<RegisterResponse>, AppError> {
    let register = attendance::save_register(&state, &actor(&who), id, &form).await?;
    let session_date = form
        .session_date
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_default();
    Ok(Json(RegisterResponse {
        session_date,
        register,
    }))
}

/// `GET /api/courses/{id}/attendance/history`
#[utoipa::path(get, path = "/courses/{id}/attendance/history", tag = "attendance",
    summary = "A trainee's attendance",
    description = "Every session marked for one trainee, with counts and an attendance rate: (present + late) / (present + late + absent), excused sessions counting for neither. A learner reads their own; the course's trainer any trainee's (`userId`). Another trainee's: 404.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), HistoryQuery),
    responses(
        (status = 200, description = "The history", body = HistoryResponse),
        (status = 400, description = "A malformed id or query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Neither the course's trainer nor one of its learners", body = ErrorBody),
        (status = 404, description = "No such course, or another trainee's history", body = ErrorBody),
    ))]
pub async fn history(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<HistoryQuery>,
) -> Result<Json<HistoryResponse>, AppError> {
    let history = attendance::history(&state, &actor(&who), id, q.user_id).await?;
    Ok(Json(HistoryResponse { history }))
}

/// `GET /api/courses/{id}/attendance/export`
#[utoipa::path(get, path = "/courses/{id}/attendance/export", tag = "attendance",
    summary = "Attendance as CSV",
    description = "The course's trainer or a super admin: every record from `from` to `to` (at most 366 days), by date and name, with sign-in and sign-out times and the duration; cells a spreadsheet would run as a formula are prefixed with `'`.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ExportQuery),
    responses(
        (status = 200, description = "The CSV file", content_type = "text/csv"),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course, or hidden", body = ErrorBody),
        (status = 422, description = "Missing or bad dates; to before from; more than 366 days", body = ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let from = date_param("from", q.from.as_deref())?;
    let to = date_param("to", q.to.as_deref())?;
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
