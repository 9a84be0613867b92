//! What the database says about stored files: every column that names one, read whole for
//! the orphan sweep (`services::files`). Each value is as stored (an avatar's or a
//! cover's served address, a content's key, a hand-in's file list); the service turns
//! them into keys.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

use super::entities::{
    assignment_submissions, course_contents, courses, submission_versions, users,
};
use super::submissions::StoredFile;

/// Every avatar address users hold.
pub async fn avatars(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    users::Entity::find()
        .select_only()
        .column(users::Column::Avatar)
        .filter(users::Column::Avatar.is_not_null())
        .into_tuple()
        .all(db)
        .await
}

/// Every cover address courses hold.
pub async fn thumbnails(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    courses::Entity::find()
        .select_only()
        .column(courses::Column::Thumbnail)
        .filter(courses::Column::Thumbnail.is_not_null())
        .into_tuple()
        .all(db)
        .await
}

/// The keys of every content's file and captions: only those two columns are read (an
/// article's text can be long).
pub async fn content_keys(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let named: Vec<(Option<String>, Option<serde_json::Value>)> = course_contents::Entity::find()
        .select_only()
        .column(course_contents::Column::FileUrl)
        .column(course_contents::Column::Metadata)
        .filter(
            Condition::any()
                .add(course_contents::Column::FileUrl.is_not_null())
                .add(course_contents::Column::Metadata.is_not_null()),
        )
        .into_tuple()
        .all(db)
        .await?;
    Ok(named
        .into_iter()
        .flat_map(|(file, metadata)| super::contents::keys_in(file, metadata.as_ref()))
        .collect())
}

/// The keys of every file handed in, in every submission and every kept version. A list
/// that cannot be read names no file, for the sweep as for the application, which could
/// not serve them either.
pub async fn submission_keys(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let current: Vec<Option<serde_json::Value>> = assignment_submissions::Entity::find()
        .select_only()
        .column(assignment_submissions::Column::Files)
        .into_tuple()
        .all(db)
        .await?;
    let versions: Vec<Option<serde_json::Value>> = submission_versions::Entity::find()
        .select_only()
        .column(submission_versions::Column::Files)
        .into_tuple()
        .all(db)
        .await?;
    Ok(current
        .into_iter()
        .chain(versions)
        .flatten()
        .flat_map(|files| serde_json::from_value::<Vec<StoredFile>>(files).unwrap_or_default())
        .map(|f| f.key)
        .collect())
}
