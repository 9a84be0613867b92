//! Taking a quiz, over `services::attempts`: the quiz's front page (`intro`: attempts
//! left, time limit, passing score, past attempts, Start), an attempt (`take`: every
//! question on one page, saved as the trainee goes, submitted) and its result (the same
//! address once submitted: score, passed or failed, the corrections as the quiz allows).
//!
//! Every page works without JavaScript; `assets/js/quiz.js` saves each change, keeps the
//! navigator's ticks and counts the time down.

pub mod intro;
pub mod take;

use serde_json::Value;
use uuid::Uuid;

use crate::domain::attempt::{Attempt, AttemptQuestion, AttemptStatus};
use crate::domain::content::quiz::LearnerQuestion;
use crate::domain::policy::Actor;
use crate::services::auth::Authenticated;
use crate::web::label::Label;
use crate::web::page::Page;

fn actor(who: &Authenticated) -> Actor {
    Actor::from(&who.user)
}

/// The quiz's front page.
pub fn quiz_path(content: Uuid) -> String {
    format!("/learn/quizzes/{content}")
}

/// An attempt, or its result.
pub fn attempt_path(attempt: Uuid) -> String {
    format!("/learn/attempts/{attempt}")
}

impl Label for AttemptStatus {
    fn key(&self) -> &'static str {
        match self {
            AttemptStatus::InProgress => "attempt-status-in-progress",
            AttemptStatus::Pending => "attempt-status-pending",
            AttemptStatus::Graded => "attempt-status-graded",
        }
    }
}

/// An attempt's outcome as a badge: its class and its word (never colour alone).
pub fn outcome_badge(ctx: &Page, attempt: &Attempt) -> (&'static str, String) {
    match (attempt.status, attempt.passed) {
        (AttemptStatus::Graded, Some(true)) => ("success", ctx.t("attempt-passed")),
        (AttemptStatus::Graded, _) => ("danger", ctx.t("attempt-failed")),
        (status, _) => (
            if status == AttemptStatus::Pending {
                "warning"
            } else {
                "info"
            },
            ctx.label(&status),
        ),
    }
}

/// "7 / 10 points", once submitted.
pub fn score_text(ctx: &Page, attempt: &Attempt) -> Option<String> {
    attempt.score.map(|s| {
        ctx.t2(
            "attempt-score",
            "value",
            ctx.number(&u64::try_from(s).unwrap_or(0)),
            "max",
            ctx.number(&u64::try_from(attempt.max_score).unwrap_or(0)),
        )
    })
}

/// "85%".
pub fn percent_text(ctx: &Page, percent: i32) -> String {
    ctx.t1(
        "attempt-percent",
        "value",
        ctx.number(&u64::try_from(percent).unwrap_or(0)),
    )
}

/// One option of a question as the form draws it: a radio or a checkbox.
#[derive(Debug, Clone)]
pub struct OptionView {
    pub id: String,
    /// What the form sends: the option's position, or `true`/`false`.
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// With the corrections only.
    pub correct: bool,
}

/// What became of an answer, with the corrections.
#[derive(Debug, Clone)]
pub struct Correction {
    /// `success`, `danger` or `warning`, and its word.
    pub class: &'static str,
    pub word: String,
    pub points: Option<String>,
    pub answer: Option<String>,
    pub explanation: Option<String>,
}

/// One question of an attempt, as the attempt page and the result show it.
#[derive(Debug, Clone)]
pub struct QuestionView {
    pub id: Uuid,
    pub number: String,
    pub anchor: String,
    pub text: String,
    /// `single`, `multiple`, `true_false` or `text`.
    pub kind: &'static str,
    pub points: String,
    pub options: Vec<OptionView>,
    pub text_answer: String,
    pub answered: bool,
    /// The answer in words (the result and the trainer's sheet).
    pub answer_words: String,
    pub correction: Option<Correction>,
    pub feedback: Option<String>,
    pub needs_grading: bool,
    /// The points a question is worth, as a number.
    pub max_points: i32,
    pub awarded: Option<i32>,
}

fn true_false(ctx: &Page, value: &str) -> String {
    if value == "true" {
        ctx.t("question-true")
    } else {
        ctx.t("question-false")
    }
}

/// An answer (or a correct answer) in words.
fn words(ctx: &Page, question: &LearnerQuestion, value: Option<&Value>) -> String {
    let Some(value) = value else {
        return String::new();
    };
    match (question, value) {
        (LearnerQuestion::TrueFalse(_), Value::String(s)) => true_false(ctx, s),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" · "),
        _ => String::new(),
    }
}

