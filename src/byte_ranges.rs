//! HTTP Range requests and conditional GET for stored files (RFC 9110).
//!
//! Everything here reads attacker-controlled headers, so every function is
//! total: malformed input leads to a conservative answer (usually "send the
//! whole file"), never to a panic.

use std::ops::Range;

use http::HeaderMap;
use http::header::{IF_NONE_MATCH, IF_RANGE, RANGE};

/// More range-specs than this in one request and we send the full file.
/// RFC 9110 14.2 lets a server ignore a Range header it considers abusive.
const MAX_RANGES: usize = 32;

/// What to send for a GET of a representation of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum RangeAnswer {
    /// 200 with the whole body: no Range header, an If-Range that does not
    /// match, or a Range header that is not `bytes=`, is invalid or abusive.
    Full,
    /// 206: one or more satisfiable ranges, in the order asked, each clipped
    /// to `len`; `end` is exclusive and every range is non-empty.
    Partial(Vec<Range<u64>>),
    /// 416, to be sent with `Content-Range: bytes */len`
    /// (see [`content_range_unsatisfied`]).
    Unsatisfiable,
}

/// One piece of a `multipart/byteranges` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal bytes: a part header block or the closing delimiter.
    Bytes(Vec<u8>),
    /// File bytes `start..end` (end exclusive) for the caller to copy.
    Range(Range<u64>),
}

/// A parsed range-spec, before it is resolved against the length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spec {
    /// `first-last` (both inclusive, first <= last).
    Closed(u64, u64),
    /// `first-`
    From(u64),
    /// `-n`: the last n bytes.
    Suffix(u64),
}

/// Decides between 200, 206 and 416 for a GET of `len` bytes whose current
/// strong entity tag is `etag` (with its quotes, as from [`etag_for`]).
pub fn answer(headers: &HeaderMap, len: u64, etag: &str) -> RangeAnswer {
    let Some(range) = single_header(headers, RANGE) else {
        return RangeAnswer::Full;
    };
    // If-Range is only meaningful with a Range header (RFC 9110 13.1.5).
    if headers.contains_key(IF_RANGE) && !if_range_matches(headers, etag) {
        return RangeAnswer::Full;
    }
    let Some(specs) = parse_range_header(range) else {
        return RangeAnswer::Full;
    };
    resolve(&specs, len)
}

/// Whether the request's If-None-Match matches `etag` (weak comparison, `*`
/// matches anything); if so the caller answers 304 Not Modified.
pub fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    let wanted = opaque_tag(etag.as_bytes());
    // The field is a list and may be split over several header lines.
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .any(|value| if_none_match_line_matches(value.as_bytes(), wanted))
}

/// A strong ETag for a stored object, e.g. `"3f2a09c1d4e5b6a7"` (quotes
/// included). FNV-1a 64 rather than std's `DefaultHasher` because the
/// latter's output may change between Rust releases, which would silently
/// invalidate every client cache after an upgrade.
pub fn etag_for(key: &str, size: u64, version: &str) -> String {
    let mut hash = Fnv1a64::new();
    // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
    hash.write(&(key.len() as u64).to_le_bytes());
    hash.write(key.as_bytes());
    hash.write(&size.to_le_bytes());
    hash.write(&(version.len() as u64).to_le_bytes());
    hash.write(version.as_bytes());
    format!("\"{:016x}\"", hash.finish())
}

/// The Content-Range value for one range of a `len`-byte representation,
/// e.g. `bytes 0-499/1234`. An empty range cannot be expressed, so it yields
/// the unsatisfied form `bytes */len` rather than a bogus value.
pub fn content_range(range: &Range<u64>, len: u64) -> String {
    if range.start >= range.end {
        return content_range_unsatisfied(len);
    }
    format!("bytes {}-{}/{}", range.start, range.end - 1, len)
}

/// The Content-Range value that goes with a 416: `bytes */len`.
pub fn content_range_unsatisfied(len: u64) -> String {
    format!("bytes */{len}")
}

