//! The super admin's user pages, over `services::users` and `services::user_imports`:
//! the list (`list`), the create and edit forms (`form`), the user's page (`show`), the
//! confirmed actions deactivate, reactivate, reset password and delete (`actions`), and
//! CSV import and export (`import`).
//!
//! Every handler names its route; all of them are the super admin's, which the services
//! (or, for pages that only show a form, the policy) check: anyone else gets the 403 page.

pub mod actions;
pub mod form;
pub mod import;
pub mod list;
pub mod show;

use crate::domain::policy::Actor;
use crate::domain::user::Role;
use crate::services::auth::Authenticated;
use crate::web::form::Choice;
use crate::web::page::Page;

fn actor(who: &Authenticated) -> Actor {
    Actor::from(&who.user)
}

/// The three roles, as options of a `select`.
fn role_choices(ctx: &Page) -> Vec<Choice> {
    [Role::Trainee, Role::Trainer, Role::SuperAdmin]
        .into_iter()
        .map(|role| Choice {
            value: role.as_str(),
            label: ctx.role_name(&role),
        })
        .collect()
}

/// The address of a user's page.
fn user_path(user: &crate::domain::user::User) -> String {
    format!("/users/{}", user.id)
}
