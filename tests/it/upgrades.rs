//! Schema upgrades keep existing data (issue 12): a database made under the first
//! release's schema (its migrations, then filled by the demo generator) is migrated to the
//! current schema, and every row of every table is still there with every value it had.
//!
//! The rows are compared as the database itself writes them out (a JSON array per row, of
//! the columns the table had before the upgrade), so a later migration that adds a column
//! is still checked on the old ones, and a migration that rewrites or drops a value fails
//! here. The fixture is made at test time from the first release's migrations, which are
//! never edited once released; a stored file would also catch an edit to an old migration,
//! and needs one per database.

use std::collections::BTreeMap;

use chrono::Utc;
use courseworx::demo::{self, Options};
use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::helpers::TestDatabase;

/// The last migration of the first release: the schema installations in the field hold.
const FIRST_RELEASE: &str = "m20261206_000025_index_user_names";

/// Every table but the migrations' own bookkeeping, by name.
async fn tables(db: &impl ConnectionTrait) -> Vec<String> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name::text AS t FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        _ => "SELECT name AS t FROM sqlite_master WHERE type = 'table' ORDER BY 1",
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.try_get::<String>("", "t").unwrap())
        .filter(|t| t != "seaql_migrations" && !t.starts_with("sqlite_"))
        .collect()
}

/// A table's columns, in their order.
async fn columns(db: &impl ConnectionTrait, table: &str) -> Vec<String> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        }
        _ => "SELECT name AS c FROM pragma_table_info(?) ORDER BY cid",
    };
    db.query_all_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [table.to_owned().into()],
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get::<String>("", "c").unwrap())
    .collect()
}

/// Every row of the table, as the database writes these columns out, in a fixed order.
async fn rows(db: &impl ConnectionTrait, table: &str, columns: &[String]) -> Vec<String> {
    let backend = db.get_database_backend();
    // SQLite keeps uuids as blobs, which its JSON cannot hold: each value as the SQL
    // literal `quote` writes (X'...' for a blob).
    let list = columns
        .iter()
        .map(|c| match backend {
            DbBackend::Postgres => format!("\"{c}\""),
            _ => format!("quote(\"{c}\")"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = match backend {
        DbBackend::Postgres => {
            format!("SELECT json_build_array({list})::text AS r FROM \"{table}\" ORDER BY 1")
        }
        _ => format!("SELECT json_array({list}) AS r FROM \"{table}\" ORDER BY 1"),
    };
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "r").unwrap())
        .collect()
}

#[tokio::test]
async fn a_database_of_the_first_release_upgrades_with_every_row_kept() {
    let database = TestDatabase::new().await;
    let db = courseworx::db::connect(&database.config).await.unwrap();
    let migrations = migration::Migrator::migrations();
    let first_release = migrations
        .iter()
        .position(|m| m.name() == FIRST_RELEASE)
        .expect("the first release's last migration is in the list")
        + 1;
    migration::Migrator::up(&*db, Some(u32::try_from(first_release).unwrap()))
        .await
        .unwrap();

    let mut options = Options::new(1);
    options.seed = 12;
    options.as_of = Utc::now().date_naive();
    let report = demo::run(&db, &options).await.expect("the demo fills it");
    let mut before = BTreeMap::new();
    for table in tables(&*db).await {
        let columns = columns(&*db, &table).await;
        let rows = rows(&*db, &table, &columns).await;
        before.insert(table, (columns, rows));
    }
    // The fixture holds data: every table the demo fills, as many rows as it reported.
    for (table, n) in &report.rows {
        assert_eq!(before[*table].1.len() as u64, *n, "{table}");
    }
    assert!(report.rows.iter().filter(|(_, n)| *n > 0).count() >= 15);

    migration::Migrator::up(&*db, None).await.unwrap();
    assert!(
        migration::Migrator::get_pending_migrations(&*db)
            .await
            .unwrap()
            .is_empty()
    );
    let now = tables(&*db).await;
    for (table, (columns, rows_before)) in &before {
        assert!(now.contains(table), "the upgrade dropped `{table}`");
        let present = self::columns(&*db, table).await;
        for column in columns {
            assert!(
                present.contains(column),
                "the upgrade dropped `{table}.{column}`"
            );
        }
        let rows_after = rows(&*db, table, columns).await;
        assert_eq!(
            rows_after.len(),
            rows_before.len(),
            "`{table}` lost or gained rows"
        );
        for (after, before) in rows_after.iter().zip(rows_before) {
            assert_eq!(after, before, "a row of `{table}` changed");
        }
    }
    // What later migrations derive from the rows (migration 28's counts) is derived whole.
    crate::helpers::assert_enrolment_counts_exact(&*db).await;
}
