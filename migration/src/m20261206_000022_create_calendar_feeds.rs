//! `calendar_feeds`: what a user's private calendar address is made from (not a seed table).
//!
//! One row per user, created when they first ask for their address. It holds a random
//! `secret`, not the address: the address's token is an HMAC of the user's id and this
//! secret under a key derived from the installation's secret (`domain::calendar`), so the
//! server can show the same address again and check one without storing it, and "reset
//! the link" (a new secret) makes every older address answer 404.
//!
//! The row goes with its user (ON DELETE CASCADE): it is a key, not a record anyone made.

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
                    .table("calendar_feeds")
                    .col(id())
                    .col(uuid_ref("userId", false))
                    // 32 random bytes in hexadecimal.
                    .col(varchar("secret", 64, false))
                    .col(created_at())
                    .col(updated_at())
                    .index(&mut unique("calendar_feeds_userId_key", &["userId"]))
                    .foreign_key(&mut fk(
                        "fk_calendar_feeds_user",
                        "calendar_feeds",
                        "userId",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "calendar_feeds").await
    }
}
