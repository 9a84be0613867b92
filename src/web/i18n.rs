//! English and Arabic: the translation files (`locales/<lang>/*.ftl`, Fluent, compiled into
//! the binary), choosing a language per request, and formatting numbers and dates for it.
//!
//! A key missing in one language is a test failure (see the tests below), never a blank or
//! a silent fall-back to English.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use chrono::{DateTime, Datelike, Timelike, Utc};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

use crate::domain::validation::{FieldError, Param};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No invisible U+2068/U+2069 around arguments: the pages set `dir` on the
        // elements that hold text of the other direction (emails, names in tables).
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static AR: LanguageIdentifier = langid!("ar");

/// The cookie that keeps the language a visitor chose with the language switch.
pub const LANG_COOKIE: &str = "cw_lang";

/// The languages CourseWorx speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    Ar,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ar];

    /// The BCP 47 tag, as in `<html lang>` and the `lang` cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ar => "ar",
        }
    }

    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "ar" => Some(Locale::Ar),
            _ => None,
        }
    }

    /// Writing direction for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::En => "ltr",
            Locale::Ar => "rtl",
        }
    }

    /// The language a switch offers from this one.
    pub fn other(self) -> Locale {
        match self {
            Locale::En => Locale::Ar,
            Locale::Ar => Locale::En,
        }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::En => &EN,
            Locale::Ar => &AR,
        }
    }

    /// The visitor's choice (the `lang` cookie), else the best match in
    /// `Accept-Language`, else English.
    pub fn negotiate(headers: &HeaderMap) -> Locale {
        if let Some(chosen) = crate::web::cookies::read(headers, LANG_COOKIE)
            .as_deref()
            .and_then(Locale::parse)
        {
            return chosen;
        }
        headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(from_accept_language)
            .unwrap_or(Locale::En)
    }

    /// The translation of `key`. A missing key shows the key itself (and the tests fail).
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The translation of `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// An integer with the locale's digits and grouping: `1,234` or `١٬٢٣٤`.
    pub fn number(self, n: u64) -> String {
        let digits = n.to_string();
        let separator = match self {
            Locale::En => ',',
            Locale::Ar => '\u{066C}',
        };
        let mut grouped = String::with_capacity(digits.len() * 2);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(c);
        }
        self.digits(&grouped)
    }

    /// A calendar date: `2 June 2025` or `٢ يونيو ٢٠٢٥`.
    pub fn date(self, at: DateTime<Utc>) -> String {
        let month = self.t(&format!("month-{}", at.month()));
        self.digits(&format!("{} {month} {}", at.day(), at.year()))
    }

    /// A day with no time: `2 June 2025` or `٢ يونيو ٢٠٢٥`.
    pub fn day(self, date: chrono::NaiveDate) -> String {
        let month = self.t(&format!("month-{}", date.month()));
        self.digits(&format!("{} {month} {}", date.day(), date.year()))
    }

    /// A day as a chart's axis says it: `7/12` or `٧/١٢` (the table beside it names it whole).
    pub fn day_month(self, date: chrono::NaiveDate) -> String {
        self.digits(&format!("{}/{}", date.day(), date.month()))
    }

    /// A time of day in UTC: `09:14` or `٠٩:١٤`.
    pub fn time(self, at: DateTime<Utc>) -> String {
        self.digits(&format!("{:02}:{:02}", at.hour(), at.minute()))
    }

    /// A date and time in UTC: `2 June 2025, 09:14 UTC` or `٢ يونيو ٢٠٢٥، ٠٩:١٤ UTC`.
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        let comma = match self {
            Locale::En => ",",
            Locale::Ar => "\u{060C}",
        };
        let time = self.digits(&format!("{:02}:{:02}", at.hour(), at.minute()));
        format!("{}{comma} {time} UTC", self.date(at))
    }

    /// Western digits replaced by the locale's (Arabic-Indic in Arabic).
    fn digits(self, text: &str) -> String {
        match self {
            Locale::En => text.to_owned(),
            Locale::Ar => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
                    None => c,
                })
                .collect(),
        }
    }

    /// A decimal written as `1234.5` (digits, at most one `.`) with the locale's digits,
    /// grouping and decimal separator: `1,234.5` or `١٬٢٣٤٫٥`.
    pub fn decimal(self, text: &str) -> String {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let whole = whole
            .parse::<u64>()
            .map_or_else(|_| whole.to_owned(), |n| self.number(n));
        if fraction.is_empty() {
            return whole;
        }
        let separator = match self {
            Locale::En => '.',
            Locale::Ar => '\u{066B}',
        };
        format!("{whole}{separator}{}", self.digits(fraction))
    }

    /// The plural category of `n` in this language (CLDR's rules for whole numbers), for
    /// messages that select on `$kind`: English has `one` and `other`; Arabic `zero`,
    /// `one`, `two`, `few` (3-10), `many` (11-99) and `other`, by the last two digits.
    /// Nothing is `zero` in every language, so a message may word it apart ("No
    /// trainees") or leave it to `other`.
    pub fn plural(self, n: u64) -> &'static str {
        match self {
            Locale::En if n == 0 => "zero",
            Locale::En if n == 1 => "one",
            Locale::En => "other",
            Locale::Ar => match (n, n % 100) {
                (0, _) => "zero",
                (1, _) => "one",
                (2, _) => "two",
                (_, 3..=10) => "few",
                (_, 11..=99) => "many",
                _ => "other",
            },
        }
    }

    /// A field error from the domain in this language: the message `error-<code>`, given
    /// the error's values (numbers in this language's digits).
    pub fn field_error(self, error: &FieldError) -> String {
        let args: Vec<(&'static str, String)> = error
            .params()
            .into_iter()
            .map(|(name, value)| match value {
                Param::Number(n) => (name, self.number(n)),
                Param::Text(text) => (name, text),
            })
            .collect();
        self.t_args(&format!("error-{}", error.code()), &args)
    }
}

/// A letter of the Arabic script (Arabic, its supplement and extended blocks). Initials
/// made of such letters are shown apart, as separate letters, not joined into a word.
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// The first language of `Accept-Language` (by quality, then order) that CourseWorx has.
fn from_accept_language(header: &str) -> Option<Locale> {
    let mut ranges: Vec<(f32, usize, Locale)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let locale = Locale::parse(pieces.next()?)?;
            let quality = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, i, locale))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.first().map(|r| r.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn message_ids(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut ids = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                let source = std::fs::read_to_string(&path).unwrap();
                let resource = fluent_syntax::parser::parse(source.as_str())
                    .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
                for entry in resource.body {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        assert!(ids.insert(m.id.name.to_owned()), "{} twice", m.id.name);
                    }
                }
            }
        }
        assert!(!ids.is_empty(), "no messages in {}", dir.display());
        ids
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let en = message_ids("en");
        let ar = message_ids("ar");
        let only_en: Vec<_> = en.difference(&ar).collect();
        let only_ar: Vec<_> = ar.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in Arabic: {only_en:?}");
        assert!(only_ar.is_empty(), "missing in English: {only_ar:?}");
        // Every variable the messages use, so that a lookup fails only for a broken message.
        let args: HashMap<&str, FluentValue> = [
            "name", "min", "max", "code", "version", "seconds", "from", "to", "total", "page",
            "pages", "count", "column", "line", "size", "allowed", "detail", "kind", "title",
            "date", "value", "minutes", "hours", "language", "points", "low", "high", "this",
            "rate", "when", "score", "sessions", "counts", "attempts", "removed", "kept", "rows",
            "files", "jobs",
        ]
        .into_iter()
        .map(|n| (n, FluentValue::from("x")))
        .collect();
        for key in &en {
            for locale in Locale::ALL {
                assert!(
                    LOCALES
                        .lookup_single_language(locale.langid(), key, Some(&args))
                        .is_ok(),
                    "{key} does not load in {}",
                    locale.tag()
                );
            }
        }
    }

    /// Every `t("key")`, `t1("key", ...)`, `t2("key", ...)` in the templates and the page
    /// code names a key of both languages.
    #[test]
    fn every_key_used_by_the_pages_exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let en = message_ids("en");
        let mut used = BTreeSet::new();
        let mut files = Vec::new();
        for dir in ["templates", "src/web"] {
            collect_files(&root.join(dir), &mut files);
        }
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            // Test modules hold examples, not uses.
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            for key in keys_in(text) {
                assert!(
                    en.contains(&key),
                    "{} uses {key:?}, which is not translated",
                    file.display()
                );
                used.insert(key);
            }
        }
        assert!(used.len() > 20, "the scan found too few keys: {used:?}");
        for month in 1..=12 {
            assert!(en.contains(&format!("month-{month}")));
        }
    }

    fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// The string literal right after `t(`, `t1(` or `t2(`.
    fn keys_in(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for (i, _) in text.match_indices('(') {
            let before = &text[..i];
            let call = ["t", "t1", "t2", "t_args", "tn"].iter().any(|name| {
                before.ends_with(name)
                    && !before[..before.len() - name.len()]
                        .ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if !call {
                continue;
            }
            // rustfmt may put the key on the next line.
            let rest = text[i + 1..].trim_start();
            if let Some(literal) = rest.strip_prefix('"')
                && let Some(end) = literal.find('"')
            {
                keys.push(literal[..end].to_owned());
            }
        }
        keys
    }

    #[test]
    fn the_key_scan_finds_calls() {
        assert_eq!(
            keys_in(
                r#"{{ ctx.t("a-b") }} {{ ctx.t1("c", "n", x) }} loc.t_args("d", &[]) format!("x")
                ctx.t2(
                    "e", "n", 1, "m", 2)"#
            ),
            vec!["a-b", "c", "d", "e"]
        );
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(
            from_accept_language("ar-EG,ar;q=0.9,en;q=0.8"),
            Some(Locale::Ar)
        );
        assert_eq!(
            from_accept_language("fr-FR, en;q=0.5, ar;q=0.4"),
            Some(Locale::En)
        );
        assert_eq!(from_accept_language("en;q=0.2, ar;q=0.7"), Some(Locale::Ar));
        assert_eq!(from_accept_language("fr, de"), None);
        assert_eq!(from_accept_language("ar;q=0"), None);
        assert_eq!(from_accept_language(""), None);
    }

    #[test]
    fn numbers_and_dates_follow_the_locale() {
        assert_eq!(Locale::En.number(1234567), "1,234,567");
        assert_eq!(Locale::En.number(12), "12");
        assert_eq!(Locale::Ar.number(1234), "١٬٢٣٤");
        let at = DateTime::parse_from_rfc3339("2025-06-02T09:14:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(Locale::En.date(at), "2 June 2025");
        assert_eq!(Locale::Ar.date(at), "٢ يونيو ٢٠٢٥");
        assert_eq!(Locale::En.date_time(at), "2 June 2025, 09:14 UTC");
        assert_eq!(Locale::Ar.date_time(at), "٢ يونيو ٢٠٢٥، ٠٩:١٤ UTC");
    }

    #[test]
    fn decimals_and_plurals_follow_the_locale() {
        assert_eq!(Locale::En.decimal("1234.50"), "1,234.50");
        assert_eq!(Locale::Ar.decimal("19.99"), "١٩٫٩٩");
        assert_eq!(Locale::Ar.decimal("7"), "٧");
        let en: Vec<_> = [0, 1, 2, 21].map(|n| Locale::En.plural(n)).into();
        assert_eq!(en, ["zero", "one", "other", "other"]);
        let ar: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111]
            .map(|n| Locale::Ar.plural(n))
            .into();
        assert_eq!(
            ar,
            [
                "zero", "one", "two", "few", "few", "many", "many", "other", "other", "few", "many"
            ]
        );
    }

    #[test]
    fn every_field_error_code_has_a_message_in_both_languages() {
        let en = Locale::En.field_error(&FieldError::Length { min: 6, max: 100 });
        assert!(en.contains('6') && en.contains("100"), "{en}");
        let ar = Locale::Ar.field_error(&FieldError::Length { min: 6, max: 100 });
        assert!(ar.contains('٦') && ar.contains("١٠٠"), "{ar}");
        for error in FieldError::examples() {
            for locale in Locale::ALL {
                let key = format!("error-{}", error.code());
                let text = locale.field_error(&error);
                assert!(
                    !text.is_empty() && text != key && !text.contains("error-"),
                    "{key} in {locale:?}: {text}"
                );
                // Every value the message is given shows in it.
                for (name, value) in error.params() {
                    let shown = match value {
                        Param::Number(n) => locale.number(n),
                        Param::Text(t) => t,
                    };
                    assert!(
                        text.contains(&shown),
                        "{key} in {locale:?} lacks ${name}: {text}"
                    );
                }
            }
        }
    }
}
