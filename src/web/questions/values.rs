//! A question's form as the page sends it, and what it becomes: the domain's
//! `QuestionForm` (options in rows with their "correct" marks, the true/false answer, or
//! the accepted answers of a text question).

use serde_json::Value;

use crate::domain::content::quiz::{OPTIONS_MAX, Question, QuestionForm, QuestionKind};

/// A question's form as typed.
#[derive(Debug, Clone)]
pub struct QuestionValues {
    pub kind: QuestionKind,
    pub question: String,
    /// Choice questions: the option rows, blank ones included.
    pub options: Vec<String>,
    /// Choice questions: the rows marked correct.
    pub correct: Vec<usize>,
    /// True/false: "true" or "false"; text: the accepted answers, separated by `|`.
    pub answer: String,
    pub manual_grading: bool,
    pub points: String,
    pub explanation: String,
    pub is_active: bool,
}

impl QuestionValues {
    pub fn empty(kind: QuestionKind) -> QuestionValues {
        QuestionValues {
            kind,
            question: String::new(),
            options: Vec::new(),
            correct: Vec::new(),
            answer: String::new(),
            manual_grading: false,
            points: "1".to_owned(),
            explanation: String::new(),
            is_active: true,
        }
    }

    /// The form of a stored question, shown as `kind` (its own, or the one it changes to).
    pub fn of(question: &Question, kind: QuestionKind) -> QuestionValues {
        let answer_text = question.correct_answer.as_str().unwrap_or_default();
        let correct = question
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| match &question.correct_answer {
                Value::String(s) => s == *o,
                Value::Array(list) => list.iter().any(|v| v == o.as_str()),
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        let same = kind == question.question_type;
        QuestionValues {
            kind,
            question: question.question.clone(),
            options: question.options.clone(),
            correct,
            answer: if same && matches!(kind, QuestionKind::TrueFalse | QuestionKind::Text) {
                answer_text.to_owned()
            } else {
                String::new()
            },
            manual_grading: same && question.manual_grading,
            points: question.points.to_string(),
            explanation: question.explanation.clone().unwrap_or_default(),
            is_active: question.is_active,
        }
    }

    /// Reads the form's fields (`option` and `correct` repeat).
    pub fn parse(pairs: &[(String, String)]) -> QuestionValues {
        let kind = pairs
            .iter()
            .find(|(n, _)| n == "questionType")
            .and_then(|(_, v)| QuestionKind::parse(v))
            .unwrap_or(QuestionKind::SingleChoice);
        let mut values = QuestionValues::empty(kind);
        values.points = String::new();
        values.is_active = false;
        for (name, value) in pairs {
            match name.as_str() {
                "question" => values.question = value.clone(),
                "option" => values.options.push(value.clone()),
                "correct" => values.correct.extend(value.trim().parse::<usize>().ok()),
                "correctAnswer" => values.answer = value.clone(),
                "manualGrading" => values.manual_grading = true,
                "points" => values.points = value.clone(),
                "explanation" => values.explanation = value.clone(),
                "isActive" => values.is_active = true,
                _ => {}
            }
        }
        values
    }

    /// The domain's form, and the error of a points value that is not a whole number.
    pub fn form(&self) -> (QuestionForm, PageErrors) {
        let mut page_errors = PageErrors::default();
        let points = match self.points.trim() {
            "" => Some(1),
            text => text.parse::<i64>().ok().or_else(|| {
                page_errors.points = true;
                None
            }),
        };
        let (options, correct_answer, manual) = match self.kind {
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                let marked: Vec<String> = self
                    .correct
                    .iter()
                    .filter_map(|i| self.options.get(*i))
                    .map(|o| o.trim().to_owned())
                    .filter(|o| !o.is_empty())
                    .collect();
                let answer = match (self.kind, marked.as_slice()) {
                    (QuestionKind::SingleChoice, [one]) => Some(Value::String(one.clone())),
                    (QuestionKind::SingleChoice, []) => None,
                    (_, list) => Some(Value::from(list.to_vec())),
                };
                let options = self
                    .options
                    .iter()
                    .map(|o| o.trim().to_owned())
                    .filter(|o| !o.is_empty())
                    .collect();
                (options, answer, false)
            }
            QuestionKind::TrueFalse => {
                let answer = Some(self.answer.trim())
                    .filter(|a| !a.is_empty())
                    .map(|a| Value::String(a.to_owned()));
                (Vec::new(), answer, false)
            }
            QuestionKind::Text if self.manual_grading => {
                (Vec::new(), Some(Value::String(String::new())), true)
            }
            QuestionKind::Text => (Vec::new(), Some(Value::String(self.answer.clone())), false),
        };
        let form = QuestionForm {
            question: Some(self.question.clone()),
            question_type: Some(self.kind.as_str().to_owned()),
            options: Some(options),
            correct_answer,
            manual_grading: Some(manual),
            points,
            explanation: Some(Some(self.explanation.clone())),
            is_active: Some(self.is_active),
        };
        (form, page_errors)
    }

    /// The option rows to draw: those typed, then blank ones to fill (at least four).
    pub fn rows(&self) -> Vec<OptionRow> {
        let count = (self.options.len() + 2).clamp(4, OPTIONS_MAX);
        (0..count)
            .map(|i| OptionRow {
                index: i,
                number: i + 1,
                text: self.options.get(i).cloned().unwrap_or_default(),
                correct: self.correct.contains(&i),
            })
            .collect()
    }
}

/// What the page itself finds wrong before the domain looks.
#[derive(Debug, Clone, Default)]
pub struct PageErrors {
    /// Points that are not a whole number.
    pub points: bool,
}

/// One option row of a choice question's form.
#[derive(Debug, Clone)]
pub struct OptionRow {
    pub index: usize,
    pub number: usize,
    pub text: String,
    pub correct: bool,
}
