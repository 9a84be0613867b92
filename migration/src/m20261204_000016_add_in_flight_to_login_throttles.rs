//! `login_throttles."inFlight"`: guesses counted but not yet answered. A right guess then
//! only gives back its own place, and can never take back another client's failure (which
//! refunding a shared failure count allowed: wrong guesses on others' accounts, each
//! followed by a right one on one's own, kept an address under its limit for ever).

use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("login_throttles")
                    .add_column(int_default("inFlight", 0, true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("login_throttles")
                    .drop_column("inFlight")
                    .to_owned(),
            )
            .await
    }
}
