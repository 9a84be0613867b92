//! Queries on `user_preferences`.

use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use uuid::Uuid;

use super::entities::user_preferences::{self, Column, Entity};

pub async fn language(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Option<String>, DbErr> {
    Ok(Entity::find_by_id(user_id)
        .one(db)
        .await?
        .and_then(|p| p.language))
}

pub async fn set_language(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    language: &str,
) -> Result<(), DbErr> {
    let now = crate::clock::now();
    Entity::insert(user_preferences::ActiveModel {
        user_id: Set(user_id),
        language: Set(Some(language.to_owned())),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(Column::UserId)
            .update_columns([Column::Language, Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