/// A `multipart/byteranges` body (RFC 9110 14.6) for several ranges.
///
/// Returns the Content-Type header value (with the boundary actually used)
/// and the parts in order; the caller writes `Part::Bytes` as is and copies
/// `Part::Range` from the file, so file bytes are never held in memory.
/// `boundary` should be a random token that cannot occur in the file; it is
/// reduced to RFC 2046 boundary characters (at most 70) so a bad one cannot
/// break the framing. A `content_type` containing control characters is
/// replaced by `application/octet-stream` so it cannot inject part headers.
pub fn multipart(
    ranges: &[Range<u64>],
    len: u64,
    content_type: &str,
    boundary: &str,
) -> (String, Vec<Part>) {
    let boundary = clean_boundary(boundary);
    let content_type = clean_content_type(content_type);
    let mut parts = Vec::with_capacity(ranges.len() * 2 + 1);
    for (index, range) in ranges.iter().enumerate() {
        // The first delimiter starts the body; later ones end the previous
        // part's bytes with the CRLF that belongs to the delimiter.
        let lead = if index == 0 { "" } else { "\r\n" };
        let header = format!(
            "{lead}--{boundary}\r\nContent-Type: {content_type}\r\nContent-Range: {}\r\n\r\n",
            content_range(range, len)
        );
        parts.push(Part::Bytes(header.into_bytes()));
        parts.push(Part::Range(range.clone()));
    }
    parts.push(Part::Bytes(format!("\r\n--{boundary}--\r\n").into_bytes()));
    let header_value = format!("multipart/byteranges; boundary={boundary}");
    (header_value, parts)
}

/// The exact Content-Length of a body made of `parts`.
pub fn multipart_len(parts: &[Part]) -> u64 {
    parts.iter().fold(0u64, |total, part| {
        let size = match part {
            Part::Bytes(bytes) => bytes.len() as u64,
            Part::Range(range) => range.end.saturating_sub(range.start),
        };
        total.saturating_add(size)
    })
}

/// The value of a header that must appear at most once; `None` when absent
/// or repeated (Range is not a list field, so two of them are malformed).
fn single_header(headers: &HeaderMap, name: http::header::HeaderName) -> Option<&[u8]> {
    let mut values = headers.get_all(name).iter();
    let first = values.next()?;
    if values.next().is_some() {
        return None;
    }
    Some(first.as_bytes())
}

/// If-Range matches only when it is exactly our strong entity tag. Weak tags
/// never match, and HTTP dates are treated as not matching: we have strong
/// validators, and a date is too coarse to be safe for ranges.
fn if_range_matches(headers: &HeaderMap, etag: &str) -> bool {
    let Some(value) = single_header(headers, IF_RANGE) else {
        return false;
    };
    let value = trim_ows(value);
    let strong = |tag: &[u8]| tag.first() == Some(&b'"');
    strong(value) && strong(etag.as_bytes()) && value == etag.as_bytes()
}

/// Parses `bytes=spec, spec, ...`; `None` means "ignore the header".
fn parse_range_header(value: &[u8]) -> Option<Vec<Spec>> {
    let eq = value.iter().position(|&b| b == b'=')?;
    let (unit, set) = (&value[..eq], &value[eq + 1..]);
    // Range units are case-insensitive (RFC 9110 14.1).
    if !unit.eq_ignore_ascii_case(b"bytes") {
        return None;
    }
    let mut specs = Vec::new();
    for element in set.split(|&b| b == b',') {
        let element = trim_ows(element);
        // Empty list elements are allowed and ignored (RFC 9110 5.6.1.2).
        if element.is_empty() {
            continue;
        }
        specs.push(parse_spec(element)?);
        // Stop early so a huge header costs no more work than 33 specs.
        if specs.len() > MAX_RANGES {
            return None;
        }
    }
    if specs.is_empty() {
        return None;
    }
    Some(specs)
}

/// Parses one range-spec; no whitespace is allowed inside it.
fn parse_spec(element: &[u8]) -> Option<Spec> {
    let dash = element.iter().position(|&b| b == b'-')?;
    let (first, last) = (&element[..dash], &element[dash + 1..]);
    if first.is_empty() {
        return Some(Spec::Suffix(parse_digits(last)?));
    }
    let first = parse_digits(first)?;
    if last.is_empty() {
        return Some(Spec::From(first));
    }
    let last = parse_digits(last)?;
    if first > last {
        return None;
    }
    Some(Spec::Closed(first, last))
}

