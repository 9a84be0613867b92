//! The seed's slow-query log: every statement that takes `log.slow_query_ms` or longer is
//! logged (`WARN`, target `courseworx::slow_query`) with its time, on either database
//! (SeaORM times each statement and hands it to the callback installed here). Its values
//! are left out unless `log.slow_query_values` asks for them: they can be personal data
//! or password hashes. `bench/run PLANS` sets 0 ms with values to collect the statements it
//! has the database explain.

use std::time::Duration;

use prometheus_client::metrics::counter::Counter;

use sea_orm::sea_query::{PostgresQueryBuilder, SqliteQueryBuilder, Value};
use sea_orm::{DatabaseConnection, DbBackend, Statement};

use crate::config::LogConfig;

/// The longest SQL text logged whole.
const MAX_SQL: usize = 16 * 1024;

/// Installs the log on the pool; each slow statement is also counted in `count` (for
/// `/metrics`).
pub fn install(db: &mut DatabaseConnection, log: &LogConfig, count: Counter) {
    let threshold = Duration::from_millis(log.slow_query_ms);
    let values = log.slow_query_values;
    db.set_metric_callback(move |info| {
        if info.elapsed < threshold {
            return;
        }
        count.inc();
        let ms = (info.elapsed.as_secs_f64() * 1e5).round() / 100.0;
        let mut sql = if values {
            with_values(info.statement)
        } else {
            info.statement.sql.clone()
        };
        if sql.len() > MAX_SQL {
            // A batch insert (the demo's) holds thousands of placeholders: its start says
            // enough.
            let cut = sql.floor_char_boundary(MAX_SQL);
            let total = sql.len();
            sql.truncate(cut);
            sql.push_str(&format!("... ({total} bytes)"));
        }
        tracing::warn!(
            target: "courseworx::slow_query",
            elapsed_ms = ms,
            failed = info.failed,
            %sql,
            "slow query"
        );
    });
}

/// The statement with its values written in, as the database would read it. The
/// hand-written statements (`db::raw`) number their SQLite placeholders (`?1`), which
/// sea-query's own injection reads as `?` followed by `1`: they are put in order first.
fn with_values(statement: &Statement) -> String {
    let params: &[Value] = statement.values.as_ref().map_or(&[], |v| &v.0);
    match statement.db_backend {
        DbBackend::Sqlite => {
            let (sql, ordered) = unnumbered(&statement.sql, params);
            sea_orm::sea_query::inject_parameters(&sql, &ordered, &SqliteQueryBuilder)
        }
        _ => sea_orm::sea_query::inject_parameters(&statement.sql, params, &PostgresQueryBuilder),
    }
}

/// `?N` placeholders (outside quotes) as plain `?`, with the values in the order they now
/// appear. A number past the values is left as it was.
fn unnumbered(sql: &str, params: &[Value]) -> (String, Vec<Value>) {
    let mut out = String::with_capacity(sql.len());
    let mut ordered = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '?') => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = digits.parse::<usize>().ok();
                match n.and_then(|n| params.get(n.wrapping_sub(1))) {
                    Some(v) => {
                        ordered.push(v.clone());
                        out.push('?');
                    }
                    None if digits.is_empty() => {
                        // A plain `?`: the next value in order.
                        if let Some(v) = params.get(ordered.len()) {
                            ordered.push(v.clone());
                        }
                        out.push('?');
                    }
                    None => {
                        out.push('?');
                        out.push_str(&digits);
                    }
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    (out, ordered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(sql: &str, values: Vec<Value>) -> String {
        with_values(&Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            values,
        ))
    }

    #[test]
    fn numbered_and_plain_placeholders_get_their_values() {
        assert_eq!(
            sqlite(
                "UPDATE t SET a = ?2 WHERE b = ?1 AND c = ?2",
                vec![1.into(), "x".into()]
            ),
            "UPDATE t SET a = 'x' WHERE b = 1 AND c = 'x'"
        );
        assert_eq!(
            sqlite(
                "SELECT '?1' FROM t WHERE a = ? AND b = ?",
                vec![1.into(), 2.into()]
            ),
            "SELECT '?1' FROM t WHERE a = 1 AND b = 2"
        );
        let pg = Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT $2, $1",
            vec![1.into(), "it's".into()],
        );
        assert_eq!(with_values(&pg), "SELECT E'it\\'s', 1");
    }
}
