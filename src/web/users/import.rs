//! CSV import and export of accounts: `GET/POST /users/import` (an upload form, then the
//! report of every line) and `GET /users/export` (the CSV download).

use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::domain::policy::{self, UserAction};
use crate::error::AppError;
use crate::services::user_imports::{self, CreatedRow, MAX_ROWS, RejectedRow};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::form::{Field, FormErrors};
use crate::web::page::{self, Page};
use crate::web::session::PageUser;
use crate::web::upload::{self, Upload};

#[derive(Template)]
#[template(path = "users/import.html")]
struct ImportPage {
    ctx: Page,
    /// The limits and how long an import takes.
    duration: String,
    errors: FormErrors,
    fields: Vec<Field>,
}

fn import_page(
    state: &AppState,
    status: StatusCode,
    ctx: Page,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let size = upload::megabytes(&ctx, user_imports::max_file_bytes(state));
    let max_lines = ctx.locale.number(MAX_ROWS as u64);
    let duration = ctx.t2("import-duration", "max", &max_lines, "size", &size);
    let fields = vec![
        Field::new("import-file", "file", ctx.t("field-import-file"), "file")
            .accept(".csv,text/csv")
            .hint(ctx.t2("hint-import-file", "max", max_lines, "size", size))
            .errors(&errors),
    ];
    page::render(
        status,
        &ImportPage {
            ctx,
            duration,
            errors,
            fields,
        },
    )
}

/// One rejected line, its problems in the page's language.
#[derive(Debug, Clone)]
struct RejectedLine {
    line: u64,
    email: Option<String>,
    reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "users/import_report.html")]
struct ReportPage {
    ctx: Page,
    created: Vec<CreatedRow>,
    rejected: Vec<RejectedLine>,
}

/// The label of a CSV column, as the account form names it.
fn column_label(ctx: &Page, field: &str) -> Option<String> {
    Some(match field {
        "firstName" => ctx.t("field-first-name"),
        "lastName" => ctx.t("field-last-name"),
        "email" => ctx.t("field-email"),
        "role" => ctx.t("field-role"),
        "phone" => ctx.t("field-phone"),
        _ => return None,
    })
}

fn rejected_line(ctx: &Page, row: RejectedRow) -> RejectedLine {
    let mut reasons = Vec::new();
    for (field, messages) in row.problems.iter() {
        for message in messages {
            let text = ctx.locale.field_error(message);
            reasons.push(match column_label(ctx, field) {
                Some(label) => format!("{label}: {text}"),
                None => text,
            });
        }
    }
    RejectedLine {
        line: row.line,
        email: row.email,
        reasons,
    }
}

/// What is wrong with the file as a whole, in the page's language (`user_imports`
/// explains it in English for the API).
fn file_problem(ctx: &Page, message: &str) -> String {
    if message.starts_with("The CSV file must be UTF-8") {
        ctx.t("import-error-utf8")
    } else if message.starts_with("The CSV header must name") {
        ctx.t("import-error-columns")
    } else if let Some(rest) = message.strip_prefix("Unknown CSV column ") {
        let column = rest.split(':').next().unwrap_or_default();
        ctx.t1("import-error-unknown-column", "column", column)
    } else if message.starts_with("The CSV file has more than") {
        ctx.t1(
            "import-error-too-many-lines",
            "max",
            ctx.locale.number(MAX_ROWS as u64),
        )
    } else {
        ctx.t("import-error-unreadable")
    }
}

/// `GET /users/import` (super admin): the upload form.
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    policy::users(&super::actor(&who), UserAction::Import).map_err(AppError::from)?;
    import_page(&state, StatusCode::OK, ctx, FormErrors::default())
}

/// `POST /users/import` (super admin, `multipart/form-data` with the CSV as `file`):
/// creates the good lines and reports every line, with the temporary passwords this once.
pub async fn import(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    request: Request,
) -> Result<Response, PageError> {
    let actor = super::actor(&who);
    // Before reading a possibly large body.
    policy::users(&actor, UserAction::Import).map_err(AppError::from)?;
    let mut errors = FormErrors::default();
    let max = user_imports::max_file_bytes(&state);
    let status = match upload::read_file(&state, request, "file", max).await? {
        Upload::Missing => {
            errors.add("file", ctx.t("error-import-file-required"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Upload::TooLarge => {
            errors.add(
                "file",
                ctx.t1(
                    "error-import-too-large",
                    "size",
                    upload::megabytes(&ctx, max),
                ),
            );
            StatusCode::PAYLOAD_TOO_LARGE
        }
        Upload::File(bytes) => match user_imports::import(&state, &actor, &bytes).await {
            Ok(report) => {
                let rejected = report
                    .rejected
                    .into_iter()
                    .map(|row| rejected_line(&ctx, row))
                    .collect();
                let page = ReportPage {
                    ctx,
                    created: report.created,
                    rejected,
                };
                return page::render(StatusCode::OK, &page);
            }
            Err(AppError::BadRequest(message)) => {
                errors.add("file", file_problem(&ctx, &message));
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Err(other) => return Err(other.into()),
        },
    };
    import_page(&state, status, ctx, errors)
}

/// `GET /users/export` (super admin): every account as CSV.
pub async fn export(
    State(state): State<AppState>,
    PageUser(who): PageUser,
) -> Result<Response, PageError> {
    let csv = user_imports::export(&state, &super::actor(&who)).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"courseworx-users.csv\"",
            ),
            // Personal data: never kept by a cache.
            (CACHE_CONTROL, "no-store"),
        ],
        csv,
    )
        .into_response())
}
