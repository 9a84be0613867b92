//! `course_contents`: one learning item (document, image, video, article, quiz, certificate).

use sea_orm::entity::prelude::*;

use super::enums::ContentType;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "course_contents", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub course_id: Uuid,
    pub section_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    pub r#type: ContentType,
    pub content: Option<Json>,
    pub file_url: Option<String>,
    pub file_size: Option<i32>,
    pub file_type: Option<String>,
    pub duration: Option<i32>,
    pub order: i32,
    pub is_published: Option<bool>,
    pub is_required: Option<bool>,
    pub points: Option<i32>,
    pub quiz_data: Option<Json>,
    pub article_content: Option<String>,
    pub certificate_template: Option<Json>,
    pub metadata: Option<Json>,
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
    #[sea_orm(
        belongs_to = "super::course_sections::Entity",
        from = "Column::SectionId",
        to = "super::course_sections::Column::Id"
    )]
    Section,
    #[sea_orm(has_many = "super::quiz_questions::Entity")]
    QuizQuestions,
    #[sea_orm(has_many = "super::lesson_completions::Entity")]
    LessonCompletions,
    #[sea_orm(has_many = "super::user_notes::Entity")]
    UserNotes,
}

impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Course.def()
    }
}
impl Related<super::course_sections::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Section.def()
    }
}
impl Related<super::quiz_questions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::QuizQuestions.def()
    }
}
impl Related<super::lesson_completions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LessonCompletions.def()
    }
}
impl Related<super::user_notes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserNotes.def()
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
