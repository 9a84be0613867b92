//! Queries on `user_notes`. Every read and write names the note's owner, so a note is
//! only ever reached by the trainee who wrote it (or, shared, by the course's trainer
//! through `shared_in`).

use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::sea_query::{ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use super::entities::tag_list::TagList;
use super::entities::user_notes;
use crate::domain::note::{Note, NoteChanges, NoteFilter};
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::policy::CourseGrant;

impl From<user_notes::Model> for Note {
    fn from(m: user_notes::Model) -> Self {
        Note {
            id: m.id,
            user_id: m.user_id,
            course_id: m.course_id,
            content_id: m.content_id,
            content: m.content,
            is_private: m.is_private.unwrap_or(true),
            tags: m.tags.map(|t| t.0).unwrap_or_default(),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// A note of this owner (`None`: no such note, or someone else's).
pub async fn find_own(
    db: &impl ConnectionTrait,
    owner: Uuid,
    id: Uuid,
) -> Result<Option<Note>, DbErr> {
    Ok(user_notes::Entity::find_by_id(id)
        .filter(user_notes::Column::UserId.eq(owner))
        .one(db)
        .await?
        .map(Note::from))
}

pub async fn insert(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    owner: Uuid,
    new: &NoteChanges,
) -> Result<Note, DbErr> {
    Ok(user_notes::ActiveModel {
        id: NotSet,
        user_id: Set(owner),
        course_id: Set(grant.course_id()),
        content_id: Set(new.content_id.flatten()),
        content: Set(new.content.clone().unwrap_or_default()),
        is_private: Set(Some(new.is_private.unwrap_or(true))),
        tags: Set(Some(TagList(new.tags.clone().unwrap_or_default()))),
        created_at: NotSet,
        updated_at: NotSet,
    }
    .insert(db)
    .await?
    .into())
}

pub async fn update(
    db: &impl ConnectionTrait,
    owner: Uuid,
    id: Uuid,
    changes: &NoteChanges,
) -> Result<Option<Note>, DbErr> {
    if find_own(db, owner, id).await?.is_none() {
        return Ok(None);
    }
    let mut row = user_notes::ActiveModel {
        id: Unchanged(id),
        ..Default::default()
    };
    if let Some(c) = changes.content_id {
        row.content_id = Set(c);
    }
    if let Some(c) = &changes.content {
        row.content = Set(c.clone());
    }
    if let Some(p) = changes.is_private {
        row.is_private = Set(Some(p));
    }
    if let Some(t) = &changes.tags {
        row.tags = Set(Some(TagList(t.clone())));
    }
    Ok(Some(row.update(db).await?.into()))
}

pub async fn delete(db: &impl ConnectionTrait, owner: Uuid, id: Uuid) -> Result<bool, DbErr> {
    let done = user_notes::Entity::delete_many()
        .filter(user_notes::Column::Id.eq(id))
        .filter(user_notes::Column::UserId.eq(owner))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

fn filtered(
    backend: DbBackend,
    mut q: Select<user_notes::Entity>,
    filter: &NoteFilter,
) -> Select<user_notes::Entity> {
    if let Some(c) = filter.course_id {
        q = q.filter(user_notes::Column::CourseId.eq(c));
    }
    if let Some(c) = filter.content_id {
        q = q.filter(user_notes::Column::ContentId.eq(c));
    }
    if let Some(tag) = filter.tag.as_deref().map(str::to_lowercase) {
        // Tags are a text[] on PostgreSQL and JSON text on SQLite.
        q = q.filter(match backend {
            DbBackend::Postgres => Expr::cust_with_values(
                r#"EXISTS (SELECT 1 FROM unnest("user_notes"."tags") t WHERE lower(t) = $1)"#,
                [tag],
            ),
            _ => Expr::cust_with_values(
                r#"EXISTS (SELECT 1 FROM json_each("user_notes"."tags") t WHERE lower(t.value) = ?)"#,
                [tag],
            ),
        });
    }
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        for word in search.split_whitespace().take(10) {
            let pattern = LikeExpr::new(super::like_contains(&word.to_lowercase())).escape('\\');
            q = q.filter(
                Expr::expr(sea_orm::sea_query::Func::lower(Expr::col(
                    user_notes::Column::Content,
                )))
                .like(pattern),
            );
        }
    }
    q
}

async fn page_of(
    db: &impl ConnectionTrait,
    q: Select<user_notes::Entity>,
    page: PageRequest,
) -> Result<Page<Note>, DbErr> {
    let total = q.clone().count(db).await?;
    let items = q
        .order_by_desc(user_notes::Column::UpdatedAt)
        .order_by_desc(user_notes::Column::Id)
        .limit(page.limit)
        .offset(page.offset())
        .all(db)
        .await?
        .into_iter()
        .map(Note::from)
        .collect();
    Ok(Page {
        items,
        pagination: Pagination::new(page, total),
    })
}

/// The owner's notes, newest change first.
pub async fn mine(
    db: &impl ConnectionTrait,
    owner: Uuid,
    filter: &NoteFilter,
    page: PageRequest,
) -> Result<Page<Note>, DbErr> {
    let q = user_notes::Entity::find().filter(user_notes::Column::UserId.eq(owner));
    page_of(db, filtered(db.get_database_backend(), q, filter), page).await
}

/// The notes trainees shared in a course (for its trainer).
pub async fn shared_in(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    filter: &NoteFilter,
    page: PageRequest,
) -> Result<Page<Note>, DbErr> {
    let q = user_notes::Entity::find()
        .filter(user_notes::Column::CourseId.eq(grant.course_id()))
        .filter(user_notes::Column::IsPrivate.eq(false));
    page_of(db, filtered(db.get_database_backend(), q, filter), page).await
}
