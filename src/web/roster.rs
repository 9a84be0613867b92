//! A course's roster, over `services::enrolments`: `GET /teach/courses/{id}/roster`
//! lists its trainees (progress, last activity, status, grade), filtered by status and
//! paginated; `POST` on the same address enrols trainees by e-mail and shows a line per
//! address; `POST /teach/courses/{id}/enrolments` changes one enrolment's status, grade or
//! notes. The course's trainer's and super admins'.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::enrolment::{
    EnrolOthersForm, EnrolResult, EnrolTarget, EnrolmentForm, EnrolmentState, RosterEntry,
};
use crate::domain::pagination::PageRequest;
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::courses;
use crate::services::enrolments::{self, EnrolReportLine};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, FormErrors, Path};
use crate::web::label::Label;
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::session::PageUser;

impl Label for EnrolmentState {
    fn key(&self) -> &'static str {
        match self {
            EnrolmentState::Enrolled => "enrolment-status-enrolled",
            EnrolmentState::Completed => "enrolment-status-completed",
            EnrolmentState::Dropped => "enrolment-status-dropped",
            EnrolmentState::Suspended => "enrolment-status-suspended",
        }
    }
}

impl Label for EnrolResult {
    fn key(&self) -> &'static str {
        match self {
            EnrolResult::Enrolled => "enrol-result-enrolled",
            EnrolResult::AlreadyEnrolled => "enrol-result-already-enrolled",
            EnrolResult::Suspended => "enrol-result-suspended",
            EnrolResult::Full => "enrol-result-full",
            EnrolResult::NoTrainee => "enrol-result-no-trainee",
            EnrolResult::Invalid => "enrol-result-invalid",
            EnrolResult::Repeated => "enrol-result-repeated",
        }
    }
}

/// A status's badge modifier.
fn status_class(status: EnrolmentState) -> &'static str {
    match status {
        EnrolmentState::Enrolled => "info",
        EnrolmentState::Completed => "success",
        EnrolmentState::Dropped => "muted",
        EnrolmentState::Suspended => "warning",
    }
}

fn actor(who: &crate::services::auth::Authenticated) -> Actor {
    Actor::from(&who.user)
}

pub fn roster_path(course: Uuid) -> String {
    format!("/teach/courses/{course}/roster")
}

/// One trainee's line.
pub struct RosterRow {
    pub enrolment: Uuid,
    pub name: String,
    pub initials: String,
    pub email: String,
    pub email_parts: Vec<String>,
    pub progress: u64,
    pub progress_text: String,
    pub last_activity: String,
    pub status: &'static str,
    pub status_label: String,
    pub status_class: &'static str,
    pub grade: String,
    pub notes: String,
    /// Errors of this row's form, after a refused change.
    pub errors: Vec<String>,
}

/// A status filter link.
pub struct FilterLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// One line of the enrolling report.
pub struct ReportLine {
    pub target: String,
    pub class: &'static str,
    pub result: String,
}

#[derive(Template)]
#[template(path = "roster/show.html")]
struct RosterPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    rows: Vec<RosterRow>,
    filters: Vec<FilterLink>,
    filtered: bool,
    filter: &'static str,
    current_page: u64,
    pager: Pager,
    past_last: Option<String>,
    statuses: Vec<(&'static str, String)>,
    emails: String,
    emails_error: Option<String>,
    report: Vec<ReportLine>,
    report_summary: Option<String>,
    form_error: Option<String>,
}

/// `?status=` and `?page=`, as typed: an unknown status is no filter.
fn query(uri: &Uri) -> (Option<EnrolmentState>, Option<u64>) {
    let mut status = None;
    let mut page = None;
    for (name, value) in url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()) {
        match &*name {
            "status" => status = EnrolmentState::parse(value.trim()),
            "page" => page = value.trim().parse().ok(),
            _ => {}
        }
    }
    (status, page)
}

fn href(course: Uuid, status: Option<EnrolmentState>, page: u64) -> String {
    let mut out = roster_path(course);
    let mut sep = '?';
    if let Some(s) = status {
        out.push_str(&format!("{sep}status={}", s.as_str()));
        sep = '&';
    }
    if page > 1 {
        out.push_str(&format!("{sep}page={page}"));
    }
    out
}

