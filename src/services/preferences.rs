//! A user's own preferences: the page language, kept per user so it follows them to every
//! browser (the pages also keep it in a cookie, which serves visitors not signed in).

use uuid::Uuid;

use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// The language tags the pages offer.
pub const LANGUAGES: [&str; 2] = ["en", "ar"];

pub async fn language(state: &AppState, user_id: Uuid) -> Result<Option<String>, AppError> {
    Ok(db::user_preferences::language(&state.db, user_id)
        .await?
        .filter(|l| LANGUAGES.contains(&l.as_str())))
}

pub async fn set_language(state: &AppState, user_id: Uuid, tag: &str) -> Result<(), AppError> {
    if !LANGUAGES.contains(&tag) {
        return Err(AppError::field(
            "language",
            crate::domain::validation::FieldError::Language,
        ));
    }
    db::user_preferences::set_language(&state.db, user_id, tag).await?;
    Ok(())
}
