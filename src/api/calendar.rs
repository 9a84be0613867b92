//! The private calendar feed: `GET /api/calendar` (one's address), `POST
//! /api/calendar/reset` (a new one), and the feed itself, `GET /calendar/{token}.ics`,
//! outside `/api` because calendar applications fetch it without signing in.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path};
use crate::auth::extract::CurrentUser;
use crate::domain::attendance::AttendanceState;
use crate::domain::calendar::{Event, FeedItem, When, token_of_file, write_calendar};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::calendar::{self, Feed};
use crate::state::AppState;
use crate::web::i18n::Locale;
use crate::web::page::site_origin;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show))
        .routes(routes!(reset))
}

/// The feed, mounted outside `/api`.
pub fn feed_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(feed))
}

/// The caller's private feed.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CalendarLink {
    /// The address to subscribe to (`.../calendar/<token>.ics`). Anyone who has it sees the
    /// calendar: keep it private, and reset it if it was shared.
    url: String,
    /// The same address as `webcal://`, which calendar applications open to subscribe.
    webcal_url: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CalendarResponse {
    calendar: CalendarLink,
}

/// The address of the feed of `token` on this site.
pub fn feed_url(origin: &str, token: &str) -> String {
    format!("{origin}/calendar/{token}.ics")
}

fn link(origin: &str, token: &str) -> CalendarResponse {
    let url = feed_url(origin, token);
    let webcal_url = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    CalendarResponse {
        calendar: CalendarLink { url, webcal_url },
    }
}

/// `GET /api/calendar` (signed in)
#[utoipa::path(get, path = "/calendar", tag = "calendar",
    summary = "One's private calendar address",
    description = "The address of the caller's iCalendar feed (course dates, assignment due dates, attendance sessions), made on the first request and the same afterwards until reset.",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The address", body = CalendarResponse),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    who: CurrentUser,
    headers: HeaderMap,
) -> Result<Json<CalendarResponse>, AppError> {
    let token = calendar::token(&state, &Actor::from(&who.0.user)).await?;
    Ok(Json(link(&site_origin(&state, &headers), &token)))
}

/// `POST /api/calendar/reset` (signed in)
#[utoipa::path(post, path = "/calendar/reset", tag = "calendar",
    summary = "A new private calendar address",
    description = "Makes a new address for the caller's feed: every earlier address answers 404 from now on.",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The new address", body = CalendarResponse),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
    ))]
pub async fn reset(
    State(state): State<AppState>,
    who: CurrentUser,
    headers: HeaderMap,
) -> Result<Json<CalendarResponse>, AppError> {
    let token = calendar::reset(&state, &Actor::from(&who.0.user)).await?;
    Ok(Json(link(&site_origin(&state, &headers), &token)))
}

/// `GET /calendar/{token}.ics` (anyone with the address)
#[utoipa::path(get, path = "/calendar/{file}", tag = "calendar",
    summary = "A private calendar feed",
    description = "The iCalendar (RFC 5545) feed of the user the token belongs to, in their page language: for a trainee, the dates of the courses they learn in, the due dates of those courses' published assignments and their own attendance; for a trainer or super admin, the dates of the courses they teach, their assignments' due dates and the dates a register was taken. Any token that is not a current one (malformed, reset, of a deactivated or deleted account) is 404, alike.",
    params(("file" = String, Path, description = "`<token>.ics`, as `GET /api/calendar` gives it")),
    responses(
        (status = 200, description = "The feed", content_type = "text/calendar"),
        (status = 404, description = "Not a current calendar address", body = ErrorBody),
    ))]
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let token = token_of_file(&file).ok_or(AppError::NotFound)?;
    let feed = calendar::feed(&state, token).await?;
    let locale = feed
        .language
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or(Locale::En);
    let origin = site_origin(&state, &headers);
    let name = locale.t_args("calendar-name", &[("name", feed.name.clone())]);
    let body = write_calendar(&name, &events(&feed, locale, &origin), crate::clock::now());
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            // The address is the only key: no shared cache may keep the feed.
            (CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
            (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        ],
        body,
    )
        .into_response())
}

