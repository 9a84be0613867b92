//! `enrollment_events.price`: what the course cost when the trainee (re-)enrolled, so that
//! a course's revenue counts the price each trainee enrolled at, not today's. Recorded on
//! the events into `enrolled` from nothing or from `dropped`; NULL on the others.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("enrollment_events")
                    .add_column(ColumnDef::new("price").decimal_len(10, 2).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("enrollment_events")
                    .drop_column("price")
                    .to_owned(),
            )
            .await
    }
}
