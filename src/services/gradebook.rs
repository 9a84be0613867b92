//! The gradebook of a course, for its trainer and super admins: one page of trainees (the
//! roster's order) × the published assignments and quizzes, in a fixed number of queries
//! whatever the class size (the roster page and its count, the assignments, the contents,
//! the page's submissions, the page's best quiz scores). Grades are set through the
//! routes that own them (`PUT /api/submissions/{id}/grade`, `PUT /api/enrollments/{id}`).

use std::collections::HashMap;

use uuid::Uuid;

use crate::db;
use crate::domain::content::ContentKind;
use crate::domain::gradebook::{
    ColumnKind, GradebookColumn, GradebookRow, assignment_cell, quiz_cell, total,
};
use crate::domain::pagination::{Page, PageRequest};
use crate::domain::policy::{Actor, CourseAction};
use crate::error::AppError;
use crate::services::courses::grant_for;
use crate::state::AppState;

pub struct Gradebook {
    pub columns: Vec<GradebookColumn>,
    pub rows: Page<GradebookRow>,
}

pub async fn show(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    page: PageRequest,
) -> Result<Gradebook, AppError> {
    let (_, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    let db = &state.db;
    // Every published assignment fits on one page of columns.
    let all = PageRequest::new(Some(1), Some(crate::domain::pagination::MAX_LIMIT));
    let mut columns: Vec<GradebookColumn> = db::assignments::list(db, &grant, false, all)
        .await?
        .items
        .into_iter()
        .map(|a| GradebookColumn {
            id: a.id,
            kind: ColumnKind::Assignment,
            title: a.title,
            points: a.points,
        })
        .collect();
    columns.extend(
        db::contents::summaries(db, &grant)
            .await?
            .into_iter()
            .filter(|c| c.kind == ContentKind::Quiz && c.is_published)
            .map(|c| GradebookColumn {
                id: c.id,
                kind: ColumnKind::Quiz,
                title: c.title,
                points: 100,
            }),
    );
    let roster = db::enrolments::roster(db, &grant, None, page).await?;
    let users: Vec<Uuid> = roster.items.iter().map(|e| e.trainee.id).collect();
    let submissions = db::submissions::of_trainees(db, &grant, users.clone()).await?;
    let by_work: HashMap<(Uuid, Uuid), _> = submissions
        .iter()
        .map(|s| ((s.user_id, s.assignment_id), s))
        .collect();
    let best: HashMap<(Uuid, Uuid), i64> = db::grades::best_by_quiz(db, &grant, &users)
        .await?
        .into_iter()
        .map(|(u, q, b)| ((u, q), b))
        .collect();
    let items = roster
        .items
        .into_iter()
        .map(|entry| {
            let user = entry.trainee.id;
            let cells: Vec<_> = columns
                .iter()
                .map(|c| match c.kind {
                    ColumnKind::Assignment => assignment_cell(by_work.get(&(user, c.id)).copied()),
                    ColumnKind::Quiz => quiz_cell(best.get(&(user, c.id)).copied()),
                })
                .collect();
            GradebookRow {
                user_id: user,
                enrollment_id: entry.enrollment.id,
                first_name: entry.trainee.first_name,
                last_name: entry.trainee.last_name,
                email: entry.trainee.email,
                status: entry.enrollment.status.as_str().to_owned(),
                progress: entry.enrollment.progress,
                total: total(&columns, &cells),
                cells,
                grade: entry.enrollment.grade,
            }
        })
        .collect();
    Ok(Gradebook {
        columns,
        rows: Page {
            items,
            pagination: roster.pagination,
        },
    })
}

/// The whole gradebook as CSV (every trainee, in pages of the largest size), cells a
/// spreadsheet would run as a formula defused.
pub async fn csv(state: &AppState, actor: &Actor, course_id: Uuid) -> Result<String, AppError> {
    use crate::services::user_imports::cell;
    let limit = crate::domain::pagination::MAX_LIMIT;
    let mut book = show(
        state,
        actor,
        course_id,
        PageRequest::new(Some(1), Some(limit)),
    )
    .await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "firstName".to_owned(),
        "lastName".to_owned(),
        "email".to_owned(),
        "status".to_owned(),
        "progress".to_owned(),
    ];
    header.extend(
        book.columns
            .iter()
            .map(|c| cell(&format!("{} (/{})", c.title, c.points))),
    );
    header.extend(["total".to_owned(), "grade".to_owned()]);
    let fail = |e: csv::Error| AppError::Internal(e.into());
    writer.write_record(&header).map_err(fail)?;
    let mut page = 1;
    loop {
        for r in &book.rows.items {
            let mut line = vec![
                cell(&r.first_name),
                cell(&r.last_name),
                cell(&r.email),
                r.status.clone(),
                r.progress.round_dp(2).to_string(),
            ];
            line.extend(r.cells.iter().map(|c| {
                c.score
                    .map(|s| s.normalize().to_string())
                    .unwrap_or_default()
            }));
            line.push(r.total.map(|t| t.to_string()).unwrap_or_default());
            line.push(r.grade.clone().unwrap_or_default());
            writer.write_record(&line).map_err(fail)?;
        }
        if page >= book.rows.pagination.total_pages {
            break;
        }
        page += 1;
        book = show(
            state,
            actor,
            course_id,
            PageRequest::new(Some(page), Some(limit)),
        )
        .await?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(e.into()))
}
