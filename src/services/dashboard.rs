//! What the home page shows each role. Only real data: today, the super admin's view of
//! the users; the other roles' dashboards grow with their features.

use crate::db;
use crate::domain::user::{Role, User};
use crate::error::AppError;
use crate::state::AppState;

/// How many sign-ups the super admin's home page lists.
pub const LATEST_SIGN_UPS: u64 = 5;

/// The number of users of one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleCount {
    pub role: Role,
    pub count: u64,
}

/// The super admin's overview of the users.
#[derive(Debug, Clone)]
pub struct AdminOverview {
    /// Every role, in the order super admin, trainer, trainee (zero when none).
    pub counts: Vec<RoleCount>,
    pub total: u64,
    /// The latest sign-ups, newest first.
    pub latest: Vec<User>,
}

/// Users by role and the latest sign-ups; for super admins only.
pub async fn admin_overview(state: &AppState, viewer: &User) -> Result<AdminOverview, AppError> {
    if viewer.role != Role::SuperAdmin {
        return Err(crate::domain::policy::Denied::NotSuperAdmin.into());
    }
    let found = db::users::count_by_role(&state.db).await?;
    let counts: Vec<RoleCount> = [Role::SuperAdmin, Role::Trainer, Role::Trainee]
        .into_iter()
        .map(|role| RoleCount {
            role,
            count: found
                .iter()
                .filter(|(r, _)| *r == role)
                .map(|(_, n)| n)
                .sum(),
        })
        .collect();
    let latest = db::users::latest(&state.db, LATEST_SIGN_UPS).await?;
    Ok(AdminOverview {
        total: counts.iter().map(|c| c.count).sum(),
        counts,
        latest,
    })
}
