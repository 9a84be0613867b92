//! What creates or changes a course, parsed once with every bad field collected. The
//! seed's limits hold: title 3-200, description required, shortDescription up to 500,
//! category up to 100, price 0 to 99,999,999.99 with two decimals; tags at most 20 of 1-50
//! characters. `enrollmentCount`, `completionCount`, `rating`, `thumbnail`, `curriculum`,
//! `isPublished` and `isFeatured` are not fields of the form: the server keeps them.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use uuid::Uuid;

use super::{Level, Price};
use crate::domain::validation::{FieldError, FieldErrors, check_length};

pub const TITLE_MIN: usize = 3;
pub const TITLE_MAX: usize = 200;
pub const SHORT_DESCRIPTION_MAX: usize = 500;
pub const CATEGORY_MAX: usize = 100;
pub const TAGS_MAX: usize = 20;
pub const TAG_MAX: usize = 50;
/// Long texts (description, requirements, outcomes): generous, but bounded.
pub const TEXT_MAX: usize = 50_000;

/// `null` (clear the field) apart from absent (leave it): `Some(None)` versus `None`.
pub fn double_option<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A whole number as JSON may write it: `3`, or `3.0` (JSON Schema counts both as
/// integers); `3.5` is refused with the type error.
struct WholeNumber(i64);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_json::Number::deserialize(d)? {
            n if n.as_i64().is_some() => Ok(WholeNumber(n.as_i64().unwrap_or_default())),
            n => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(WholeNumber(f as i64)),
                _ => Err(D::Error::custom(format!(
                    "invalid type: {n}, expected a whole number"
                ))),
            },
        }
    }
}

/// An optional whole number (`3` or `3.0`).
pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Option::<WholeNumber>::deserialize(d).map(|o| o.map(|w| w.0))
}

/// An optional whole number that `null` clears.
pub fn whole_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<WholeNumber>::deserialize(d).map(|o| Some(o.map(|w| w.0)))
}

/// The body of `POST /api/courses` and `PUT /api/courses/{id}` (and the editor's form).
/// On update, an absent field stays as it is and `null` clears an optional one.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CourseForm {
    #[schema(min_length = 3, max_length = 200)]
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub short_description: Option<Option<String>>,
    /// A decimal string ("19.99") or a number, 0 or more, two decimals at most.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, example = "19.99")]
    pub price: Option<Option<serde_json::Value>>,
    /// beginner, intermediate or advanced (beginner when absent).
    #[schema(value_type = Option<Level>)]
    pub level: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub category: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Vec<String>>)]
    pub tags: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "whole_or_null")]
    #[schema(value_type = Option<i32>, minimum = 1)]
    pub max_students: Option<Option<i64>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub end_date: Option<Option<String>>,
    /// In minutes.
    #[serde(default, deserialize_with = "whole_or_null")]
    #[schema(value_type = Option<i32>, minimum = 1)]
    pub duration: Option<Option<i64>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub requirements: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub learning_outcomes: Option<Option<String>>,
    /// Super admins only: give the course to another active trainer.
    pub trainer_id: Option<Uuid>,
    /// Super admins only: feature the course in the catalogue.
    pub is_featured: Option<bool>,
}

/// Every field a course has, validated: what a new course is made of, and what an update
/// sets (absent fields are `None` in `CourseChanges`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CourseChanges {
    pub title: Option<String>,
    pub description: Option<String>,
    pub short_description: Option<Option<String>>,
    pub price: Option<Decimal>,
    pub level: Option<Level>,
    pub category: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    pub max_students: Option<Option<i32>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub end_date: Option<Option<NaiveDate>>,
    pub duration: Option<Option<i32>>,
    pub requirements: Option<Option<String>>,
    pub learning_outcomes: Option<Option<String>>,
    pub trainer_id: Option<Uuid>,
    pub is_featured: Option<bool>,
}

