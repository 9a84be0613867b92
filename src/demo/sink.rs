//! The generator's end of the load: rows gathered per table into batches, handed to the
//! writer (`writer`) over a bounded channel, parents first.
//!
//! The generator runs on a thread of its own while the writer talks to the database, so
//! making rows and storing them overlap. A batch is, on PostgreSQL, the rows already in
//! `COPY` text (`copy`, encoded here, off the writer's task); on SQLite, the rows' bound
//! values (`sea_orm::Value`) for one multi-row `INSERT ... VALUES` of up to `MAX_ROWS` rows
//! (within SQLite's 32,766 parameters), the very encoding the application's own writes use.
//! Rows are handed on in rounds: when enough has gathered over all tables, every table's
//! batch is, in order, so a row's parents are always in the database before it (foreign
//! keys are checked at once on SQLite; PostgreSQL's are made again after the load).

use sea_orm::{DbBackend, Value};
use tokio::sync::mpsc::Sender;

/// A column. (Enum columns need no cast: `COPY` and SQLite take their text as it is.)
pub struct Col {
    pub name: &'static str,
}

pub const fn c(name: &'static str) -> Col {
    Col { name }
}

pub struct Table {
    pub name: &'static str,
    pub cols: &'static [Col],
}

/// The largest number of rows in one `INSERT` (SQLite).
const MAX_ROWS: usize = 1_000;
/// The most parameters in one `INSERT` (SQLite allows 32,766).
const MAX_PARAMS: usize = 30_000;
/// How many values are gathered, over all tables, before every table's rows are handed
/// on (SQLite), in INSERTs of `cap` rows: few partial statements (each a new prepared
/// statement, whose parsing costs as much as its rows).
const ROUND_VALUES: usize = 1 << 20;
/// How much `COPY` text is gathered, over all tables, before every table's batch is
/// handed on (PostgreSQL). Each `COPY` statement costs a fixed ~40 ms with sqlx 0.9.0,
/// whose sockets leave Nagle's algorithm on (the closing `CopyDone` waits for the
/// server's delayed ACK), so batches are few and large: about 15 statements per round.
const ROUND_BYTES: usize = 128 << 20;

/// Rows of one table, ready for the database.
pub enum Chunk {
    /// `COPY` text lines (PostgreSQL).
    Copy {
        table: &'static Table,
        rows: usize,
        text: Vec<u8>,
    },
    /// Bound values, `rows` rows of the table's columns (SQLite).
    Insert {
        table: &'static Table,
        rows: usize,
        values: Vec<Value>,
    },
}

impl Chunk {
    /// The table and the number of rows.
    pub fn what(&self) -> (&'static str, usize) {
        match self {
            Chunk::Copy { table, rows, .. } | Chunk::Insert { table, rows, .. } => {
                (table.name, *rows)
            }
        }
    }
}

/// Why the generator stopped before the end.
#[derive(Debug)]
pub enum Stopped {
    /// The writer failed (and says why): nothing more can be written.
    Writer,
    /// A value `COPY` has no text for (a bug in the generator).
    Unsupported(String),
}

struct Batch {
    table: &'static Table,
    rows: usize,
    /// Rows per INSERT (SQLite).
    cap: usize,
    values: Vec<Value>,
    text: Vec<u8>,
    written: u64,
}

/// Every table's pending rows, in the order parents before children.
pub struct Sink {
    backend: DbBackend,
    batches: Vec<Batch>,
    /// `COPY` text gathered since the last round.
    text: usize,
    /// Values gathered since the last round.
    values: usize,
    out: Sender<Chunk>,
}

