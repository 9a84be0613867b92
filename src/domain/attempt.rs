//! Quiz attempts: drawing the questions once, checking and grading answers, the score,
//! and what a trainee may see of the corrections.
//!
//! An attempt keeps the questions it drew as they were then (`Drawn`, with their answers),
//! in the order shown, options in the order shown. Grading reads only that copy, so a
//! trainer editing a question later does not change an attempt's result, unless they
//! regrade it on purpose.

use chrono::{DateTime, Duration, Utc};
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::domain::content::quiz::{
    ChoiceQuestion, LearnerQuestion, PlainQuestion, Question, QuestionKind, QuizSettings,
    ShowAnswers, text_answer_matches,
};
use crate::domain::validation::FieldError;

/// A timed attempt is still taken this long after its deadline (a slow network, a last
/// click), then it is submitted as it stands.
pub const GRACE: Duration = Duration::seconds(30);
/// The longest text answer.
pub const TEXT_ANSWER_MAX: usize = 5_000;

/// A question as the attempt drew it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Drawn {
    pub id: Uuid,
    pub question: String,
    pub kind: QuestionKind,
    /// In the order shown to this trainee.
    pub options: Vec<String>,
    /// As the trainer's view has it: a string, or an array for multiple choice.
    pub correct_answer: Value,
    pub manual_grading: bool,
    pub points: i32,
    pub explanation: Option<String>,
}

impl Drawn {
    pub fn of(q: &Question) -> Drawn {
        Drawn {
            id: q.id,
            question: q.question.clone(),
            kind: q.question_type,
            options: q.options.clone(),
            correct_answer: q.correct_answer.clone(),
            manual_grading: q.manual_grading,
            points: q.points,
            explanation: q.explanation.clone(),
        }
    }

    /// What the trainee sees: no answer.
    pub fn for_learner(&self) -> LearnerQuestion {
        let choice = || ChoiceQuestion {
            id: self.id,
            question: self.question.clone(),
            options: self.options.clone(),
            points: self.points,
        };
        let plain = || PlainQuestion {
            id: self.id,
            question: self.question.clone(),
            points: self.points,
        };
        match self.kind {
            QuestionKind::SingleChoice => LearnerQuestion::SingleChoice(choice()),
            QuestionKind::MultipleChoice => LearnerQuestion::MultipleChoice(choice()),
            QuestionKind::TrueFalse => LearnerQuestion::TrueFalse(plain()),
            QuestionKind::Text => LearnerQuestion::Text(plain()),
        }
    }

    /// Checks an answer's shape against the question and answers it in stored form:
    /// the option text (single choice), a list of option texts without repeats (multiple
    /// choice), "true" or "false", or text. `null` clears the answer.
    pub fn check(&self, answer: &Value) -> Result<Option<Value>, FieldError> {
        if answer.is_null() {
            return Ok(None);
        }
        let one = |v: &Value| v.as_str().map(str::to_owned);
        let checked = match self.kind {
            QuestionKind::SingleChoice => one(answer)
                .filter(|a| self.options.contains(a))
                .map(Value::String),
            QuestionKind::MultipleChoice => answer.as_array().and_then(|items| {
                let mut chosen: Vec<String> = Vec::with_capacity(items.len());
                for item in items {
                    let a = one(item).filter(|a| self.options.contains(a))?;
                    if chosen.contains(&a) {
                        return None;
                    }
                    chosen.push(a);
                }
                Some(Value::from(chosen))
            }),
            QuestionKind::TrueFalse => one(answer)
                .filter(|a| a == "true" || a == "false")
                .map(Value::String),
            QuestionKind::Text => one(answer)
                .filter(|a| a.chars().count() <= TEXT_ANSWER_MAX && !a.contains('\0'))
                .map(Value::String),
        };
        checked.map(Some).ok_or(FieldError::Answer)
    }

