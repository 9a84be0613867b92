//! Column and constraint builders shared by the migrations.
//!
//! The only backend differences live here: PostgreSQL gets the seed's enum types, `text[]`,
//! `jsonb` and `now()`; SQLite gets text with a CHECK for enums, JSON text for arrays and
//! `CURRENT_TIMESTAMP`. Everything else is the same statement on both.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// An ENUM column of the seed. On PostgreSQL it becomes a named enum type; the names follow
/// Sequelize's convention (`enum_<table>_<column>`), so a database created by the earlier
/// Node.js version has the same types.
pub struct SeedEnum {
    pub type_name: &'static str,
    pub values: &'static [&'static str],
}

pub fn is_postgres(manager: &SchemaManager) -> bool {
    manager.get_database_backend() == DbBackend::Postgres
}

/// `CREATE TYPE ... AS ENUM` on PostgreSQL; nothing on SQLite (the column carries a CHECK).
pub async fn create_enum(manager: &SchemaManager<'_>, e: &SeedEnum) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    manager
        .create_type(
            extension::postgres::Type::create()
                .as_enum(e.type_name)
                .values(e.values.iter().copied())
                .to_owned(),
        )
        .await
}

pub async fn drop_enum(manager: &SchemaManager<'_>, e: &SeedEnum) -> Result<(), DbErr> {
    if !is_postgres(manager) {
        return Ok(());
    }
    manager
        .drop_type(
            extension::postgres::Type::drop()
                .if_exists()
                .name(e.type_name)
                .to_owned(),
        )
        .await
}

/// An enum column with an optional default value (one of the enum's values).
pub fn enum_col(
    manager: &SchemaManager,
    name: &'static str,
    e: &SeedEnum,
    default: Option<&'static str>,
) -> ColumnDef {
    let mut col = ColumnDef::new(name);
    if is_postgres(manager) {
        // Quoted: the seed's `questionType` keeps its capital letter in the type name.
        col.custom(format!("\"{}\"", e.type_name));
    } else {
        col.text()
            .check(Expr::col(name).is_in(e.values.iter().copied()));
    }
    col.not_null();
    if let Some(value) = default {
        col.default(value);
    }
    col
}

/// A `text[]` column defaulting to an empty array (JSON text `'[]'` on SQLite).
pub fn tags_col(manager: &SchemaManager, name: &'static str, default_empty: bool) -> ColumnDef {
    let mut col = ColumnDef::new(name);
    if is_postgres(manager) {
        col.array(ColumnType::Text);
        if default_empty {
            col.default(Expr::cust("'{}'::text[]"));
        }
    } else {
        col.text();
        if default_empty {
            col.default("[]");
        }
    }
    col.null();
    col
}

/// A nullable `jsonb` column with the given JSON default (`'[]'` or `'{}'`).
pub fn jsonb_col(name: &'static str, default_json: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .json_binary()
        .null()
        .default(default_json)
        .to_owned()
}

/// `DEFAULT NOW()` as the seed writes it; SQLite spells it `CURRENT_TIMESTAMP`.
pub fn now_default(manager: &SchemaManager) -> Expr {
    if is_postgres(manager) {
        Expr::cust("now()")
    } else {
        Expr::cust("CURRENT_TIMESTAMP")
    }
}

pub fn id() -> ColumnDef {
    ColumnDef::new("id")
        .uuid()
        .not_null()
        .primary_key()
        .to_owned()
}

pub fn uuid_ref(name: &'static str, nullable: bool) -> ColumnDef {
    let mut col = ColumnDef::new(name);
    col.uuid();
    if nullable {
        col.null();
    } else {
        col.not_null();
    }
    col
}

pub fn varchar(name: &'static str, len: u32, nullable: bool) -> ColumnDef {
    let mut col = ColumnDef::new(name);
    col.string_len(len);
    if nullable {
        col.null();
    } else {
        col.not_null();
    }
    col
}

pub fn text(name: &'static str, nullable: bool) -> ColumnDef {
    let mut col = ColumnDef::new(name);
    col.text();
    if nullable {
        col.null();
    } else {
        col.not_null();
    }
    col
}

/// A boolean the seed gives only a default for: nullable, like Sequelize's `allowNull`.
pub fn flag(name: &'static str, default: bool) -> ColumnDef {
    ColumnDef::new(name)
        .boolean()
        .null()
        .default(default)
        .to_owned()
}

pub fn int(name: &'static str) -> ColumnDef {
    ColumnDef::new(name).integer().null().to_owned()
}

pub fn int_default(name: &'static str, default: i32, not_null: bool) -> ColumnDef {
    let mut col = ColumnDef::new(name);
    col.integer().default(default);
    if not_null {
        col.not_null();
    } else {
        col.null();
    }
    col
}

/// `numeric(p,s)` with a `0.00`-style default. SQLite stores it as REAL (see DESIGN.md).
pub fn decimal_default(name: &'static str, precision: u32, scale: u32) -> ColumnDef {
    ColumnDef::new(name)
        .decimal_len(precision, scale)
        .null()
        .default(Expr::cust("0.00"))
        .to_owned()
}

pub fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

/// `createdAt` and `updatedAt`: NOT NULL and set by the application, as Sequelize did.
pub fn created_at() -> ColumnDef {
    ColumnDef::new("createdAt")
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

pub fn updated_at() -> ColumnDef {
    ColumnDef::new("updatedAt")
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

/// A named foreign key. `on_delete` is chosen per relation so that deleting a parent never
/// deletes a learning record as a side effect (DESIGN.md section 2): NO ACTION (the seed's
/// SQL, which names no action: the delete is refused while rows refer to the parent) unless
/// the migration says otherwise. NO ACTION rather than RESTRICT because SQLite reports a
/// RESTRICT failure with a trigger error code that drivers do not recognise as a foreign-key
/// violation; for statements that are not deferred the two behave the same.
pub fn fk(
    name: impl Into<String>,
    from_table: &'static str,
    from_col: &'static str,
    to_table: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from_table, from_col)
        .to(to_table, "id")
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::NoAction)
        .to_owned()
}

/// A composite unique constraint, declared inside CREATE TABLE so PostgreSQL lists it as a
/// table constraint.
pub fn unique(name: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).unique();
    for col in cols {
        idx.col(*col);
    }
    idx
}

/// The performance indexes the seed lists, one single-column index each, named
/// `idx_<table>_<column>`.
pub async fn create_indexes(
    manager: &SchemaManager<'_>,
    table: &'static str,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    for col in cols {
        manager
            .create_index(
                Index::create()
                    .name(format!("idx_{table}_{col}"))
                    .table(table)
                    .col(*col)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

pub async fn drop_table(manager: &SchemaManager<'_>, table: &'static str) -> Result<(), DbErr> {
    manager
        .drop_table(Table::drop().table(table).if_exists().to_owned())
        .await
}

/// Runs raw statements in order (triggers and functions, which the builders do not cover).
pub async fn execute_all<S: AsRef<str>>(
    manager: &SchemaManager<'_>,
    statements: impl IntoIterator<Item = S>,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql.as_ref()).await?;
    }
    Ok(())
}
