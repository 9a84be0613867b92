//! The database as rows any backend reads back (backups, `export`/`import`): every table in
//! dependency order, its rows in key order, each row one JSON object whose values have one
//! neutral form on both databases:
//!
//! | column | JSON |
//! |---|---|
//! | uuid | `"0192…"` (lowercase, hyphenated) |
//! | text, enum | `"…"` |
//! | timestamp | `"2026-12-06T09:25:34.123456Z"` (UTC; as many fractional digits as it has) |
//! | date | `"2026-12-06"` |
//! | decimal | `"12.5"` (a string, trailing zeros dropped: `numeric` and SQLite's REAL agree) |
//! | integer, bigint | `12` |
//! | boolean | `true` |
//! | json | the value itself, keys sorted |
//! | list (`text[]`) | `["a", "b"]` |
//!
//! Tables are described by their SeaORM entities, so a column added to an entity is dumped
//! without more code; `TABLES` names every table once, and a test checks it against the
//! database's own catalogue (every table listed, every foreign key pointing back).

use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, ColumnType, Expr, ExprTrait, Order, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait, IdenStatic,
    Iterable, PrimaryKeyToColumn, QueryFilter, QueryOrder, QueryResult, QuerySelect, QueryTrait,
    Value,
};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use super::entities::{self, tag_list::TagList};

/// One row: column name to its neutral value.
pub type Row = Map<String, Json>;

/// How a column's values are written in the dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Uuid,
    Text,
    Timestamp,
    Date,
    Decimal,
    Int,
    BigInt,
    Bool,
    Json,
    List,
}

impl Kind {
    fn of(column_type: &ColumnType) -> Kind {
        match column_type {
            ColumnType::Uuid => Kind::Uuid,
            ColumnType::TimestampWithTimeZone | ColumnType::Timestamp | ColumnType::DateTime => {
                Kind::Timestamp
            }
            ColumnType::Date => Kind::Date,
            ColumnType::Decimal(_) | ColumnType::Money(_) => Kind::Decimal,
            ColumnType::Integer | ColumnType::SmallInteger => Kind::Int,
            ColumnType::BigInteger => Kind::BigInt,
            ColumnType::Boolean => Kind::Bool,
            ColumnType::Json | ColumnType::JsonBinary => Kind::Json,
            ColumnType::Array(_) => Kind::List,
            // Strings, text, and enums (read as text: SeaORM casts them).
            _ => Kind::Text,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Uuid => "a UUID",
            Kind::Text => "a string",
            Kind::Timestamp => "an RFC 3339 timestamp",
            Kind::Date => "a date (YYYY-MM-DD)",
            Kind::Decimal => "a decimal as a string",
            Kind::Int => "a whole number (32 bits)",
            Kind::BigInt => "a whole number",
            Kind::Bool => "true or false",
            Kind::Json => "a JSON value",
            Kind::List => "a list of strings",
        }
    }
}

/// A column of a dumped table.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
}

/// One table of the dump. Implemented once, for every entity, by [`EntityTable`].
#[async_trait::async_trait]
pub trait Table: Send + Sync {
    fn name(&self) -> &'static str;
    fn columns(&self) -> &[Column];
    /// Up to `limit` rows whose key comes after `after` (all from the start when `None`),
    /// in key order, in their neutral form; and the last one's key, for the next call.
    async fn read(
        &self,
        db: &DatabaseTransaction,
        after: Option<Value>,
        limit: u64,
    ) -> Result<(Vec<Row>, Option<Value>), DbErr>;
    /// Inserts rows already checked by [`Table::values`], as they are (no hooks run).
    async fn insert(&self, db: &DatabaseTransaction, rows: Vec<Vec<Value>>) -> Result<(), DbErr>;
    async fn count(&self, db: &DatabaseTransaction) -> Result<u64, DbErr>;
    async fn clear(&self, db: &DatabaseTransaction) -> Result<(), DbErr>;

    /// A dumped row as the values to insert, in `columns` order; the error says which
    /// column is wrong and how. Every column must be present, and no other.
    fn values(&self, row: &Row, backend: DbBackend) -> Result<Vec<Value>, String> {
        if let Some(unknown) = row
            .keys()
            .find(|k| !self.columns().iter().any(|c| c.name == k.as_str()))
        {
            return Err(format!("{}: no such column \"{unknown}\"", self.name()));
        }
        self.columns()
            .iter()
            .map(|c| {
                let value = row
                    .get(c.name)
                    .ok_or_else(|| format!("column \"{}\" is missing", c.name))?;
                to_value(c, value, backend).map_err(|e| format!("column \"{}\": {e}", c.name))
            })
            .collect()
    }
}

