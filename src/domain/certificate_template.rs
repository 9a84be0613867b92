//! Certificate title/body templates with `{{placeholder}}` fields.
//!
//! The syntax is deliberately tiny: `{{name}}` or `{{ name }}`, a fixed set of
//! names, no escaping, no nesting. Single braces are ordinary text. Anything
//! we cannot fill is reported on save and left as written on fill, so a typo
//! is visible rather than silently blank.

/// The only placeholder names a template may use.
pub const PLACEHOLDERS: [&str; 4] = ["trainee_name", "course_title", "date", "trainer_name"];

/// How many characters of the text after an unclosed `{{` we report: enough
/// to locate the mistake, short enough for an error message.
const UNCLOSED_EXCERPT_CHARS: usize = 30;

/// Every placeholder in the text that is not one of PLACEHOLDERS (in order of
/// appearance, deduplicated), plus malformed ones: an opening `{{` with no
/// closing `}}` is reported as the text after it (first 30 chars, trimmed).
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown: Vec<String> = Vec::new();
    for segment in segments(text) {
        let report = match segment {
            Segment::Placeholder { name, .. } if is_known(name) => continue,
            Segment::Placeholder { name, .. } => name.to_string(),
            Segment::Unclosed { after } => excerpt(after),
            Segment::Text(_) => continue,
        };
        if !unknown.contains(&report) {
            unknown.push(report);
        }
    }
    unknown
}

/// The values that go into a certificate.
pub struct CertificateFacts<'a> {
    pub trainee_name: &'a str,
    pub course_title: &'a str,
    pub date: &'a str,
    pub trainer_name: &'a str,
}

/// Fills the placeholders (text is plain text, not HTML: no escaping here).
/// Unknown or unclosed placeholders are left exactly as written.
pub fn fill(text: &str, facts: &CertificateFacts) -> String {
    let mut out = String::with_capacity(text.len());
    for segment in segments(text) {
        match segment {
            Segment::Text(s) => out.push_str(s),
            Segment::Placeholder { raw, name } => {
                out.push_str(value_of(name, facts).unwrap_or(raw))
            }
            Segment::Unclosed { .. } => out.push_str(OPEN),
        }
    }
    out
}

const OPEN: &str = "{{";
const CLOSE: &str = "}}";