    /// The points an answer earns, or `None` when a person grades it.
    pub fn grade(&self, answer: Option<&Value>) -> Option<i32> {
        let Some(answer) = answer else {
            return Some(0);
        };
        let right = match self.kind {
            QuestionKind::SingleChoice | QuestionKind::TrueFalse => {
                Some(answer) == Some(&self.correct_answer)
            }
            QuestionKind::MultipleChoice => {
                let set = |v: &Value| {
                    let mut items: Vec<String> = v
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|s| s.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                    items.sort();
                    items
                };
                set(answer) == set(&self.correct_answer)
            }
            QuestionKind::Text => {
                if self.manual_grading {
                    return match answer.as_str() {
                        Some(a) if !a.trim().is_empty() => None,
                        _ => Some(0),
                    };
                }
                let correct = self.correct_answer.as_str().unwrap_or_default();
                text_answer_matches(correct, answer.as_str().unwrap_or_default())
            }
        };
        Some(if right { self.points } else { 0 })
    }
}

/// Draws an attempt's questions from the quiz's active ones: `drawCount` of them at random
/// when the quiz asks for fewer than it has, in a random order when it shuffles (else in
/// the quiz's order), options shuffled when it asks (true/false keeps its two).
pub fn draw(pool: &[Question], settings: &QuizSettings, rng: &mut impl rand::Rng) -> Vec<Drawn> {
    let mut chosen: Vec<(usize, &Question)> =
        pool.iter().filter(|q| q.is_active).enumerate().collect();
    if let Some(n) = settings.draw_count
        && (n as usize) < chosen.len()
    {
        chosen.shuffle(rng);
        chosen.truncate(n as usize);
        if !settings.shuffle_questions {
            chosen.sort_by_key(|(i, _)| *i);
        }
    } else if settings.shuffle_questions {
        chosen.shuffle(rng);
    }
    chosen
        .into_iter()
        .map(|(_, q)| {
            let mut d = Drawn::of(q);
            if settings.shuffle_options && q.question_type != QuestionKind::TrueFalse {
                d.options.shuffle(rng);
            }
            d
        })
        .collect()
}

/// An attempt's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    InProgress,
    /// Submitted, with text answers waiting for the trainer.
    Pending,
    Graded,
}

/// The deadline of an attempt started now under these settings.
pub fn deadline(started: DateTime<Utc>, settings: &QuizSettings) -> Option<DateTime<Utc>> {
    settings
        .time_limit_minutes
        .map(|m| started + Duration::minutes(i64::from(m)))
}

/// Past its deadline and the grace: to be submitted as it stands.
pub fn expired(deadline: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    deadline.is_some_and(|d| now > d + GRACE)
}

/// The result of grading: points (manual questions count what the trainer gave, or 0 while
/// waiting), the maximum, and whether a person still has to grade some answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub points: i32,
    pub max: i32,
    pub waiting: bool,
}

impl Tally {
    /// The score in percent, rounded down (0 points of 0 is 100 %: nothing to get wrong).
    pub fn percent(self) -> i32 {
        if self.max <= 0 {
            100
        } else {
            (i64::from(self.points) * 100 / i64::from(self.max)) as i32
        }
    }

    pub fn passed(self, settings: &QuizSettings) -> bool {
        !self.waiting && self.percent() >= i32::from(settings.passing_score)
    }
}

/// Adds up the points of each drawn question: `given(id)` is the points a person gave
/// (manual ones), if they did.
pub fn tally(
    questions: &[Drawn],
    answer: impl Fn(Uuid) -> Option<Value>,
    given: impl Fn(Uuid) -> Option<i32>,
) -> Tally {
    let mut t = Tally {
        points: 0,
        max: 0,
        waiting: false,
    };
    for q in questions {
        t.max += q.points;
        match q.grade(answer(q.id).as_ref()) {
            Some(p) => t.points += p,
            None => match given(q.id) {
                Some(p) => t.points += p.clamp(0, q.points),
                None => t.waiting = true,
            },
        }
    }
    t
}

/// Whether the trainee may see the corrections of a submitted attempt: never; after any
/// graded attempt; or once they have passed the quiz.
pub fn reveals(show: ShowAnswers, status: AttemptStatus, passed_quiz: bool) -> bool {
    status == AttemptStatus::Graded
        && match show {
            ShowAnswers::Never => false,
            ShowAnswers::AfterAttempt => true,
            ShowAnswers::AfterPass => passed_quiz,
        }
}

/// One question of an attempt as its reader may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttemptQuestion {
    #[serde(flatten)]
    pub question: LearnerQuestion,
    /// The trainee's answer, if any.
    #[schema(value_type = Option<Object>)]
    pub answer: Option<Value>,
    /// With the corrections only (as the quiz allows, or for the trainer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_awarded: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_correct: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub correct_answer: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The trainer's words on a text answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// A text answer waiting for the trainer.
    pub needs_grading: bool,
}

