//! Collecting every field error of an input at once, for one 422 answer.
//!
//! A field error is a code with its values (`FieldError`), never a sentence: the API words
//! it in English (`FieldError::english`), the pages in the visitor's language from the
//! Fluent message `error-<code>` with the same values (`web::i18n`). Being an enum, the
//! list of codes is closed, so a test can check that each has a message in every language.

use std::collections::BTreeMap;

/// One thing wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Required,
    /// Length in characters outside `min..=max`.
    Length {
        min: usize,
        max: usize,
    },
    /// More than `max` characters.
    TooLong {
        max: usize,
    },
    Email,
    /// A line break, an escape or another control character.
    Control,
    /// A text-direction control (U+202A-U+202E, U+2066-U+2069) in a name.
    NameBidi,
    /// A name made only of invisible characters.
    NameInvisible,
    /// A password past the 72 bytes bcrypt reads.
    PasswordBytes,
    Phone,
    Role,
    Language,
    /// A negative page or limit.
    Negative,
    /// The sort column is not one of those offered (`allowed`, comma-separated).
    Sort {
        allowed: &'static str,
    },
    /// The current password given is not the account's.
    CurrentPassword,
    /// A new password equal to the current one.
    PasswordSame,
    /// An email an earlier line of the same import file already has.
    EmailRepeated,
    /// An email another account already has.
    EmailTaken,
    /// An import line the CSV reader cannot read.
    CsvLine,
    /// A picture wider or taller than `max` pixels.
    ImagePixels {
        max: u32,
    },
    ImageUnreadable,
    /// A field the request does not take (no mass assignment).
    UnknownField,
    /// A value of the wrong JSON type, in the JSON reader's words (API bodies only).
    WrongType {
        detail: String,
    },
    /// A price that is not a number of 0 or more with at most two decimals.
    Price,
    /// A course level other than beginner, intermediate or advanced.
    Level,
    /// A count or duration of 0 or less.
    Positive,
    /// Not a calendar date written YYYY-MM-DD.
    Date,
    /// An end date before the start date.
    EndBeforeStart,
    /// More than `max` items in a list.
    TooMany {
        max: usize,
    },
    /// A trainer to give a course to that is not an active trainer.
    NotATrainer,
    /// A number outside `min..=max`.
    Range {
        min: i64,
        max: i64,
    },
    /// A content type other than the seed's six.
    ContentType,
    /// A field that does not apply to this content type (quizData on a video, say).
    NotForType,
    /// The type of an existing content cannot change.
    TypeFixed,
    /// Not `markdown` or `html`.
    ArticleFormat,
    /// Not never, after_attempt or after_pass.
    ShowAnswers,
    /// A certificate placeholder that does not exist (or is not closed).
    Placeholder {
        name: String,
    },
    /// A section (or content) of another course, or none.
    NotInCourse,
    /// An order list that is not exactly the ids it must hold, each once.
    OrderList,
    /// A question type other than the seed's four.
    QuestionType,
    /// Options that the question type does not take, or too few of them.
    Options,
    /// Two options with the same text.
    OptionRepeated,
    /// A correct answer the question type and options do not allow.
    CorrectAnswer,
    /// A grade other than A to F (with + or -).
    Grade,
    /// A grade the course computes from quiz scores.
    GradeComputed,
    /// An enrolment status other than the seed's four.
    EnrolmentStatus,
    /// A question id that is not one of the attempt's questions.
    NotInAttempt,
    /// An answer the question cannot take (not one of its options, or the wrong shape).
    Answer,
    /// A captions track that is neither WebVTT nor SubRip in UTF-8.
    Captions,
    /// Not a language tag (`en`, `ar-EG`).
    LanguageTag,
    /// An attendance status other than the seed's four.
    AttendanceStatus,
    /// The same person (or item) a second time in one list.
    Repeated,
    /// Not the check-in code on the trainer's screen now (old, of another course, or used).
    CheckInCode,
    /// A file format other than json or csv.
    Format,
}

