//! The trainer's course editor, over `services::outline`: the outline page (`show`), the
//! section forms (`sections`), adding, moving and deleting contents (`contents`), the
//! content editor by type (`editor`, `content_form`), with `web::questions` (the quiz
//! editor) and `web::content_files` (uploads).
//!
//! Every page is the course's trainer's and super admins'; the services decide, and
//! anyone else gets the 403 page (or 404 for a course they may not see). Moves and
//! reorders post the full new order (`OrderForm`): the move buttons carry it precomputed,
//! so they work without JavaScript, and the drag script (`assets/js/editor.js`) posts the
//! same forms.

pub mod confirm;
pub mod content_form;
pub mod contents;
pub mod editor;
pub mod fields;
pub mod icons;
pub mod sections;
pub mod show;

use uuid::Uuid;

use crate::domain::content::{Content, ContentKind, Section, moved};
use crate::domain::policy::Actor;
use crate::services::auth::Authenticated;
use crate::services::outline::AuthorOutline;
use crate::web::outline::fields::Choice;
use crate::web::outline::icons::Icon;
use crate::web::page::Page;

pub(crate) fn actor(who: &Authenticated) -> Actor {
    Actor::from(&who.user)
}

/// The outline page of a course.
pub fn outline_path(course: Uuid) -> String {
    format!("/teach/courses/{course}/outline")
}

/// The editor of a content.
pub fn content_path(id: Uuid) -> String {
    format!("/teach/contents/{id}")
}

/// A content type's name, in the page's language.
pub fn kind_label(ctx: &Page, kind: ContentKind) -> String {
    match kind {
        ContentKind::Video => ctx.t("content-kind-video"),
        ContentKind::Document => ctx.t("content-kind-document"),
        ContentKind::Image => ctx.t("content-kind-image"),
        ContentKind::Article => ctx.t("content-kind-article"),
        ContentKind::Quiz => ctx.t("content-kind-quiz"),
        ContentKind::Certificate => ctx.t("content-kind-certificate"),
    }
}

/// What a type is for, under its name in the type picker.
pub fn kind_hint(ctx: &Page, kind: ContentKind) -> String {
    match kind {
        ContentKind::Video => ctx.t("content-kind-video-hint"),
        ContentKind::Document => ctx.t("content-kind-document-hint"),
        ContentKind::Image => ctx.t("content-kind-image-hint"),
        ContentKind::Article => ctx.t("content-kind-article-hint"),
        ContentKind::Quiz => ctx.t("content-kind-quiz-hint"),
        ContentKind::Certificate => ctx.t("content-kind-certificate-hint"),
    }
}

/// A section, as the outline draws it.
#[derive(Debug, Clone)]
pub struct SectionView {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub published: bool,
    pub items: Vec<ItemView>,
    /// The whole order of the sections with this one moved up (down); none at the top
    /// (bottom).
    pub up: Option<Vec<Uuid>>,
    pub down: Option<Vec<Uuid>>,
}

/// A content, as the outline draws it.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub id: Uuid,
    pub title: String,
    pub kind: ContentKind,
    pub kind_label: String,
    pub icon: Icon,
    pub published: bool,
    pub required: bool,
    /// Its section's id, or "" for no section (the value of the move select).
    pub section: String,
    /// The whole order of its section with this one moved up (down).
    pub up: Option<Vec<Uuid>>,
    pub down: Option<Vec<Uuid>>,
    /// The item open in the editor.
    pub current: bool,
}

/// The outline beside every editor page: the course, its sections with their contents,
/// then the contents of no section.
#[derive(Debug, Clone)]
pub struct Shell {
    pub course_id: Uuid,
    pub course_title: String,
    pub course_published: bool,
    pub sections: Vec<SectionView>,
    /// Contents in no section (shown last).
    pub loose: Vec<ItemView>,
    /// "No section" and every section, for the section selects.
    pub section_choices: Vec<Choice>,
    pub content_count: usize,
    pub current: Option<Uuid>,
}

impl Shell {
    pub fn new(ctx: &Page, outline: &AuthorOutline, current: Option<Uuid>) -> Shell {
        let section_ids: Vec<Uuid> = outline.sections.iter().map(|s| s.id).collect();
        let items = |section: Option<Uuid>| -> Vec<ItemView> {
            let in_section: Vec<&Content> = outline
                .contents
                .iter()
                .filter(|c| c.section_id == section)
                .collect();
            let ids: Vec<Uuid> = in_section.iter().map(|c| c.id).collect();
            in_section
                .into_iter()
                .map(|c| ItemView {
                    id: c.id,
                    title: c.title.clone(),
                    kind: c.kind,
                    kind_label: kind_label(ctx, c.kind),
                    icon: icons::kind(c.kind),
                    published: c.is_published,
                    required: c.is_required,
                    section: section.map(|s| s.to_string()).unwrap_or_default(),
                    up: moved(&ids, c.id, true),
                    down: moved(&ids, c.id, false),
                    current: current == Some(c.id),
                })
                .collect()
        };
        let sections = outline
            .sections
            .iter()
            .map(|s: &Section| SectionView {
                id: s.id,
                title: s.title.clone(),
                description: s.description.clone(),
                published: s.is_published,
                items: items(Some(s.id)),
                up: moved(&section_ids, s.id, true),
                down: moved(&section_ids, s.id, false),
            })
            .collect();
        Shell {
            course_id: outline.course.id,
            course_title: outline.course.title.clone(),
            course_published: outline.course.is_published,
            sections,
            loose: items(None),
            section_choices: section_choices(ctx, &outline.sections),
            content_count: outline.contents.len(),
            current,
        }
    }

    pub fn outline_path(&self) -> String {
        outline_path(self.course_id)
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.loose.is_empty()
    }
}

/// "No section" first, then the course's sections in order.
pub fn section_choices(ctx: &Page, sections: &[Section]) -> Vec<Choice> {
    std::iter::once(Choice::new("", ctx.t("outline-no-section")))
        .chain(
            sections
                .iter()
                .map(|s| Choice::new(s.id.to_string(), s.title.clone())),
        )
        .collect()
}

/// A section id as a select sends it: "" is no section; an unreadable id names no
/// section of the course (the service refuses it).
pub fn parse_section(value: &str) -> Option<Uuid> {
    let value = value.trim();
    (!value.is_empty()).then(|| Uuid::parse_str(value).unwrap_or(Uuid::nil()))
}

/// `GET /teach/courses/{id}/sections/order` and `/contents/order` (the course's trainer,
/// super admins): the order forms' addresses opened as pages lead to the outline.
pub async fn order_to_outline(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    crate::web::session::PageUser(who): crate::web::session::PageUser,
    crate::web::form::Path(id): crate::web::form::Path<Uuid>,
) -> Result<axum::response::Response, crate::web::errors::PageError> {
    use axum::response::IntoResponse;
    crate::services::outline::author_outline(&state, &actor(&who), id).await?;
    Ok(axum::response::Redirect::to(&outline_path(id)).into_response())
}
