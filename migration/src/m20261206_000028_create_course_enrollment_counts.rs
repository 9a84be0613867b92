//! `course_enrollment_counts`: how many enrolments each course has in each status, kept by
//! triggers on `enrollments` (not a seed table, and not data: backups leave it out, and a
//! restore's inserts count themselves again).
//!
//! A course's roster and gradebook show their total, and counting a 50,000-trainee course's
//! enrolments took 3-5 ms of every page (BENCHMARKS.md, S7): now one row per status is
//! read. The triggers run in the writing transaction, so the counts are exact at every
//! commit whoever writes: the service, the demo generator, a restore. An enrolment is
//! never deleted by the application (the foreign keys refuse it), but a delete is counted
//! too. A missing status is counted under ''.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The table; `uuid` is the type the other tables' UUID columns have on the backend.
fn create(uuid: &str) -> String {
    format!(
        r#"CREATE TABLE "course_enrollment_counts" (
             "courseId" {uuid} NOT NULL REFERENCES "courses" ("id") ON DELETE CASCADE,
             "status" VARCHAR(20) NOT NULL,
             "count" INTEGER NOT NULL,
             PRIMARY KEY ("courseId", "status")
           )"#
    )
}
const FILL: &str = r#"INSERT INTO "course_enrollment_counts" ("courseId", "status", "count")
    SELECT "courseId", COALESCE(CAST("status" AS TEXT), ''), COUNT(*) FROM "enrollments" GROUP BY 1, 2"#;

/// Counts one enrolment in (`+ 1`) or out of (`- 1`) its course and status.
fn count_in(row: &str) -> String {
    format!(
        r#"INSERT INTO "course_enrollment_counts" ("courseId", "status", "count")
           VALUES ({row}."courseId", COALESCE(CAST({row}."status" AS TEXT), ''), 1)
           ON CONFLICT ("courseId", "status")
           DO UPDATE SET "count" = "course_enrollment_counts"."count" + 1"#
    )
}
fn count_out(row: &str) -> String {
    format!(
        r#"UPDATE "course_enrollment_counts" SET "count" = "count" - 1
           WHERE "courseId" = {row}."courseId" AND "status" = COALESCE(CAST({row}."status" AS TEXT), '')"#
    )
}
const CHANGED: &str = r#"OLD."status" IS DISTINCT FROM NEW."status" OR OLD."courseId" IS DISTINCT FROM NEW."courseId""#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements = match db.get_database_backend() {
            DbBackend::Postgres => vec![
                create("UUID"),
                FILL.to_owned(),
                format!(
                    r#"CREATE FUNCTION "enrollment_counted"() RETURNS trigger LANGUAGE plpgsql AS $$
                       BEGIN
                         IF TG_OP IN ('UPDATE', 'DELETE') THEN {out}; END IF;
                         IF TG_OP IN ('INSERT', 'UPDATE') THEN {in_}; END IF;
                         RETURN NULL;
                       END $$"#,
                    out = count_out("OLD"),
                    in_ = count_in("NEW"),
                ),
                r#"CREATE TRIGGER "enrollment_counted" AFTER INSERT OR DELETE ON "enrollments"
                   FOR EACH ROW EXECUTE FUNCTION "enrollment_counted"()"#
                    .to_owned(),
                format!(
                    r#"CREATE TRIGGER "enrollment_counted_update" AFTER UPDATE OF "status", "courseId" ON "enrollments"
                       FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION "enrollment_counted"()"#
                ),
                r#"CREATE FUNCTION "enrollments_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
                   BEGIN DELETE FROM "course_enrollment_counts"; RETURN NULL; END $$"#
                    .to_owned(),
                r#"CREATE TRIGGER "enrollments_truncated" AFTER TRUNCATE ON "enrollments"
                   FOR EACH STATEMENT EXECUTE FUNCTION "enrollments_truncated"()"#
                    .to_owned(),
            ],
            _ => vec![
                create("uuid_text"),
                FILL.to_owned(),
                format!(
                    r#"CREATE TRIGGER "enrollment_counted_insert" AFTER INSERT ON "enrollments" BEGIN {}; END"#,
                    count_in("new")
                ),
                format!(
                    r#"CREATE TRIGGER "enrollment_counted_update" AFTER UPDATE OF "status", "courseId" ON "enrollments"
                       WHEN {} BEGIN {}; {}; END"#,
                    CHANGED
                        .replace("OLD.", "old.")
                        .replace("NEW.", "new.")
                        .replace("IS DISTINCT FROM", "IS NOT"),
                    count_out("old"),
                    count_in("new")
                ),
                format!(
                    r#"CREATE TRIGGER "enrollment_counted_delete" AFTER DELETE ON "enrollments" BEGIN {}; END"#,
                    count_out("old")
                ),
            ],
        };
        crate::schema_builders::execute_all(manager, statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match db.get_database_backend() {
            DbBackend::Postgres => &[
                r#"DROP TRIGGER IF EXISTS "enrollment_counted" ON "enrollments""#,
                r#"DROP TRIGGER IF EXISTS "enrollment_counted_update" ON "enrollments""#,
                r#"DROP TRIGGER IF EXISTS "enrollments_truncated" ON "enrollments""#,
                r#"DROP FUNCTION IF EXISTS "enrollment_counted"()"#,
                r#"DROP FUNCTION IF EXISTS "enrollments_truncated"()"#,
            ],
            _ => &[
                r#"DROP TRIGGER IF EXISTS "enrollment_counted_insert""#,
                r#"DROP TRIGGER IF EXISTS "enrollment_counted_update""#,
                r#"DROP TRIGGER IF EXISTS "enrollment_counted_delete""#,
            ],
        };
        crate::schema_builders::execute_all(manager, statements).await?;
        db.execute_unprepared(r#"DROP TABLE IF EXISTS "course_enrollment_counts""#)
            .await?;
        Ok(())
    }
}
