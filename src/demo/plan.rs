//! How many users, courses and enrolments a scale makes. Pure: the numbers are tested here
//! and documented in the README.
//!
//! At scale N:
//! - N courses, taught by max(1, N/10) trainers (course i by trainer i mod trainers);
//! - max(50, 20·N) trainees and one super admin;
//! - about 10 enrolments per trainee, with a long tail: course 1 (the benchmark course)
//!   holds half of the trainees, the others (i+10)^-1 shares of the rest, so course 2 is
//!   the next biggest and the last ones have a few dozen (never more than every trainee).

use std::fmt;

/// The largest scale: 100,000 courses, two million trainees.
pub const MAX_SCALE: u32 = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub scale: u32,
    pub trainers: u32,
    pub trainees: u32,
    /// Enrolments per course, course 0 first.
    pub class_sizes: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadScale(pub u64);

impl fmt::Display for BadScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--scale must be a whole number from 1 to {MAX_SCALE} (the number of courses), not {}",
            self.0
        )
    }
}

impl std::error::Error for BadScale {}

impl Plan {
    pub fn new(scale: u64) -> Result<Plan, BadScale> {
        if scale == 0 || scale > u64::from(MAX_SCALE) {
            return Err(BadScale(scale));
        }
        let n = scale as u32;
        let trainers = (n / 10).max(1);
        let trainees = (20 * n).max(50);
        let big = trainees / 2;
        let mut class_sizes = vec![big];
        let others = (n - 1) as usize;
        if others > 0 {
            let rest = 10 * u64::from(trainees) - u64::from(big);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_huge_scales_are_refused() {
        assert_eq!(Plan::new(0), Err(BadScale(0)));
        assert!(Plan::new(u64::from(MAX_SCALE) + 1).is_err());
        assert!(BadScale(0).to_string().contains("from 1 to 100000"));
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
    }
}
