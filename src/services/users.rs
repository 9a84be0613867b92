//! The super admin's user management: list, create, show, update (including deactivate and
//! reactivate), reset password, delete. CSV import and export are in `user_imports`.

use uuid::Uuid;

use crate::auth::password;
use crate::db;
use crate::domain::pagination::{Page, PageRequest};
use crate::domain::policy::{self, Actor, Denied, UserAction};
use crate::domain::user::{
    NewUser, Role, User, UserChanges, UserChangesForm, UserFilter, UserForm, UserSort,
};
use crate::error::AppError;
use crate::services::profile;
use crate::state::AppState;

/// A created account, with its temporary password when one was generated (shown once).
#[derive(Debug, Clone)]
pub struct CreatedUser {
    pub user: User,
    pub temporary_password: Option<String>,
}

/// A unique violation on `users` can only be the email.
pub(crate) fn email_taken(err: db::Error) -> AppError {
    match db::error_kind(&err) {
        db::ErrorKind::UniqueViolation => {
            AppError::Conflict("Another account already uses this email.".to_owned())
        }
        _ => err.into(),
    }
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &UserFilter,
    sort: UserSort,
    page: PageRequest,
) -> Result<Page<User>, AppError> {
    policy::users(actor, UserAction::List)?;
    Ok(db::users::list(&state.db, filter, sort, page).await?)
}

pub async fn show(state: &AppState, actor: &Actor, id: Uuid) -> Result<User, AppError> {
    policy::users(actor, UserAction::Show)?;
    db::users::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Creates an account from what the form says. The role is checked before the input, so a
/// caller who may not create accounts learns nothing about what a valid one looks like.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    form: &UserForm,
) -> Result<CreatedUser, AppError> {
    policy::users(actor, UserAction::Create)?;
    let new = NewUser::parse(form)?;
    let temporary_password = new.password.is_none().then(password::temporary);
    let clear = new
        .password
        .clone()
        .or_else(|| temporary_password.clone())
        .unwrap_or_default();
    let hash = password::hash(&clear).await?;
    let user = db::users::insert(&state.db, new, &hash)
        .await
        .map_err(email_taken)?;
    Ok(CreatedUser {
        user,
        temporary_password,
    })
}

/// Applies what the account form says (role checked before the input, as in `create`).
pub async fn update_form(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &UserChangesForm,
) -> Result<User, AppError> {
    policy::users(actor, UserAction::Update)?;
    let changes = UserChanges::parse(form)?;
    update(state, actor, id, changes).await
}

/// Applies the changes. Deactivating an account ends its sessions at once; nobody may
/// demote or deactivate themselves.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    changes: UserChanges,
) -> Result<User, AppError> {
    policy::users(actor, UserAction::Update)?;
    let txn = db::begin_write(&state.db).await?;
    let current = db::users::find(&txn, id).await?.ok_or(AppError::NotFound)?;
    let takes_away = changes.demotes_or_deactivates(&current);
    policy::self_change(actor, id, takes_away)?;
    if takes_away && current.role == Role::SuperAdmin && current.is_active {
        keep_a_super_admin(&txn, actor, id).await?;
    }
    let deactivating = changes.is_active == Some(false);
    let user = db::users::update(&txn, id, changes)
        .await
        .map_err(email_taken)?
        .ok_or(AppError::NotFound)?;
    if deactivating {
        db::sessions::revoke_all_for_user(&txn, id, crate::clock::now()).await?;
    }
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    Ok(user)
}

/// Sets a new temporary password (returned once), requires a change at the next login and
/// ends the user's sessions.
pub async fn reset_password(state: &AppState, actor: &Actor, id: Uuid) -> Result<String, AppError> {
    policy::users(actor, UserAction::ResetPassword)?;
    if db::users::find(&state.db, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let temporary = password::temporary();
    let hash = password::hash(&temporary).await?;
    let txn = db::begin_write(&state.db).await?;
    db::users::set_password(&txn, id, &hash, true).await?;
    db::sessions::revoke_all_for_user(&txn, id, crate::clock::now()).await?;
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    Ok(temporary)
}

/// Refuses to take away the last active super admin (409), and refuses an actor who is no
/// longer one (403), deciding under a lock on the super admins' rows so that two admins
/// removing each other at the same moment cannot both succeed.
async fn keep_a_super_admin(
    txn: &impl db::Connection,
    actor: &Actor,
    target: Uuid,
) -> Result<(), AppError> {
    let admins = db::users::lock_active_super_admins(txn).await?;
    if !admins.contains(&actor.id) {
        return Err(Denied::NoLongerSuperAdmin.into());
    }
    if admins.iter().all(|a| *a == target) {
        return Err(Denied::LastSuperAdmin.into());
    }
    Ok(())
}

/// A delete the database refused because records still refer to the user.
fn still_referenced(err: db::Error) -> AppError {
    if db::error_kind(&err) == db::ErrorKind::ForeignKeyViolation {
        AppError::Conflict(
            "This user owns courses or has learning records, which are never deleted with it: deactivate the account instead (PUT /api/users/{id} with isActive false)."
                .to_owned(),
        )
    } else {
        err.into()
    }
}

/// Deletes an account that nothing refers to; otherwise 409 with the way out. The avatar
/// file goes once the row is gone (it stops being served with the row already).
pub async fn delete(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    policy::users(actor, UserAction::Delete)?;
    policy::self_change(actor, id, true)?;
    let txn = db::begin_write(&state.db).await?;
    let target = db::users::find(&txn, id).await?.ok_or(AppError::NotFound)?;
    if target.role == Role::SuperAdmin && target.is_active {
        keep_a_super_admin(&txn, actor, id).await?;
    }
    let avatar = db::users::delete(&txn, id)
        .await
        .map_err(still_referenced)?
        .ok_or(AppError::NotFound)?;
    txn.commit().await.map_err(still_referenced)?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    if let Some(key) = avatar.as_deref().and_then(profile::avatar_key) {
        // Spawned: a client that hangs up now must not leave the file behind.
        let state = state.clone();
        let removal = tokio::spawn(async move { profile::delete_file(&state, &key).await });
        removal.await.map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(())
}
