//! What creates or changes a section or a content. Server-kept fields (`fileUrl`,
//! `fileSize`, `fileType`, `order`, `courseId`) are not fields of these forms: unknown
//! fields are refused, so a client cannot set them.

use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use super::quiz::QuizSettings;
use super::{CertificateTemplate, ContentKind};
use crate::domain::article::{self, ArticleFormat};
use crate::domain::certificate_template;
use crate::domain::course::{check_line, check_text, double_option, whole, whole_or_null};
use crate::domain::validation::{FieldError, FieldErrors, check_length};

pub const SECTION_TITLE_MAX: usize = 200;
pub const CONTENT_TITLE_MAX: usize = 200;
/// An article of up to a million characters (a long handbook chapter is 100,000).
pub const ARTICLE_MAX: usize = 1_000_000;
pub const CERTIFICATE_TITLE_MAX: usize = 200;
pub const CERTIFICATE_BODY_MAX: usize = 5_000;
pub const POINTS_MAX: i64 = 10_000;
/// Ten hours, in seconds.
pub const DURATION_MAX: i64 = 36_000;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionForm {
    #[schema(min_length = 1, max_length = 200)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    /// True when absent on create.
    pub is_published: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionChanges {
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub is_published: Option<bool>,
}

impl SectionForm {
    pub fn parse(&self, new: bool) -> Result<SectionChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.as_deref().map(str::trim);
        match title {
            None if new => errors.add("title", FieldError::Required),
            Some(t) => {
                check_length(&mut errors, "title", t, 1, SECTION_TITLE_MAX);
                check_line(&mut errors, "title", t);
            }
            None => {}
        }
        let description = self.description.as_ref().map(|d| {
            let d = d.as_deref().map(str::trim).filter(|d| !d.is_empty())?;
            check_text(&mut errors, "description", d);
            Some(d.to_owned())
        });
        errors.finish(SectionChanges {
            title: title.map(str::to_owned),
            description,
            is_published: self.is_published,
        })
    }
}

/// `{"ids": [...]}`: the full new order (and, for contents, the section they go into).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderForm {
    pub ids: Vec<Uuid>,
    /// Contents only: the section these contents are (or move) into; absent or null for
    /// no section. Every content already in it must be listed.
    #[serde(default)]
    pub section_id: Option<Uuid>,
}

/// Checks that `ids` is exactly `expected`, each once (order aside).
pub fn check_order(ids: &[Uuid], expected: &[Uuid]) -> Result<(), FieldErrors> {
    let mut given = ids.to_vec();
    given.sort();
    let before = given.len();
    given.dedup();
    let mut want = expected.to_vec();
    want.sort();
    if given.len() != before || given != want {
        return Err(FieldErrors::one("ids", FieldError::OrderList));
    }
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContentForm {
    #[schema(min_length = 1, max_length = 200)]
    pub title: Option<String>,
    /// document, image, video, article, quiz or certificate (fixed once created).
    #[serde(rename = "type")]
    #[schema(value_type = Option<ContentKind>)]
    pub kind: Option<String>,
    /// A section of the same course; null for no section.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub section_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub is_required: Option<bool>,
    pub is_published: Option<bool>,
    #[serde(default, deserialize_with = "whole")]
    #[schema(minimum = 0, maximum = 10000)]
    pub points: Option<i64>,
    /// In seconds.
    #[serde(default, deserialize_with = "whole_or_null")]
    #[schema(value_type = Option<i32>, minimum = 0)]
    pub duration: Option<Option<i64>>,
    /// Articles: Markdown or HTML, stored as written, shown sanitised.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub article_content: Option<Option<String>>,
    /// markdown (default) or html.
    pub article_format: Option<String>,
    /// Quizzes: passingScore, maxAttempts, timeLimitMinutes, shuffleQuestions,
    /// shuffleOptions, showCorrectAnswers, drawCount.
    #[schema(value_type = Option<QuizSettings>)]
    pub quiz_data: Option<Value>,
    /// Certificates: `{"title", "body"}` with placeholders.
    #[schema(value_type = Option<CertificateTemplate>)]
    pub certificate_template: Option<Value>,
}

/// A content's fields, validated; on update, `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContentChanges {
    pub title: Option<String>,
    pub section_id: Option<Option<Uuid>>,
    pub description: Option<Option<String>>,
    pub is_required: Option<bool>,
    pub is_published: Option<bool>,
    pub points: Option<i32>,
    pub duration: Option<Option<i32>>,
    pub article: Option<Article>,
    pub quiz: Option<QuizSettings>,
    pub certificate: Option<CertificateTemplate>,
}

