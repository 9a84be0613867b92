//! Attendance: a trainee signs in and out of today's session, a trainer takes the register
//! for any date, and the rotating check-in code the trainer shows on screen.
//!
//! Days are UTC dates, as the seed's `sessionDate` has no zone.
//!
//! **The check-in code.** `HMAC(key, course, date, window, turn)` written as six letters
//! and digits a person can type (no 0/O or 1/I). `window` is the 30-second slice of time,
//! and a code is taken in its own slice and the next, so it lives at most a minute.
//! `turn` is how many trainees have signed in to that course that day, so the code on
//! the screen changes as soon as someone uses it: a code is good for one account only, and
//! the same code sent again from another account is refused. No row is kept per code; the
//! attendance rows are the count.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::validation::{FieldError, FieldErrors, check_length};

/// How long one code is shown before the next one, in seconds.
pub const WINDOW_SECONDS: i64 = 30;
/// The letters of a code: no 0/O or 1/I, so a code read off a screen is typed right.
const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 6;
/// The most records one register call takes.
pub const REGISTER_MAX: usize = 1000;
pub const NOTES_MAX: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceState {
    Present,
    Absent,
    Late,
    Excused,
}

impl AttendanceState {
    pub const ALL: [AttendanceState; 4] = [
        AttendanceState::Present,
        AttendanceState::Absent,
        AttendanceState::Late,
        AttendanceState::Excused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceState::Present => "present",
            AttendanceState::Absent => "absent",
            AttendanceState::Late => "late",
            AttendanceState::Excused => "excused",
        }
    }

    pub fn parse(s: &str) -> Option<AttendanceState> {
        AttendanceState::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// One trainee's attendance at one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceRecord {
    pub id: Uuid,
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub session_date: NaiveDate,
    pub sign_in_time: Option<DateTime<Utc>>,
    pub sign_out_time: Option<DateTime<Utc>>,
    /// Minutes between signing in and out.
    pub duration: Option<i32>,
    pub status: AttendanceState,
    pub notes: Option<String>,
}

/// A line of the register: an enrolled trainee and their record for the date, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegisterLine {
    pub user_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `null` until someone marks it (the register page shows "present" by default).
    pub record: Option<AttendanceRecord>,
}

/// A trainee's attendance in a course, with the rate of what was marked.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceHistory {
    pub user_id: Uuid,
    pub records: Vec<AttendanceRecord>,
    pub present: u32,
    pub late: u32,
    pub absent: u32,
    pub excused: u32,
    /// (present + late) / (present + late + absent), in percent with two decimals;
    /// excused sessions count for neither side. `null` before anything is marked.
    pub rate: Option<f64>,
}

impl AttendanceHistory {
    pub fn new(user_id: Uuid, records: Vec<AttendanceRecord>) -> AttendanceHistory {
        let count = |s: AttendanceState| records.iter().filter(|r| r.status == s).count() as u32;
        let (present, late, absent, excused) = (
            count(AttendanceState::Present),
            count(AttendanceState::Late),
            count(AttendanceState::Absent),
            count(AttendanceState::Excused),
        );
        let counted = present + late + absent;
        let rate = (counted > 0)
            .then(|| ((f64::from(present + late) * 10_000.0 / f64::from(counted)).round()) / 100.0);
        AttendanceHistory {
            user_id,
            records,
            present,
            late,
            absent,
            excused,
            rate,
        }
    }
}

/// Whole minutes from signing in to signing out (never negative).
pub fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i32 {
    i32::try_from((to - from).num_minutes().max(0)).unwrap_or(i32::MAX)
}

/// The 30-second slice `at` falls in.
pub fn window_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(WINDOW_SECONDS)
}

/// When the code of `window` stops being taken (the end of the next slice).
pub fn code_expires(window: i64) -> DateTime<Utc> {
    DateTime::from_timestamp((window + 2) * WINDOW_SECONDS, 0).unwrap_or_else(crate::clock::now)
}

/// What is signed to make a code.
pub fn code_message(course: Uuid, date: NaiveDate, window: i64, turn: u64) -> Vec<u8> {
    format!("courseworx/attendance-code/v1/{course}/{date}/{window}/{turn}").into_bytes()
}

