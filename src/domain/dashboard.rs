//! What each role's dashboard holds (`GET /api/dashboard`), a course's distributions
//! (`GET /api/courses/{id}/stats/distributions`), and the rules that shape them:
//! - **percent bands**: progress and scores fall in five bands of 20 points, the last one
//!   taking 100 (0–19, 20–39, 40–59, 60–79, 80–100);
//! - **weeks** start on Monday (UTC); "over time" is the last `WEEKS` weeks, this one last;
//! - **this week** means the last seven days;
//! - an **attendance rate** is (present + late) / (present + late + absent), excused
//!   sessions left out (as in `attendance::AttendanceHistory`); `null` before any.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::user::Role;

/// How many weeks "over time" covers.
pub const WEEKS: usize = 12;

/// The lower bound of each percent band; a value belongs to the last band whose bound it
/// reaches.
pub const BANDS: [u8; 5] = [0, 20, 40, 60, 80];

/// The band a percentage falls in (clamped to 0..=100).
pub fn band_of(percent: f64) -> usize {
    let p = percent.clamp(0.0, 100.0);
    BANDS.iter().rposition(|&b| p >= f64::from(b)).unwrap_or(0)
}

/// "0–19", …, "80–100": a band's range, for labels.
pub fn band_range(band: usize) -> (u8, u8) {
    let low = BANDS[band];
    let high = BANDS.get(band + 1).map_or(100, |next| next - 1);
    (low, high)
}

/// The Monday that starts the week of `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The first days of the last `n` weeks, oldest first, ending with the week of `today`.
pub fn last_weeks(today: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let this = week_start(today);
    (0..n)
        .rev()
        .map(|i| this - Days::new(7 * i as u64))
        .collect()
}

/// (present + late) over (present + late + absent), in percent with two decimals.
pub fn attendance_rate(attended: u64, marked: u64) -> Option<f64> {
    (marked > 0).then(|| (attended as f64 * 10_000.0 / marked as f64).round() / 100.0)
}

/// A share in percent with two decimals (`None` of nothing).
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    attendance_rate(part, whole)
}

/// How many in each of the five percent bands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Bands(pub [u64; 5]);

/// One week's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WeekCount {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    pub count: u64,
}

/// One session date's attendance.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionAttendance {
    pub date: NaiveDate,
    /// Present or late.
    pub attended: u64,
    /// Present, late or absent (excused left out).
    pub marked: u64,
    pub rate: Option<f64>,
}

/// A course's distributions, for its statistics page.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseDistributions {
    pub course_id: Uuid,
    /// Enrolments made in each of the last weeks.
    pub enrolments_by_week: Vec<WeekCount>,
    /// Enrolments that are not dropped, by progress band.
    pub progress: Bands,
    /// Graded quiz attempts, by score band (score over maximum).
    pub quiz_scores: Bands,
    /// The latest session dates with a register (at most `WEEKS`), oldest first.
    pub attendance: Vec<SessionAttendance>,
    /// Over every session of the course.
    pub attendance_rate: Option<f64>,
}

/// A role's count of users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RoleCount {
    pub role: Role,
    pub count: u64,
}

/// One of the most followed courses.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TopCourse {
    pub id: Uuid,
    pub title: String,
    /// Enrolments that are not dropped.
    pub enrolments: u64,
    pub completed: u64,
    pub completion_rate: Option<f64>,
}

/// The platform at a glance, for super admins.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminDashboard {
    /// Super admins, trainers, trainees (zero when none).
    pub users_by_role: Vec<RoleCount>,
    pub users: u64,
    pub courses: u64,
    pub published_courses: u64,
    /// Every enrolment row, dropped ones included.
    pub enrolments: u64,
    pub completions: u64,
    pub completions_this_week: u64,
    /// Users who signed in during the last seven days.
    pub active_this_week: u64,
    pub enrolments_by_week: Vec<WeekCount>,
    /// By enrolments that are not dropped, most first (at most five).
    pub top_courses: Vec<TopCourse>,
}

