//! The course form: `GET/POST /teach/courses/new` creates a course, `GET/POST
//! /teach/courses/{id}` is its editor: the details form, and beside it the cover, the
//! publishing checklist with publish or unpublish, and delete.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::actions::{self, Confirm};
use super::{CourseView, cover::Cover};
use crate::domain::course::{Course, CourseCard, CourseForm, Level};
use crate::domain::policy::{self, Actor};
use crate::error::AppError;
use crate::services::courses;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Choice, Field, Form, FormErrors, Path};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;
use crate::web::upload;

/// The details form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CourseValues {
    title: String,
    short_description: String,
    description: String,
    learning_outcomes: String,
    requirements: String,
    level: String,
    category: String,
    tags: String,
    duration: String,
    price: String,
    max_students: String,
    start_date: String,
    end_date: String,
}

/// The fields of `CourseForm` the form sets (a trainer's: not featuring nor the trainer).
pub const FIELDS: [&str; 13] = [
    "title",
    "shortDescription",
    "description",
    "learningOutcomes",
    "requirements",
    "level",
    "category",
    "tags",
    "duration",
    "price",
    "maxStudents",
    "startDate",
    "endDate",
];

/// Digits as a phone's Arabic keyboard types them (`١٢٫٥`), read as `12.5`.
fn western_digits(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{066B}' | ',' => '.',
            c => c,
        })
        .collect()
}

/// A whole number field: empty clears it; anything that is not a whole number is sent as
/// 0, which the domain refuses with "a number of 1 or more".
fn whole(raw: &str) -> Option<Option<i64>> {
    let raw = western_digits(raw);
    if raw.is_empty() {
        Some(None)
    } else {
        Some(Some(raw.parse().unwrap_or(0)))
    }
}

