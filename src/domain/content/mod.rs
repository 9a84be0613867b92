//! A course's outline: sections, and the contents of the seed's six types in them.
//!
//! - `forms`: what creates or changes a section or a content, every bad field collected;
//! - `quiz`: a quiz's settings (`quizData`) and its questions, with the trainer's view
//!   (answers included) and the learner's (a type per question kind without answer fields).
//!
//! Contents without a section ("no section") come after the sections in the outline. When
//! a section is deleted its contents move there, at the end, in their order: deleting a
//! section never deletes a trainee's lesson.

mod forms;
pub mod quiz;

pub use forms::*;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::file_kind::UploadKind;

/// The seed's `course_contents.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContentKind {
    Document,
    Image,
    Video,
    Article,
    Quiz,
    Certificate,
}

impl ContentKind {
    pub const ALL: [ContentKind; 6] = [
        ContentKind::Video,
        ContentKind::Document,
        ContentKind::Image,
        ContentKind::Article,
        ContentKind::Quiz,
        ContentKind::Certificate,
    ];

    pub fn parse(raw: &str) -> Option<ContentKind> {
        ContentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ContentKind::Document => "document",
            ContentKind::Image => "image",
            ContentKind::Video => "video",
            ContentKind::Article => "article",
            ContentKind::Quiz => "quiz",
            ContentKind::Certificate => "certificate",
        }
    }

    /// The kind of file this type takes, if it takes one.
    pub fn upload(self) -> Option<UploadKind> {
        match self {
            ContentKind::Document => Some(UploadKind::Document),
            ContentKind::Image => Some(UploadKind::Image),
            ContentKind::Video => Some(UploadKind::Video),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub id: Uuid,
    pub course_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub order: i32,
    pub is_published: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An uploaded file of a content, as clients see it (the storage key never leaves the
/// server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContentFile {
    /// Where to download it: `/api/contents/{id}/file`.
    pub url: String,
    pub size: i64,
    /// The type detected from its bytes.
    pub mime_type: String,
    /// The name the uploader's file had (display only).
    pub name: Option<String>,
}

/// A video's captions track (WebVTT), once uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContentCaptions {
    /// Where to fetch it: `/api/contents/{id}/captions` (`text/vtt`).
    pub url: String,
    pub size: i64,
    /// The track's language tag (`en`, `ar-EG`), when the uploader gave one.
    pub language: Option<String>,
}

/// A certificate's text (`certificateTemplate`), with `{{trainee_name}}`,
/// `{{course_title}}`, `{{date}}` and `{{trainer_name}}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CertificateTemplate {
    pub title: String,
    pub body: String,
}

impl Default for CertificateTemplate {
    fn default() -> Self {
        CertificateTemplate {
            title: "Certificate of completion".to_owned(),
            body: "This certifies that {{trainee_name}} completed {{course_title}} on {{date}}. Trainer: {{trainer_name}}.".to_owned(),
        }
    }
}

/// A content item. The same view serves trainers and learners: it holds no answer (those
/// are the questions'); learners are only ever given published ones.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    pub id: Uuid,
    pub course_id: Uuid,
    pub section_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub kind: ContentKind,
    /// Documents, images and videos, once uploaded.
    pub file: Option<ContentFile>,
    /// Videos: the captions track, once uploaded.
    pub captions: Option<ContentCaptions>,
    /// In seconds.
    pub duration: Option<i32>,
    pub order: i32,
    pub is_published: bool,
    pub is_required: bool,
    pub points: i32,
    /// Articles: the text as written.
    pub article_content: Option<String>,
    pub article_format: Option<String>,
    /// Articles: the text rendered and sanitised (safe to put in a page as it is).
    pub article_html: Option<String>,
    pub quiz_data: Option<quiz::QuizSettings>,
    pub certificate_template: Option<CertificateTemplate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What the outline, the curriculum and progress need of a content: where it stands and
/// what it is called, without its text, file or settings (so reading a course's tree
/// never decodes or sanitises an article).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentSummary {
    pub id: Uuid,
    pub section_id: Option<Uuid>,
    pub title: String,
    pub kind: ContentKind,
    pub duration: Option<i32>,
    pub order: i32,
    pub is_published: bool,
    pub is_required: bool,
    pub points: i32,
}

impl From<&Content> for ContentSummary {
    fn from(c: &Content) -> Self {
        ContentSummary {
            id: c.id,
            section_id: c.section_id,
            title: c.title.clone(),
            kind: c.kind,
            duration: c.duration,
            order: c.order,
            is_published: c.is_published,
            is_required: c.is_required,
            points: c.points,
        }
    }
}

