//! Database migrations: the seed's eleven tables (`shared/seed/courseworx-database-schema.md`),
//! then the tables the seed needs but has none for (sessions, ...), in the same style.
//! Written by hand so that PostgreSQL gets exactly the seed's types and SQLite the closest
//! equivalents. Each migration is named after the table it creates.

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

mod schema_builders;

mod m20261129_000001_create_users;
mod m20261129_000002_create_courses;
mod m20261129_000003_create_course_sections;
mod m20261129_000004_create_course_contents;
mod m20261129_000005_create_quiz_questions;
mod m20261129_000006_create_enrollments;
mod m20261129_000007_create_lesson_completions;
mod m20261129_000008_create_assignments;
mod m20261129_000009_create_attendance;
mod m20261129_000010_create_course_stats;
mod m20261129_000011_create_user_notes;
mod m20261129_000012_create_sessions;
mod m20261129_000013_create_settings;
mod m20261129_000014_create_login_throttles;
mod m20261129_000015_create_user_preferences;
mod m20261204_000016_add_in_flight_to_login_throttles;
pub mod m20261204_000017_add_course_search;
mod m20261205_000018_create_learning;
mod m20261205_000019_create_course_settings;
pub mod m20261205_000020_create_submissions;
mod m20261205_000021_add_price_to_enrollment_events;
mod m20261206_000022_create_calendar_feeds;
mod m20261206_000023_index_enrollment_prices;
mod m20261206_000024_index_enrolment_dates;
mod m20261206_000025_index_user_names;
mod m20261206_000026_create_jobs;
mod m20261206_000027_create_catalogue_versions;
mod m20261206_000028_create_course_enrollment_counts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_users::Migration),
            Box::new(m20261129_000002_create_courses::Migration),
            Box::new(m20261129_000003_create_course_sections::Migration),
            Box::new(m20261129_000004_create_course_contents::Migration),
            Box::new(m20261129_000005_create_quiz_questions::Migration),
            Box::new(m20261129_000006_create_enrollments::Migration),
            Box::new(m20261129_000007_create_lesson_completions::Migration),
            Box::new(m20261129_000008_create_assignments::Migration),
            Box::new(m20261129_000009_create_attendance::Migration),
            Box::new(m20261129_000010_create_course_stats::Migration),
            Box::new(m20261129_000011_create_user_notes::Migration),
            Box::new(m20261129_000012_create_sessions::Migration),
            Box::new(m20261129_000013_create_settings::Migration),
            Box::new(m20261129_000014_create_login_throttles::Migration),
            Box::new(m20261129_000015_create_user_preferences::Migration),
            Box::new(m20261204_000016_add_in_flight_to_login_throttles::Migration),
            Box::new(m20261204_000017_add_course_search::Migration),
            Box::new(m20261205_000018_create_learning::Migration),
            Box::new(m20261205_000019_create_course_settings::Migration),
            Box::new(m20261205_000020_create_submissions::Migration),
            Box::new(m20261205_000021_add_price_to_enrollment_events::Migration),
            Box::new(m20261206_000022_create_calendar_feeds::Migration),
            Box::new(m20261206_000023_index_enrollment_prices::Migration),
            Box::new(m20261206_000024_index_enrolment_dates::Migration),
            Box::new(m20261206_000025_index_user_names::Migration),
            Box::new(m20261206_000026_create_jobs::Migration),
            Box::new(m20261206_000027_create_catalogue_versions::Migration),
            Box::new(m20261206_000028_create_course_enrollment_counts::Migration),
        ]
    }
}