/// An article's text as written, its format, and its sanitised HTML (made on write; the
/// pages sanitise it again when they show it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub source: String,
    pub format: ArticleFormat,
    pub html: String,
}

impl ContentForm {
    /// The type of a new content (required), or the check that an update does not change it.
    pub fn kind(&self, existing: Option<ContentKind>) -> Result<ContentKind, FieldErrors> {
        let given = self.kind.as_deref().map(|k| {
            ContentKind::parse(k).ok_or_else(|| FieldErrors::one("type", FieldError::ContentType))
        });
        match (given, existing) {
            (None, None) => Err(FieldErrors::one("type", FieldError::Required)),
            (None, Some(k)) => Ok(k),
            (Some(g), None) => g,
            (Some(g), Some(k)) => match g? {
                same if same == k => Ok(k),
                _ => Err(FieldErrors::one("type", FieldError::TypeFixed)),
            },
        }
    }

    /// Validates what the form names for a content of `kind`; `new` makes the title
    /// required and gives articles, quizzes and certificates their defaults.
    pub fn parse(&self, kind: ContentKind, new: bool) -> Result<ContentChanges, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.as_deref().map(str::trim);
        match title {
            None if new => errors.add("title", FieldError::Required),
            Some(t) => {
                check_length(&mut errors, "title", t, 1, CONTENT_TITLE_MAX);
                check_line(&mut errors, "title", t);
            }
            None => {}
        }
        let description = self.description.as_ref().map(|d| {
            let d = d.as_deref().map(str::trim).filter(|d| !d.is_empty())?;
            check_text(&mut errors, "description", d);
            Some(d.to_owned())
        });
        let points = self.points.and_then(|p| {
            if (0..=POINTS_MAX).contains(&p) {
                Some(p as i32)
            } else {
                errors.add(
                    "points",
                    FieldError::Range {
                        min: 0,
                        max: POINTS_MAX,
                    },
                );
                None
            }
        });
        let duration = self.duration.map(|d| {
            d.and_then(|d| {
                if (0..=DURATION_MAX).contains(&d) {
                    Some(d as i32)
                } else {
                    errors.add(
                        "duration",
                        FieldError::Range {
                            min: 0,
                            max: DURATION_MAX,
                        },
                    );
                    None
                }
            })
        });
        let article = self.article(kind, new, &mut errors);
        let quiz = match (&self.quiz_data, kind) {
            (Some(_), k) if k != ContentKind::Quiz => {
                errors.add("quizData", FieldError::NotForType);
                None
            }
            (Some(raw), _) => QuizSettings::parse(raw).map_err(|e| errors.merge(e)).ok(),
            (None, ContentKind::Quiz) if new => Some(QuizSettings::default()),
            (None, _) => None,
        };
        let certificate = match (&self.certificate_template, kind) {
            (Some(_), k) if k != ContentKind::Certificate => {
                errors.add("certificateTemplate", FieldError::NotForType);
                None
            }
            (Some(raw), _) => parse_certificate(raw, &mut errors),
            (None, ContentKind::Certificate) if new => Some(CertificateTemplate::default()),
            (None, _) => None,
        };
        errors.finish(ContentChanges {
            title: title.map(str::to_owned),
            section_id: self.section_id,
            description,
            is_required: self.is_required,
            is_published: self.is_published,
            points,
            duration,
            article,
            quiz,
            certificate,
        })
    }

    fn article(&self, kind: ContentKind, new: bool, errors: &mut FieldErrors) -> Option<Article> {
        let format = match self.article_format.as_deref() {
            None => ArticleFormat::Markdown,
            Some(raw) => ArticleFormat::parse(raw).unwrap_or_else(|| {
                errors.add("articleFormat", FieldError::ArticleFormat);
                ArticleFormat::Markdown
            }),
        };
        if kind != ContentKind::Article {
            if self.article_content.is_some() {
                errors.add("articleContent", FieldError::NotForType);
            }
            if self.article_format.is_some() {
                errors.add("articleFormat", FieldError::NotForType);
            }
            return None;
        }
        let source = match &self.article_content {
            Some(text) => text.clone().unwrap_or_default(),
            None if new => String::new(),
            // Only the format changed: the service re-renders the stored text.
            None if self.article_format.is_some() => {
                return Some(Article {
                    source: String::new(),
                    format,
                    html: String::new(),
                });
            }
            None => return None,
        };
        if source.chars().count() > ARTICLE_MAX {
            errors.add("articleContent", FieldError::TooLong { max: ARTICLE_MAX });
        }
        let html = article::render(&source, format);
        Some(Article {
            source,
            format,
            html,
        })
    }
}

