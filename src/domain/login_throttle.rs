//! Brute-force limits on password guesses (sign-in, and the current password of a password
//! change).
//!
//! Every guess is counted in the database *before* its password is verified, as in flight,
//! and a guess over the limit (failures and guesses in flight together) is refused without
//! verifying it: a burst of parallel requests cannot slip past the limit, on one instance or
//! many (`db::login_throttles::reserve`). Once answered, a guess is settled: a wrong one is a
//! failure, a right one gives back its place (`settle`), so a right guess never erases
//! anyone else's failures.
//!
//! Who is counted where (OWASP's "device cookie" design, README "Sign-in limits"):
//! - A client that has signed in to the account before holds a signed device token for it
//!   (`auth::device`). Its guesses count only against that token (`DEVICE`). Strangers
//!   locking the account out therefore never lock its owner out of their own browsers.
//! - Every other client is a stranger to the account. Its guesses count against the
//!   account and address pair (`PAIR`), against its address across all accounts
//!   (`ADDRESS`), and against everything strangers try on the account from anywhere
//!   (`ACCOUNT`), which bounds a guessing attack spread over many addresses.
//!
//! Past a limit, that key is locked for a while (429 with Retry-After); the lock doubles
//! with every further guess up to a cap, and always ends. Keys are fixed-length hashes, so a
//! long email or address never makes a long row.

use chrono::Duration;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    /// Guesses allowed in the window; the one that reaches it starts the first lock.
    pub max_failures: i32,
    pub window: Duration,
    pub first_lock: Duration,
    pub max_lock: Duration,
    /// `None`: failures and guesses in flight together may not pass `max_failures`, so a
    /// burst gets no more guesses verified than the limit. `Some(n)`: failures alone are
    /// held to `max_failures`, and at most `n` guesses may be in flight at once. The address
    /// rule takes this, because one address is often many people (a classroom behind one
    /// router signing in at the start of a session); the account-scoped keys next to it
    /// keep each account's burst to its limit.
    pub max_in_flight: Option<i32>,
}

/// One trusted device (or one account's password-change form): 5 guesses in 15 minutes,
/// then 30 s, 1 min, 2 min ... up to 15 min.
pub const DEVICE: ThrottleRule = ThrottleRule {
    max_failures: 5,
    window: Duration::minutes(15),
    first_lock: Duration::seconds(30),
    max_lock: Duration::minutes(15),
    max_in_flight: None,
};

/// One account from one address, for a client without a device token: as `DEVICE`.
pub const PAIR: ThrottleRule = DEVICE;

/// One client address over all accounts: 20 guesses in 15 minutes, then 1 min, 2 min ...
/// up to 15 min.
pub const ADDRESS: ThrottleRule = ThrottleRule {
    max_failures: 20,
    window: Duration::minutes(15),
    first_lock: Duration::minutes(1),
    max_lock: Duration::minutes(15),
    max_in_flight: Some(100),
};

/// One account, from every client without a device token together: 20 guesses (failures
/// and guesses in flight) in 15 minutes, then 1 min, 2 min ... up to 15 min. Four addresses
/// are needed to reach it, and it never stops a trusted device.
pub const ACCOUNT: ThrottleRule = ThrottleRule {
    max_in_flight: None,
    ..ADDRESS
};

impl ThrottleRule {
    /// Whether one more guess may be verified, given the key's failures and its guesses in
    /// flight (this one included). Past the limit, once a lock has ended, exactly one guess
    /// at a time gets through.
    pub fn admits(&self, failures: i32, in_flight: i32) -> bool {
        let one_after_a_lock = failures >= self.max_failures && in_flight == 1;
        let within = match self.max_in_flight {
            None => failures + in_flight <= self.max_failures,
            Some(cap) => failures < self.max_failures && in_flight <= cap,
        };
        within || one_after_a_lock
    }

    /// How long to lock once `failures` guesses were counted in the window, if at all.
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

/// A counter's name: a kind and a SHA-256, so every key has the same short length.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ThrottleKey(String);

impl ThrottleKey {
    fn hashed(kind: &str, parts: &[&str]) -> ThrottleKey {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update(part.as_bytes());
            // A separator that cannot occur in an email or an address.
            hasher.update([0u8]);
        }
        ThrottleKey(format!("{kind}:{}", hex::encode(hasher.finalize())))
    }