/// What the page shows besides the list: the enrolling form and report, a row's errors.
#[derive(Default)]
struct Extras {
    emails: String,
    emails_error: Option<String>,
    report: Vec<EnrolReportLine>,
    row_errors: Option<(Uuid, Vec<String>)>,
    form_error: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: Page,
    actor: &Actor,
    id: Uuid,
    status: Option<EnrolmentState>,
    page: Option<u64>,
    extras: Extras,
    code: StatusCode,
) -> Result<Response, PageError> {
    let request = PageRequest::new(page, None);
    let found = enrolments::roster(state, actor, id, status, request).await?;
    let course = courses::show(state, Some(actor), id).await?;
    let pagination = found.pagination;
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| href(id, status, pagination.total_pages.max(1)));
    let pager = Pager::new(
        &ctx,
        "roster-pagination",
        ctx.t("roster-pagination-label"),
        &pagination,
        found.items.len(),
        |p| href(id, status, p),
    );
    let rows = found
        .items
        .iter()
        .map(|e| row(&ctx, e, &extras.row_errors))
        .collect();
    let mut filters = vec![FilterLink {
        href: roster_path(id),
        label: ctx.t("roster-filter-all"),
        current: status.is_none(),
    }];
    filters.extend(EnrolmentState::ALL.iter().map(|s| FilterLink {
        href: href(id, Some(*s), 1),
        label: ctx.label(s),
        current: status == Some(*s),
    }));
    let statuses = EnrolmentState::ALL
        .iter()
        .map(|s| (s.as_str(), ctx.label(s)))
        .collect();
    let report_summary = (!extras.report.is_empty()).then(|| {
        let enrolled = extras
            .report
            .iter()
            .filter(|l| l.result == EnrolResult::Enrolled)
            .count() as u64;
        ctx.t2(
            "roster-report-summary",
            "count",
            ctx.number(&enrolled),
            "total",
            ctx.number(&(extras.report.len() as u64)),
        )
    });
    let report = extras
        .report
        .iter()
        .map(|l| ReportLine {
            target: match &l.target {
                EnrolTarget::Email(e) => e.clone(),
                EnrolTarget::UserId(u) => u.to_string(),
            },
            class: match l.result {
                EnrolResult::Enrolled => "success",
                EnrolResult::AlreadyEnrolled => "info",
                EnrolResult::Suspended | EnrolResult::Full | EnrolResult::Repeated => "warning",
                EnrolResult::NoTrainee | EnrolResult::Invalid => "danger",
            },
            result: ctx.label(&l.result),
        })
        .collect();
    page::render(
        code,
        &RosterPage {
            ctx,
            course_id: id,
            course_title: course.title,
            rows,
            filters,
            filtered: status.is_some(),
            filter: status.map_or("", EnrolmentState::as_str),
            current_page: pagination.current_page,
            pager,
            past_last,
            statuses,
            emails: extras.emails,
            emails_error: extras.emails_error,
            report,
            report_summary,
            form_error: extras.form_error,
        },
    )
}

