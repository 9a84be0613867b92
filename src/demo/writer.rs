//! The database's end of the load: one transaction that takes the generator's batches in
//! the order they come (parents first) and commits once at the end.
//!
//! - PostgreSQL: a connection of its own from the pool (SeaORM's transaction does not lend
//!   out its connection, and `COPY` needs the driver's), in one transaction; each batch is
//!   one `COPY table (columns) FROM STDIN` in text format.
//! - SQLite: SeaORM's `BEGIN IMMEDIATE` transaction; each batch one multi-row `INSERT` with
//!   bound values. For the load only, the page cache is made large (the default 2 MB means
//!   every insert into an index of a few hundred MB reads a page back from disk); it is set
//!   back before the commit. The journal mode is left alone (WAL, as `db::connect` sets it).
//!
//! On both, the loaded tables' secondary indexes (and on PostgreSQL their foreign keys)
//! are dropped in the transaction before the first row and made again, from their own
//! definitions as the database reports them (`sqlite_master.sql`, `pg_get_indexdef`,
//! `pg_get_constraintdef`), before the commit: building an index once from sorted rows,
//! and checking a foreign key with one join, is several times quicker than keeping them
//! row by row. Primary keys and UNIQUE constraints stay, so a duplicate still fails the
//! load, and a foreign key made again checks every row. A failure rolls all of it back.

use std::collections::HashMap;

use sea_orm::sqlx::{self, Postgres};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

use super::sink::{Chunk, Table, copy_sql, insert_sql};

/// The page cache while loading SQLite, in KiB (SQLite's negative `cache_size`).
const SQLITE_CACHE_KIB: i64 = 512 * 1024;