impl QuestionView {
    pub fn all(ctx: &Page, questions: &[AttemptQuestion], corrections: bool) -> Vec<QuestionView> {
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| QuestionView::new(ctx, i, q, corrections))
            .collect()
    }

    fn new(ctx: &Page, i: usize, q: &AttemptQuestion, corrections: bool) -> QuestionView {
        let (id, text, points) = match &q.question {
            LearnerQuestion::SingleChoice(c) | LearnerQuestion::MultipleChoice(c) => {
                (c.id, c.question.clone(), c.points)
            }
            LearnerQuestion::TrueFalse(p) | LearnerQuestion::Text(p) => {
                (p.id, p.question.clone(), p.points)
            }
        };
        let chosen = |v: &str| match &q.answer {
            Some(Value::String(s)) => s == v,
            Some(Value::Array(items)) => items.iter().any(|x| x == v),
            _ => false,
        };
        let correct = |v: &str| match &q.correct_answer {
            Some(Value::String(s)) => s == v,
            Some(Value::Array(items)) => items.iter().any(|x| x == v),
            _ => false,
        };
        let option = |n: usize, value: String, label: String, key: &str| OptionView {
            id: format!("q{}-{n}", i + 1),
            checked: chosen(key),
            correct: corrections && correct(key),
            value,
            label,
        };
        let (kind, options) = match &q.question {
            LearnerQuestion::SingleChoice(c) | LearnerQuestion::MultipleChoice(c) => (
                if matches!(q.question, LearnerQuestion::SingleChoice(_)) {
                    "single"
                } else {
                    "multiple"
                },
                c.options
                    .iter()
                    .enumerate()
                    .map(|(n, o)| option(n, n.to_string(), o.clone(), o))
                    .collect(),
            ),
            LearnerQuestion::TrueFalse(_) => (
                "true_false",
                ["true", "false"]
                    .iter()
                    .enumerate()
                    .map(|(n, v)| option(n, (*v).to_owned(), true_false(ctx, v), v))
                    .collect(),
            ),
            LearnerQuestion::Text(_) => ("text", Vec::new()),
        };
        let answered = match &q.answer {
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(Value::Array(items)) => !items.is_empty(),
            _ => false,
        };
        let correction = (corrections || q.points_awarded.is_some()).then(|| {
            let (class, word) = if q.needs_grading {
                ("warning", ctx.t("answer-waiting"))
            } else {
                match (q.is_correct, q.points_awarded) {
                    (Some(true), _) => ("success", ctx.t("answer-correct")),
                    (_, Some(p)) if p > 0 => ("warning", ctx.t("answer-partly-correct")),
                    _ => ("danger", ctx.t("answer-incorrect")),
                }
            };
            Correction {
                class,
                word,
                points: q.points_awarded.map(|p| {
                    ctx.t2(
                        "attempt-score",
                        "value",
                        ctx.number(&u64::try_from(p).unwrap_or(0)),
                        "max",
                        ctx.number(&u64::try_from(points).unwrap_or(0)),
                    )
                }),
                answer: q
                    .correct_answer
                    .as_ref()
                    .map(|v| words(ctx, &q.question, Some(v)))
                    .filter(|w| !w.is_empty()),
                explanation: q.explanation.clone(),
            }
        });
        QuestionView {
            id,
            number: ctx.number(&(i as u64 + 1)),
            anchor: format!("question-{}", i + 1),
            text,
            kind,
            points: ctx.tn("quiz-question-points", &u64::try_from(points).unwrap_or(0)),
            options,
            text_answer: match &q.answer {
                Some(Value::String(s)) if kind == "text" => s.clone(),
                _ => String::new(),
            },
            answered,
            answer_words: words(ctx, &q.question, q.answer.as_ref()),
            correction,
            feedback: q.feedback.clone(),
            needs_grading: q.needs_grading,
            max_points: points,
            awarded: q.points_awarded,
        }
    }

    pub fn is_text(&self) -> bool {
        self.kind == "text"
    }

    pub fn input_type(&self) -> &'static str {
        if self.kind == "multiple" {
            "checkbox"
        } else {
            "radio"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn every_attempt_status_is_worded_in_both_languages() {
        for locale in Locale::ALL {
            for s in [
                AttemptStatus::InProgress,
                AttemptStatus::Pending,
                AttemptStatus::Graded,
            ] {
                assert_ne!(locale.t(s.key()), s.key());
            }
        }
    }
}
