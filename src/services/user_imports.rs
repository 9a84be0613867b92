//! CSV import and export of users (super admin).
//!
//! Import: a header row naming the columns `firstName,lastName,email,role,phone` (any
//! order and any case, `role` and `phone` optional), then one account per line. Fields are
//! separated by commas or, as spreadsheets in many locales save them, semicolons (the
//! header line decides); lines may end in CRLF. What the export writes imports back: its
//! other columns (`id`, `isActive`, `requiresPasswordChange`, `lastLogin`, `createdAt`) are
//! ignored, and the `'` that defuses a formula-like cell is removed again. Every line is
//! checked first; the good ones are created in one transaction with a temporary password
//! each (returned once, in the report), the others are reported with their line number and
//! reason. Passwords are hashed before the transaction opens, one at a time on the blocking
//! pool, so an import never holds a write transaction during bcrypt nor takes every core.

use std::collections::HashSet;

use serde::Serialize;

use crate::auth::password;
use crate::db;
use crate::domain::policy::{self, Actor, UserAction};
use crate::domain::user::{NewUser, User, UserForm};
use crate::domain::validation::{FieldError, FieldErrors};
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

/// Columns the export writes that an import does not take: read past, never refused, so
/// an export imports back as it is.
const EXPORT_ONLY: [&str; 6] = [
    "id",
    "isActive",
    "requiresPasswordChange",
    "lastLogin",
    "createdAt",
    "updatedAt",
];

/// A header name as compared: case, spaces, `_` and `-` do not count (`FIRSTNAME`,
/// `first_name` and `First name` all name `firstName`).
fn column_key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field separator of the file, judged by its header line: `;` (as spreadsheets save
/// CSV where the comma is the decimal separator) or tab when the header has more of them
/// than commas, else `,`. Separators inside quotes do not count.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.split('\n').next().unwrap_or_default();
    let (mut commas, mut semicolons, mut tabs, mut quoted) = (0, 0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

/// A cell as the export wrote it, back to its value: the `'` that `cell` puts before a
/// formula-like start (or before a `'`) is removed.
fn uncell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(ESCAPED_STARTS) => rest,
        _ => value,
    }
}

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

