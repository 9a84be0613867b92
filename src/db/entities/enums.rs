//! The seed's ENUM columns. On PostgreSQL each is a named enum type (`enum_<table>_<column>`,
//! Sequelize's naming); on SQLite a text column with a CHECK of the same values.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "enum_users_role")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[sea_orm(string_value = "super_admin")]
    SuperAdmin,
    #[sea_orm(string_value = "trainer")]
    Trainer,
    #[sea_orm(string_value = "trainee")]
    Trainee,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "enum_courses_level")]
#[serde(rename_all = "snake_case")]
pub enum CourseLevel {
    #[sea_orm(string_value = "beginner")]
    Beginner,
    #[sea_orm(string_value = "intermediate")]
    Intermediate,
    #[sea_orm(string_value = "advanced")]
    Advanced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(
    rs_type = "String",
    db_type = "Enum",
    enum_name = "enum_course_contents_type"
)]
#[serde(rename_all = "snake_case")]
pub enum ContentType {
    #[sea_orm(string_value = "document")]
    Document,
    #[sea_orm(string_value = "image")]
    Image,
    #[sea_orm(string_value = "video")]
    Video,
    #[sea_orm(string_value = "article")]
    Article,
    #[sea_orm(string_value = "quiz")]
    Quiz,
    #[sea_orm(string_value = "certificate")]
    Certificate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(
    rs_type = "String",
    db_type = "Enum",
    enum_name = "enum_quiz_questions_questionType"
)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    #[sea_orm(string_value = "single_choice")]
    SingleChoice,
    #[sea_orm(string_value = "multiple_choice")]
    MultipleChoice,
    #[sea_orm(string_value = "true_false")]
    TrueFalse,
    #[sea_orm(string_value = "text")]
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(
    rs_type = "String",
    db_type = "Enum",
    enum_name = "enum_enrollments_status"
)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStatus {
    #[sea_orm(string_value = "enrolled")]
    Enrolled,
    #[sea_orm(string_value = "completed")]
    Completed,
    #[sea_orm(string_value = "dropped")]
    Dropped,
    #[sea_orm(string_value = "suspended")]
    Suspended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(
    rs_type = "String",
    db_type = "Enum",
    enum_name = "enum_attendance_status"
)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    #[sea_orm(string_value = "present")]
    Present,
    #[sea_orm(string_value = "absent")]
    Absent,
    #[sea_orm(string_value = "late")]
    Late,
    #[sea_orm(string_value = "excused")]
    Excused,
}

impl From<Role> for crate::domain::user::Role {
    fn from(r: Role) -> Self {
        match r {
            Role::SuperAdmin => Self::SuperAdmin,
            Role::Trainer => Self::Trainer,
            Role::Trainee => Self::Trainee,
        }
    }
}

impl From<crate::domain::user::Role> for Role {
    fn from(r: crate::domain::user::Role) -> Self {
        use crate::domain::user::Role as D;
        match r {
            D::SuperAdmin => Role::SuperAdmin,
            D::Trainer => Role::Trainer,
            D::Trainee => Role::Trainee,
        }
    }
}

/// A quiz attempt's state (not a seed enum: `quiz_attempts` is ours).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(
    rs_type = "String",
    db_type = "Enum",
    enum_name = "enum_quiz_attempts_status"
)]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "graded")]
    Graded,
}

/// An assignment submission's state (not a seed enum: `assignment_submissions` is ours).
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(
    rs_type = "String",
    db_type = "Enum",
    enum_name = "enum_assignment_submissions_status"
)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionStatus {
    #[sea_orm(string_value = "submitted")]
    Submitted,
    #[sea_orm(string_value = "graded")]
    Graded,
}
