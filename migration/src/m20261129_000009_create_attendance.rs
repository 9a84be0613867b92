use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const STATUS: SeedEnum = SeedEnum {
    type_name: "enum_attendance_status",
    values: &["present", "absent", "late", "excused"],
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
                    .table("attendance")
                    .col(id())
                    .col(uuid_ref("userId", false))
                    .col(uuid_ref("courseId", false))
                    .col(ColumnDef::new("sessionDate").date().not_null())
                    .col(timestamp("signInTime"))
                    .col(timestamp("signOutTime"))
                    .col(int("duration"))
                    .col(enum_col(manager, "status", &STATUS, Some("present")))
                    .col(text("notes", true))
                    .col(created_at())
                    .col(updated_at())
                    .index(&mut unique(
                        "attendance_userId_courseId_sessionDate_key",
                        &["userId", "courseId", "sessionDate"],
                    ))
                    .foreign_key(&mut fk(
                        "fk_attendance_user",
                        "attendance",
                        "userId",
                        "users",
                        ForeignKeyAction::NoAction,
                    ))
                    .foreign_key(&mut fk(
                        "fk_attendance_course",
                        "attendance",
                        "courseId",
                        "courses",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            "attendance",
            &["userId", "courseId", "sessionDate"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "attendance").await?;
        drop_enum(manager, &STATUS).await
    }
}
