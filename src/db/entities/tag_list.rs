//! `TagList`: the seed's `text[]` columns (`courses.tags`, `user_notes.tags`,
//! `quiz_questions.options`). PostgreSQL stores a native `text[]`; SQLite has no arrays, so
//! the list is JSON text there. Reads decide by what the row holds; writes need to know the
//! backend, which `db::connect` records once per process (one database per process).

use std::sync::atomic::{AtomicBool, Ordering};

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, QueryResult, TryGetError, TryGetable, Value};
use serde::{Deserialize, Serialize};

static ARRAYS_AS_JSON: AtomicBool = AtomicBool::new(false);

/// Called by `db::connect`: SQLite stores lists as JSON text.
pub(crate) fn store_arrays_as_json(yes: bool) {
    ARRAYS_AS_JSON.store(yes, Ordering::Relaxed);
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagList(pub Vec<String>);

impl From<TagList> for Value {
    fn from(tags: TagList) -> Self {
        if ARRAYS_AS_JSON.load(Ordering::Relaxed) {
            // Serialising a Vec<String> cannot fail.
            let json = serde_json::to_string(&tags.0).unwrap_or_else(|_| "[]".to_owned());
            Value::String(Some(json))
        } else {
            let items = tags.0.into_iter().map(|t| Value::String(Some(t))).collect();
            Value::Array(ArrayType::String, Some(Box::new(items)))
        }
    }
}

impl Nullable for TagList {
    fn null() -> Value {
        if ARRAYS_AS_JSON.load(Ordering::Relaxed) {
            Value::String(None)
        } else {
            Value::Array(ArrayType::String, None)
        }
    }
}

impl TryGetable for TagList {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        // SQLite: JSON text. PostgreSQL: a text[] (reading it as text is a type error).
        match <Option<String> as TryGetable>::try_get_by(res, index) {
            Ok(Some(json)) => serde_json::from_str(&json)
                .map(TagList)
                .map_err(|e| TryGetError::DbErr(sea_orm::DbErr::Type(e.to_string()))),
            Ok(None) => Err(TryGetError::Null(format!("{index:?}"))),
            Err(_) => <Vec<String> as TryGetable>::try_get_by(res, index).map(TagList),
        }
    }
}

impl ValueType for TagList {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        match v {
            Value::String(Some(json)) => serde_json::from_str(&json)
                .map(TagList)
                .map_err(|_| ValueTypeErr),
            Value::Array(_, Some(items)) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(Some(s)) => Ok(s),
                    _ => Err(ValueTypeErr),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(TagList),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        "TagList".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::Array(std::sync::Arc::new(ColumnType::Text))
    }
}
