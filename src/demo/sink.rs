//! Batched multi-row INSERTs for every table the generator fills.
//!
//! Rows are bound values (`sea_orm::Value`), so they reach the database through the very
//! encoding the application's own writes use (UUIDs, timestamps, decimals, JSON, lists).
//! Each table keeps one pending batch; a full batch becomes one
//! `INSERT ... VALUES (...), (...)` of up to `MAX_ROWS` rows (within SQLite's 32,766 and
//! PostgreSQL's 65,535 parameters). Before a batch is written, the batches of the tables
//! listed before it are written, so a row's parents are always in the database before it
//! (foreign keys are checked at once on both databases).

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

/// A column, and on PostgreSQL the enum type its text is cast to.
pub struct Col {
    pub name: &'static str,
    pub pg_enum: Option<&'static str>,
}

pub const fn c(name: &'static str) -> Col {
    Col {
        name,
        pg_enum: None,
    }
}

/// An enum column: the seed's named type on PostgreSQL, CHECKed text on SQLite.
pub const fn e(name: &'static str, pg_type: &'static str) -> Col {
    Col {
        name,
        pg_enum: Some(pg_type),
    }
}

pub struct Table {
    pub name: &'static str,
    pub cols: &'static [Col],
}

/// The largest number of rows in one statement.
const MAX_ROWS: usize = 1_000;
/// The most parameters in one statement (SQLite allows 32,766).
const MAX_PARAMS: usize = 30_000;

struct Batch {
    table: &'static Table,
    values: Vec<Value>,
    rows: usize,
    cap: usize,
    written: u64,
    /// The SQL of a full batch, built once (sqlx then reuses its prepared statement).
    full_sql: Option<String>,
}

/// Every table's pending rows, in the order parents before children.
pub struct Sink {
    backend: DbBackend,
    batches: Vec<Batch>,
    /// Time spent in the database, per table.
    spent: Vec<Duration>,
}

impl Sink {
    /// `tables` in dependency order: a table's parents come before it.
    pub fn new(backend: DbBackend, tables: &[&'static Table]) -> Sink {
        let batches = tables
            .iter()
            .map(|t| {
                let cap = MAX_ROWS.min(MAX_PARAMS / t.cols.len()).max(1);
                Batch {
                    table: t,
                    values: Vec::with_capacity(cap * t.cols.len()),
                    rows: 0,
                    cap,
                    written: 0,
                    full_sql: None,
                }
            })
            .collect();
        Sink {
            backend,
            spent: vec![Duration::ZERO; tables.len()],
            batches,
        }
    }

    fn index(&self, table: &'static Table) -> usize {
        self.batches
            .iter()
            .position(|b| std::ptr::eq(b.table, table))
            .unwrap_or_else(|| panic!("table {} not registered with the sink", table.name))
    }

    /// Adds one row (values in the table's column order); writes the batch when full.
    pub async fn push<const N: usize>(
        &mut self,
        db: &impl ConnectionTrait,
        table: &'static Table,
        row: [Value; N],
    ) -> Result<(), DbErr> {
        debug_assert_eq!(
            N,
            table.cols.len(),
            "{}: wrong number of values",
            table.name
        );
        let i = self.index(table);
        let b = &mut self.batches[i];
        b.values.extend(row);
        b.rows += 1;
        if b.rows >= b.cap {
            self.flush_through(db, i).await?;
        }
        Ok(())
    }

    /// Writes the batches of tables `0..=i` (parents first).
    async fn flush_through(&mut self, db: &impl ConnectionTrait, i: usize) -> Result<(), DbErr> {
        for j in 0..=i {
            self.flush_one(db, j).await?;
        }
        Ok(())
    }

    async fn flush_one(&mut self, db: &impl ConnectionTrait, i: usize) -> Result<(), DbErr> {
        let backend = self.backend;
        let b = &mut self.batches[i];
        if b.rows == 0 {
            return Ok(());
        }
        let sql = if b.rows == b.cap {
            b.full_sql
                .get_or_insert_with(|| insert_sql(backend, b.table, b.cap))
                .clone()
        } else {
            insert_sql(backend, b.table, b.rows)
        };
        let values = std::mem::replace(
            &mut b.values,
            Vec::with_capacity(b.cap * b.table.cols.len()),
        );
        let rows = b.rows;
        b.rows = 0;
        let started = Instant::now();
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await
            .map_err(|e| DbErr::Custom(format!("inserting into {}: {e}", b.table.name)))?;
        self.spent[i] += started.elapsed();
        b.written += rows as u64;
        Ok(())
    }

    /// Writes everything still pending.
    pub async fn finish(&mut self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        if self.batches.is_empty() {
            return Ok(());
        }
        self.flush_through(db, self.batches.len() - 1).await
    }

    /// Rows written per table, in the sink's order.
    pub fn counts(&self) -> Vec<(&'static str, u64)> {
        self.batches
            .iter()
            .map(|b| (b.table.name, b.written))
            .collect()
    }
}

/// `INSERT INTO t ("a", "b") VALUES (...), ...` for `rows` rows, with `?` on SQLite and
/// `$n` (enum columns cast to their type) on PostgreSQL.
pub fn insert_sql(backend: DbBackend, table: &Table, rows: usize) -> String {
    let cols = table.cols;
    let mut sql = String::with_capacity(64 + rows * cols.len() * 8);
    sql.push_str("INSERT INTO ");
    sql.push_str(table.name);
    sql.push_str(" (");
    for (k, col) in cols.iter().enumerate() {
        if k > 0 {
            sql.push_str(", ");
        }
        sql.push('"');
        sql.push_str(col.name);
        sql.push('"');
    }
    sql.push_str(") VALUES ");
    let mut n = 0usize;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for (k, col) in cols.iter().enumerate() {
            if k > 0 {
                sql.push(',');
            }
            n += 1;
            match (backend, col.pg_enum) {
                (DbBackend::Postgres, Some(ty)) => {
                    sql.push_str(&format!("CAST(${n} AS \"{ty}\")"));
                }
                (DbBackend::Postgres, None) => sql.push_str(&format!("${n}")),
                _ => sql.push('?'),
            }
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    static T: Table = Table {
        name: "enrollments",
        cols: &[c("id"), e("status", "enum_enrollments_status")],
    };

    #[test]
    fn statements_per_backend() {
        assert_eq!(
            insert_sql(DbBackend::Sqlite, &T, 2),
            r#"INSERT INTO enrollments ("id", "status") VALUES (?,?),(?,?)"#
        );
        assert_eq!(
            insert_sql(DbBackend::Postgres, &T, 2),
            r#"INSERT INTO enrollments ("id", "status") VALUES ($1,CAST($2 AS "enum_enrollments_status")),($3,CAST($4 AS "enum_enrollments_status"))"#
        );
    }
}
