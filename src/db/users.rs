//! Queries on `users`.

use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::enums::Role;
use super::entities::users;
use crate::domain::user::NewAdmin;

/// Whether the admin was created or an existing account was reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminOutcome {
    Created,
    Reset,
}

/// Creates a super admin, or turns the account with that email into an active super admin
/// with the new password. The password is hashed by the entity's `before_save` hook.
pub async fn upsert_super_admin(
    db: &impl ConnectionTrait,
    admin: NewAdmin,
) -> Result<AdminOutcome, DbErr> {
    let existing = users::Entity::find()
        .filter(users::Column::Email.eq(admin.email.as_str()))
        .one(db)
        .await?;
    let (mut model, outcome) = match existing {
        Some(user) => (users::ActiveModel::from(user), AdminOutcome::Reset),
        None => (
            users::ActiveModel {
                email: Set(admin.email),
                ..Default::default()
            },
            AdminOutcome::Created,
        ),
    };
    model.first_name = Set(admin.first_name);
    model.last_name = Set(admin.last_name);
    model.password = Set(admin.password);
    model.role = Set(Role::SuperAdmin);
    model.is_active = Set(Some(true));
    model.requires_password_change = Set(Some(false));
    model.save(db).await?;
    Ok(outcome)
}
