use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const CONTENT_TYPE: SeedEnum = SeedEnum {
    type_name: "enum_course_contents_type",
    values: &[
        "document",
        "image",
        "video",
        "article",
        "quiz",
        "certificate",
    ],
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_enum(manager, &CONTENT_TYPE).await?;
        manager
            .create_table(
                Table::create()
                    .table("course_contents")
                    .col(id())
                    .col(uuid_ref("courseId", false))
                    .col(uuid_ref("sectionId", true))
                    .col(varchar("title", 200, false))
                    .col(text("description", true))
                    .col(enum_col(manager, "type", &CONTENT_TYPE, None))
                    .col(jsonb_col("content", "{}"))
                    .col(varchar("fileUrl", 255, true))
                    .col(int("fileSize"))
                    .col(varchar("fileType", 50, true))
                    .col(int("duration"))
                    .col(int_default("order", 0, true))
                    .col(flag("isPublished", true))
                    .col(flag("isRequired", true))
                    .col(int_default("points", 0, false))
                    .col(jsonb_col("quizData", "{}"))
                    .col(text("articleContent", true))
                    .col(jsonb_col("certificateTemplate", "{}"))
                    .col(jsonb_col("metadata", "{}"))
                    .col(created_at())
                    .col(updated_at())
                    .foreign_key(&mut fk(
                        "fk_course_content_course",
                        "course_contents",
                        "courseId",
                        "courses",
                        ForeignKeyAction::NoAction,
                    ))
                    // A section holding content cannot be deleted until its content is
                    // moved or deleted on purpose.
                    .foreign_key(&mut fk(
                        "fk_course_content_section",
                        "course_contents",
                        "sectionId",
                        "course_sections",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            "course_contents",
            &["courseId", "sectionId", "type", "order"],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "course_contents").await?;
        drop_enum(manager, &CONTENT_TYPE).await
    }
}
