//! One course: the row, its sections, lessons (articles and quizzes), quiz questions and
//! an assignment, as the course editor would have saved them. A course after the first
//! `plan::FULL_OUTLINES` has a light outline: one section of three articles, no quiz, no
//! classroom sessions, and the assignment.

use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;
use rust_decimal::Decimal;
use sea_orm::Value;
use serde_json::json;
use uuid::Uuid;

use super::people::People;
use super::sink::{Sink, Stopped};
use super::tables::{ASSIGNMENTS, CONTENTS, COURSES, QUESTIONS, SECTIONS};
use super::{BENCHMARK_COURSE_TITLE, BENCHMARK_QUIZ_TITLE, Gen, names};
use crate::db::entities::tag_list::TagList;
use crate::domain::article::{ArticleFormat, render};
use crate::domain::attempt::Drawn;
use crate::domain::content::quiz::{Question, QuestionData, QuestionKind, QuizSettings};

/// Questions in every quiz: 8 single choice (1 point), 4 true/false (1 point), 4 multiple
/// choice (2 points): 20 points, 14 to pass at 70 %.
pub const QUESTIONS_PER_QUIZ: usize = 16;

/// Articles rendered once and shared by every lesson (rendering is the slow part): the
/// Markdown source and the `content` column's JSON, serialised once too.
pub struct Library {
    articles: Vec<(String, String)>,
}

impl Library {
    pub fn new(g: &mut Gen) -> Library {
        let articles = (0..16)
            .map(|_| {
                let source = names::article(&mut g.rng);
                let html = render(&source, ArticleFormat::Markdown);
                let content = json!({
                    "articleFormat": ArticleFormat::Markdown.as_str(),
                    "articleHtml": html,
                });
                (source, content.to_string())
            })
            .collect();
        Library { articles }
    }
}

pub struct Quiz {
    pub id: Uuid,
    pub questions: Vec<Drawn>,
    /// The attempt's `questions` column: the drawn questions in order (no shuffling), as
    /// JSON text (serialised once; SQLite stores the text, PostgreSQL parses it).
    pub questions_json: String,
    pub max_score: i32,
    pub passing_score: i32,
}

pub struct Assignment {
    pub id: Uuid,
    pub points: i32,
    pub due: DateTime<Utc>,
    pub allow_late: bool,
}

pub struct Lesson {
    pub id: Uuid,
    /// Index into `Course::quizzes` for a quiz lesson.
    pub quiz: Option<usize>,
}

pub struct Course {
    pub id: Uuid,
    pub number: usize,
    pub trainer: Uuid,
    pub price: Decimal,
    pub created: DateTime<Utc>,
    /// Every lesson in outline order (all published and required).
    pub lessons: Vec<Lesson>,
    pub quizzes: Vec<Quiz>,
    pub assignments: Vec<Assignment>,
    /// The dates of its classroom sessions (empty for a self-paced course).
    pub sessions: Vec<chrono::NaiveDate>,
}

const PRICES: &[i64] = &[1900, 2900, 4900, 9900, 14900, 19900];