    /// Strangers' guesses on one account (a normalised email).
    pub fn account(email: &str) -> ThrottleKey {
        Self::hashed("acct", &[email])
    }

    /// Guesses from one address, on any account.
    pub fn address(ip: &str) -> ThrottleKey {
        Self::hashed("addr", &[&address_block(ip)])
    }

    /// Guesses on one account from one address.
    pub fn pair(email: &str, ip: &str) -> ThrottleKey {
        Self::hashed("pair", &[email, &address_block(ip)])
    }

    /// Guesses from one trusted device (its token's random id).
    pub fn device(device_id: &str) -> ThrottleKey {
        Self::hashed("dev", &[device_id])
    }

    /// Guesses at one user's current password on the password change.
    pub fn password_change(user_id: uuid::Uuid) -> ThrottleKey {
        ThrottleKey(format!("pwd:{}", user_id.simple()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the key belongs to one client (a device, an account and address pair, one
    /// user's password form), so that a right guess wipes its count; the account and
    /// address counters are shared with strangers and only take the right guess back.
    pub fn is_personal(&self) -> bool {
        !(self.0.starts_with("acct:") || self.0.starts_with("addr:"))
    }
}

/// The block an address belongs to: an IPv4 address itself, and the /64 network of an IPv6
/// address, since one IPv6 client usually holds a whole /64.
fn address_block(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(v4) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_start_at_the_limit_double_and_are_capped() {
        assert_eq!(DEVICE.lock_after(4), None);
        assert_eq!(DEVICE.lock_after(5), Some(Duration::seconds(30)));
        assert_eq!(DEVICE.lock_after(6), Some(Duration::seconds(60)));
        assert_eq!(DEVICE.lock_after(7), Some(Duration::seconds(120)));
        assert_eq!(DEVICE.lock_after(50), Some(Duration::minutes(15)));
        assert_eq!(ADDRESS.lock_after(19), None);
        assert_eq!(ADDRESS.lock_after(20), Some(Duration::minutes(1)));
    }

    #[test]
    fn in_flight_guesses_count_against_an_account_but_not_an_address() {
        // One account: failures and guesses in flight share the limit.
        assert!(PAIR.admits(0, 5));
        assert!(!PAIR.admits(0, 6));
        assert!(!PAIR.admits(3, 3));
        // After a lock has ended, one guess at a time.
        assert!(PAIR.admits(5, 1));
        assert!(!PAIR.admits(5, 2));
        assert!(!ACCOUNT.admits(0, 21));
        // One address: a classroom signing in at once is no attack...
        assert!(ADDRESS.admits(0, 60));
        assert!(!ADDRESS.admits(0, 101));
        // ...but 20 failures are the limit all the same.
        assert!(ADDRESS.admits(19, 1));
        assert!(!ADDRESS.admits(20, 2));
    }

    #[test]
    fn keys_have_one_length_whatever_the_input() {
        let short = ThrottleKey::account("a@b.co");
        let long = ThrottleKey::account(&"x".repeat(2_000_000));
        assert_eq!(short.as_str().len(), long.as_str().len());
        assert!(short.as_str().len() <= 80);
        assert_ne!(
            ThrottleKey::account("a@b.co"),
            ThrottleKey::account("b@b.co")
        );
        assert_ne!(
            ThrottleKey::pair("a@b.co", "1.2.3.4"),
            ThrottleKey::pair("a@b.co", "1.2.3.5")
        );
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_network() {
        assert_eq!(
            ThrottleKey::address("2001:db8:1:2::1"),
            ThrottleKey::address("2001:db8:1:2:ffff::9")
        );
        assert_ne!(
            ThrottleKey::address("2001:db8:1:2::1"),
            ThrottleKey::address("2001:db8:1:3::1")
        );
        assert_eq!(
            ThrottleKey::address("::ffff:10.0.0.1"),
            ThrottleKey::address("10.0.0.1")
        );
    }
}
