//! `quiz_questions`: the questions of a quiz content item, with the correct answer.

use sea_orm::entity::prelude::*;

use super::enums::QuestionType;
use super::tag_list::TagList;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quiz_questions", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub content_id: Uuid,
    pub question: String,
    pub question_type: QuestionType,
    pub options: Option<TagList>,
    pub correct_answer: String,
    pub points: i32,
    pub explanation: Option<String>,
    pub order: i32,
    pub is_active: Option<bool>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::course_contents::Entity",
        from = "Column::ContentId",
        to = "super::course_contents::Column::Id"
    )]
    Content,
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