/// An attempt as its reader may see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub id: Uuid,
    pub content_id: Uuid,
    pub course_id: Uuid,
    pub user_id: Uuid,
    pub number: i32,
    pub status: AttemptStatus,
    pub started_at: DateTime<Utc>,
    /// When a timed attempt ends (a little grace follows).
    pub deadline: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub graded_at: Option<DateTime<Utc>>,
    /// Points, once submitted.
    pub score: Option<i32>,
    pub max_score: i32,
    /// Percent, once submitted.
    pub percent: Option<i32>,
    pub passed: Option<bool>,
    pub corrections_shown: bool,
    pub questions: Vec<AttemptQuestion>,
}

/// One answer of a trainee in the trainer's grading form.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManualGrade {
    pub question_id: Uuid,
    #[serde(deserialize_with = "crate::domain::course::whole")]
    #[schema(value_type = i64, minimum = 0)]
    pub points: Option<i64>,
    pub feedback: Option<String>,
}

/// The body of `PUT /api/attempts/{id}/grade`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradeForm {
    pub grades: Vec<ManualGrade>,
}

/// One answer of `PUT /api/attempts/{id}/answers`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GivenAnswer {
    pub question_id: Uuid,
    /// A string (an option, "true"/"false", or text), an array of options for multiple
    /// choice, or null to clear.
    #[schema(value_type = Object)]
    #[serde(default)]
    pub answer: Value,
}

