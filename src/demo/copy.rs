//! PostgreSQL's `COPY ... FROM STDIN` text format: one line per row, columns separated by
//! tabs, `\N` for NULL, backslash escapes for tab, newline, carriage return and backslash.
//! Each value is written as PostgreSQL's own input function reads it (the same text a cast
//! from a string literal takes), so a row copied equals the row an `INSERT` with bound
//! values would have written.

use std::io::Write;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use sea_orm::Value;
use sea_orm::sea_query::ArrayType;

/// Appends one row (a line) to `out`. Fails on a value type the generator does not write.
pub fn row(out: &mut Vec<u8>, values: &[Value]) -> Result<(), String> {
    for (k, v) in values.iter().enumerate() {
        if k > 0 {
            out.push(b'\t');
        }
        value(out, v)?;
    }
    out.push(b'\n');
    Ok(())
}

fn value(out: &mut Vec<u8>, v: &Value) -> Result<(), String> {
    if !v.is_some() {
        out.extend_from_slice(b"\\N");
        return Ok(());
    }
    match v {
        Value::Bool(Some(b)) => out.push(if *b { b't' } else { b'f' }),
        Value::Int(Some(n)) => write_display(out, n),
        Value::BigInt(Some(n)) => write_display(out, n),
        Value::String(Some(s)) => escaped(out, s),
        Value::Uuid(Some(u)) => {
            let mut buf = uuid::Uuid::encode_buffer();
            out.extend_from_slice(u.hyphenated().encode_lower(&mut buf).as_bytes());
        }
        Value::ChronoDateTimeUtc(Some(t)) => timestamp(out, t),
        Value::ChronoDate(Some(d)) => date(out, d),
        Value::Decimal(Some(d)) => write_display(out, d),
        Value::Json(Some(j)) => {
            let text = serde_json::to_string(j).map_err(|e| e.to_string())?;
            escaped(out, &text);
        }
        Value::Array(ArrayType::String, Some(items)) => {
            // An array literal, `{"a","b"}`, whose own quoting is then COPY-escaped.
            let mut literal = String::from("{");
            for (k, item) in items.iter().enumerate() {
                let Value::String(Some(s)) = item else {
                    return Err(format!("a text[] item that is not text: {item:?}"));
                };
                if k > 0 {
                    literal.push(',');
                }
                literal.push('"');
                for c in s.chars() {
                    if c == '"' || c == '\\' {
                        literal.push('\\');
                    }
                    literal.push(c);
                }
                literal.push('"');
            }
            literal.push('}');
            escaped(out, &literal);
        }
        other => return Err(format!("no COPY text for {other:?}")),
    }
    Ok(())
}

fn write_display(out: &mut Vec<u8>, v: &impl std::fmt::Display) {
    // Writing to a Vec cannot fail.
    let _ = write!(out, "{v}");
}

/// Text with COPY's backslash escapes.
fn escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc = match b {
            b'\\' => b'\\',
            b'\t' => b't',
            b'\n' => b'n',
            b'\r' => b'r',
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.push(b'\\');
        out.push(esc);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

fn two(out: &mut Vec<u8>, n: u32) {
    out.push(b'0' + (n / 10 % 10) as u8);
    out.push(b'0' + (n % 10) as u8);
}

fn date(out: &mut Vec<u8>, d: &NaiveDate) {
    let y = d.year();
    if (0..=9999).contains(&y) {
        let y = y as u32;
        two(out, y / 100);
        two(out, y % 100);
        out.push(b'-');
        two(out, d.month());
        out.push(b'-');
        two(out, d.day());
    } else {
        write_display(out, &d.format("%Y-%m-%d"));
    }
}

/// `YYYY-MM-DD HH:MM:SS[.ffffff]+00` (a `timestamptz` in UTC, to the microsecond).
fn timestamp(out: &mut Vec<u8>, t: &DateTime<Utc>) {
    date(out, &t.date_naive());
    out.push(b' ');
    two(out, t.hour());
    out.push(b':');
    two(out, t.minute());
    out.push(b':');
    two(out, t.second());
    let micros = t.nanosecond() / 1_000;
    if micros > 0 {
        let _ = write!(out, ".{micros:06}");
    }
    out.extend_from_slice(b"+00");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rust_decimal::Decimal;
    use serde_json::json;

    fn line(values: Vec<Value>) -> String {
        let mut out = Vec::new();
        row(&mut out, &values).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn values_are_written_as_postgres_reads_them() {
        let at = Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 7).unwrap();
        let id = uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(
            line(vec![
                id.into(),
                Some(true).into(),
                Option::<i32>::None.into(),
                42.into(),
                at.into(),
                (at + chrono::TimeDelta::microseconds(1500)).into(),
                at.date_naive().into(),
                Decimal::new(1900, 2).into(),
            ]),
            "01234567-89ab-cdef-0123-456789abcdef\tt\t\\N\t42\t2026-03-04 05:06:07+00\t\
             2026-03-04 05:06:07.001500+00\t2026-03-04\t19.00\n"
        );
    }

    #[test]
    fn text_json_and_arrays_are_escaped() {
        let tags = Value::Array(
            ArrayType::String,
            Some(Box::new(vec![
                "a \"b\"".into(),
                "c\\d".into(),
                "tab\there".into(),
            ])),
        );
        assert_eq!(
            line(vec![
                "back\\slash\ttab\nline\rcr".into(),
                json!({"html": "<p>\n</p>"}).into(),
                tags,
            ]),
            "back\\\\slash\\ttab\\nline\\rcr\t{\"html\":\"<p>\\\\n</p>\"}\t\
             {\"a \\\\\"b\\\\\"\",\"c\\\\\\\\d\",\"tab\\there\"}\n"
        );
    }

    #[test]
    fn an_unknown_type_is_refused() {
        let mut out = Vec::new();
        assert!(row(&mut out, &[Value::Float(Some(1.0))]).is_err());
    }
}
