//! Queries on `course_sections`. Every function takes the course's `CourseGrant` and
//! touches only that course's sections.

use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::entities::{course_contents, course_sections};
use crate::domain::content::{Section, SectionChanges};
use crate::domain::policy::CourseGrant;

/// The course a section belongs to, for finding the caller's standing.
pub async fn course_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Uuid>, DbErr> {
    course_sections::Entity::find_by_id(id)
        .select_only()
        .column(course_sections::Column::CourseId)
        .into_tuple()
        .one(db)
        .await
}

/// The course's sections in order.
pub async fn list(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<Vec<Section>, DbErr> {
    Ok(course_sections::Entity::find()
        .filter(course_sections::Column::CourseId.eq(grant.course_id()))
        .order_by_asc(course_sections::Column::Order)
        .order_by_asc(course_sections::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Section::from)
        .collect())
}

pub async fn find(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<Section>, DbErr> {
    Ok(course_sections::Entity::find_by_id(id)
        .filter(course_sections::Column::CourseId.eq(grant.course_id()))
        .one(db)
        .await?
        .map(Section::from))
}

/// A new section at the end of the course.
pub async fn insert(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    new: &SectionChanges,
) -> Result<Section, DbErr> {
    let last: Option<i32> = course_sections::Entity::find()
        .select_only()
        .expr(Expr::col(course_sections::Column::Order).max())
        .filter(course_sections::Column::CourseId.eq(grant.course_id()))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let model = course_sections::ActiveModel {
        course_id: Set(grant.course_id()),
        title: Set(new.title.clone().unwrap_or_default()),
        description: Set(new.description.clone().flatten()),
        order: Set(last.map_or(0, |o| o + 1)),
        is_published: Set(Some(new.is_published.unwrap_or(true))),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// Applies the changes; `None` when the course has no such section.
pub async fn update(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    changes: &SectionChanges,
) -> Result<Option<Section>, DbErr> {
    if find(db, grant, id).await?.is_none() {
        return Ok(None);
    }
    let model = course_sections::ActiveModel {
        id: Unchanged(id),
        title: changes.title.clone().map_or(NotSet, Set),
        description: changes.description.clone().map_or(NotSet, Set),
        is_published: changes.is_published.map_or(NotSet, |p| Set(Some(p))),
        ..Default::default()
    };
    Ok(Some(model.update(db).await?.into()))
}

/// Deletes the section; its contents move to "no section", after the ones already there,
/// in their order. `false` when the course has no such section.
pub async fn delete(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<bool, DbErr> {
    if find(db, grant, id).await?.is_none() {
        return Ok(false);
    }
    let course = grant.course_id();
    let loose_last: Option<i32> = course_contents::Entity::find()
        .select_only()
        .expr(Expr::col(course_contents::Column::Order).max())
        .filter(course_contents::Column::CourseId.eq(course))
        .filter(course_contents::Column::SectionId.is_null())
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let offset = loose_last.map_or(0, |o| o + 1);
    course_contents::Entity::update_many()
        .col_expr(
            course_contents::Column::Order,
            Expr::col(course_contents::Column::Order).add(offset),
        )
        .col_expr(
            course_contents::Column::SectionId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(
            course_contents::Column::UpdatedAt,
            Expr::value(crate::clock::now()),
        )
        .filter(course_contents::Column::CourseId.eq(course))
        .filter(course_contents::Column::SectionId.eq(id))
        .exec(db)
        .await?;
    course_sections::Entity::delete_many()
        .filter(course_sections::Column::Id.eq(id))
        .filter(course_sections::Column::CourseId.eq(course))
        .exec(db)
        .await?;
    Ok(true)
}

/// Gives each section its place in `ids` (already checked to be exactly the course's).
pub async fn reorder(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    ids: &[Uuid],
) -> Result<(), DbErr> {
    for (order, id) in ids.iter().enumerate() {
        course_sections::Entity::update_many()
            .col_expr(course_sections::Column::Order, Expr::value(order as i32))
            .col_expr(
                course_sections::Column::UpdatedAt,
                Expr::value(crate::clock::now()),
            )
            .filter(course_sections::Column::Id.eq(*id))
            .filter(course_sections::Column::CourseId.eq(grant.course_id()))
            .exec(db)
            .await?;
    }
    Ok(())
}

impl From<course_sections::Model> for Section {
    fn from(m: course_sections::Model) -> Self {
        Section {
            id: m.id,
            course_id: m.course_id,
            title: m.title,
            description: m.description,
            order: m.order,
            is_published: m.is_published.unwrap_or(true),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}
