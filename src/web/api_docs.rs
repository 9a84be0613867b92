//! `GET /api/docs`: the API reference as a page, rendered on the server from the OpenAPI
//! document (`api::openapi`), so it can never disagree with `/api/openapi.json`. No script
//! and nothing from another site, as every page.

use std::sync::LazyLock;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use crate::web::errors::PageError;
use crate::web::page::{self, Page};

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    ctx: Page,
    reference: &'static Reference,
}

/// `GET /api/docs` (anyone).
pub async fn show(ctx: Page) -> Result<Response, PageError> {
    page::render(
        StatusCode::OK,
        &ApiDocsPage {
            ctx,
            reference: &REFERENCE,
        },
    )
}

/// What the page shows, read once from the OpenAPI document.
pub struct Reference {
    pub title: String,
    pub version: String,
    pub description: Prose,
    pub tags: Vec<Tag>,
    pub schemas: Vec<Schema>,
}

pub struct Tag {
    pub name: String,
    pub description: Prose,
    pub operations: Vec<Operation>,
}

pub struct Operation {
    /// The fragment that links to it: `op-get-api-users-id`.
    pub anchor: String,
    pub method: String,
    pub path: String,
    pub summary: Prose,
    pub description: Prose,
    pub needs_token: bool,
    pub parameters: Vec<Field>,
    /// Content type and the schema it carries.
    pub bodies: Vec<(String, Type)>,
    pub responses: Vec<Reply>,
}

pub struct Reply {
    pub status: String,
    pub description: Prose,
    pub body: Option<Type>,
}

pub struct Schema {
    pub name: String,
    pub description: Prose,
    pub fields: Vec<Field>,
    /// For schemas that are not objects (enums, maps): their type.
    pub shape: Option<Type>,
}

pub struct Field {
    pub name: String,
    pub kind: Type,
    pub required: bool,
    pub description: Prose,
}

/// Documentation text in pieces: the parts between backticks are code. Rendered by
/// `templates/_api_prose.html`, each piece escaped like any text.
pub struct Prose(pub Vec<Piece>);

pub struct Piece {
    pub code: bool,
    pub text: String,
}

impl Prose {
    pub fn new(text: &str) -> Prose {
        Prose(
            text.split('`')
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(i, t)| Piece {
                    code: i % 2 == 1,
                    text: t.to_owned(),
                })
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn prose(v: &Value, key: &str) -> Prose {
    Prose::new(&text(v, key))
}

/// A type as text, and the schema it names (linked on the page) if any.
pub struct Type {
    pub text: String,
    pub schema: Option<String>,
}

static REFERENCE: LazyLock<Reference> = LazyLock::new(|| {
    let doc = serde_json::to_value(&*crate::api::openapi::DOCUMENT).unwrap_or_default();
    Reference::from_document(&doc)
});

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

impl Reference {
    pub fn from_document(doc: &Value) -> Reference {
        let mut tags: Vec<Tag> = doc["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| Tag {
                name: text(t, "name"),
                description: prose(t, "description"),
                operations: Vec::new(),
            })
            .collect();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let tag = op["tags"][0].as_str().unwrap_or("default").to_owned();
                let operation = Operation::read(method, path, op);
                match tags.iter_mut().find(|t| t.name == tag) {
                    Some(t) => t.operations.push(operation),
                    None => tags.push(Tag {
                        name: tag,
                        description: Prose(Vec::new()),
                        operations: vec![operation],
                    }),
                }
            }
        }
        tags.retain(|t| !t.operations.is_empty());
        let schemas = doc["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, s)| Schema::read(name, s))
            .collect();
        Reference {
            title: text(&doc["info"], "title"),
            version: text(&doc["info"], "version"),
            description: prose(&doc["info"], "description"),
            tags,
            schemas,
        }
    }
}

impl Operation {
    fn read(method: &str, path: &str, op: &Value) -> Operation {
        let slug: String = path
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let parameters = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| Field {
                name: format!("{} ({})", text(p, "name"), text(p, "in")),
                kind: Type::read(&p["schema"]),
                required: p["required"].as_bool().unwrap_or(false),
                description: prose(p, "description"),
            })
            .collect();
        let bodies = op["requestBody"]["content"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(content_type, c)| (content_type.clone(), Type::read(&c["schema"])))
            .collect();
        let responses = op["responses"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(status, r)| Reply {
                status: status.clone(),
                description: prose(r, "description"),
                body: r["content"]
                    .as_object()
                    .and_then(|c| c.values().next())
                    .map(|c| Type::read(&c["schema"])),
            })
            .collect();
        Operation {
            anchor: format!("op-{method}{}", slug.trim_end_matches('-')),
            method: method.to_uppercase(),
            path: path.to_owned(),
            summary: prose(op, "summary"),
            description: prose(op, "description"),
            needs_token: op["security"].as_array().is_some_and(|s| !s.is_empty()),
            parameters,
            bodies,
            responses,
        }
    }
}

