//! Grading assignments: `GET /teach/assignments/{id}/submissions` lists the work handed in
//! (filters: ungraded, late), `GET/POST /teach/submissions/{id}` is the grading view of
//! one submission (its text, files, earlier versions and grade history beside the score
//! and feedback form); "Save and next" goes on to the next ungraded submission of the
//! assignment (`assets/js/assignments.js` does it in place where scripts run). The
//! course's trainer's and super admins'.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use uuid::Uuid;

use super::learner::{VersionView, page_of, version_view};
use super::teach::western_digits;
use super::{
    Facts, FileLink, actor, file_links, paragraphs, score_number, status_badge, submission_path,
    version_number,
};
use crate::db::submissions::SubmissionFilter;
use crate::domain::assignment::{Assignment, GradeForm, Submission};
use crate::domain::pagination::PageRequest;
use crate::error::AppError;
use crate::services::assignments;
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, FormErrors, Path};
use crate::web::page::{self, Page};
use crate::web::pagination::Pager;
use crate::web::roster::FilterLink;
use crate::web::session::PageUser;

pub fn list_path(assignment: Uuid) -> String {
    format!("/teach/assignments/{assignment}/submissions")
}

/// `?filter=` as typed: anything else is no filter.
fn filter_of(uri: &Uri) -> Option<&'static str> {
    url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "filter")
        .and_then(|(_, v)| match v.trim() {
            "ungraded" => Some("ungraded"),
            "late" => Some("late"),
            _ => None,
        })
}

fn href(assignment: Uuid, filter: Option<&str>, page: u64) -> String {
    let mut out = list_path(assignment);
    let mut sep = '?';
    if let Some(f) = filter {
        out.push_str(&format!("{sep}filter={f}"));
        sep = '&';
    }
    if page > 1 {
        out.push_str(&format!("{sep}page={page}"));
    }
    out
}

