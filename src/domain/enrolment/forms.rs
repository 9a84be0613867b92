//! What a trainer sends to enrol others or to change an enrolment.

use serde::Deserialize;
use uuid::Uuid;

use super::EnrolmentState;
use crate::domain::course::double_option;
use crate::domain::validation::{FieldError, FieldErrors, check_length};

/// At most this many people in one enrolling request.
pub const ENROL_BATCH_MAX: usize = 500;
/// The trainer's notes on an enrolment.
pub const NOTES_MAX: usize = 5_000;

/// The body of `POST /api/courses/{id}/enrollments`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrolOthersForm {
    #[serde(default)]
    pub user_ids: Vec<Uuid>,
    #[serde(default)]
    #[schema(max_items = 500)]
    pub emails: Vec<String>,
}

impl EnrolOthersForm {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let n = self.user_ids.len() + self.emails.len();
        if n == 0 {
            return Err(FieldErrors::one("emails", FieldError::Required));
        }
        if n > ENROL_BATCH_MAX {
            return Err(FieldErrors::one(
                "emails",
                FieldError::TooMany {
                    max: ENROL_BATCH_MAX,
                },
            ));
        }
        Ok(())
    }
}

/// Who an entry of an enrolling request names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub enum EnrolTarget {
    UserId(Uuid),
    Email(String),
}

/// What happened to one entry of an enrolling request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnrolResult {
    /// Enrolled now (or a dropped enrolment renewed).
    Enrolled,
    /// Was enrolled already; nothing changed.
    AlreadyEnrolled,
    /// Is suspended in this course: change the enrolment instead.
    Suspended,
    /// No place left.
    Full,
    /// No active trainee account has this id or address (other accounts are not told
    /// apart, so the report does not reveal who else has an account).
    NoTrainee,
    /// Not an email address.
    Invalid,
    /// Named earlier in the same request.
    Repeated,
}

/// The body of `PUT /api/enrollments/{id}`: absent fields stay, `null` clears grade and
/// notes.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrolmentForm {
    /// enrolled, completed, dropped or suspended.
    pub status: Option<String>,
    /// A to F, with + or - (the seed's VARCHAR(2)).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, example = "B+", pattern = r"^\s*([A-Fa-f][+-]?)?\s*$")]
    pub grade: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub notes: Option<Option<String>>,
}

/// A checked `EnrolmentForm`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnrolmentChanges {
    pub status: Option<EnrolmentState>,
    pub grade: Option<Option<String>>,
    pub notes: Option<Option<String>>,
}

/// A letter from A to F, optionally followed by + or -.
pub fn parse_grade(raw: &str) -> Result<String, FieldError> {
    let g = raw.trim().to_ascii_uppercase();
    let mut chars = g.chars();
    let ok = matches!(chars.next(), Some('A'..='F'))
        && matches!(chars.next(), None | Some('+' | '-'))
        && chars.next().is_none();
    if ok { Ok(g) } else { Err(FieldError::Grade) }
}

impl EnrolmentForm {
    pub fn parse(self) -> Result<EnrolmentChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let status = match self.status.as_deref() {
            None => None,
            Some(s) => EnrolmentState::parse(s).or_else(|| {
                errors.add("status", FieldError::EnrolmentStatus);
                None
            }),
        };
        let grade = match self.grade {
            Some(Some(g)) if !g.trim().is_empty() => match parse_grade(&g) {
                Ok(g) => Some(Some(g)),
                Err(e) => {
                    errors.add("grade", e);
                    None
                }
            },
            Some(_) => Some(None),
            None => None,
        };
        let notes = match self.notes {
            Some(Some(n)) if !n.trim().is_empty() => {
                check_length(&mut errors, "notes", &n, 0, NOTES_MAX);
                Some(Some(n))
            }
            Some(_) => Some(None),
            None => None,
        };
        errors.finish(EnrolmentChanges {
            status,
            grade,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_are_letters_a_to_f() {
        for ok in ["A", "b+", "F", "C-", " a "] {
            assert!(parse_grade(ok).is_ok(), "{ok}");
        }
        for bad in ["G", "A++", "", "AA", "1", "A*"] {
            assert_eq!(parse_grade(bad), Err(FieldError::Grade), "{bad}");
        }
    }

    #[test]
    fn a_bad_status_and_grade_are_both_named() {
        let form = EnrolmentForm {
            status: Some("graduated".into()),
            grade: Some(Some("Z".into())),
            notes: None,
        };
        let errors = form.parse().unwrap_err();
        assert!(errors.get("status").is_some() && errors.get("grade").is_some());
    }
}
