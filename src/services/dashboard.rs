//! Each role's dashboard (`GET /api/dashboard` and the home pages) and a course's
//! distributions (its statistics page): a fixed number of grouped queries each
//! (`db::dashboard`), whatever the number of users, courses and trainees.

use uuid::Uuid;

use crate::db;
use crate::domain::dashboard::{
    AdminDashboard, CourseDistributions, Dashboard, LearnerDashboard, RoleCount, TrainerDashboard,
    WEEKS, attendance_rate, last_weeks,
};
use crate::domain::policy::{Actor, CourseAction, Denied};
use crate::domain::user::{Role, User};
use crate::error::AppError;
use crate::services::courses::grant_for;
use crate::state::AppState;

/// How many sign-ups the super admin's home page lists.
pub const LATEST_SIGN_UPS: u64 = 5;
/// How many courses the super admin's dashboard ranks.
pub const TOP_COURSES: u64 = 5;
/// How many items the "needs attention", "due" and "recent grades" lists hold.
pub const LIST: u64 = 10;

/// The caller's dashboard, by their role.
pub async fn of(state: &AppState, viewer: &User) -> Result<Dashboard, AppError> {
    Ok(match viewer.role {
        Role::SuperAdmin => Dashboard::SuperAdmin(admin(state, viewer).await?),
        Role::Trainer => Dashboard::Trainer(trainer(state, viewer).await?),
        Role::Trainee => Dashboard::Trainee(learner(state, viewer).await?),
    })
}

/// The platform at a glance; super admins only.
pub async fn admin(state: &AppState, viewer: &User) -> Result<AdminDashboard, AppError> {
    if viewer.role != Role::SuperAdmin {
        return Err(Denied::NotSuperAdmin.into());
    }
    // Owned, because a kept dashboard is counted again in the background.
    let load = || {
        let state = state.clone();
        async move {
            let now = crate::clock::now();
            let week_ago = now - chrono::Duration::days(7);
            let found = db::users::count_by_role(&state.db).await?;
            let users_by_role: Vec<RoleCount> = [Role::SuperAdmin, Role::Trainer, Role::Trainee]
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
            let weeks = last_weeks(now.date_naive(), WEEKS);
            let totals = db::dashboard::platform_totals(&state.db, week_ago, &weeks).await?;
            Ok(AdminDashboard {
                users: users_by_role.iter().map(|c| c.count).sum(),
                users_by_role,
                courses: totals.courses,
                published_courses: totals.published_courses,
                enrolments: totals.all,
                completions: totals.completed,
                completions_this_week: totals.completed_since,
                active_this_week: db::dashboard::signed_in_since(&state.db, week_ago).await?,
                enrolments_by_week: totals.by_week,
                top_courses: db::dashboard::top_courses(&state.db, TOP_COURSES).await?,
            })
        }
    };
    // The same for every super admin: counted about once a second (dashboard_cache).
    Ok(AdminDashboard::clone(
        &*state.dashboards.platform(load).await?,
    ))
}

/// The latest sign-ups, newest first; super admins only.
pub async fn latest_sign_ups(state: &AppState, viewer: &User) -> Result<Vec<User>, AppError> {
    if viewer.role != Role::SuperAdmin {
        return Err(Denied::NotSuperAdmin.into());
    }
    Ok(db::users::latest(&state.db, LATEST_SIGN_UPS).await?)
}

/// The courses a trainer teaches and the work waiting for them. A super admin's own
/// teaching reads the same way (their dashboard is the platform's).
pub async fn trainer(state: &AppState, viewer: &User) -> Result<TrainerDashboard, AppError> {
    if viewer.role == Role::Trainee {
        return Err(Denied::NotTrainer.into());
    }
    let trainer = viewer.id;
    let load = || {
        let state = state.clone();
        async move {
            let courses = db::dashboard::trainer_courses(&state.db, trainer).await?;
            Ok(TrainerDashboard {
                ungraded_submissions: courses.iter().map(|c| c.ungraded_submissions).sum(),
                pending_quiz_attempts: courses.iter().map(|c| c.pending_quiz_attempts).sum(),
                ungraded: db::dashboard::ungraded_work(&state.db, trainer, LIST).await?,
                courses,
            })
        }
    };
    let kept = state.dashboards.trainer(viewer.id, load).await?;
    Ok(TrainerDashboard::clone(&kept))
}

/// A trainee's courses, what is due and their latest grades.
pub async fn learner(state: &AppState, viewer: &User) -> Result<LearnerDashboard, AppError> {
    Ok(LearnerDashboard {
        courses: db::dashboard::learner_courses(&state.db, viewer.id).await?,
        due: db::dashboard::due_assignments(&state.db, viewer.id, crate::clock::now(), LIST)
            .await?,
        recent_grades: db::dashboard::recent_grades(&state.db, viewer.id, LIST).await?,
    })
}

/// A course's distributions: its trainer or a super admin.
pub async fn distributions(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
) -> Result<CourseDistributions, AppError> {
    let (_, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    let today = crate::clock::now().date_naive();
    let weeks = last_weeks(today, WEEKS);
    let counts = db::dashboard::course_counts_of(&state.db, &grant, &weeks).await?;
    let (attended, marked) = counts
        .sessions
        .iter()
        .fold((0, 0), |(a, m), s| (a + s.attended, m + s.marked));
    let skip = counts.sessions.len().saturating_sub(WEEKS);
    Ok(CourseDistributions {
        course_id,
        enrolments_by_week: counts.by_week,
        progress: counts.progress,
        quiz_scores: counts.quiz_scores,
        attendance: counts.sessions.into_iter().skip(skip).collect(),
        attendance_rate: attendance_rate(attended, marked),
    })
}
