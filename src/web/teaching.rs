//! The routes of taking quizzes (`quizzes`), a course's roster (`roster`) and grading
//! (`grading`).

use super::routes::PageRoutes;
use super::{grading, quizzes, roster};

pub fn pages(routes: PageRoutes) -> PageRoutes {
    use quizzes::{intro, take};
    routes
        .get("/learn/quizzes/{id}", intro::show)
        .get("/learn/quizzes/{id}/start", intro::to_quiz)
        .post("/learn/quizzes/{id}/start", intro::start)
        .get("/learn/attempts/{id}", take::show)
        .get("/learn/attempts/{id}/answers", take::to_attempt)
        .post("/learn/attempts/{id}/answers", take::save)
        .get("/learn/attempts/{id}/submit", take::to_attempt)
        .post("/learn/attempts/{id}/submit", take::submit)
        .get("/teach/courses/{id}/roster", roster::show)
        .post("/teach/courses/{id}/roster", roster::enrol)
        .get("/teach/courses/{id}/enrolments", roster::to_roster)
        .post("/teach/courses/{id}/enrolments", roster::update)
        .get("/teach/grading", grading::queue)
        .get("/teach/attempts/{id}", grading::show)
        .post("/teach/attempts/{id}", grading::grade)
}
