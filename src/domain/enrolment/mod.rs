//! Enrolments: a trainee's place in a course, the waitlist for a full one, and the rules
//! that keep the course's counters equal to the rows they count.
//!
//! The counting rule, in one place:
//! - `courses.enrollmentCount` counts the places held: enrolments that are enrolled,
//!   completed or suspended (a suspended trainee keeps their place and their records);
//!   dropped ones free their place. `maxStudents` caps this number.
//! - `courses.completionCount` counts completed enrolments.
//!
//! Every status change goes through `Transition`, which says how both counters move, so
//! the database layer applies the same deltas in the same transaction as the change.

mod forms;

pub use forms::*;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use uuid::Uuid;

pub use crate::domain::policy::EnrolmentState;

impl EnrolmentState {
    pub const ALL: [EnrolmentState; 4] = [
        EnrolmentState::Enrolled,
        EnrolmentState::Completed,
        EnrolmentState::Dropped,
        EnrolmentState::Suspended,
    ];

    /// The seed's value.
    pub fn as_str(self) -> &'static str {
        match self {
            EnrolmentState::Enrolled => "enrolled",
            EnrolmentState::Completed => "completed",
            EnrolmentState::Dropped => "dropped",
            EnrolmentState::Suspended => "suspended",
        }
    }

    pub fn parse(s: &str) -> Option<EnrolmentState> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Holds one of the course's places (counted by `enrollmentCount`).
    pub fn holds_place(self) -> bool {
        !matches!(self, EnrolmentState::Dropped)
    }

    /// May open lessons, complete them and take quizzes.
    pub fn learns(self) -> bool {
        matches!(self, EnrolmentState::Enrolled | EnrolmentState::Completed)
    }
}

/// How one status change moves the course's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: Option<EnrolmentState>,
    pub to: EnrolmentState,
}

impl Transition {
    /// +1 when the change takes a place (it must then pass the cap), -1 when it frees one.
    pub fn places(self) -> i32 {
        let held = |s: Option<EnrolmentState>| i32::from(s.is_some_and(|s| s.holds_place()));
        held(Some(self.to)) - held(self.from)
    }

    pub fn completions(self) -> i32 {
        let done = |s: Option<EnrolmentState>| i32::from(s == Some(EnrolmentState::Completed));
        done(Some(self.to)) - done(self.from)
    }
}

/// One enrolment, as its trainee and trainer see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Enrolment {
    pub id: Uuid,
    pub user_id: Uuid,
    pub course_id: Uuid,
    #[schema(value_type = String, example = "enrolled")]
    #[serde(serialize_with = "state_str")]
    pub status: EnrolmentState,
    pub enrolled_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// Percent of the required published lessons done, two decimals ("66.67").
    #[schema(value_type = String, example = "66.67")]
    #[serde(serialize_with = "percent_str")]
    pub progress: Decimal,
    pub grade: Option<String>,
    /// The trainer's notes on this enrolment (the trainee sees them too).
    pub notes: Option<String>,
    pub updated_at: DateTime<Utc>,
}

fn state_str<S: serde::Serializer>(s: &EnrolmentState, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s.as_str())
}

/// A percentage written with exactly two decimals, as the seed's DECIMAL(5,2) holds it.
pub fn percent(value: Decimal) -> String {
    let mut v = value.round_dp(2);
    v.rescale(2);
    v.to_string()
}

fn percent_str<S: serde::Serializer>(d: &Decimal, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(&percent(*d))
}

/// The person behind a roster line: what a trainer needs to recognise them, no more.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Trainee {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// A line of a trainer's roster.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RosterEntry {
    pub enrollment: Enrolment,
    pub trainee: Trainee,
    /// The last lesson completed or revisited, if any.
    pub last_activity_at: Option<DateTime<Utc>>,
}

/// The course behind a line of "my learning".
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnrolledCourse {
    pub id: Uuid,
    pub title: String,
    pub thumbnail: Option<String>,
    pub trainer_name: String,
    pub end_date: Option<NaiveDate>,
}

/// A line of a trainee's own list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MyEnrolment {
    pub enrollment: Enrolment,
    pub course: EnrolledCourse,
    pub last_activity_at: Option<DateTime<Utc>>,
}

/// A place in a full course's line.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistPlace {
    pub course_id: Uuid,
    /// 1 for the first in line.
    pub position: u64,
    pub joined_at: DateTime<Utc>,
}

/// What asking to enrol came to.
#[derive(Debug, Clone)]
pub enum EnrolOutcome {
    /// A new place (or a dropped enrolment renewed).
    Enrolled(Enrolment),
    /// Already enrolled: nothing changed (a repeated request is harmless).
    Already(Enrolment),
    /// The course is full: the caller is in line.
    Waitlisted(WaitlistPlace),
}

/// Enrolment closes after the course's last day; it is open before the first day, so a
/// class can sign up for a course that starts next week.
pub fn enrolment_open(end_date: Option<NaiveDate>, today: NaiveDate) -> bool {
    end_date.is_none_or(|end| today <= end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EnrolmentState::*;

    #[test]
    fn counters_move_with_each_change() {
        let t = |from, to| Transition { from, to };
        assert_eq!(t(None, Enrolled).places(), 1);
        assert_eq!(t(Some(Dropped), Enrolled).places(), 1);
        assert_eq!(t(Some(Enrolled), Dropped).places(), -1);
        assert_eq!(t(Some(Completed), Dropped).completions(), -1);
        assert_eq!(t(Some(Enrolled), Suspended).places(), 0);
        assert_eq!(t(Some(Enrolled), Completed).completions(), 1);
        assert_eq!(t(Some(Completed), Completed).completions(), 0);
        assert_eq!(t(Some(Suspended), Dropped).places(), -1);
    }

    #[test]
    fn percentages_have_two_decimals() {
        assert_eq!(percent(Decimal::new(6666666, 5)), "66.67");
        assert_eq!(percent(Decimal::from(100)), "100.00");
        assert_eq!(percent(Decimal::ZERO), "0.00");
    }

    #[test]
    fn enrolment_closes_after_the_last_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(enrolment_open(None, d("2030-01-01")));
        assert!(enrolment_open(Some(d("2026-12-04")), d("2026-12-04")));
        assert!(!enrolment_open(Some(d("2026-12-03")), d("2026-12-04")));
    }
}
