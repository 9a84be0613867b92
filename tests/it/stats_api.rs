//! Course statistics equal a recount from the raw rows after any sequence of enrolments,
//! drops, suspensions, lesson completions, quiz attempts, hand-ins, gradings and price
//! changes, read at random moments in between (so a stored row has to be forgotten by
//! each change that touches it). A property test (proptest) on the database under test.

use axum::http::{Method, StatusCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::helpers::TestApp;
use crate::outline_api::Authoring;
use courseworx::db::entities::enums::{AttemptStatus, EnrollmentStatus, SubmissionStatus};
use courseworx::db::entities::{
    assignment_submissions, assignments, enrollment_events, enrollments, quiz_attempts,
};

const TRAINEES: usize = 3;

#[derive(Debug, Clone)]
enum Op {
    Enrol(usize),
    Drop(usize),
    Suspend(usize),
    Reinstate(usize),
    Complete(usize, usize),
    Quiz(usize, bool),
    HandIn(usize),
    Grade(usize, u8),
    Price(u16),
    Points(u8),
    Read,
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0..TRAINEES;
    prop_oneof![
        4 => who.clone().prop_map(Op::Enrol),
        1 => who.clone().prop_map(Op::Drop),
        1 => who.clone().prop_map(Op::Suspend),
        1 => who.clone().prop_map(Op::Reinstate),
        2 => (who.clone(), 0..2usize).prop_map(|(t, l)| Op::Complete(t, l)),
        2 => (who.clone(), any::<bool>()).prop_map(|(t, p)| Op::Quiz(t, p)),
        2 => who.clone().prop_map(Op::HandIn),
        2 => (who, 0..=10u8).prop_map(|(t, s)| Op::Grade(t, s)),
        1 => (0..500u16).prop_map(Op::Price),
        1 => (10..=20u8).prop_map(Op::Points),
        4 => Just(Op::Read),
    ]
}

struct Course {
    a: Authoring,
    trainees: Vec<(uuid::Uuid, String)>,
    lessons: Vec<String>,
    quiz: String,
    assignment: String,
}

impl Course {
    async fn new() -> Course {
        let a = Authoring::new().await;
        let mut lessons = Vec::new();
        for title in ["One", "Two"] {
            let c = a
                .content(json!({"title": title, "type": "article", "articleContent": "Text."}))
                .await;
            lessons.push(c["id"].as_str().unwrap().to_owned());
        }
        let quiz = a
            .content(
                json!({"title": "Check", "type": "quiz", "isRequired": false,
                            "quizData": {"passingScore": 50, "maxAttempts": 100}}),
            )
            .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = a
            .call(
                Method::POST,
                &format!("/api/contents/{quiz}/questions"),
                Some(json!({"question": "Sky blue?", "questionType": "true_false", "correctAnswer": "true"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        let res = a
            .call(
                Method::POST,
                &format!("/api/courses/{}/assignments", a.course.id),
                Some(json!({"title": "Work", "description": "Do it.", "points": 10, "isPublished": true})),
            )
            .await;
        let assignment = res.json["assignment"]["id"].as_str().unwrap().to_owned();
        let mut trainees = Vec::new();
        for _ in 0..TRAINEES {
            let t = UserBuilder::trainee().create(&a.app).await;
            trainees.push((t.id, a.app.login(&t.email, PASSWORD).await));
        }
        Course {
            a,
            trainees,
            lessons,
            quiz,
            assignment,
        }
    }

    fn app(&self) -> &TestApp {
        &self.a.app
    }

    async fn as_trainee(&self, t: usize, method: Method, path: &str, body: Option<Value>) -> Value {
        let res = self
            .app()
            .send(method, path, Some(&self.trainees[t].1), body)
            .await;
        assert!(!res.status.is_server_error(), "{path}: {}", res.text);
        res.json
    }

    async fn enrolment_of(&self, t: usize) -> Option<enrollments::Model> {
        enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(self.a.course.id))
            .filter(enrollments::Column::UserId.eq(self.trainees[t].0))
            .one(self.app().db())
            .await
            .unwrap()
    }

    async fn set_status(&self, t: usize, status: &str) {
        if let Some(e) = self.enrolment_of(t).await {
            let res = self
                .a
                .call(
                    Method::PUT,
                    &format!("/api/enrollments/{}", e.id),
                    Some(json!({"status": status})),
                )
                .await;
            assert!(!res.status.is_server_error(), "{}", res.text);
        }
    }

    async fn run(&self, op: &Op) {
        let course = self.a.course.id;
        match op {
            Op::Enrol(t) => {
                self.as_trainee(
                    *t,
                    Method::POST,
                    &format!("/api/courses/{course}/enroll"),
                    None,
                )
                .await;
            }
            Op::Drop(t) => {
                self.as_trainee(
                    *t,
                    Method::DELETE,
                    &format!("/api/courses/{course}/enroll"),
                    None,
                )
                .await;
            }
            Op::Suspend(t) => self.set_status(*t, "suspended").await,
            Op::Reinstate(t) => self.set_status(*t, "enrolled").await,
            Op::Complete(t, l) => {
                let path = format!("/api/contents/{}/complete", self.lessons[*l]);
                self.as_trainee(*t, Method::POST, &path, Some(json!({"timeSpent": 5})))
                    .await;
            }
            Op::Quiz(t, pass) => {
                let start = self
                    .as_trainee(
                        *t,
                        Method::POST,
                        &format!("/api/contents/{}/attempts", self.quiz),
                        None,
                    )
                    .await;
                let Some(attempt) = start["attempt"]["id"].as_str() else {
                    return;
                };
                let question = start["attempt"]["questions"][0]["id"].as_str().unwrap();
                let answer = if *pass { "true" } else { "false" };
                self.as_trainee(
                    *t,
                    Method::PUT,
                    &format!("/api/attempts/{attempt}/answers"),
                    Some(json!({"answers": [{"questionId": question, "answer": answer}]})),
                )
                .await;
                self.as_trainee(
                    *t,
                    Method::POST,
                    &format!("/api/attempts/{attempt}/submit"),
                    None,
                )
                .await;
            }
            Op::HandIn(t) => {
                let path = format!("/api/assignments/{}/submissions", self.assignment);
                self.as_trainee(*t, Method::POST, &path, Some(json!({"text": "Work."})))
                    .await;
            }
            Op::Grade(t, score) => {
                let work = assignment_submissions::Entity::find()
                    .filter(assignment_submissions::Column::UserId.eq(self.trainees[*t].0))
                    .one(self.app().db())
                    .await
                    .unwrap();
                if let Some(w) = work {
                    let res = self
                        .a
                        .call(
                            Method::PUT,
                            &format!("/api/submissions/{}/grade", w.id),
                            Some(json!({"score": score})),
                        )
                        .await;
                    assert!(!res.status.is_server_error(), "{}", res.text);
                }
            }
            Op::Price(p) => {
                let res = self
                    .a
                    .call(
                        Method::PUT,
                        &format!("/api/courses/{course}"),
                        Some(json!({"price": format!("{}.50", p)})),
                    )
                    .await;
                assert_eq!(res.status, StatusCode::OK, "{}", res.text);
            }
            Op::Points(p) => {
                let res = self
                    .a
                    .call(
                        Method::PUT,
                        &format!("/api/assignments/{}", self.assignment),
                        Some(json!({"points": p})),
                    )
                    .await;
                assert!(!res.status.is_server_error(), "{}", res.text);
            }
            Op::Read => self.check().await,
        }
    }

    /// The statistics the API reports, against a recount of the rows.
    async fn check(&self) {
        let res = self
            .a
            .call(
                Method::GET,
                &format!("/api/courses/{}/stats", self.a.course.id),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        let got = &res.json["stats"];
        let db = self.app().db();
        let rows = enrollments::Entity::find()
            .filter(enrollments::Column::CourseId.eq(self.a.course.id))
            .all(db)
            .await
            .unwrap();
        let current: Vec<_> = rows
            .iter()
            .filter(|e| e.status != EnrollmentStatus::Dropped)
            .collect();
        let count = |s| rows.iter().filter(|e| e.status == s).count() as i64;
        assert_eq!(got["totalEnrollments"], rows.len() as i64, "{got}");
        assert_eq!(
            got["activeEnrollments"],
            count(EnrollmentStatus::Enrolled),
            "{got}"
        );
        assert_eq!(
            got["completedEnrollments"],
            count(EnrollmentStatus::Completed),
            "{got}"
        );
        let two = |d: Decimal| d.round_dp(2).normalize().to_string();
        let reported = |key: &str| {
            got[key]
                .as_str()
                .map(|s| s.parse::<Decimal>().unwrap().normalize().to_string())
        };
        let n = Decimal::from(current.len() as i64);
        let progress: Decimal = current.iter().map(|e| e.progress.unwrap_or_default()).sum();
        let expected = |sum: Decimal| {
            if n.is_zero() {
                "0".to_owned()
            } else {
                two(sum / n)
            }
        };
        assert_eq!(
            reported("averageProgress"),
            Some(expected(progress)),
            "{got}"
        );
        let completed = Decimal::from(count(EnrollmentStatus::Completed) * 100);
        assert_eq!(
            reported("completionRate"),
            Some(expected(completed)),
            "{got}"
        );
        let mut revenue = Decimal::ZERO;
        for e in &current {
            let paid = enrollment_events::Entity::find()
                .filter(enrollment_events::Column::EnrollmentId.eq(e.id))
                .filter(enrollment_events::Column::Price.is_not_null())
                .order_by_desc(enrollment_events::Column::CreatedAt)
                .order_by_desc(enrollment_events::Column::Id)
                .one(db)
                .await
                .unwrap();
            revenue += paid.and_then(|p| p.price).unwrap_or_default();
        }
        assert_eq!(reported("totalRevenue"), Some(two(revenue)), "{got}");
        let points = assignments::Entity::find()
            .all(db)
            .await
            .unwrap()
            .iter()
            .find(|a| a.course_id == self.a.course.id)
            .map(|a| a.points)
            .unwrap();
        let mut scores: Vec<Decimal> = assignment_submissions::Entity::find()
            .filter(assignment_submissions::Column::CourseId.eq(self.a.course.id))
            .filter(assignment_submissions::Column::Status.eq(SubmissionStatus::Graded))
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|s| s.score.unwrap() * Decimal::from(100) / Decimal::from(points))
            .collect();
        scores.extend(
            quiz_attempts::Entity::find()
                .filter(quiz_attempts::Column::CourseId.eq(self.a.course.id))
                .filter(quiz_attempts::Column::Status.eq(AttemptStatus::Graded))
                .all(db)
                .await
                .unwrap()
                .iter()
                .map(|q| Decimal::from(q.score.unwrap() * 100) / Decimal::from(q.max_score)),
        );
        let average = (!scores.is_empty())
            .then(|| two(scores.iter().sum::<Decimal>() / Decimal::from(scores.len() as i64)));
        assert_eq!(reported("averageScore"), average, "{got}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statistics_equal_a_recount_after_any_sequence_of_changes() {
    let mut runner = TestRunner::new(Config {
        cases: 12,
        max_shrink_iters: 20,
        failure_persistence: None,
        ..Config::default()
    });
    let handle = tokio::runtime::Handle::current();
    let result = runner.run(&proptest::collection::vec(op(), 10..30), |ops| {
        tokio::task::block_in_place(|| {
            handle.block_on(async {
                let course = Course::new().await;
                // Checked after every change: each one finds a stored row to forget.
                for op in &ops {
                    course.run(op).await;
                    course.check().await;
                }
            })
        });
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[tokio::test]
async fn only_the_courses_trainer_reads_its_statistics() {
    let course = Course::new().await;
    let path = format!("/api/courses/{}/stats", course.a.course.id);
    let res = course
        .app()
        .send(Method::GET, &path, Some(&course.trainees[0].1), None)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    course.check().await;
}
