//! Queries on `enrollments`, `course_waitlist` and `enrollment_events`.
//!
//! Writes take the course's `CourseGrant` and stay inside its course. Every status change
//! goes through `change_status`, which moves `courses.enrollmentCount` and
//! `completionCount` by the domain's `Transition` in the same transaction, and takes a
//! place only through `take_place`, a guarded update that cannot pass `maxStudents`
//! whatever runs beside it (PostgreSQL re-checks the condition on the locked row; SQLite
//! has one writer at a time).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult,
    JoinType, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use uuid::Uuid;

use super::entities::enums::EnrollmentStatus;
use super::entities::{course_waitlist, courses, enrollment_events, enrollments, users};
use super::raw::statement;
use crate::domain::enrolment::{
    EnrolledCourse, Enrolment, EnrolmentState, MyEnrolment, RosterEntry, Trainee, Transition,
    WaitlistPlace,
};
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::policy::CourseGrant;

impl From<EnrolmentState> for EnrollmentStatus {
    fn from(s: EnrolmentState) -> Self {
        match s {
            EnrolmentState::Enrolled => EnrollmentStatus::Enrolled,
            EnrolmentState::Completed => EnrollmentStatus::Completed,
            EnrolmentState::Dropped => EnrollmentStatus::Dropped,
            EnrolmentState::Suspended => EnrollmentStatus::Suspended,
        }
    }
}

impl From<enrollments::Model> for Enrolment {
    fn from(m: enrollments::Model) -> Self {
        Enrolment {
            id: m.id,
            user_id: m.user_id,
            course_id: m.course_id,
            status: m.status.into(),
            enrolled_at: m.enrolled_at,
            completed_at: m.completed_at,
            progress: m.progress.unwrap_or_default(),
            grade: m.grade,
            notes: m.notes,
            updated_at: m.updated_at,
        }
    }
}

/// The caller's enrolment in a course, if any.
pub async fn find_of(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    course_id: Uuid,
) -> Result<Option<Enrolment>, DbErr> {
    Ok(enrollments::Entity::find()
        .filter(enrollments::Column::UserId.eq(user_id))
        .filter(enrollments::Column::CourseId.eq(course_id))
        .one(db)
        .await?
        .map(Enrolment::from))
}

/// The trainee's enrolment in a course, locked until the transaction ends: their own
/// writes (completions, attempts) then run one at a time, each seeing the one before.
pub async fn lock_of(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    course_id: Uuid,
) -> Result<Option<Enrolment>, DbErr> {
    Ok(enrollments::Entity::find()
        .filter(enrollments::Column::UserId.eq(user_id))
        .filter(enrollments::Column::CourseId.eq(course_id))
        .lock_exclusive()
        .one(db)
        .await?
        .map(Enrolment::from))
}

/// Locks a learner for their write in one statement, and answers whether their enrolment
/// still learns, since the standing the caller decided on was read before the locks
/// (often on the pool, before the transaction began). On PostgreSQL it locks their
/// enrolment `FOR UPDATE` (one trainee's writes run one after another) and the course
/// `FOR KEY SHARE` (as `courses::lock_for_learning`). On SQLite the write transaction
/// holds the database's one write lock: the statement only reads.
pub async fn lock_learner(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    grant: &CourseGrant,
) -> Result<bool, DbErr> {
    // PostgreSQL takes the locks in the clauses' order: the course first, as every writer
    // of the course does (an outline change holds it and then updates the enrolments).
    let sql = if db.get_database_backend() == DbBackend::Postgres {
        r#"SELECT e.status::text AS "status" FROM courses c
           JOIN enrollments e ON e."courseId" = c.id
           WHERE e."userId" = $1 AND c.id = $2
           FOR KEY SHARE OF c FOR UPDATE OF e"#
    } else {
        r#"SELECT e.status AS "status" FROM enrollments e
           WHERE e."userId" = $1 AND e."courseId" = $2"#
    };
    let row = db
        .query_one_raw(statement(
            db,
            sql,
            vec![user_id.into(), grant.course_id().into()],
        ))
        .await?;
    let status = match row {
        Some(row) => row.try_get::<String>("", "status")?,
        None => return Ok(false),
    };
    Ok(EnrolmentState::parse(&status).is_some_and(EnrolmentState::learns))
}