fn problem(field: &str, error: FieldError) -> FieldErrors {
    FieldErrors::one(field, error)
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
    // One line ending, so that lines are counted alike however the file ends them (CRLF
    // as Excel saves, LF, or a lone CR). Names, emails and phones hold no line breaks, so
    // nothing of value changes inside quoted fields.
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text = text.as_ref();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad(format!("The CSV header cannot be read: {e}")))?
        .clone();
    let position = |name: &str| {
        let key = column_key(name);
        headers.iter().position(|h| column_key(h) == key)
    };
    let index: Vec<Option<usize>> = COLUMNS.iter().map(|c| position(c)).collect();
    if index[0].is_none() || index[1].is_none() || index[2].is_none() {
        return Err(bad(
            "The CSV header must name the columns firstName,lastName,email (and optionally role,phone).",
        ));
    }
    if let Some(unknown) = headers.iter().find(|h| {
        let key = column_key(h);
        !COLUMNS
            .iter()
            .chain(&EXPORT_ONLY)
            .any(|c| column_key(c) == key)
    }) {
        return Err(bad(format!(
            "Unknown CSV column {unknown:?}: use firstName,lastName,email,role,phone."
        )));
    }
    let mut lines = LineNumbers::new(text);
    let mut rows = Vec::new();
    for record in reader.records() {
        let (line, row) = match record {
            Ok(r) => {
                let line = lines.at(r.position());
                if r.iter().all(str::is_empty) {
                    continue;
                }
                let get = |i: usize| {
                    index[i]
                        .and_then(|at| r.get(at))
                        .map(|v| uncell(v).to_owned())
                };
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
            Err(e) => (lines.at(e.position()), Err(e)),
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

/// The line number of a record in the file, as an editor shows it (from 1).
///
/// From the record's byte position rather than `Position::line`: the csv crate counts
/// neither CRLF line ends nor skipped blank lines as a reader would, and its position
/// points at the blank lines before a record. Records come in order, so counting goes on
/// from the previous one.
struct LineNumbers<'a> {
    text: &'a [u8],
    /// A byte offset, and the line it is on.
    at: usize,
    line: u64,
}

impl<'a> LineNumbers<'a> {
    /// `text` with `\n` line ends only.
    fn new(text: &'a str) -> LineNumbers<'a> {
        LineNumbers {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn at(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return 0;
        };
        let mut start = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // The blank lines before the record are not its line.
        while self.text.get(start) == Some(&b'\n') {
            start += 1;
        }
        if start >= self.at {
            let breaks = self.text[self.at..start].iter().filter(|b| **b == b'\n');
            self.line += breaks.count() as u64;
            self.at = start;
        }
        self.line
    }
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
                    problems: problem("line", FieldError::CsvLine),
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
                problem("email", FieldError::EmailRepeated),
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
                problem("email", FieldError::EmailTaken),
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

/// How a cell starts that the export prefixes with `'`: what a spreadsheet would run as a
/// formula, and `'` itself (so that the import, removing one `'`, gets the value back).
const ESCAPED_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// Cells that a spreadsheet would run as a formula are prefixed with `'`.
pub(crate) fn cell(value: &str) -> String {
    if value.starts_with(ESCAPED_STARTS) {
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
    fn defused_cells_read_back_as_written() {
        for value in [
            "=SUM(A1)",
            "+962 7 9000 0000",
            "-x",
            "@home",
            "'quoted",
            "Ada",
            "",
        ] {
            assert_eq!(uncell(&cell(value)), value, "{value:?}");
        }
        assert_eq!(uncell("'Ada"), "'Ada");
    }

    fn lines(csv: &[u8]) -> Vec<(u64, Option<String>)> {
        parse_csv(csv)
            .unwrap()
            .into_iter()
            .map(|(line, row)| (line, row.ok().and_then(|f| f.email)))
            .collect()
    }

    #[test]
    fn line_numbers_count_crlf_and_quoted_line_breaks_as_a_file_does() {
        let crlf = b"firstName,lastName,email\r\nA,B,a@x.co\r\n\r\nC,D,c@x.co\r\n";
        assert_eq!(
            lines(crlf),
            [(2, Some("a@x.co".into())), (4, Some("c@x.co".into()))]
        );
        let quoted =
            b"firstName,lastName,email\r\n\"A\r\nB\",C,a@x.co\r\nD,\"E\nF\",d@x.co\r\nG,H,g@x.co\r\n";
        assert_eq!(
            lines(quoted),
            [
                (2, Some("a@x.co".into())),
                (4, Some("d@x.co".into())),
                (6, Some("g@x.co".into()))
            ]
        );
        let cr_only = b"firstName,lastName,email\rA,B,a@x.co\rC,D,c@x.co\r";
        assert_eq!(
            lines(cr_only),
            [(2, Some("a@x.co".into())), (3, Some("c@x.co".into()))]
        );
    }

    #[test]
    fn semicolons_export_columns_and_any_case_are_read() {
        let rows = parse_csv(
            b"ID;FIRSTNAME;last_name;E-Mail;Role;Phone;isactive;LASTLOGIN;createdAt\n\
              1;'=Ada;Lovelace;a@b.co;trainee;'+962 7 9000 0000;true;;2026-01-01T00:00:00Z\n",
        )
        .unwrap();
        let form = rows[0].1.as_ref().unwrap();
        assert_eq!(form.first_name.as_deref(), Some("=Ada"));
        assert_eq!(form.email.as_deref(), Some("a@b.co"));
        assert_eq!(form.phone.as_deref(), Some("+962 7 9000 0000"));
        assert_eq!(sniff_delimiter("a,b;c,d"), b',');
        assert_eq!(sniff_delimiter("\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
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
