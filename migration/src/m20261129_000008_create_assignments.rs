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
                    .table("assignments")
                    .col(id())
                    .col(uuid_ref("courseId", false))
                    .col(uuid_ref("trainerId", false))
                    .col(varchar("title", 200, false))
                    .col(text("description", false))
                    .col(timestamp("dueDate"))
                    .col(int_default("points", 0, true))
                    .col(flag("isPublished", false))
                    .col(flag("allowLateSubmission", false))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut fk(
                        "fk_assignments_course",
                        "assignments",
                        "courseId",
                        "courses",
                        ForeignKeyAction::NoAction,
                    ))
                    .foreign_key(&mut fk(
                        "fk_assignments_trainer",
                        "assignments",
                        "trainerId",
                        "users",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            "assignments",
            &["courseId", "trainerId", "isPublished"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "assignments").await
    }
}
