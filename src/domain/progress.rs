//! A trainee's progress through a course, lesson by lesson.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::course::whole;
use crate::domain::validation::{FieldError, FieldErrors};

/// At most a day of time spent is recorded per request (a tab left open overnight is not
/// study time).
pub const TIME_SPENT_MAX: i64 = 86_400;
/// A video position beyond this (a week, in seconds) is not a position.
pub const POSITION_MAX: i64 = 604_800;

/// The body of `POST /api/contents/{id}/complete`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompleteForm {
    /// Seconds spent on the lesson this time (0 to 86400); added to the total.
    #[serde(default, deserialize_with = "whole")]
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 86400)]
    pub time_spent: Option<i64>,
}

impl CompleteForm {
    pub fn seconds(&self) -> Result<i32, FieldErrors> {
        seconds("timeSpent", self.time_spent.unwrap_or(0), TIME_SPENT_MAX)
    }
}

/// The body of `PUT /api/contents/{id}/position`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PositionForm {
    /// Where the video stopped, in whole seconds from its start.
    #[serde(deserialize_with = "whole")]
    #[schema(value_type = i64, minimum = 0, maximum = 604800)]
    pub position: Option<i64>,
}

impl PositionForm {
    pub fn seconds(&self) -> Result<i32, FieldErrors> {
        match self.position {
            None => Err(FieldErrors::one("position", FieldError::Required)),
            Some(p) => seconds("position", p, POSITION_MAX),
        }
    }
}

fn seconds(field: &str, value: i64, max: i64) -> Result<i32, FieldErrors> {
    if (0..=max).contains(&value) {
        Ok(value as i32)
    } else {
        Err(FieldErrors::one(field, FieldError::Range { min: 0, max }))
    }
}

/// One lesson of a trainee's progress.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LessonProgress {
    pub content_id: Uuid,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: crate::domain::content::ContentKind,
    pub is_required: bool,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    /// Seconds, added up over every completion.
    pub time_spent: i32,
    /// How many times it was completed.
    pub attempts: i32,
    /// The best quiz score, in percent.
    pub score: Option<i32>,
    /// Where a video stopped, in seconds.
    pub position: Option<i32>,
}

/// `GET /api/courses/{id}/progress`: the enrolment's figure and every published lesson.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseProgress {
    pub course_id: Uuid,
    pub user_id: Uuid,
    pub enrollment: crate::domain::enrolment::Enrolment,
    pub lessons: Vec<LessonProgress>,
}