/// 1*DIGIT as u64; `None` on anything else or on overflow. Hand-rolled
/// because `u64::from_str` also accepts a leading `+`.
fn parse_digits(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |acc, &b| {
        if !b.is_ascii_digit() {
            return None;
        }
        acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
    })
}

/// Turns valid specs into the answer for a representation of `len` bytes.
fn resolve(specs: &[Spec], len: u64) -> RangeAnswer {
    let ranges: Vec<Range<u64>> = specs.iter().filter_map(|s| satisfy(*s, len)).collect();
    if ranges.is_empty() {
        return RangeAnswer::Unsatisfiable;
    }
    // Overlapping ranges can ask for the file many times over; only overlap
    // can push the total past len, so 2x len is a cheap abuse test.
    let asked = ranges
        .iter()
        .fold(0u64, |sum, r| sum.saturating_add(r.end - r.start));
    if asked > len.saturating_mul(2) {
        return RangeAnswer::Full;
    }
    RangeAnswer::Partial(ranges)
}

/// The clipped byte range for one spec, or `None` when it is unsatisfiable.
/// An empty representation satisfies nothing: a 206 for it could not carry
/// a valid Content-Range.
fn satisfy(spec: Spec, len: u64) -> Option<Range<u64>> {
    if len == 0 {
        return None;
    }
    match spec {
        Spec::Closed(first, last) if first < len => Some(first..last.min(len - 1) + 1),
        Spec::From(first) if first < len => Some(first..len),
        Spec::Suffix(n) if n > 0 => Some(len.saturating_sub(n)..len),
        _ => None,
    }
}

