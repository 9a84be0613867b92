//! `quiz_attempts`: one sitting of a quiz, with the questions it drew as they were then.

use sea_orm::entity::prelude::*;

use super::enums::AttemptStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "quiz_attempts", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub course_id: Uuid,
    pub content_id: Uuid,
    pub number: i32,
    pub status: AttemptStatus,
    pub started_at: DateTimeUtc,
    pub deadline: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub graded_at: Option<DateTimeUtc>,
    pub score: Option<i32>,
    pub max_score: i32,
    pub passed: Option<bool>,
    pub questions: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

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