/// One of a trainer's courses.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrainerCourse {
    pub id: Uuid,
    pub title: String,
    pub is_published: bool,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// Enrolments that are not dropped.
    pub enrolments: u64,
    pub completed: u64,
    pub completion_rate: Option<f64>,
    pub average_progress: Option<f64>,
    /// Enrolments that are not dropped, by progress band.
    pub progress: Bands,
    pub attendance_rate: Option<f64>,
    /// Submissions waiting for a grade.
    pub ungraded_submissions: u64,
    /// Quiz attempts waiting for manual grading.
    pub pending_quiz_attempts: u64,
}

/// A submission waiting for its grade.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UngradedWork {
    pub submission_id: Uuid,
    pub assignment_id: Uuid,
    pub assignment: String,
    pub course_id: Uuid,
    pub course: String,
    pub trainee: String,
    pub submitted_at: DateTime<Utc>,
    pub is_late: bool,
}

/// A trainer's courses and the work waiting for them.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrainerDashboard {
    /// Every course they teach, most recently changed first.
    pub courses: Vec<TrainerCourse>,
    pub ungraded_submissions: u64,
    pub pending_quiz_attempts: u64,
    /// The oldest submissions waiting for a grade (at most ten).
    pub ungraded: Vec<UngradedWork>,
}

/// One of a trainee's courses.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LearnerCourse {
    pub id: Uuid,
    pub title: String,
    /// `enrolled` or `completed`.
    pub status: String,
    #[schema(value_type = String)]
    pub progress: Decimal,
    pub end_date: Option<NaiveDate>,
}

/// An assignment due.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DueAssignment {
    pub assignment_id: Uuid,
    pub title: String,
    pub course_id: Uuid,
    pub course: String,
    pub due_date: DateTime<Utc>,
    pub points: i32,
    /// Handed in already (it may still be changed until the due date).
    pub submitted: bool,
}

/// What a grade was given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GradedKind {
    Assignment,
    Quiz,
}

/// A grade received.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecentGrade {
    pub kind: GradedKind,
    /// The assignment, or the quiz content.
    pub item_id: Uuid,
    pub title: String,
    pub course_id: Uuid,
    pub course: String,
    #[schema(value_type = String)]
    pub score: Decimal,
    pub out_of: i32,
    pub percent: Option<f64>,
    pub graded_at: DateTime<Utc>,
    /// Quizzes: passed or not; assignments: `null`.
    pub passed: Option<bool>,
    /// Assignments with feedback: the way to read it.
    pub has_feedback: bool,
}

/// A trainee's courses, what is due and their latest grades.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LearnerDashboard {
    /// Enrolled first, then completed; most recently enrolled first.
    pub courses: Vec<LearnerCourse>,
    /// Published assignments of their active courses due from now on, soonest first
    /// (at most ten).
    pub due: Vec<DueAssignment>,
    /// Newest first (at most ten).
    pub recent_grades: Vec<RecentGrade>,
}

/// `GET /api/dashboard`: the caller's role decides which.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Dashboard {
    SuperAdmin(AdminDashboard),
    Trainer(TrainerDashboard),
    Trainee(LearnerDashboard),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_twenty_points_wide_and_the_last_takes_a_hundred() {
        assert_eq!(band_of(0.0), 0);
        assert_eq!(band_of(19.99), 0);
        assert_eq!(band_of(20.0), 1);
        assert_eq!(band_of(79.99), 3);
        assert_eq!(band_of(80.0), 4);
        assert_eq!(band_of(100.0), 4);
        assert_eq!(band_of(-5.0), 0);
        assert_eq!(band_of(250.0), 4);
        assert_eq!(band_range(0), (0, 19));
        assert_eq!(band_range(4), (80, 100));
    }

    #[test]
    fn weeks_start_on_monday_and_end_with_this_one() {
        let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let weeks = last_weeks(thursday, 3);
        assert_eq!(
            weeks,
            vec![
                NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
                NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            ]
        );
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(week_start(monday), monday);
    }

    #[test]
    fn rates_leave_nothing_marked_as_none() {
        assert_eq!(attendance_rate(0, 0), None);
        assert_eq!(attendance_rate(2, 3), Some(66.67));
        assert_eq!(percent(1, 1), Some(100.0));
    }
}
