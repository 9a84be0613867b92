//! The time the application records. Every timestamp it writes comes from `now`.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, in UTC, to the microsecond: PostgreSQL's precision. SQLite would keep the clock's
/// nanoseconds as text, and a value PostgreSQL cannot hold would not survive a move between
/// the databases (`courseworx export`/`import`) or compare equal after one.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;

    #[test]
    fn now_is_whole_microseconds() {
        for _ in 0..100 {
            assert_eq!(super::now().nanosecond() % 1_000, 0);
        }
    }
}
