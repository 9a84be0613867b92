//! Use cases shared by the JSON API, the pages and the command line. A service opens the
//! transaction, applies the rules and calls `db`.

pub mod admins;
pub mod assignments;
pub mod attempts;
pub mod attendance;
pub mod auth;
pub mod calendar;
pub mod captions;
pub mod catalogue_cache;
pub mod certificates;
pub mod content_files;
pub mod courses;
pub mod dashboard;
pub mod dashboard_cache;
pub mod enrolments;
pub mod files;
pub mod gradebook;
pub mod grades;
pub mod grading;
pub mod guesses;
pub mod health;
pub mod images;
pub mod jobs;
pub mod kept;
pub mod maintenance;
pub mod notes;
pub mod outline;
pub mod outline_cache;
pub mod preferences;
pub mod profile;
pub mod progress;
pub mod questions;
pub mod setup;
pub mod stats;
pub mod user_imports;
pub mod users;
