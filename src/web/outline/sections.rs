//! Sections: `POST /teach/courses/{id}/sections` (add), `GET/POST /teach/sections/{id}`
//! (edit), `GET/POST /teach/sections/{id}/delete` (confirm; its contents move to "no
//! section"), `POST /teach/courses/{id}/sections/order` (the full new order, from a move
//! button or the drag script).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::domain::content::{OrderForm, Section, SectionForm};
use crate::error::AppError;
use crate::services::outline;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, FormErrors, Path};
use crate::web::outline::confirm::{self, Confirm};
use crate::web::outline::fields::{EditorField, form_errors};
use crate::web::outline::icons;
use crate::web::outline::show::{self, AddForms, SectionValues};
use crate::web::outline::{Shell, actor, outline_path};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

const FIELDS: [(&str, &str); 3] = [
    ("title", "title"),
    ("description", "description"),
    ("isPublished", "isPublished"),
];

impl SectionValues {
    fn of(section: &Section) -> SectionValues {
        SectionValues {
            title: section.title.clone(),
            description: section.description.clone().unwrap_or_default(),
            is_published: section.is_published.then(|| "true".to_owned()),
        }
    }

    fn form(&self) -> SectionForm {
        SectionForm {
            title: Some(self.title.clone()),
            description: Some(Some(self.description.clone())),
            is_published: Some(self.is_published.is_some()),
        }
    }
}

/// Where a section is in the outline page.
fn section_anchor(course: Uuid, section: Uuid) -> String {
    format!("{}#section-{section}", outline_path(course))
}

/// `GET /teach/courses/{id}/sections` (the course's trainer, super admins): the add form's
/// address opened as a page leads to the outline.
pub async fn to_outline(
    State(state): State<AppState>,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    outline::author_outline(&state, &actor(&who), id).await?;
    Ok(Redirect::to(&format!("{}#add-section", outline_path(id))).into_response())
}

