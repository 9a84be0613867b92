//! Queries on `attendance` (one row per trainee, course and session date, the seed's
//! unique key). Every function takes the course's `CourseGrant`.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::entities::enums::{AttendanceStatus, EnrollmentStatus};
use super::entities::{attendance, enrollments, users};
use crate::domain::attendance::{AttendanceRecord, AttendanceState, Mark, RegisterLine};
use crate::domain::policy::CourseGrant;

fn to_state(s: AttendanceStatus) -> AttendanceState {
    match s {
        AttendanceStatus::Present => AttendanceState::Present,
        AttendanceStatus::Absent => AttendanceState::Absent,
        AttendanceStatus::Late => AttendanceState::Late,
        AttendanceStatus::Excused => AttendanceState::Excused,
    }
}

fn from_state(s: AttendanceState) -> AttendanceStatus {
    match s {
        AttendanceState::Present => AttendanceStatus::Present,
        AttendanceState::Absent => AttendanceStatus::Absent,
        AttendanceState::Late => AttendanceStatus::Late,
        AttendanceState::Excused => AttendanceStatus::Excused,
    }
}

impl From<attendance::Model> for AttendanceRecord {
    fn from(m: attendance::Model) -> Self {
        AttendanceRecord {
            id: m.id,
            user_id: m.user_id,
            course_id: m.course_id,
            session_date: m.session_date,
            sign_in_time: m.sign_in_time,
            sign_out_time: m.sign_out_time,
            duration: m.duration,
            status: to_state(m.status),
            notes: m.notes,
        }
    }
}

/// The trainee's row for the date, locked until the transaction ends.
pub async fn lock_of(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
    date: NaiveDate,
) -> Result<Option<attendance::Model>, DbErr> {
    attendance::Entity::find()
        .filter(attendance::Column::CourseId.eq(grant.course_id()))
        .filter(attendance::Column::UserId.eq(user_id))
        .filter(attendance::Column::SessionDate.eq(date))
        .lock_exclusive()
        .one(db)
        .await
}

/// How many trainees have signed in to the course on the date: the check-in code's turn.
pub async fn signed_in_count(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    date: NaiveDate,
) -> Result<u64, DbErr> {
    attendance::Entity::find()
        .filter(attendance::Column::CourseId.eq(grant.course_id()))
        .filter(attendance::Column::SessionDate.eq(date))
        .filter(attendance::Column::SignInTime.is_not_null())
        .count(db)
        .await
}

/// Records signing in at `at`: a new row (present), or the trainer's row for the day with
/// the time added (an "absent" mark becomes "present": the trainee is here).
pub async fn sign_in(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
    date: NaiveDate,
    existing: Option<attendance::Model>,
    at: DateTime<Utc>,
) -> Result<AttendanceRecord, DbErr> {
    let saved = match existing {
        Some(row) => {
            let status = match row.status {
                AttendanceStatus::Absent => AttendanceStatus::Present,
                other => other,
            };
            attendance::ActiveModel {
                id: Unchanged(row.id),
                sign_in_time: Set(Some(at)),
                status: Set(status),
                ..Default::default()
            }
            .update(db)
            .await?
        }
        None => {
            attendance::ActiveModel {
                id: NotSet,
                user_id: Set(user_id),
                course_id: Set(grant.course_id()),
                session_date: Set(date),
                sign_in_time: Set(Some(at)),
                sign_out_time: Set(None),
                duration: Set(None),
                status: Set(AttendanceStatus::Present),
                notes: Set(None),
                created_at: NotSet,
                updated_at: NotSet,
            }
            .insert(db)
            .await?
        }
    };
    Ok(saved.into())
}

pub async fn sign_out(
    db: &impl ConnectionTrait,
    row: attendance::Model,
    at: DateTime<Utc>,
    minutes: i32,
) -> Result<AttendanceRecord, DbErr> {
    Ok(attendance::ActiveModel {
        id: Unchanged(row.id),
        sign_out_time: Set(Some(at)),
        duration: Set(Some(minutes)),
        ..Default::default()
    }
    .update(db)
    .await?
    .into())
}

