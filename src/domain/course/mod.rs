//! Courses: what a course is (`Course`), what a catalogue card shows (`CourseCard`), the
//! rules of its fields (`forms`) and of the catalogue query (`catalogue`).
//!
//! Prices are exact decimals (`numeric(10,2)`), sent and answered as strings ("19.99") so
//! that no float ever touches them.

mod catalogue;
mod forms;

pub use catalogue::*;
pub use forms::*;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use uuid::Uuid;

/// The seed's `courses.level`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Beginner, Level::Intermediate, Level::Advanced];

    pub fn parse(raw: &str) -> Option<Level> {
        match raw.trim() {
            "beginner" => Some(Level::Beginner),
            "intermediate" => Some(Level::Intermediate),
            "advanced" => Some(Level::Advanced),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }
}

/// Money with two decimals, answered as a string ("19.99", "0.00").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, utoipa::ToSchema)]
#[schema(value_type = String, example = "19.99")]
pub struct Price(pub Decimal);

impl Price {
    /// The largest price `numeric(10,2)` holds.
    pub fn max() -> Decimal {
        Decimal::new(9_999_999_999, 2)
    }

    /// Two decimals always (SQLite hands back 19.9 for 19.90).
    pub fn normalized(self) -> Decimal {
        let mut d = self.0;
        d.rescale(2);
        d
    }
}

impl std::fmt::Display for Price {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.normalized())
    }
}

impl Serialize for Price {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A course's trainer, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrainerName {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
}

/// A course as its trainer, super admins and its public page see it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Course {
    pub id: Uuid,
    pub trainer_id: Uuid,
    pub trainer: TrainerName,
    pub title: String,
    pub description: String,
    pub short_description: Option<String>,
    /// The cover picture's address (under `/media/thumbnails/`), when one was uploaded.
    pub thumbnail: Option<String>,
    pub price: Price,
    /// In minutes.
    pub duration: Option<i32>,
    pub level: Level,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub is_published: bool,
    pub is_featured: bool,
    pub max_students: Option<i32>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<NaiveDate>,
    pub requirements: Option<String>,
    pub learning_outcomes: Option<String>,
    /// A summary of the outline: sections with their published contents' ids, titles and
    /// types, in order. Kept by the server in the same transaction as every outline change.
    #[schema(value_type = Object)]
    pub curriculum: serde_json::Value,
    /// 0 to 5, from learners' ratings (never written by clients).
    #[schema(value_type = Option<String>)]
    pub rating: Option<Decimal>,
    pub enrollment_count: i32,
    pub completion_count: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Course {
    /// Places left when the course has a cap.
    pub fn places_left(&self) -> Option<i32> {
        self.max_students
            .map(|max| (max - self.enrollment_count).max(0))
    }
}

/// What a catalogue card shows.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseCard {
    pub id: Uuid,
    pub title: String,
    pub short_description: Option<String>,
    pub thumbnail: Option<String>,
    pub trainer: TrainerName,
    pub level: Level,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// In minutes.
    pub duration: Option<i32>,
    pub price: Price,
    #[schema(value_type = Option<String>)]
    pub rating: Option<Decimal>,
    pub enrollment_count: i32,
    pub max_students: Option<i32>,
    /// Absent when the course has no cap.
    pub places_left: Option<i32>,
    pub is_featured: bool,
    pub is_published: bool,
    pub created_at: DateTime<Utc>,
}

impl From<&Course> for CourseCard {
    fn from(c: &Course) -> Self {
        CourseCard {
            id: c.id,
            title: c.title.clone(),
            short_description: c.short_description.clone(),
            thumbnail: c.thumbnail.clone(),
            trainer: c.trainer.clone(),
            level: c.level,
            category: c.category.clone(),
            tags: c.tags.clone(),
            duration: c.duration,
            price: c.price,
            rating: c.rating,
            enrollment_count: c.enrollment_count,
            max_students: c.max_students,
            places_left: c.places_left(),
            is_featured: c.is_featured,
            is_published: c.is_published,
            created_at: c.created_at,
        }
    }
}
