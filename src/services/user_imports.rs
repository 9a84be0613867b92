//! CSV import and export of users (super admin).
//!
//! Import: a header row naming the columns `firstName,lastName,email,role,phone` (any
//! order, `role` and `phone` optional), then one account per line. Every line is checked
//! first; the good ones are created in one transaction with a temporary password each
//! (returned once, in the report), the others are reported with their line number and
//! reason. Passwords are hashed before the transaction opens, one at a time on the blocking
//! pool, so an import never holds a write transaction during bcrypt nor takes every core.

use std::collections::HashSet;

use serde::Serialize;

use crate::auth::password;
use crate::db;
use crate::domain::policy::{self, Actor, UserAction};
use crate::domain::user::{NewUser, User, UserForm};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::services::users::email_taken;
use crate::state::AppState;

/// At most this many data lines per import: each needs a bcrypt hash (about a quarter of a
/// second at cost 12).
pub const MAX_ROWS: usize = 500;

/// The largest CSV file taken, on the API and the page alike (`uploads.csv_max_bytes`,
/// 2 MiB by default: 500 lines fit many times over).
pub fn max_file_bytes(state: &AppState) -> usize {
    state.config.uploads.csv_max_bytes
}

const COLUMNS: [&str; 5] = ["firstName", "lastName", "email", "role", "phone"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreatedRow {
    pub line: u64,
    pub user: User,
    pub temporary_password: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RejectedRow {
    pub line: u64,
    pub email: Option<String>,
    /// The problems in one sentence (the API's `reason`).
    pub reason: String,
    /// The same problems by field, for the pages to translate (`line` when the line itself
    /// cannot be read).
    #[serde(skip)]
    #[schema(ignore)]
    pub problems: FieldErrors,
}

impl RejectedRow {
    fn new(line: u64, email: Option<String>, problems: FieldErrors) -> RejectedRow {
        RejectedRow {
            line,
            email,
            reason: problems.to_string(),
            problems,
        }
    }
}

fn problem(field: &str, message: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    errors
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub created: Vec<CreatedRow>,
    pub rejected: Vec<RejectedRow>,
}

fn bad(message: impl Into<String>) -> AppError {
    AppError::BadRequest(message.into())
}

/// One data line: its number in the file, and its fields or why they cannot be read.
type CsvLine = (u64, Result<UserForm, csv::Error>);

/// Parses the CSV into lines, or explains what is wrong with the file itself.
fn parse_csv(bytes: &[u8]) -> Result<Vec<CsvLine>, AppError> {
    let text = std::str::from_utf8(bytes).map_err(|_| bad("The CSV file must be UTF-8 text."))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad(format!("The CSV header cannot be read: {e}")))?
        .clone();
    let position = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let index: Vec<Option<usize>> = COLUMNS.iter().map(|c| position(c)).collect();
    if index[0].is_none() || index[1].is_none() || index[2].is_none() {
        return Err(bad(
            "The CSV header must name the columns firstName,lastName,email (and optionally role,phone).",
        ));
    }
    if let Some(unknown) = headers
        .iter()
        .find(|h| !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(h)))
    {
        return Err(bad(format!(
            "Unknown CSV column {unknown:?}: use firstName,lastName,email,role,phone."
        )));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let (line, row) = match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.iter().all(str::is_empty) {
                    continue;
                }
                let get = |i: usize| index[i].and_then(|at| r.get(at)).map(str::to_owned);
                let form = UserForm {
                    first_name: get(0),
                    last_name: get(1),
                    email: get(2),
                    role: get(3),
                    phone: get(4),
                    password: None,
                    requires_password_change: Some(true),
                };
                (line, Ok(form))
            }
            Err(e) => (e.position().map_or(0, |p| p.line()), Err(e)),
        };
        rows.push((line, row));
        if rows.len() > MAX_ROWS {
            return Err(bad(format!(
                "The CSV file has more than {MAX_ROWS} lines: split it into smaller files."
            )));
        }
    }
    Ok(rows)
}

