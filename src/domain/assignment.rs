//! Assignments a trainer sets on a course, and the rules of handing work in and grading
//! it: when a trainee may submit or resubmit, when a submission is late, what a score may
//! be. Plain rules; `services::assignments` applies them under the right locks.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::course::{check_line, check_text, double_option};
use crate::domain::validation::{FieldError, FieldErrors, check_length};

pub const TITLE_MAX: usize = 200;
pub const POINTS_MAX: i64 = 10_000;
/// A submission's text and a grade's feedback.
pub const TEXT_MAX: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    pub id: Uuid,
    pub course_id: Uuid,
    pub trainer_id: Uuid,
    pub title: String,
    /// As written (plain text; the pages show its paragraphs).
    pub description: String,
    pub due_date: Option<DateTime<Utc>>,
    /// The most a submission can score.
    pub points: i32,
    pub is_published: bool,
    pub allow_late_submission: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The body of `POST /api/courses/{id}/assignments` and `PUT /api/assignments/{id}`; on
/// update, absent fields stay and `dueDate: null` removes the due date.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssignmentForm {
    #[schema(max_length = 200)]
    pub title: Option<String>,
    #[schema(max_length = 50000)]
    pub description: Option<String>,
    /// RFC 3339 (`2026-12-20T17:00:00Z`).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub due_date: Option<Option<DateTime<Utc>>>,
    #[schema(minimum = 0, maximum = 10000)]
    pub points: Option<i64>,
    pub is_published: Option<bool>,
    pub allow_late_submission: Option<bool>,
}

/// A checked `AssignmentForm`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssignmentChanges {
    pub title: Option<String>,
    pub description: Option<String>,
    pub due_date: Option<Option<DateTime<Utc>>>,
    pub points: Option<i32>,
    pub is_published: Option<bool>,
    pub allow_late_submission: Option<bool>,
}

impl AssignmentForm {
    pub fn parse(&self, creating: bool) -> Result<AssignmentChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = match self.title.as_deref().map(str::trim) {
            None if creating => {
                errors.add("title", FieldError::Required);
                None
            }
            None => None,
            Some(t) => {
                check_length(&mut errors, "title", t, 1, TITLE_MAX);
                check_line(&mut errors, "title", t);
                Some(t.to_owned())
            }
        };
        let description = match self.description.as_deref().map(str::trim) {
            None if creating => {
                errors.add("description", FieldError::Required);
                None
            }
            None => None,
            Some("") => {
                errors.add("description", FieldError::Required);
                None
            }
            Some(d) => {
                check_text(&mut errors, "description", d);
                Some(d.to_owned())
            }
        };
        let points = self.points.and_then(|p| {
            if (0..=POINTS_MAX).contains(&p) {
                Some(p as i32)
            } else {
                errors.add(
                    "points",
                    FieldError::Range {
                        min: 0,
                        max: POINTS_MAX,
                    },
                );
                None
            }
        });
        errors.finish(AssignmentChanges {
            title,
            description,
            due_date: self.due_date,
            points: points.or(creating.then_some(0)),
            is_published: self.is_published,
            allow_late_submission: self.allow_late_submission,
        })
    }
}

/// A submission's state: handed in (and perhaps handed in again), or graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionState {
    Submitted,
    Graded,
}

/// A file handed in with a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmittedFile {
    /// Where to download it (`/api/submissions/{id}/files/{index}`); the stored key is
    /// never shown.
    #[serde(skip_deserializing)]
    pub url: String,
    pub name: String,
    pub size: i64,
    pub mime_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Submission {
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub course_id: Uuid,
    pub user_id: Uuid,
    /// The trainee's name, for the trainer's list.
    pub user_name: Option<String>,
    pub text: Option<String>,
    pub files: Vec<SubmittedFile>,
    /// 1 for the first hand-in, then one more for each resubmission.
    pub version: i32,
    pub submitted_at: DateTime<Utc>,
    pub is_late: bool,
    pub status: SubmissionState,
    /// Out of the assignment's points, with up to two decimals.
    #[schema(value_type = Option<String>)]
    pub score: Option<Decimal>,
    /// As the trainer wrote it (Markdown).
    pub feedback: Option<String>,
    /// The feedback rendered and sanitised, as articles are.
    pub feedback_html: Option<String>,
    pub graded_by: Option<Uuid>,
    pub graded_at: Option<DateTime<Utc>>,
}

/// One version of a submission as it was handed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionVersion {
    pub version: i32,
    pub text: Option<String>,
    pub files: Vec<SubmittedFile>,
    pub submitted_at: DateTime<Utc>,
    pub is_late: bool,
}

/// One grade given or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GradeChange {
    pub graded_by: Uuid,
    #[schema(value_type = Option<String>)]
    pub old_score: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub new_score: Option<Decimal>,
    pub old_feedback: Option<String>,
    pub new_feedback: Option<String>,
    pub at: DateTime<Utc>,
}

/// Why a hand-in is refused (409 in the API: the state of things, not who asks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitRefusal {
    /// Graded work is not handed in again.
    Graded,
    /// Past the due date: no resubmission, and no first hand-in unless late work is taken.
    PastDue,
}

/// Whether work may be handed in now, and if so whether it is late. `existing` is the
/// trainee's current submission, if any.
pub fn may_submit(
    now: DateTime<Utc>,
    due: Option<DateTime<Utc>>,
    allow_late: bool,
    existing: Option<SubmissionState>,
) -> Result<bool, SubmitRefusal> {
    if existing == Some(SubmissionState::Graded) {
        return Err(SubmitRefusal::Graded);
    }
    match due {
        Some(due) if now > due => {
            if existing.is_none() && allow_late {
                Ok(true)
            } else {
                Err(SubmitRefusal::PastDue)
            }
        }
        _ => Ok(false),
    }
}