/// Rows inserted per statement: 30 columns at most stay far below both databases' limit
/// on bound values (65,535 on PostgreSQL, 32,766 on SQLite).
pub const INSERT_BATCH: usize = 200;

/// Every table, parents before children: restoring in this order satisfies each foreign
/// key as its row arrives; clearing goes the other way.
pub fn tables() -> Vec<Box<dyn Table>> {
    use entities::*;
    vec![
        table::<users::Entity>(),
        table::<user_preferences::Entity>(),
        table::<sessions::Entity>(),
        table::<calendar_feeds::Entity>(),
        table::<login_throttles::Entity>(),
        table::<settings::Entity>(),
        table::<jobs::Entity>(),
        table::<courses::Entity>(),
        table::<course_settings::Entity>(),
        table::<course_stats::Entity>(),
        table::<course_sections::Entity>(),
        table::<course_contents::Entity>(),
        table::<quiz_questions::Entity>(),
        table::<enrollments::Entity>(),
        table::<enrollment_events::Entity>(),
        table::<course_waitlist::Entity>(),
        table::<lesson_completions::Entity>(),
        table::<content_positions::Entity>(),
        table::<user_notes::Entity>(),
        table::<quiz_attempts::Entity>(),
        table::<quiz_answers::Entity>(),
        table::<assignments::Entity>(),
        table::<assignment_submissions::Entity>(),
        table::<submission_versions::Entity>(),
        table::<submission_grade_events::Entity>(),
        table::<attendance::Entity>(),
        table::<certificates::Entity>(),
    ]
}

fn table<E>() -> Box<dyn Table>
where
    E: EntityTrait + Send + Sync + 'static,
{
    let columns = E::Column::iter()
        .map(|c| {
            let def = c.def();
            Column {
                name: column_name::<E>(c),
                kind: Kind::of(def.get_column_type()),
                nullable: def.is_null(),
            }
        })
        .collect();
    Box::new(EntityTable::<E> {
        columns,
        entity: PhantomData,
    })
}

fn column_name<E: EntityTrait>(c: E::Column) -> &'static str {
    c.as_str()
}

/// A table described by its entity.
pub struct EntityTable<E> {
    columns: Vec<Column>,
    entity: PhantomData<fn() -> E>,
}

impl<E: EntityTrait> EntityTable<E> {
    fn key() -> E::Column {
        E::PrimaryKey::iter()
            .next()
            .map(|k| k.into_column())
            .expect("every table has a primary key")
    }
}