/// Writes course number `number` (from 0) and its outline, full or `light` (one section
/// of three articles).
pub fn write(
    sink: &mut Sink,
    g: &mut Gen,
    people: &People,
    library: &Library,
    number: usize,
    light: bool,
) -> Result<Course, Stopped> {
    let benchmark = number == 0;
    let trainer = people.trainers[number % people.trainers.len()];
    let (from, to) = (g.days_ago(240), g.days_ago(180));
    let created = g.between(from, to);
    let id = g.id(created);
    let title = if benchmark {
        BENCHMARK_COURSE_TITLE.to_owned()
    } else {
        names::course_title(&mut g.rng, number as u32 + 1)
    };
    let price = if benchmark || g.chance(0.4) {
        Decimal::ZERO
    } else {
        Decimal::new(PRICES[g.rng.random_range(0..PRICES.len())], 2)
    };
    let mut course = Course {
        id,
        number,
        trainer,
        price,
        created,
        lessons: Vec::new(),
        quizzes: Vec::new(),
        assignments: Vec::new(),
        sessions: Vec::new(),
    };

    // The outline: sections of lessons; quizzes close a section.
    let sections = if benchmark {
        4
    } else if light {
        1
    } else {
        g.rng.random_range(3..=6)
    };
    let quiz_sections: Vec<usize> = if benchmark {
        vec![0, sections - 1]
    } else if light {
        Vec::new()
    } else if g.chance(0.5) {
        vec![g.rng.random_range(0..sections - 1), sections - 1]
    } else {
        vec![sections - 1]
    };
    let mut curriculum = Vec::with_capacity(sections);
    let mut section_rows: Vec<[Value; 8]> = Vec::with_capacity(sections);
    let mut content_rows: Vec<[Value; 16]> = Vec::new();
    let mut question_rows: Vec<[Value; 12]> = Vec::new();
    let mut at = created + TimeDelta::hours(1);
    for s in 0..sections {
        at += TimeDelta::minutes(g.rng.random_range(5..120));
        let section_id = g.id(at);
        let section_title = names::section_title(s);
        let description: Option<String> = g.chance(0.5).then(|| names::sentence(&mut g.rng, 8));
        section_rows.push([
            section_id.into(),
            id.into(),
            section_title.clone().into(),
            description.into(),
            (s as i32).into(),
            Some(true).into(),
            at.into(),
            at.into(),
        ]);
        let count = if benchmark {
            6
        } else if light {
            3
        } else {
            g.rng.random_range(4..=8)
        };
        let mut contents = Vec::with_capacity(count);
        for k in 0..count {
            at += TimeDelta::minutes(g.rng.random_range(2..60));
            let is_quiz = k == count - 1 && quiz_sections.contains(&s);
            let content_id = g.id(at);
            let title = if is_quiz {
                if benchmark && course.quizzes.is_empty() {
                    BENCHMARK_QUIZ_TITLE.to_owned()
                } else {
                    format!("Quiz: {}", &section_title[3..])
                }
            } else {
                format!("{} {}", names::lesson_title(&mut g.rng), k + 1)
            };
            if is_quiz {
                let (quiz, content, questions) =
                    quiz(g, [id, section_id, content_id], &title, k, at, benchmark);
                content_rows.push(content);
                question_rows.extend(questions);
                course.lessons.push(Lesson {
                    id: content_id,
                    quiz: Some(course.quizzes.len()),
                });
                course.quizzes.push(quiz);
                contents.push(json!({"id": content_id, "title": title, "type": "quiz"}));
            } else {
                let (source, content) = &library.articles[g.rng.random_range(0..16)];
                let minutes = g.rng.random_range(3..15);
                content_rows.push([
                    content_id.into(),
                    id.into(),
                    Some(section_id).into(),
                    title.clone().into(),
                    Some(names::sentence(&mut g.rng, 7)).into(),
                    "article".into(),
                    Some(content.clone()).into(),
                    Some(minutes).into(),
                    (k as i32).into(),
                    Some(true).into(),
                    Some(true).into(),
                    Some(0).into(),
                    Some(json!({})).into(),
                    Some(source.clone()).into(),
                    at.into(),
                    at.into(),
                ]);
                course.lessons.push(Lesson {
                    id: content_id,
                    quiz: None,
                });
                contents.push(json!({"id": content_id, "title": title, "type": "article"}));
            }
        }
        curriculum.push(json!({
            "sectionId": section_id,
            "title": section_title,
            "contents": contents,
        }));
    }

    // One assignment, due some weeks after the course opened.
    at += TimeDelta::minutes(30);
    let assignment = Assignment {
        id: g.id(at),
        points: [10, 20, 50, 100][g.rng.random_range(0..4)],
        due: created + TimeDelta::days(g.rng.random_range(60..200)),
        allow_late: g.chance(0.7),
    };
    let assignment_row: [Value; 11] = [
        assignment.id.into(),
        id.into(),
        trainer.into(),
        format!("Case study: {}", names::word(&mut g.rng)).into(),
        names::paragraph(&mut g.rng, 3).into(),
        Some(assignment.due).into(),
        assignment.points.into(),
        Some(true).into(),
        Some(assignment.allow_late).into(),
        at.into(),
        at.into(),
    ];
    course.assignments.push(assignment);

    // A third of the courses meet in a classroom once a week, the benchmark course too.
    if benchmark || (!light && g.chance(0.3)) {
        let last = (g.now - TimeDelta::days(g.rng.random_range(1..8))).date_naive();
        let weeks = g.rng.random_range(4..=8);
        course.sessions = (0..weeks)
            .rev()
            .map(|w| last - TimeDelta::weeks(w))
            .collect();
    }

    let level = ["beginner", "intermediate", "advanced"][g.rng.random_range(0..3)];
    let tags = TagList(vec![
        names::word(&mut g.rng).to_owned(),
        names::category(&mut g.rng).to_lowercase(),
    ]);
    let short: Option<String> = Some(names::sentence(&mut g.rng, 10));
    let updated = at;
    let row: [Value; 19] = [
        id.into(),
        trainer.into(),
        title.into(),
        names::paragraph(&mut g.rng, 4).into(),
        short.into(),
        price.into(),
        Some(g.rng.random_range(2..40)).into(),
        level.into(),
        Some(names::category(&mut g.rng)).into(),
        tags.into(),
        Some(true).into(),
        Some(g.chance(0.05)).into(),
        Some(names::sentence(&mut g.rng, 8)).into(),
        Some(names::sentence(&mut g.rng, 12)).into(),
        Some(serde_json::Value::Array(curriculum)).into(),
        Some(0).into(),
        Some(0).into(),
        created.into(),
        updated.into(),
    ];
    // Parents first: the sink writes each table's batch after those of its parents.
    sink.push(&COURSES, row)?;
    for r in section_rows {
        sink.push(&SECTIONS, r)?;
    }
    for r in content_rows {
        sink.push(&CONTENTS, r)?;
    }
    for r in question_rows {
        sink.push(&QUESTIONS, r)?;
    }
    sink.push(&ASSIGNMENTS, assignment_row)?;
    Ok(course)
}

