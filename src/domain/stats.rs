//! A course's statistics (the seed's `course_stats`), and the rules that make them from
//! the rows they summarise:
//! - `totalEnrollments`: every enrolment row, dropped ones included;
//! - `activeEnrollments` and `completedEnrollments`: those enrolled, those completed;
//! - `averageProgress`: the mean progress of the enrolments that are not dropped;
//! - `averageScore`: the mean, in percent, of every graded assignment submission (score over
//!   points) and every graded quiz attempt (score over its maximum); `null` before any;
//! - `completionRate`: completed over enrolments that are not dropped, in percent;
//! - `totalRevenue`: for every enrolment that is not dropped, the course's price when that
//!   trainee (last) enrolled, recorded on the enrolment's history; a later price change
//!   does not rewrite what was paid, and a dropped enrolment does not count.
//!
//! All with two decimals.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourseStats {
    pub course_id: Uuid,
    pub total_enrollments: i32,
    pub active_enrollments: i32,
    pub completed_enrollments: i32,
    #[schema(value_type = String)]
    pub average_progress: Decimal,
    #[schema(value_type = Option<String>)]
    pub average_score: Option<Decimal>,
    #[schema(value_type = String)]
    pub completion_rate: Decimal,
    #[schema(value_type = String)]
    pub total_revenue: Decimal,
    pub last_updated: DateTime<Utc>,
}

/// What the rows add up to, before the divisions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub total: i64,
    pub active: i64,
    pub completed: i64,
    /// Enrolments that are not dropped.
    pub current: i64,
    pub progress_sum: Decimal,
    pub revenue: Decimal,
    pub score_sum: Decimal,
    pub scores: i64,
}

fn count(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl Tally {
    pub fn stats(&self, course_id: Uuid, at: DateTime<Utc>) -> CourseStats {
        let mean = |sum: Decimal, n: i64| (n > 0).then(|| (sum / Decimal::from(n)).round_dp(2));
        CourseStats {
            course_id,
            total_enrollments: count(self.total),
            active_enrollments: count(self.active),
            completed_enrollments: count(self.completed),
            average_progress: mean(self.progress_sum, self.current).unwrap_or_default(),
            average_score: mean(self.score_sum, self.scores),
            completion_rate: mean(
                Decimal::from(self.completed) * Decimal::from(100),
                self.current,
            )
            .unwrap_or_default(),
            total_revenue: self.revenue.round_dp(2),
            last_updated: at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_and_rates_have_two_decimals_and_no_division_by_zero() {
        let s = Tally {
            total: 4,
            active: 1,
            completed: 2,
            current: 3,
            progress_sum: Decimal::new(25000, 2),
            revenue: Decimal::new(3000, 2),
            score_sum: Decimal::from(200),
            scores: 3,
        }
        .stats(Uuid::nil(), crate::clock::now());
        assert_eq!(s.average_progress, Decimal::new(8333, 2));
        assert_eq!(s.completion_rate, Decimal::new(6667, 2));
        assert_eq!(s.average_score, Some(Decimal::new(6667, 2)));
        let empty = Tally::default().stats(Uuid::nil(), crate::clock::now());
        assert_eq!(empty.average_score, None);
        assert_eq!(empty.completion_rate, Decimal::ZERO);
    }
}
