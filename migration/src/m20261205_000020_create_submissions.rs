//! The classroom's records the seed has no table for (its `assignments` table is titled
//! "assignments and submissions" but holds only the assignments), in the seed's style:
//!
//! - `assignment_submissions`: a trainee's work on an assignment, one row per trainee and
//!   assignment holding the latest version, its grade and who gave it;
//! - `submission_versions`: every version handed in, the latest included, so that a
//!   resubmission never loses the earlier one;
//! - `submission_grade_events`: every grade given or changed (who, when, old and new).
//!
//! No ON DELETE CASCADE: deleting an assignment with submissions is refused, and a
//! trainee's work is never removed as a side effect (DESIGN.md section 2).

use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const SUBMISSION_STATUS: SeedEnum = SeedEnum {
    type_name: "enum_assignment_submissions_status",
    values: &["submitted", "graded"],
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A score out of an assignment's points: two decimals, so half points can be given.
fn score(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).decimal_len(7, 2).null().to_owned()
}

fn submission_ref(table: &'static str, t: &mut TableCreateStatement) {
    t.col(uuid_ref("submissionId", false)).foreign_key(&mut fk(
        format!("fk_{table}_submission"),
        table,
        "submissionId",
        "assignment_submissions",
        ForeignKeyAction::NoAction,
    ));
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_enum(manager, &SUBMISSION_STATUS).await?;
        let mut submissions = Table::create();
        submissions
            .table("assignment_submissions")
            .col(id())
            .col(uuid_ref("assignmentId", false))
            .col(uuid_ref("userId", false))
            .col(uuid_ref("courseId", false))
            .col(text("text", true))
            // The attached files: `[{key, name, size, mimeType}]`.
            .col(jsonb_col("files", "[]"))
            // 1 for the first hand-in, then 2, 3 … for each resubmission.
            .col(int_default("version", 1, true))
            .col(
                ColumnDef::new("submittedAt")
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(ColumnDef::new("isLate").boolean().not_null().default(false))
            .col(enum_col(
                manager,
                "status",
                &SUBMISSION_STATUS,
                Some("submitted"),
            ))
            .col(score("score"))
            .col(text("feedback", true))
            .col(uuid_ref("gradedBy", true))
            .col(timestamp("gradedAt"))
            .col(created_at())
            .col(updated_at())
            // One per trainee and assignment: two hand-ins at once collide here rather
            // than making two rows.
            .index(&mut unique(
                "assignment_submissions_assignmentId_userId_key",
                &["assignmentId", "userId"],
            ))
            .foreign_key(&mut fk(
                "fk_assignment_submissions_assignment",
                "assignment_submissions",
                "assignmentId",
                "assignments",
                ForeignKeyAction::NoAction,
            ))
            .foreign_key(&mut fk(
                "fk_assignment_submissions_user",
                "assignment_submissions",
                "userId",
                "users",
                ForeignKeyAction::NoAction,
            ))
            .foreign_key(&mut fk(
                "fk_assignment_submissions_course",
                "assignment_submissions",
                "courseId",
                "courses",
                ForeignKeyAction::NoAction,
            ))
            .foreign_key(&mut fk(
                "fk_assignment_submissions_grader",
                "assignment_submissions",
                "gradedBy",
                "users",
                ForeignKeyAction::NoAction,
            ));
        manager.create_table(submissions).await?;
        create_indexes(
            manager,
            "assignment_submissions",
            &["userId", "courseId", "status"],
        )
        .await?;

        let mut versions = Table::create();
        versions.table("submission_versions").col(id());
        submission_ref("submission_versions", &mut versions);
        versions
            .col(int_default("version", 1, true))
            .col(text("text", true))
            .col(jsonb_col("files", "[]"))
            .col(
                ColumnDef::new("submittedAt")
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(ColumnDef::new("isLate").boolean().not_null().default(false))
            .col(created_at())
            .col(updated_at())
            .index(&mut unique(
                "submission_versions_submissionId_version_key",
                &["submissionId", "version"],
            ));
        manager.create_table(versions).await?;

        let mut events = Table::create();
        events.table("submission_grade_events").col(id());
        submission_ref("submission_grade_events", &mut events);
        events
            .col(uuid_ref("gradedBy", false))
            .col(score("oldScore"))
            .col(score("newScore"))
            .col(text("oldFeedback", true))
            .col(text("newFeedback", true))
            .col(created_at())
            .col(updated_at())
            .foreign_key(&mut fk(
                "fk_submission_grade_events_grader",
                "submission_grade_events",
                "gradedBy",
                "users",
                ForeignKeyAction::NoAction,
            ));
        manager.create_table(events).await?;
        create_indexes(manager, "submission_grade_events", &["submissionId"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "submission_grade_events",
            "submission_versions",
            "assignment_submissions",
        ] {
            drop_table(manager, table).await?;
        }
        drop_enum(manager, &SUBMISSION_STATUS).await
    }
}
