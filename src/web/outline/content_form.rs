//! The content editor's form: the fields every content has (title, description, section,
//! required, published, points, duration) and those of its type (an article's text and
//! format, a quiz's settings, a certificate's title and body), read from the page into the
//! domain's `ContentForm`.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::domain::content::quiz::ShowAnswers;
use crate::domain::content::{Content, ContentForm, ContentKind};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::web::form::FormErrors;
use crate::web::outline::fields::{Choice, EditorField};
use crate::web::outline::parse_section;
use crate::web::page::Page;

/// The longest duration the form takes, in minutes (the domain's ten hours).
const DURATION_MAX_MINUTES: i64 = crate::domain::content::DURATION_MAX / 60;

/// Domain field -> page field.
pub const FIELDS: [(&str, &str); 20] = [
    ("title", "title"),
    ("description", "description"),
    ("sectionId", "sectionId"),
    ("isRequired", "isRequired"),
    ("isPublished", "isPublished"),
    ("points", "points"),
    ("duration", "duration"),
    ("articleContent", "articleContent"),
    ("articleFormat", "articleFormat"),
    ("quizData.passingScore", "passingScore"),
    ("quizData.maxAttempts", "maxAttempts"),
    ("quizData.timeLimitMinutes", "timeLimitMinutes"),
    ("quizData.drawCount", "drawCount"),
    ("quizData.shuffleQuestions", "shuffleQuestions"),
    ("quizData.shuffleOptions", "shuffleOptions"),
    ("quizData.showCorrectAnswers", "showCorrectAnswers"),
    ("certificateTemplate.title", "certificateTitle"),
    ("certificateTemplate.body", "certificateBody"),
    ("certificateTemplate", "certificateBody"),
    ("file", "file"),
];

/// The content form as typed. Checkboxes are present when ticked.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentValues {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub section_id: String,
    #[serde(default)]
    pub is_required: Option<String>,
    #[serde(default)]
    pub is_published: Option<String>,
    #[serde(default)]
    pub points: String,
    /// In minutes.
    #[serde(default)]
    pub duration: String,
    #[serde(default)]
    pub article_content: String,
    #[serde(default)]
    pub article_format: String,
    #[serde(default)]
    pub passing_score: String,
    #[serde(default)]
    pub max_attempts: String,
    #[serde(default)]
    pub time_limit_minutes: String,
    #[serde(default)]
    pub draw_count: String,
    #[serde(default)]
    pub shuffle_questions: Option<String>,
    #[serde(default)]
    pub shuffle_options: Option<String>,
    #[serde(default)]
    pub show_correct_answers: String,
    #[serde(default)]
    pub certificate_title: String,
    #[serde(default)]
    pub certificate_body: String,
    /// The article's "Preview" button: render, do not save.
    #[serde(default)]
    pub preview: Option<String>,
}

fn ticked(on: bool) -> Option<String> {
    on.then(|| "true".to_owned())
}

