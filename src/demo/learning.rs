//! A course's class: enrolments and their history, completed lessons, quiz attempts with
//! their answers, assignment submissions with their versions and grades, and attendance.
//!
//! Trainees work through the lessons in order. Of the active enrolments 30 % have not
//! started, 15 % finished every lesson (and are `completed`), the rest stopped part-way;
//! 4 % dropped out and 2 % were suspended. A quiz lesson is completed by a passed attempt
//! (a quarter of the trainees failed once first), and half of the trainees stuck at a quiz
//! failed it once. Trainees past half the course handed in the assignment (70 %), one in
//! five twice; 60 % of the work is graded. Classroom courses take attendance weekly.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use rand::Rng;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::Value;
use serde_json::json;
use uuid::Uuid;

use super::catalogue::{Course, Quiz};
use super::people::People;
use super::sink::{Sink, Stopped};
use super::tables::{
    ANSWERS, ATTEMPTS, ATTENDANCE, COMPLETIONS, ENROLLMENTS, EVENTS, GRADE_EVENTS, SUBMISSIONS,
    VERSIONS,
};
use super::{Gen, names};
use crate::domain::content::quiz::QuestionKind;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Enrolled,
    Completed,
    Dropped,
    Suspended,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Enrolled => "enrolled",
            Status::Completed => "completed",
            Status::Dropped => "dropped",
            Status::Suspended => "suspended",
        }
    }
}

/// Progress as `db::progress::recompute` writes it: done over required, in percent,
/// rounded half away from zero to two decimals (SQL's ROUND).
pub fn progress(done: usize, required: usize) -> Decimal {
    if required == 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(100 * done as u64) / Decimal::from(required as u64))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Writes the class of `class` trainees. The benchmark course (number 0) takes trainees 1
/// to `class`, the others a random sample.
pub fn write(
    sink: &mut Sink,
    g: &mut Gen,
    people: &People,
    course: &Course,
    class: u32,
) -> Result<(), Stopped> {
    let total = people.trainees.len();
    let class = (class as usize).min(total);
    let mut members: Vec<usize> = if course.number == 0 {
        (0..class).collect()
    } else {
        rand::seq::index::sample(&mut g.rng, total, class).into_vec()
    };
    members.sort_unstable();
    for t in members {
        enrolment(sink, g, people, course, t)?;
    }
    Ok(())
}

