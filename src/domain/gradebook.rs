//! The gradebook: a course's trainees × its published assignments and quizzes, with a total
//! and the enrolment's grade.
//!
//! **The total.** Every published assignment weighs its points and every published quiz
//! 100 points (its best graded attempt, in percent). The total is what was earned over all
//! of that, in percent: work not handed in, not graded yet, or a quiz not attempted counts
//! 0, as the grade from quiz scores does (`domain::grade`), so the total only grows as the
//! course goes on.

use rust_decimal::Decimal;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::assignment::{Submission, SubmissionState};

/// What a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Assignment,
    Quiz,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GradebookColumn {
    pub id: Uuid,
    pub kind: ColumnKind,
    pub title: String,
    /// What a full mark is: the assignment's points, or 100 for a quiz (in percent).
    pub points: i32,
}

/// One trainee's mark in one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GradebookCell {
    /// The assignment's score, or the quiz's best percent; `null` when there is none yet.
    #[schema(value_type = Option<String>)]
    pub score: Option<Decimal>,
    /// Assignments: the submission to grade (`null`: nothing handed in).
    pub submission_id: Option<Uuid>,
    /// Assignments: handed in and waiting for a grade.
    pub ungraded: bool,
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GradebookRow {
    pub user_id: Uuid,
    pub enrollment_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// The enrolment's status (enrolled, completed, dropped, suspended).
    pub status: String,
    #[schema(value_type = String)]
    pub progress: Decimal,
    /// One per column, in the columns' order.
    pub cells: Vec<GradebookCell>,
    /// See the module's documentation; `null` when the course has nothing to score.
    #[schema(value_type = Option<String>)]
    pub total: Option<Decimal>,
    /// The enrolment's grade (A-F), set by the trainer or computed from quiz scores.
    pub grade: Option<String>,
}

/// A cell of an assignment column, from the trainee's submission.
pub fn assignment_cell(submission: Option<&Submission>) -> GradebookCell {
    match submission {
        None => GradebookCell {
            score: None,
            submission_id: None,
            ungraded: false,
            late: false,
        },
        Some(s) => GradebookCell {
            score: s.score,
            submission_id: Some(s.id),
            ungraded: s.status == SubmissionState::Submitted,
            late: s.is_late,
        },
    }
}

/// A cell of a quiz column, from the best graded percent.
pub fn quiz_cell(best: Option<i64>) -> GradebookCell {
    GradebookCell {
        score: best.map(Decimal::from),
        submission_id: None,
        ungraded: false,
        late: false,
    }
}

/// The total of a row, in percent with two decimals.
pub fn total(columns: &[GradebookColumn], cells: &[GradebookCell]) -> Option<Decimal> {
    let possible: i64 = columns.iter().map(|c| i64::from(c.points)).sum();
    if possible == 0 {
        return None;
    }
    let earned: Decimal = cells.iter().filter_map(|c| c.score).sum();
    Some((earned * Decimal::from(100) / Decimal::from(possible)).round_dp(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_counts_what_is_missing_as_zero() {
        let column = |kind, points| GradebookColumn {
            id: Uuid::nil(),
            kind,
            title: String::new(),
            points,
        };
        let columns = [
            column(ColumnKind::Assignment, 10),
            column(ColumnKind::Assignment, 20),
            column(ColumnKind::Quiz, 100),
        ];
        let cells = [
            GradebookCell {
                score: Some(Decimal::new(75, 1)),
                ..quiz_cell(None)
            },
            assignment_cell(None),
            quiz_cell(Some(80)),
        ];
        // (7.5 + 0 + 80) / 130 = 67.307...
        assert_eq!(total(&columns, &cells), Some(Decimal::new(6731, 2)));
        assert_eq!(total(&[], &[]), None);
    }
}