type QuizRows = (Quiz, [Value; 16], Vec<[Value; 12]>);

/// The quiz content (in course, section) and its 16 questions.
fn quiz(
    g: &mut Gen,
    [course_id, section_id, content_id]: [Uuid; 3],
    title: &str,
    order: usize,
    at: DateTime<Utc>,
    benchmark: bool,
) -> QuizRows {
    let settings = QuizSettings {
        passing_score: 70,
        max_attempts: if benchmark { None } else { Some(3) },
        ..QuizSettings::default()
    };
    let mut drawn = Vec::with_capacity(QUESTIONS_PER_QUIZ);
    let mut rows = Vec::with_capacity(QUESTIONS_PER_QUIZ);
    for n in 0..QUESTIONS_PER_QUIZ {
        let qat = at + TimeDelta::seconds(n as i64 + 1);
        let qid = g.id(qat);
        let text = format!("{}?", names::sentence(&mut g.rng, 7).trim_end_matches('.'));
        let options: Vec<String> = (0..4)
            .map(|i| format!("{} {}", (b'A' + i) as char, names::sentence(&mut g.rng, 3)))
            .collect();
        let (kind, options, correct, points) = match n {
            0..8 => {
                let right = options[g.rng.random_range(0..4)].clone();
                (QuestionKind::SingleChoice, options, right, 1)
            }
            8..12 => {
                let right = if g.chance(0.5) { "true" } else { "false" };
                (QuestionKind::TrueFalse, Vec::new(), right.to_owned(), 1)
            }
            _ => {
                let first = g.rng.random_range(0..4);
                let second = (first + g.rng.random_range(1..4)) % 4;
                let right = vec![
                    options[first.min(second)].clone(),
                    options[first.max(second)].clone(),
                ];
                let stored = serde_json::to_string(&right).unwrap_or_default();
                (QuestionKind::MultipleChoice, options, stored, 2)
            }
        };
        let explanation: Option<String> = g.chance(0.5).then(|| names::sentence(&mut g.rng, 9));
        let question = Question::from_stored(
            qid,
            content_id,
            n as i32,
            QuestionData {
                question: text.clone(),
                kind,
                options: options.clone(),
                correct_answer: correct.clone(),
                points,
                explanation: explanation.clone(),
                is_active: true,
            },
        );
        drawn.push(Drawn::of(&question));
        let options: Value = if options.is_empty() {
            Option::<TagList>::None.into()
        } else {
            TagList(options).into()
        };
        rows.push([
            qid.into(),
            content_id.into(),
            text.into(),
            kind.as_str().into(),
            options,
            correct.into(),
            points.into(),
            explanation.into(),
            (n as i32).into(),
            Some(true).into(),
            qat.into(),
            qat.into(),
        ]);
    }
    // The content first: the questions refer to it.
    let updated = at + TimeDelta::seconds(QUESTIONS_PER_QUIZ as i64 + 1);
    let content: [Value; 16] = [
        content_id.into(),
        course_id.into(),
        Some(section_id).into(),
        title.into(),
        Option::<String>::None.into(),
        "quiz".into(),
        Some(json!({})).into(),
        Option::<i32>::None.into(),
        (order as i32).into(),
        Some(true).into(),
        Some(true).into(),
        Some(20).into(),
        serde_json::to_value(&settings).ok().into(),
        Option::<String>::None.into(),
        at.into(),
        updated.into(),
    ];
    // Through `serde_json::Value`, as the application's JSON column stores it (keys sorted).
    let questions_json = serde_json::to_value(&drawn).unwrap_or_default().to_string();
    let max_score = drawn.iter().map(|q| q.points).sum();
    let quiz = Quiz {
        id: content_id,
        questions: drawn,
        questions_json,
        max_score,
        passing_score: i32::from(settings.passing_score),
    };
    (quiz, content, rows)
}
