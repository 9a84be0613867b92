use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const LEVEL: SeedEnum = SeedEnum {
    type_name: "enum_courses_level",
    values: &["beginner", "intermediate", "advanced"],
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_enum(manager, &LEVEL).await?;
        manager
            .create_table(
                Table::create()
                    .table("courses")
                    .col(id())
                    .col(uuid_ref("trainerId", false))
                    .col(varchar("title", 200, false))
                    .col(text("description", false))
                    .col(varchar("shortDescription", 500, true))
                    .col(varchar("thumbnail", 255, true))
                    .col(
                        ColumnDef::new("price")
                            .decimal_len(10, 2)
                            .not_null()
                            .default(Expr::cust("0.00"))
                            .check(Expr::col("price").gte(0)),
                    )
                    .col(int("duration"))
                    .col(enum_col(manager, "level", &LEVEL, Some("beginner")))
                    .col(varchar("category", 100, true))
                    .col(tags_col(manager, "tags", true))
                    .col(flag("isPublished", false))
                    .col(flag("isFeatured", false))
                    .col(int("maxStudents"))
                    .col(ColumnDef::new("startDate").date().null())
                    .col(ColumnDef::new("endDate").date().null())
                    .col(text("requirements", true))
                    .col(text("learningOutcomes", true))
                    .col(jsonb_col("curriculum", "[]"))
                    .col(
                        ColumnDef::new("rating")
                            .decimal_len(3, 2)
                            .null()
                            .check(Expr::col("rating").between(0, 5)),
                    )
                    .col(int_default("enrollmentCount", 0, false))
                    .col(int_default("completionCount", 0, false))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut fk(
                        "fk_courses_trainer",
                        "courses",
                        "trainerId",
                        "users",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            "courses",
            &["isPublished", "category", "level", "trainerId"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "courses").await?;
        drop_enum(manager, &LEVEL).await
    }
}