/// `POST /teach/courses/{id}/sections` (the course's trainer, super admins).
pub async fn create(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<SectionValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    match outline::create_section(&state, &actor, id, &values.form()).await {
        Ok(section) => Ok(flash::redirect_with(
            &section_anchor(id, section.id),
            Flash::SectionCreated,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let errors = form_errors(ctx.locale, &fields, &FIELDS);
            let forms = AddForms {
                section: values,
                errors,
                ..AddForms::default()
            };
            show::render(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                &actor,
                id,
                forms,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "outline/section.html")]
struct SectionPage {
    ctx: Page,
    shell: Shell,
    section: Section,
    errors: FormErrors,
    fields: Vec<EditorField>,
}

fn section_page(
    status: StatusCode,
    ctx: Page,
    shell: Shell,
    section: Section,
    values: &SectionValues,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let fields = vec![
        EditorField::new("section-title", "title", ctx.t("field-title"), "text")
            .required()
            .value(&values.title)
            .errors(&errors),
        EditorField::new(
            "section-description",
            "description",
            ctx.t("field-description"),
            "textarea",
        )
        .rows(4)
        .value(&values.description)
        .errors(&errors),
        EditorField::new(
            "section-published",
            "isPublished",
            ctx.t("field-section-published"),
            "checkbox",
        )
        .hint(ctx.t("hint-section-published"))
        .checked(values.is_published.is_some())
        .errors(&errors),
    ];
    page::render(
        status,
        &SectionPage {
            ctx,
            shell,
            section,
            errors,
            fields,
        },
    )
}

/// `GET /teach/sections/{id}` (the course's trainer, super admins).
pub async fn edit(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let (section, outline) = outline::author_section(&state, &actor(&who), id).await?;
    let shell = Shell::new(&ctx, &outline, None);
    let values = SectionValues::of(&section);
    section_page(
        StatusCode::OK,
        ctx,
        shell,
        section,
        &values,
        FormErrors::default(),
    )
}

/// `POST /teach/sections/{id}` (the course's trainer, super admins).
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<SectionValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    match outline::update_section(&state, &actor, id, &values.form()).await {
        Ok(section) => Ok(flash::redirect_with(
            &section_anchor(section.course_id, section.id),
            Flash::SectionSaved,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let (section, outline) = outline::author_section(&state, &actor, id).await?;
            let shell = Shell::new(&ctx, &outline, None);
            let errors = form_errors(ctx.locale, &fields, &FIELDS);
            section_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                shell,
                section,
                &values,
                errors,
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /teach/sections/{id}/delete` (the course's trainer, super admins): the
/// confirmation.
pub async fn confirm_delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let (section, outline) = outline::author_section(&state, &actor(&who), id).await?;
    let count = outline
        .contents
        .iter()
        .filter(|c| c.section_id == Some(id))
        .count();
    let shell = Shell::new(&ctx, &outline, None);
    let name = ctx.isolate(&section.title);
    let mut text = vec![ctx.t1("section-delete-text", "name", &name)];
    text.push(if count == 0 {
        ctx.t("section-delete-empty")
    } else {
        ctx.t1(
            "section-delete-contents",
            "count",
            ctx.number(&(count as u64)),
        )
    });
    let confirm = Confirm {
        title: ctx.t1("section-delete-title", "name", &name),
        text,
        action: format!("/teach/sections/{id}/delete"),
        cancel: section_anchor(section.course_id, id),
        label: ctx.t("section-delete"),
        notice: None,
    };
    confirm::render(StatusCode::OK, ctx, shell, confirm)
}

/// `POST /teach/sections/{id}/delete` (the course's trainer, super admins): its contents
/// move to "no section", at its end.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let (section, _) = outline::author_section(&state, &actor, id).await?;
    outline::delete_section(&state, &actor, id).await?;
    Ok(flash::redirect_with(
        &outline_path(section.course_id),
        Flash::SectionDeleted,
        ctx.secure,
    ))
}

/// The fields of an order form: every `ids` in order, the `sectionId` (contents), and the
/// item to show afterwards (`focus`). An id that cannot be read makes the list wrong,
/// which the service refuses.
#[derive(Debug, Clone, Default)]
pub struct OrderValues {
    pub ids: Vec<Uuid>,
    pub section_id: String,
    pub focus: Option<Uuid>,
}

impl OrderValues {
    pub fn parse(pairs: &[(String, String)]) -> OrderValues {
        let mut values = OrderValues::default();
        for (name, value) in pairs {
            match name.as_str() {
                "ids" => values
                    .ids
                    .push(Uuid::parse_str(value.trim()).unwrap_or(Uuid::nil())),
                "sectionId" => values.section_id = value.clone(),
                "focus" => values.focus = Uuid::parse_str(value.trim()).ok(),
                _ => {}
            }
        }
        values
    }
}

/// A reorder that could not be made (the page was out of date): the outline as it is
/// now, saying so.
pub async fn stale_order(
    state: &AppState,
    ctx: Page,
    actor: &crate::domain::policy::Actor,
    course: Uuid,
) -> Result<Response, PageError> {
    let forms = AddForms {
        errors: FormErrors::form(ctx.t("outline-order-stale")),
        ..AddForms::default()
    };
    show::render(
        state,
        StatusCode::UNPROCESSABLE_ENTITY,
        ctx,
        actor,
        course,
        forms,
    )
    .await
}

/// `POST /teach/courses/{id}/sections/order` (the course's trainer, super admins).
pub async fn order(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let values = OrderValues::parse(&pairs);
    let form = OrderForm {
        ids: values.ids,
        section_id: None,
    };
    match outline::order_sections(&state, &actor, id, &form).await {
        Ok(_) => {
            let to = match values.focus {
                Some(section) => section_anchor(id, section),
                None => outline_path(id),
            };
            Ok(flash::redirect_with(&to, Flash::OrderSaved, ctx.secure))
        }
        Err(AppError::Validation(_)) => stale_order(&state, ctx, &actor, id).await,
        Err(other) => Err(other.into()),
    }
}