impl FieldError {
    /// Stable and machine-readable; the pages' message is `error-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::Length { .. } => "length",
            FieldError::TooLong { .. } => "too-long",
            FieldError::Email => "email",
            FieldError::Control => "control",
            FieldError::NameBidi => "name-bidi",
            FieldError::NameInvisible => "name-invisible",
            FieldError::PasswordBytes => "password-bytes",
            FieldError::Phone => "phone",
            FieldError::Role => "role",
            FieldError::Language => "language",
            FieldError::Negative => "negative",
            FieldError::Sort { .. } => "sort",
            FieldError::CurrentPassword => "current-password",
            FieldError::PasswordSame => "password-same",
            FieldError::EmailRepeated => "email-repeated",
            FieldError::EmailTaken => "email-taken",
            FieldError::CsvLine => "csv-line",
            FieldError::ImagePixels { .. } => "image-pixels",
            FieldError::ImageUnreadable => "image-unreadable",
            FieldError::UnknownField => "unknown-field",
            FieldError::WrongType { .. } => "wrong-type",
            FieldError::Price => "price",
            FieldError::Level => "level",
            FieldError::Positive => "positive",
            FieldError::Date => "date",
            FieldError::EndBeforeStart => "end-before-start",
            FieldError::TooMany { .. } => "too-many",
            FieldError::NotATrainer => "not-a-trainer",
            FieldError::Range { .. } => "range",
            FieldError::ContentType => "content-type",
            FieldError::NotForType => "not-for-type",
            FieldError::TypeFixed => "type-fixed",
            FieldError::ArticleFormat => "article-format",
            FieldError::ShowAnswers => "show-answers",
            FieldError::Placeholder { .. } => "placeholder",
            FieldError::NotInCourse => "not-in-course",
            FieldError::OrderList => "order-list",
            FieldError::QuestionType => "question-type",
            FieldError::Options => "options",
            FieldError::OptionRepeated => "option-repeated",
            FieldError::CorrectAnswer => "correct-answer",
            FieldError::Grade => "grade",
            FieldError::GradeComputed => "grade-computed",
            FieldError::EnrolmentStatus => "enrolment-status",
            FieldError::NotInAttempt => "not-in-attempt",
            FieldError::Answer => "answer",
            FieldError::Captions => "captions",
            FieldError::LanguageTag => "language-tag",
            FieldError::AttendanceStatus => "attendance-status",
            FieldError::Repeated => "repeated",
            FieldError::CheckInCode => "check-in-code",
            FieldError::Format => "format",
        }
    }

    /// The values a message needs, by name: numbers (to be written in the reader's digits)
    /// and text.
    pub fn params(&self) -> Vec<(&'static str, Param)> {
        match self {
            FieldError::Length { min, max } => vec![
                ("min", Param::Number(*min as u64)),
                ("max", Param::Number(*max as u64)),
            ],
            FieldError::TooLong { max } => vec![("max", Param::Number(*max as u64))],
            FieldError::ImagePixels { max } => vec![("max", Param::Number(u64::from(*max)))],
            FieldError::TooMany { max } => vec![("max", Param::Number(*max as u64))],
            FieldError::Range { min, max } => vec![
                ("min", Param::Number(*min as u64)),
                ("max", Param::Number(*max as u64)),
            ],
            FieldError::Placeholder { name } => vec![("name", Param::Text(name.clone()))],
            FieldError::Sort { allowed } => vec![("allowed", Param::Text((*allowed).to_owned()))],
            FieldError::WrongType { detail } => vec![("detail", Param::Text(detail.clone()))],
            _ => Vec::new(),
        }
    }

    /// The message in English, as the API answers it.
    pub fn english(&self) -> String {
        match self {
            FieldError::Required => "is required".to_owned(),
            FieldError::Length { min, max } => {
                format!("must be between {min} and {max} characters")
            }
            FieldError::TooLong { max } => format!("must be at most {max} characters"),
            FieldError::Email => "must be a valid email address".to_owned(),
            FieldError::Control => {
                "must not contain line breaks or other control characters".to_owned()
            }
            FieldError::NameBidi => "must not contain text-direction control characters".to_owned(),
            FieldError::NameInvisible => "must contain visible characters".to_owned(),
            FieldError::PasswordBytes => {
                "must be at most 72 bytes (letters outside the Latin alphabet take 2 to 4 each)"
                    .to_owned()
            }
            FieldError::Phone => "may contain only digits, spaces and + - ( ) .".to_owned(),
            FieldError::Role => "must be one of super_admin, trainer, trainee".to_owned(),
            FieldError::Language => "must be en or ar".to_owned(),
            FieldError::Negative => "must be 0 or more".to_owned(),
            FieldError::Sort { allowed } => {
                format!("must be one of {allowed} (with - for descending)")
            }
            FieldError::CurrentPassword => "is not correct".to_owned(),
            FieldError::PasswordSame => "must differ from the current password".to_owned(),
            FieldError::EmailRepeated => "appears earlier in this file".to_owned(),
            FieldError::EmailTaken => "another account already uses it".to_owned(),
            FieldError::CsvLine => "cannot be read as CSV".to_owned(),
            FieldError::ImagePixels { max } => format!("must be at most {max} × {max} pixels"),
            FieldError::ImageUnreadable => "cannot be read as an image".to_owned(),
            FieldError::UnknownField => "is not a field of this request".to_owned(),
            FieldError::WrongType { detail } => detail.clone(),
            FieldError::Price => {
                "must be a number from 0 to 99999999.99 with at most two decimals".to_owned()
            }
            FieldError::Level => "must be one of beginner, intermediate, advanced".to_owned(),
            FieldError::Positive => "must be 1 or more".to_owned(),
            FieldError::Date => "must be a date written YYYY-MM-DD".to_owned(),
            FieldError::EndBeforeStart => "must not be before the start date".to_owned(),
            FieldError::TooMany { max } => format!("must have at most {max} items"),
            FieldError::NotATrainer => "must be an active trainer's id".to_owned(),
            FieldError::Range { min, max } => format!("must be between {min} and {max}"),
            FieldError::ContentType => {
                "must be one of document, image, video, article, quiz, certificate".to_owned()
            }
            FieldError::NotForType => "does not apply to this type of content".to_owned(),
            FieldError::TypeFixed => "cannot change: create a new content instead".to_owned(),
            FieldError::ArticleFormat => "must be markdown or html".to_owned(),
            FieldError::ShowAnswers => "must be never, after_attempt or after_pass".to_owned(),
            FieldError::Placeholder { name } => format!(
                "{{{{{name}}}}} is not a placeholder: use {{{{trainee_name}}}}, {{{{course_title}}}}, {{{{date}}}} or {{{{trainer_name}}}}"
            ),
            FieldError::NotInCourse => "must belong to this course".to_owned(),
            FieldError::OrderList => "must list every id exactly once, and no other".to_owned(),
            FieldError::QuestionType => {
                "must be one of single_choice, multiple_choice, true_false, text".to_owned()
            }
            FieldError::Options => {
                "must be 2 to 20 options for a choice question, and none for other types"
                    .to_owned()
            }
            FieldError::OptionRepeated => "must not repeat an option".to_owned(),
            FieldError::CorrectAnswer => {
                "must be what the question type allows: one option (single_choice), one or more options (multiple_choice), true or false (true_false), accepted answers or manual grading (text)".to_owned()
            }
            FieldError::GradeComputed => {
                "is computed from quiz scores in this course (turn that off to set it)".to_owned()
            }
            FieldError::Grade => "must be a letter from A to F, with + or - after it if you like".to_owned(),
            FieldError::EnrolmentStatus => "must be one of enrolled, completed, dropped, suspended".to_owned(),
            FieldError::NotInAttempt => "must be a question of this attempt".to_owned(),
            FieldError::Answer => "must be one of the question's options (a list of them for multiple choice), true or false, or text".to_owned(),
            FieldError::Captions => "must be a WebVTT file (starting with WEBVTT) or a SubRip (.srt) file, in UTF-8".to_owned(),
            FieldError::LanguageTag => "must be a language tag such as en, ar or ar-EG".to_owned(),
            FieldError::AttendanceStatus => "must be one of present, absent, late, excused".to_owned(),
            FieldError::Repeated => "appears earlier in the list".to_owned(),
            FieldError::Format => "must be json or csv".to_owned(),
            FieldError::CheckInCode => "is not the code on the screen now: it may be old, of another course, or already used; type the one showing".to_owned(),
        }
    }

    /// One of each kind, for the tests that every code has its messages.
    pub fn examples() -> Vec<FieldError> {
        vec![
            FieldError::Required,
            FieldError::Length { min: 2, max: 50 },
            FieldError::TooLong { max: 255 },
            FieldError::Email,
            FieldError::Control,
            FieldError::NameBidi,
            FieldError::NameInvisible,
            FieldError::PasswordBytes,
            FieldError::Phone,
            FieldError::Role,
            FieldError::Language,
            FieldError::Negative,
            FieldError::Sort { allowed: "a, b" },
            FieldError::CurrentPassword,
            FieldError::PasswordSame,
            FieldError::EmailRepeated,
            FieldError::EmailTaken,
            FieldError::CsvLine,
            FieldError::ImagePixels { max: 4096 },
            FieldError::ImageUnreadable,
            FieldError::UnknownField,
            FieldError::WrongType {
                detail: "invalid type".to_owned(),
            },
            FieldError::Price,
            FieldError::Level,
            FieldError::Positive,
            FieldError::Date,
            FieldError::EndBeforeStart,
            FieldError::TooMany { max: 20 },
            FieldError::NotATrainer,
            FieldError::Range { min: 0, max: 100 },
            FieldError::ContentType,
            FieldError::NotForType,
            FieldError::TypeFixed,
            FieldError::ArticleFormat,
            FieldError::ShowAnswers,
            FieldError::Placeholder {
                name: "nickname".to_owned(),
            },
            FieldError::NotInCourse,
            FieldError::OrderList,
            FieldError::QuestionType,
            FieldError::Options,
            FieldError::OptionRepeated,
            FieldError::CorrectAnswer,
            FieldError::Grade,
            FieldError::GradeComputed,
            FieldError::EnrolmentStatus,
            FieldError::NotInAttempt,
            FieldError::Answer,
            FieldError::Captions,
            FieldError::LanguageTag,
            FieldError::AttendanceStatus,
            FieldError::Repeated,
            FieldError::CheckInCode,
            FieldError::Format,
        ]
    }
}