impl CourseChanges {
    /// For a new course: title and description are required.
    pub fn parse_new(form: &CourseForm) -> Result<CourseChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        if form.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            errors.add("title", FieldError::Required);
        }
        if form
            .description
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
        {
            errors.add("description", FieldError::Required);
        }
        match Self::parse(form) {
            Ok(changes) => errors.finish(changes),
            Err(more) => {
                for (field, list) in more.iter() {
                    if errors.get(field).is_none() {
                        for e in list {
                            errors.add(field, e.clone());
                        }
                    }
                }
                Err(errors)
            }
        }
    }

    /// For an update: what the form names, validated; `existing` dates are the course's
    /// current ones, so that moving only the end date is still checked against the start.
    pub fn parse(form: &CourseForm) -> Result<CourseChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = form.title.as_deref().map(str::trim).map(|t| {
            check_length(&mut errors, "title", t, TITLE_MIN, TITLE_MAX);
            check_line(&mut errors, "title", t);
            t.to_owned()
        });
        let description = form.description.as_deref().map(|d| {
            if d.trim().is_empty() {
                errors.add("description", FieldError::Required);
            }
            check_text(&mut errors, "description", d);
            d.to_owned()
        });
        let short_description = optional_text(
            &mut errors,
            "shortDescription",
            &form.short_description,
            SHORT_DESCRIPTION_MAX,
        );
        let category = optional_line(&mut errors, "category", &form.category, CATEGORY_MAX);
        let requirements = optional_text(&mut errors, "requirements", &form.requirements, TEXT_MAX);
        let learning_outcomes = optional_text(
            &mut errors,
            "learningOutcomes",
            &form.learning_outcomes,
            TEXT_MAX,
        );
        let price = form.price.as_ref().map(|p| match p {
            // null: back to the seed's default, free.
            None => Decimal::ZERO,
            Some(v) => parse_price(v).unwrap_or_else(|| {
                errors.add("price", FieldError::Price);
                Decimal::ZERO
            }),
        });
        let level = form.level.as_deref().and_then(|raw| {
            Level::parse(raw).or_else(|| {
                errors.add("level", FieldError::Level);
                None
            })
        });
        let tags = form
            .tags
            .as_ref()
            .map(|t| parse_tags(&mut errors, t.as_deref().unwrap_or_default()));
        let max_students = positive(&mut errors, "maxStudents", form.max_students);
        let duration = positive(&mut errors, "duration", form.duration);
        let start_date = date(&mut errors, "startDate", &form.start_date);
        let end_date = date(&mut errors, "endDate", &form.end_date);
        if let (Some(Some(start)), Some(Some(end))) = (start_date, end_date)
            && end < start
        {
            errors.add("endDate", FieldError::EndBeforeStart);
        }
        errors.finish(CourseChanges {
            title,
            description,
            short_description,
            price,
            level,
            category,
            tags,
            max_students,
            start_date,
            end_date,
            duration,
            requirements,
            learning_outcomes,
            trainer_id: form.trainer_id,
            is_featured: form.is_featured,
        })
    }

    /// Whether the change needs the super admin (featuring, or giving the course away).
    pub fn needs_super_admin(&self) -> bool {
        self.is_featured.is_some() || self.trainer_id.is_some()
    }
}

/// The dates a course would have after a change, checked together (an end date moved
/// before the existing start date is refused as well).
pub fn check_dates(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<(), FieldErrors> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => Err(FieldErrors::one("endDate", FieldError::EndBeforeStart)),
        _ => Ok(()),
    }
}

