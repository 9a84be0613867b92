//! The trainer's side: `GET /teach/courses/{id}/assignments` (a course's assignments and
//! the form that sets a new one, `POST` on the same address) and `GET/POST
//! /teach/assignments/{id}` (its form); deleting is `delete`'s. The course's trainer's and
//! super admins'.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::learner::page_of;
use super::{Facts, actor, teach_list_path};
use crate::domain::assignment::{Assignment, AssignmentForm};
use crate::domain::course::Course;
use crate::domain::pagination::PageRequest;
use crate::error::AppError;
use crate::services::assignments;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Field, Form, FormErrors, Path};
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::session::PageUser;

/// The form as posted: every field a string, read as the domain's form below.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Values {
    title: String,
    description: String,
    due_date: String,
    points: String,
    is_published: String,
    allow_late_submission: String,
}

impl Values {
    fn of(a: &Assignment) -> Values {
        Values {
            title: a.title.clone(),
            description: a.description.clone(),
            due_date: a
                .due_date
                .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            points: a.points.to_string(),
            is_published: if a.is_published { "true" } else { "" }.to_owned(),
            allow_late_submission: if a.allow_late_submission { "true" } else { "" }.to_owned(),
        }
    }

    fn fresh() -> Values {
        Values {
            points: "10".to_owned(),
            ..Values::default()
        }
    }
}

/// Digits typed on an Arabic keyboard, read as western ones.
pub fn western_digits(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{066B}' => '.',
            c => c,
        })
        .collect()
}

/// A `datetime-local` value, read as UTC (the form says so).
fn due_date(raw: &str) -> Result<Option<DateTime<Utc>>, ()> {
    let raw = western_digits(raw);
    if raw.is_empty() {
        return Ok(None);
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&raw, f).ok())
        .map(|n| Some(n.and_utc()))
        .ok_or(())
}

/// The domain's form, and whether the due date could be read (the domain cannot say it).
fn form_of(v: &Values) -> (AssignmentForm, bool) {
    let (due, due_read) = match due_date(&v.due_date) {
        Ok(due) => (Some(due), true),
        Err(()) => (None, false),
    };
    let points = western_digits(&v.points);
    let form = AssignmentForm {
        title: Some(v.title.clone()),
        description: Some(v.description.clone()),
        due_date: due,
        // Not a whole number: out of range, which the domain words.
        points: (!points.is_empty()).then(|| points.parse().unwrap_or(-1)),
        is_published: Some(v.is_published == "true"),
        allow_late_submission: Some(v.allow_late_submission == "true"),
    };
    (form, due_read)
}

const FIELDS: [&str; 4] = ["title", "description", "due_date", "points"];

fn fields(ctx: &Page, v: &Values, errors: &FormErrors) -> Vec<Field> {
    vec![
        Field::new(
            "assignment-title",
            "title",
            ctx.t("classroom-field-title"),
            "text",
        )
        .auto_dir()
        .value(&v.title)
        .errors(errors),
        Field::new(
            "assignment-description",
            "description",
            ctx.t("classroom-field-description"),
            "textarea",
        )
        .auto_dir()
        .hint(ctx.t("classroom-field-description-hint"))
        .value(&v.description)
        .errors(errors),
        Field::new(
            "assignment-due",
            "due_date",
            ctx.t("classroom-field-due"),
            "datetime-local",
        )
        .optional()
        .ltr()
        .hint(ctx.t("classroom-field-due-hint"))
        .value(&v.due_date)
        .errors(errors),
        Field::new(
            "assignment-points",
            "points",
            ctx.t("classroom-field-points"),
            "text",
        )
        .inputmode("numeric")
        .ltr()
        .hint(ctx.t("classroom-field-points-hint"))
        .value(&v.points)
        .errors(errors),
    ]
}

/// One assignment of the trainer's list.
pub struct Row {
    pub id: Uuid,
    pub title: String,
    pub published: bool,
    pub facts: Facts,
}

#[derive(Template)]
#[template(path = "assignments/teach_list.html")]
struct ListPage {
    ctx: Page,
    course: Course,
    rows: Vec<Row>,
    pager: Pager,
    past_last: Option<String>,
    fields: Vec<Field>,
    errors: FormErrors,
    values: Values,
}

fn list_href(course: Uuid, page: u64) -> String {
    if page > 1 {
        format!("{}?page={page}", teach_list_path(course))
    } else {
        teach_list_path(course)
    }
}

/// The new assignment's form as typed, with its errors.
struct Typed {
    values: Values,
    errors: FormErrors,
}