/// A value a message is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Number(u64),
    Text(String),
}

/// Field name (as the API spells it) -> what is wrong with it. The API serialises each as
/// its English message: `{"email": ["must be a valid email address"]}`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Vec<FieldError>>);

/// In the OpenAPI document: what the API sends, field name -> English messages.
impl utoipa::PartialSchema for FieldErrors {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <BTreeMap<String, Vec<String>> as utoipa::PartialSchema>::schema()
    }
}

impl utoipa::ToSchema for FieldErrors {}

impl serde::Serialize for FieldErrors {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, errors) in &self.0 {
            let messages: Vec<String> = errors.iter().map(FieldError::english).collect();
            map.serialize_entry(field, &messages)?;
        }
        map.end()
    }
}

impl FieldErrors {
    pub fn add(&mut self, field: &str, error: FieldError) {
        self.0.entry(field.to_owned()).or_default().push(error);
    }

    /// One field, one error.
    pub fn one(field: &str, error: FieldError) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add(field, error);
        errors
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&[FieldError]> {
        self.0.get(field).map(Vec::as_slice)
    }

    /// Every field with its errors, by field name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[FieldError])> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_slice()))
    }

    /// Adds every error of `other`.
    pub fn merge(&mut self, other: FieldErrors) {
        for (field, errors) in other.0 {
            self.0.entry(field).or_default().extend(errors);
        }
    }

    /// `Ok(value)` when no error was added.
    pub fn finish<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// `field: message, message; field: message`, in English (logs, the import report).
impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(field, errors)| {
                let messages: Vec<String> = errors.iter().map(FieldError::english).collect();
                format!("{field}: {}", messages.join(", "))
            })
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// Length in characters (not bytes) within `min..=max`.
pub fn check_length(errors: &mut FieldErrors, field: &str, value: &str, min: usize, max: usize) {
    let n = value.chars().count();
    if n < min || n > max {
        errors.add(field, FieldError::Length { min, max });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_reads_english_and_every_code_is_distinct() {
        let mut errors = FieldErrors::default();
        errors.add("firstName", FieldError::Length { min: 2, max: 50 });
        errors.add("email", FieldError::Email);
        assert_eq!(
            serde_json::to_value(&errors).unwrap(),
            serde_json::json!({
                "email": ["must be a valid email address"],
                "firstName": ["must be between 2 and 50 characters"],
            })
        );
        let codes: std::collections::BTreeSet<_> = FieldError::examples()
            .iter()
            .map(FieldError::code)
            .collect();
        assert_eq!(codes.len(), FieldError::examples().len());
    }
}
