//! `courses`: a course and its catalogue metadata; `trainerId` is its owner.

use sea_orm::entity::prelude::*;

use super::enums::CourseLevel;
use super::tag_list::TagList;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "courses", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub trainer_id: Uuid,
    pub title: String,
    pub description: String,
    pub short_description: Option<String>,
    pub thumbnail: Option<String>,
    pub price: Decimal,
    pub duration: Option<i32>,
    pub level: CourseLevel,
    pub category: Option<String>,
    pub tags: Option<TagList>,
    pub is_published: Option<bool>,
    pub is_featured: Option<bool>,
    pub max_students: Option<i32>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub requirements: Option<String>,
    pub learning_outcomes: Option<String>,
    pub curriculum: Option<Json>,
    pub rating: Option<Decimal>,
    pub enrollment_count: Option<i32>,
    pub completion_count: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::TrainerId",
        to = "super::users::Column::Id"
    )]
    Trainer,
    #[sea_orm(has_many = "super::course_sections::Entity")]
    CourseSections,
    #[sea_orm(has_many = "super::course_contents::Entity")]
    CourseContents,
    #[sea_orm(has_many = "super::enrollments::Entity")]
    Enrollments,
    #[sea_orm(has_many = "super::assignments::Entity")]
    Assignments,
    #[sea_orm(has_many = "super::attendance::Entity")]
    Attendance,
    #[sea_orm(has_many = "super::lesson_completions::Entity")]
    LessonCompletions,
    #[sea_orm(has_many = "super::user_notes::Entity")]
    UserNotes,
    #[sea_orm(has_one = "super::course_stats::Entity")]
    CourseStats,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Trainer.def()
    }
}
impl Related<super::course_sections::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseSections.def()
    }
}
impl Related<super::course_contents::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseContents.def()
    }
}
impl Related<super::enrollments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrollments.def()
    }
}
impl Related<super::assignments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Assignments.def()
    }
}
impl Related<super::attendance::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attendance.def()
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
impl Related<super::course_stats::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CourseStats.def()
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
