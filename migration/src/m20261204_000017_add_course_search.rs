//! The catalogue's search index: substring search over a course's title, shortDescription
//! and description that does not scan the table.
//!
//! - PostgreSQL: the `pg_trgm` extension (a trusted extension since PostgreSQL 13: the
//!   database owner may create it) and a GIN trigram index on the three columns joined by
//!   a space; `ILIKE '%word%'` on the same expression uses it.
//! - SQLite: an FTS5 table with the trigram tokenizer (`course_search`), kept by triggers.
//!   It has its own rowid and names its course in `courseId`: a course's implicit rowid may
//!   change on VACUUM, so it cannot be the link. A phrase query of three or more characters
//!   is a case-insensitive substring match from the index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The indexed expression; `db::courses` searches with exactly this text.
pub const PG_SEARCH_EXPR: &str = r#"(("title")::text || ' ' || coalesce(("shortDescription")::text, '') || ' ' || "description")"#;

const SQLITE_UP: &[&str] = &[
    r#"CREATE VIRTUAL TABLE "course_search" USING fts5("courseId" UNINDEXED, "title", "shortDescription", "description", tokenize = 'trigram')"#,
    r#"INSERT INTO "course_search" ("courseId", "title", "shortDescription", "description")
       SELECT "id", "title", coalesce("shortDescription", ''), "description" FROM "courses""#,
    r#"CREATE TRIGGER "course_search_insert" AFTER INSERT ON "courses" BEGIN
         INSERT INTO "course_search" ("courseId", "title", "shortDescription", "description")
         VALUES (new."id", new."title", coalesce(new."shortDescription", ''), new."description");
       END"#,
    r#"CREATE TRIGGER "course_search_update" AFTER UPDATE OF "title", "shortDescription", "description" ON "courses" BEGIN
         DELETE FROM "course_search" WHERE "courseId" = old."id";
         INSERT INTO "course_search" ("courseId", "title", "shortDescription", "description")
         VALUES (new."id", new."title", coalesce(new."shortDescription", ''), new."description");
       END"#,
    r#"CREATE TRIGGER "course_search_delete" AFTER DELETE ON "courses" BEGIN
         DELETE FROM "course_search" WHERE "courseId" = old."id";
       END"#,
];

const SQLITE_DOWN: &[&str] = &[
    r#"DROP TRIGGER IF EXISTS "course_search_insert""#,
    r#"DROP TRIGGER IF EXISTS "course_search_update""#,
    r#"DROP TRIGGER IF EXISTS "course_search_delete""#,
    r#"DROP TABLE IF EXISTS "course_search""#,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                    .await?;
                db.execute_unprepared(&format!(
                    r#"CREATE INDEX "courses_search_trgm" ON "courses" USING gin ({PG_SEARCH_EXPR} gin_trgm_ops)"#
                ))
                .await?;
            }
            _ => {
                for sql in SQLITE_UP {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(r#"DROP INDEX IF EXISTS "courses_search_trgm""#)
                    .await?;
            }
            _ => {
                for sql in SQLITE_DOWN {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }
}
