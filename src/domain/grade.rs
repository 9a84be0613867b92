//! Grades computed from quiz scores, for courses that ask for it (`gradeFromQuizzes`).
//!
//! The rule: the average of the trainee's best graded score (in percent) on each of the
//! course's published quizzes, a quiz not yet passed or attempted counting its best or 0,
//! then the letter: A from 90, B from 80, C from 70, D from 60, F below. A course without
//! published quizzes computes no grade.

use serde::{Deserialize, Serialize};

/// The lowest average (percent) of each letter, best first.
pub const SCALE: [(&str, i64); 4] = [("A", 90), ("B", 80), ("C", 70), ("D", 60)];

/// The letter of an average score in percent.
pub fn letter(average: i64) -> &'static str {
    SCALE
        .iter()
        .find(|(_, from)| average >= *from)
        .map_or("F", |(l, _)| l)
}

/// The grade of a trainee from their best score on each quiz (`None`: never graded).
pub fn from_quizzes(best: &[Option<i64>]) -> Option<&'static str> {
    if best.is_empty() {
        return None;
    }
    let sum: i64 = best.iter().map(|b| b.unwrap_or(0).clamp(0, 100)).sum();
    Some(letter(sum / best.len() as i64))
}

/// A course's grading choice: `GET/PUT /api/courses/{id}/grading`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradingSettings {
    /// Grades computed from quiz scores (A from 90 %, B 80, C 70, D 60, else F) instead of
    /// set by the trainer.
    pub grade_from_quizzes: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_documented_and_unattempted_quizzes_count_zero() {
        assert_eq!(letter(100), "A");
        assert_eq!(letter(90), "A");
        assert_eq!(letter(89), "B");
        assert_eq!(letter(60), "D");
        assert_eq!(letter(59), "F");
        assert_eq!(from_quizzes(&[Some(100), None]), Some("F"));
        assert_eq!(from_quizzes(&[Some(100), Some(80)]), Some("A"));
        assert_eq!(from_quizzes(&[]), None);
    }
}