impl Schema {
    fn read(name: &str, s: &Value) -> Schema {
        let required: Vec<&str> = s["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let fields: Vec<Field> = s["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(field, p)| Field {
                name: field.clone(),
                kind: Type::read(p),
                required: required.contains(&field.as_str()),
                description: prose(p, "description"),
            })
            .collect();
        Schema {
            name: name.to_owned(),
            description: prose(s, "description"),
            shape: fields.is_empty().then(|| Type::read(s)),
            fields,
        }
    }
}

impl Type {
    /// A JSON schema in a few words: `string (email, at most 255)`, `Role or null`,
    /// `array of User`, `one of: trainer, trainee`.
    pub fn read(s: &Value) -> Type {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or(r).to_owned();
            return Type {
                text: name.clone(),
                schema: Some(name),
            };
        }
        if let Some(parts) = s.get("oneOf").or(s.get("anyOf")).or(s.get("allOf")) {
            let parts: Vec<&Value> = parts.as_array().into_iter().flatten().collect();
            let nullable = parts.iter().any(|p| p["type"] == "null");
            let mut inner: Vec<Type> = parts
                .into_iter()
                .filter(|p| p["type"] != "null")
                .map(Type::read)
                .collect();
            if inner.len() == 1 {
                let mut t = inner.remove(0);
                if nullable {
                    t.text.push_str(" or null");
                }
                return t;
            }
            let text = inner
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" | ");
            return Type { text, schema: None };
        }
        let types: Vec<&str> = match &s["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let nullable = types.contains(&"null");
        let base = types.into_iter().find(|t| *t != "null").unwrap_or("any");
        let mut out = if base == "array" {
            let item = Type::read(&s["items"]);
            Type {
                text: format!("array of {}", item.text),
                schema: item.schema,
            }
        } else if let Some(values) = s["enum"].as_array() {
            let values: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
            Type {
                text: format!("one of: {}", values.join(", ")),
                schema: None,
            }
        } else if base == "object" && s.get("additionalProperties").is_some_and(Value::is_object) {
            let value = Type::read(&s["additionalProperties"]);
            Type {
                text: format!("map of {}", value.text),
                schema: value.schema,
            }
        } else {
            Type {
                text: base.to_owned(),
                schema: None,
            }
        };
        let mut notes = Vec::new();
        if let Some(f) = s["format"].as_str() {
            notes.push(f.to_owned());
        }
        for (key, word) in [
            ("minLength", "at least"),
            ("maxLength", "at most"),
            ("minimum", "from"),
            ("maximum", "up to"),
        ] {
            if let Some(n) = s[key].as_u64() {
                notes.push(format!("{word} {n}"));
            }
        }
        if let Some(p) = s["pattern"].as_str() {
            notes.push(format!("pattern {p}"));
        }
        if !notes.is_empty() {
            out.text = format!("{} ({})", out.text, notes.join(", "));
        }
        if nullable {
            out.text.push_str(" or null");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_read_as_a_few_words() {
        assert_eq!(
            Type::read(&json!({"type": ["string", "null"], "format": "email", "maxLength": 255}))
                .text,
            "string (email, at most 255) or null"
        );
        let t = Type::read(
            &json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Role"}]}),
        );
        assert_eq!(t.text, "Role or null");
        assert_eq!(t.schema.as_deref(), Some("Role"));
        let t =
            Type::read(&json!({"type": "array", "items": {"$ref": "#/components/schemas/User"}}));
        assert_eq!(t.text, "array of User");
        assert_eq!(
            Type::read(&json!({"type": "string", "enum": ["trainer", "trainee"]})).text,
            "one of: trainer, trainee"
        );
    }

    #[test]
    fn backticks_mark_code() {
        let p = Prose::new("Send `Authorization: Bearer <token>` now");
        let pieces: Vec<(bool, &str)> = p.0.iter().map(|x| (x.code, x.text.as_str())).collect();
        assert_eq!(
            pieces,
            [
                (false, "Send "),
                (true, "Authorization: Bearer <token>"),
                (false, " now")
            ]
        );
    }

    #[test]
    fn every_documented_operation_is_on_the_page() {
        let doc = serde_json::to_value(&*crate::api::openapi::DOCUMENT).unwrap();
        let reference = Reference::from_document(&doc);
        let on_page: usize = reference.tags.iter().map(|t| t.operations.len()).sum();
        let in_doc: usize = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| METHODS.iter().filter(|m| item.get(**m).is_some()).count())
            .sum();
        assert!(in_doc > 10);
        assert_eq!(on_page, in_doc);
        assert!(reference.schemas.iter().any(|s| s.name == "User"));
    }
}
