//! Who may do what: every role and ownership rule, in one place, used by the API, the pages
//! and the command line alike. A service asks before it acts; a `Denied` becomes a 403.
//!
//! Rules are plain functions of the actor and facts about the target, so they can be tested
//! as a table (see the tests below and `tests/it/matrix.rs`).

mod course;

pub use course::*;

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

/// Why something was refused. The API says it in English (`message`); the pages say it in
/// the visitor's language from `code` (the `denied-<code>` messages of the locales), so a
/// page never has to guess the reason from the kind of error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Managing accounts (and the overview of them) is the super admin's alone.
    NotSuperAdmin,
    /// Demoting, deactivating or deleting one's own account.
    OwnAccount,
    /// Someone else's profile.
    NotOwnProfile,
    /// The caller stopped being an active super admin while the request ran.
    NoLongerSuperAdmin,
    /// Taking away the platform's last active super admin (a conflict with the state of
    /// things rather than with who asks: 409 in the API).
    LastSuperAdmin,
    /// Signing in to a deactivated account.
    AccountDeactivated,
    /// First-run setup with a token that is not the one printed at start.
    WrongSetupToken,
    /// Creating courses is for trainers and super admins.
    NotTrainer,
    /// Changing a course is for its trainer and super admins.
    NotCourseTrainer,
    /// Featuring a course, or giving it to another trainer, is the super admin's alone.
    FeatureIsSuperAdmins,
    /// A course's material is for its learners, its trainer and super admins.
    NotEnrolled,
    /// Enrolling (oneself, or being enrolled) is for trainee accounts.
    OnlyTrainees,
    /// A suspended enrolment keeps its records but may not learn, drop or re-enrol.
    EnrolmentSuspended,
    /// The course's end date has passed: enrolment is closed (409 in the API).
    CourseEnded,
    /// Every place of the course is taken (409 in the API).
    CourseFull,
    /// Every attempt the quiz allows is used (409 in the API).
    NoAttemptsLeft,
    /// The attempt was submitted; its answers no longer change (409 in the API).
    AttemptClosed,
}

impl Denied {
    pub const ALL: [Denied; 17] = [
        Denied::NotSuperAdmin,
        Denied::OwnAccount,
        Denied::NotOwnProfile,
        Denied::NoLongerSuperAdmin,
        Denied::LastSuperAdmin,
        Denied::AccountDeactivated,
        Denied::WrongSetupToken,
        Denied::NotTrainer,
        Denied::NotCourseTrainer,
        Denied::FeatureIsSuperAdmins,
        Denied::NotEnrolled,
        Denied::OnlyTrainees,
        Denied::EnrolmentSuspended,
        Denied::CourseEnded,
        Denied::CourseFull,
        Denied::NoAttemptsLeft,
        Denied::AttemptClosed,
    ];

    /// A refusal because of the state of things rather than of who asks: 409 in the API.
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            Denied::LastSuperAdmin
                | Denied::CourseEnded
                | Denied::CourseFull
                | Denied::NoAttemptsLeft
                | Denied::AttemptClosed
        )
    }

    /// Stable and machine-readable; the pages' message is `denied-<code>`.
    pub fn code(self) -> &'static str {
        match self {
            Denied::NotSuperAdmin => "not-super-admin",
            Denied::OwnAccount => "own-account",
            Denied::NotOwnProfile => "not-own-profile",
            Denied::NoLongerSuperAdmin => "no-longer-super-admin",
            Denied::LastSuperAdmin => "last-super-admin",
            Denied::AccountDeactivated => "account-deactivated",
            Denied::WrongSetupToken => "wrong-setup-token",
            Denied::NotTrainer => "not-trainer",
            Denied::NotCourseTrainer => "not-course-trainer",
            Denied::FeatureIsSuperAdmins => "feature-is-super-admins",
            Denied::NotEnrolled => "not-enrolled",
            Denied::OnlyTrainees => "only-trainees",
            Denied::EnrolmentSuspended => "enrolment-suspended",
            Denied::CourseEnded => "course-ended",
            Denied::CourseFull => "course-full",
            Denied::NoAttemptsLeft => "no-attempts-left",
            Denied::AttemptClosed => "attempt-closed",
        }
    }

    /// The reason in English, for the API.
    pub fn message(self) -> &'static str {
        match self {
            Denied::NotSuperAdmin => "Only a super admin manages user accounts.",
            Denied::OwnAccount => {
                "You cannot demote, deactivate or delete your own account: ask another super admin."
            }
            Denied::NotOwnProfile => "You can only change your own profile.",
            Denied::NoLongerSuperAdmin => "Your account is no longer an active super admin.",
            Denied::LastSuperAdmin => {
                "This is the last active super admin: make another account a super admin first."
            }
            Denied::AccountDeactivated => {
                "This account is deactivated. Ask an administrator to reactivate it."
            }
            Denied::WrongSetupToken => {
                "The setup token is not valid: use the link CourseWorx printed when it started."
            }
            Denied::NotTrainer => "Only trainers and super admins create courses.",
            Denied::NotCourseTrainer => {
                "Only the course's trainer or a super admin may change this course."
            }
            Denied::FeatureIsSuperAdmins => {
                "Only a super admin may feature a course or give it to another trainer."
            }
            Denied::NotEnrolled => "Enrol in this course to open its lessons and files.",
            Denied::OnlyTrainees => "Only trainee accounts enrol in courses.",
            Denied::EnrolmentSuspended => {
                "Your enrolment in this course is suspended: ask its trainer."
            }
            Denied::CourseEnded => "This course has ended, so enrolment is closed.",
            Denied::CourseFull => "Every place in this course is taken.",
            Denied::NoAttemptsLeft => "You have used every attempt this quiz allows.",
            Denied::AttemptClosed => "This attempt has been submitted; its answers are final.",
        }
    }
}

/// Managing accounts is the super admin's alone (DESIGN.md section 5). Trainers will see
/// the trainees of their own courses through enrolments, not through the users API.
pub fn users(actor: &Actor, action: UserAction) -> Result<(), Denied> {
    let _ = action;
    if actor.role == Role::SuperAdmin {
        Ok(())
    } else {
        Err(Denied::NotSuperAdmin)
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
        Err(Denied::OwnAccount)
    } else {
        Ok(())
    }
}

/// Everyone signed in edits their own profile (name, phone, avatar), and only their own.
pub fn profile(actor: &Actor, owner: Uuid) -> Result<(), Denied> {
    if actor.id == owner {
        Ok(())
    } else {
        Err(Denied::NotOwnProfile)
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
