//! Certificates: one per completed enrolment in a course that has a certificate lesson,
//! with a random verification code that anyone holding it may check.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

/// Random bytes in a verification code: 160 bits, so codes cannot be guessed or
/// enumerated.
pub const CODE_BYTES: usize = 20;

/// A new verification code: 40 upper-case hexadecimal digits.
pub fn new_code() -> String {
    hex::encode_upper(rand::random::<[u8; CODE_BYTES]>())
}

/// Whether text could be a code at all (checked before any query).
pub fn looks_like_code(s: &str) -> bool {
    s.len() == CODE_BYTES * 2 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A certificate as its holder sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    pub id: Uuid,
    pub course_id: Uuid,
    pub course_title: String,
    pub enrollment_id: Uuid,
    pub code: String,
    pub issued_at: DateTime<Utc>,
}

/// What the public verification tells: that the code is real, whose it is and for what.
/// Nothing else about the person (no email, no other course, no grade).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub code: String,
    pub holder_name: String,
    pub course_title: String,
    pub trainer_name: String,
    pub issued_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_random_and_recognisable() {
        let a = new_code();
        let b = new_code();
        assert_ne!(a, b);
        assert!(looks_like_code(&a));
        assert!(looks_like_code(&a.to_lowercase()));
        assert!(!looks_like_code("1234"));
        assert!(!looks_like_code(&"G".repeat(40)));
    }
}
