//! Quizzes: the settings a quiz content keeps (`quizData`) and its questions.
//!
//! A question is stored as the seed has it: `correctAnswer` is text (the option for
//! `single_choice`, a JSON array of options for `multiple_choice`, `true`/`false`, or the
//! accepted answers separated by `|` for `text`, empty when a person grades it). The
//! trainer's view (`Question`) has the answer; learners get `LearnerQuestion`, a type per
//! question kind that has no answer field at all, so no serialiser can leak one.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::domain::course::{check_line, check_text, double_option, whole};
use crate::domain::validation::{FieldError, FieldErrors, check_length};

/// When a learner sees the correct answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShowAnswers {
    Never,
    #[default]
    AfterAttempt,
    AfterPass,
}

/// `quizData`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", default)]
pub struct QuizSettings {
    /// Percent of the points needed to pass, 0 to 100.
    pub passing_score: u8,
    /// None: unlimited.
    pub max_attempts: Option<u32>,
    /// None: untimed.
    pub time_limit_minutes: Option<u32>,
    pub shuffle_questions: bool,
    pub shuffle_options: bool,
    pub show_correct_answers: ShowAnswers,
    /// Draw this many questions from the pool for each attempt; None: all of them.
    pub draw_count: Option<u32>,
}

impl Default for QuizSettings {
    fn default() -> Self {
        QuizSettings {
            passing_score: 70,
            max_attempts: None,
            time_limit_minutes: None,
            shuffle_questions: false,
            shuffle_options: false,
            show_correct_answers: ShowAnswers::AfterAttempt,
            draw_count: None,
        }
    }
}

/// A whole number in `min..=max`, or the error for `field`.
fn number(errors: &mut FieldErrors, field: &str, v: &Value, min: i64, max: i64) -> Option<i64> {
    match v.as_i64() {
        Some(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            errors.add(field, FieldError::Range { min, max });
            None
        }
    }
}

impl QuizSettings {
    /// Reads `quizData` as a client sent it, every bad member named `quizData.<member>`.
    /// Members left out keep their defaults; `null` means none (unlimited, untimed, all).
    pub fn parse(raw: &Value) -> Result<QuizSettings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut s = QuizSettings::default();
        let Some(map) = raw.as_object() else {
            return Err(FieldErrors::one(
                "quizData",
                FieldError::WrongType {
                    detail: "must be an object".to_owned(),
                },
            ));
        };
        for (key, v) in map {
            let field = format!("quizData.{key}");
            let optional = |errors: &mut FieldErrors, min, max| {
                if v.is_null() {
                    None
                } else {
                    number(errors, &field, v, min, max).map(|n| n as u32)
                }
            };
            match key.as_str() {
                "passingScore" => {
                    if let Some(n) = number(&mut errors, &field, v, 0, 100) {
                        s.passing_score = n as u8;
                    }
                }
                "maxAttempts" => s.max_attempts = optional(&mut errors, 1, 100),
                "timeLimitMinutes" => s.time_limit_minutes = optional(&mut errors, 1, 24 * 60),
                "drawCount" => s.draw_count = optional(&mut errors, 1, 500),
                "shuffleQuestions" | "shuffleOptions" => match v.as_bool() {
                    Some(b) if key == "shuffleQuestions" => s.shuffle_questions = b,
                    Some(b) => s.shuffle_options = b,
                    None => errors.add(
                        &field,
                        FieldError::WrongType {
                            detail: "must be true or false".to_owned(),
                        },
                    ),
                },
                "showCorrectAnswers" => match serde_json::from_value::<ShowAnswers>(v.clone()) {
                    Ok(show) => s.show_correct_answers = show,
                    Err(_) => errors.add(&field, FieldError::ShowAnswers),
                },
                _ => errors.add(&field, FieldError::UnknownField),
            }
        }
        errors.finish(s)
    }

    /// Settings read back from the column (lenient: a missing member takes its default).
    pub fn stored(raw: &Value) -> QuizSettings {
        serde_json::from_value(raw.clone()).unwrap_or_default()
    }
}