fn optional_number(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// Seconds as minutes, without a needless fraction (`90` is `1.5`).
fn minutes(seconds: i32) -> String {
    if seconds % 60 == 0 {
        (seconds / 60).to_string()
    } else {
        let text = format!("{:.2}", f64::from(seconds) / 60.0);
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl ContentValues {
    /// The form filled from the stored content.
    pub fn of(content: &Content) -> ContentValues {
        let quiz = content.quiz_data.clone().unwrap_or_default();
        let certificate = content.certificate_template.clone().unwrap_or_default();
        ContentValues {
            title: content.title.clone(),
            description: content.description.clone().unwrap_or_default(),
            section_id: content
                .section_id
                .map(|s| s.to_string())
                .unwrap_or_default(),
            is_required: ticked(content.is_required),
            is_published: ticked(content.is_published),
            points: content.points.to_string(),
            duration: content.duration.map(minutes).unwrap_or_default(),
            article_content: content.article_content.clone().unwrap_or_default(),
            article_format: content
                .article_format
                .clone()
                .unwrap_or_else(|| "markdown".to_owned()),
            passing_score: quiz.passing_score.to_string(),
            max_attempts: optional_number(quiz.max_attempts),
            time_limit_minutes: optional_number(quiz.time_limit_minutes),
            draw_count: optional_number(quiz.draw_count),
            shuffle_questions: ticked(quiz.shuffle_questions),
            shuffle_options: ticked(quiz.shuffle_options),
            show_correct_answers: show_answers_value(quiz.show_correct_answers).to_owned(),
            certificate_title: certificate.title,
            certificate_body: certificate.body,
            preview: None,
        }
    }

    /// The domain's form for a content of `kind`, and the errors of what the page itself
    /// reads (the duration in minutes, whole numbers).
    pub fn form(&self, kind: ContentKind) -> (ContentForm, FieldErrors) {
        let mut errors = FieldErrors::default();
        let duration = match self.duration.trim() {
            "" => Some(None),
            text => match text.replace(',', ".").parse::<f64>() {
                Ok(m) if m.is_finite() && (0.0..=DURATION_MAX_MINUTES as f64).contains(&m) => {
                    Some(Some((m * 60.0).round() as i64))
                }
                _ => {
                    errors.add(
                        "duration",
                        FieldError::Range {
                            min: 0,
                            max: DURATION_MAX_MINUTES,
                        },
                    );
                    None
                }
            },
        };
        let points = match self.points.trim() {
            "" => Some(0),
            text => match text.parse::<i64>() {
                Ok(p) => Some(p),
                Err(_) => {
                    errors.add(
                        "points",
                        FieldError::Range {
                            min: 0,
                            max: crate::domain::content::POINTS_MAX,
                        },
                    );
                    None
                }
            },
        };
        let mut form = ContentForm {
            title: Some(self.title.clone()),
            section_id: Some(parse_section(&self.section_id)),
            description: Some(Some(self.description.clone())),
            is_required: Some(self.is_required.is_some()),
            is_published: Some(self.is_published.is_some()),
            points,
            duration,
            ..ContentForm::default()
        };
        match kind {
            ContentKind::Article => {
                form.article_content = Some(Some(self.article_content.clone()));
                form.article_format = Some(self.article_format.clone());
            }
            ContentKind::Quiz => form.quiz_data = Some(self.quiz_data()),
            ContentKind::Certificate => {
                form.certificate_template = Some(json!({
                    "title": self.certificate_title,
                    "body": self.certificate_body,
                }));
            }
            ContentKind::Video | ContentKind::Document | ContentKind::Image => {}
        }
        (form, errors)
    }

    /// `quizData` as the API takes it: numbers as numbers, empty as none; anything else
    /// is passed on as text, which the domain refuses with the field's range.
    fn quiz_data(&self) -> Value {
        let number = |text: &str| -> Value {
            let text = text.trim();
            if text.is_empty() {
                Value::Null
            } else {
                text.parse::<i64>()
                    .map_or_else(|_| Value::String(text.to_owned()), Value::from)
            }
        };
        let mut map = Map::new();
        map.insert("passingScore".into(), number(&self.passing_score));
        map.insert("maxAttempts".into(), number(&self.max_attempts));
        map.insert("timeLimitMinutes".into(), number(&self.time_limit_minutes));
        map.insert("drawCount".into(), number(&self.draw_count));
        map.insert(
            "shuffleQuestions".into(),
            Value::Bool(self.shuffle_questions.is_some()),
        );
        map.insert(
            "shuffleOptions".into(),
            Value::Bool(self.shuffle_options.is_some()),
        );
        map.insert(
            "showCorrectAnswers".into(),
            Value::String(self.show_correct_answers.clone()),
        );
        Value::Object(map)
    }
}

fn show_answers_value(show: ShowAnswers) -> &'static str {
    match show {
        ShowAnswers::Never => "never",
        ShowAnswers::AfterAttempt => "after_attempt",
        ShowAnswers::AfterPass => "after_pass",
    }
}

/// The fields every content has.
pub fn common_fields(
    ctx: &Page,
    values: &ContentValues,
    errors: &FormErrors,
    sections: &[Choice],
) -> Vec<EditorField> {
    vec![
        EditorField::new("content-title", "title", ctx.t("field-title"), "text")
            .required()
            .value(&values.title)
            .errors(errors),
        EditorField::new(
            "content-description",
            "description",
            ctx.t("field-description"),
            "textarea",
        )
        .rows(3)
        .hint(ctx.t("hint-content-description"))
        .value(&values.description)
        .errors(errors),
        EditorField::new(
            "content-section",
            "sectionId",
            ctx.t("field-section"),
            "select",
        )
        .choices(sections.to_vec())
        .value(&values.section_id)
        .errors(errors),
        EditorField::new("content-points", "points", ctx.t("field-points"), "number")
            .range(0, crate::domain::content::POINTS_MAX)
            .hint(ctx.t("hint-content-points"))
            .value(&values.points)
            .errors(errors),
        EditorField::new(
            "content-duration",
            "duration",
            ctx.t("field-duration-minutes"),
            "number",
        )
        .range(0, DURATION_MAX_MINUTES)
        .hint(ctx.t("hint-content-duration"))
        .value(&values.duration)
        .errors(errors),
        EditorField::new(
            "content-required",
            "isRequired",
            ctx.t("field-content-required"),
            "checkbox",
        )
        .hint(ctx.t("hint-content-required"))
        .checked(values.is_required.is_some())
        .errors(errors),
        EditorField::new(
            "content-published",
            "isPublished",
            ctx.t("field-content-published"),
            "checkbox",
        )
        .hint(ctx.t("hint-content-published"))
        .checked(values.is_published.is_some())
        .errors(errors),
    ]
}

/// The fields of the content's own type (none for files: their form is the upload).
pub fn type_fields(
    ctx: &Page,
    kind: ContentKind,
    values: &ContentValues,
    errors: &FormErrors,
) -> Vec<EditorField> {
    match kind {
        ContentKind::Article => vec![
            EditorField::new(
                "article-format",
                "articleFormat",
                ctx.t("field-article-format"),
                "select",
            )
            .choices(vec![
                Choice::new("markdown", ctx.t("article-format-markdown")),
                Choice::new("html", ctx.t("article-format-html")),
            ])
            .value(&values.article_format)
            .errors(errors),
            EditorField::new(
                "article-content",
                "articleContent",
                ctx.t("field-article-content"),
                "textarea",
            )
            .rows(16)
            .code()
            .hint(ctx.t("hint-article-content"))
            .value(&values.article_content)
            .errors(errors),
        ],
        ContentKind::Quiz => vec![
            EditorField::new(
                "quiz-passing-score",
                "passingScore",
                ctx.t("field-quiz-passing-score"),
                "number",
            )
            .required()
            .range(0, 100)
            .value(&values.passing_score)
            .errors(errors),
            EditorField::new(
                "quiz-max-attempts",
                "maxAttempts",
                ctx.t("field-quiz-max-attempts"),
                "number",
            )
            .range(1, 100)
            .hint(ctx.t("hint-quiz-max-attempts"))
            .value(&values.max_attempts)
            .errors(errors),
            EditorField::new(
                "quiz-time-limit",
                "timeLimitMinutes",
                ctx.t("field-quiz-time-limit"),
                "number",
            )
            .range(1, 24 * 60)
            .hint(ctx.t("hint-quiz-time-limit"))
            .value(&values.time_limit_minutes)
            .errors(errors),
            EditorField::new(
                "quiz-draw-count",
                "drawCount",
                ctx.t("field-quiz-draw-count"),
                "number",
            )
            .range(1, 500)
            .hint(ctx.t("hint-quiz-draw-count"))
            .value(&values.draw_count)
            .errors(errors),
            EditorField::new(
                "quiz-show-answers",
                "showCorrectAnswers",
                ctx.t("field-quiz-show-answers"),
                "select",
            )
            .choices(vec![
                Choice::new("after_attempt", ctx.t("quiz-show-after-attempt")),
                Choice::new("after_pass", ctx.t("quiz-show-after-pass")),
                Choice::new("never", ctx.t("quiz-show-never")),
            ])
            .value(&values.show_correct_answers)
            .errors(errors),
            EditorField::new(
                "quiz-shuffle-questions",
                "shuffleQuestions",
                ctx.t("field-quiz-shuffle-questions"),
                "checkbox",
            )
            .checked(values.shuffle_questions.is_some())
            .errors(errors),
            EditorField::new(
                "quiz-shuffle-options",
                "shuffleOptions",
                ctx.t("field-quiz-shuffle-options"),
                "checkbox",
            )
            .checked(values.shuffle_options.is_some())
            .errors(errors),
        ],
        ContentKind::Certificate => vec![
            EditorField::new(
                "certificate-title",
                "certificateTitle",
                ctx.t("field-certificate-title"),
                "text",
            )
            .required()
            .value(&values.certificate_title)
            .errors(errors),
            EditorField::new(
                "certificate-body",
                "certificateBody",
                ctx.t("field-certificate-body"),
                "textarea",
            )
            .required()
            .rows(6)
            .hint(ctx.t("hint-certificate-body"))
            .value(&values.certificate_body)
            .errors(errors),
        ],
        ContentKind::Video | ContentKind::Document | ContentKind::Image => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::content::quiz::QuizSettings;

    #[test]
    fn durations_are_typed_in_minutes() {
        let values = ContentValues {
            duration: "1.5".into(),
            ..ContentValues::default()
        };
        let (form, errors) = values.form(ContentKind::Video);
        assert!(errors.is_empty());
        assert_eq!(form.duration, Some(Some(90)));
        assert_eq!(minutes(90), "1.5");
        assert_eq!(minutes(600), "10");
        for bad in ["-1", "601", "ten"] {
            let values = ContentValues {
                duration: bad.into(),
                ..ContentValues::default()
            };
            assert!(values.form(ContentKind::Video).1.get("duration").is_some());
        }
    }

    #[test]
    fn quiz_settings_keep_text_for_the_domain_to_refuse() {
        let values = ContentValues {
            passing_score: "80".into(),
            max_attempts: "".into(),
            draw_count: "lots".into(),
            show_correct_answers: "never".into(),
            ..ContentValues::default()
        };
        let (form, _) = values.form(ContentKind::Quiz);
        let data = form.quiz_data.unwrap();
        assert_eq!(data["passingScore"], 80);
        assert!(data["maxAttempts"].is_null());
        assert_eq!(data["drawCount"], "lots");
        assert!(QuizSettings::parse(&data).is_err());
    }
}