/// Six characters of `CODE_ALPHABET` from a MAC's bytes (5 bits each).
pub fn code_from_mac(mac: &[u8]) -> String {
    let mut bits: u64 = 0;
    for b in mac.iter().take(8) {
        bits = (bits << 8) | u64::from(*b);
    }
    (0..CODE_LEN)
        .map(|i| CODE_ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// A typed code as the server compares it: upper case, without spaces or dashes; `None`
/// when it cannot be a code.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// The body of `PUT /api/courses/{id}/attendance`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterForm {
    /// `YYYY-MM-DD`.
    pub session_date: Option<String>,
    #[schema(max_items = 1000)]
    pub records: Option<Vec<RegisterEntry>>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterEntry {
    pub user_id: Uuid,
    /// present, absent, late or excused.
    pub status: String,
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
}

/// A checked register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    pub date: NaiveDate,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub user_id: Uuid,
    pub status: AttendanceState,
    pub notes: Option<String>,
}

/// A date written `YYYY-MM-DD`.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

impl RegisterForm {
    pub fn parse(&self) -> Result<Register, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = match self.session_date.as_deref() {
            None => {
                errors.add("sessionDate", FieldError::Required);
                None
            }
            Some(raw) => {
                let d = parse_date(raw);
                if d.is_none() {
                    errors.add("sessionDate", FieldError::Date);
                }
                d
            }
        };
        let entries = self.records.as_deref().unwrap_or_default();
        if self.records.is_none() {
            errors.add("records", FieldError::Required);
        }
        if entries.len() > REGISTER_MAX {
            errors.add("records", FieldError::TooMany { max: REGISTER_MAX });
        }
        let mut marks = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let status = AttendanceState::parse(e.status.trim());
            if status.is_none() {
                errors.add(
                    &format!("records[{i}].status"),
                    FieldError::AttendanceStatus,
                );
            }
            if marks.iter().any(|m: &Mark| m.user_id == e.user_id) {
                errors.add(&format!("records[{i}].userId"), FieldError::Repeated);
            }
            let notes = e.notes.as_deref().map(str::trim).filter(|n| !n.is_empty());
            if let Some(n) = notes {
                check_length(&mut errors, &format!("records[{i}].notes"), n, 1, NOTES_MAX);
                if n.chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
                {
                    errors.add(&format!("records[{i}].notes"), FieldError::Control);
                }
            }
            marks.push(Mark {
                user_id: e.user_id,
                status: status.unwrap_or(AttendanceState::Present),
                notes: notes.map(str::to_owned),
            });
        }
        errors.finish(Register {
            date: date.unwrap_or_default(),
            marks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_typeable_characters() {
        let code = code_from_mac(&[0xff; 32]);
        assert_eq!(code.len(), CODE_LEN);
        assert_eq!(normalise_code(&code), Some(code.clone()));
        assert_eq!(normalise_code(" ab-cd ef "), Some("ABCDEF".to_owned()));
        assert_eq!(normalise_code("ABCDE0"), None, "0 is not in the alphabet");
        assert_eq!(normalise_code("ABCDEFG"), None);
        assert_eq!(normalise_code(""), None);
        // Different MACs give different codes.
        assert_ne!(code_from_mac(&[1; 32]), code_from_mac(&[2; 32]));
    }

    #[test]
    fn a_code_lives_at_most_a_minute() {
        let at = DateTime::from_timestamp(1_000_000_015, 0).unwrap();
        let w = window_of(at);
        assert_eq!(w, 1_000_000_015 / 30);
        let expires = code_expires(w);
        assert!(expires > at && (expires - at).num_seconds() <= 60);
    }

    #[test]
    fn the_rate_leaves_excused_sessions_out() {
        let rec = |status| AttendanceRecord {
            id: Uuid::nil(),
            user_id: Uuid::nil(),
            course_id: Uuid::nil(),
            session_date: NaiveDate::default(),
            sign_in_time: None,
            sign_out_time: None,
            duration: None,
            status,
            notes: None,
        };
        use AttendanceState::*;
        let h = AttendanceHistory::new(
            Uuid::nil(),
            vec![rec(Present), rec(Late), rec(Absent), rec(Excused)],
        );
        assert_eq!(h.rate, Some(66.67));
        assert_eq!(
            AttendanceHistory::new(Uuid::nil(), vec![rec(Excused)]).rate,
            None
        );
    }

    #[test]
    fn a_register_is_checked_line_by_line() {
        let id = Uuid::now_v7();
        let form = RegisterForm {
            session_date: Some("2026-12-05".into()),
            records: Some(vec![
                RegisterEntry {
                    user_id: id,
                    status: "present".into(),
                    notes: None,
                },
                RegisterEntry {
                    user_id: id,
                    status: "asleep".into(),
                    notes: None,
                },
            ]),
        };
        let errors = form.parse().unwrap_err();
        assert!(errors.get("records[1].status").is_some());
        assert!(errors.get("records[1].userId").is_some());
        let bad_date = RegisterForm {
            session_date: Some("05/12/2026".into()),
            records: Some(vec![]),
        };
        assert!(bad_date.parse().unwrap_err().get("sessionDate").is_some());
        assert_eq!(
            minutes_between(
                DateTime::from_timestamp(0, 0).unwrap(),
                DateTime::from_timestamp(125, 0).unwrap()
            ),
            2
        );
    }
}
