//! Queries for the private calendar feed: the user's `calendar_feeds` row (its secret) and
//! what their calendar shows. Each list is one statement, whatever the number of courses,
//! assignments or sessions: three for a learner, three for a teacher.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryResult, Value};
use uuid::Uuid;

use super::entities::calendar_feeds::{self, Column, Entity};
use super::raw::statement;
use crate::domain::attendance::AttendanceState;
use crate::domain::calendar::FeedItem;
use crate::domain::user::Role;

/// The most events of one kind a feed carries (the latest ones), so that one request stays
/// bounded whatever the years of history.
const MOST: i64 = 2000;

/// A feed's owner, read with their secret and language in one query.
#[derive(Debug, Clone)]
pub struct FeedOwner {
    pub role: Role,
    pub active: bool,
    /// `None` until they first ask for their address.
    pub secret: Option<String>,
    pub language: Option<String>,
    pub first_name: String,
    pub last_name: String,
}

pub async fn owner(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Option<FeedOwner>, DbErr> {
    let sql = r#"SELECT CAST(u."role" AS TEXT) AS "role", u."isActive" AS "isActive",
            u."firstName" AS "firstName", u."lastName" AS "lastName",
            f."secret" AS "secret", p."language" AS "language"
        FROM "users" u
        LEFT JOIN "calendar_feeds" f ON f."userId" = u."id"
        LEFT JOIN "user_preferences" p ON p."userId" = u."id"
        WHERE u."id" = $1"#;
    let Some(row) = db
        .query_one_raw(statement(db, sql, vec![user_id.into()]))
        .await?
    else {
        return Ok(None);
    };
    let role: String = row.try_get("", "role")?;
    let Some(role) = Role::parse(&role) else {
        return Ok(None);
    };
    Ok(Some(FeedOwner {
        role,
        active: row.try_get::<Option<bool>>("", "isActive")?.unwrap_or(true),
        secret: row.try_get("", "secret")?,
        language: row.try_get("", "language")?,
        first_name: row.try_get("", "firstName")?,
        last_name: row.try_get("", "lastName")?,
    }))
}

/// The user's secret, if they have one.
pub async fn secret_of(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Option<String>, DbErr> {
    Ok(Entity::find()
        .filter(Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|f| f.secret))
}

/// Stores `secret` as the user's; with `replace`, over the one they have, else only when
/// they have none (two first requests at once keep the first).
pub async fn store_secret(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    secret: &str,
    replace: bool,
) -> Result<(), DbErr> {
    let now = crate::clock::now();
    let mut on_conflict = OnConflict::column(Column::UserId);
    if replace {
        on_conflict.update_columns([Column::Secret, Column::UpdatedAt]);
    } else {
        on_conflict.do_nothing();
    }
    Entity::insert(calendar_feeds::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        secret: Set(secret.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(on_conflict)
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Enrolments whose courses a learner's calendar shows: learning or completed, in a
/// published course.
const LEARNS: &str = r#"e."userId" = $1 AND CAST(e."status" AS TEXT) IN ('enrolled', 'completed')
    AND c."isPublished" = TRUE"#;

/// A trainee's calendar: the dates of the courses they learn in, their published
/// assignments' due dates, and their own attendance in those courses.
pub async fn learning(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<FeedItem>, DbErr> {
    let courses = format!(
        r#"SELECT c."id" AS "id", c."title" AS "title", c."startDate" AS "startDate",
                c."endDate" AS "endDate"
            FROM "enrollments" e JOIN "courses" c ON c."id" = e."courseId"
            WHERE {LEARNS} AND (c."startDate" IS NOT NULL OR c."endDate" IS NOT NULL)
            ORDER BY c."id" DESC LIMIT {MOST}"#
    );
    let assignments = format!(
        r#"SELECT a."id" AS "id", a."title" AS "title", a."dueDate" AS "dueDate",
                a."points" AS "points", c."title" AS "courseTitle"
            FROM "enrollments" e JOIN "courses" c ON c."id" = e."courseId"
            JOIN "assignments" a ON a."courseId" = c."id"
            WHERE {LEARNS} AND a."isPublished" = TRUE AND a."dueDate" IS NOT NULL
            ORDER BY a."dueDate" DESC, a."id" LIMIT {MOST}"#
    );
    let attendance = format!(
        r#"SELECT t."id" AS "id", t."courseId" AS "courseId", c."title" AS "courseTitle",
                t."sessionDate" AS "sessionDate", CAST(t."status" AS TEXT) AS "status",
                t."signInTime" AS "signInTime", t."signOutTime" AS "signOutTime"
            FROM "enrollments" e JOIN "courses" c ON c."id" = e."courseId"
            JOIN "attendance" t ON t."courseId" = e."courseId" AND t."userId" = e."userId"
            WHERE {LEARNS}
            ORDER BY t."sessionDate" DESC, t."id" LIMIT {MOST}"#
    );
    let mut items = Vec::new();
    for row in query(db, &courses, user_id).await? {
        items.push(course(&row, false)?);
    }
    for row in query(db, &assignments, user_id).await? {
        items.push(assignment(&row, false)?);
    }
    for row in query(db, &attendance, user_id).await? {
        let status: String = row.try_get("", "status")?;
        let Some(status) = AttendanceState::parse(&status) else {
            continue;
        };
        items.push(FeedItem::Attendance {
            id: row.try_get("", "id")?,
            course_id: row.try_get("", "courseId")?,
            course_title: row.try_get("", "courseTitle")?,
            date: row.try_get::<NaiveDate>("", "sessionDate")?,
            status,
            sign_in: row.try_get::<Option<DateTime<Utc>>>("", "signInTime")?,
            sign_out: row.try_get::<Option<DateTime<Utc>>>("", "signOutTime")?,
        });
    }
    Ok(items)
}

/// A trainer's (or super admin's) calendar: the dates of the courses they teach, drafts
/// included, their assignments' due dates, and the dates a register was taken, with its
/// counts.
pub async fn teaching(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<FeedItem>, DbErr> {
    let courses = format!(
        r#"SELECT c."id" AS "id", c."title" AS "title", c."startDate" AS "startDate",
                c."endDate" AS "endDate"
            FROM "courses" c
            WHERE c."trainerId" = $1 AND (c."startDate" IS NOT NULL OR c."endDate" IS NOT NULL)
            ORDER BY c."id" DESC LIMIT {MOST}"#
    );
    let assignments = format!(
        r#"SELECT a."id" AS "id", a."title" AS "title", a."dueDate" AS "dueDate",
                a."points" AS "points", c."title" AS "courseTitle"
            FROM "courses" c JOIN "assignments" a ON a."courseId" = c."id"
            WHERE c."trainerId" = $1 AND a."dueDate" IS NOT NULL
            ORDER BY a."dueDate" DESC, a."id" LIMIT {MOST}"#
    );
    let count = |status: &str| {
        format!(
            r#"SUM(CASE WHEN CAST(t."status" AS TEXT) = '{status}' THEN 1 ELSE 0 END) AS "{status}""#
        )
    };
    let registers = format!(
        r#"SELECT t."courseId" AS "courseId", c."title" AS "courseTitle",
                t."sessionDate" AS "sessionDate", {}, {}, {}, {}
            FROM "courses" c JOIN "attendance" t ON t."courseId" = c."id"
            WHERE c."trainerId" = $1
            GROUP BY t."courseId", c."title", t."sessionDate"
            ORDER BY t."sessionDate" DESC, t."courseId" LIMIT {MOST}"#,
        count("present"),
        count("late"),
        count("absent"),
        count("excused"),
    );
    let mut items = Vec::new();
    for row in query(db, &courses, user_id).await? {
        items.push(course(&row, true)?);
    }
    for row in query(db, &assignments, user_id).await? {
        items.push(assignment(&row, true)?);
    }
    for row in query(db, &registers, user_id).await? {
        items.push(FeedItem::Register {
            course_id: row.try_get("", "courseId")?,
            course_title: row.try_get("", "courseTitle")?,
            date: row.try_get::<NaiveDate>("", "sessionDate")?,
            present: number(&row, "present")?,
            late: number(&row, "late")?,
            absent: number(&row, "absent")?,
            excused: number(&row, "excused")?,
        });
    }
    Ok(items)
}

async fn query(
    db: &impl ConnectionTrait,
    sql: &str,
    user_id: Uuid,
) -> Result<Vec<QueryResult>, DbErr> {
    let values: Vec<Value> = vec![user_id.into()];
    db.query_all_raw(statement(db, sql, values)).await
}

fn course(row: &QueryResult, teaching: bool) -> Result<FeedItem, DbErr> {
    Ok(FeedItem::Course {
        id: row.try_get("", "id")?,
        title: row.try_get("", "title")?,
        start: row.try_get::<Option<NaiveDate>>("", "startDate")?,
        end: row.try_get::<Option<NaiveDate>>("", "endDate")?,
        teaching,
    })
}

fn assignment(row: &QueryResult, teaching: bool) -> Result<FeedItem, DbErr> {
    Ok(FeedItem::Assignment {
        id: row.try_get("", "id")?,
        course_title: row.try_get("", "courseTitle")?,
        title: row.try_get("", "title")?,
        due: row.try_get::<DateTime<Utc>>("", "dueDate")?,
        points: row.try_get("", "points")?,
        teaching,
    })
}

/// A count: `bigint` on PostgreSQL, an integer on SQLite (`NULL` never: every group has a
/// row).
fn number(row: &QueryResult, column: &str) -> Result<u32, DbErr> {
    let n = row.try_get::<Option<i64>>("", column).or_else(|_| {
        row.try_get::<Option<i32>>("", column)
            .map(|v| v.map(i64::from))
    })?;
    Ok(u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX))
}
