//! Brute-force limits on signing in. Failures are counted per account and per client
//! address within a window; past the limit, sign-ins for that key are refused (429 with
//! Retry-After) for a lock that doubles with every further failure, up to a cap. A lock
//! always ends: the real user is never locked out for good, and a success clears the
//! account's count.

use chrono::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    /// Failures allowed in the window before the first lock.
    pub max_failures: i32,
    pub window: Duration,
    pub first_lock: Duration,
    pub max_lock: Duration,
}

/// One account: 5 failures in 15 minutes, then 30 s, 1 min, 2 min ... up to 15 min.
pub const ACCOUNT: ThrottleRule = ThrottleRule {
    max_failures: 5,
    window: Duration::minutes(15),
    first_lock: Duration::seconds(30),
    max_lock: Duration::minutes(15),
};

/// One client address (many accounts): 20 failures in 15 minutes, then 1 min, 2 min ...
/// up to 15 min.
pub const ADDRESS: ThrottleRule = ThrottleRule {
    max_failures: 20,
    window: Duration::minutes(15),
    first_lock: Duration::minutes(1),
    max_lock: Duration::minutes(15),
};

impl ThrottleRule {
    /// How long to lock after `failures` failures in the window, if at all.
    pub fn lock_after(&self, failures: i32) -> Option<Duration> {
        if failures < self.max_failures {
            return None;
        }
        let doublings = u32::try_from(failures - self.max_failures)
            .unwrap_or(0)
            .min(16);
        let lock = self.first_lock * 2_i32.pow(doublings);
        Some(lock.min(self.max_lock))
    }
}

pub fn account_key(email: &str) -> String {
    format!("email:{email}")
}

pub fn address_key(ip: &str) -> String {
    format!("ip:{ip}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_start_at_the_limit_double_and_are_capped() {
        assert_eq!(ACCOUNT.lock_after(4), None);
        assert_eq!(ACCOUNT.lock_after(5), Some(Duration::seconds(30)));
        assert_eq!(ACCOUNT.lock_after(6), Some(Duration::seconds(60)));
        assert_eq!(ACCOUNT.lock_after(7), Some(Duration::seconds(120)));
        assert_eq!(ACCOUNT.lock_after(50), Some(Duration::minutes(15)));
        assert_eq!(ADDRESS.lock_after(19), None);
        assert_eq!(ADDRESS.lock_after(20), Some(Duration::minutes(1)));
    }
}