pub async fn import(
    state: &AppState,
    actor: &Actor,
    bytes: &[u8],
) -> Result<ImportReport, AppError> {
    policy::users(actor, UserAction::Import)?;
    if bytes.len() > max_file_bytes(state) {
        return Err(AppError::PayloadTooLarge);
    }
    let rows = parse_csv(bytes)?;
    let mut report = ImportReport::default();
    let mut accepted: Vec<(u64, NewUser)> = Vec::new();
    let mut seen = HashSet::new();
    for (line, row) in rows {
        let form = match row {
            Ok(form) => form,
            Err(e) => {
                report.rejected.push(RejectedRow {
                    line,
                    email: None,
                    reason: format!("cannot be read as CSV: {e}"),
                    problems: problem("line", "cannot be read as CSV"),
                });
                continue;
            }
        };
        match NewUser::parse(&form) {
            Err(problems) => {
                // The email as written, so the report says whose line it was.
                let written = form
                    .email
                    .as_deref()
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .map(str::to_owned);
                report
                    .rejected
                    .push(RejectedRow::new(line, written, problems));
            }
            Ok(user) if !seen.insert(user.email.clone()) => report.rejected.push(RejectedRow::new(
                line,
                Some(user.email),
                problem("email", "appears earlier in this file"),
            )),
            Ok(user) => accepted.push((line, user)),
        }
    }
    let emails: Vec<String> = accepted.iter().map(|(_, u)| u.email.clone()).collect();
    let taken = db::users::existing_emails(&state.db, &emails).await?;
    let mut to_create = Vec::new();
    for (line, user) in accepted {
        if taken.contains(&user.email) {
            report.rejected.push(RejectedRow::new(
                line,
                Some(user.email),
                problem("email", "another account already uses it"),
            ));
            continue;
        }
        let temporary = password::temporary();
        let hash = password::hash(&temporary).await?;
        to_create.push((line, user, temporary, hash));
    }
    let txn = db::begin_write(&state.db).await?;
    for (line, user, temporary_password, hash) in to_create {
        let user = db::users::insert(&txn, user, &hash)
            .await
            .map_err(email_taken)?;
        report.created.push(CreatedRow {
            line,
            user,
            temporary_password,
        });
    }
    txn.commit().await?;
    report.rejected.sort_by_key(|r| r.line);
    Ok(report)
}

/// Cells that a spreadsheet would run as a formula are prefixed with `'`.
fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// All accounts as CSV (never a password hash), oldest first.
pub async fn export(state: &AppState, actor: &Actor) -> Result<String, AppError> {
    policy::users(actor, UserAction::Export)?;
    let users = db::users::all(&state.db).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "firstName",
        "lastName",
        "email",
        "role",
        "phone",
        "isActive",
        "requiresPasswordChange",
        "lastLogin",
        "createdAt",
    ];
    let io = |e: csv::Error| AppError::Internal(e.into());
    writer.write_record(header).map_err(io)?;
    for u in users {
        writer
            .write_record([
                u.id.to_string(),
                cell(&u.first_name),
                cell(&u.last_name),
                cell(&u.email),
                u.role.as_str().to_owned(),
                cell(u.phone.as_deref().unwrap_or_default()),
                u.is_active.to_string(),
                u.requires_password_change.to_string(),
                u.last_login.map(|t| t.to_rfc3339()).unwrap_or_default(),
                u.created_at.to_rfc3339(),
            ])
            .map_err(io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("Ada"), "Ada");
    }

    #[test]
    fn a_header_without_required_columns_is_refused() {
        assert!(parse_csv(b"name,mail\nA,b").is_err());
        assert!(parse_csv(b"firstName,lastName,email,shoeSize\n").is_err());
        let rows =
            parse_csv(b"\xef\xbb\xbfEmail,firstName,lastName\na@b.co,Ada,Lovelace\n\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1.as_ref().unwrap().email.as_deref(), Some("a@b.co"));
    }
}
