//! `submission_grade_events`: every grade given or changed on a submission.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "submission_grade_events", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub submission_id: Uuid,
    pub graded_by: Uuid,
    pub old_score: Option<Decimal>,
    pub new_score: Option<Decimal>,
    pub old_feedback: Option<String>,
    pub new_feedback: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::stamped!();
