//! A trainee's own notes on a course, or on one of its lessons: private unless they share
//! them with the course's trainer. Nobody else reads or changes them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::course::{double_option, parse_tags};
use crate::domain::validation::{FieldError, FieldErrors, check_length};

pub const NOTE_MAX: usize = 20_000;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub id: Uuid,
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub content_id: Option<Uuid>,
    pub content: String,
    /// Private notes are the trainee's alone; shared ones the course's trainer reads too.
    pub is_private: bool,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The body of `POST /api/notes` and `PUT /api/notes/{id}` (on update, absent fields stay
/// and `contentId: null` ties the note to the course alone).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoteForm {
    /// Required on create; a note stays in its course.
    pub course_id: Option<Uuid>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub content_id: Option<Option<Uuid>>,
    #[schema(max_length = 20000)]
    pub content: Option<String>,
    pub is_private: Option<bool>,
    #[schema(max_items = 20)]
    pub tags: Option<Vec<String>>,
}

/// A checked `NoteForm`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteChanges {
    pub content_id: Option<Option<Uuid>>,
    pub content: Option<String>,
    pub is_private: Option<bool>,
    pub tags: Option<Vec<String>>,
}

impl NoteForm {
    pub fn parse(&self, creating: bool) -> Result<NoteChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        if creating && self.course_id.is_none() {
            errors.add("courseId", FieldError::Required);
        }
        if !creating && self.course_id.is_some() {
            errors.add("courseId", FieldError::TypeFixed);
        }
        let content = match &self.content {
            None if creating => {
                errors.add("content", FieldError::Required);
                None
            }
            None => None,
            Some(text) => {
                let text = text.trim().to_owned();
                check_length(&mut errors, "content", &text, 1, NOTE_MAX);
                Some(text)
            }
        };
        let tags = self.tags.as_deref().map(|t| parse_tags(&mut errors, t));
        errors.finish(NoteChanges {
            content_id: self.content_id,
            content,
            is_private: self.is_private,
            tags,
        })
    }
}

/// What a list of notes asks for.
#[derive(Debug, Clone, Default)]
pub struct NoteFilter {
    pub course_id: Option<Uuid>,
    pub content_id: Option<Uuid>,
    /// One tag, exactly (any case).
    pub tag: Option<String>,
    /// Words that must appear in the note.
    pub search: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_note_needs_its_course_and_words() {
        let errors = NoteForm::default().parse(true).unwrap_err();
        assert!(errors.get("courseId").is_some() && errors.get("content").is_some());
        let ok = NoteForm {
            course_id: Some(Uuid::nil()),
            content: Some("  Remember the ladder rule. ".into()),
            tags: Some(vec!["safety".into(), "Safety".into()]),
            ..Default::default()
        }
        .parse(true)
        .unwrap();
        assert_eq!(ok.content.as_deref(), Some("Remember the ladder rule."));
        assert_eq!(ok.tags, Some(vec!["safety".to_owned()]));
        let moved = NoteForm {
            course_id: Some(Uuid::nil()),
            ..Default::default()
        };
        assert!(moved.parse(false).unwrap_err().get("courseId").is_some());
    }
}
