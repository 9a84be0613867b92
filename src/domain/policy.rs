//! Who may do what: every role and ownership rule, in one place, used by the API, the pages
//! and the command line alike. A service asks before it acts; a `Denied` becomes a 403.
//!
//! Rules are plain functions of the actor and facts about the target, so they can be tested
//! as a table (see the tests below and `tests/it/matrix.rs`).

use uuid::Uuid;

use super::user::{Role, User};

/// Someone asking to do something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub id: Uuid,
    pub role: Role,
}

impl From<&User> for Actor {
    fn from(u: &User) -> Self {
        Actor {
            id: u.id,
            role: u.role,
        }
    }
}

/// Actions on users and profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserAction {
    List,
    Create,
    Show,
    Update,
    Delete,
    ResetPassword,
    Import,
    Export,
}

/// A refusal, with the reason shown to the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied(pub &'static str);

/// Managing accounts is the super admin's alone (DESIGN.md section 5). Trainers will see
/// the trainees of their own courses through enrolments, not through the users API.
pub fn users(actor: &Actor, action: UserAction) -> Result<(), Denied> {
    let _ = action;
    if actor.role == Role::SuperAdmin {
        Ok(())
    } else {
        Err(Denied("Only a super admin manages user accounts."))
    }
}

/// Changes a super admin may not make to their own account, so that the platform never
/// loses its last way in: demoting, deactivating or deleting oneself.
pub fn self_change(
    actor: &Actor,
    target: Uuid,
    demotes_or_deactivates: bool,
) -> Result<(), Denied> {
    if actor.id == target && demotes_or_deactivates {
        Err(Denied(
            "You cannot demote, deactivate or delete your own account: ask another super admin.",
        ))
    } else {
        Ok(())
    }
}

/// Everyone signed in edits their own profile (name, phone, avatar), and only their own.
pub fn profile(actor: &Actor, owner: Uuid) -> Result<(), Denied> {
    if actor.id == owner {
        Ok(())
    } else {
        Err(Denied("You can only change your own profile."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [UserAction; 8] = [
        UserAction::List,
        UserAction::Create,
        UserAction::Show,
        UserAction::Update,
        UserAction::Delete,
        UserAction::ResetPassword,
        UserAction::Import,
        UserAction::Export,
    ];

    fn actor(role: Role) -> Actor {
        Actor {
            id: Uuid::now_v7(),
            role,
        }
    }

    #[test]
    fn only_super_admins_manage_users() {
        for action in ALL {
            assert!(
                users(&actor(Role::SuperAdmin), action).is_ok(),
                "{action:?}"
            );
            assert!(users(&actor(Role::Trainer), action).is_err(), "{action:?}");
            assert!(users(&actor(Role::Trainee), action).is_err(), "{action:?}");
        }
    }

    #[test]
    fn nobody_locks_themselves_out() {
        let me = actor(Role::SuperAdmin);
        assert!(self_change(&me, me.id, true).is_err());
        assert!(self_change(&me, me.id, false).is_ok());
        assert!(self_change(&me, Uuid::now_v7(), true).is_ok());
    }

    #[test]
    fn profiles_are_their_owners() {
        let me = actor(Role::Trainee);
        assert!(profile(&me, me.id).is_ok());
        assert!(profile(&me, Uuid::now_v7()).is_err());
        assert!(profile(&actor(Role::SuperAdmin), me.id).is_err());
    }
}