/// The seed's `quiz_questions.questionType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    Text,
}

impl QuestionKind {
    pub fn parse(raw: &str) -> Option<QuestionKind> {
        match raw.trim() {
            "single_choice" => Some(QuestionKind::SingleChoice),
            "multiple_choice" => Some(QuestionKind::MultipleChoice),
            "true_false" => Some(QuestionKind::TrueFalse),
            "text" => Some(QuestionKind::Text),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::TrueFalse => "true_false",
            QuestionKind::Text => "text",
        }
    }

    fn has_options(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        )
    }
}

pub const QUESTION_MAX: usize = 5_000;
pub const OPTION_MAX: usize = 500;
pub const OPTIONS_MIN: usize = 2;
pub const OPTIONS_MAX: usize = 20;
pub const POINTS_MAX: i64 = 1_000;

/// The body of `POST /api/contents/{id}/questions` and `PUT /api/questions/{id}`. On
/// update, absent fields keep their values and the whole question is checked again.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionForm {
    pub question: Option<String>,
    /// single_choice, multiple_choice, true_false or text.
    pub question_type: Option<String>,
    /// Choice questions: 2 to 20 distinct options.
    pub options: Option<Vec<String>>,
    /// The option (single_choice), an array of options (multiple_choice), "true" or
    /// "false" (true_false), or accepted answers separated by `|` (text).
    #[schema(value_type = Object)]
    pub correct_answer: Option<Value>,
    /// Text questions only: a person grades the answer (no accepted answers then).
    pub manual_grading: Option<bool>,
    #[serde(default, deserialize_with = "whole")]
    #[schema(minimum = 0, maximum = 1000)]
    pub points: Option<i64>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub explanation: Option<Option<String>>,
    pub is_active: Option<bool>,
}

/// A question, validated, as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionData {
    pub question: String,
    pub kind: QuestionKind,
    pub options: Vec<String>,
    pub correct_answer: String,
    pub points: i32,
    pub explanation: Option<String>,
    pub is_active: bool,
}

/// The trainer's view of a question: with its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    pub id: Uuid,
    pub content_id: Uuid,
    pub question: String,
    pub question_type: QuestionKind,
    pub options: Vec<String>,
    /// As sent: a string, or an array for multiple_choice.
    #[schema(value_type = Object)]
    pub correct_answer: Value,
    pub manual_grading: bool,
    pub points: i32,
    pub explanation: Option<String>,
    pub order: i32,
    pub is_active: bool,
}

