use sea_orm_migration::prelude::*;

use crate::schema_builders::*;

pub const ROLE: SeedEnum = SeedEnum {
    type_name: "enum_users_role",
    values: &["super_admin", "trainer", "trainee"],
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_enum(manager, &ROLE).await?;
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(id())
                    .col(varchar("firstName", 50, false))
                    .col(varchar("lastName", 50, false))
                    .col(varchar("email", 255, false).unique_key())
                    .col(varchar("password", 255, false))
                    .col(enum_col(manager, "role", &ROLE, Some("trainee")))
                    .col(varchar("phone", 20, true))
                    .col(varchar("avatar", 255, true))
                    .col(flag("isActive", true))
                    .col(timestamp("lastLogin"))
                    .col(flag("requiresPasswordChange", false))
                    .col(created_at())
                    .col(updated_at())
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, "users", &["role", "isActive"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table(manager, "users").await?;
        drop_enum(manager, &ROLE).await
    }
}