fn parse_certificate(raw: &Value, errors: &mut FieldErrors) -> Option<CertificateTemplate> {
    let Ok(t) = serde_json::from_value::<CertificateTemplate>(raw.clone()) else {
        errors.add(
            "certificateTemplate",
            FieldError::WrongType {
                detail: "must be an object with a title and a body".to_owned(),
            },
        );
        return None;
    };
    let title = t.title.trim().to_owned();
    let body = t.body.trim().to_owned();
    check_length(
        errors,
        "certificateTemplate.title",
        &title,
        1,
        CERTIFICATE_TITLE_MAX,
    );
    check_line(errors, "certificateTemplate.title", &title);
    check_length(
        errors,
        "certificateTemplate.body",
        &body,
        1,
        CERTIFICATE_BODY_MAX,
    );
    check_text(errors, "certificateTemplate.body", &body);
    for (field, text) in [
        ("certificateTemplate.title", &title),
        ("certificateTemplate.body", &body),
    ] {
        for name in certificate_template::unknown_placeholders(text) {
            errors.add(field, FieldError::Placeholder { name });
        }
    }
    Some(CertificateTemplate { title, body })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(v: Value) -> ContentForm {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn fields_of_another_type_are_refused() {
        let f = form(
            json!({"title": "Clip", "type": "video", "quizData": {}, "articleContent": "x", "certificateTemplate": {"title": "t", "body": "b"}}),
        );
        let e = f.parse(ContentKind::Video, true).unwrap_err();
        for field in ["quizData", "articleContent", "certificateTemplate"] {
            assert!(e.get(field).is_some(), "{field}: {e}");
        }
    }

    #[test]
    fn certificate_placeholders_are_known_ones() {
        let f = form(
            json!({"title": "Cert", "type": "certificate", "certificateTemplate": {"title": "For {{ trainee_name }}", "body": "{{nickname}} did {{course_title}} {{date"}}),
        );
        let e = f.parse(ContentKind::Certificate, true).unwrap_err();
        assert_eq!(e.get("certificateTemplate.body").unwrap().len(), 2, "{e}");
        assert!(e.get("certificateTemplate.title").is_none());
    }

    #[test]
    fn a_type_never_changes_and_server_fields_are_not_fields() {
        assert!(
            form(json!({"type": "quiz"}))
                .kind(Some(ContentKind::Video))
                .is_err()
        );
        assert!(
            form(json!({"type": "video"}))
                .kind(Some(ContentKind::Video))
                .is_ok()
        );
        for field in ["fileUrl", "fileSize", "fileType", "order", "courseId"] {
            assert!(serde_json::from_value::<ContentForm>(json!({ field: 1 })).is_err());
        }
    }

    #[test]
    fn articles_are_rendered_safe_on_write() {
        let f = form(
            json!({"title": "Read me", "type": "article", "articleContent": "# Hi\n<script>alert(1)</script><img src=x onerror=alert(1)>"}),
        );
        let c = f.parse(ContentKind::Article, true).unwrap();
        let a = c.article.unwrap();
        assert!(a.source.contains("<script>"), "stored as written");
        assert!(a.html.contains("<h1>Hi</h1>"), "{}", a.html);
        assert!(
            !a.html.contains("<script") && !a.html.contains("onerror"),
            "{}",
            a.html
        );
    }

    #[test]
    fn order_lists_hold_each_id_once() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert!(check_order(&[b, a], &[a, b]).is_ok());
        assert!(check_order(&[a, a], &[a, b]).is_err());
        assert!(check_order(&[a], &[a, b]).is_err());
        assert!(check_order(&[a, b, Uuid::now_v7()], &[a, b]).is_err());
    }
}
