//! Queries on `users`.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entities::enums::Role;
use super::entities::users;
use crate::domain::user::{NewAdmin, User};

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

/// A user and the stored hash, for the one place that checks a password.
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

pub async fn find_credentials_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<Credentials>, DbErr> {
    Ok(users::Entity::find()
        .filter(users::Column::Email.eq(email))
        .one(db)
        .await?
        .map(|m| Credentials {
            password_hash: m.password.clone(),
            user: m.into(),
        }))
}

pub async fn find_credentials_by_id(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<Credentials>, DbErr> {
    Ok(users::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|m| Credentials {
            password_hash: m.password.clone(),
            user: m.into(),
        }))
}

pub async fn record_login(
    db: &impl ConnectionTrait,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::LastLogin, Expr::value(at))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a new password (hashed by the entity hook) and whether it must be changed at the
/// next login.
pub async fn set_password(
    db: &impl ConnectionTrait,
    id: Uuid,
    clear: &str,
    requires_change: bool,
) -> Result<User, DbErr> {
    let model = users::ActiveModel {
        id: Unchanged(id),
        password: Set(clear.to_owned()),
        requires_password_change: Set(Some(requires_change)),
        ..Default::default()
    };
    Ok(model.update(db).await?.into())
}

pub async fn super_admin_exists(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(users::Entity::find()
        .filter(users::Column::Role.eq(Role::SuperAdmin))
        .one(db)
        .await?
        .is_some())
}

/// Inserts a new super admin (setup); a duplicate email is a unique violation.
pub async fn insert_super_admin(db: &impl ConnectionTrait, admin: NewAdmin) -> Result<User, DbErr> {
    let model = users::ActiveModel {
        first_name: Set(admin.first_name),
        last_name: Set(admin.last_name),
        email: Set(admin.email),
        password: Set(admin.password),
        role: Set(Role::SuperAdmin),
        is_active: Set(Some(true)),
        requires_password_change: Set(Some(false)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// How many users each role has (roles without users are left out); one query.
pub async fn count_by_role(
    db: &impl ConnectionTrait,
) -> Result<Vec<(crate::domain::user::Role, u64)>, DbErr> {
    use sea_orm::QuerySelect;
    let rows: Vec<(Role, i64)> = users::Entity::find()
        .select_only()
        .column(users::Column::Role)
        .column_as(users::Column::Id.count(), "count")
        .group_by(users::Column::Role)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(role, n)| (role.into(), u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The `limit` most recently created users, newest first.
pub async fn latest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<User>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(users::Entity::find()
        .order_by_desc(users::Column::CreatedAt)
        .order_by_desc(users::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(User::from)
        .collect())
}