/// The body of `PUT /api/attempts/{id}/answers`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswersForm {
    pub answers: Vec<GivenAnswer>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(kind: QuestionKind, options: &[&str], correct: Value, manual: bool) -> Drawn {
        Drawn {
            id: Uuid::now_v7(),
            question: "?".into(),
            kind,
            options: options.iter().map(|s| (*s).to_owned()).collect(),
            correct_answer: correct,
            manual_grading: manual,
            points: 2,
            explanation: None,
        }
    }

    #[test]
    fn choices_and_true_false_are_graded_exactly() {
        let single = q(QuestionKind::SingleChoice, &["3", "4"], json!("4"), false);
        assert_eq!(single.grade(Some(&json!("4"))), Some(2));
        assert_eq!(single.grade(Some(&json!("3"))), Some(0));
        assert_eq!(single.grade(None), Some(0));
        let multi = q(
            QuestionKind::MultipleChoice,
            &["a", "b", "c"],
            json!(["a", "c"]),
            false,
        );
        assert_eq!(multi.grade(Some(&json!(["c", "a"]))), Some(2));
        assert_eq!(multi.grade(Some(&json!(["a"]))), Some(0));
        assert_eq!(multi.grade(Some(&json!(["a", "b", "c"]))), Some(0));
        let tf = q(QuestionKind::TrueFalse, &[], json!("true"), false);
        assert_eq!(tf.grade(Some(&json!("true"))), Some(2));
        assert_eq!(tf.grade(Some(&json!("false"))), Some(0));
    }

    #[test]
    fn text_answers_match_the_list_or_wait_for_a_person() {
        let listed = q(QuestionKind::Text, &[], json!("Paris|paris, France"), false);
        assert_eq!(listed.grade(Some(&json!("  PARIS "))), Some(2));
        assert_eq!(listed.grade(Some(&json!("Lyon"))), Some(0));
        let manual = q(QuestionKind::Text, &[], json!(""), true);
        assert_eq!(manual.grade(Some(&json!("An essay"))), None);
        assert_eq!(manual.grade(Some(&json!("  "))), Some(0));
        let t = tally(
            &[listed.clone(), manual.clone()],
            |id| (id == manual.id).then(|| json!("An essay")),
            |_| None,
        );
        assert!(t.waiting);
        let t = tally(
            std::slice::from_ref(&manual),
            |_| Some(json!("An essay")),
            |_| Some(5),
        );
        assert_eq!(
            (t.points, t.max, t.waiting),
            (2, 2, false),
            "capped at the question's points"
        );
    }

    #[test]
    fn answers_must_fit_the_question() {
        let single = q(QuestionKind::SingleChoice, &["3", "4"], json!("4"), false);
        assert_eq!(single.check(&json!("5")), Err(FieldError::Answer));
        assert_eq!(single.check(&json!(4)), Err(FieldError::Answer));
        assert_eq!(single.check(&Value::Null), Ok(None));
        let multi = q(
            QuestionKind::MultipleChoice,
            &["a", "b"],
            json!(["a"]),
            false,
        );
        assert_eq!(multi.check(&json!(["a", "a"])), Err(FieldError::Answer));
        assert_eq!(multi.check(&json!("a")), Err(FieldError::Answer));
        assert_eq!(multi.check(&json!([])), Ok(Some(json!([]))));
        let tf = q(QuestionKind::TrueFalse, &[], json!("true"), false);
        assert_eq!(tf.check(&json!("yes")), Err(FieldError::Answer));
    }

    #[test]
    fn the_draw_takes_the_count_and_keeps_order_unless_shuffled() {
        let pool: Vec<Question> = (0..10)
            .map(|i| Question {
                id: Uuid::now_v7(),
                content_id: Uuid::nil(),
                question: format!("Q{i}"),
                question_type: QuestionKind::TrueFalse,
                options: vec![],
                correct_answer: json!("true"),
                manual_grading: false,
                points: 1,
                explanation: None,
                order: i,
                is_active: i != 3,
            })
            .collect();
        let mut rng = rand::rng();
        let settings = QuizSettings {
            draw_count: Some(4),
            ..QuizSettings::default()
        };
        let drawn = draw(&pool, &settings, &mut rng);
        assert_eq!(drawn.len(), 4);
        let orders: Vec<usize> = drawn
            .iter()
            .map(|d| pool.iter().position(|q| q.id == d.id).unwrap())
            .collect();
        assert!(
            orders.windows(2).all(|w| w[0] < w[1]),
            "in the quiz's order"
        );
        assert!(!orders.contains(&3), "inactive questions are not drawn");
        let all = draw(&pool, &QuizSettings::default(), &mut rng);
        assert_eq!(all.len(), 9, "every active question when no count is set");
        let big = QuizSettings {
            draw_count: Some(50),
            ..QuizSettings::default()
        };
        assert_eq!(
            draw(&pool, &big, &mut rng).len(),
            9,
            "a count past the pool takes the pool"
        );
    }

    #[test]
    fn corrections_follow_the_setting() {
        use AttemptStatus::*;
        assert!(!reveals(ShowAnswers::Never, Graded, true));
        assert!(reveals(ShowAnswers::AfterAttempt, Graded, false));
        assert!(!reveals(ShowAnswers::AfterAttempt, Pending, false));
        assert!(!reveals(ShowAnswers::AfterAttempt, InProgress, false));
        assert!(!reveals(ShowAnswers::AfterPass, Graded, false));
        assert!(reveals(ShowAnswers::AfterPass, Graded, true));
    }

    #[test]
    fn percent_rounds_down_and_waiting_never_passes() {
        let t = Tally {
            points: 2,
            max: 3,
            waiting: false,
        };
        assert_eq!(t.percent(), 66);
        let s = QuizSettings {
            passing_score: 66,
            ..QuizSettings::default()
        };
        assert!(t.passed(&s));
        assert!(!Tally { waiting: true, ..t }.passed(&s));
    }
}

/// An attempt as stored.
#[derive(Debug, Clone)]
pub struct StoredAttempt {
    pub id: Uuid,
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub content_id: Uuid,
    pub number: i32,
    pub status: AttemptStatus,
    pub started_at: DateTime<Utc>,
    pub deadline: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub graded_at: Option<DateTime<Utc>>,
    pub score: Option<i32>,
    pub max_score: i32,
    pub passed: Option<bool>,
    pub questions: Vec<Drawn>,
}

/// One stored answer.
#[derive(Debug, Clone, Default)]
pub struct StoredAnswer {
    pub question_id: Uuid,
    pub answer: Option<Value>,
    pub is_correct: Option<bool>,
    pub points: Option<i32>,
    pub feedback: Option<String>,
    pub graded_at: Option<DateTime<Utc>>,
}

/// A line of the trainer's grading queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueEntry {
    pub attempt_id: Uuid,
    pub course_id: Uuid,
    pub course_title: String,
    pub content_id: Uuid,
    pub quiz_title: String,
    pub trainee: crate::domain::enrolment::Trainee,
    pub submitted_at: Option<DateTime<Utc>>,
}
