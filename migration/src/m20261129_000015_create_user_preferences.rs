//! `user_preferences`: a user's own settings that the seed's `users` table has no column for
//! (the page language, so far). One row per user, created on the first choice. Not a seed
//! table.

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
                    .table("user_preferences")
                    .col(uuid_ref("userId", false).primary_key())
                    .col(varchar("language", 10, true))
                    .col(created_at())
                    .col(updated_at())
                    // Preferences are nothing without their user.
                    .foreign_key(&mut fk(
                        "fk_user_preferences_user",
                        "user_preferences",
                        "userId",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "user_preferences").await
    }
}
