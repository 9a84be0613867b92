//! `sessions`: one row per login. A token (JWT) names its session; logging out, a password
//! change or deactivation ends sessions here, so a token stops working at once even before
//! it expires. Not in the seed, which has no table for it (DESIGN.md section 2).

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
                    .table("sessions")
                    .col(id())
                    .col(uuid_ref("userId", false))
                    .col(
                        ColumnDef::new("expiresAt")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(timestamp("revokedAt"))
                    .col(varchar("userAgent", 255, true))
                    .col(varchar("ipAddress", 45, true))
                    .col(created_at())
                    .col(updated_at())
                    // A session is nothing without its user.
                    .foreign_key(&mut fk(
                        "fk_sessions_user",
                        "sessions",
                        "userId",
                        "users",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, "sessions", &["userId"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "sessions").await
    }
}
