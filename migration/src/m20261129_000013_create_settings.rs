//! `settings`: installation-wide key/value facts that every instance must share (the
//! first-run setup token's hash, whether setup is done). Not a seed table.

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
                    .table("settings")
                    .col(varchar("key", 100, false).primary_key())
                    .col(text("value", false))
                    .col(created_at())
                    .col(updated_at())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "settings").await
    }
}
