//! The one integration-test binary. Every test gets a fresh database on the backend that
//! `TEST_DATABASE_URL` selects (a temporary SQLite file when unset); see `helpers`.

mod accounts_hardening;
mod attempts_api;
mod auth;
mod catalogue;
mod cli;
mod connections;
mod constraints;
mod content_files;
mod courses_api;
mod enrolments_api;
mod fixtures;
mod health;
mod helpers;
mod last_super_admin;
mod login_throttle;
mod maintenance;
mod matrix;
mod nul;
mod openapi;
mod outline_api;
mod pictures;
mod profile;
mod profile_avatars;
mod progress_api;
mod questions_api;
mod schema;
mod schema_expected;
mod setup;
mod shutdown;
mod users;
mod users_api;
mod web;
mod world;
