//! `lesson_completions`: one user's completion of one content item.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lesson_completions", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub content_id: Uuid,
    pub completed: bool,
    pub completed_at: Option<DateTimeUtc>,
    pub time_spent: Option<i32>,
    pub score: Option<i32>,
    pub attempts: Option<i32>,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id"
    )]
    User,
    #[sea_orm(
        belongs_to = "super::courses::Entity",
        from = "Column::CourseId",
        to = "super::courses::Column::Id"
    )]
    Course,
    #[sea_orm(
        belongs_to = "super::course_contents::Entity",
        from = "Column::ContentId",
        to = "super::course_contents::Column::Id"
    )]
    Content,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}
impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}
impl Related<super::course_contents::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Content.def()
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