/// The body of `POST /api/assignments/{id}/submissions` (JSON; the multipart form has the
/// same `text` and its `files`).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubmissionForm {
    #[schema(max_length = 50000)]
    pub text: Option<String>,
}

/// A submission's text, checked: trimmed, bounded, and `None` when empty. Work must have
/// text or at least one file (`has_files`).
pub fn parse_text(text: Option<&str>, has_files: bool) -> Result<Option<String>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = text {
        check_length(&mut errors, "text", t, 1, TEXT_MAX);
        if t.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            errors.add("text", FieldError::Control);
        }
    } else if !has_files {
        errors.add("text", FieldError::Required);
    }
    errors.finish(text.map(str::to_owned))
}

/// The body of `PUT /api/submissions/{id}/grade`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradeForm {
    /// 0 to the assignment's points, with up to two decimals (a number or a string).
    #[schema(value_type = String)]
    pub score: Option<serde_json::Value>,
    /// Markdown, shown sanitised. Left out, the feedback given before stays; empty, it is
    /// removed.
    #[schema(max_length = 50000)]
    pub feedback: Option<String>,
}

/// A checked grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    pub score: Decimal,
    /// `None`: keep the feedback there is; `Some(None)`: remove it.
    pub feedback: Option<Option<String>>,
}

impl GradeForm {
    pub fn parse(&self, points: i32) -> Result<Grade, FieldErrors> {
        let mut errors = FieldErrors::default();
        let range = FieldError::Range {
            min: 0,
            max: i64::from(points),
        };
        let score = match &self.score {
            None | Some(serde_json::Value::Null) => {
                errors.add("score", FieldError::Required);
                None
            }
            Some(v) => {
                let text = match v {
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    serde_json::Value::String(s) => Some(s.trim().to_owned()),
                    _ => None,
                };
                match text.and_then(|t| t.parse::<Decimal>().ok()) {
                    Some(d) if d.scale() <= 2 || d == d.round_dp(2) => {
                        let d = d.round_dp(2).normalize();
                        if d < Decimal::ZERO || d > Decimal::from(points) {
                            errors.add("score", range);
                            None
                        } else {
                            Some(d)
                        }
                    }
                    _ => {
                        errors.add("score", range);
                        None
                    }
                }
            }
        };
        let feedback = self.feedback.as_deref().map(|f| {
            let f = f.trim();
            check_text(&mut errors, "feedback", f);
            (!f.is_empty()).then(|| f.to_owned())
        });
        errors.finish(Grade {
            score: score.unwrap_or_default(),
            feedback,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn submitting_before_and_after_the_due_date() {
        let now = crate::clock::now();
        let past = Some(now - Duration::hours(1));
        let future = Some(now + Duration::hours(1));
        use SubmissionState::*;
        assert_eq!(may_submit(now, None, false, None), Ok(false));
        assert_eq!(may_submit(now, future, false, Some(Submitted)), Ok(false));
        assert_eq!(
            may_submit(now, future, true, Some(Graded)),
            Err(SubmitRefusal::Graded)
        );
        assert_eq!(
            may_submit(now, past, false, None),
            Err(SubmitRefusal::PastDue)
        );
        assert_eq!(may_submit(now, past, true, None), Ok(true));
        // Late work is taken once: it is not handed in again after the due date.
        assert_eq!(
            may_submit(now, past, true, Some(Submitted)),
            Err(SubmitRefusal::PastDue)
        );
        // On the due instant itself, work is on time.
        assert_eq!(may_submit(now, Some(now), false, None), Ok(false));
    }

    #[test]
    fn scores_stay_within_the_points() {
        let grade = |v: serde_json::Value| {
            GradeForm {
                score: Some(v),
                feedback: None,
            }
            .parse(10)
        };
        assert_eq!(
            grade(serde_json::json!(7.5)).unwrap().score,
            Decimal::new(75, 1)
        );
        assert_eq!(
            grade(serde_json::json!("10")).unwrap().score,
            Decimal::from(10)
        );
        assert_eq!(grade(serde_json::json!(0)).unwrap().score, Decimal::ZERO);
        for bad in [
            serde_json::json!(-1),
            serde_json::json!(10.01),
            serde_json::json!(1.234),
            serde_json::json!("x"),
            serde_json::json!(true),
            serde_json::json!(1e30),
        ] {
            assert!(grade(bad.clone()).is_err(), "{bad}");
        }
        assert!(GradeForm::default().parse(10).is_err());
    }

    #[test]
    fn work_needs_text_or_a_file() {
        assert!(parse_text(None, false).is_err());
        assert!(parse_text(Some("   "), false).is_err());
        assert_eq!(parse_text(Some("  "), true).unwrap(), None);
        assert_eq!(
            parse_text(Some(" My answer\n\nline two "), false).unwrap(),
            Some("My answer\n\nline two".to_owned())
        );
        assert!(parse_text(Some("a\u{0007}b"), false).is_err());
    }

    #[test]
    fn a_new_assignment_needs_a_title_and_a_description() {
        let errors = AssignmentForm::default().parse(true).unwrap_err();
        assert!(errors.get("title").is_some() && errors.get("description").is_some());
        let ok = AssignmentForm {
            title: Some(" Risk assessment ".into()),
            description: Some("Assess the loading bay.".into()),
            ..Default::default()
        }
        .parse(true)
        .unwrap();
        assert_eq!(ok.title.as_deref(), Some("Risk assessment"));
        assert_eq!(ok.points, Some(0));
        let bad = AssignmentForm {
            points: Some(10_001),
            ..Default::default()
        };
        assert!(bad.parse(false).unwrap_err().get("points").is_some());
    }
}
