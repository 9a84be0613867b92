//! Browser tests: Debian's `chromium` driven through `chromedriver` (WebDriver) against a
//! CourseWorx served on 127.0.0.1 with a fresh database (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set). Every page visited is checked with axe-core (WCAG 2.1 A and
//! AA: zero violations) and, at 360 px, for horizontal scrolling; a screenshot of each step is
//! written to `screenshots/` (see README).
//!
//! Selected explicitly: `cargo test --test browser`. Without chromium and
//! chromedriver the tests fail, they never pass silently.

#[allow(dead_code)]
#[path = "../it/fixtures.rs"]
mod fixtures;
#[allow(dead_code)]
#[path = "../it/helpers.rs"]
mod helpers;

mod api_docs;
mod assignments;
mod attendance;
mod certificates;
mod courses;
mod editor;
mod harness;
mod harness_checks;
mod journey;
mod learner_journey;
mod learning;
mod steps;
mod teaching;
mod tour;
