//! The trainer's grading sheet: one submitted attempt with its quiz and its trainee, for
//! the grading page. Reading only; the grades go through `attempts::grade`.

use uuid::Uuid;

use crate::db;
use crate::domain::attempt::Attempt;
use crate::domain::content::Content;
use crate::domain::enrolment::Trainee;
use crate::domain::policy::{Actor, CourseAction};
use crate::error::AppError;
use crate::services::{attempts, outline};
use crate::state::AppState;

/// An attempt as its course's trainer (or a super admin) grades it.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub attempt: Attempt,
    pub quiz: Content,
    pub course_title: String,
    pub trainee: Trainee,
}

/// The attempt, its quiz and its trainee, for the course's trainer and super admins; 404
/// for anyone else (its own trainee included: this is the trainer's view).
pub async fn sheet(state: &AppState, actor: &Actor, id: Uuid) -> Result<Sheet, AppError> {
    let attempt = attempts::show(state, actor, id).await?;
    let (quiz, _, _) = match outline::find_content(
        &state.db,
        Some(actor),
        attempt.content_id,
        CourseAction::Teach,
    )
    .await
    {
        Err(AppError::Denied(_)) => return Err(AppError::NotFound),
        other => other?,
    };
    let course = db::courses::find(&state.db, attempt.course_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = db::users::find(&state.db, attempt.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Sheet {
        attempt,
        quiz,
        course_title: course.title,
        trainee: Trainee {
            id: user.id,
            first_name: user.first_name,
            last_name: user.last_name,
            email: user.email,
        },
    })
}