/// A learner's view of a question: one shape per kind, none with an answer field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "questionType", rename_all = "snake_case")]
pub enum LearnerQuestion {
    SingleChoice(ChoiceQuestion),
    MultipleChoice(ChoiceQuestion),
    TrueFalse(PlainQuestion),
    Text(PlainQuestion),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ChoiceQuestion {
    pub id: Uuid,
    pub question: String,
    pub options: Vec<String>,
    pub points: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlainQuestion {
    pub id: Uuid,
    pub question: String,
    pub points: i32,
}

impl From<&Question> for LearnerQuestion {
    fn from(q: &Question) -> Self {
        let choice = || ChoiceQuestion {
            id: q.id,
            question: q.question.clone(),
            options: q.options.clone(),
            points: q.points,
        };
        let plain = || PlainQuestion {
            id: q.id,
            question: q.question.clone(),
            points: q.points,
        };
        match q.question_type {
            QuestionKind::SingleChoice => LearnerQuestion::SingleChoice(choice()),
            QuestionKind::MultipleChoice => LearnerQuestion::MultipleChoice(choice()),
            QuestionKind::TrueFalse => LearnerQuestion::TrueFalse(plain()),
            QuestionKind::Text => LearnerQuestion::Text(plain()),
        }
    }
}

impl Question {
    /// The view of a stored question (`correct_answer` as stored text).
    pub fn from_stored(id: Uuid, content_id: Uuid, order: i32, data: QuestionData) -> Question {
        let (correct_answer, manual_grading) = match data.kind {
            QuestionKind::MultipleChoice => (
                serde_json::from_str(&data.correct_answer).unwrap_or(Value::Array(vec![])),
                false,
            ),
            QuestionKind::Text => (
                Value::String(data.correct_answer.clone()),
                data.correct_answer.is_empty(),
            ),
            _ => (Value::String(data.correct_answer.clone()), false),
        };
        Question {
            id,
            content_id,
            question: data.question,
            question_type: data.kind,
            options: data.options,
            correct_answer,
            manual_grading,
            points: data.points,
            explanation: data.explanation,
            order,
            is_active: data.is_active,
        }
    }

    /// The form that would recreate this question (an update starts from it).
    pub fn as_form(&self) -> QuestionForm {
        QuestionForm {
            question: Some(self.question.clone()),
            question_type: Some(self.question_type.as_str().to_owned()),
            options: Some(self.options.clone()),
            correct_answer: Some(self.correct_answer.clone()),
            manual_grading: Some(self.manual_grading),
            points: Some(i64::from(self.points)),
            explanation: Some(self.explanation.clone()),
            is_active: Some(self.is_active),
        }
    }
}

impl QuestionForm {
    /// This form's fields over `base`'s (an update).
    pub fn over(self, base: QuestionForm) -> QuestionForm {
        let kind_changed = self.question_type.is_some() && self.question_type != base.question_type;
        QuestionForm {
            question: self.question.or(base.question),
            // A new type starts from no options and no answer unless they are sent too.
            options: self
                .options
                .or(if kind_changed { None } else { base.options }),
            correct_answer: self.correct_answer.or(if kind_changed {
                None
            } else {
                base.correct_answer
            }),
            manual_grading: self.manual_grading.or(if kind_changed {
                None
            } else {
                base.manual_grading
            }),
            question_type: self.question_type.or(base.question_type),
            points: self.points.or(base.points),
            explanation: self.explanation.or(base.explanation),
            is_active: self.is_active.or(base.is_active),
        }
    }

    /// Validates the whole question: every bad field named at once.
    pub fn parse(&self) -> Result<QuestionData, FieldErrors> {
        let mut errors = FieldErrors::default();
        let question = self
            .question
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_owned();
        if question.is_empty() {
            errors.add("question", FieldError::Required);
        } else {
            check_length(&mut errors, "question", &question, 1, QUESTION_MAX);
            check_text(&mut errors, "question", &question);
        }
        let kind = match self.question_type.as_deref() {
            None => {
                errors.add("questionType", FieldError::Required);
                None
            }
            Some(raw) => QuestionKind::parse(raw).or_else(|| {
                errors.add("questionType", FieldError::QuestionType);
                None
            }),
        };
        let points = match self.points {
            None => 1,
            Some(p) if (0..=POINTS_MAX).contains(&p) => p as i32,
            Some(_) => {
                errors.add(
                    "points",
                    FieldError::Range {
                        min: 0,
                        max: POINTS_MAX,
                    },
                );
                1
            }
        };
        let explanation = self
            .explanation
            .clone()
            .flatten()
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty());
        if let Some(e) = &explanation {
            check_text(&mut errors, "explanation", e);
        }
        let options = self.options.clone().unwrap_or_default();
        let options: Vec<String> = options.iter().map(|o| o.trim().to_owned()).collect();
        let correct_answer = kind
            .map(|k| self.answer_for(k, &options, &mut errors))
            .unwrap_or_default();
        errors.finish(QuestionData {
            question,
            kind: kind.unwrap_or(QuestionKind::Text),
            options,
            correct_answer,
            points,
            explanation,
            is_active: self.is_active.unwrap_or(true),
        })
    }

    /// Checks options and answer for the kind; answers the stored `correctAnswer` text.
    fn answer_for(
        &self,
        kind: QuestionKind,
        options: &[String],
        errors: &mut FieldErrors,
    ) -> String {
        if kind.has_options() {
            if !(OPTIONS_MIN..=OPTIONS_MAX).contains(&options.len()) {
                errors.add("options", FieldError::Options);
            }
            for o in options {
                if o.is_empty() || o.chars().count() > OPTION_MAX {
                    errors.add(
                        "options",
                        FieldError::Length {
                            min: 1,
                            max: OPTION_MAX,
                        },
                    );
                }
                check_line(errors, "options", o);
            }
            let mut seen: Vec<String> = Vec::new();
            for o in options {
                let key = o.to_lowercase();
                if seen.contains(&key) {
                    errors.add("options", FieldError::OptionRepeated);
                    break;
                }
                seen.push(key);
            }
        } else if !options.is_empty() {
            errors.add("options", FieldError::Options);
        }
        if self.manual_grading == Some(true) && kind != QuestionKind::Text {
            errors.add("manualGrading", FieldError::NotForType);
        }
        let answer = self.correct_answer.as_ref();
        let is_option = |s: &str| options.iter().any(|o| o == s.trim());
        let bad = |errors: &mut FieldErrors| errors.add("correctAnswer", FieldError::CorrectAnswer);
        match kind {
            QuestionKind::SingleChoice => match answer.and_then(Value::as_str) {
                Some(a) if is_option(a) => a.trim().to_owned(),
                _ => {
                    bad(errors);
                    String::new()
                }
            },
            QuestionKind::MultipleChoice => {
                let picked: Option<Vec<String>> = answer.and_then(Value::as_array).map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(|s| s.trim().to_owned())
                        .collect()
                });
                match picked {
                    Some(p)
                        if !p.is_empty()
                            && p.len() == answer.and_then(Value::as_array).map_or(0, Vec::len)
                            && p.iter().all(|s| is_option(s)) =>
                    {
                        // In the options' order, each once.
                        let ordered: Vec<&String> =
                            options.iter().filter(|o| p.contains(o)).collect();
                        serde_json::to_string(&ordered).unwrap_or_default()
                    }
                    _ => {
                        bad(errors);
                        String::new()
                    }
                }
            }
            QuestionKind::TrueFalse => match answer {
                Some(Value::Bool(b)) => b.to_string(),
                Some(Value::String(s)) if matches!(s.trim(), "true" | "false") => {
                    s.trim().to_owned()
                }
                _ => {
                    bad(errors);
                    String::new()
                }
            },
            QuestionKind::Text => {
                let accepted = answer.and_then(Value::as_str).map(accepted_answers);
                let manual = self.manual_grading == Some(true);
                match (accepted, manual) {
                    (Some(list), false) if !list.is_empty() => list.join("|"),
                    (None | Some(_), true)
                        if answer
                            .and_then(Value::as_str)
                            .is_none_or(|a| a.trim().is_empty()) =>
                    {
                        String::new()
                    }
                    _ => {
                        bad(errors);
                        String::new()
                    }
                }
            }
        }
    }
}