fn row(ctx: &Page, e: &RosterEntry, errors: &Option<(Uuid, Vec<String>)>) -> RosterRow {
    let t = &e.trainee;
    let progress = e.enrollment.progress.round().to_u64().unwrap_or(0).min(100);
    let initials: String = [&t.first_name, &t.last_name]
        .iter()
        .filter_map(|s| s.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let apart = initials.chars().any(crate::web::i18n::is_arabic);
    RosterRow {
        enrolment: e.enrollment.id,
        name: format!("{} {}", t.first_name, t.last_name),
        initials: if apart {
            initials
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join("\u{2009}")
        } else {
            initials
        },
        email: t.email.clone(),
        email_parts: ctx.email_parts(&t.email),
        progress,
        progress_text: ctx.t1("roster-progress-value", "value", ctx.number(&progress)),
        last_activity: e
            .last_activity_at
            .map_or_else(|| ctx.t("roster-never"), |at| ctx.date_time(&at)),
        status: e.enrollment.status.as_str(),
        status_label: ctx.label(&e.enrollment.status),
        status_class: status_class(e.enrollment.status),
        grade: e.enrollment.grade.clone().unwrap_or_default(),
        notes: e.enrollment.notes.clone().unwrap_or_default(),
        errors: match errors {
            Some((id, list)) if *id == e.enrollment.id => list.clone(),
            _ => Vec::new(),
        },
    }
}

/// `GET /teach/courses/{id}/roster` (the course's trainer, super admins).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    uri: Uri,
) -> Result<Response, PageError> {
    let (status, page) = query(&uri);
    let actor = actor(&who);
    render(
        &state,
        ctx,
        &actor,
        id,
        status,
        page,
        Extras::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EnrolValues {
    emails: String,
}

/// Addresses one per line, or separated by commas, semicolons or spaces.
fn addresses(raw: &str) -> Vec<String> {
    raw.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `POST /teach/courses/{id}/roster` (the course's trainer, super admins): enrols the
/// addresses and shows what became of each.
pub async fn enrol(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<EnrolValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let form = EnrolOthersForm {
        user_ids: Vec::new(),
        emails: addresses(&values.emails),
    };
    match enrolments::enrol_others(&state, &actor, id, &form).await {
        Ok(report) => {
            let extras = Extras {
                report,
                ..Extras::default()
            };
            render(&state, ctx, &actor, id, None, None, extras, StatusCode::OK).await
        }
        Err(AppError::Validation(errors)) => {
            let message = FormErrors::from_fields(ctx.locale, &errors, &["emails"])
                .of("emails")
                .join(" ");
            let extras = Extras {
                emails: values.emails,
                emails_error: Some(message),
                ..Extras::default()
            };
            render(
                &state,
                ctx,
                &actor,
                id,
                None,
                None,
                extras,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeValues {
    enrolment: String,
    status: String,
    grade: String,
    notes: String,
    page: String,
    filter: String,
}

/// `POST /teach/courses/{id}/enrolments` (the course's trainer, super admins): one
/// enrolment's status, grade and notes, from its row's form.
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<ChangeValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    // The roster answers first: only the course's trainer goes further.
    enrolments::roster(&state, &actor, id, None, PageRequest::new(None, Some(1))).await?;
    let filter = EnrolmentState::parse(values.filter.trim());
    let page = values.page.trim().parse().ok();
    let Ok(enrolment) = Uuid::parse_str(values.enrolment.trim()) else {
        return Err(AppError::NotFound.into());
    };
    let form = EnrolmentForm {
        status: Some(values.status.trim().to_owned()),
        grade: Some(Some(values.grade.clone())),
        notes: Some(Some(values.notes.clone())),
    };
    match enrolments::update(&state, &actor, enrolment, form).await {
        Ok(updated) if updated.course_id == id => Ok(flash::redirect_with(
            &format!(
                "{}#enrolment-{enrolment}",
                href(id, filter, page.unwrap_or(1))
            ),
            Flash::EnrolmentUpdated,
            ctx.secure,
        )),
        Ok(_) => Err(AppError::NotFound.into()),
        Err(AppError::Validation(errors)) => {
            let fields =
                FormErrors::from_fields(ctx.locale, &errors, &["status", "grade", "notes"]);
            let list = ["status", "grade", "notes"]
                .iter()
                .flat_map(|f| fields.of(f).to_vec())
                .collect();
            let extras = Extras {
                row_errors: Some((enrolment, list)),
                form_error: Some(ctx.t("roster-change-refused")),
                ..Extras::default()
            };
            render(
                &state,
                ctx,
                &actor,
                id,
                filter,
                page,
                extras,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Denied(reason)) if reason.is_conflict() => {
            let extras = Extras {
                form_error: Some(ctx.t(crate::web::errors::denied_key(reason))),
                ..Extras::default()
            };
            render(
                &state,
                ctx,
                &actor,
                id,
                filter,
                page,
                extras,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /teach/courses/{id}/enrolments`: the form's address, opened: the roster.
pub async fn to_roster(Path(id): Path<Uuid>) -> Response {
    Redirect::to(&roster_path(id)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_split_on_lines_commas_and_spaces() {
        assert_eq!(
            addresses(" a@x.org,b@x.org\r\n\nc@x.org ;  d@x.org\te@x.org "),
            ["a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"]
        );
        assert!(addresses(" ,\n ").is_empty());
    }

    #[test]
    fn every_status_and_result_is_worded_in_both_languages() {
        use crate::web::i18n::Locale;
        let results = [
            EnrolResult::Enrolled,
            EnrolResult::AlreadyEnrolled,
            EnrolResult::Suspended,
            EnrolResult::Full,
            EnrolResult::NoTrainee,
            EnrolResult::Invalid,
            EnrolResult::Repeated,
        ];
        for locale in Locale::ALL {
            for s in EnrolmentState::ALL {
                assert_ne!(locale.t(s.key()), s.key());
            }
            for r in results {
                assert_ne!(locale.t(r.key()), r.key());
            }
        }
    }
}
