//! Reading page forms and paths, and the field errors a form shows next to its fields.

use std::collections::BTreeMap;

use axum::extract::{FromRequest, FromRequestParts};

use crate::domain::validation::FieldErrors;
use crate::web::errors::PageError;
use crate::web::i18n::Locale;

/// `axum::Form`, but an unreadable body answers with the error page.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Form), rejection(PageError))]
pub struct Form<T>(pub T);

/// `axum::extract::Path`, but an id that cannot be read answers with the 404 page.
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(PageError))]
pub struct Path<T>(pub T);

/// Field name -> translated messages, for a form's template.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    fields: BTreeMap<String, Vec<String>>,
    /// A message about the form as a whole (wrong email or password, say).
    pub form: Option<String>,
}

impl FormErrors {
    /// The domain's field errors, translated.
    pub fn from_fields(locale: Locale, errors: &FieldErrors, fields: &[&str]) -> FormErrors {
        let mut out = FormErrors::default();
        for field in fields {
            if let Some(messages) = errors.get(field) {
                for message in messages {
                    out.add(field, locale.field_error(message));
                }
            }
        }
        out
    }

    /// A form-level message.
    pub fn form(message: String) -> FormErrors {
        FormErrors {
            form: Some(message),
            ..FormErrors::default()
        }
    }

    pub fn add(&mut self, field: &str, message: String) {
        self.fields
            .entry(field.to_owned())
            .or_default()
            .push(message);
    }

    /// The messages of one field (empty when it is fine).
    pub fn of(&self, field: &str) -> &[String] {
        self.fields.get(field).map_or(&[], Vec::as_slice)
    }

    pub fn count(&self) -> usize {
        self.fields.values().map(Vec::len).sum()
    }
}

/// One option of a `select` field.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

/// One control with its label, hint and errors, as `templates/_field.html` draws it: an
/// input, a `select` (kind `"select"`, with `choices`), a `textarea` (kind `"textarea"`)
/// or a file input (kind `"file"`).
#[derive(Debug, Clone)]
pub struct Field {
    pub id: &'static str,
    pub name: &'static str,
    pub label: String,
    /// The input's `type`, or `select`.
    pub kind: &'static str,
    /// Optional fields say so in their label.
    pub required: bool,
    pub choices: Vec<Choice>,
    /// The file types a file input offers (`accept`).
    pub accept: &'static str,
    pub autocomplete: &'static str,
    /// Never set for passwords.
    pub value: String,
    pub hint: Option<String>,
    pub errors: Vec<String>,
    /// Marked invalid by a message elsewhere (the form's own error, by id).
    pub described_by_form: Option<&'static str>,
    /// Emails and tokens read left to right, also in Arabic pages.
    pub ltr: bool,
    /// Text a person types in either language (a course title): `dir="auto"`, so each value
    /// reads in its own direction.
    pub auto_dir: bool,
    /// The keyboard a phone offers (`inputmode`), e.g. `decimal` for a price.
    pub inputmode: &'static str,
}

impl Field {
    pub fn new(id: &'static str, name: &'static str, label: String, kind: &'static str) -> Field {
        Field {
            id,
            name,
            label,
            kind,
            required: true,
            choices: Vec::new(),
            accept: "",
            autocomplete: "off",
            value: String::new(),
            hint: None,
            errors: Vec::new(),
            described_by_form: None,
            ltr: matches!(kind, "email" | "password" | "tel"),
            auto_dir: false,
            inputmode: "",
        }
    }

    /// Free text in either language: the field takes the direction of what is typed.
    pub fn auto_dir(mut self) -> Field {
        self.auto_dir = true;
        self
    }

    pub fn inputmode(mut self, mode: &'static str) -> Field {
        self.inputmode = mode;
        self
    }

    pub fn autocomplete(mut self, value: &'static str) -> Field {
        self.autocomplete = value;
        self
    }

    pub fn value(mut self, value: &str) -> Field {
        if !matches!(self.kind, "password" | "file") {
            self.value = value.to_owned();
        }
        self
    }

    pub fn optional(mut self) -> Field {
        self.required = false;
        self
    }

    /// The options of a `select`; the one equal to the field's value is selected.
    pub fn choices(mut self, choices: Vec<Choice>) -> Field {
        self.choices = choices;
        self
    }

    pub fn accept(mut self, types: &'static str) -> Field {
        self.accept = types;
        self
    }

    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn ltr(mut self) -> Field {
        self.ltr = true;
        self
    }

    /// Takes this field's messages from `errors`.
    pub fn errors(mut self, errors: &FormErrors) -> Field {
        self.errors = errors.of(self.name).to_vec();
        self
    }

    /// Marks the field invalid because of the form-level message with this id.
    pub fn described_by(mut self, id: Option<&'static str>) -> Field {
        self.described_by_form = id;
        self
    }

    pub fn is_invalid(&self) -> bool {
        !self.errors.is_empty() || self.described_by_form.is_some()
    }

    pub fn error_text(&self) -> String {
        self.errors.join(" ")
    }

    /// The ids the input's `aria-describedby` names: hint, error, form message.
    pub fn described_by_ids(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if !self.errors.is_empty() {
            ids.push(format!("{}-error", self.id));
        }
        if let Some(form) = self.described_by_form {
            ids.push(form.to_owned());
        }
        ids.join(" ")
    }
}