/// Where a content sits: enough to decide who may reach it, without its text or files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentPlacement {
    pub id: Uuid,
    pub course_id: Uuid,
    pub kind: ContentKind,
    /// Published, in no section or a published one.
    pub visible_to_learners: bool,
}

impl ContentSummary {
    /// Whether learners see it: published, in no section or a published one.
    pub fn visible_to_learners(&self, sections: &[Section]) -> bool {
        shown(self.is_published, self.section_id, sections)
    }
}

/// One item of the learner's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutlineItem {
    pub id: Uuid,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: ContentKind,
    pub duration: Option<i32>,
    pub is_required: bool,
    pub points: i32,
}

/// A section of the learner's outline; the last one, with no id, holds the contents that
/// are in no section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutlineSection {
    pub id: Option<Uuid>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub contents: Vec<OutlineItem>,
}

/// The learner's tree: published sections in order, each with its published contents in
/// order, then the published contents of no section. Nothing else: no answers, no drafts.
pub fn outline(sections: &[Section], contents: &[ContentSummary]) -> Vec<OutlineSection> {
    let item = |c: &ContentSummary| OutlineItem {
        id: c.id,
        title: c.title.clone(),
        kind: c.kind,
        duration: c.duration,
        is_required: c.is_required,
        points: c.points,
    };
    let in_section = |id: Option<Uuid>| -> Vec<OutlineItem> {
        let mut items: Vec<&ContentSummary> = contents
            .iter()
            .filter(|c| c.is_published && c.section_id == id)
            .collect();
        items.sort_by_key(|c| (c.order, c.id));
        items.into_iter().map(item).collect()
    };
    let mut published: Vec<&Section> = sections.iter().filter(|s| s.is_published).collect();
    published.sort_by_key(|s| (s.order, s.id));
    let mut tree: Vec<OutlineSection> = published
        .into_iter()
        .map(|s| OutlineSection {
            id: Some(s.id),
            title: Some(s.title.clone()),
            description: s.description.clone(),
            contents: in_section(Some(s.id)),
        })
        .collect();
    // Contents whose section is gone or unpublished are not shown; those of no section are.
    let loose = in_section(None);
    if !loose.is_empty() {
        tree.push(OutlineSection {
            id: None,
            title: None,
            description: None,
            contents: loose,
        });
    }
    tree
}

/// `courses.curriculum`: a summary of the learner's tree (ids, titles, types), kept in
/// step with every outline change.
pub fn curriculum(tree: &[OutlineSection]) -> serde_json::Value {
    serde_json::Value::Array(
        tree.iter()
            .map(|s| {
                serde_json::json!({
                    "sectionId": s.id,
                    "title": s.title,
                    "contents": s.contents.iter().map(|c| serde_json::json!({
                        "id": c.id, "title": c.title, "type": c.kind.as_str(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// Whether a content is open to learners: published, in no section or a published one.
pub fn visible_to_learners(content: &Content, sections: &[Section]) -> bool {
    shown(content.is_published, content.section_id, sections)
}

fn shown(is_published: bool, section: Option<Uuid>, sections: &[Section]) -> bool {
    is_published && section.is_none_or(|id| sections.iter().any(|s| s.id == id && s.is_published))
}

/// `ids` with `id` moved one place earlier (`up`) or later: the full order a move button
/// sends. `None` when it is already first (or last), or not in the list.
pub fn moved(ids: &[Uuid], id: Uuid, up: bool) -> Option<Vec<Uuid>> {
    let at = ids.iter().position(|i| *i == id)?;
    let other = if up { at.checked_sub(1)? } else { at + 1 };
    if other >= ids.len() {
        return None;
    }
    let mut order = ids.to_vec();
    order.swap(at, other);
    Some(order)
}

#[cfg(test)]
mod moved_tests {
    use super::*;

    #[test]
    fn a_move_swaps_with_the_neighbour_and_stops_at_the_ends() {
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let ids = [a, b, c];
        assert_eq!(moved(&ids, b, true), Some(vec![b, a, c]));
        assert_eq!(moved(&ids, b, false), Some(vec![a, c, b]));
        assert_eq!(moved(&ids, a, true), None);
        assert_eq!(moved(&ids, c, false), None);
        assert_eq!(moved(&ids, Uuid::now_v7(), true), None);
    }
}
