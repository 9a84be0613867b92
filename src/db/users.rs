//! Queries on `users`.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::sea_query::{ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::entities::enums::Role;
use super::entities::users;
use crate::auth::password::PasswordHash;
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::user::{
    NewAdmin, NewUser, User, UserChanges, UserFilter, UserSort, UserSortColumn,
};

/// Whether the admin was created or an existing account was reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminOutcome {
    Created,
    Reset,
}

/// Creates a super admin, or turns the account with that email into an active super admin
/// with the new password.
pub async fn upsert_super_admin(
    db: &impl ConnectionTrait,
    admin: NewAdmin,
    password: &PasswordHash,
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
    model.password = Set(password.as_str().to_owned());
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

/// Sets a new password and whether it must be changed at the next login.
pub async fn set_password(
    db: &impl ConnectionTrait,
    id: Uuid,
    password: &PasswordHash,
    requires_change: bool,
) -> Result<User, DbErr> {
    let model = users::ActiveModel {
        id: Unchanged(id),
        password: Set(password.as_str().to_owned()),
        requires_password_change: Set(Some(requires_change)),
        ..Default::default()
    };
    Ok(model.update(db).await?.into())
}

/// The active super admins, their rows locked until the transaction ends (`FOR UPDATE` on
/// PostgreSQL; on SQLite the write transaction already holds the database's only write
/// lock, and sea-query leaves the clause out). Two transactions that each take away a
/// super admin therefore decide one after the other, and the second sees the first's
/// change.
pub async fn lock_active_super_admins(db: &impl ConnectionTrait) -> Result<Vec<Uuid>, DbErr> {
    users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Role.eq(Role::SuperAdmin))
        .filter(users::Column::IsActive.eq(true))
        .lock_exclusive()
        .into_tuple()
        .all(db)
        .await
}

pub async fn super_admin_exists(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(users::Entity::find()
        .filter(users::Column::Role.eq(Role::SuperAdmin))
        .one(db)
        .await?
        .is_some())
}

