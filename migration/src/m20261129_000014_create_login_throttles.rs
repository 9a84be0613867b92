//! `login_throttles`: failed sign-ins counted per account and per client address, shared by
//! every instance (nothing of it lives in process memory). Not a seed table.

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
                    .table("login_throttles")
                    // `email:<address>` or `ip:<address>`.
                    .col(varchar("key", 300, false).primary_key())
                    .col(int_default("failures", 0, true))
                    .col(
                        ColumnDef::new("windowStart")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(timestamp("lockedUntil"))
                    .col(created_at())
                    .col(updated_at())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "login_throttles").await
    }
}
