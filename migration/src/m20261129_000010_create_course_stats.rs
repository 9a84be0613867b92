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
                    .table("course_stats")
                    .col(id())
                    // One row per course: the unique key is also the seed's courseId index.
                    .col(uuid_ref("courseId", false).unique_key())
                    .col(int_default("totalEnrollments", 0, false))
                    .col(int_default("activeEnrollments", 0, false))
                    .col(int_default("completedEnrollments", 0, false))
                    .col(decimal_default("averageProgress", 5, 2))
                    .col(decimal_default("averageScore", 5, 2))
                    .col(decimal_default("completionRate", 5, 2))
                    .col(decimal_default("totalRevenue", 10, 2))
                    .col(
                        ColumnDef::new("lastUpdated")
                            .timestamp_with_time_zone()
                            .not_null()
                            .default(now_default(manager)),
                    )
                    .col(created_at())
                    .col(updated_at())
                    // Statistics are derived data: they go with their course.
                    .foreign_key(&mut fk(
                        "fk_course_stats_course",
                        "course_stats",
                        "courseId",
                        "courses",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, "course_stats", &["courseId"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "course_stats").await
    }
}