/// Time spent writing each table, for the log.
#[derive(Default)]
pub struct Spent(Vec<(&'static str, std::time::Duration, usize, usize)>);

impl Spent {
    pub fn add(&mut self, table: &'static str, took: std::time::Duration, rows: usize) {
        match self.0.iter_mut().find(|(t, ..)| *t == table) {
            Some(e) => {
                e.1 += took;
                e.2 += 1;
                e.3 += rows;
            }
            None => self.0.push((table, took, 1, rows)),
        }
    }

    pub fn log(&self) {
        for (table, took, batches, rows) in &self.0 {
            tracing::info!("demo: {table}: {rows} rows in {batches} batches, {took:.2?}");
        }
    }
}

pub enum Writer {
    Sqlite {
        txn: crate::db::WriteTxn,
        /// The INSERT of a full batch, per table, built once (sqlx then reuses its
        /// prepared statement).
        full: HashMap<&'static str, (usize, String)>,
        /// `cache_size` as it was, set back at the end.
        cache_size: i64,
        /// What was dropped for the load, as the statements that make it again.
        rebuild: Vec<String>,
    },
    Postgres {
        txn: sqlx::Transaction<'static, Postgres>,
        /// What was dropped for the load, as the statements that make it again.
        rebuild: Vec<String>,
    },
}

fn sqlx_err(what: &str, e: sqlx::Error) -> DbErr {
    DbErr::Custom(format!("{what}: {e}"))
}

impl Writer {
    pub async fn begin(db: &crate::db::Db, tables: &[&'static Table]) -> Result<Writer, DbErr> {
        match db.get_database_backend() {
            DbBackend::Postgres => {
                let mut txn = db
                    .get_postgres_connection_pool()
                    .begin()
                    .await
                    .map_err(|e| sqlx_err("starting the transaction", e))?;
                let rebuild = drop_postgres_keys(&mut txn, tables).await?;
                Ok(Writer::Postgres { txn, rebuild })
            }
            _ => {
                let txn = crate::db::begin_write(db).await?;
                let cache_size = pragma(&txn, "cache_size").await?;
                txn.execute_unprepared(&format!("PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
                    .await?;
                let rebuild = drop_sqlite_indexes(&txn, tables).await?;
                Ok(Writer::Sqlite {
                    txn,
                    full: HashMap::new(),
                    cache_size,
                    rebuild,
                })
            }
        }
    }

    pub async fn write(&mut self, chunk: Chunk) -> Result<(), DbErr> {
        match (self, chunk) {
            (Writer::Postgres { txn, .. }, Chunk::Copy { table, rows, text }) => {
                let copied = copy(txn, table, text).await?;
                if copied != rows as u64 {
                    return Err(DbErr::Custom(format!(
                        "copying into {}: {copied} rows of {rows}",
                        table.name
                    )));
                }
                Ok(())
            }
            (
                Writer::Sqlite { txn, full, .. },
                Chunk::Insert {
                    table,
                    rows,
                    values,
                },
            ) => {
                let sql = match full.get(table.name) {
                    Some((n, sql)) if *n == rows => sql.clone(),
                    _ if rows >= 100 => {
                        let sql = insert_sql(table, rows);
                        full.insert(table.name, (rows, sql.clone()));
                        sql
                    }
                    _ => insert_sql(table, rows),
                };
                txn.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    sql,
                    values,
                ))
                .await
                .map_err(|e| DbErr::Custom(format!("inserting into {}: {e}", table.name)))?;
                Ok(())
            }
            (_, chunk) => {
                let table = match chunk {
                    Chunk::Copy { table, .. } | Chunk::Insert { table, .. } => table.name,
                };
                Err(DbErr::Custom(format!(
                    "{table}: a batch in the other database's format"
                )))
            }
        }
    }

    /// Runs one statement (without parameters) in the transaction.
    pub async fn execute(&mut self, sql: &str) -> Result<(), DbErr> {
        match self {
            Writer::Postgres { txn, .. } => {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                    .execute(&mut **txn)
                    .await
                    .map_err(|e| sqlx_err("updating", e))?;
            }
            Writer::Sqlite { txn, .. } => {
                txn.execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }

    /// Runs `first` (statements that read the rows whole: no index needed, and none to
    /// keep up), rebuilds what was dropped for the load and commits.
    pub async fn commit(mut self, first: &[&str]) -> Result<(), DbErr> {
        let started = std::time::Instant::now();
        for sql in first {
            self.execute(sql).await?;
        }
        tracing::info!("demo: counters updated in {:.2?}", started.elapsed());
        let started = std::time::Instant::now();
        let rebuild = match &mut self {
            Writer::Sqlite { rebuild, .. } | Writer::Postgres { rebuild, .. } => {
                std::mem::take(rebuild)
            }
        };
        for sql in &rebuild {
            self.execute(sql).await?;
        }
        tracing::info!("demo: indexes rebuilt in {:.2?}", started.elapsed());
        let started = std::time::Instant::now();
        let done = match self {
            Writer::Postgres { txn, .. } => {
                txn.commit().await.map_err(|e| sqlx_err("committing", e))
            }
            Writer::Sqlite {
                txn, cache_size, ..
            } => {
                txn.execute_unprepared(&format!("PRAGMA cache_size = {cache_size}"))
                    .await?;
                txn.commit().await
            }
        };
        tracing::info!("demo: committed in {:.2?}", started.elapsed());
        done
    }
}

async fn copy(
    txn: &mut sqlx::Transaction<'static, Postgres>,
    table: &'static Table,
    text: Vec<u8>,
) -> Result<u64, DbErr> {
    let what = || format!("copying into {}", table.name);
    let mut copy = txn
        .copy_in_raw(&copy_sql(table))
        .await
        .map_err(|e| sqlx_err(&what(), e))?;
    if let Err(e) = copy.send(text).await {
        let _ = copy.abort("the generator's batch was not sent").await;
        return Err(sqlx_err(&what(), e));
    }
    copy.finish().await.map_err(|e| sqlx_err(&what(), e))
}

/// Drops the tables' secondary indexes (not those SQLite made for a PRIMARY KEY or UNIQUE
/// constraint, which have no SQL) and returns the statements that make them again, exactly
/// as the migrations wrote them.
async fn drop_sqlite_indexes(
    txn: &crate::db::WriteTxn,
    tables: &[&'static Table],
) -> Result<Vec<String>, DbErr> {
    let names = tables
        .iter()
        .map(|t| format!("'{}'", t.name))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = txn
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
                 AND tbl_name IN ({names}) ORDER BY name"
            ),
        ))
        .await?;
    let mut create = Vec::with_capacity(rows.len());
    for row in rows {
        let name: String = row.try_get("", "name")?;
        let sql: String = row.try_get("", "sql")?;
        txn.execute_unprepared(&format!("DROP INDEX \"{name}\""))
            .await?;
        create.push(sql);
    }
    Ok(create)
}

/// Drops the tables' foreign keys and secondary indexes (not those of a PRIMARY KEY or
/// UNIQUE constraint) and returns the statements that make them again: indexes first, then
/// the keys (which may use them).
async fn drop_postgres_keys(
    txn: &mut sqlx::Transaction<'static, Postgres>,
    tables: &[&'static Table],
) -> Result<Vec<String>, DbErr> {
    let names: Vec<String> = tables.iter().map(|t| t.name.to_owned()).collect();
    let keys: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT r.relname::text, c.conname::text, pg_get_constraintdef(c.oid) \
         FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = r.relnamespace \
         WHERE c.contype = 'f' AND n.nspname = current_schema() AND r.relname = ANY($1) \
         ORDER BY 1, 2",
    )
    .bind(&names)
    .fetch_all(&mut **txn)
    .await
    .map_err(|e| sqlx_err("reading the foreign keys", e))?;
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.relname::text, pg_get_indexdef(i.oid) \
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = current_schema() AND t.relname = ANY($1) \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c \
                         WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x')) \
         ORDER BY 1",
    )
    .bind(&names)
    .fetch_all(&mut **txn)
    .await
    .map_err(|e| sqlx_err("reading the indexes", e))?;
    let mut drop = Vec::new();
    let mut rebuild = vec!["SET LOCAL maintenance_work_mem = '256MB'".to_owned()];
    for (table, name, _) in &keys {
        drop.push(format!(r#"ALTER TABLE "{table}" DROP CONSTRAINT "{name}""#));
    }
    for (name, def) in indexes {
        drop.push(format!(r#"DROP INDEX "{name}""#));
        rebuild.push(def);
    }
    for (table, name, def) in keys {
        rebuild.push(format!(
            r#"ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {def}"#
        ));
    }
    for sql in drop {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut **txn)
            .await
            .map_err(|e| sqlx_err("dropping the indexes", e))?;
    }
    Ok(rebuild)
}

async fn pragma(db: &impl ConnectionTrait, name: &str) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("PRAGMA {name}"),
        ))
        .await?
        .ok_or_else(|| DbErr::Custom(format!("PRAGMA {name} gave no row")))?;
    row.try_get_by_index::<i64>(0)
}