/// A learner's enrolment as a batch of completions found it under its lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockedLearner {
    pub enrolment: Uuid,
    pub user: Uuid,
    pub course: Uuid,
    /// The enrolment still learns (`EnrolmentState::learns`).
    pub learns: bool,
}

/// `lock_learner` for a batch of learners (trainee and course pairs) in one statement:
/// their enrolments as they stand under the locks; a learner without one is left out.
/// PostgreSQL locks the rows in the order of (course, enrolment), the one order every
/// batch takes them in, so two batches (from two instances) never wait for each other in
/// a circle; and each course before its enrolments, as `lock_learner` does. On SQLite the
/// write transaction holds the database's write lock: the statement only reads.
pub async fn lock_learners(
    db: &impl ConnectionTrait,
    learners: &[(Uuid, CourseGrant)],
) -> Result<Vec<LockedLearner>, DbErr> {
    if learners.is_empty() {
        return Ok(Vec::new());
    }
    let pairs: Vec<(Uuid, Uuid)> = learners.iter().map(|(u, g)| (*u, g.course_id())).collect();
    let (which, values) = super::raw::any_pair(r#"e."userId""#, r#"e."courseId""#, &pairs, 1);
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let (status, locks) = if postgres {
        ("e.status::text", " FOR KEY SHARE OF c FOR UPDATE OF e")
    } else {
        ("e.status", "")
    };
    let sql = format!(
        r#"SELECT e.id, e."userId", e."courseId", {status} AS "status" FROM courses c
           JOIN enrollments e ON e."courseId" = c.id
           WHERE {which} ORDER BY c.id, e.id{locks}"#
    );
    let rows = db.query_all_raw(statement(db, &sql, values)).await?;
    rows.iter()
        .map(|row| {
            let status = row.try_get::<String>("", "status")?;
            Ok(LockedLearner {
                enrolment: row.try_get("", "id")?,
                user: row.try_get("", "userId")?,
                course: row.try_get("", "courseId")?,
                learns: EnrolmentState::parse(&status).is_some_and(EnrolmentState::learns),
            })
        })
        .collect()
}

/// Enrolments by their trainee and course pairs, in no particular order.
pub async fn find_of_many(
    db: &impl ConnectionTrait,
    learners: &[(Uuid, CourseGrant)],
) -> Result<Vec<Enrolment>, DbErr> {
    Ok(enrollments::Entity::find()
        .filter(super::learners_condition(
            enrollments::Column::UserId,
            enrollments::Column::CourseId,
            learners,
        ))
        .all(db)
        .await?
        .into_iter()
        .map(Enrolment::from)
        .collect())
}

/// An enrolment by id (the caller then decides on its course).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Enrolment>, DbErr> {
    Ok(enrollments::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(Enrolment::from))
}