impl Sink {
    /// `tables` in dependency order: a table's parents come before it.
    pub fn new(backend: DbBackend, tables: &[&'static Table], out: Sender<Chunk>) -> Sink {
        let batches = tables
            .iter()
            .map(|t| Batch {
                table: t,
                rows: 0,
                cap: MAX_ROWS.min(MAX_PARAMS / t.cols.len()).max(1),
                values: Vec::new(),
                text: Vec::new(),
                written: 0,
            })
            .collect();
        Sink {
            backend,
            batches,
            text: 0,
            values: 0,
            out,
        }
    }

    fn index(&self, table: &'static Table) -> usize {
        self.batches
            .iter()
            .position(|b| std::ptr::eq(b.table, table))
            .unwrap_or_else(|| panic!("table {} not registered with the sink", table.name))
    }

    /// Adds one row (values in the table's column order); hands the batch on when full.
    pub fn push<const N: usize>(
        &mut self,
        table: &'static Table,
        row: [Value; N],
    ) -> Result<(), Stopped> {
        debug_assert_eq!(
            N,
            table.cols.len(),
            "{}: wrong number of values",
            table.name
        );
        let i = self.index(table);
        let b = &mut self.batches[i];
        b.rows += 1;
        match self.backend {
            DbBackend::Postgres => {
                let before = b.text.len();
                super::copy::row(&mut b.text, &row)
                    .map_err(|e| Stopped::Unsupported(format!("{}: {e}", table.name)))?;
                self.text += b.text.len() - before;
                if self.text >= ROUND_BYTES {
                    self.text = 0;
                    self.flush_through(self.batches.len() - 1)?;
                }
            }
            _ => {
                b.values.extend(row);
                self.values += N;
                if self.values >= ROUND_VALUES {
                    self.values = 0;
                    self.flush_through(self.batches.len() - 1)?;
                }
            }
        }
        Ok(())
    }

    /// Hands on the batches of tables `0..=i` (parents first).
    fn flush_through(&mut self, i: usize) -> Result<(), Stopped> {
        for j in 0..=i {
            self.flush_one(j)?;
        }
        Ok(())
    }

    fn flush_one(&mut self, i: usize) -> Result<(), Stopped> {
        let b = &mut self.batches[i];
        if b.rows == 0 {
            return Ok(());
        }
        let rows = std::mem::take(&mut b.rows);
        b.written += rows as u64;
        let table = b.table;
        if self.backend == DbBackend::Postgres {
            let text = std::mem::take(&mut b.text);
            let chunk = Chunk::Copy { table, rows, text };
            return self.out.blocking_send(chunk).map_err(|_| Stopped::Writer);
        }
        // Full INSERTs of `cap` rows (one prepared statement, reused), then the rest.
        let width = table.cols.len();
        let mut values = std::mem::take(&mut b.values).into_iter();
        let mut left = rows;
        while left > 0 {
            let n = left.min(b.cap);
            let part: Vec<Value> = values.by_ref().take(n * width).collect();
            left -= n;
            let chunk = Chunk::Insert {
                table,
                rows: n,
                values: part,
            };
            self.out.blocking_send(chunk).map_err(|_| Stopped::Writer)?;
        }
        Ok(())
    }

    /// Hands on everything still pending; returns the rows per table, in the sink's order.
    pub fn finish(mut self) -> Result<Vec<(&'static str, u64)>, Stopped> {
        if !self.batches.is_empty() {
            self.flush_through(self.batches.len() - 1)?;
        }
        Ok(self
            .batches
            .iter()
            .map(|b| (b.table.name, b.written))
            .collect())
    }
}

/// `INSERT INTO t ("a", "b") VALUES (?,?),(?,?)` for `rows` rows (SQLite).
pub fn insert_sql(table: &Table, rows: usize) -> String {
    let cols = table.cols;
    let mut sql = String::with_capacity(64 + rows * (cols.len() * 2 + 3));
    sql.push_str("INSERT INTO ");
    sql.push_str(table.name);
    sql.push_str(" (");
    sql.push_str(&column_list(table));
    sql.push_str(") VALUES ");
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for k in 0..cols.len() {
            if k > 0 {
                sql.push(',');
            }
            sql.push('?');
        }
        sql.push(')');
    }
    sql
}

/// `COPY t ("a", "b") FROM STDIN` (PostgreSQL, text format).
pub fn copy_sql(table: &Table) -> String {
    format!("COPY {} ({}) FROM STDIN", table.name, column_list(table))
}

fn column_list(table: &Table) -> String {
    table
        .cols
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    static T: Table = Table {
        name: "enrollments",
        cols: &[c("id"), c("status")],
    };

    #[test]
    fn statements() {
        assert_eq!(
            insert_sql(&T, 2),
            r#"INSERT INTO enrollments ("id", "status") VALUES (?,?),(?,?)"#
        );
        assert_eq!(
            copy_sql(&T),
            r#"COPY enrollments ("id", "status") FROM STDIN"#
        );
    }

    #[test]
    fn parents_are_handed_on_before_their_children() {
        static P: Table = Table {
            name: "parents",
            cols: &[c("id")],
        };
        static K: Table = Table {
            name: "kids",
            cols: &[c("id")],
        };
        let (tx, mut rx) = tokio::sync::mpsc::channel(1_000);
        let mut sink = Sink::new(DbBackend::Sqlite, &[&P, &K], tx);
        sink.push(&P, [1.into()]).unwrap();
        for n in 0..MAX_ROWS {
            sink.push(&K, [(n as i32).into()]).unwrap();
        }
        sink.push(&K, [0.into()]).unwrap();
        let counts = sink.finish().unwrap();
        assert_eq!(counts, vec![("parents", 1), ("kids", MAX_ROWS as u64 + 1)]);
        let mut order = Vec::new();
        while let Ok(chunk) = rx.try_recv() {
            if let Chunk::Insert { table, rows, .. } = chunk {
                order.push((table.name, rows));
            }
        }
        assert_eq!(order, vec![("parents", 1), ("kids", MAX_ROWS), ("kids", 1)]);
    }

    #[test]
    fn a_stopped_writer_stops_the_generator() {
        static P: Table = Table {
            name: "parents",
            cols: &[c("id")],
        };
        let (tx, rx) = tokio::sync::mpsc::channel(1);
        drop(rx);
        let mut sink = Sink::new(DbBackend::Postgres, &[&P], tx);
        sink.push(&P, [1.into()]).unwrap();
        assert!(sink.finish().is_err());
    }
}
