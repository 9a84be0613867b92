//! The learning records the seed has no table for (DESIGN.md section 2), in the seed's
//! style (camelCase, UUID keys, `createdAt`/`updatedAt`, named enum types on PostgreSQL):
//!
//! - `course_waitlist`: who waits for a place in a full course, in the order they asked;
//! - `enrollment_events`: every change of an enrolment's status, so a dropped and renewed
//!   enrolment keeps its history (the seed's row is reused, its past is not lost);
//! - `content_positions`: where a trainee stopped in a video;
//! - `quiz_attempts` and `quiz_answers`: an attempt keeps the questions it drew, with the
//!   version it was graded on, and one answer row per question;
//! - `certificates`: one per completed enrolment, with a random verification code.
//!
//! No ON DELETE CASCADE from users or courses: learning records are never removed as a side
//! effect (DESIGN.md section 2).

use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const ATTEMPT_STATUS: SeedEnum = SeedEnum {
    type_name: "enum_quiz_attempts_status",
    values: &["in_progress", "pending", "graded"],
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn user_and_course(table: &'static str, t: &mut TableCreateStatement) {
    t.col(uuid_ref("userId", false))
        .col(uuid_ref("courseId", false))
        .foreign_key(&mut fk(
            format!("fk_{table}_user"),
            table,
            "userId",
            "users",
            ForeignKeyAction::NoAction,
        ))
        .foreign_key(&mut fk(
            format!("fk_{table}_course"),
            table,
            "courseId",
            "courses",
            ForeignKeyAction::NoAction,
        ));
}

fn content_ref(table: &'static str, t: &mut TableCreateStatement) {
    t.col(uuid_ref("contentId", false)).foreign_key(&mut fk(
        format!("fk_{table}_content"),
        table,
        "contentId",
        "course_contents",
        ForeignKeyAction::NoAction,
    ));
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut waitlist = Table::create();
        waitlist.table("course_waitlist").col(id());
        user_and_course("course_waitlist", &mut waitlist);
        waitlist
            .col(created_at())
            .col(updated_at())
            .index(&mut unique(
                "course_waitlist_courseId_userId_key",
                &["courseId", "userId"],
            ));
        manager.create_table(waitlist).await?;
        create_indexes(manager, "course_waitlist", &["userId", "createdAt"]).await?;

        let mut events = Table::create();
        events.table("enrollment_events").col(id());
        events
            .col(uuid_ref("enrollmentId", false))
            .col(uuid_ref("actorId", true))
            .col(varchar("fromStatus", 20, true))
            .col(varchar("toStatus", 20, false))
            .col(created_at())
            .col(updated_at())
            .foreign_key(&mut fk(
                "fk_enrollment_events_enrollment",
                "enrollment_events",
                "enrollmentId",
                "enrollments",
                ForeignKeyAction::NoAction,
            ));
        manager.create_table(events).await?;
        create_indexes(manager, "enrollment_events", &["enrollmentId"]).await?;

        let mut positions = Table::create();
        positions.table("content_positions").col(id());
        user_and_course("content_positions", &mut positions);
        content_ref("content_positions", &mut positions);
        positions
            .col(int_default("position", 0, true))
            .col(created_at())
            .col(updated_at())
            .index(&mut unique(
                "content_positions_userId_contentId_key",
                &["userId", "contentId"],
            ));
        manager.create_table(positions).await?;
        create_indexes(manager, "content_positions", &["contentId"]).await?;

        create_enum(manager, &ATTEMPT_STATUS).await?;
        let mut attempts = Table::create();
        attempts.table("quiz_attempts").col(id());
        user_and_course("quiz_attempts", &mut attempts);
        content_ref("quiz_attempts", &mut attempts);
        attempts
            // 1, 2, 3 … per trainee and quiz: the unique key makes two concurrent starts
            // of the same attempt collide instead of both passing the maximum.
            .col(int_default("number", 1, true))
            .col(enum_col(
                manager,
                "status",
                &ATTEMPT_STATUS,
                Some("in_progress"),
            ))
            .col(
                ColumnDef::new("startedAt")
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(timestamp("deadline"))
            .col(timestamp("submittedAt"))
            .col(timestamp("gradedAt"))
            .col(int("score"))
            .col(int_default("maxScore", 0, true))
            .col(flag("passed", false))
            // The drawn questions in their order, as they were when drawn (with answers,
            // options in their shown order and points): grading reads only this.
            .col(ColumnDef::new("questions").json_binary().not_null())
            .col(created_at())
            .col(updated_at())
            .index(&mut unique(
                "quiz_attempts_userId_contentId_number_key",
                &["userId", "contentId", "number"],
            ));
        manager.create_table(attempts).await?;
        create_indexes(
            manager,
            "quiz_attempts",
            &["contentId", "courseId", "status"],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table("quiz_answers")
                    .col(id())
                    .col(uuid_ref("attemptId", false))
                    .col(uuid_ref("questionId", false))
                    .col(ColumnDef::new("answer").json_binary().null())
                    .col(ColumnDef::new("isCorrect").boolean().null())
                    .col(int("points"))
                    .col(text("feedback", true))
                    .col(uuid_ref("gradedBy", true))
                    .col(timestamp("gradedAt"))
                    .col(created_at())
                    .col(updated_at())
                    .index(&mut unique(
                        "quiz_answers_attemptId_questionId_key",
                        &["attemptId", "questionId"],
                    ))
                    .foreign_key(&mut fk(
                        "fk_quiz_answers_attempt",
                        "quiz_answers",
                        "attemptId",
                        "quiz_attempts",
                        ForeignKeyAction::NoAction,
                    ))
                    .to_owned(),
            )
            .await?;

        let mut certificates = Table::create();
        certificates.table("certificates").col(id());
        user_and_course("certificates", &mut certificates);
        certificates
            .col(uuid_ref("enrollmentId", false))
            .col(varchar("code", 64, false))
            .col(
                ColumnDef::new("issuedAt")
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(created_at())
            .col(updated_at())
            // Exactly once per enrolment, and codes never repeat.
            .index(&mut unique(
                "certificates_enrollmentId_key",
                &["enrollmentId"],
            ))
            .index(&mut unique("certificates_code_key", &["code"]))
            .foreign_key(&mut fk(
                "fk_certificates_enrollment",
                "certificates",
                "enrollmentId",
                "enrollments",
                ForeignKeyAction::NoAction,
            ));
        manager.create_table(certificates).await?;
        create_indexes(manager, "certificates", &["userId", "courseId"]).await?;

        // The roster's "last activity" and the progress recompute read completions by
        // trainee and course.
        manager
            .create_index(
                Index::create()
                    .name("idx_lesson_completions_courseId_userId")
                    .table("lesson_completions")
                    .col("courseId")
                    .col("userId")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_lesson_completions_courseId_userId")
                    .table("lesson_completions")
                    .to_owned(),
            )
            .await?;
        for table in [
            "certificates",
            "quiz_answers",
            "quiz_attempts",
            "content_positions",
            "enrollment_events",
            "course_waitlist",
        ] {
            drop_table(manager, table).await?;
        }
        drop_enum(manager, &ATTEMPT_STATUS).await
    }
}