/// A decimal string or a JSON number. A number is read from its shortest decimal form
/// (19.99, not 19.989999...), so no float error reaches the column.
pub fn parse_price(value: &serde_json::Value) -> Option<Decimal> {
    let text = match value {
        serde_json::Value::String(s) => s.trim().to_owned(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    if text.is_empty() || text.contains(['e', 'E']) {
        return None;
    }
    let d = Decimal::from_str(&text).ok()?;
    (d >= Decimal::ZERO && d.scale() <= 2 && d <= Price::max()).then(|| d.normalize())
}

pub(crate) fn parse_tags(errors: &mut FieldErrors, raw: &[String]) -> Vec<String> {
    if raw.len() > TAGS_MAX {
        errors.add("tags", FieldError::TooMany { max: TAGS_MAX });
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in raw {
        let tag = tag.trim();
        let n = tag.chars().count();
        if n == 0 || n > TAG_MAX {
            errors.add(
                "tags",
                FieldError::Length {
                    min: 1,
                    max: TAG_MAX,
                },
            );
        } else if tag.chars().any(char::is_control) {
            errors.add("tags", FieldError::Control);
        } else if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

fn positive(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<Option<i64>>,
) -> Option<Option<i32>> {
    value.map(|v| {
        v.and_then(|n| match i32::try_from(n) {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                errors.add(field, FieldError::Positive);
                None
            }
        })
    })
}

fn date(
    errors: &mut FieldErrors,
    field: &str,
    value: &Option<Option<String>>,
) -> Option<Option<NaiveDate>> {
    value.as_ref().map(|v| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .and_then(|s| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().or_else(|| {
                    errors.add(field, FieldError::Date);
                    None
                })
            })
    })
}

/// One line of text (a title, a category): no line breaks or other control characters.
pub fn check_line(errors: &mut FieldErrors, field: &str, value: &str) {
    if value.chars().any(char::is_control) {
        errors.add(field, FieldError::Control);
    }
}

/// Longer text: line breaks and tabs are fine, other control characters are not.
pub fn check_text(errors: &mut FieldErrors, field: &str, value: &str) {
    if value.chars().count() > TEXT_MAX {
        errors.add(field, FieldError::TooLong { max: TEXT_MAX });
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errors.add(field, FieldError::Control);
    }
}

/// An optional text field: empty or null clears it.
fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    value: &Option<Option<String>>,
    max: usize,
) -> Option<Option<String>> {
    value.as_ref().map(|v| {
        let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
        if v.chars().count() > max {
            errors.add(field, FieldError::TooLong { max });
        }
        check_text(errors, field, v);
        Some(v.to_owned())
    })
}

fn optional_line(
    errors: &mut FieldErrors,
    field: &str,
    value: &Option<Option<String>>,
    max: usize,
) -> Option<Option<String>> {
    value.as_ref().map(|v| {
        let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
        if v.chars().count() > max {
            errors.add(field, FieldError::TooLong { max });
        }
        check_line(errors, field, v);
        Some(v.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(v: serde_json::Value) -> CourseForm {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn prices_are_exact() {
        for (raw, want) in [
            (json!("19.99"), "19.99"),
            (json!(19.99), "19.99"),
            (json!(0), "0"),
            (json!("0.1"), "0.1"),
            (json!(99999999.99), "99999999.99"),
        ] {
            assert_eq!(
                parse_price(&raw).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{raw}"
            );
        }
        for bad in [
            json!(-1),
            json!("1.999"),
            json!("abc"),
            json!(1e9),
            json!("1e3"),
            json!(true),
            json!(""),
        ] {
            assert_eq!(parse_price(&bad), None, "{bad}");
        }
        assert_eq!(Price(Decimal::new(199, 1)).to_string(), "19.90");
    }

    #[test]
    fn a_new_course_names_every_bad_field() {
        let errors = CourseChanges::parse_new(&form(json!({
            "title": "ab", "price": "-1", "level": "expert", "tags": vec!["x"; 21],
            "maxStudents": 0, "duration": -5, "startDate": "2026-02-01", "endDate": "2026-01-01",
            "shortDescription": "s".repeat(501)
        })))
        .unwrap_err();
        for field in [
            "title",
            "description",
            "price",
            "level",
            "tags",
            "maxStudents",
            "duration",
            "endDate",
            "shortDescription",
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors}");
        }
    }

    #[test]
    fn absent_leaves_and_null_clears() {
        let c = CourseChanges::parse(&form(json!({"category": null}))).unwrap();
        assert_eq!(c.category, Some(None));
        assert_eq!(c.title, None);
        assert_eq!(c.short_description, None);
        let tags = CourseChanges::parse(&form(json!({"tags": [" Rust ", "rust", "Web"]}))).unwrap();
        assert_eq!(tags.tags, Some(vec!["Rust".to_owned(), "Web".to_owned()]));
    }

    #[test]
    fn unknown_and_server_kept_fields_are_refused() {
        for field in [
            "enrollmentCount",
            "rating",
            "completionCount",
            "thumbnail",
            "isPublished",
        ] {
            let r: Result<CourseForm, _> = serde_json::from_value(json!({ field: 1 }));
            assert!(r.is_err(), "{field}");
        }
    }
}

#[cfg(test)]
mod whole_number_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whole_numbers_may_be_written_with_a_zero_fraction() {
        let f: CourseForm =
            serde_json::from_value(json!({"duration": 90.0, "maxStudents": null})).unwrap();
        assert_eq!((f.duration, f.max_students), (Some(Some(90)), Some(None)));
        assert!(serde_json::from_value::<CourseForm>(json!({"duration": 90.5})).is_err());
        assert!(serde_json::from_value::<CourseForm>(json!({"duration": "90"})).is_err());
    }
}