/// Strips optional whitespace (SP / HTAB) from both ends.
fn trim_ows(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// The opaque-tag of an entity tag, i.e. without a `W/` prefix, which is
/// what weak comparison compares.
fn opaque_tag(tag: &[u8]) -> &[u8] {
    tag.strip_prefix(b"W/").unwrap_or(tag)
}

/// Whether one If-None-Match line is `*` or lists a tag weakly equal to
/// `wanted`. A malformed list stops the scan: what was read so far counts,
/// the rest is ignored (so garbage can only cause a 200, never a false 304).
fn if_none_match_line_matches(line: &[u8], wanted: &[u8]) -> bool {
    let line = trim_ows(line);
    if line == b"*" {
        return true;
    }
    let mut rest = line;
    loop {
        rest = skip_separators(rest);
        if rest.is_empty() {
            return false;
        }
        let Some((tag, after)) = next_entity_tag(rest) else {
            return false;
        };
        if opaque_tag(tag) == wanted {
            return true;
        }
        rest = after;
    }
}

/// Skips whitespace and commas between list elements.
fn skip_separators(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b',', rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// Splits `[W/]"opaque"` off the front; returns (tag with quotes and any
/// `W/`, remainder). Tags may contain commas, so a plain split is wrong.
fn next_entity_tag(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let start = if bytes.starts_with(b"W/") { 2 } else { 0 };
    let body = bytes.get(start..)?;
    if body.first() != Some(&b'"') {
        return None;
    }
    let close = body.iter().skip(1).position(|&b| b == b'"')? + 1;
    let end = start + close + 1;
    Some((&bytes[..end], &bytes[end..]))
}

/// Fowler–Noll–Vo 1a, 64 bit: tiny, stable and good enough for cache keys.
struct Fnv1a64(u64);

impl Fnv1a64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Fnv1a64(Self::OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Boundary characters allowed by RFC 2046 `bcharsnospace`, so the value
/// never needs quoting in the Content-Type header.
fn clean_boundary(boundary: &str) -> String {
    let allowed = |c: &char| c.is_ascii_alphanumeric() || "'()+_,-./:=?".contains(*c);
    let cleaned: String = boundary.chars().filter(allowed).take(70).collect();
    if cleaned.is_empty() {
        return "courseworx-byteranges".to_string();
    }
    cleaned
}

/// A content type safe to put on a part header line.
fn clean_content_type(content_type: &str) -> &str {
    // `is_control` covers CR, LF, DEL and C1 controls.
    let safe = !content_type.is_empty() && !content_type.chars().any(char::is_control);
    if safe {
        content_type
    } else {
        "application/octet-stream"
    }
}

// Lists holding one range are the point of many tests here.
#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use http::HeaderValue;

    const ETAG: &str = "\"0123456789abcdef\"";

    fn with(pairs: &[(http::header::HeaderName, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(
                name.clone(),
                HeaderValue::from_str(value).expect("test value"),
            );
        }
        headers
    }

    fn range(value: &str, len: u64) -> RangeAnswer {
        answer(&with(&[(RANGE, value)]), len, ETAG)
    }

    fn partial(ranges: &[Range<u64>]) -> RangeAnswer {
        RangeAnswer::Partial(ranges.to_vec())
    }

    // --- answer: basic forms ---

    #[test]
    fn no_range_header_is_full() {
        assert_eq!(answer(&HeaderMap::new(), 1000, ETAG), RangeAnswer::Full);
    }

    #[test]
    fn closed_range() {
        assert_eq!(range("bytes=0-499", 1234), partial(&[0..500]));
        assert_eq!(range("bytes=500-999", 1234), partial(&[500..1000]));
        assert_eq!(range("bytes=7-7", 1234), partial(&[7..8]));
    }

    #[test]
    fn open_range() {
        assert_eq!(range("bytes=500-", 1234), partial(&[500..1234]));
        assert_eq!(range("bytes=0-", 1234), partial(&[0..1234]));
        assert_eq!(range("bytes=1233-", 1234), partial(&[1233..1234]));
    }

    #[test]
    fn suffix_range() {
        assert_eq!(range("bytes=-500", 1234), partial(&[734..1234]));
        assert_eq!(range("bytes=-1", 1234), partial(&[1233..1234]));
    }

    #[test]
    fn suffix_longer_than_file_is_whole_file() {
        assert_eq!(range("bytes=-5000", 1234), partial(&[0..1234]));
        assert_eq!(range("bytes=-1234", 1234), partial(&[0..1234]));
    }

    #[test]
    fn zero_suffix_is_unsatisfiable() {
        assert_eq!(range("bytes=-0", 1234), RangeAnswer::Unsatisfiable);
    }

    #[test]
    fn unit_is_case_insensitive() {
        assert_eq!(range("Bytes=0-9", 100), partial(&[0..10]));
        assert_eq!(range("BYTES=0-9", 100), partial(&[0..10]));
    }

    #[test]
    fn multiple_ranges_keep_order_and_allow_whitespace() {
        assert_eq!(
            range("bytes=500-599, 0-99,\t-10 ,200-", 1000),
            partial(&[500..600, 0..100, 990..1000, 200..1000])
        );
        assert_eq!(range("bytes=0-1,2-3", 10), partial(&[0..2, 2..4]));
    }

    #[test]
    fn empty_list_elements_are_ignored() {
        assert_eq!(range("bytes=0-1,,4-5,", 10), partial(&[0..2, 4..6]));
        assert_eq!(range("bytes=, 0-1", 10), partial(&[0..2]));
    }

    #[test]
    fn last_byte_past_end_is_clipped() {
        assert_eq!(range("bytes=1000-5000", 1234), partial(&[1000..1234]));
        assert_eq!(range("bytes=0-18446744073709551615", 10), partial(&[0..10]));
    }

    #[test]
    fn first_byte_past_end_is_unsatisfiable() {
        assert_eq!(range("bytes=1234-", 1234), RangeAnswer::Unsatisfiable);
        assert_eq!(range("bytes=1234-2000", 1234), RangeAnswer::Unsatisfiable);
        assert_eq!(range("bytes=5000-6000", 1234), RangeAnswer::Unsatisfiable);
    }

    #[test]
    fn unsatisfiable_ranges_are_dropped_when_others_are_fine() {
        assert_eq!(
            range("bytes=2000-3000,0-9,1234-,-0,10-19", 1234),
            partial(&[0..10, 10..20])
        );
    }

    #[test]
    fn all_unsatisfiable_is_unsatisfiable() {
        assert_eq!(
            range("bytes=2000-3000,-0,1234-", 1234),
            RangeAnswer::Unsatisfiable
        );
    }

    #[test]
    fn first_greater_than_last_is_invalid_and_ignored() {
        assert_eq!(range("bytes=500-400", 1234), RangeAnswer::Full);
        // One invalid spec spoils the whole header, even next to good ones.
        assert_eq!(range("bytes=0-9,5-4", 1234), RangeAnswer::Full);
    }

    #[test]
    fn empty_file_any_range_is_unsatisfiable() {
        for value in [
            "bytes=0-0",
            "bytes=0-",
            "bytes=-1",
            "bytes=-0",
            "bytes=0-9,-5",
        ] {
            assert_eq!(range(value, 0), RangeAnswer::Unsatisfiable, "{value}");
        }
        // But an invalid header is still ignored.
        assert_eq!(range("bytes=5-1", 0), RangeAnswer::Full);
    }

    #[test]
    fn other_units_are_ignored() {
        assert_eq!(range("items=0-9", 1234), RangeAnswer::Full);
        assert_eq!(range("none", 1234), RangeAnswer::Full);
        assert_eq!(range("bytesx=0-9", 1234), RangeAnswer::Full);
        assert_eq!(range("0-9", 1234), RangeAnswer::Full);
    }

    #[test]
    fn overflowing_numbers_are_invalid() {
        assert_eq!(
            range("bytes=18446744073709551616-", 1234),
            RangeAnswer::Full
        );
        assert_eq!(
            range("bytes=0-18446744073709551616", 1234),
            RangeAnswer::Full
        );
        assert_eq!(
            range("bytes=-99999999999999999999999", 1234),
            RangeAnswer::Full
        );
        assert_eq!(
            range("bytes=18446744073709551614-", u64::MAX),
            partial(&[u64::MAX - 1..u64::MAX])
        );
    }

    #[test]
    fn plus_sign_and_non_digits_are_invalid() {
        assert_eq!(range("bytes=+1-2", 1234), RangeAnswer::Full);
        assert_eq!(range("bytes=1-+2", 1234), RangeAnswer::Full);
        assert_eq!(range("bytes=0x1-2", 1234), RangeAnswer::Full);
        assert_eq!(range("bytes=1.5-2", 1234), RangeAnswer::Full);
    }

    #[test]
    fn thirty_two_ranges_are_allowed_thirty_three_are_not() {
        let specs = |n: u64| (0..n).map(|i| format!("{i}-{i}")).collect::<Vec<_>>();
        let ok = format!("bytes={}", specs(32).join(","));
        let expected: Vec<Range<u64>> = (0..32).map(|i| i..i + 1).collect();
        assert_eq!(range(&ok, 1000), RangeAnswer::Partial(expected));
        let too_many = format!("bytes={}", specs(33).join(","));
        assert_eq!(range(&too_many, 1000), RangeAnswer::Full);
    }

    #[test]
    fn too_many_ranges_counts_unsatisfiable_ones_too() {
        let value = format!("bytes=0-0,{}", vec!["5000-6000"; 32].join(","));
        assert_eq!(range(&value, 1000), RangeAnswer::Full);
    }

    #[test]
    fn overlapping_ranges_asking_over_twice_the_file_are_ignored() {
        // Exactly 2x is still served; one byte more is refused.
        assert_eq!(range("bytes=0-99,0-99", 100), partial(&[0..100, 0..100]));
        assert_eq!(range("bytes=0-99,0-99,0-0", 100), RangeAnswer::Full);
        assert_eq!(range("bytes=0-,-100,50-", 100), RangeAnswer::Full);
        // Overlap that stays under the limit is kept as asked, not coalesced.
        assert_eq!(range("bytes=0-59,40-99", 100), partial(&[0..60, 40..100]));
    }

    #[test]
    fn repeated_range_header_is_ignored() {
        let headers = with(&[(RANGE, "bytes=0-1"), (RANGE, "bytes=2-3")]);
        assert_eq!(answer(&headers, 100, ETAG), RangeAnswer::Full);
    }

    // --- If-Range ---

    #[test]
    fn if_range_with_our_strong_etag_allows_range() {
        let headers = with(&[(RANGE, "bytes=0-9"), (IF_RANGE, ETAG)]);
        assert_eq!(answer(&headers, 100, ETAG), partial(&[0..10]));
        let padded = with(&[(RANGE, "bytes=0-9"), (IF_RANGE, " \"0123456789abcdef\"\t")]);
        assert_eq!(answer(&padded, 100, ETAG), partial(&[0..10]));
    }

    #[test]
    fn if_range_with_other_etag_sends_full() {
        let headers = with(&[(RANGE, "bytes=0-9"), (IF_RANGE, "\"other\"")]);
        assert_eq!(answer(&headers, 100, ETAG), RangeAnswer::Full);
    }

    #[test]
    fn if_range_weak_etag_never_matches() {
        let weak = format!("W/{ETAG}");
        let headers = with(&[(RANGE, "bytes=0-9"), (IF_RANGE, &weak)]);
        assert_eq!(answer(&headers, 100, ETAG), RangeAnswer::Full);
        // Not even when our own tag is weak.
        assert_eq!(answer(&headers, 100, &weak), RangeAnswer::Full);
    }

    #[test]
    fn if_range_date_is_treated_as_not_matching() {
        let headers = with(&[
            (RANGE, "bytes=0-9"),
            (IF_RANGE, "Wed, 21 Oct 2015 07:28:00 GMT"),
        ]);
        assert_eq!(answer(&headers, 100, ETAG), RangeAnswer::Full);
    }

    #[test]
    fn if_range_without_range_is_full() {
        let headers = with(&[(IF_RANGE, ETAG)]);
        assert_eq!(answer(&headers, 100, ETAG), RangeAnswer::Full);
    }

    #[test]
    fn if_range_mismatch_beats_unsatisfiable() {
        let headers = with(&[(RANGE, "bytes=500-"), (IF_RANGE, "\"old\"")]);
        assert_eq!(answer(&headers, 100, ETAG), RangeAnswer::Full);
    }

    #[test]
    fn repeated_if_range_does_not_match() {
        let headers = with(&[(RANGE, "bytes=0-9"), (IF_RANGE, ETAG), (IF_RANGE, ETAG)]);
        assert_eq!(answer(&headers, 100, ETAG), RangeAnswer::Full);
    }

    // --- fuzz-ish: must never panic ---

    #[test]
    fn malformed_range_headers_are_ignored_without_panic() {
        let cases = [
            "bytes=",
            "bytes=,",
            "bytes=,,,",
            "bytes=--1",
            "bytes=1-2-3",
            "bytes= 1 - 2",
            "bytes=1 -2",
            "bytes=1- 2",
            "bytes=-",
            "bytes=a-b",
            "bytes==0-1",
            "=",
            "",
            " ",
            "bytes",
            "bytes=99999999999999999999999999999999-",
            "bytes=-99999999999999999999999999999999",
            "bytes=0-99999999999999999999999999999999",
        ];
        for value in cases {
            assert_eq!(range(value, 1000), RangeAnswer::Full, "{value:?}");
        }
    }

    #[test]
    fn non_ascii_headers_do_not_panic() {
        let mut headers = HeaderMap::new();
        let value = HeaderValue::from_bytes("bytes=0-1,é-ü,٣-٤".as_bytes()).expect("obs-text");
        headers.insert(RANGE, value);
        assert_eq!(answer(&headers, 1000, ETAG), RangeAnswer::Full);

        let mut headers = HeaderMap::new();
        headers.insert(
            RANGE,
            HeaderValue::from_bytes(&[0xff, 0xfe, b'=', 0x80]).expect("bytes"),
        );
        headers.insert(
            IF_RANGE,
            HeaderValue::from_bytes(&[b'"', 0xff]).expect("bytes"),
        );
        assert_eq!(answer(&headers, 1000, ETAG), RangeAnswer::Full);
        assert!(!not_modified(&headers, ETAG));
    }

    #[test]
    fn hundred_ranges_are_full() {
        let value = format!("bytes={}", vec!["0-0"; 100].join(","));
        assert_eq!(range(&value, 1000), RangeAnswer::Full);
        let value = format!("bytes={}", ",".repeat(10_000));
        assert_eq!(range(&value, 1000), RangeAnswer::Full);
    }

    #[test]
    fn extreme_lengths_do_not_panic() {
        for len in [0, 1, 2, u64::MAX - 1, u64::MAX] {
            for value in [
                "bytes=0-",
                "bytes=-1",
                "bytes=-18446744073709551615",
                "bytes=0-0,-1,1-",
            ] {
                let _ = range(value, len);
            }
        }
        assert_eq!(
            range("bytes=-1", u64::MAX),
            partial(&[u64::MAX - 1..u64::MAX])
        );
        assert_eq!(
            range("bytes=0-,0-", u64::MAX),
            partial(&[0..u64::MAX, 0..u64::MAX])
        );
    }

    // --- If-None-Match ---

    fn inm(values: &[&str]) -> HeaderMap {
        let pairs: Vec<_> = values.iter().map(|v| (IF_NONE_MATCH, *v)).collect();
        with(&pairs)
    }

    #[test]
    fn if_none_match_exact_and_weak() {
        assert!(not_modified(&inm(&[ETAG]), ETAG));
        assert!(not_modified(&inm(&["W/\"0123456789abcdef\""]), ETAG));
        assert!(not_modified(&inm(&[ETAG]), "W/\"0123456789abcdef\""));
    }

    #[test]
    fn if_none_match_star_matches() {
        assert!(not_modified(&inm(&["*"]), ETAG));
        assert!(not_modified(&inm(&[" * "]), ETAG));
    }

    #[test]
    fn if_none_match_lists_and_multiple_lines() {
        assert!(not_modified(
            &inm(&["\"a\", \"b\",W/\"0123456789abcdef\""]),
            ETAG
        ));
        assert!(not_modified(&inm(&["\"a\"", ETAG]), ETAG));
        assert!(not_modified(&inm(&["\"a,b\", \"0123456789abcdef\""]), ETAG));
    }

    #[test]
    fn if_none_match_misses() {
        assert!(!not_modified(&HeaderMap::new(), ETAG));
        assert!(!not_modified(&inm(&["\"nope\""]), ETAG));
        assert!(!not_modified(&inm(&["0123456789abcdef"]), ETAG));
        assert!(!not_modified(&inm(&["\"0123456789abcdef"]), ETAG));
        assert!(!not_modified(&inm(&["**"]), ETAG));
        assert!(!not_modified(&inm(&[""]), ETAG));
        // A comma inside a tag does not split it.
        assert!(not_modified(&inm(&["\"x,\""]), "\"x,\""));
        assert!(!not_modified(&inm(&["\"a,b\""]), "\"a\""));
    }

    #[test]
    fn if_none_match_garbage_never_panics() {
        for value in [
            "W/",
            "W/\"",
            "\"",
            ",,,",
            "W/W/\"a\"",
            "\"a\"\"b\"",
            "  ,\"",
            "W",
        ] {
            let _ = not_modified(&inm(&[value]), ETAG);
        }
    }

    // --- ETag ---

    #[test]
    fn fnv1a64_known_vectors() {
        let hash = |s: &str| {
            let mut h = Fnv1a64::new();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn etag_is_quoted_hex_and_stable() {
        let tag = etag_for("courses/1/intro.pdf", 1234, "v3");
        assert_eq!(tag.len(), 18);
        assert!(tag.starts_with('"') && tag.ends_with('"'));
        assert!(tag[1..17].chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(tag, etag_for("courses/1/intro.pdf", 1234, "v3"));
        // Pinned so an accidental change to the hash shows up here.
        let mut h = Fnv1a64::new();
        h.write(&19u64.to_le_bytes());
        h.write(b"courses/1/intro.pdf");
        h.write(&1234u64.to_le_bytes());
        h.write(&2u64.to_le_bytes());
        h.write(b"v3");
        assert_eq!(tag, format!("\"{:016x}\"", h.finish()));
    }

    #[test]
    fn etag_changes_with_each_input() {
        let base = etag_for("k", 1, "v");
        assert_ne!(base, etag_for("k2", 1, "v"));
        assert_ne!(base, etag_for("k", 2, "v"));
        assert_ne!(base, etag_for("k", 1, "v2"));
        // Field boundaries matter.
        assert_ne!(etag_for("ab", 1, "c"), etag_for("a", 1, "bc"));
    }

    #[test]
    fn etag_round_trips_through_if_none_match_and_if_range() {
        let tag = etag_for("key", 10, "2024-01-01T00:00:00Z");
        assert!(not_modified(&inm(&[&tag]), &tag));
        let headers = with(&[(RANGE, "bytes=0-4"), (IF_RANGE, &tag)]);
        assert_eq!(answer(&headers, 10, &tag), partial(&[0..5]));
    }

    // --- Content-Range ---

    #[test]
    fn content_range_values() {
        assert_eq!(content_range(&(0..500), 1234), "bytes 0-499/1234");
        assert_eq!(content_range(&(1233..1234), 1234), "bytes 1233-1233/1234");
        assert_eq!(content_range(&(5..5), 1234), "bytes */1234");
        assert_eq!(content_range_unsatisfied(0), "bytes */0");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 9..3;
        assert_eq!(content_range(&reversed, 10), "bytes */10");
    }

    // --- multipart/byteranges ---

    /// Builds the body the way a handler would, copying file bytes for ranges.
    fn assemble(parts: &[Part], file: &[u8]) -> Vec<u8> {
        let mut body = Vec::new();
        for part in parts {
            match part {
                Part::Bytes(bytes) => body.extend_from_slice(bytes),
                Part::Range(r) => body.extend_from_slice(&file[r.start as usize..r.end as usize]),
            }
        }
        body
    }

    #[test]
    fn multipart_two_ranges_exact_body() {
        let file = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let len = file.len() as u64;
        let RangeAnswer::Partial(ranges) = range("bytes=0-4,-3", len) else {
            panic!("expected partial");
        };
        let (content_type, parts) = multipart(&ranges, len, "text/plain", "SEP123");
        assert_eq!(content_type, "multipart/byteranges; boundary=SEP123");
        let body = assemble(&parts, file);
        let expected = concat!(
            "--SEP123\r\n",
            "Content-Type: text/plain\r\n",
            "Content-Range: bytes 0-4/36\r\n",
            "\r\n",
            "01234",
            "\r\n--SEP123\r\n",
            "Content-Type: text/plain\r\n",
            "Content-Range: bytes 33-35/36\r\n",
            "\r\n",
            "xyz",
            "\r\n--SEP123--\r\n",
        );
        assert_eq!(String::from_utf8(body.clone()).expect("ascii"), expected);
        assert_eq!(multipart_len(&parts), expected.len() as u64);
        assert_eq!(multipart_len(&parts), body.len() as u64);
    }

    #[test]
    fn multipart_parts_shape() {
        let (_, parts) = multipart(&[0..1, 2..3, 4..5], 10, "application/pdf", "b");
        assert_eq!(parts.len(), 7);
        assert_eq!(parts[1], Part::Range(0..1));
        assert_eq!(parts[3], Part::Range(2..3));
        assert_eq!(parts[5], Part::Range(4..5));
        assert_eq!(parts[6], Part::Bytes(b"\r\n--b--\r\n".to_vec()));
    }

    #[test]
    fn multipart_sanitises_boundary_and_content_type() {
        let (content_type, parts) = multipart(&[0..1], 2, "text/html\r\nX-Evil: 1", "a b\r\n\"c");
        assert_eq!(content_type, "multipart/byteranges; boundary=abc");
        let Part::Bytes(head) = &parts[0] else {
            panic!("expected header bytes");
        };
        let head = String::from_utf8(head.clone()).expect("ascii");
        assert_eq!(
            head,
            "--abc\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-0/2\r\n\r\n"
        );
        let (content_type, _) = multipart(&[0..1], 2, "", "\r\n");
        assert_eq!(
            content_type,
            "multipart/byteranges; boundary=courseworx-byteranges"
        );
        let (content_type, _) = multipart(&[0..1], 2, "x", &"z".repeat(200));
        assert_eq!(
            content_type.len(),
            "multipart/byteranges; boundary=".len() + 70
        );
    }

    #[test]
    fn multipart_len_saturates_and_handles_odd_ranges() {
        #[allow(clippy::reversed_empty_ranges)]
        let parts = vec![
            Part::Range(0..u64::MAX),
            Part::Range(0..u64::MAX),
            Part::Range(9..3),
        ];
        assert_eq!(multipart_len(&parts), u64::MAX);
        assert_eq!(multipart_len(&[]), 0);
    }
}