async fn render_list(
    state: &AppState,
    ctx: Page,
    who: &crate::services::auth::Authenticated,
    id: Uuid,
    page: Option<u64>,
    typed: Typed,
    status: StatusCode,
) -> Result<Response, PageError> {
    let Typed { values, errors } = typed;
    let actor = actor(who);
    let course = assignments::course_to_teach(state, &actor, id).await?;
    let found = assignments::list(state, &actor, id, PageRequest::new(page, None)).await?;
    let pagination = found.pagination;
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| list_href(id, pagination.total_pages.max(1)));
    let pager = Pager::new(
        &ctx,
        "assignments-pagination",
        ctx.t("classroom-pagination-label"),
        &pagination,
        found.items.len(),
        |p| list_href(id, p),
    );
    let rows = found
        .items
        .iter()
        .map(|a| Row {
            id: a.id,
            title: a.title.clone(),
            published: a.is_published,
            facts: Facts::of(&ctx, a),
        })
        .collect();
    page::render(
        status,
        &ListPage {
            fields: fields(&ctx, &values, &errors),
            ctx,
            course,
            rows,
            pager,
            past_last,
            errors,
            values,
        },
    )
}

/// `GET /teach/courses/{id}/assignments` (the course's trainer, super admins).
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    uri: Uri,
) -> Result<Response, PageError> {
    let page = page_of(&uri);
    render_list(
        &state,
        ctx,
        &who,
        id,
        page,
        Typed {
            values: Values::fresh(),
            errors: FormErrors::default(),
        },
        StatusCode::OK,
    )
    .await
}

/// The field errors of a refused form, translated.
fn field_errors(ctx: &Page, errors: &crate::domain::validation::FieldErrors) -> FormErrors {
    FormErrors::from_fields(ctx.locale, errors, &FIELDS)
}

/// Checks the form before the service does: a date that is not one is the page's to say.
fn check(ctx: &Page, values: &Values, creating: bool) -> Result<AssignmentForm, FormErrors> {
    let (form, due_read) = form_of(values);
    if due_read {
        return Ok(form);
    }
    let mut errors = match form.parse(creating) {
        Err(fields) => field_errors(ctx, &fields),
        Ok(_) => FormErrors::default(),
    };
    // The domain's date message asks for a day alone; this field takes a time too.
    errors.add("due_date", ctx.t("classroom-due-invalid"));
    Err(errors)
}

/// `POST /teach/courses/{id}/assignments` (the course's trainer, super admins).
pub async fn create(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<Values>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    // Who may not set assignments learns it before any field error.
    assignments::course_to_teach(&state, &actor, id).await?;
    let result = match check(&ctx, &values, true) {
        Err(errors) => Err(errors),
        Ok(form) => match assignments::create(&state, &actor, id, &form).await {
            Ok(_) => Ok(()),
            Err(AppError::Validation(fields)) => Err(field_errors(&ctx, &fields)),
            Err(other) => return Err(other.into()),
        },
    };
    match result {
        Ok(()) => Ok(flash::redirect_with(
            &teach_list_path(id),
            Flash::AssignmentCreated,
            ctx.secure,
        )),
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let typed = Typed { values, errors };
            render_list(&state, ctx, &who, id, None, typed, status).await
        }
    }
}

#[derive(Template)]
#[template(path = "assignments/teach_edit.html")]
struct EditPage {
    ctx: Page,
    course: Course,
    assignment: Assignment,
    fields: Vec<Field>,
    errors: FormErrors,
    values: Values,
}

async fn render_edit(
    state: &AppState,
    ctx: Page,
    who: &crate::services::auth::Authenticated,
    id: Uuid,
    values: Option<Values>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let actor = actor(who);
    let assignment = assignments::show_to_teach(state, &actor, id).await?;
    let course = assignments::course_to_teach(state, &actor, assignment.course_id).await?;
    let values = values.unwrap_or_else(|| Values::of(&assignment));
    page::render(
        status,
        &EditPage {
            fields: fields(&ctx, &values, &errors),
            ctx,
            course,
            assignment,
            errors,
            values,
        },
    )
}

/// `GET /teach/assignments/{id}` (the course's trainer, super admins).
pub async fn edit(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    render_edit(
        &state,
        ctx,
        &who,
        id,
        None,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /teach/assignments/{id}` (the course's trainer, super admins).
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<Values>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let assignment = assignments::show_to_teach(&state, &actor, id).await?;
    let result = match check(&ctx, &values, false) {
        Err(errors) => Err(errors),
        Ok(form) => match assignments::update(&state, &actor, id, &form).await {
            Ok(_) => Ok(()),
            Err(AppError::Validation(fields)) => Err(field_errors(&ctx, &fields)),
            Err(other) => return Err(other.into()),
        },
    };
    match result {
        Ok(()) => Ok(flash::redirect_with(
            &teach_list_path(assignment.course_id),
            Flash::AssignmentSaved,
            ctx.secure,
        )),
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_edit(&state, ctx, &who, id, Some(values), errors, status).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_due_date_is_read_as_utc_in_either_digits() {
        let at = due_date("2026-12-20T17:00").unwrap().unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-20T17:00:00+00:00");
        assert_eq!(due_date("٢٠٢٦-١٢-٢٠T17:00").unwrap(), Some(at));
        assert_eq!(due_date(" ").unwrap(), None);
        assert!(due_date("tomorrow").is_err());
    }
}
