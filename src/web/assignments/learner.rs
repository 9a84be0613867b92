//! The trainee's side: `GET /learn/{course_id}/assignments` (a course's published
//! assignments with the caller's status on each), `GET /learn/assignments/{id}` (one
//! assignment, the hand-in form, and the caller's work with its versions, grade and
//! feedback) and `POST` on the same address (the hand-in, `multipart/form-data`).

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use uuid::Uuid;

use super::{
    Facts, FileLink, actor, assignment_path, file_links, hand_in, paragraphs, status_badge,
    version_number,
};
use crate::domain::assignment::{Assignment, SubmitRefusal, may_submit};
use crate::domain::pagination::PageRequest;
use crate::domain::policy::Actor;
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::{assignments, courses};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{FormErrors, Path};
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::session::PageUser;

/// One assignment of the trainee's list.
pub struct Row {
    pub href: String,
    pub title: String,
    pub facts: Facts,
    pub badge: (&'static str, String),
}

#[derive(Template)]
#[template(path = "assignments/learn_list.html")]
struct ListPage {
    ctx: Page,
    course_id: Uuid,
    course_title: String,
    rows: Vec<Row>,
    pager: Pager,
    past_last: Option<String>,
}

fn list_href(course: Uuid, page: u64) -> String {
    if page > 1 {
        format!("/learn/{course}/assignments?page={page}")
    } else {
        format!("/learn/{course}/assignments")
    }
}

pub fn page_of(uri: &Uri) -> Option<u64> {
    url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "page")
        .and_then(|(_, value)| value.trim().parse().ok())
}

/// `GET /learn/{course_id}/assignments` (the course's learners, its trainer, super admins).
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(course_id): Path<Uuid>,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let found = assignments::list(
        &state,
        &actor,
        course_id,
        PageRequest::new(page_of(&uri), None),
    )
    .await?;
    let course = courses::show(&state, Some(&actor), course_id).await?;
    let pagination = found.pagination;
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| list_href(course_id, pagination.total_pages.max(1)));
    let pager = Pager::new(
        &ctx,
        "assignments-pagination",
        ctx.t("classroom-pagination-label"),
        &pagination,
        found.items.len(),
        |p| list_href(course_id, p),
    );
    let mut rows = Vec::with_capacity(found.items.len());
    // One look-up per row, on a page of at most a few dozen: the service has no batch
    // read of a trainee's submissions yet.
    for a in &found.items {
        let mine = assignments::mine(&state, &actor, a.id).await?;
        let badge = match &mine {
            Some(s) => status_badge(&ctx, s, a.points),
            None => ("muted", ctx.t("classroom-status-not-handed-in")),
        };
        rows.push(Row {
            href: assignment_path(a.id),
            title: a.title.clone(),
            facts: Facts::of(&ctx, a),
            badge,
        });
    }
    page::render(
        StatusCode::OK,
        &ListPage {
            ctx,
            course_id,
            course_title: course.title,
            rows,
            pager,
            past_last,
        },
    )
}

/// One version handed in.
pub struct VersionView {
    pub label: String,
    pub submitted: String,
    pub late: bool,
    pub text: Vec<String>,
    pub files: Vec<FileLink>,
}