/// One piece of a template. Concatenating the pieces as written (with
/// `Unclosed` standing for `{{`) gives back the original text.
#[derive(Debug, PartialEq, Eq)]
enum Segment<'t> {
    /// Ordinary text, copied as is.
    Text(&'t str),
    /// `{{ name }}`: `raw` is all of it, `name` the trimmed inside.
    Placeholder { raw: &'t str, name: &'t str },
    /// A `{{` with no `}}` before the next `{{` (or the end). `after` is all
    /// the text that follows it, for the error message.
    Unclosed { after: &'t str },
}

/// Splits a template into pieces. All indices come from `find` on ASCII
/// delimiters, so every slice falls on a char boundary: no panics.
fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        if open > 0 {
            out.push(Segment::Text(&rest[..open]));
        }
        let after = &rest[open + OPEN.len()..];
        match closing_index(after) {
            Some(close) => {
                let end = open + OPEN.len() + close + CLOSE.len();
                out.push(Segment::Placeholder {
                    raw: &rest[open..end],
                    name: after[..close].trim(),
                });
                rest = &rest[end..];
            }
            None => {
                out.push(Segment::Unclosed { after });
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// Where the `}}` closing a just-opened placeholder starts, if it comes before
/// any new `{{`. A `{{` in between means the first one was never closed
/// (`{{name {{date}}`): better to report it than swallow a real placeholder.
fn closing_index(after_open: &str) -> Option<usize> {
    let close = after_open.find(CLOSE)?;
    match after_open.find(OPEN) {
        Some(reopen) if reopen < close => None,
        _ => Some(close),
    }
}

fn is_known(name: &str) -> bool {
    PLACEHOLDERS.contains(&name)
}

fn value_of<'a>(name: &str, facts: &CertificateFacts<'a>) -> Option<&'a str> {
    match name {
        "trainee_name" => Some(facts.trainee_name),
        "course_title" => Some(facts.course_title),
        "date" => Some(facts.date),
        "trainer_name" => Some(facts.trainer_name),
        _ => None,
    }
}

/// First characters (not bytes: the text may be Arabic) after an unclosed `{{`.
fn excerpt(after: &str) -> String {
    let head: String = after.chars().take(UNCLOSED_EXCERPT_CHARS).collect();
    head.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> CertificateFacts<'static> {
        CertificateFacts {
            trainee_name: "Amina Haddad",
            course_title: "Safe Lifting",
            date: "2025-03-01",
            trainer_name: "Omar Saleh",
        }
    }

    #[test]
    fn value_of_covers_every_placeholder() {
        // Keeps PLACEHOLDERS and `value_of` from drifting apart.
        for name in PLACEHOLDERS {
            assert!(value_of(name, &facts()).is_some(), "{name}");
        }
    }

    #[test]
    fn known_placeholders_pass() {
        let text =
            "{{trainee_name}} completed {{ course_title }} on {{date}} with {{  trainer_name  }}";
        assert!(unknown_placeholders(text).is_empty());
    }

    #[test]
    fn unknown_placeholder_is_reported_trimmed() {
        assert_eq!(unknown_placeholders("Hi {{ unknown }}!"), vec!["unknown"]);
    }

    #[test]
    fn names_are_case_sensitive() {
        assert_eq!(
            unknown_placeholders("{{Trainee_Name}}"),
            vec!["Trainee_Name"]
        );
    }

    #[test]
    fn unclosed_placeholder_is_reported() {
        assert_eq!(unknown_placeholders("Dear {{name"), vec!["name"]);
        assert_eq!(unknown_placeholders("Dear {{"), vec![""]);
    }

    #[test]
    fn unclosed_report_is_limited_to_30_chars() {
        let text = format!("{{{{ {}", "x".repeat(100));
        let report = unknown_placeholders(&text);
        assert_eq!(report, vec!["x".repeat(29)]); // 30 chars minus the leading space
    }

    #[test]
    fn unclosed_before_a_real_placeholder_does_not_swallow_it() {
        let text = "{{name and {{date}}";
        assert_eq!(unknown_placeholders(text), vec!["name and {{date}}"]);
        assert_eq!(fill(text, &facts()), "{{name and 2025-03-01");
    }

    #[test]
    fn multiple_and_repeated_are_reported_once_in_order() {
        let text = "{{b}} {{ a }} {{date}} {{b}} {{a}} {{ c";
        assert_eq!(unknown_placeholders(text), vec!["b", "a", "c"]);
    }

    #[test]
    fn empty_placeholder_is_reported() {
        assert_eq!(unknown_placeholders("{{}} {{  }}"), vec![""]);
    }

    #[test]
    fn single_braces_are_text() {
        let text = "{x} {trainee_name} }} {";
        assert!(unknown_placeholders(text).is_empty());
        assert_eq!(fill(text, &facts()), text);
    }

    #[test]
    fn arabic_text_around_placeholders() {
        let text = "شهادة إتمام: {{ trainee_name }} أكمل دورة «{{course_title}}» بتاريخ {{date}}";
        assert!(unknown_placeholders(text).is_empty());
        assert_eq!(
            fill(text, &facts()),
            "شهادة إتمام: Amina Haddad أكمل دورة «Safe Lifting» بتاريخ 2025-03-01"
        );
    }

    #[test]
    fn arabic_unknown_and_unclosed() {
        assert_eq!(unknown_placeholders("{{ الاسم }}"), vec!["الاسم"]);
        let text = format!("{{{{{}", "م".repeat(50));
        assert_eq!(unknown_placeholders(&text), vec!["م".repeat(30)]);
    }

    #[test]
    fn fill_replaces_all_forms() {
        let text =
            "{{trainee_name}}|{{ trainee_name }}|{{course_title}}|{{ date}}|{{trainer_name }}";
        assert_eq!(
            fill(text, &facts()),
            "Amina Haddad|Amina Haddad|Safe Lifting|2025-03-01|Omar Saleh"
        );
    }

    #[test]
    fn fill_leaves_unknown_and_unclosed_as_written() {
        let text = "{{ unknown }} and {{trainee_name}} and {{ oops";
        assert_eq!(
            fill(text, &facts()),
            "{{ unknown }} and Amina Haddad and {{ oops"
        );
    }

    #[test]
    fn fill_does_not_escape_or_reinterpret_values() {
        let sneaky = CertificateFacts {
            trainee_name: "<b>{{date}}</b> & co",
            ..facts()
        };
        assert_eq!(fill("{{trainee_name}}", &sneaky), "<b>{{date}}</b> & co");
    }

    #[test]
    fn text_without_placeholders_is_unchanged() {
        for text in [
            "",
            "Certificate of Completion",
            "مرحبا بالعالم",
            "a } b { c",
        ] {
            assert!(unknown_placeholders(text).is_empty());
            assert_eq!(fill(text, &facts()), text);
        }
    }

    #[test]
    fn segments_reassemble_to_the_original() {
        for text in [
            "",
            "{{",
            "}}",
            "{{{{",
            "{{{x}}}",
            "a {{b}} c {{ d",
            "{{a {{b}} {{c}}",
            "م{{date}}م",
        ] {
            let rebuilt: String = segments(text)
                .iter()
                .map(|s| match s {
                    Segment::Text(t) => *t,
                    Segment::Placeholder { raw, .. } => *raw,
                    Segment::Unclosed { .. } => OPEN,
                })
                .collect();
            assert_eq!(rebuilt, text);
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "{",
            "{{",
            "{{{",
            "}}}}",
            "{{}}}",
            "{{\u{0}}}",
            "{{é",
            "\u{feff}{{date}}",
        ] {
            let _ = unknown_placeholders(text);
            let _ = fill(text, &facts());
        }
    }
}
