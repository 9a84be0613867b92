//! Queries on `assignments`. Writes take the course's `CourseGrant`; reads by id answer the
//! assignment with its course, so the caller can ask the policy about that course.

use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::entities::{assignment_submissions, assignments};
use crate::domain::assignment::{Assignment, AssignmentChanges};
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::policy::CourseGrant;

impl From<assignments::Model> for Assignment {
    fn from(m: assignments::Model) -> Self {
        Assignment {
            id: m.id,
            course_id: m.course_id,
            trainer_id: m.trainer_id,
            title: m.title,
            description: m.description,
            due_date: m.due_date,
            points: m.points,
            is_published: m.is_published.unwrap_or(false),
            allow_late_submission: m.allow_late_submission.unwrap_or(false),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// The assignment, whoever's course it is in (the caller then asks the policy).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Assignment>, DbErr> {
    Ok(assignments::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(Assignment::from))
}

/// The assignment, locked until the transaction ends (grading and hand-ins read its due
/// date and points under it, so a change waits for them and they for it).
pub async fn lock(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<Assignment>, DbErr> {
    Ok(assignments::Entity::find_by_id(id)
        .filter(assignments::Column::CourseId.eq(grant.course_id()))
        .lock_shared()
        .one(db)
        .await?
        .map(Assignment::from))
}

/// The course's assignments, by due date (those without one last), then title; only the
/// published ones unless `drafts`.
pub async fn list(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    drafts: bool,
    page: PageRequest,
) -> Result<Page<Assignment>, DbErr> {
    let mut q =
        assignments::Entity::find().filter(assignments::Column::CourseId.eq(grant.course_id()));
    if !drafts {
        q = q.filter(assignments::Column::IsPublished.eq(true));
    }
    let total = q.clone().count(db).await?;
    let items = q
        .order_by_asc(sea_orm::sea_query::Expr::cust(
            r#"CASE WHEN "dueDate" IS NULL THEN 1 ELSE 0 END"#,
        ))
        .order_by_asc(assignments::Column::DueDate)
        .order_by_asc(assignments::Column::Title)
        .order_by_asc(assignments::Column::Id)
        .limit(page.limit)
        .offset(page.offset())
        .all(db)
        .await?;
    Ok(Page {
        items: items.into_iter().map(Assignment::from).collect(),
        pagination: Pagination::new(page, total),
    })
}

pub async fn insert(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    trainer_id: Uuid,
    new: &AssignmentChanges,
) -> Result<Assignment, DbErr> {
    Ok(assignments::ActiveModel {
        id: NotSet,
        course_id: Set(grant.course_id()),
        trainer_id: Set(trainer_id),
        title: Set(new.title.clone().unwrap_or_default()),
        description: Set(new.description.clone().unwrap_or_default()),
        due_date: Set(new.due_date.flatten()),
        points: Set(new.points.unwrap_or(0)),
        is_published: Set(Some(new.is_published.unwrap_or(false))),
        allow_late_submission: Set(Some(new.allow_late_submission.unwrap_or(false))),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?
    .into())
}

/// Applies the changes; `None` when the course has no such assignment.
pub async fn update(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    changes: &AssignmentChanges,
) -> Result<Option<Assignment>, DbErr> {
    let Some(existing) = assignments::Entity::find_by_id(id)
        .filter(assignments::Column::CourseId.eq(grant.course_id()))
        .lock_exclusive()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut row = assignments::ActiveModel {
        id: Unchanged(id),
        ..Default::default()
    };
    if let Some(t) = &changes.title {
        row.title = Set(t.clone());
    }
    if let Some(d) = &changes.description {
        row.description = Set(d.clone());
    }
    if let Some(d) = changes.due_date {
        row.due_date = Set(d);
    }
    if let Some(p) = changes.points {
        row.points = Set(p);
        // Scores are averaged over the points.
        super::stats::forget(db, grant.course_id()).await?;
    }
    if let Some(p) = changes.is_published {
        row.is_published = Set(Some(p));
    }
    if let Some(l) = changes.allow_late_submission {
        row.allow_late_submission = Set(Some(l));
    }
    if !row.is_changed() {
        return Ok(Some(existing.into()));
    }
    Ok(Some(row.update(db).await?.into()))
}

/// Deletes the assignment; `None` when the course has no such assignment.
pub async fn delete(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<()>, DbErr> {
    let done = assignments::Entity::delete_many()
        .filter(assignments::Column::Id.eq(id))
        .filter(assignments::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    Ok((done.rows_affected == 1).then_some(()))
}

/// How many submissions the assignment has (a deletion is refused while it has any).
pub async fn submission_count(db: &impl ConnectionTrait, id: Uuid) -> Result<u64, DbErr> {
    assignment_submissions::Entity::find()
        .filter(assignment_submissions::Column::AssignmentId.eq(id))
        .count(db)
        .await
}

/// The highest score any submission of the assignment has (lowering the points below it is
/// refused).
pub async fn highest_score(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<rust_decimal::Decimal>, DbErr> {
    Ok(assignment_submissions::Entity::find()
        .filter(assignment_submissions::Column::AssignmentId.eq(id))
        .filter(assignment_submissions::Column::Score.is_not_null())
        .order_by_desc(assignment_submissions::Column::Score)
        .one(db)
        .await?
        .and_then(|m| m.score))
}