fn enrolment(
    sink: &mut Sink,
    g: &mut Gen,
    people: &People,
    course: &Course,
    t: usize,
) -> Result<(), Stopped> {
    let user = people.trainees[t];
    let from = (course.created + TimeDelta::days(1)).max(people.trainee_since[t]);
    let to = g.days_ago(10);
    let enrolled_at = g.between(from, to);
    let lessons = course.lessons.len();
    let r: f64 = g.rng.random();
    let mut status = if r < 0.04 {
        Status::Dropped
    } else if r < 0.06 {
        Status::Suspended
    } else {
        Status::Enrolled
    };
    let done = if status != Status::Enrolled {
        g.rng.random_range(0..lessons)
    } else {
        let r: f64 = g.rng.random();
        if r < 0.3 {
            0
        } else if r < 0.45 {
            lessons
        } else {
            g.rng.random_range(1..lessons)
        }
    };

    let id = g.id(enrolled_at);
    let end = g.now - TimeDelta::hours(1);
    let step = ((end - enrolled_at).num_seconds() / (lessons as i64 + 1)).max(60);
    let mut at = enrolled_at;
    let mut completions: Vec<[Value; 11]> = Vec::with_capacity(done);
    let mut numbers = vec![0i32; course.quizzes.len()];
    for lesson in &course.lessons[..done] {
        at += TimeDelta::seconds(g.rng.random_range(step / 3..=step));
        let (spent, score) = match lesson.quiz {
            Some(q) => {
                if g.chance(0.25) {
                    numbers[q] += 1;
                    let (_, submitted, _) = attempt(
                        sink,
                        g,
                        user,
                        course,
                        &course.quizzes[q],
                        numbers[q],
                        at,
                        false,
                    )?;
                    at = submitted + TimeDelta::minutes(g.rng.random_range(30..180));
                }
                numbers[q] += 1;
                let (started, submitted, percent) = attempt(
                    sink,
                    g,
                    user,
                    course,
                    &course.quizzes[q],
                    numbers[q],
                    at,
                    true,
                )?;
                at = submitted;
                ((submitted - started).num_seconds() as i32, Some(percent))
            }
            None => (g.rng.random_range(60..900), None),
        };
        let at = at.min(end);
        completions.push([
            g.id(at).into(),
            user.into(),
            course.id.into(),
            lesson.id.into(),
            true.into(),
            Some(at).into(),
            Some(spent).into(),
            score.into(),
            Some(1).into(),
            at.into(),
            at.into(),
        ]);
    }
    let mut at = at.min(end);
    // Stuck at a quiz: half of them failed it once.
    if status == Status::Enrolled
        && done < lessons
        && let Some(q) = course.lessons[done].quiz
        && g.chance(0.5)
    {
        let start = (at + TimeDelta::seconds(g.rng.random_range(step / 3..=step))).min(end);
        numbers[q] += 1;
        let (_, submitted, _) = attempt(
            sink,
            g,
            user,
            course,
            &course.quizzes[q],
            numbers[q],
            start,
            false,
        )?;
        at = submitted.min(end);
    }
    if status == Status::Enrolled && done == lessons {
        status = Status::Completed;
    }
    // Dropping out or being suspended comes after the last lesson.
    let left_at = matches!(status, Status::Dropped | Status::Suspended)
        .then(|| g.between(at, (at + TimeDelta::days(14)).min(end)).max(at));
    let completed_at = (status == Status::Completed).then_some(at);
    let updated = left_at.unwrap_or(at);
    sink.push(
        &ENROLLMENTS,
        [
            id.into(),
            user.into(),
            course.id.into(),
            status.as_str().into(),
            enrolled_at.into(),
            completed_at.into(),
            Some(progress(done, lessons)).into(),
            enrolled_at.into(),
            updated.into(),
        ],
    )?;
    // The history: joining at the course's price, then any change.
    event(
        sink,
        g,
        id,
        Some(user),
        None,
        Status::Enrolled,
        Some(course.price),
        enrolled_at,
    )?;
    // The change that ended the enrolment, if any, and who made it: completion is the
    // system's, a drop the trainee's, a suspension the trainer's.
    let change = match (status, completed_at, left_at) {
        (Status::Completed, Some(when), _) => Some((None, when)),
        (Status::Dropped, _, Some(when)) => Some((Some(user), when)),
        (Status::Suspended, _, Some(when)) => Some((Some(course.trainer), when)),
        _ => None,
    };
    if let Some((actor, when)) = change {
        event(
            sink,
            g,
            id,
            actor,
            Some(Status::Enrolled),
            status,
            None,
            when,
        )?;
    }
    for row in completions {
        sink.push(&COMPLETIONS, row)?;
    }
    if status != Status::Dropped && done * 2 >= lessons && g.chance(0.7) {
        submission(sink, g, user, course, enrolled_at, at)?;
    }
    if status != Status::Dropped {
        attendance(sink, g, user, course, enrolled_at.date_naive())?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn event(
    sink: &mut Sink,
    g: &mut Gen,
    enrolment: Uuid,
    actor: Option<Uuid>,
    from: Option<Status>,
    to: Status,
    price: Option<Decimal>,
    at: DateTime<Utc>,
) -> Result<(), Stopped> {
    sink.push(
        &EVENTS,
        [
            g.id(at).into(),
            enrolment.into(),
            actor.into(),
            from.map(|s| s.as_str().to_owned()).into(),
            to.as_str().into(),
            price.into(),
            at.into(),
            at.into(),
        ],
    )
}

/// A graded attempt that passes or fails as asked: (started, submitted, percent).
#[allow(clippy::too_many_arguments)]
fn attempt(
    sink: &mut Sink,
    g: &mut Gen,
    user: Uuid,
    course: &Course,
    quiz: &Quiz,
    number: i32,
    started: DateTime<Utc>,
    pass: bool,
) -> Result<(DateTime<Utc>, DateTime<Utc>, i32), Stopped> {
    let p = if pass { 0.9 } else { 0.5 };
    let mut right: Vec<bool> = quiz.questions.iter().map(|_| g.chance(p)).collect();
    let points = |right: &[bool]| -> i32 {
        quiz.questions
            .iter()
            .zip(right)
            .filter(|(_, r)| **r)
            .map(|(q, _)| q.points)
            .sum()
    };
    let passes = |points: i32| points * 100 / quiz.max_score.max(1) >= quiz.passing_score;
    // Turn answers right (or wrong) in order until the attempt passes (or fails).
    for i in 0..right.len() {
        if passes(points(&right)) == pass {
            break;
        }
        right[i] = pass;
    }
    let score = points(&right);
    let percent = score * 100 / quiz.max_score.max(1);
    let submitted = started + TimeDelta::seconds(g.rng.random_range(240..1500));
    let id = g.id(started);
    sink.push(
        &ATTEMPTS,
        [
            id.into(),
            user.into(),
            course.id.into(),
            quiz.id.into(),
            number.into(),
            "graded".into(),
            started.into(),
            Some(submitted).into(),
            Some(submitted).into(),
            Some(score).into(),
            quiz.max_score.into(),
            Some(percent >= quiz.passing_score).into(),
            quiz.questions_json.clone().into(),
            started.into(),
            submitted.into(),
        ],
    )?;
    for (q, ok) in quiz.questions.iter().zip(right) {
        let answer = if ok {
            q.correct_answer.clone()
        } else {
            match q.kind {
                QuestionKind::TrueFalse => {
                    json!(if q.correct_answer == json!("true") {
                        "false"
                    } else {
                        "true"
                    })
                }
                QuestionKind::SingleChoice => {
                    let wrong = q.options.iter().find(|o| q.correct_answer != json!(o));
                    json!(wrong)
                }
                // One of the two right options only.
                _ => json!([q.correct_answer[0].clone()]),
            }
        };
        sink.push(
            &ANSWERS,
            [
                g.id(started).into(),
                id.into(),
                q.id.into(),
                Some(answer).into(),
                Some(ok).into(),
                Some(if ok { q.points } else { 0 }).into(),
                started.into(),
                submitted.into(),
            ],
        )?;
    }
    Ok((started, submitted, percent))
}

/// The course's assignment, handed in once or twice between enrolling and `last`, maybe
/// graded.
#[allow(clippy::too_many_arguments)]
fn submission(
    sink: &mut Sink,
    g: &mut Gen,
    user: Uuid,
    course: &Course,
    enrolled_at: DateTime<Utc>,
    last: DateTime<Utc>,
) -> Result<(), Stopped> {
    let Some(a) = course.assignments.first() else {
        return Ok(());
    };
    let end = g.now - TimeDelta::hours(1);
    let first = g.between(
        enrolled_at + TimeDelta::hours(1),
        last.max(enrolled_at + TimeDelta::hours(2)),
    );
    let mut times = vec![first.min(end)];
    if g.chance(0.2) {
        let second = first + TimeDelta::hours(g.rng.random_range(2..72));
        times.push(second.min(end));
    }
    if times.iter().any(|t| *t > a.due) && !a.allow_late {
        return Ok(());
    }
    let id = g.id(times[0]);
    let versions: Vec<(String, DateTime<Utc>, bool)> = times
        .iter()
        .map(|&t| (names::paragraph(&mut g.rng, 2), t, t > a.due))
        .collect();
    let (text, latest, late) = versions.last().cloned().unwrap_or_default();
    let graded = g.chance(0.6).then(|| {
        let score = Decimal::from(g.rng.random_range(a.points * 2 / 5..=a.points));
        let at = (latest + TimeDelta::hours(g.rng.random_range(4..96))).min(end);
        (score, at, names::sentence(&mut g.rng, 8))
    });
    sink.push(
        &SUBMISSIONS,
        [
            id.into(),
            a.id.into(),
            user.into(),
            course.id.into(),
            Some(text).into(),
            Some(json!([])).into(),
            (versions.len() as i32).into(),
            latest.into(),
            late.into(),
            if graded.is_some() {
                "graded"
            } else {
                "submitted"
            }
            .into(),
            graded.as_ref().map(|g| g.0).into(),
            graded.as_ref().map(|g| g.2.clone()).into(),
            graded.as_ref().map(|_| course.trainer).into(),
            graded.as_ref().map(|g| g.1).into(),
            times[0].into(),
            graded.as_ref().map_or(latest, |g| g.1).into(),
        ],
    )?;
    for (n, (text, at, late)) in versions.into_iter().enumerate() {
        sink.push(
            &VERSIONS,
            [
                g.id(at).into(),
                id.into(),
                (n as i32 + 1).into(),
                Some(text).into(),
                Some(json!([])).into(),
                at.into(),
                late.into(),
                at.into(),
                at.into(),
            ],
        )?;
    }
    if let Some((score, at, feedback)) = graded {
        sink.push(
            &GRADE_EVENTS,
            [
                g.id(at).into(),
                id.into(),
                course.trainer.into(),
                Option::<Decimal>::None.into(),
                Some(score).into(),
                Option::<String>::None.into(),
                Some(feedback).into(),
                at.into(),
                at.into(),
            ],
        )?;
    }
    Ok(())
}

/// A row per classroom session since the trainee enrolled.
fn attendance(
    sink: &mut Sink,
    g: &mut Gen,
    user: Uuid,
    course: &Course,
    since: NaiveDate,
) -> Result<(), Stopped> {
    for &day in course.sessions.iter().filter(|d| **d >= since) {
        let nine = day
            .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())
            .and_utc();
        let r: f64 = g.rng.random();
        let (status, late_by) = if r < 0.8 {
            ("present", Some(g.rng.random_range(-10..5)))
        } else if r < 0.88 {
            ("late", Some(g.rng.random_range(15..45)))
        } else if r < 0.96 {
            ("absent", None)
        } else {
            ("excused", None)
        };
        let sign_in = late_by.map(|m| nine + TimeDelta::minutes(m));
        let sign_out = sign_in.map(|_| nine + TimeDelta::minutes(g.rng.random_range(170..190)));
        let duration = sign_in
            .zip(sign_out)
            .map(|(i, o)| (o - i).num_minutes() as i32);
        let created = sign_in.unwrap_or(nine + TimeDelta::hours(4));
        sink.push(
            &ATTENDANCE,
            [
                g.id(created).into(),
                user.into(),
                course.id.into(),
                day.into(),
                sign_in.into(),
                sign_out.into(),
                duration.into(),
                status.into(),
                created.into(),
                sign_out.unwrap_or(created).into(),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_rounds_like_sql() {
        assert_eq!(progress(0, 27).to_string(), "0");
        assert_eq!(progress(1, 3).to_string(), "33.33");
        assert_eq!(progress(2, 3).to_string(), "66.67");
        assert_eq!(progress(1, 32).to_string(), "3.13");
        assert_eq!(progress(5, 5).to_string(), "100");
    }
}
