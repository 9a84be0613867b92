//! `courseworx bench-tokens`: signed-in sessions for the benchmark course's trainees,
//! without their passwords.
//!
//! The journeys of the benchmark suite (`bench/run` S3 and S4) act as up to a thousand
//! trainees at once. Signing each in at bcrypt cost 12 takes minutes, so this opens their
//! sessions directly, the way a sign-in does after the password was checked
//! (`services::auth::login`): `lastLogin` recorded and a session row made in one write
//! transaction, its token signed with the server's key. The tokens are ordinary sessions:
//! the server checks them as any other, and logging out or deactivating the user ends them.

use std::io::Write;
use std::path::Path;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait};

use crate::db::entities::enums::{EnrollmentStatus, Role};
use crate::db::entities::{courses, enrollments, users};
use crate::error::AppError;
use crate::services::auth::{ClientInfo, issue};
use crate::state::AppState;

/// What the sessions say they came from (`sessions.userAgent`).
pub const USER_AGENT: &str = "courseworx bench-tokens";

/// One opened session: whose it is and its bearer token.
#[derive(Debug, Clone)]
pub struct Minted {
    pub email: String,
    pub token: String,
}

/// Opens a session for each of the first `count` trainees (by id) who are active users
/// and actively enrolled (enrolled or completed) in the benchmark course. Fewer come back
/// when the class is smaller; none when there is no benchmark course.
pub async fn mint(state: &AppState, count: usize) -> Result<Vec<Minted>, AppError> {
    let learners: Vec<users::Model> = users::Entity::find()
        .join(
            sea_orm::JoinType::InnerJoin,
            users::Relation::Enrollments.def(),
        )
        .join(
            sea_orm::JoinType::InnerJoin,
            enrollments::Relation::Course.def(),
        )
        .filter(courses::Column::Title.eq(super::BENCHMARK_COURSE_TITLE))
        .filter(
            enrollments::Column::Status
                .is_in([EnrollmentStatus::Enrolled, EnrollmentStatus::Completed]),
        )
        .filter(users::Column::Role.eq(Role::Trainee))
        .filter(users::Column::IsActive.eq(true))
        .order_by_asc(users::Column::Id)
        .limit(count as u64)
        .all(&state.db)
        .await?;
    let now = crate::clock::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let mut minted = Vec::with_capacity(learners.len());
    for learner in learners {
        crate::db::users::record_login(&txn, learner.id, now).await?;
        let client = ClientInfo {
            user_agent: Some(USER_AGENT.to_owned()),
            ip_address: None,
        };
        let issued = issue(state, &txn, learner.into(), client, now).await?;
        minted.push(Minted {
            email: issued.user.email,
            token: issued.token,
        });
    }
    txn.commit().await?;
    Ok(minted)
}

/// Writes one `email token` line per session, readable by its owner only (the tokens sign
/// those trainees in until they expire).
pub fn write_file(path: &Path, minted: &[Minted]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = std::io::BufWriter::new(options.open(path)?);
    for m in minted {
        writeln!(file, "{} {}", m.email, m.token)?;
    }
    file.flush()
}
