//! How many users, courses and enrolments a scale makes. Pure: the numbers are tested here
//! and documented in the README.
//!
//! At scale N (N courses) and M enrolments (by default 200·N, at least 500):
//! - N courses, taught by max(1, N/10) trainers (course i by trainer i mod trainers); the
//!   first `FULL_OUTLINES` have the full outline, the others a light one (catalogue.rs);
//! - max(50, M/10) trainees and one super admin;
//! - M enrolments, about 10 per trainee, with a long tail: course 1 (the benchmark course)
//!   holds half of the trainees, the others (i+10)^-1 shares of the rest, so course 2 is
//!   the next biggest and the last ones have a few dozen (never more than every trainee).

use std::fmt;

/// The largest scale: 100,000 courses.
pub const MAX_SCALE: u32 = 100_000;
/// The most enrolments: two million trainees with ten each.
pub const MAX_ENROLMENTS: u64 = 20_000_000;
/// Courses 1 to `FULL_OUTLINES` have the full outline (sections of lessons, quizzes,
/// classroom sessions); the ones after, a light one, so that 100,000 courses stay quick to
/// write: scale 1,000 and below are all full.
pub const FULL_OUTLINES: u32 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub scale: u32,
    pub trainers: u32,
    pub trainees: u32,
    /// Enrolments per course, course 0 first.
    pub class_sizes: Vec<u32>,
    /// Courses with the full outline (`FULL_OUTLINES`; tests lower it).
    pub full_outlines: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadScale {
    Scale(u64),
    /// The enrolments asked for, and the fewest the scale allows.
    Enrolments(u64, u64),
}

impl fmt::Display for BadScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadScale::Scale(n) => write!(
                f,
                "--scale must be a whole number from 1 to {MAX_SCALE} (the number of courses), not {n}"
            ),
            BadScale::Enrolments(n, least) => write!(
                f,
                "--enrolments must be from {least} (two per course, and at least 500) to \
                 {MAX_ENROLMENTS} at this scale, not {n}"
            ),
        }
    }
}

impl std::error::Error for BadScale {}

impl Plan {
    /// Scale N: N courses and 200·N enrolments (10 for each of 20·N trainees).
    pub fn new(scale: u64) -> Result<Plan, BadScale> {
        Plan::with_enrolments(scale, None)
    }

    /// N courses and, when given, M enrolments instead of the scale's own.
    pub fn with_enrolments(scale: u64, enrolments: Option<u64>) -> Result<Plan, BadScale> {
        if scale == 0 || scale > u64::from(MAX_SCALE) {
            return Err(BadScale::Scale(scale));
        }
        let n = scale as u32;
        let trainees = match enrolments {
            None => (20 * n).max(50),
            Some(m) => {
                let least = (2 * scale).max(500);
                if m < least || m > MAX_ENROLMENTS {
                    return Err(BadScale::Enrolments(m, least));
                }
                (m / 10) as u32
            }
        };
        let enrolments = enrolments.unwrap_or(10 * u64::from(trainees));
        let trainers = (n / 10).max(1);
        let big = trainees / 2;
        let mut class_sizes = vec![big];
        let others = (n - 1) as usize;
        if others > 0 {
            let rest = enrolments - u64::from(big);
            let weights: Vec<f64> = (1..=others).map(|i| 1.0 / (i as f64 + 10.0)).collect();
            let total: f64 = weights.iter().sum();
            let mut sizes: Vec<u32> = weights
                .iter()
                .map(|w| ((rest as f64 * w / total).floor() as u32).clamp(1, trainees))
                .collect();
            // What flooring left over goes to the biggest courses first, within the cap.
            let mut left = rest.saturating_sub(sizes.iter().map(|&s| u64::from(s)).sum());
            for s in sizes.iter_mut() {
                if left == 0 {
                    break;
                }
                let add = u64::from(trainees - *s).min(left).min(1);
                *s += add as u32;
                left -= add;
            }
            class_sizes.extend(sizes);
        }
        Ok(Plan {
            scale: n,
            trainers,
            trainees,
            class_sizes,
            full_outlines: FULL_OUTLINES,
        })
    }

