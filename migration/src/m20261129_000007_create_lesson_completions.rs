use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("lesson_completions")
                    .col(id())
                    .col(uuid_ref("userId", false))
                    .col(uuid_ref("courseId", false))
                    .col(uuid_ref("contentId", false))
                    .col(
                        ColumnDef::new("completed")
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp("completedAt"))
                    .col(int("timeSpent"))
                    .col(int("score"))
                    .col(int_default("attempts", 1, false))
                    .col(text("notes", true))
                    .col(created_at())
                    .col(updated_at())
                    .index(&mut unique(
                        "lesson_completions_userId_contentId_key",
                        &["userId", "contentId"],
                    ))
                    .foreign_key(&mut fk(
                        "fk_lesson_completions_user",
                        "lesson_completions",
                        "userId",
                        "users",
                        ForeignKeyAction::NoAction,
                    ))
                    .foreign_key(&mut fk(
                        "fk_lesson_completions_course",
                        "lesson_completions",
                        "courseId",
                        "courses",
                        ForeignKeyAction::NoAction,
                    ))
                    .foreign_key(&mut fk(
                        "fk_lesson_completions_content",
                        "lesson_completions",
                        "contentId",
                        "course_contents",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            "lesson_completions",
            &["userId", "courseId", "contentId"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "lesson_completions").await
    }
}