/// Inserts a new super admin (setup); a duplicate email is a unique violation.
pub async fn insert_super_admin(
    db: &impl ConnectionTrait,
    admin: NewAdmin,
    password: &PasswordHash,
) -> Result<User, DbErr> {
    let model = users::ActiveModel {
        first_name: Set(admin.first_name),
        last_name: Set(admin.last_name),
        email: Set(admin.email),
        password: Set(password.as_str().to_owned()),
        role: Set(Role::SuperAdmin),
        is_active: Set(Some(true)),
        requires_password_change: Set(Some(false)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<User>, DbErr> {
    Ok(users::Entity::find_by_id(id).one(db).await?.map(User::from))
}

/// One page of users matching the filter, in the requested order (two queries: the page and
/// the count).
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &UserFilter,
    sort: UserSort,
    page: PageRequest,
) -> Result<Page<User>, DbErr> {
    let mut query = users::Entity::find();
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let pattern = super::like_contains(&search.to_lowercase());
        let matches = |col: users::Column| {
            Expr::expr(Func::lower(Expr::col((users::Entity, col))))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(matches(users::Column::FirstName))
                .add(matches(users::Column::LastName))
                .add(matches(users::Column::Email)),
        );
    }
    if let Some(role) = filter.role {
        query = query.filter(users::Column::Role.eq(Role::from(role)));
    }
    if let Some(active) = filter.is_active {
        // NULL is the seed's default: active.
        query = if active {
            query.filter(
                Condition::any()
                    .add(users::Column::IsActive.eq(true))
                    .add(users::Column::IsActive.is_null()),
            )
        } else {
            query.filter(users::Column::IsActive.eq(false))
        };
    }
    let column = match sort.column {
        UserSortColumn::CreatedAt => users::Column::CreatedAt,
        UserSortColumn::FirstName => users::Column::FirstName,
        UserSortColumn::LastName => users::Column::LastName,
        UserSortColumn::Email => users::Column::Email,
        UserSortColumn::Role => users::Column::Role,
        UserSortColumn::LastLogin => users::Column::LastLogin,
    };
    let order = if sort.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    // The id breaks ties so pages never overlap.
    let query = query
        .order_by(column, order.clone())
        .order_by(users::Column::Id, order);
    let total = query.clone().count(db).await?;
    let items = query
        .offset(page.offset())
        .limit(page.limit)
        .all(db)
        .await?
        .into_iter()
        .map(User::from)
        .collect();
    Ok(Page {
        items,
        pagination: Pagination::new(page, total),
    })
}

/// Inserts an account. A duplicate email is a unique violation.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewUser,
    password: &PasswordHash,
) -> Result<User, DbErr> {
    let model = users::ActiveModel {
        first_name: Set(new.first_name),
        last_name: Set(new.last_name),
        email: Set(new.email),
        password: Set(password.as_str().to_owned()),
        role: Set(new.role.into()),
        phone: Set(new.phone),
        is_active: Set(Some(true)),
        requires_password_change: Set(Some(new.requires_password_change)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// Applies the given changes; `None` when the user does not exist.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    changes: UserChanges,
) -> Result<Option<User>, DbErr> {
    let Some(existing) = users::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let mut model = users::ActiveModel::from(existing);
    if let Some(v) = changes.first_name {
        model.first_name = Set(v);
    }
    if let Some(v) = changes.last_name {
        model.last_name = Set(v);
    }
    if let Some(v) = changes.email {
        model.email = Set(v);
    }
    if let Some(v) = changes.role {
        model.role = Set(v.into());
    }
    if let Some(v) = changes.phone {
        model.phone = Set(v);
    }
    if let Some(v) = changes.is_active {
        model.is_active = Set(Some(v));
    }
    Ok(Some(model.update(db).await?.into()))
}

/// The user's row, locked until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's
/// `BEGIN IMMEDIATE` already holds the only write lock, and sea-query leaves the clause out).
async fn find_locked(txn: &impl ConnectionTrait, id: Uuid) -> Result<Option<users::Model>, DbErr> {
    users::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await
}

/// Deletes an account. Refused by the database (a foreign-key violation) while courses,
/// enrolments or other records refer to it; its sessions go with it. Returns the avatar
/// address the row held (`Ok(None)`: no such user). Run it in a write transaction: the row
/// is read under a lock, so an avatar change that committed first is the one returned, and
/// one that comes after finds no row.
pub async fn delete(txn: &impl ConnectionTrait, id: Uuid) -> Result<Option<Option<String>>, DbErr> {
    let Some(current) = find_locked(txn, id).await? else {
        return Ok(None);
    };
    let result = users::Entity::delete_by_id(id).exec(txn).await?;
    Ok((result.rows_affected > 0).then_some(current.avatar))
}

/// Which of these (normalised) emails already belong to an account; one query.
pub async fn existing_emails(
    db: &impl ConnectionTrait,
    emails: &[String],
) -> Result<std::collections::HashSet<String>, DbErr> {
    if emails.is_empty() {
        return Ok(Default::default());
    }
    let mut found = std::collections::HashSet::new();
    // Chunks keep the statement under SQLite's parameter limit.
    for chunk in emails.chunks(500) {
        let rows = users::Entity::find()
            .filter(users::Column::Email.is_in(chunk.iter().cloned()))
            .all(db)
            .await?;
        found.extend(rows.into_iter().map(|m| m.email));
    }
    Ok(found)
}

/// Every account, oldest first (export).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<User>, DbErr> {
    Ok(users::Entity::find()
        .order_by_asc(users::Column::CreatedAt)
        .order_by_asc(users::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(User::from)
        .collect())
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

/// What an avatar change replaced.
pub struct AvatarSwap {
    pub user: User,
    /// The address the row held before (its file is now unreferenced).
    pub previous: Option<String>,
}

/// Points the user's avatar at a new address and returns the one it replaced; `None` when
/// the user does not exist. Run it in a write transaction: the row is read under a lock
/// (`FOR UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds the only write
/// lock), so of two concurrent changes the second sees the first one's address as the
/// previous one, and every replaced file is named exactly once.
pub async fn swap_avatar(
    txn: &impl ConnectionTrait,
    id: Uuid,
    url: &str,
) -> Result<Option<AvatarSwap>, DbErr> {
    let Some(current) = find_locked(txn, id).await? else {
        return Ok(None);
    };
    users::Entity::update_many()
        .col_expr(users::Column::Avatar, Expr::value(url))
        .col_expr(users::Column::UpdatedAt, Expr::value(crate::clock::now()))
        .filter(users::Column::Id.eq(id))
        .exec(txn)
        .await?;
    let user = find(txn, id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("a locked user".to_owned()))?;
    Ok(Some(AvatarSwap {
        user,
        previous: current.avatar,
    }))
}

/// The avatar address the user's row holds now (`None` for no user or no avatar).
pub async fn avatar_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<String>, DbErr> {
    Ok(users::Entity::find_by_id(id)
        .select_only()
        .column(users::Column::Avatar)
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten())
}

/// The active trainee accounts among these ids and (normalised) emails: (id, email).
/// One query, whatever the list's length (callers cap it).
pub async fn active_trainees_among(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    emails: &[String],
) -> Result<Vec<(Uuid, String)>, DbErr> {
    if ids.is_empty() && emails.is_empty() {
        return Ok(Vec::new());
    }
    users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::Email)
        .filter(users::Column::Role.eq(Role::Trainee))
        .filter(users::Column::IsActive.eq(true))
        .filter(
            sea_orm::Condition::any()
                .add(users::Column::Id.is_in(ids.iter().copied()))
                .add(users::Column::Email.is_in(emails.iter().cloned())),
        )
        .into_tuple()
        .all(db)
        .await
}