impl CourseValues {
    pub fn of(course: &Course) -> CourseValues {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let number = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
        let date = |v: Option<chrono::NaiveDate>| {
            v.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        CourseValues {
            title: course.title.clone(),
            short_description: text(&course.short_description),
            description: course.description.clone(),
            learning_outcomes: text(&course.learning_outcomes),
            requirements: text(&course.requirements),
            level: course.level.as_str().to_owned(),
            category: text(&course.category),
            tags: course.tags.join(", "),
            duration: number(course.duration),
            price: if course.price.0.is_zero() {
                String::new()
            } else {
                course.price.to_string()
            },
            max_students: number(course.max_students),
            start_date: date(course.start_date),
            end_date: date(course.end_date),
        }
    }

    /// What the domain checks: every field named, an empty optional one cleared (an
    /// empty price is a free course).
    pub fn form(&self) -> CourseForm {
        let text = |v: &str| Some(Some(v.to_owned()));
        let price = western_digits(&self.price);
        CourseForm {
            title: Some(self.title.clone()),
            description: Some(self.description.clone()),
            short_description: text(&self.short_description),
            price: Some((!price.is_empty()).then_some(serde_json::Value::String(price))),
            level: Some(self.level.clone()),
            category: text(&self.category),
            tags: Some(Some(
                self.tags
                    .split([',', '\u{060C}'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
            )),
            max_students: whole(&self.max_students),
            start_date: text(&self.start_date),
            end_date: text(&self.end_date),
            duration: whole(&self.duration),
            requirements: text(&self.requirements),
            learning_outcomes: text(&self.learning_outcomes),
            trainer_id: None,
            is_featured: None,
        }
    }
}

/// Fields under one heading of the form.
#[derive(Debug, Clone)]
pub struct Group {
    pub legend: String,
    pub fields: Vec<Field>,
}

fn level_choices(ctx: &Page) -> Vec<Choice> {
    Level::ALL
        .into_iter()
        .map(|level| Choice {
            value: level.as_str(),
            label: ctx.label(&level),
        })
        .collect()
}

/// The form's fields, in their groups.
pub fn groups(ctx: &Page, v: &CourseValues, errors: &FormErrors) -> Vec<Group> {
    let field = |id, name, label: &str, kind| Field::new(id, name, ctx.t(label), kind);
    let level = if v.level.is_empty() {
        "beginner"
    } else {
        v.level.as_str()
    };
    vec![
        Group {
            legend: ctx.t("editor-group-about"),
            fields: vec![
                field("course-title", "title", "course-field-title", "text")
                    .auto_dir()
                    .value(&v.title)
                    .errors(errors),
                field(
                    "course-short-description",
                    "shortDescription",
                    "course-field-short-description",
                    "textarea",
                )
                .optional()
                .auto_dir()
                .hint(ctx.t("course-hint-short-description"))
                .value(&v.short_description)
                .errors(errors),
                field(
                    "course-description",
                    "description",
                    "course-field-description",
                    "textarea",
                )
                .auto_dir()
                .hint(ctx.t("course-hint-description"))
                .value(&v.description)
                .errors(errors),
            ],
        },
        Group {
            legend: ctx.t("editor-group-learning"),
            fields: vec![
                field(
                    "course-learning-outcomes",
                    "learningOutcomes",
                    "course-outcomes",
                    "textarea",
                )
                .optional()
                .auto_dir()
                .hint(ctx.t("course-hint-lines"))
                .value(&v.learning_outcomes)
                .errors(errors),
                field(
                    "course-requirements",
                    "requirements",
                    "course-requirements",
                    "textarea",
                )
                .optional()
                .auto_dir()
                .hint(ctx.t("course-hint-lines"))
                .value(&v.requirements)
                .errors(errors),
            ],
        },
        Group {
            legend: ctx.t("editor-group-details"),
            fields: vec![
                field("course-level", "level", "course-level", "select")
                    .choices(level_choices(ctx))
                    .value(level)
                    .errors(errors),
                field("course-category", "category", "course-category", "text")
                    .optional()
                    .auto_dir()
                    .value(&v.category)
                    .errors(errors),
                field("course-tags", "tags", "course-field-tags", "text")
                    .optional()
                    .auto_dir()
                    .hint(ctx.t("course-hint-tags"))
                    .value(&v.tags)
                    .errors(errors),
                field(
                    "course-duration",
                    "duration",
                    "course-field-duration",
                    "text",
                )
                .optional()
                .inputmode("numeric")
                .hint(ctx.t("course-hint-duration"))
                .value(&v.duration)
                .errors(errors),
            ],
        },
        Group {
            legend: ctx.t("editor-group-enrolment"),
            fields: vec![
                field("course-price", "price", "course-price", "text")
                    .optional()
                    .inputmode("decimal")
                    .hint(ctx.t("course-hint-price"))
                    .value(&v.price)
                    .errors(errors),
                field(
                    "course-max-students",
                    "maxStudents",
                    "course-field-max-students",
                    "text",
                )
                .optional()
                .inputmode("numeric")
                .hint(ctx.t("course-hint-max-students"))
                .value(&v.max_students)
                .errors(errors),
                field(
                    "course-start-date",
                    "startDate",
                    "course-field-start-date",
                    "date",
                )
                .optional()
                .value(&v.start_date)
                .errors(errors),
                field(
                    "course-end-date",
                    "endDate",
                    "course-field-end-date",
                    "date",
                )
                .optional()
                .value(&v.end_date)
                .errors(errors),
            ],
        },
    ]
}

fn flat(groups: &[Group]) -> Vec<Field> {
    groups.iter().flat_map(|g| g.fields.clone()).collect()
}

#[derive(Template)]
#[template(path = "courses/new.html")]
struct NewPage {
    ctx: Page,
    errors: FormErrors,
    fields: Vec<Field>,
    groups: Vec<Group>,
}

fn new_page(
    status: StatusCode,
    ctx: Page,
    values: &CourseValues,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let groups = groups(&ctx, values, &errors);
    let fields = flat(&groups);
    page::render(
        status,
        &NewPage {
            ctx,
            errors,
            fields,
            groups,
        },
    )
}

/// `GET /teach/courses/new` (trainers and super admins).
pub async fn new(ctx: Page, PageUser(who): PageUser) -> Result<Response, PageError> {
    policy::create_course(&super::actor(&who)).map_err(AppError::from)?;
    new_page(
        StatusCode::OK,
        ctx,
        &CourseValues::default(),
        FormErrors::default(),
    )
}

/// `POST /teach/courses/new` (trainers and super admins): the new course, a draft of the
/// caller's, opens in its editor.
pub async fn create(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Form(values): Form<CourseValues>,
) -> Result<Response, PageError> {
    match courses::create(&state, &super::actor(&who), &values.form()).await {
        Ok(course) => Ok(flash::redirect_with(
            &super::editor_path(course.id),
            Flash::CourseCreated,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let errors = FormErrors::from_fields(ctx.locale, &fields, &FIELDS);
            new_page(StatusCode::UNPROCESSABLE_ENTITY, ctx, &values, errors)
        }
        Err(other) => Err(other.into()),
    }
}

/// One item of the publishing checklist.
#[derive(Debug, Clone)]
pub struct CheckItem {
    pub label: String,
    /// Done, or still to do.
    pub done: bool,
    /// Suggested rather than required.
    pub optional: bool,
}

/// What publishing asks for: a title and a description (a course cannot be saved without
/// them, so they are always ticked), at least one content learners will see (read from the
/// curriculum, the summary of the learner's outline), and a cover, suggested.
pub fn checklist(ctx: &Page, course: &Course) -> Vec<CheckItem> {
    let has_lesson = course.curriculum.as_array().is_some_and(|sections| {
        sections
            .iter()
            .any(|s| s["contents"].as_array().is_some_and(|c| !c.is_empty()))
    });
    vec![
        CheckItem {
            label: ctx.t("checklist-title"),
            done: !course.title.trim().is_empty(),
            optional: false,
        },
        CheckItem {
            label: ctx.t("checklist-description"),
            done: !course.description.trim().is_empty(),
            optional: false,
        },
        CheckItem {
            label: ctx.t("checklist-content"),
            done: has_lesson,
            optional: false,
        },
        CheckItem {
            label: ctx.t("checklist-cover"),
            done: course.thumbnail.is_some(),
            optional: true,
        },
    ]
}

/// A message at the top of the editor (a refused delete).
#[derive(Debug, Clone)]
pub struct Notice {
    pub text: String,
}

#[derive(Template)]
#[template(path = "courses/edit.html")]
struct EditPage {
    ctx: Page,
    course: CourseView,
    notice: Option<Notice>,
    errors: FormErrors,
    /// Every field of the page, for the error summary.
    fields: Vec<Field>,
    groups: Vec<Group>,
    cover_fields: Vec<Field>,
    cover: Cover,
    checklist: Vec<CheckItem>,
    unpublish: Confirm,
    delete: Confirm,
}

/// What the editor shows besides the course: the form's values and errors, a notice.
pub struct EditState {
    pub values: CourseValues,
    pub errors: FormErrors,
    pub notice: Option<Notice>,
}

impl EditState {
    pub fn of(course: &Course) -> EditState {
        EditState {
            values: CourseValues::of(course),
            errors: FormErrors::default(),
            notice: None,
        }
    }
}

/// Renders the editor of `course`.
pub fn render(
    state: &AppState,
    status: StatusCode,
    ctx: Page,
    course: &Course,
    edit: EditState,
) -> Result<Response, PageError> {
    let groups = groups(&ctx, &edit.values, &edit.errors);
    let max = state.config.uploads.thumbnail_max_bytes;
    let cover_fields = vec![
        Field::new(
            "course-cover-file",
            "thumbnail",
            ctx.t("course-field-cover"),
            "file",
        )
        .accept("image/jpeg,image/png,image/webp")
        .hint(ctx.t1("course-hint-cover", "size", upload::megabytes(&ctx, max)))
        .errors(&edit.errors),
    ];
    let fields = flat(&groups)
        .into_iter()
        .chain(cover_fields.clone())
        .collect();
    let view = CourseView::new(&ctx, &CourseCard::from(course), "editor");
    let page = EditPage {
        cover: view.cover.clone(),
        checklist: checklist(&ctx, course),
        unpublish: actions::confirm(&ctx, course, actions::Action::Unpublish),
        delete: actions::confirm(&ctx, course, actions::Action::Delete),
        course: view,
        notice: edit.notice,
        errors: edit.errors,
        fields,
        groups,
        cover_fields,
        ctx,
    };
    page::render(status, &page)
}

/// `GET /teach/courses/{id}` (the course's trainer and super admins).
pub async fn edit(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let course = courses::for_editor(&state, &super::actor(&who), id).await?;
    render(&state, StatusCode::OK, ctx, &course, EditState::of(&course))
}

/// `POST /teach/courses/{id}` (the course's trainer and super admins): saves the details.
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<CourseValues>,
) -> Result<Response, PageError> {
    let actor: Actor = super::actor(&who);
    match courses::update(&state, &actor, id, &values.form()).await {
        Ok(course) => Ok(flash::redirect_with(
            &super::editor_path(course.id),
            Flash::CourseSaved,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let course = courses::for_editor(&state, &actor, id).await?;
            let edit = EditState {
                errors: FormErrors::from_fields(ctx.locale, &fields, &FIELDS),
                values,
                notice: None,
            };
            render(&state, StatusCode::UNPROCESSABLE_ENTITY, ctx, &course, edit)
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::course::CourseChanges;

    #[test]
    fn typed_values_become_the_domain_form() {
        let values = CourseValues {
            title: "Fire safety".into(),
            description: "Stay safe.".into(),
            price: "١٩٫٩٩".into(),
            duration: "90".into(),
            max_students: "".into(),
            tags: "fire, safety، ,".into(),
            level: "advanced".into(),
            ..CourseValues::default()
        };
        let changes = CourseChanges::parse_new(&values.form()).unwrap();
        assert_eq!(changes.price.unwrap().to_string(), "19.99");
        assert_eq!(changes.duration, Some(Some(90)));
        assert_eq!(changes.max_students, Some(None));
        assert_eq!(
            changes.tags,
            Some(vec!["fire".to_owned(), "safety".to_owned()])
        );
        assert_eq!(changes.short_description, Some(None));

        // An empty price is a free course; a number that is not whole is refused.
        let values = CourseValues {
            price: " ".into(),
            duration: "1.5".into(),
            ..values
        };
        let errors = CourseChanges::parse_new(&values.form()).unwrap_err();
        assert!(errors.get("duration").is_some());
        assert!(errors.get("price").is_none());
    }
}
