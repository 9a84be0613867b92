//! A video's captions: one WebVTT track, checked before it is stored.
//!
//! The player hands the track to the browser's own `<track>` renderer, which treats cue
//! text as text (its few tags are WebVTT's, never HTML), so the file needs no sanitising;
//! what is checked is that it is what it says it is. A SubRip (`.srt`) file, what most
//! captioning tools export, is turned into WebVTT on the way in: the two differ only in
//! the header and the decimal comma of the timings.

use crate::domain::validation::FieldError;

/// The largest track taken, in bytes: hours of dense captions fit in far less.
pub const MAX_BYTES: usize = 512 * 1024;

/// The longest language tag (BCP 47's longest common forms fit in 35).
const LANGUAGE_MAX: usize = 35;

/// The track as it will be stored and served: UTF-8 WebVTT, without a byte-order mark.
pub fn check(bytes: &[u8]) -> Result<String, FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::Required);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FieldError::Captions)?;
    if text.contains('\0') {
        return Err(FieldError::Captions);
    }
    if is_webvtt(text) {
        return Ok(text.to_owned());
    }
    from_subrip(text).ok_or(FieldError::Captions)
}

/// WebVTT's signature: `WEBVTT`, then the end, a space, a tab or a line break.
fn is_webvtt(text: &str) -> bool {
    text.strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r']))
}

/// A SubRip file as WebVTT, or `None` when it is not one: its first block must be a cue
/// number and a timing line.
fn from_subrip(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim_end).skip_while(|l| l.is_empty());
    let number = lines.next()?;
    let timing = lines.next()?;
    if number.trim().parse::<u32>().is_err() || subrip_timing(timing).is_none() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("WEBVTT\n\n");
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        match subrip_timing(line) {
            Some(timing) => out.push_str(&timing),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Some(out)
}

/// `00:00:01,000 --> 00:00:04,500` as WebVTT writes it (`.` before the milliseconds).
fn subrip_timing(line: &str) -> Option<String> {
    let (start, end) = line.split_once("-->")?;
    let start = subrip_time(start.trim())?;
    let end = subrip_time(end.split_whitespace().next()?)?;
    Some(format!("{start} --> {end}"))
}

fn subrip_time(time: &str) -> Option<String> {
    let (clock, millis) = time.split_once([',', '.'])?;
    let parts: Vec<&str> = clock.split(':').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let clock_ok = parts.len() == 3
        && parts[0].len() >= 2
        && parts[0].bytes().all(|b| b.is_ascii_digit())
        && digits(parts[1], 2)
        && digits(parts[2], 2);
    (clock_ok && digits(millis, 3)).then(|| format!("{clock}.{millis}"))
}

/// The track's language, as the player's `srclang` gives it: empty is none; otherwise a
/// language tag (`en`, `ar`, `ar-EG`, `zh-Hant`), its first part lower-cased.
pub fn parse_language(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let mut parts = raw.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if raw.len() > LANGUAGE_MAX || !primary_ok || !rest_ok {
        return Err(FieldError::LanguageTag);
    }
    let (primary, rest) = raw.split_at(primary.len());
    Ok(Some(format!("{}{rest}", primary.to_ascii_lowercase())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webvtt_is_taken_as_it_is() {
        let vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n";
        assert_eq!(check(vtt.as_bytes()).unwrap(), vtt);
        assert_eq!(check(b"WEBVTT").unwrap(), "WEBVTT");
        assert_eq!(
            check(b"WEBVTT - a title\r\n").unwrap(),
            "WEBVTT - a title\r\n"
        );
    }

    #[test]
    fn the_byte_order_mark_is_dropped() {
        assert_eq!(check(b"\xEF\xBB\xBFWEBVTT\n").unwrap(), "WEBVTT\n");
    }

    #[test]
    fn what_is_not_webvtt_is_refused() {
        assert_eq!(check(b""), Err(FieldError::Required));
        assert_eq!(check(b"WEBVTTX\n"), Err(FieldError::Captions));
        assert_eq!(check(b"webvtt\n"), Err(FieldError::Captions));
        assert_eq!(
            check(b"<script>alert(1)</script>"),
            Err(FieldError::Captions)
        );
        assert_eq!(check(b"WEBVTT\n\xff\xfe"), Err(FieldError::Captions));
        assert_eq!(check(b"WEBVTT\n\0"), Err(FieldError::Captions));
        assert_eq!(check(b"\x89PNG\r\n\x1a\n"), Err(FieldError::Captions));
    }

    #[test]
    fn subrip_becomes_webvtt() {
        let srt = "1\r\n00:00:01,000 --> 00:00:04,500\r\nمرحبا\r\n\r\n2\r\n00:00:05,000 --> 00:00:06,000\r\nSecond, with a comma\r\n";
        assert_eq!(
            check(srt.as_bytes()).unwrap(),
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.500\nمرحبا\n\n2\n00:00:05.000 --> 00:00:06.000\nSecond, with a comma\n"
        );
        // A number and no timing line is not SubRip.
        assert_eq!(check(b"1\nhello\n"), Err(FieldError::Captions));
        assert_eq!(
            check(b"1\n00:00:01 --> 00:00:02\n"),
            Err(FieldError::Captions)
        );
    }

    #[test]
    fn languages() {
        assert_eq!(parse_language(None), Ok(None));
        assert_eq!(parse_language(Some("  ")), Ok(None));
        assert_eq!(parse_language(Some("EN")), Ok(Some("en".to_owned())));
        assert_eq!(parse_language(Some("ar-EG")), Ok(Some("ar-EG".to_owned())));
        assert_eq!(
            parse_language(Some("zh-Hant-TW")),
            Ok(Some("zh-Hant-TW".to_owned()))
        );
        for bad in [
            "e",
            "english",
            "en_US",
            "en-",
            "ar-\"x",
            "a1",
            &"en-abc".repeat(8),
        ] {
            assert_eq!(
                parse_language(Some(bad)),
                Err(FieldError::LanguageTag),
                "{bad}"
            );
        }
    }
}
