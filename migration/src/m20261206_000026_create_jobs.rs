//! `jobs`: background work kept in the database (not a seed table), so that each job runs
//! once however many instances run, and a job an instance was running when it died is
//! taken up again by another (`services::jobs`).
//!
//! - `key` names the occurrence (`housekeeping:2026-12-06T07`): every instance may enqueue
//!   the same scheduled run, and the unique key keeps one.
//! - `status`: `queued`, `running`, `done` or `failed`. A running job holds a lease until
//!   `lockedUntil`; once that has passed, the job is free to claim again.
//! - `attempts` counts claims; a failed attempt is retried after a pause until the job's
//!   limit, then the job stays `failed` with its `lastError` for the admin's list.

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
                    .table("jobs")
                    .col(id())
                    .col(varchar("kind", 50, false))
                    .col(varchar("key", 200, false))
                    .col(varchar("status", 20, false))
                    .col(
                        ColumnDef::new("runAt")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(int_default("attempts", 0, true))
                    .col(varchar("lockedBy", 100, true))
                    .col(timestamp("lockedUntil"))
                    .col(timestamp("startedAt"))
                    .col(timestamp("finishedAt"))
                    .col(text("result", true))
                    .col(text("lastError", true))
                    .col(created_at())
                    .col(updated_at())
                    .index(&mut unique("jobs_key_key", &["key"]))
                    .to_owned(),
            )
            .await?;
        // The runner's question: what is due (queued, or running past its lease), soonest
        // first; and the admin's list, newest first.
        manager
            .create_index(
                Index::create()
                    .name("idx_jobs_status_runAt")
                    .table("jobs")
                    .col("status")
                    .col("runAt")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_jobs_createdAt")
                    .table("jobs")
                    .col("createdAt")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "jobs").await
    }
}
