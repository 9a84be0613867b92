//! Hand-written SQL for the few set-based statements the query builder would only obscure
//! (the progress recompute, counters). Written once with PostgreSQL's `$1` placeholders;
//! SQLite gets the same numbers as `?1`, which it reads the same way.

use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

pub fn statement(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    let sql = if backend == DbBackend::Sqlite {
        sql.replace('$', "?")
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}
