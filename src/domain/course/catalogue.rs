//! The catalogue query: search words, filters and one of a fixed list of sorts.
//!
//! Search is by substring, case-insensitive, over title, shortDescription and description:
//! every word must appear somewhere in them. `%` and `_` are ordinary characters. The
//! databases answer it from a trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL), see
//! `db::courses::catalogue`.

use rust_decimal::Decimal;
use uuid::Uuid;

use super::Level;
use super::forms::parse_price;
use crate::domain::validation::{FieldError, FieldErrors};

/// At most this many search words are used, each at most `WORD_MAX` characters.
pub const WORDS_MAX: usize = 8;
pub const WORD_MAX: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CatalogueSortKey {
    #[default]
    Newest,
    Title,
    Price,
    Rating,
    /// By enrolments.
    Popularity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CatalogueSort {
    pub key: CatalogueSortKey,
    /// `-` before the key turns its natural order around.
    pub reversed: bool,
}

pub const SORTS: &str = "newest, title, price, rating, popularity";

impl CatalogueSort {
    /// Whether the order reads only columns a course write moves the catalogue's version
    /// for (migration 27): not the enrolment count, which every enrolment changes.
    pub fn is_settled(&self) -> bool {
        self.key != CatalogueSortKey::Popularity
    }

    pub fn parse(raw: Option<&str>) -> Result<CatalogueSort, FieldErrors> {
        let raw = raw.map(str::trim).unwrap_or_default();
        let (reversed, name) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let key = match name {
            "" | "newest" => CatalogueSortKey::Newest,
            "title" => CatalogueSortKey::Title,
            "price" => CatalogueSortKey::Price,
            "rating" => CatalogueSortKey::Rating,
            "popularity" => CatalogueSortKey::Popularity,
            _ => {
                return Err(FieldErrors::one(
                    "sort",
                    FieldError::Sort { allowed: SORTS },
                ));
            }
        };
        Ok(CatalogueSort { key, reversed })
    }

    /// Whether the rows go in ascending order of the key's column.
    pub fn ascending(self) -> bool {
        let natural = matches!(self.key, CatalogueSortKey::Title | CatalogueSortKey::Price);
        natural != self.reversed
    }
}

/// What the catalogue is asked for (the scope, who may see what, is the policy's).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct CatalogueFilter {
    /// Lower-cased words, each to be found as a substring.
    pub words: Vec<String>,
    pub category: Option<String>,
    pub level: Option<Level>,
    /// Courses carrying every one of these tags.
    pub tags: Vec<String>,
    pub featured: Option<bool>,
    pub min_price: Option<Decimal>,
    pub max_price: Option<Decimal>,
    pub trainer_id: Option<Uuid>,
}

/// The catalogue's query string, as text, before validation.
#[derive(Debug, Clone, Default)]
pub struct CatalogueParams<'a> {
    pub search: Option<&'a str>,
    pub category: Option<&'a str>,
    pub level: Option<&'a str>,
    pub tags: Option<&'a str>,
    pub featured: Option<bool>,
    pub min_price: Option<&'a str>,
    pub max_price: Option<&'a str>,
    pub trainer_id: Option<Uuid>,
}

impl CatalogueFilter {
    pub fn parse(p: &CatalogueParams) -> Result<CatalogueFilter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let words = search_words(p.search.unwrap_or_default());
        let level = p
            .level
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .and_then(|l| {
                Level::parse(l).or_else(|| {
                    errors.add("level", FieldError::Level);
                    None
                })
            });
        let mut price = |field: &str, raw: Option<&str>| {
            let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
            parse_price(&serde_json::Value::String(raw.to_owned())).or_else(|| {
                errors.add(field, FieldError::Price);
                None
            })
        };
        let min_price = price("minPrice", p.min_price);
        let max_price = price("maxPrice", p.max_price);
        let tags: Vec<String> = p
            .tags
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .take(super::forms::TAGS_MAX)
            .map(str::to_owned)
            .collect();
        let category = p
            .category
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        errors.finish(CatalogueFilter {
            words,
            category,
            level,
            tags,
            featured: p.featured,
            min_price,
            max_price,
            trainer_id: p.trainer_id,
        })
    }
}

/// The search text as lower-case words: split at white space, the first `WORDS_MAX`, each
/// cut to `WORD_MAX` characters, duplicates dropped.
pub fn search_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let w: String = w.chars().take(WORD_MAX).collect::<String>().to_lowercase();
        if !words.contains(&w) {
            words.push(w);
        }
        if words.len() == WORDS_MAX {
            break;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_come_from_a_fixed_list() {
        assert_eq!(
            CatalogueSort::parse(None).unwrap().key,
            CatalogueSortKey::Newest
        );
        assert!(!CatalogueSort::parse(Some("newest")).unwrap().ascending());
        assert!(CatalogueSort::parse(Some("price")).unwrap().ascending());
        assert!(!CatalogueSort::parse(Some("-price")).unwrap().ascending());
        assert!(CatalogueSort::parse(Some("createdAt; DROP")).is_err());
    }

    #[test]
    fn words_are_lowered_bounded_and_unique() {
        assert_eq!(
            search_words("  Rust  rust 100%_done "),
            vec!["rust", "100%_done"]
        );
        assert_eq!(search_words(&"a ".repeat(50)).len(), 1);
        let many: String = (0..20).map(|i| format!("w{i} ")).collect();
        assert_eq!(search_words(&many).len(), WORDS_MAX);
    }

    #[test]
    fn filters_name_every_bad_field() {
        let e = CatalogueFilter::parse(&CatalogueParams {
            level: Some("guru"),
            min_price: Some("-3"),
            max_price: Some("x"),
            ..Default::default()
        })
        .unwrap_err();
        for f in ["level", "minPrice", "maxPrice"] {
            assert!(e.get(f).is_some(), "{f}");
        }
    }
}
