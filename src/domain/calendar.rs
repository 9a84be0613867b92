//! The private calendar feed: a user's course dates, assignment due dates and attendance
//! sessions as an iCalendar file (RFC 5545) at `GET /calendar/{token}.ics`, which
//! calendar applications subscribe to without signing in.
//!
//! **The token.** `base64url(userId ‖ HMAC(key, "courseworx/calendar-feed/v1", userId,
//! secret))`: 16 bytes of the user's id and the 32 bytes of the MAC, 64 characters. `key` is
//! derived from the installation's secret (`auth::jwt::Keys::mac`), `secret` is 32 random
//! bytes kept in the user's `calendar_feeds` row. So:
//! - nothing stored is the token: the database alone does not give it, nor the
//!   installation's secret alone;
//! - the server shows the same address again whenever asked, and checks one with a single
//!   row lookup by the id it carries and a constant-time comparison of the MAC;
//! - resetting the link draws a new `secret`, and every older address stops working.
//!
//! **The file.** Written here rather than with a crate: it needs only `VEVENT`s with text,
//! dates and UTC times, and the rules that matter are few and tested below (CRLF line ends,
//! lines folded at 75 octets without splitting a character, `\ ; ,` and line breaks
//! escaped in text, no control characters).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::attendance::AttendanceState;

/// Bytes of the MAC in a token (all of HMAC-SHA256's).
pub const MAC_BYTES: usize = 32;
/// Characters of a token: 48 bytes in unpadded base64url.
pub const TOKEN_LEN: usize = 64;

/// What the token's MAC signs.
pub fn token_message(user: Uuid, secret: &str) -> Vec<u8> {
    format!("courseworx/calendar-feed/v1\0{user}\0{secret}").into_bytes()
}

/// The token for `user` whose MAC is `mac` (`MAC_BYTES` bytes).
pub fn encode_token(user: Uuid, mac: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(16 + mac.len());
    bytes.extend_from_slice(user.as_bytes());
    bytes.extend_from_slice(mac);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The user a token names and the MAC it carries; `None` when it cannot be a token.
pub fn parse_token(token: &str) -> Option<(Uuid, [u8; MAC_BYTES])> {
    if token.len() != TOKEN_LEN {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    let (user, mac) = bytes.split_at_checked(16)?;
    Some((Uuid::from_slice(user).ok()?, mac.try_into().ok()?))
}

/// The token in the last segment of the feed's address (`<token>.ics`).
pub fn token_of_file(file: &str) -> Option<&str> {
    file.strip_suffix(".ics")
}

/// One thing on a user's calendar, as read from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedItem {
    /// A course's dates: one the user learns in, or teaches (`teaching`).
    Course {
        id: Uuid,
        title: String,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
        teaching: bool,
    },
    /// A published assignment's due date (for its trainer, drafts too).
    Assignment {
        id: Uuid,
        course_title: String,
        title: String,
        due: DateTime<Utc>,
        points: i32,
        teaching: bool,
    },
    /// The trainee's own attendance at a session.
    Attendance {
        id: Uuid,
        course_id: Uuid,
        course_title: String,
        date: NaiveDate,
        status: AttendanceState,
        sign_in: Option<DateTime<Utc>>,
        sign_out: Option<DateTime<Utc>>,
    },
    /// A date the trainer took a register, with its counts.
    Register {
        course_id: Uuid,
        course_title: String,
        date: NaiveDate,
        present: u32,
        late: u32,
        absent: u32,
        excused: u32,
    },
}

/// When an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Whole days, `first` to `last` included.
    Days { first: NaiveDate, last: NaiveDate },
    /// A moment (a deadline).
    At(DateTime<Utc>),
}

/// One `VEVENT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across requests, unique across the site: `assignment-<id>@courseworx`.
    pub uid: String,
    pub when: When,
    pub summary: String,
    pub description: String,
    pub url: Option<String>,
}

