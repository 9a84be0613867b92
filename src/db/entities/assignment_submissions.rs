//! `assignment_submissions`: a trainee's latest hand-in for an assignment, and its grade.

use sea_orm::entity::prelude::*;

use super::enums::SubmissionStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment_submissions", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub text: Option<String>,
    pub files: Option<Json>,
    pub version: i32,
    pub submitted_at: DateTimeUtc,
    pub is_late: bool,
    pub status: SubmissionStatus,
    pub score: Option<Decimal>,
    pub feedback: Option<String>,
    pub graded_by: Option<Uuid>,
    pub graded_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::stamped!();