#[async_trait::async_trait]
impl<E> Table for EntityTable<E>
where
    E: EntityTrait + Send + Sync + 'static,
{
    fn name(&self) -> &'static str {
        E::default().table_name()
    }

    fn columns(&self) -> &[Column] {
        &self.columns
    }

    async fn read(
        &self,
        db: &DatabaseTransaction,
        after: Option<Value>,
        limit: u64,
    ) -> Result<(Vec<Row>, Option<Value>), DbErr> {
        let key = Self::key();
        let key_name = key.as_str().to_owned();
        let key_kind = Kind::of(key.def().get_column_type());
        let backend = db.get_database_backend();
        // Text keys in byte order on both databases (PostgreSQL's default collation would
        // sort them by language rules, and the two dumps would differ in order).
        let ordered = if key_kind == Kind::Text && backend == DbBackend::Postgres {
            Expr::cust(format!(r#""{key_name}" COLLATE "C""#))
        } else {
            Expr::col((Alias::new(E::default().table_name()), Alias::new(&key_name)))
        };
        let mut select = E::find().order_by(ordered.clone(), Order::Asc).limit(limit);
        if let Some(after) = after {
            select = select.filter(ordered.gt(after));
        }
        let rows = db.query_all_raw(select.build(backend)).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut object = Row::new();
            for c in &self.columns {
                object.insert(c.name.to_owned(), read_value(row, c)?);
            }
            out.push(object);
        }
        let last = match out.last() {
            Some(row) => Some(
                to_value(
                    &Column {
                        name: "",
                        kind: key_kind,
                        nullable: false,
                    },
                    &row[key_name.as_str()],
                    backend,
                )
                .map_err(DbErr::Custom)?,
            ),
            None => None,
        };
        Ok((out, last))
    }

    async fn insert(&self, db: &DatabaseTransaction, rows: Vec<Vec<Value>>) -> Result<(), DbErr> {
        if rows.is_empty() {
            return Ok(());
        }
        let columns: Vec<E::Column> = E::Column::iter().collect();
        let mut insert = Query::insert();
        insert
            .into_table(E::default().table_ref())
            .columns(columns.iter().copied());
        for row in rows {
            let exprs: Vec<Expr> = columns
                .iter()
                .zip(row)
                .map(|(c, v)| c.save_as(Expr::val(v)))
                .collect();
            insert
                .values(exprs)
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        db.execute(&insert).await?;
        Ok(())
    }

    async fn count(&self, db: &DatabaseTransaction) -> Result<u64, DbErr> {
        let backend = db.get_database_backend();
        let sql = format!(r#"SELECT COUNT(*) AS "n" FROM "{}""#, self.name());
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(backend, sql))
            .await?
            .ok_or_else(|| DbErr::Custom("COUNT(*) gave no row".into()))?;
        super::raw::count(&row, "n")
    }

    async fn clear(&self, db: &DatabaseTransaction) -> Result<(), DbErr> {
        E::delete_many().exec(db).await?;
        Ok(())
    }
}

/// A column of a row read from the database, in its neutral form.
fn read_value(row: &QueryResult, c: &Column) -> Result<Json, DbErr> {
    let name = c.name;
    Ok(match c.kind {
        Kind::Uuid => opt(row.try_get::<Option<Uuid>>("", name)?, |u| {
            Json::String(u.hyphenated().to_string())
        }),
        Kind::Text => opt(row.try_get::<Option<String>>("", name)?, Json::String),
        Kind::Timestamp => opt(row.try_get::<Option<DateTime<Utc>>>("", name)?, |t| {
            Json::String(timestamp(t))
        }),
        Kind::Date => opt(row.try_get::<Option<NaiveDate>>("", name)?, |d| {
            Json::String(d.format("%Y-%m-%d").to_string())
        }),
        Kind::Decimal => opt(row.try_get::<Option<Decimal>>("", name)?, |d| {
            Json::String(d.normalize().to_string())
        }),
        Kind::Int | Kind::BigInt => match super::raw::int(row, name) {
            Ok(n) => Json::from(n),
            Err(_) if row.try_get::<Option<i32>>("", name)?.is_none() => Json::Null,
            Err(e) => return Err(e),
        },
        Kind::Bool => opt(row.try_get::<Option<bool>>("", name)?, Json::Bool),
        Kind::Json => opt(row.try_get::<Option<Json>>("", name)?, |j| j),
        Kind::List => opt(row.try_get::<Option<TagList>>("", name)?, |t| {
            Json::from(t.0)
        }),
    })
}

fn opt<T>(value: Option<T>, f: impl FnOnce(T) -> Json) -> Json {
    value.map(f).unwrap_or(Json::Null)
}

/// A timestamp's neutral form: UTC, `Z`, and as many fractional digits as it holds
/// (none, 3, 6 or 9), so a value reads back exactly on either database.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A list as its backend stores it: PostgreSQL's `text[]`, SQLite's JSON text (as
/// `TagList` writes it; named here since one process may hold both databases).
fn list(items: Option<Vec<String>>, backend: DbBackend) -> Value {
    use sea_orm::sea_query::ArrayType;
    match (backend, items) {
        (DbBackend::Postgres, Some(items)) => Value::Array(
            ArrayType::String,
            Some(Box::new(
                items.into_iter().map(|t| Value::String(Some(t))).collect(),
            )),
        ),
        (DbBackend::Postgres, None) => Value::Array(ArrayType::String, None),
        (_, Some(items)) => Value::String(Some(Json::from(items).to_string())),
        (_, None) => Value::String(None),
    }
}

/// A neutral value as the value to bind for its column.
fn to_value(c: &Column, json: &Json, backend: DbBackend) -> Result<Value, String> {
    let bad = || format!("expected {}", c.kind.describe());
    if json.is_null() {
        if !c.nullable && !c.name.is_empty() {
            return Err("may not be null".into());
        }
        return Ok(match c.kind {
            Kind::Uuid => Value::Uuid(None),
            Kind::Text => Value::String(None),
            Kind::Timestamp => Value::ChronoDateTimeUtc(None),
            Kind::Date => Value::ChronoDate(None),
            Kind::Decimal => Value::Decimal(None),
            Kind::Int => Value::Int(None),
            Kind::BigInt => Value::BigInt(None),
            Kind::Bool => Value::Bool(None),
            Kind::Json => Value::Json(None),
            Kind::List => list(None, backend),
        });
    }
    Ok(match c.kind {
        Kind::Uuid => {
            let text = json.as_str().ok_or_else(bad)?;
            Value::Uuid(Some(Uuid::parse_str(text).map_err(|_| bad())?))
        }
        Kind::Text => Value::String(Some(json.as_str().ok_or_else(bad)?.to_owned())),
        Kind::Timestamp => {
            let text = json.as_str().ok_or_else(bad)?;
            let t = DateTime::parse_from_rfc3339(text).map_err(|_| bad())?;
            Value::ChronoDateTimeUtc(Some(t.with_timezone(&Utc)))
        }
        Kind::Date => {
            let text = json.as_str().ok_or_else(bad)?;
            let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
            Value::ChronoDate(Some(d))
        }
        Kind::Decimal => {
            let text = json.as_str().ok_or_else(bad)?;
            Value::Decimal(Some(text.parse::<Decimal>().map_err(|_| bad())?))
        }
        Kind::Int => {
            let n = json.as_i64().ok_or_else(bad)?;
            Value::Int(Some(i32::try_from(n).map_err(|_| bad())?))
        }
        Kind::BigInt => Value::BigInt(Some(json.as_i64().ok_or_else(bad)?)),
        Kind::Bool => Value::Bool(Some(json.as_bool().ok_or_else(bad)?)),
        Kind::Json => Value::Json(Some(Box::new(json.clone()))),
        Kind::List => {
            let items = json.as_array().ok_or_else(bad)?;
            let items = items
                .iter()
                .map(|i| i.as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
                .ok_or_else(bad)?;
            list(Some(items), backend)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(kind: Kind, nullable: bool) -> Column {
        Column {
            name: "c",
            kind,
            nullable,
        }
    }

    #[test]
    fn every_table_is_listed_once() {
        let names: Vec<&str> = tables().iter().map(|t| t.name()).collect();
        let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(names.len(), unique.len(), "{names:?}");
        assert_eq!(names.len(), 27);
    }

    #[test]
    fn values_are_checked_by_kind() {
        assert!(
            to_value(
                &col(Kind::Uuid, false),
                &Json::from("nope"),
                DbBackend::Sqlite
            )
            .is_err()
        );
        assert!(to_value(&col(Kind::Int, false), &Json::from("1"), DbBackend::Sqlite).is_err());
        assert!(
            to_value(
                &col(Kind::Int, false),
                &Json::from(1_i64 << 40),
                DbBackend::Sqlite
            )
            .is_err()
        );
        assert!(
            to_value(
                &col(Kind::Timestamp, false),
                &Json::from("2026-12-06"),
                DbBackend::Sqlite
            )
            .is_err()
        );
        assert!(
            to_value(
                &col(Kind::Decimal, false),
                &Json::from(1.5),
                DbBackend::Sqlite
            )
            .is_err()
        );
        assert!(
            to_value(
                &col(Kind::List, false),
                &serde_json::json!([1]),
                DbBackend::Sqlite
            )
            .is_err()
        );
        assert_eq!(
            to_value(&col(Kind::Text, false), &Json::Null, DbBackend::Sqlite).unwrap_err(),
            "may not be null"
        );
        assert_eq!(
            to_value(
                &col(Kind::Decimal, true),
                &Json::from("12.50"),
                DbBackend::Sqlite
            )
            .unwrap(),
            Value::Decimal(Some(Decimal::new(1250, 2)))
        );
    }

    #[test]
    fn timestamps_keep_their_digits() {
        let t = DateTime::parse_from_rfc3339("2026-12-06T09:25:34.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(timestamp(t), "2026-12-06T09:25:34.123456Z");
        let whole = DateTime::parse_from_rfc3339("2026-12-06T09:25:34Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(timestamp(whole), "2026-12-06T09:25:34Z");
    }

    #[test]
    fn a_row_names_every_column_and_no_other() {
        let users = tables().into_iter().next().unwrap();
        let err = users.values(&Row::new(), DbBackend::Sqlite).unwrap_err();
        assert!(err.contains("is missing"), "{err}");
        let mut row = Row::new();
        row.insert("nonsense".into(), Json::Null);
        let err = users.values(&row, DbBackend::Sqlite).unwrap_err();
        assert!(err.contains("no such column"), "{err}");
    }
}
