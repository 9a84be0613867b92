//! The CSRF token of a `multipart/form-data` body: the value of its first part, which must
//! be the `csrf` field. Only that prefix is read; the body is handed on whole.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use http_body::{Frame, SizeHint};

use super::CSRF_FIELD;

/// The first part is a hidden field of about a hundred bytes; a body that has not shown it
/// within this many bytes does not carry it.
const PREFIX_LIMIT: usize = 16 * 1024;

/// The body could not be read at all (the client went away).
#[derive(Debug)]
pub struct Unreadable;

/// The token in the body's first part (empty when the first part is not the `csrf` field),
/// and the whole body, still streaming.
pub async fn first_field(boundary: &str, mut body: Body) -> Result<(String, Body), Unreadable> {
    let mut prefix = Vec::new();
    let token = loop {
        match parse(&prefix, boundary) {
            Parsed::Token(token) => break token,
            Parsed::NotThere => break String::new(),
            Parsed::Incomplete if prefix.len() > PREFIX_LIMIT => break String::new(),
            Parsed::Incomplete => {}
        }
        match std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            None => break String::new(),
            Some(Err(_)) => return Err(Unreadable),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    prefix.extend_from_slice(&data);
                }
            }
        }
    };
    let body = Body::new(Prefixed {
        prefix: Some(Bytes::from(prefix)).filter(|p| !p.is_empty()),
        rest: body,
    });
    Ok((token, body))
}

#[derive(Debug, PartialEq, Eq)]
enum Parsed {
    Token(String),
    /// The first part is something else, or the body is not multipart as announced.
    NotThere,
    Incomplete,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads `--boundary CRLF headers CRLF CRLF value CRLF --boundary` at the start of `bytes`.
fn parse(bytes: &[u8], boundary: &str) -> Parsed {
    let opening = format!("--{boundary}\r\n");
    if bytes.len() < opening.len() {
        return if opening.as_bytes().starts_with(bytes) {
            Parsed::Incomplete
        } else {
            Parsed::NotThere
        };
    }
    let Some(rest) = bytes.strip_prefix(opening.as_bytes()) else {
        return Parsed::NotThere;
    };
    let Some(headers_end) = find(rest, b"\r\n\r\n") else {
        return Parsed::Incomplete;
    };
    let Ok(headers) = std::str::from_utf8(&rest[..headers_end]) else {
        return Parsed::NotThere;
    };
    let names_token = headers.split("\r\n").any(|line| {
        line.split_once(':').is_some_and(|(name, value)| {
            name.trim().eq_ignore_ascii_case("content-disposition") && is_token_field(value)
        })
    });
    if !names_token {
        return Parsed::NotThere;
    }
    let value = &rest[headers_end + 4..];
    let Some(end) = find(value, format!("\r\n--{boundary}").as_bytes()) else {
        return Parsed::Incomplete;
    };
    match std::str::from_utf8(&value[..end]) {
        Ok(token) => Parsed::Token(token.to_owned()),
        Err(_) => Parsed::NotThere,
    }
}

/// `form-data; name="csrf"`, and not a file.
fn is_token_field(disposition: &str) -> bool {
    let mut params = disposition.split(';');
    let form_data = params
        .next()
        .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("form-data"));
    let mut name = None;
    let mut file = false;
    for param in params {
        if let Some((key, value)) = param.split_once('=') {
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim().trim_matches('"');
            match key.as_str() {
                "name" => name = Some(value.to_owned()),
                "filename" | "filename*" => file = true,
                _ => {}
            }
        }
    }
    form_data && !file && name.as_deref() == Some(CSRF_FIELD)
}

/// The bytes read already, then the rest of the body.
struct Prefixed {
    prefix: Option<Bytes>,
    rest: Body,
}

impl HttpBody for Prefixed {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        if let Some(prefix) = self.prefix.take() {
            return Poll::Ready(Some(Ok(Frame::data(prefix))));
        }
        Pin::new(&mut self.rest).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.prefix.is_none() && self.rest.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        let extra = self.prefix.as_ref().map_or(0, |p| p.len() as u64);
        let rest = self.rest.size_hint();
        let mut hint = SizeHint::new();
        hint.set_lower(rest.lower() + extra);
        if let Some(upper) = rest.upper() {
            hint.set_upper(upper + extra);
        }
        hint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: &str = "----cw";

    fn part(disposition: &str, value: &str) -> String {
        format!("--{B}\r\nContent-Disposition: {disposition}\r\n\r\n{value}\r\n")
    }

    #[test]
    fn the_first_part_must_be_the_csrf_field() {
        let body = part("form-data; name=\"csrf\"", "tok") + &part("form-data; name=\"x\"", "y");
        assert_eq!(parse(body.as_bytes(), B), Parsed::Token("tok".into()));
        // Not first: not there.
        let body = part("form-data; name=\"x\"", "y") + &part("form-data; name=\"csrf\"", "tok");
        assert_eq!(parse(body.as_bytes(), B), Parsed::NotThere);
        // A file named csrf is not the field.
        let body = part("form-data; name=\"csrf\"; filename=\"a.txt\"", "tok") + "--";
        assert_eq!(parse(body.as_bytes(), B), Parsed::NotThere);
        // Another boundary, or no multipart at all.
        assert_eq!(parse(b"csrf=tok", B), Parsed::NotThere);
        let other = part("form-data; name=\"csrf\"", "tok").replace(B, "other");
        assert_eq!(parse(other.as_bytes(), B), Parsed::NotThere);
    }

    #[test]
    fn a_prefix_cut_anywhere_asks_for_more() {
        let body = part("form-data; name=\"csrf\"", "tok") + &format!("--{B}");
        for cut in 0..body.len() - B.len() - 4 {
            assert_eq!(
                parse(&body.as_bytes()[..cut], B),
                Parsed::Incomplete,
                "cut at {cut}"
            );
        }
        assert_eq!(parse(body.as_bytes(), B), Parsed::Token("tok".into()));
    }

    #[tokio::test]
    async fn the_body_is_handed_on_whole() {
        let text = part("form-data; name=\"csrf\"", "tok")
            + &part(
                "form-data; name=\"f\"; filename=\"a\"",
                &"z".repeat(100_000),
            )
            + &format!("--{B}--\r\n");
        let chunks: Vec<Result<Bytes, std::io::Error>> = text
            .as_bytes()
            .chunks(7)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        let body = Body::from_stream(futures_util::stream::iter(chunks));
        let (token, body) = first_field(B, body).await.unwrap();
        assert_eq!(token, "tok");
        let all = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        assert_eq!(all, text.as_bytes());
    }
}