    pub fn courses(&self) -> u32 {
        self.scale
    }

    /// The super admin, the trainers and the trainees.
    pub fn users(&self) -> u64 {
        1 + u64::from(self.trainers) + u64::from(self.trainees)
    }

    pub fn enrolments(&self) -> u64 {
        self.class_sizes.iter().map(|&s| u64::from(s)).sum()
    }

    /// Whether course `number` (from 0) has the full outline.
    pub fn full_outline(&self, number: usize) -> bool {
        number < self.full_outlines as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_huge_scales_are_refused() {
        assert_eq!(Plan::new(0), Err(BadScale::Scale(0)));
        assert!(Plan::new(u64::from(MAX_SCALE) + 1).is_err());
        assert!(BadScale::Scale(0).to_string().contains("from 1 to 100000"));
    }

    #[test]
    fn scale_one_is_one_course_with_half_the_minimum_trainees() {
        let p = Plan::new(1).unwrap();
        assert_eq!((p.trainers, p.trainees, p.courses()), (1, 50, 1));
        assert_eq!(p.class_sizes, vec![25]);
        assert_eq!(p.users(), 52);
    }

    #[test]
    fn small_scales_cap_a_class_at_every_trainee() {
        let p = Plan::new(3).unwrap();
        assert_eq!((p.trainers, p.trainees), (1, 60));
        assert_eq!(p.class_sizes, vec![30, 60, 60]);
    }

    #[test]
    fn scale_100_has_a_class_of_1000_and_ten_enrolments_per_trainee() {
        let p = Plan::new(100).unwrap();
        assert_eq!((p.trainers, p.trainees), (10, 2_000));
        assert_eq!(p.class_sizes[0], 1_000);
        assert_eq!(p.enrolments(), 20_000);
        assert!(p.class_sizes[1..].windows(2).all(|w| w[0] >= w[1]));
        assert!(p.class_sizes[1] < p.class_sizes[0]);
    }

    #[test]
    fn scale_1000_has_a_class_of_10000_and_200000_enrolments() {
        let p = Plan::new(1_000).unwrap();
        assert_eq!((p.trainers, p.trainees), (100, 20_000));
        assert_eq!(p.class_sizes[0], 10_000);
        assert_eq!(p.enrolments(), 200_000);
        let last = *p.class_sizes.last().unwrap();
        assert!((20..100).contains(&last), "last class {last}");
        assert_eq!(Plan::with_enrolments(1_000, Some(200_000)), Ok(p));
    }

    #[test]
    fn s7_has_100000_courses_and_a_million_enrolments() {
        let p = Plan::with_enrolments(100_000, Some(1_000_000)).unwrap();
        assert_eq!(
            (p.trainers, p.trainees, p.courses()),
            (10_000, 100_000, 100_000)
        );
        assert_eq!(p.class_sizes[0], 50_000);
        assert_eq!(p.enrolments(), 1_000_000);
        assert!(p.class_sizes.iter().all(|&s| s >= 1));
        assert!(p.full_outline(999) && !p.full_outline(1_000));
    }

    #[test]
    fn too_few_or_too_many_enrolments_are_refused() {
        assert_eq!(
            Plan::with_enrolments(1_000, Some(1_999)),
            Err(BadScale::Enrolments(1_999, 2_000))
        );
        assert_eq!(
            Plan::with_enrolments(10, Some(499)),
            Err(BadScale::Enrolments(499, 500))
        );
        assert!(Plan::with_enrolments(10, Some(MAX_ENROLMENTS + 1)).is_err());
        let small = Plan::with_enrolments(10, Some(500)).unwrap();
        assert_eq!((small.trainees, small.class_sizes[0]), (50, 25));
    }
}
