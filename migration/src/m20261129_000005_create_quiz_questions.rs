use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const QUESTION_TYPE: SeedEnum = SeedEnum {
    type_name: "enum_quiz_questions_questionType",
    values: &["single_choice", "multiple_choice", "true_false", "text"],
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_enum(manager, &QUESTION_TYPE).await?;
        manager
            .create_table(
                Table::create()
                    .table("quiz_questions")
                    .col(id())
                    .col(uuid_ref("contentId", false))
                    .col(text("question", false))
                    .col(enum_col(manager, "questionType", &QUESTION_TYPE, None))
                    .col(tags_col(manager, "options", false))
                    .col(text("correctAnswer", false))
                    .col(int_default("points", 1, true))
                    .col(text("explanation", true))
                    .col(int_default("order", 0, true))
                    .col(flag("isActive", true))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut fk(
                        "fk_quiz_questions_content",
                        "quiz_questions",
                        "contentId",
                        "course_contents",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, "quiz_questions", &["contentId", "order"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "quiz_questions").await?;
        drop_enum(manager, &QUESTION_TYPE).await
    }
}
