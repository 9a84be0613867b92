//! The controls of the editor's forms, as `templates/outline/_field.html` draws them: text
//! and number inputs, text areas, selects of values known only at run time (sections),
//! checkboxes. (`web::form::Field` draws the account forms, whose choices are fixed.)

use crate::domain::validation::FieldErrors;
use crate::web::form::FormErrors;
use crate::web::i18n::Locale;

/// One option of a select.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct EditorField {
    pub id: String,
    pub name: &'static str,
    pub label: String,
    /// `text`, `number`, `textarea`, `select` or `checkbox`.
    pub kind: &'static str,
    pub required: bool,
    pub value: String,
    pub checked: bool,
    pub choices: Vec<Choice>,
    pub hint: Option<String>,
    pub errors: Vec<String>,
    /// Text areas: visible lines.
    pub rows: u32,
    /// Number inputs: bounds.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// Source text (an article): monospace, left to right.
    pub code: bool,
    /// A short input (numbers).
    pub short: bool,
}

impl EditorField {
    pub fn new(id: &str, name: &'static str, label: String, kind: &'static str) -> EditorField {
        EditorField {
            id: id.to_owned(),
            name,
            label,
            kind,
            required: false,
            value: String::new(),
            checked: false,
            choices: Vec::new(),
            hint: None,
            errors: Vec::new(),
            rows: 4,
            min: None,
            max: None,
            code: false,
            short: kind == "number",
        }
    }

    pub fn required(mut self) -> EditorField {
        self.required = true;
        self
    }

    pub fn value(mut self, value: impl Into<String>) -> EditorField {
        self.value = value.into();
        self
    }

    pub fn checked(mut self, checked: bool) -> EditorField {
        self.checked = checked;
        self
    }

    pub fn choices(mut self, choices: Vec<Choice>) -> EditorField {
        self.choices = choices;
        self
    }

    pub fn hint(mut self, hint: String) -> EditorField {
        self.hint = Some(hint);
        self
    }

    pub fn rows(mut self, rows: u32) -> EditorField {
        self.rows = rows;
        self
    }

    pub fn range(mut self, min: i64, max: i64) -> EditorField {
        self.min = Some(min);
        self.max = Some(max);
        self
    }

    pub fn code(mut self) -> EditorField {
        self.code = true;
        self
    }

    /// Takes this field's messages from `errors`.
    pub fn errors(mut self, errors: &FormErrors) -> EditorField {
        self.errors = errors.of(self.name).to_vec();
        self
    }

    pub fn is_invalid(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn error_text(&self) -> String {
        self.errors.join(" ")
    }

    /// The ids the control's `aria-describedby` names: hint, error.
    pub fn described_by_ids(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if !self.errors.is_empty() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// The domain's field errors, translated, under the names of the page's fields
/// (`quizData.passingScore` is the field `passingScore`, say). A message for a field the
/// page does not have becomes the form's own message, so that nothing is lost.
pub fn form_errors(locale: Locale, errors: &FieldErrors, names: &[(&str, &str)]) -> FormErrors {
    let mut out = FormErrors::default();
    let mut other = Vec::new();
    for (field, messages) in errors.iter() {
        let page_name = names
            .iter()
            .find(|(domain, _)| *domain == field)
            .map(|(_, page)| *page);
        for message in messages {
            match page_name {
                Some(name) => out.add(name, locale.field_error(message)),
                None => other.push(locale.field_error(message)),
            }
        }
    }
    if !other.is_empty() {
        out.form = Some(other.join(" "));
    }
    out
}