/// The trainees the register of `date` lists: enrolled (not dropped) on or before that day,
/// by name.
pub async fn register(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    date: NaiveDate,
) -> Result<Vec<RegisterLine>, DbErr> {
    let end_of_day = date
        .succ_opt()
        .unwrap_or(date)
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc())
        .unwrap_or_else(crate::clock::now);
    let people: Vec<(Uuid, String, String, String)> = enrollments::Entity::find()
        .select_only()
        .column(enrollments::Column::UserId)
        .column(users::Column::FirstName)
        .column(users::Column::LastName)
        .column(users::Column::Email)
        .inner_join(users::Entity)
        .filter(enrollments::Column::CourseId.eq(grant.course_id()))
        .filter(enrollments::Column::Status.ne(EnrollmentStatus::Dropped))
        .filter(enrollments::Column::EnrolledAt.lt(end_of_day))
        .order_by_asc(users::Column::LastName)
        .order_by_asc(users::Column::FirstName)
        .order_by_asc(enrollments::Column::UserId)
        .into_tuple()
        .all(db)
        .await?;
    let rows = attendance::Entity::find()
        .filter(attendance::Column::CourseId.eq(grant.course_id()))
        .filter(attendance::Column::SessionDate.eq(date))
        .all(db)
        .await?;
    Ok(people
        .into_iter()
        .map(|(user_id, first_name, last_name, email)| RegisterLine {
            user_id,
            record: rows
                .iter()
                .find(|r| r.user_id == user_id)
                .cloned()
                .map(AttendanceRecord::from),
            first_name,
            last_name,
            email,
        })
        .collect())
}

/// Saves the register's marks for `date` (each trainee already checked to be on it):
/// changes the rows there are, adds the others. Sign-in and sign-out times stay.
pub async fn save_register(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    date: NaiveDate,
    marks: &[Mark],
) -> Result<(), DbErr> {
    let existing = attendance::Entity::find()
        .filter(attendance::Column::CourseId.eq(grant.course_id()))
        .filter(attendance::Column::SessionDate.eq(date))
        .lock_exclusive()
        .all(db)
        .await?;
    for mark in marks {
        match existing.iter().find(|r| r.user_id == mark.user_id) {
            Some(row) => {
                attendance::ActiveModel {
                    id: Unchanged(row.id),
                    status: Set(from_state(mark.status)),
                    notes: Set(mark.notes.clone()),
                    ..Default::default()
                }
                .update(db)
                .await?;
            }
            None => {
                attendance::ActiveModel {
                    id: NotSet,
                    user_id: Set(mark.user_id),
                    course_id: Set(grant.course_id()),
                    session_date: Set(date),
                    sign_in_time: Set(None),
                    sign_out_time: Set(None),
                    duration: Set(None),
                    status: Set(from_state(mark.status)),
                    notes: Set(mark.notes.clone()),
                    created_at: NotSet,
                    updated_at: NotSet,
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

/// A trainee's records in the course, oldest session first.
pub async fn history(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
) -> Result<Vec<AttendanceRecord>, DbErr> {
    Ok(attendance::Entity::find()
        .filter(attendance::Column::CourseId.eq(grant.course_id()))
        .filter(attendance::Column::UserId.eq(user_id))
        .order_by_asc(attendance::Column::SessionDate)
        .all(db)
        .await?
        .into_iter()
        .map(AttendanceRecord::from)
        .collect())
}

/// One line of the export: a record with its trainee's name and e-mail.
pub struct ExportLine {
    pub record: AttendanceRecord,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// The course's records from `from` to `to` (both included), by date then name.
pub async fn between(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ExportLine>, DbErr> {
    let rows: Vec<(attendance::Model, Option<users::Model>)> = attendance::Entity::find()
        .find_also_related(users::Entity)
        .filter(attendance::Column::CourseId.eq(grant.course_id()))
        .filter(attendance::Column::SessionDate.gte(from))
        .filter(attendance::Column::SessionDate.lte(to))
        .order_by_asc(attendance::Column::SessionDate)
        .order_by_asc(users::Column::LastName)
        .order_by_asc(users::Column::FirstName)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, user)| {
            let (first_name, last_name, email) = user
                .map(|u| (u.first_name, u.last_name, u.email))
                .unwrap_or_default();
            ExportLine {
                record: row.into(),
                first_name,
                last_name,
                email,
            }
        })
        .collect())
}
