//! `GET /teach/courses/{id}/outline`: the outline editor of a course. The outline with
//! its move, edit and delete buttons on one side; beside it, adding content (a type
//! picker) and adding a section. The forms that add things answer with this page and
//! their errors.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::content::ContentKind;
use crate::domain::policy::Actor;
use crate::services::outline;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::{FormErrors, Path};
use crate::web::outline::fields::EditorField;
use crate::web::outline::icons::{self, Icon};
use crate::web::outline::{Shell, kind_hint, kind_label};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;

/// The add-section form, as typed.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionValues {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub is_published: Option<String>,
}

impl Default for SectionValues {
    fn default() -> Self {
        SectionValues {
            title: String::new(),
            description: String::new(),
            is_published: Some("true".to_owned()),
        }
    }
}

/// The add-content form (the type picker), as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewContentValues {
    #[serde(default, rename = "type")]
    pub kind: String,
    /// Not `title`: the add-section form beside it has one, and their errors must not mix.
    #[serde(default, rename = "newTitle")]
    pub title: String,
    #[serde(default)]
    pub section_id: String,
}

/// What the page's two forms hold: empty, or as sent with their errors.
#[derive(Debug, Clone, Default)]
pub struct AddForms {
    pub section: SectionValues,
    pub content: NewContentValues,
    pub errors: FormErrors,
}

/// One tile of the type picker.
#[derive(Debug, Clone)]
pub struct KindChoice {
    pub value: &'static str,
    pub label: String,
    pub hint: String,
    pub icon: Icon,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "outline/show.html")]
struct OutlinePage {
    ctx: Page,
    shell: Shell,
    /// A message about the page as a whole (a move that could not be made).
    notice: Option<String>,
    errors: FormErrors,
    /// Every field, for the error summary.
    fields: Vec<EditorField>,
    section_fields: Vec<EditorField>,
    content_fields: Vec<EditorField>,
    kinds: Vec<KindChoice>,
    kind_errors: Vec<String>,
}

/// The outline page with its forms as given.
pub async fn render(
    state: &AppState,
    status: StatusCode,
    ctx: Page,
    actor: &Actor,
    course: Uuid,
    forms: AddForms,
) -> Result<Response, PageError> {
    let outline = outline::author_outline(state, actor, course).await?;
    let shell = Shell::new(&ctx, &outline, None);
    let AddForms {
        section,
        content,
        errors,
    } = forms;
    let section_fields = vec![
        EditorField::new("section-title", "title", ctx.t("field-title"), "text")
            .required()
            .value(&section.title)
            .errors(&errors),
        EditorField::new(
            "section-description",
            "description",
            ctx.t("field-description"),
            "textarea",
        )
        .rows(3)
        .value(&section.description)
        .errors(&errors),
        EditorField::new(
            "section-published",
            "isPublished",
            ctx.t("field-section-published"),
            "checkbox",
        )
        .hint(ctx.t("hint-section-published"))
        .checked(section.is_published.is_some())
        .errors(&errors),
    ];
    let content_fields = vec![
        EditorField::new(
            "new-content-title",
            "newTitle",
            ctx.t("field-title"),
            "text",
        )
        .hint(ctx.t("hint-new-content-title"))
        .value(&content.title)
        .errors(&errors),
        EditorField::new(
            "new-content-section",
            "sectionId",
            ctx.t("field-section"),
            "select",
        )
        .choices(shell.section_choices.clone())
        .value(&content.section_id)
        .errors(&errors),
    ];
    let kinds = ContentKind::ALL
        .into_iter()
        .map(|kind| KindChoice {
            value: kind.as_str(),
            label: kind_label(&ctx, kind),
            hint: kind_hint(&ctx, kind),
            icon: icons::kind(kind),
            checked: content.kind == kind.as_str(),
        })
        .collect();
    let kind_errors = errors.of("type").to_vec();
    let mut fields: Vec<EditorField> = content_fields
        .iter()
        .chain(&section_fields)
        .cloned()
        .collect();
    // The picker is a group of radios: the summary links to the first.
    if !kind_errors.is_empty() {
        let mut picker = EditorField::new(
            "new-type-video",
            "type",
            ctx.t("field-content-type"),
            "radio",
        );
        picker.errors = kind_errors.clone();
        fields.insert(0, picker);
    }
    let notice = errors.form.clone();
    page::render(
        status,
        &OutlinePage {
            ctx,
            shell,
            notice,
            errors,
            fields,
            section_fields,
            content_fields,
            kinds,
            kind_errors,
        },
    )
}

/// `?section=<id>` (from a section's "Add content" link) picks that section in the
/// add-content form.
fn chosen_section(uri: &Uri) -> String {
    url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "section")
        .and_then(|(_, value)| Uuid::parse_str(&value).ok())
        .map(|id| id.to_string())
        .unwrap_or_default()
}

/// `GET /teach/courses/{id}/outline` (the course's trainer, super admins).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    uri: Uri,
) -> Result<Response, PageError> {
    let forms = AddForms {
        content: NewContentValues {
            section_id: chosen_section(&uri),
            ..NewContentValues::default()
        },
        ..AddForms::default()
    };
    render(&state, StatusCode::OK, ctx, &super::actor(&who), id, forms).await
}
