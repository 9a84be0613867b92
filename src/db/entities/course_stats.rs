//! `course_stats`: aggregated figures, one row per course.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "course_stats", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub course_id: Uuid,
    pub total_enrollments: Option<i32>,
    pub active_enrollments: Option<i32>,
    pub completed_enrollments: Option<i32>,
    pub average_progress: Option<Decimal>,
    pub average_score: Option<Decimal>,
    pub completion_rate: Option<Decimal>,
    pub total_revenue: Option<Decimal>,
    pub last_updated: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::courses::Entity",
        from = "Column::CourseId",
        to = "super::courses::Column::Id"
    )]
    Course,
}

impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        super::stamp(
            insert,
            &mut self.id,
            &mut self.created_at,
            &mut self.updated_at,
        );
        Ok(self)
    }
}
