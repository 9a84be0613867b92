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
                    .table("user_notes")
                    .col(id())
                    .col(uuid_ref("userId", false))
                    .col(uuid_ref("courseId", false))
                    .col(uuid_ref("contentId", true))
                    .col(text("content", false))
                    .col(flag("isPrivate", true))
                    .col(tags_col(manager, "tags", true))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut fk(
                        "fk_user_notes_user",
                        "user_notes",
                        "userId",
                        "users",
                        ForeignKeyAction::NoAction,
                    ))
                    .foreign_key(&mut fk(
                        "fk_user_notes_course",
                        "user_notes",
                        "courseId",
                        "courses",
                        ForeignKeyAction::NoAction,
                    ))
                    // A trainee's note outlives the lesson it was written on: it stays with
                    // the course when the trainer deletes that content.
                    .foreign_key(&mut fk(
                        "fk_user_notes_content",
                        "user_notes",
                        "contentId",
                        "course_contents",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, "user_notes", &["userId", "courseId", "contentId"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "user_notes").await
    }
}