/// Takes one place in the course if one is free: `false` when the course is full. The
/// condition is in the UPDATE itself, so the cap holds across connections and processes.
pub async fn take_place(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<bool, DbErr> {
    let done = db
        .execute_raw(statement(
            db,
            r#"UPDATE courses SET "enrollmentCount" = COALESCE("enrollmentCount", 0) + 1
               WHERE id = $1
                 AND ("maxStudents" IS NULL OR COALESCE("enrollmentCount", 0) < "maxStudents")"#,
            vec![grant.course_id().into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves the course's counters by these amounts (a place freed, a completion counted).
async fn move_counts(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    places: i32,
    completions: i32,
) -> Result<(), DbErr> {
    if places == 0 && completions == 0 {
        return Ok(());
    }
    db.execute_raw(statement(
        db,
        r#"UPDATE courses SET
             "enrollmentCount" = COALESCE("enrollmentCount", 0) + $1,
             "completionCount" = COALESCE("completionCount", 0) + $2
           WHERE id = $3"#,
        vec![places.into(), completions.into(), grant.course_id().into()],
    ))
    .await?;
    Ok(())
}

/// Notes a status change in the enrolment's history.
async fn record(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    enrolment: Uuid,
    actor: Option<Uuid>,
    from: Option<EnrolmentState>,
    to: EnrolmentState,
) -> Result<(), DbErr> {
    // Entering the course (new, or back after dropping): the price it is sold at now.
    let joins =
        to == EnrolmentState::Enrolled && matches!(from, None | Some(EnrolmentState::Dropped));
    let price = if joins {
        courses::Entity::find_by_id(grant.course_id())
            .select_only()
            .column(courses::Column::Price)
            .into_tuple::<Decimal>()
            .one(db)
            .await?
    } else {
        None
    };
    super::stats::forget(db, grant.course_id()).await?;
    enrollment_events::ActiveModel {
        id: NotSet,
        enrollment_id: Set(enrolment),
        actor_id: Set(actor),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        price: Set(price),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The course is full: the change that needed a place was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

/// A new enrolment (`enrolled`), taking a place: `Ok(Err(Full))` when none is free.
pub async fn insert(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
    actor: Option<Uuid>,
) -> Result<Result<Enrolment, Full>, DbErr> {
    if !take_place(db, grant).await? {
        return Ok(Err(Full));
    }
    let now = crate::clock::now();
    let row = enrollments::ActiveModel {
        id: NotSet,
        user_id: Set(user_id),
        course_id: Set(grant.course_id()),
        status: Set(EnrollmentStatus::Enrolled),
        enrolled_at: Set(now),
        completed_at: Set(None),
        progress: Set(Some(Decimal::ZERO)),
        grade: Set(None),
        notes: Set(None),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?;
    record(db, grant, row.id, actor, None, EnrolmentState::Enrolled).await?;
    Ok(Ok(row.into()))
}

/// Changes an enrolment's status, moving the counters with it; a change that takes a
/// place is refused with `Full` when none is free. Renewing a dropped enrolment restarts
/// its `enrolledAt`; the first completion date is kept for good.
pub async fn change_status(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    enrolment: &Enrolment,
    to: EnrolmentState,
    actor: Option<Uuid>,
) -> Result<Result<(), Full>, DbErr> {
    let from = enrolment.status;
    if from == to {
        return Ok(Ok(()));
    }
    let step = Transition {
        from: Some(from),
        to,
    };
    if step.places() > 0 {
        if !take_place(db, grant).await? {
            return Ok(Err(Full));
        }
        move_counts(db, grant, 0, step.completions()).await?;
    } else {
        move_counts(db, grant, step.places(), step.completions()).await?;
    }
    let now = crate::clock::now();
    let mut row = enrollments::ActiveModel {
        id: Unchanged(enrolment.id),
        status: Set(to.into()),
        ..Default::default()
    };
    if from == EnrolmentState::Dropped {
        row.enrolled_at = Set(now);
    }
    if to == EnrolmentState::Completed && enrolment.completed_at.is_none() {
        row.completed_at = Set(Some(now));
    }
    enrollments::Entity::update_many()
        .set(row)
        .filter(enrollments::Column::Id.eq(enrolment.id))
        .filter(enrollments::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    record(db, grant, enrolment.id, actor, Some(from), to).await?;
    Ok(Ok(()))
}

/// Sets the trainer's grade and notes (`None`: leave as is).
pub async fn set_details(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    grade: Option<Option<String>>,
    notes: Option<Option<String>>,
) -> Result<(), DbErr> {
    let mut row = enrollments::ActiveModel {
        id: Unchanged(id),
        ..Default::default()
    };
    if let Some(g) = grade {
        row.grade = Set(g);
    }
    if let Some(n) = notes {
        row.notes = Set(n);
    }
    row.updated_at = Set(crate::clock::now());
    enrollments::Entity::update_many()
        .set(row)
        .filter(enrollments::Column::Id.eq(id))
        .filter(enrollments::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    Ok(())
}

/// The statuses a trainee's history went through, oldest first: (to, when).
pub async fn history(
    db: &impl ConnectionTrait,
    enrolment: Uuid,
) -> Result<Vec<(String, DateTime<Utc>)>, DbErr> {
    enrollment_events::Entity::find()
        .select_only()
        .column(enrollment_events::Column::ToStatus)
        .column(enrollment_events::Column::CreatedAt)
        .filter(enrollment_events::Column::EnrollmentId.eq(enrolment))
        .order_by_asc(enrollment_events::Column::CreatedAt)
        .order_by_asc(enrollment_events::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

// --- The waitlist -------------------------------------------------------------------

/// The caller's place in line, if they are in it.
pub async fn waitlist_place(
    db: &impl ConnectionTrait,
    course_id: Uuid,
    user_id: Uuid,
) -> Result<Option<WaitlistPlace>, DbErr> {
    let Some(me) = course_waitlist::Entity::find()
        .filter(course_waitlist::Column::CourseId.eq(course_id))
        .filter(course_waitlist::Column::UserId.eq(user_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    // Ahead of me: joined earlier, or at the same instant with a smaller (time-ordered) id.
    let ahead = course_waitlist::Entity::find()
        .filter(course_waitlist::Column::CourseId.eq(course_id))
        .filter(
            Expr::col(course_waitlist::Column::CreatedAt)
                .lt(me.created_at)
                .or(Expr::col(course_waitlist::Column::CreatedAt)
                    .eq(me.created_at)
                    .and(Expr::col(course_waitlist::Column::Id).lt(me.id))),
        )
        .count(db)
        .await?;
    Ok(Some(WaitlistPlace {
        course_id,
        position: ahead + 1,
        joined_at: me.created_at,
    }))
}

/// Puts the trainee in line (once: a second request keeps the first place).
pub async fn waitlist_join(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
) -> Result<WaitlistPlace, DbErr> {
    if let Some(place) = waitlist_place(db, grant.course_id(), user_id).await? {
        return Ok(place);
    }
    course_waitlist::ActiveModel {
        id: NotSet,
        user_id: Set(user_id),
        course_id: Set(grant.course_id()),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?;
    waitlist_place(db, grant.course_id(), user_id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("waitlist place".to_owned()))
}

/// Takes the trainee out of line; `true` if they were in it.
pub async fn waitlist_leave(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    user_id: Uuid,
) -> Result<bool, DbErr> {
    let done = course_waitlist::Entity::delete_many()
        .filter(course_waitlist::Column::CourseId.eq(grant.course_id()))
        .filter(course_waitlist::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// The first in line whose account is still an active trainee, if any (accounts
/// deactivated while waiting are passed over, and keep their place should they return).
pub async fn waitlist_first(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
) -> Result<Option<Uuid>, DbErr> {
    course_waitlist::Entity::find()
        .select_only()
        .column(course_waitlist::Column::UserId)
        .join(
            JoinType::InnerJoin,
            course_waitlist::Entity::belongs_to(users::Entity)
                .from(course_waitlist::Column::UserId)
                .to(users::Column::Id)
                .into(),
        )
        .filter(course_waitlist::Column::CourseId.eq(grant.course_id()))
        .filter(users::Column::IsActive.eq(true))
        .filter(users::Column::Role.eq(super::entities::enums::Role::Trainee))
        .order_by_asc(course_waitlist::Column::CreatedAt)
        .order_by_asc(course_waitlist::Column::Id)
        .into_tuple()
        .one(db)
        .await
}

/// How many wait for a place in the course.
pub async fn waitlist_length(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<u64, DbErr> {
    course_waitlist::Entity::find()
        .filter(course_waitlist::Column::CourseId.eq(grant.course_id()))
        .count(db)
        .await
}

// --- Lists ----------------------------------------------------------------------------

/// The last time the trainee completed or revisited a lesson of the enrolment's course.
const LAST_ACTIVITY: &str = r#"(SELECT MAX(lc."updatedAt") FROM lesson_completions lc
    WHERE lc."userId" = "enrollments"."userId" AND lc."courseId" = "enrollments"."courseId")"#;

#[derive(Debug, FromQueryResult)]
struct RosterRow {
    #[sea_orm(nested)]
    enrolment: enrollments::Model,
    #[sea_orm(alias = "traineeFirstName")]
    first_name: String,
    #[sea_orm(alias = "traineeLastName")]
    last_name: String,
    #[sea_orm(alias = "traineeEmail")]
    email: String,
    #[sea_orm(alias = "lastActivityAt")]
    last_activity_at: Option<DateTime<Utc>>,
}

/// One page of a course's roster, by last name, with progress and last activity: one
/// query for the page and one count, whatever the class size.
pub async fn roster(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    status: Option<EnrolmentState>,
    page: PageRequest,
) -> Result<Page<RosterEntry>, DbErr> {
    let mut select =
        enrollments::Entity::find().filter(enrollments::Column::CourseId.eq(grant.course_id()));
    if let Some(s) = status {
        select = select.filter(enrollments::Column::Status.eq(EnrollmentStatus::from(s)));
    }
    let total = counted(db, grant.course_id(), status).await?;
    let rows = if walk_names_first(db, total, page).await? {
        roster_by_names(db, grant, status, page).await?
    } else {
        select
            .join(JoinType::InnerJoin, enrollments::Relation::User.def())
            .column_as(users::Column::FirstName, "traineeFirstName")
            .column_as(users::Column::LastName, "traineeLastName")
            .column_as(users::Column::Email, "traineeEmail")
            .column_as(Expr::cust(LAST_ACTIVITY), "lastActivityAt")
            .order_by(users::Column::LastName, Order::Asc)
            .order_by(users::Column::FirstName, Order::Asc)
            .order_by(users::Column::Id, Order::Asc)
            .limit(page.limit)
            .offset(page.offset())
            .into_model::<RosterRow>()
            .all(db)
            .await?
    };
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| RosterEntry {
                trainee: Trainee {
                    id: r.enrolment.user_id,
                    first_name: r.first_name,
                    last_name: r.last_name,
                    email: r.email,
                },
                enrollment: r.enrolment.into(),
                last_activity_at: r.last_activity_at,
            })
            .collect(),
        pagination: Pagination::new(page, total),
    })
}

/// How many enrolments the course has (in `status`, or in all), from the counts triggers
/// keep in the writing transactions (migration 28): one row per status, not a count of a
/// large course's every enrolment.
pub async fn counted(
    db: &impl ConnectionTrait,
    course: Uuid,
    status: Option<EnrolmentState>,
) -> Result<u64, DbErr> {
    let (filter, mut values) = match status {
        Some(s) => (r#" AND "status" = $2"#, vec![s.as_str().into()]),
        None => ("", vec![]),
    };
    values.insert(0, course.into());
    let sql = format!(
        r#"SELECT CAST(COALESCE(SUM("count"), 0) AS BIGINT) AS "n"
           FROM "course_enrollment_counts" WHERE "courseId" = $1{filter}"#
    );
    let row = db.query_one_raw(statement(db, &sql, values)).await?;
    let n = row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Whether a roster page is found faster by walking the platform's users in name order
/// and keeping the course's (`roster_by_names`) than by sorting all of the course's
/// enrolments by name. Only SQLite asks: with its planner stability guarantee it plans the
/// roster once for every course, for the average course (a few dozen trainees), while
/// PostgreSQL plans for the course at hand and finds the same two ways itself.
///
/// The walk reads about (offset + limit) × users / enrolled users, each about 4 µs (a
/// lookup of the user's enrolment); the sort reads every enrolment, about 1.5 µs each
/// (measured on 110,000 users: a 50,000-trainee course's first page is 0.3 ms walked and
/// 66 ms sorted; a 16-trainee course's is 31 ms sorted and 400 ms walked).
pub async fn walk_names_first(
    db: &impl ConnectionTrait,
    enrolled: u64,
    page: PageRequest,
) -> Result<bool, DbErr> {
    if db.get_database_backend() != DbBackend::Sqlite || enrolled == 0 {
        return Ok(false);
    }
    // The largest rowid is the number of users ever created (an upper bound of today's),
    // read from the end of the table's b-tree rather than counted.
    let users = db
        .query_one_raw(statement(
            db,
            r#"SELECT MAX(rowid) AS "n" FROM users"#,
            vec![],
        ))
        .await?
        .map(|row| super::raw::count(&row, "n"))
        .transpose()?
        .unwrap_or(0);
    let walked = (page.offset() + page.limit) as f64 * users as f64 / enrolled as f64;
    Ok(walked * 4.0 < enrolled as f64 * 1.5)
}

/// A roster page by the users' name index (SQLite's `CROSS JOIN` keeps `users` the outer
/// loop), in the order of the sorted page: last name, first name, then the user, which is
/// the index's own order and unique within a course (one enrolment per user), so the two
/// ways never disagree on a page's rows.
async fn roster_by_names(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    status: Option<EnrolmentState>,
    page: PageRequest,
) -> Result<Vec<RosterRow>, DbErr> {
    let mut values: Vec<sea_orm::Value> = vec![
        grant.course_id().into(),
        (page.limit as i64).into(),
        (page.offset() as i64).into(),
    ];
    let status_filter = match status {
        Some(s) => {
            values.push(sea_orm::ActiveEnum::to_value(&EnrollmentStatus::from(s)).into());
            r#"AND "enrollments".status = $4"#
        }
        None => "",
    };
    let sql = format!(
        r#"SELECT "enrollments".*, "users"."firstName" AS "traineeFirstName",
            "users"."lastName" AS "traineeLastName", "users".email AS "traineeEmail",
            {LAST_ACTIVITY} AS "lastActivityAt"
        FROM users CROSS JOIN "enrollments" ON "enrollments"."userId" = users.id
        WHERE "enrollments"."courseId" = $1 {status_filter}
        ORDER BY users."lastName", users."firstName", users.id
        LIMIT $2 OFFSET $3"#
    );
    RosterRow::find_by_statement(statement(db, &sql, values))
        .all(db)
        .await
}

#[derive(Debug, FromQueryResult)]
struct MineRow {
    #[sea_orm(nested)]
    enrolment: enrollments::Model,
    #[sea_orm(alias = "courseTitle")]
    title: String,
    #[sea_orm(alias = "courseThumbnail")]
    thumbnail: Option<String>,
    #[sea_orm(alias = "courseEndDate")]
    end_date: Option<chrono::NaiveDate>,
    #[sea_orm(alias = "trainerFirstName")]
    trainer_first_name: String,
    #[sea_orm(alias = "trainerLastName")]
    trainer_last_name: String,
    #[sea_orm(alias = "lastActivityAt")]
    last_activity_at: Option<DateTime<Utc>>,
}

/// One page of a trainee's own enrolments, the most recently active first.
pub async fn mine(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    status: Option<EnrolmentState>,
    page: PageRequest,
) -> Result<Page<MyEnrolment>, DbErr> {
    let mut select = enrollments::Entity::find().filter(enrollments::Column::UserId.eq(user_id));
    if let Some(s) = status {
        select = select.filter(enrollments::Column::Status.eq(EnrollmentStatus::from(s)));
    }
    let total = select.clone().count(db).await?;
    let rows = select
        .join(JoinType::InnerJoin, enrollments::Relation::Course.def())
        .join(JoinType::InnerJoin, courses::Relation::Trainer.def())
        .column_as(courses::Column::Title, "courseTitle")
        .column_as(courses::Column::Thumbnail, "courseThumbnail")
        .column_as(courses::Column::EndDate, "courseEndDate")
        .column_as(users::Column::FirstName, "trainerFirstName")
        .column_as(users::Column::LastName, "trainerLastName")
        .column_as(Expr::cust(LAST_ACTIVITY), "lastActivityAt")
        .order_by_with_nulls(
            Expr::cust(LAST_ACTIVITY),
            Order::Desc,
            sea_orm::sea_query::NullOrdering::Last,
        )
        .order_by(enrollments::Column::EnrolledAt, Order::Desc)
        .order_by(enrollments::Column::Id, Order::Asc)
        .limit(page.limit)
        .offset(page.offset())
        .into_model::<MineRow>()
        .all(db)
        .await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(|r| MyEnrolment {
                course: EnrolledCourse {
                    id: r.enrolment.course_id,
                    title: r.title,
                    thumbnail: r.thumbnail,
                    trainer_name: format!("{} {}", r.trainer_first_name, r.trainer_last_name),
                    end_date: r.end_date,
                },
                enrollment: r.enrolment.into(),
                last_activity_at: r.last_activity_at,
            })
            .collect(),
        pagination: Pagination::new(page, total),
    })
}

/// The course's counters as stored, and the rows they count: for the tests and the
/// housekeeping check that they agree.
pub async fn counts(
    db: &impl ConnectionTrait,
    course_id: Uuid,
) -> Result<((i64, i64), (i64, i64)), DbErr> {
    let stored: Option<(Option<i32>, Option<i32>)> = courses::Entity::find_by_id(course_id)
        .select_only()
        .column(courses::Column::EnrollmentCount)
        .column(courses::Column::CompletionCount)
        .into_tuple()
        .one(db)
        .await?;
    let (e, c) = stored.unwrap_or_default();
    let base = || enrollments::Entity::find().filter(enrollments::Column::CourseId.eq(course_id));
    let places = base()
        .filter(enrollments::Column::Status.ne(EnrollmentStatus::Dropped))
        .count(db)
        .await?;
    let completed = base()
        .filter(enrollments::Column::Status.eq(EnrollmentStatus::Completed))
        .count(db)
        .await?;
    Ok((
        (i64::from(e.unwrap_or(0)), i64::from(c.unwrap_or(0))),
        (places as i64, completed as i64),
    ))
}
