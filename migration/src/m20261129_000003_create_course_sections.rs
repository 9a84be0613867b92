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
                    .table("course_sections")
                    .col(id())
                    .col(uuid_ref("courseId", false))
                    .col(varchar("title", 200, false))
                    .col(text("description", true))
                    .col(int_default("order", 0, true))
                    .col(flag("isPublished", true))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut fk(
                        "fk_course_sections_course",
                        "course_sections",
                        "courseId",
                        "courses",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, "course_sections", &["courseId", "order"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "course_sections").await
    }
}