/// One submission of the list.
pub struct Row {
    pub href: String,
    pub name: String,
    pub initials: String,
    pub version: String,
    pub submitted: String,
    pub late: bool,
    pub badge: (&'static str, String),
}

#[derive(Template)]
#[template(path = "assignments/submissions.html")]
struct ListPage {
    ctx: Page,
    assignment: Assignment,
    course_title: String,
    facts: Facts,
    rows: Vec<Row>,
    filters: Vec<FilterLink>,
    filtered: bool,
    total: String,
    pager: Pager,
    past_last: Option<String>,
}

fn name_of(s: &Submission) -> String {
    s.user_name.clone().unwrap_or_default()
}

/// Initials of a name; Arabic letters are shown apart, as the roster does.
fn initials(name: &str) -> String {
    let letters: Vec<String> = name
        .split_whitespace()
        .take(2)
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .map(String::from)
        .collect();
    let apart = letters
        .iter()
        .any(|l| l.chars().any(crate::web::i18n::is_arabic));
    letters.join(if apart { "\u{2009}" } else { "" })
}

/// `GET /teach/assignments/{id}/submissions` (the course's trainer, super admins).
pub async fn list(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    uri: Uri,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let filter = filter_of(&uri);
    let assignment = assignments::show_to_teach(&state, &actor, id).await?;
    let course = assignments::course_to_teach(&state, &actor, assignment.course_id).await?;
    let chosen = SubmissionFilter {
        ungraded: filter == Some("ungraded"),
        late: filter == Some("late"),
    };
    let found = assignments::submissions(
        &state,
        &actor,
        id,
        chosen,
        PageRequest::new(page_of(&uri), None),
    )
    .await?;
    let pagination = found.pagination;
    let past_last = (found.items.is_empty()
        && pagination.total_items > 0
        && pagination.current_page > pagination.total_pages)
        .then(|| href(id, filter, pagination.total_pages.max(1)));
    let pager = Pager::new(
        &ctx,
        "submissions-pagination",
        ctx.t("classroom-submissions-pagination"),
        &pagination,
        found.items.len(),
        |p| href(id, filter, p),
    );
    let rows = found
        .items
        .iter()
        .map(|s| Row {
            href: submission_path(s.id),
            name: name_of(s),
            initials: initials(&name_of(s)),
            version: ctx.t1(
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
            badge: match s.score {
                Some(_) => status_badge(&ctx, s, assignment.points),
                None => ("muted", ctx.t("classroom-not-graded")),
            },
        })
        .collect();
    let filters = [
        (None, ctx.t("classroom-filter-all")),
        (Some("ungraded"), ctx.t("classroom-filter-ungraded")),
        (Some("late"), ctx.t("classroom-filter-late")),
    ]
    .into_iter()
    .map(|(f, label)| FilterLink {
        href: href(id, f, 1),
        label,
        current: filter == f,
    })
    .collect();
    page::render(
        StatusCode::OK,
        &ListPage {
            total: ctx.tn("classroom-submissions-count", &pagination.total_items),
            facts: Facts::of(&ctx, &assignment),
            course_title: course.title,
            assignment,
            rows,
            filters,
            filtered: filter.is_some(),
            pager,
            past_last,
            ctx,
        },
    )
}

/// One grade given or changed.
pub struct HistoryLine {
    pub at: String,
    pub change: String,
}

#[derive(Template)]
#[template(path = "assignments/grade.html")]
struct GradePage {
    ctx: Page,
    assignment: Assignment,
    submission: Submission,
    name: String,
    badge: (&'static str, String),
    current: VersionView,
    earlier: Vec<VersionView>,
    history: Vec<HistoryLine>,
    score: String,
    feedback: String,
    max: String,
    errors: FormErrors,
}

async fn render(
    state: &AppState,
    ctx: Page,
    who: &crate::services::auth::Authenticated,
    id: Uuid,
    typed: Option<(String, String)>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let actor = actor(who);
    let (detail, name) = assignments::detail_named(state, &actor, id).await?;
    let s = detail.submission;
    // Its own trainee reaches the detail, not the grading view (403).
    let assignment = assignments::show_to_teach(state, &actor, s.assignment_id).await?;
    let mut versions: Vec<VersionView> = detail
        .versions
        .iter()
        .rev()
        .map(|v| version_view(&ctx, s.id, v))
        .collect();
    let current = if versions.is_empty() {
        let files: Vec<FileLink> = file_links(&ctx, s.id, s.version, &s.files);
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
            files,
        }
    } else {
        versions.remove(0)
    };
    let history = detail
        .history
        .unwrap_or_default()
        .iter()
        .rev()
        .map(|h| HistoryLine {
            at: ctx.date_time(&h.at),
            change: match (h.old_score, h.new_score) {
                (Some(old), Some(new)) => ctx.t2(
                    "classroom-history-changed",
                    "from",
                    score_number(&ctx, old),
                    "to",
                    score_number(&ctx, new),
                ),
                (_, Some(new)) => {
                    ctx.t1("classroom-history-given", "value", score_number(&ctx, new))
                }
                _ => ctx.t("classroom-history-feedback"),
            },
        })
        .collect();
    let (score, feedback) = typed.unwrap_or_else(|| {
        (
            s.score
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
            s.feedback.clone().unwrap_or_default(),
        )
    });
    page::render(
        status,
        &GradePage {
            name,
            badge: match s.score {
                Some(_) => status_badge(&ctx, &s, assignment.points),
                None => ("muted", ctx.t("classroom-not-graded")),
            },
            max: ctx.number(&u64::try_from(assignment.points).unwrap_or(0)),
            current,
            earlier: versions,
            history,
            score,
            feedback,
            errors,
            assignment,
            submission: s,
            ctx,
        },
    )
}

/// `GET /teach/submissions/{id}` (the course's trainer, super admins; its trainee 403,
/// anyone else 404).
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    render(
        &state,
        ctx,
        &who,
        id,
        None,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct GradeValues {
    score: String,
    feedback: String,
    next: String,
}

/// `POST /teach/submissions/{id}` (the course's trainer, super admins): the score and
/// feedback; then this submission again, or with "Save and next" the next ungraded one of
/// the assignment (its list when none is left).
pub async fn grade(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<GradeValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let form = GradeForm {
        score: Some(serde_json::Value::String(western_digits(&values.score))),
        feedback: Some(values.feedback.clone()),
    };
    match assignments::grade(&state, &actor, id, &form).await {
        Ok(saved) => {
            let to = if values.next.is_empty() {
                submission_path(id)
            } else {
                match assignments::next_ungraded(&state, &actor, saved.assignment_id, id).await? {
                    Some(next) => submission_path(next),
                    None => list_path(saved.assignment_id),
                }
            };
            Ok(flash::redirect_with(&to, Flash::WorkGraded, ctx.secure))
        }
        Err(AppError::Validation(fields)) => {
            let mut errors = FormErrors::default();
            for name in ["score", "feedback"] {
                for e in fields.get(name).unwrap_or_default() {
                    let message = match e {
                        crate::domain::validation::FieldError::Required => {
                            ctx.t("classroom-score-required")
                        }
                        other => ctx.locale.field_error(other),
                    };
                    errors.add(name, message);
                }
            }
            let typed = Some((values.score, values.feedback));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&state, ctx, &who, id, typed, errors, status).await
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_of_arabic_names_are_apart() {
        assert_eq!(initials("Lina Haddad"), "LH");
        assert_eq!(initials("سارة خليل"), "س\u{2009}خ");
        assert_eq!(initials(""), "");
    }
}
