use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const STATUS: SeedEnum = SeedEnum {
    type_name: "enum_enrollments_status",
    values: &["enrolled", "completed", "dropped", "suspended"],
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_enum(manager, &STATUS).await?;
        manager
            .create_table(
                Table::create()
                    .table("enrollments")
                    .col(id())
                    .col(uuid_ref("userId", false))
                    .col(uuid_ref("courseId", false))
                    .col(enum_col(manager, "status", &STATUS, Some("enrolled")))
                    .col(
                        ColumnDef::new("enrolledAt")
                            .timestamp_with_time_zone()
                            .not_null()
                            .default(now_default(manager)),
                    )
                    .col(timestamp("completedAt"))
                    .col(decimal_default("progress", 5, 2))
                    .col(varchar("grade", 2, true))
                    .col(text("notes", true))
                    .col(created_at())
                    .col(updated_at())
                    .index(&mut unique(
                        "enrollments_userId_courseId_key",
                        &["userId", "courseId"],
                    ))
                    .foreign_key(&mut fk(
                        "fk_enrollments_user",
                        "enrollments",
                        "userId",
                        "users",
                        ForeignKeyAction::NoAction,
                    ))
                    .foreign_key(&mut fk(
                        "fk_enrollments_course",
                        "enrollments",
                        "courseId",
                        "courses",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, "enrollments", &["userId", "courseId", "status"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "enrollments").await?;
        drop_enum(manager, &STATUS).await
    }
}
