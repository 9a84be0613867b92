//! `course_settings`: a course's choices the seed's `courses` table has no column for.
//! So far one: whether enrolments' grades are computed from quiz scores
//! (`gradeFromQuizzes`) rather than set by the trainer. One row per course, created on the
//! first choice. Not a seed table.

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
                    .table("course_settings")
                    .col(id())
                    .col(uuid_ref("courseId", false))
                    .col(
                        ColumnDef::new("gradeFromQuizzes")
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(created_at())
                    .col(updated_at())
                    .index(&mut unique("course_settings_courseId_key", &["courseId"]))
                    .foreign_key(&mut fk(
                        "fk_course_settings_course",
                        "course_settings",
                        "courseId",
                        "courses",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "course_settings").await
    }
}