/// The whole feed: `name` is the calendar's name, `now` its `DTSTAMP`.
pub fn write_calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CourseWorx//Calendar feed//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("NAME:{}", escape_text(name)));
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    // How often subscribers should ask again (RFC 7986, and Outlook's older name).
    push_line(&mut out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    push_line(&mut out, "X-PUBLISHED-TTL:PT1H");
    for event in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape_text(&event.uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        match event.when {
            When::Days { first, last } => {
                let end = last
                    .succ_opt()
                    .unwrap_or(last)
                    .max(first.succ_opt().unwrap_or(first));
                push_line(
                    &mut out,
                    &format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")),
                );
                // DTEND of whole days is the day after the last (exclusive).
                push_line(
                    &mut out,
                    &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
                );
                push_line(&mut out, "TRANSP:TRANSPARENT");
            }
            When::At(at) => {
                // No DTEND: the event is that moment (RFC 5545, 3.6.1).
                push_line(
                    &mut out,
                    &format!("DTSTART:{}", at.format("%Y%m%dT%H%M%SZ")),
                );
                push_line(&mut out, "TRANSP:TRANSPARENT");
            }
        }
        push_line(
            &mut out,
            &format!("SUMMARY:{}", escape_text(&event.summary)),
        );
        if !event.description.is_empty() {
            push_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&event.description)),
            );
        }
        if let Some(url) = &event.url {
            push_line(&mut out, &format!("URL;VALUE=URI:{}", uri(url)));
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped; other control
/// characters (which TEXT may not hold) dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: the application makes them, but nothing that would end the line or break
/// the URI passes.
fn uri(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Appends one content line, folded so that no line is longer than 75 octets (a
/// continuation starts with a space), never inside a character, and ended by CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_anything_else_is_refused() {
        let user = Uuid::now_v7();
        let mac = [7u8; MAC_BYTES];
        let token = encode_token(user, &mac);
        assert_eq!(token.len(), TOKEN_LEN);
        assert!(
            token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(parse_token(&token), Some((user, mac)));
        assert_eq!(parse_token(&token[1..]), None);
        assert_eq!(parse_token(&format!("{token}A")), None);
        assert_eq!(parse_token(&token.replace(|_| true, "+")), None);
        assert_eq!(parse_token(""), None);
        assert_eq!(parse_token(&"é".repeat(32)), None);
        assert_eq!(token_of_file(&format!("{token}.ics")), Some(token.as_str()));
        assert_eq!(token_of_file(&token), None);
        assert_ne!(token_message(user, "a"), token_message(user, "b"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\rg\u{7}h\ti"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ngh i"
        );
        assert_eq!(escape_text("مرحبا، عالم"), "مرحبا، عالم");
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "ب".repeat(100));
        push_line(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        let parts: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(parts.len() > 1);
        for (i, part) in parts.iter().enumerate() {
            assert!(part.len() <= 75, "{i}: {} octets", part.len());
            if i > 0 {
                assert!(part.starts_with(' '));
            }
        }
        let unfolded: String = parts
            .iter()
            .enumerate()
            .map(|(i, p)| if i == 0 { *p } else { &p[1..] })
            .collect();
        assert_eq!(unfolded, line);
    }

    #[test]
    fn a_calendar_has_its_events_with_dates_and_moments() {
        let now = DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let ics = write_calendar(
            "CourseWorx",
            &[
                Event {
                    uid: "course-1@courseworx".into(),
                    when: When::Days {
                        first: day("2026-12-01"),
                        last: day("2026-12-31"),
                    },
                    summary: "Forklift, basics".into(),
                    description: String::new(),
                    url: Some("https://lms.example.org/courses/1".into()),
                },
                Event {
                    uid: "assignment-2@courseworx".into(),
                    when: When::At(now),
                    summary: "Due".into(),
                    description: "Line one\nLine two".into(),
                    url: None,
                },
            ],
            now,
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(ics.contains("SUMMARY:Forklift\\, basics\r\n"));
        assert!(ics.contains("DTSTART:20261206T100000Z\r\n"));
        assert!(ics.contains("DTSTAMP:20261206T100000Z\r\n"));
        assert!(ics.contains("DESCRIPTION:Line one\\nLine two\r\n"));
        assert!(ics.contains("URL;VALUE=URI:https://lms.example.org/courses/1\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    }
}