/// The accepted answers of a text question (`a|b|c`), trimmed, empty ones dropped.
pub fn accepted_answers(raw: &str) -> Vec<String> {
    raw.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Text answers compare without regard to case or spacing ("  Paris " is "paris").
pub fn normalize_answer(answer: &str) -> String {
    answer
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a learner's text answer is one of the accepted ones.
pub fn text_answer_matches(correct: &str, answer: &str) -> bool {
    let given = normalize_answer(answer);
    !given.is_empty()
        && accepted_answers(correct)
            .iter()
            .any(|a| normalize_answer(a) == given)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(v: Value) -> QuestionForm {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn each_kind_takes_its_own_answer() {
        let ok = [
            json!({"question": "2+2?", "questionType": "single_choice", "options": ["3", "4"], "correctAnswer": "4"}),
            json!({"question": "Primes?", "questionType": "multiple_choice", "options": ["2", "3", "4"], "correctAnswer": ["3", "2"]}),
            json!({"question": "Sky blue?", "questionType": "true_false", "correctAnswer": "true"}),
            json!({"question": "Capital?", "questionType": "text", "correctAnswer": "Paris | paris, France"}),
            json!({"question": "Essay", "questionType": "text", "correctAnswer": "", "manualGrading": true}),
        ];
        let stored: Vec<String> = ok
            .iter()
            .map(|v| form(v.clone()).parse().unwrap().correct_answer)
            .collect();
        assert_eq!(
            stored,
            ["4", r#"["2","3"]"#, "true", "Paris|paris, France", ""]
        );
    }

    #[test]
    fn invalid_combinations_name_every_bad_field() {
        let e = form(json!({"questionType": "single_choice", "options": ["a", "A"], "correctAnswer": "b", "points": -1}))
            .parse()
            .unwrap_err();
        for f in ["question", "options", "correctAnswer", "points"] {
            assert!(e.get(f).is_some(), "{f}: {e}");
        }
        for bad in [
            json!({"question": "q", "questionType": "single_choice", "options": ["a", "b"], "correctAnswer": ["a"]}),
            json!({"question": "q", "questionType": "multiple_choice", "options": ["a", "b"], "correctAnswer": []}),
            json!({"question": "q", "questionType": "multiple_choice", "options": ["a", "b"], "correctAnswer": ["a", "c"]}),
            json!({"question": "q", "questionType": "true_false", "correctAnswer": "maybe"}),
            json!({"question": "q", "questionType": "true_false", "options": ["t", "f"], "correctAnswer": "true"}),
            json!({"question": "q", "questionType": "text", "correctAnswer": " | "}),
            json!({"question": "q", "questionType": "text", "correctAnswer": "x", "manualGrading": true}),
            json!({"question": "q", "questionType": "single_choice", "options": ["a"], "correctAnswer": "a"}),
            json!({"question": "q", "questionType": "essay", "correctAnswer": "a"}),
        ] {
            assert!(form(bad.clone()).parse().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_learner_view_has_no_answer_field() {
        let data = form(json!({"question": "Primes?", "questionType": "multiple_choice", "options": ["2", "3"], "correctAnswer": ["2"], "explanation": "2 is prime"}))
            .parse()
            .unwrap();
        let q = Question::from_stored(Uuid::now_v7(), Uuid::now_v7(), 0, data);
        let learner = serde_json::to_value(LearnerQuestion::from(&q)).unwrap();
        assert_eq!(learner["questionType"], "multiple_choice");
        assert!(learner.get("correctAnswer").is_none());
        assert!(learner.get("explanation").is_none());
        assert!(!learner.to_string().contains("2 is prime"));
    }

    #[test]
    fn text_answers_ignore_case_and_spacing() {
        assert!(text_answer_matches("Paris|Lutetia", "  paris "));
        assert!(text_answer_matches("New  York", "new york"));
        assert!(!text_answer_matches("Paris", ""));
        assert!(!text_answer_matches("", "anything"));
    }

    #[test]
    fn quiz_settings_are_checked_member_by_member() {
        let s = QuizSettings::parse(&json!({"passingScore": 80, "maxAttempts": null, "drawCount": 5, "showCorrectAnswers": "after_pass"})).unwrap();
        assert_eq!(
            (s.passing_score, s.max_attempts, s.draw_count),
            (80, None, Some(5))
        );
        assert_eq!(s.show_correct_answers, ShowAnswers::AfterPass);
        let e = QuizSettings::parse(&json!({"passingScore": 101, "timeLimitMinutes": 0, "showCorrectAnswers": "always", "bonus": 1, "shuffleOptions": "yes"})).unwrap_err();
        for f in [
            "quizData.passingScore",
            "quizData.timeLimitMinutes",
            "quizData.showCorrectAnswers",
            "quizData.bonus",
            "quizData.shuffleOptions",
        ] {
            assert!(e.get(f).is_some(), "{f}: {e}");
        }
    }
}