fn status_key(status: AttendanceState) -> &'static str {
    match status {
        AttendanceState::Present => "attendance-present",
        AttendanceState::Absent => "attendance-absent",
        AttendanceState::Late => "attendance-late",
        AttendanceState::Excused => "attendance-excused",
    }
}

/// The feed's items as events, worded in `locale`, linking to their pages.
fn events(feed: &Feed, locale: Locale, origin: &str) -> Vec<Event> {
    let title = |key: &str, value: &str| locale.t_args(key, &[("title", value.to_owned())]);
    feed.items
        .iter()
        .filter_map(|item| match item {
            FeedItem::Course {
                id,
                title: name,
                start,
                end,
                teaching,
            } => {
                let (when, summary) = match (start, end) {
                    (Some(first), Some(last)) => (
                        When::Days {
                            first: *first,
                            last: (*last).max(*first),
                        },
                        title("calendar-course", name),
                    ),
                    (Some(day), None) => (
                        When::Days {
                            first: *day,
                            last: *day,
                        },
                        title("calendar-course-starts", name),
                    ),
                    (None, Some(day)) => (
                        When::Days {
                            first: *day,
                            last: *day,
                        },
                        title("calendar-course-ends", name),
                    ),
                    (None, None) => return None,
                };
                let (description, url) = if *teaching {
                    (
                        locale.t("calendar-course-teaching"),
                        format!("{origin}/teach/courses/{id}"),
                    )
                } else {
                    (
                        locale.t("calendar-course-learning"),
                        format!("{origin}/learn/{id}"),
                    )
                };
                Some(Event {
                    uid: format!("course-{id}@courseworx"),
                    when,
                    summary,
                    description,
                    url: Some(url),
                })
            }
            FeedItem::Assignment {
                id,
                course_title,
                title: name,
                due,
                points,
                teaching,
            } => Some(Event {
                uid: format!("assignment-{id}@courseworx"),
                when: When::At(*due),
                summary: title("calendar-assignment-due", name),
                description: [
                    title("calendar-in-course", course_title),
                    locale.t_args("calendar-points", &[("points", points.to_string())]),
                ]
                .join("\n"),
                url: Some(if *teaching {
                    format!("{origin}/teach/assignments/{id}")
                } else {
                    format!("{origin}/learn/assignments/{id}")
                }),
            }),
            FeedItem::Attendance {
                id,
                course_id,
                course_title,
                date,
                status,
                sign_in,
                sign_out,
            } => {
                let mut lines = vec![title("calendar-in-course", course_title)];
                if let Some(at) = sign_in {
                    lines.push(
                        locale.t_args("calendar-signed-in", &[("value", locale.date_time(*at))]),
                    );
                }
                if let Some(at) = sign_out {
                    lines.push(
                        locale.t_args("calendar-signed-out", &[("value", locale.date_time(*at))]),
                    );
                }
                Some(Event {
                    uid: format!("attendance-{id}@courseworx"),
                    when: When::Days {
                        first: *date,
                        last: *date,
                    },
                    summary: locale.t_args(
                        "calendar-attendance",
                        &[
                            ("title", course_title.clone()),
                            ("value", locale.t(status_key(*status))),
                        ],
                    ),
                    description: lines.join("\n"),
                    url: Some(format!("{origin}/learn/{course_id}")),
                })
            }
            FeedItem::Register {
                course_id,
                course_title,
                date,
                present,
                late,
                absent,
                excused,
            } => {
                let counts = [
                    (AttendanceState::Present, present),
                    (AttendanceState::Late, late),
                    (AttendanceState::Absent, absent),
                    (AttendanceState::Excused, excused),
                ]
                .iter()
                .map(|(status, n)| {
                    locale.t_args(
                        "calendar-count",
                        &[
                            ("value", locale.t(status_key(*status))),
                            ("count", locale.number(u64::from(**n))),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
                Some(Event {
                    uid: format!("register-{course_id}-{date}@courseworx"),
                    when: When::Days {
                        first: *date,
                        last: *date,
                    },
                    summary: title("calendar-register", course_title),
                    description: counts,
                    url: Some(format!(
                        "{origin}/teach/courses/{course_id}/attendance?date={date}"
                    )),
                })
            }
        })
        .collect()
}
