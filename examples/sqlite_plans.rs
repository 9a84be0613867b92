//! The query plans of SQL statements on a SQLite file, from the SQLite the server itself
//! is built with (the system's `sqlite3` or Python's may be older, and plan differently).
//! `bench/plans.py` hands it the statements a read ran, separated by NUL bytes, on
//! standard input, and reads one block per statement: the plan's lines, indented by depth,
//! then a line holding only `--`.
//!
//!     cargo run --release --example sqlite_plans -- data/courseworx.db < statements

use std::collections::HashMap;
use std::io::Read;

use sea_orm::sqlx::{Connection, Row, sqlite::SqliteConnection};

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: sqlite_plans DATABASE_FILE < statements"))?;
    let mut conn = SqliteConnection::connect(&format!("sqlite://{path}?mode=ro")).await?;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    for sql in input.split('\0').filter(|s| !s.trim().is_empty()) {
        let explained = format!("EXPLAIN QUERY PLAN {sql}");
        // The statements are the bench's own, read back from the server's log.
        let query = sea_orm::sqlx::query(sea_orm::sqlx::AssertSqlSafe(explained));
        match query.fetch_all(&mut conn).await {
            Ok(rows) => {
                let mut depth: HashMap<i64, usize> = HashMap::new();
                for row in rows {
                    let (id, parent): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
                    let detail: String = row.try_get(3)?;
                    let d = depth.get(&parent).map_or(0, |p| p + 1);
                    depth.insert(id, d);
                    println!("{}{detail}", "  ".repeat(d));
                }
            }
            Err(e) => println!("(sqlite: {e})"),
        }
        println!("--");
    }
    Ok(())
}
