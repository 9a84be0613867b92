//! Plain types and rules: validation, pagination and the policy (who may do what). No axum,
//! no SeaORM.

pub mod article;
pub mod assignment;
pub mod attempt;
pub mod attendance;
pub mod backup;
pub mod calendar;
pub mod captions;
pub mod certificate;
pub mod certificate_template;
pub mod content;
pub mod course;
pub mod dashboard;
pub mod enrolment;
pub mod file_kind;
pub mod grade;
pub mod gradebook;
pub mod job;
pub mod login_throttle;
pub mod note;
pub mod pagination;
pub mod policy;
pub mod progress;
pub mod stats;
pub mod user;
pub mod validation;
