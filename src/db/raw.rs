//! Hand-written SQL for the few set-based statements the query builder would only obscure
//! (the progress recompute, counters). Written once with PostgreSQL's `$1` placeholders;
//! SQLite gets the same numbers as `?1`, which it reads the same way.

use std::str::FromStr;

use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

pub fn statement(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    let sql = if backend == DbBackend::Sqlite {
        sql.replace('$', "?")
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// A column as a term SQLite will not answer from an index (a unary `+`, SQLite's own way),
/// for the few statements where its planner prefers an index that reads far more rows;
/// PostgreSQL gets the column as it is.
pub fn off_index(db: &impl ConnectionTrait, column: &str) -> String {
    if db.get_database_backend() == DbBackend::Sqlite {
        format!("+{column}")
    } else {
        column.to_owned()
    }
}

/// `column = value` with the column kept off its indexes, for the query builder. Its
/// placeholder is each backend's own: the builder leaves a custom expression's
/// placeholders as they are written.
pub fn off_index_eq(
    db: &impl ConnectionTrait,
    column: &str,
    value: impl Into<Value>,
) -> sea_orm::sea_query::Expr {
    let placeholder = if db.get_database_backend() == DbBackend::Sqlite {
        "?"
    } else {
        "$1"
    };
    sea_orm::sea_query::Expr::cust_with_values(
        off_index_eq_sql(db, column, placeholder),
        [value.into()],
    )
}

/// `column = placeholder`, written so that neither database answers it from the column's
/// index: for a course's rows of a page of users, where the users' index reads a few rows
/// and the course's reads all of a large course's. SQLite plans once for every course
/// (the planner stability guarantee), from the average course; PostgreSQL, after five
/// runs of a prepared statement, may switch to a generic plan made for the average course
/// too, and then read a 50,000-trainee course's 14,645 hand-ins for 20 trainees' (6.4 ms
/// against 0.4; BENCHMARKS.md, session 15). SQLite's way is a unary `+`; PostgreSQL's
/// is `IS TRUE` around the comparison, which no index matches and which selects the same
/// rows in a WHERE.
pub fn off_index_eq_sql(db: &impl ConnectionTrait, column: &str, placeholder: &str) -> String {
    if db.get_database_backend() == DbBackend::Sqlite {
        format!("+{column} = {placeholder}")
    } else {
        format!("({column} = {placeholder}) IS TRUE")
    }
}

/// A decimal as either database writes it in text (PostgreSQL's numeric, SQLite's REAL).
pub fn decimal(text: Option<String>) -> Decimal {
    text.and_then(|t| {
        Decimal::from_str(t.trim())
            .or_else(|_| Decimal::from_scientific(t.trim()))
            .ok()
    })
    .unwrap_or_default()
}

/// An integer as either database returns it (PostgreSQL's bigint or int, SQLite's integer).
pub fn int(row: &sea_orm::QueryResult, column: &str) -> Result<i64, DbErr> {
    row.try_get::<i64>("", column)
        .or_else(|_| row.try_get::<i32>("", column).map(i64::from))
}

/// A count (never negative).
pub fn count(row: &sea_orm::QueryResult, column: &str) -> Result<u64, DbErr> {
    Ok(u64::try_from(int(row, column)?).unwrap_or(0))
}

/// `((a = $n AND b = $n+1) OR ...)`, one term per pair, placeholders numbered from `first`,
/// with their values: the rows matching any of the pairs (a batch of learners' enrolments,
/// read through their `(userId, courseId)` index on both databases).
pub fn any_pair(
    a: &str,
    b: &str,
    pairs: &[(uuid::Uuid, uuid::Uuid)],
    first: usize,
) -> (String, Vec<Value>) {
    let mut terms = Vec::with_capacity(pairs.len());
    let mut values = Vec::with_capacity(pairs.len() * 2);
    for (i, (x, y)) in pairs.iter().enumerate() {
        let n = first + 2 * i;
        terms.push(format!("({a} = ${n} AND {b} = ${})", n + 1));
        values.push((*x).into());
        values.push((*y).into());
    }
    (format!("({})", terms.join(" OR ")), values)
}

/// `$first, $first+1, ...` for a list of values, with them: the inside of an `IN (...)`.
pub fn list(ids: &[uuid::Uuid], first: usize) -> (String, Vec<Value>) {
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", first + i)).collect();
    (
        marks.join(", "),
        ids.iter().map(|id| (*id).into()).collect(),
    )
}
