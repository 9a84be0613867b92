//! Grades from quiz scores: the course's choice, and keeping the computed grades up to
//! date whenever an attempt is graded (inside that transaction).

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::db;
use crate::domain::grade::{GradingSettings, from_quizzes};
use crate::domain::policy::{Actor, CourseAction, CourseGrant};
use crate::error::AppError;
use crate::services::courses::grant_for;
use crate::state::AppState;

/// Recomputes the grades of the course's enrolments (or one trainee's) from quiz scores,
/// when the course asks for it.
pub(crate) async fn refresh(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    only: Option<Uuid>,
) -> Result<(), AppError> {
    if !db::grades::grade_from_quizzes(txn, grant.course_id()).await? {
        return Ok(());
    }
    let best = db::grades::best_scores(txn, grant, only).await?;
    let mut by_letter: BTreeMap<&'static str, Vec<Uuid>> = BTreeMap::new();
    for (enrolment, scores) in best {
        if let Some(letter) = from_quizzes(&scores) {
            by_letter.entry(letter).or_default().push(enrolment);
        }
    }
    db::grades::set_grades(txn, grant, &by_letter).await?;
    Ok(())
}

pub async fn settings(
    state: &AppState,
    actor: &Actor,
    course: Uuid,
) -> Result<GradingSettings, AppError> {
    let (_, grant) = grant_for(&state.db, Some(actor), course, CourseAction::Teach).await?;
    Ok(GradingSettings {
        grade_from_quizzes: db::grades::grade_from_quizzes(&state.db, grant.course_id()).await?,
    })
}

/// The trainer's choice; turning it on computes every enrolment's grade at once.
pub async fn set_settings(
    state: &AppState,
    actor: &Actor,
    course: Uuid,
    settings: GradingSettings,
) -> Result<GradingSettings, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (_, grant) = grant_for(&txn, Some(actor), course, CourseAction::Teach).await?;
    db::courses::lock(&txn, &grant).await?;
    db::grades::set_grade_from_quizzes(&txn, &grant, settings.grade_from_quizzes).await?;
    refresh(&txn, &grant, None).await?;
    txn.commit().await?;
    Ok(settings)
}
