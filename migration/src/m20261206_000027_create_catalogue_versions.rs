//! `catalogue_versions`: one number that moves whenever the published catalogue's
//! membership or order can change (not a seed table, and not data: backups leave it out).
//!
//! A catalogue page is a list of courses and a count. At 100,000 courses a broad search's
//! count reads a tenth of them (BENCHMARKS.md, S7), and the page was read again every
//! second so that no instance shows it more than a second stale. Which courses a page holds,
//! in what order, and how many match, change only when a course is written: created,
//! deleted, or one of the columns a filter or a settled sort reads is set. Triggers move
//! the number on exactly those writes, in the writing transaction, so every instance sees
//! it move when it sees the change. A page read under one number is then refreshed by
//! re-reading its cards only (their enrolment counts, trainer names), while the number
//! stays (`services::courses::published_page`).
//!
//! The enrolment counters (`enrollmentCount`, `completionCount`) are not in the list: they
//! change on every enrolment and completion, and a page sorted by them is always read
//! whole. Nor is `updatedAt`: it moves with every write of the row.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns a catalogue filter or a settled sort (newest, title, price, rating) reads.
const WATCHED: &str = r#""trainerId", "title", "description", "shortDescription", "price", "level", "category", "tags", "isPublished", "isFeatured", "createdAt", "rating""#;

const CREATE: &str = r#"CREATE TABLE "catalogue_versions" (
    "scope" VARCHAR(50) PRIMARY KEY,
    "version" BIGINT NOT NULL DEFAULT 0
)"#;
const FIRST: &str =
    r#"INSERT INTO "catalogue_versions" ("scope", "version") VALUES ('published', 0)"#;
const BUMP: &str =
    r#"UPDATE "catalogue_versions" SET "version" = "version" + 1 WHERE "scope" = 'published'"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(CREATE).await?;
        db.execute_unprepared(FIRST).await?;
        let statements = match db.get_database_backend() {
            DbBackend::Postgres => vec![
                format!(
                    r#"CREATE FUNCTION "catalogue_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
                       BEGIN {BUMP}; RETURN NULL; END $$"#
                ),
                // Once per statement: a cascade deleting a trainer's courses moves it once.
                format!(
                    r#"CREATE TRIGGER "catalogue_changed" AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF {WATCHED}
                       ON "courses" FOR EACH STATEMENT EXECUTE FUNCTION "catalogue_changed"()"#
                ),
            ],
            _ => vec![
                format!(
                    r#"CREATE TRIGGER "catalogue_changed_insert" AFTER INSERT ON "courses" BEGIN {BUMP}; END"#
                ),
                format!(
                    r#"CREATE TRIGGER "catalogue_changed_update" AFTER UPDATE OF {WATCHED} ON "courses" BEGIN {BUMP}; END"#
                ),
                format!(
                    r#"CREATE TRIGGER "catalogue_changed_delete" AFTER DELETE ON "courses" BEGIN {BUMP}; END"#
                ),
            ],
        };
        crate::schema_builders::execute_all(manager, statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match db.get_database_backend() {
            DbBackend::Postgres => &[
                r#"DROP TRIGGER IF EXISTS "catalogue_changed" ON "courses""#,
                r#"DROP FUNCTION IF EXISTS "catalogue_changed"()"#,
            ],
            _ => &[
                r#"DROP TRIGGER IF EXISTS "catalogue_changed_insert""#,
                r#"DROP TRIGGER IF EXISTS "catalogue_changed_update""#,
                r#"DROP TRIGGER IF EXISTS "catalogue_changed_delete""#,
            ],
        };
        crate::schema_builders::execute_all(manager, statements).await?;
        db.execute_unprepared(r#"DROP TABLE IF EXISTS "catalogue_versions""#)
            .await?;
        Ok(())
    }
}