/// The caller's work as the page shows it.
pub struct WorkView {
    pub badge: (&'static str, String),
    pub current: VersionView,
    pub earlier: Vec<VersionView>,
    pub earlier_label: String,
    pub score: Option<String>,
    pub feedback_html: Option<String>,
}

/// Whether the form is offered, and if not, why.
pub enum Offer {
    Form,
    Refused(String),
    /// The course's trainer or a super admin, looking.
    Preview,
}

#[derive(Template)]
#[template(path = "assignments/learn_show.html")]
struct ShowPage {
    ctx: Page,
    assignment: Assignment,
    course_title: String,
    description: Vec<String>,
    facts: Facts,
    work: Option<WorkView>,
    offer: Offer,
    text: String,
    errors: FormErrors,
    /// A refusal of the whole hand-in (409), above the form.
    refusal: Option<String>,
    files_hint: String,
}

/// What the form sends back after a refusal.
#[derive(Default)]
struct Draft {
    text: String,
    errors: FormErrors,
    refusal: Option<String>,
}

fn refusal_text(ctx: &Page, refusal: SubmitRefusal) -> String {
    match refusal {
        SubmitRefusal::Graded => ctx.t("classroom-refused-graded"),
        SubmitRefusal::PastDue => ctx.t("classroom-refused-past-due"),
    }
}

pub fn version_view(
    ctx: &Page,
    submission: Uuid,
    v: &crate::domain::assignment::SubmissionVersion,
) -> VersionView {
    VersionView {
        label: ctx.t1(
            "classroom-version",
            "version",
            ctx.number(&version_number(v.version)),
        ),
        submitted: ctx.t1(
            "classroom-handed-in-at",
            "date",
            ctx.date_time(&v.submitted_at),
        ),
        late: v.is_late,
        text: v.text.as_deref().map(paragraphs).unwrap_or_default(),
        files: file_links(ctx, submission, v.version, &v.files),
    }
}

async fn render(
    state: &AppState,
    ctx: Page,
    actor: &Actor,
    id: Uuid,
    draft: Draft,
    status: StatusCode,
) -> Result<Response, PageError> {
    let assignment = assignments::show(state, actor, id).await?;
    let course = courses::show(state, Some(actor), assignment.course_id).await?;
    let mine = assignments::mine(state, actor, id).await?;
    let offer = match assignments::precheck(state, actor, id).await {
        Ok(()) => Offer::Form,
        Err(AppError::Conflict(_)) => {
            let judged = may_submit(
                crate::clock::now(),
                assignment.due_date,
                assignment.allow_late_submission,
                mine.as_ref().map(|s| s.status),
            );
            Offer::Refused(match judged {
                Err(r) => refusal_text(&ctx, r),
                Ok(_) => ctx.t("classroom-refused-past-due"),
            })
        }
        Err(AppError::Denied(_)) => Offer::Preview,
        Err(other) => return Err(other.into()),
    };
    let work = match &mine {
        None => None,
        Some(s) => {
            let detail = assignments::detail(state, actor, s.id).await?;
            let mut versions: Vec<VersionView> = detail
                .versions
                .iter()
                .rev()
                .map(|v| version_view(&ctx, s.id, v))
                .collect();
            let current = if versions.is_empty() {
                VersionView {
                    label: ctx.t1(
                        "classroom-version",
                        "version",
                        ctx.number(&version_number(s.version)),
                    ),
                    submitted: ctx.t1(
                        "classroom-handed-in-at",
                        "date",
                        ctx.date_time(&s.submitted_at),
                    ),
                    late: s.is_late,
                    text: s.text.as_deref().map(paragraphs).unwrap_or_default(),
                    files: file_links(&ctx, s.id, s.version, &s.files),
                }
            } else {
                versions.remove(0)
            };
            Some(WorkView {
                badge: status_badge(&ctx, s, assignment.points),
                earlier_label: ctx.tn("classroom-earlier-versions", &(versions.len() as u64)),
                current,
                earlier: versions,
                score: s
                    .score
                    .map(|score| super::score_text(&ctx, score, assignment.points)),
                feedback_html: s.feedback_html.clone(),
            })
        }
    };
    let uploads = &state.config.uploads;
    let limit = uploads.document_max_bytes.max(uploads.image_max_bytes);
    let files_hint = ctx.t2(
        "classroom-files-hint",
        "count",
        ctx.number(&(assignments::FILES_MAX as u64)),
        "size",
        crate::web::upload::megabytes(&ctx, usize::try_from(limit).unwrap_or(usize::MAX)),
    );
    page::render(
        status,
        &ShowPage {
            description: paragraphs(&assignment.description),
            facts: Facts::of(&ctx, &assignment),
            course_title: course.title,
            assignment,
            work,
            offer,
            text: draft.text,
            errors: draft.errors,
            refusal: draft.refusal,
            files_hint,
            ctx,
        },
    )
}

/// `GET /learn/assignments/{id}` (the course's learners; its trainer and super admins see
/// it without the form).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    render(&state, ctx, &actor, id, Draft::default(), StatusCode::OK).await
}

/// The page's words for a refused hand-in, and its status; `None` for what the error page
/// answers (not found, forbidden, a failure).
fn refused(state: &AppState, ctx: &Page, error: &AppError) -> Option<(StatusCode, Draft)> {
    let mut draft = Draft::default();
    let status = match error {
        AppError::Conflict(_) => {
            draft.refusal = Some(ctx.t("classroom-refused"));
            StatusCode::CONFLICT
        }
        AppError::PayloadTooLarge => {
            let uploads = &state.config.uploads;
            let limit = uploads.document_max_bytes.max(uploads.image_max_bytes);
            draft.errors.add(
                "files",
                ctx.t1(
                    "classroom-file-too-large",
                    "size",
                    crate::web::upload::megabytes(
                        ctx,
                        usize::try_from(limit).unwrap_or(usize::MAX),
                    ),
                ),
            );
            StatusCode::PAYLOAD_TOO_LARGE
        }
        AppError::UnsupportedMediaType(_) => {
            draft.errors.add("files", ctx.t("classroom-file-type"));
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        AppError::BadRequest(_) => {
            draft
                .errors
                .add("files", ctx.t("classroom-upload-unreadable"));
            StatusCode::BAD_REQUEST
        }
        AppError::Validation(fields) => {
            for name in ["text", "files"] {
                for e in fields.get(name).unwrap_or_default() {
                    let message = match e {
                        FieldError::Required => ctx.t("classroom-work-required"),
                        other => ctx.locale.field_error(other),
                    };
                    draft.errors.add(name, message);
                }
            }
            if draft.errors.count() == 0 {
                draft.errors.add("text", ctx.t("classroom-work-required"));
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        _ => return None,
    };
    Some((status, draft))
}

/// `POST /learn/assignments/{id}` (an actively enrolled trainee): the work, text and up to
/// ten files. A refusal is shown on the form: past the due date or graded (409) above it,
/// a file too large (413), of a type not taken (415) or missing work (422) on its field;
/// nothing is kept then.
pub async fn hand_in(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    // Nothing is stored for someone who may not hand in work now.
    let result = match assignments::precheck(&state, &actor, id).await {
        Err(e) => Err((e, String::new())),
        Ok(()) => match hand_in::read(&state, id, request).await {
            Err(refused) => Err(refused),
            Ok(form) => {
                let text = form.text.clone().unwrap_or_default();
                assignments::submit(&state, &actor, id, form.text.as_deref(), form.files)
                    .await
                    .map_err(|e| (e, text))
            }
        },
    };
    match result {
        Ok(_) => Ok(flash::redirect_with(
            &format!("{}#work", assignment_path(id)),
            Flash::WorkHandedIn,
            ctx.secure,
        )),
        Err((error, text)) => match refused(&state, &ctx, &error) {
            Some((status, mut draft)) => {
                draft.text = text;
                render(&state, ctx, &actor, id, draft, status).await
            }
            None => Err(error.into()),
        },
    }
}
