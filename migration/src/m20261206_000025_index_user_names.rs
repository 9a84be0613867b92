//! An index beyond the seed's on `users`: last name, first name (the seed's indexing
//! strategy names user names as a search field). A course's roster and gradebook list its
//! trainees by name, 50 at a time: without it PostgreSQL read every user and every
//! enrolment of the course to sort them, 93 ms for a course of 50,000 (BENCHMARKS.md, S7);
//! with it, a large course's first page walks the names in order and stops after 50.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_users_name";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table("users")
                    .col("lastName")
                    .col("firstName")
                    .col("id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table("users").to_owned())
            .await
    }
}
