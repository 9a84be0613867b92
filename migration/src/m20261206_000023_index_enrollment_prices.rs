//! The price of each trainee's last entry into a course, found without a sort: a course's
//! statistics (`db::stats`) look up, for every enrolment not dropped, the newest event of its
//! history that carries a price. With only the index on `enrollmentId`, that was an index
//! search, a read of every event of the enrolment and a sort, per enrolment: most of a
//! recount that took 220-570 ms at 100,000 enrolments (BENCHMARKS.md). This index holds only the
//! priced events, in the order the lookup wants, with the price in the index itself
//! (PostgreSQL: `INCLUDE`; SQLite has none, so the price is a last key column), so each
//! lookup is one step down the index.
//!
//! `enrollment_events` is not a seed table; the seed's own tables keep their schema.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_enrollment_events_priced";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let columns = match db.get_database_backend() {
            DbBackend::Postgres => r#"("enrollmentId", "createdAt", "id") INCLUDE ("price")"#,
            _ => r#"("enrollmentId", "createdAt", "id", "price")"#,
        };
        db.execute_unprepared(&format!(
            r#"CREATE INDEX "{NAME}" ON "enrollment_events" {columns} WHERE "price" IS NOT NULL"#
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!(r#"DROP INDEX IF EXISTS "{NAME}""#))
            .await?;
        Ok(())
    }
}
