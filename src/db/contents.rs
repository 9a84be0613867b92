//! Queries on `course_contents`. Every function takes the course's `CourseGrant` and
//! touches only that course's contents.
//!
//! Columns as used here: `fileUrl` holds the storage key (`contents/<id>-<random>.<ext>`;
//! clients see the download address instead), `metadata.fileName` the uploader's file
//! name, `metadata.captions` a video's captions track (`{key, size, language}`),
//! `content.articleFormat` and `content.articleHtml` an article's format and its
//! sanitised HTML.

use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait,
};
use serde_json::json;
use uuid::Uuid;

use super::entities::enums::{ContentType, EnrollmentStatus};
use super::entities::{course_contents, course_sections, courses, enrollments, quiz_questions};
use crate::domain::content::quiz::QuizSettings;
use crate::domain::content::{
    CertificateTemplate, Content, ContentCaptions, ContentChanges, ContentFile, ContentKind,
    ContentPlacement, ContentSummary,
};
use crate::domain::policy::{Actor, CourseFacts, CourseGrant};

/// The course a content belongs to, for finding the caller's standing.
pub async fn course_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Uuid>, DbErr> {
    course_contents::Entity::find_by_id(id)
        .select_only()
        .column(course_contents::Column::CourseId)
        .into_tuple()
        .one(db)
        .await
}

/// The courses of these contents, as (content, course); a content not there is left out.
pub async fn courses_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    course_contents::Entity::find()
        .select_only()
        .columns([
            course_contents::Column::Id,
            course_contents::Column::CourseId,
        ])
        .filter(course_contents::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await
}

/// Where a content sits, and the caller's standing towards its course, for deciding who may
/// reach it: one query (the content, its section, its course and the caller's enrolment)
/// in place of reading the content, the course's sections, the content again and the
/// course with the standing. `None`: no such content.
pub async fn placement_for(
    db: &impl ConnectionTrait,
    id: Uuid,
    actor: Option<&Actor>,
) -> Result<Option<(ContentPlacement, CourseFacts)>, DbErr> {
    use course_contents::Column as C;
    /// The course, type, published, section, the section's published, the course's
    /// trainer and published, and the caller's enrolment status.
    type Row = (
        Uuid,
        ContentType,
        Option<bool>,
        Option<Uuid>,
        Option<bool>,
        Uuid,
        Option<bool>,
        Option<EnrollmentStatus>,
    );
    let row: Option<Row> = course_contents::Entity::find_by_id(id)
        .select_only()
        .columns([C::CourseId, C::Type, C::IsPublished, C::SectionId])
        .column_as(course_sections::Column::IsPublished, "section_published")
        .column_as(courses::Column::TrainerId, "course_trainer")
        .column_as(courses::Column::IsPublished, "course_published")
        .column_as(enrollments::Column::Status, "enrolment_status")
        .join(JoinType::LeftJoin, course_contents::Relation::Section.def())
        .join(JoinType::InnerJoin, course_contents::Relation::Course.def())
        .join(JoinType::LeftJoin, super::courses::callers_enrolment(actor))
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.map(
        |(
            course_id,
            kind,
            published,
            section,
            section_published,
            trainer,
            course_published,
            status,
        )| {
            let place = ContentPlacement {
                id,
                course_id,
                kind: ContentKind::from(kind),
                // The same defaults as a whole `Content` and `Section`.
                visible_to_learners: published.unwrap_or(true)
                    && section.is_none_or(|_| section_published.unwrap_or(true)),
            };
            let facts = super::courses::facts(course_id, actor, trainer, course_published, status);
            (place, facts)
        },
    ))
}

/// The course's contents, by section and order.
pub async fn list(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<Vec<Content>, DbErr> {
    Ok(course_contents::Entity::find()
        .filter(course_contents::Column::CourseId.eq(grant.course_id()))
        .order_by_asc(course_contents::Column::Order)
        .order_by_asc(course_contents::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Content::from)
        .collect())
}

/// The course's contents as the outline needs them (no text, files or settings), by
/// section and order.
pub async fn summaries(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
) -> Result<Vec<ContentSummary>, DbErr> {
    use course_contents::Column as C;
    type Row = (
        Uuid,
        Option<Uuid>,
        String,
        ContentType,
        Option<i32>,
        i32,
        Option<bool>,
        Option<bool>,
        Option<i32>,
    );
    let rows: Vec<Row> = course_contents::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::SectionId,
            C::Title,
            C::Type,
            C::Duration,
            C::Order,
            C::IsPublished,
            C::IsRequired,
            C::Points,
        ])
        .filter(C::CourseId.eq(grant.course_id()))
        .order_by_asc(C::Order)
        .order_by_asc(C::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, section_id, title, kind, duration, order, published, required, points)| {
                ContentSummary {
                    id,
                    section_id,
                    title,
                    kind: ContentKind::from(kind),
                    duration,
                    order,
                    // The same defaults as a whole `Content`.
                    is_published: published.unwrap_or(true),
                    is_required: required.unwrap_or(true),
                    points: points.unwrap_or(0),
                }
            },
        )
        .collect())
}

pub async fn find(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<Content>, DbErr> {
    Ok(find_model(db, grant, id).await?.map(Content::from))
}

async fn find_model(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<course_contents::Model>, DbErr> {
    course_contents::Entity::find_by_id(id)
        .filter(course_contents::Column::CourseId.eq(grant.course_id()))
        .one(db)
        .await
}

/// The next place at the end of a section (or of "no section").
async fn next_order(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    section: Option<Uuid>,
) -> Result<i32, DbErr> {
    let mut q = course_contents::Entity::find()
        .select_only()
        .expr(Expr::col(course_contents::Column::Order).max())
        .filter(course_contents::Column::CourseId.eq(grant.course_id()));
    q = match section {
        Some(s) => q.filter(course_contents::Column::SectionId.eq(s)),
        None => q.filter(course_contents::Column::SectionId.is_null()),
    };
    Ok(q.into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten()
        .map_or(0, |o| o + 1))
}

/// A new content at the end of its section.
pub async fn insert(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    kind: ContentKind,
    new: &ContentChanges,
) -> Result<Content, DbErr> {
    let section = new.section_id.flatten();
    let mut model = course_contents::ActiveModel {
        course_id: Set(grant.course_id()),
        section_id: Set(section),
        r#type: Set(ContentType::from(kind)),
        order: Set(next_order(db, grant, section).await?),
        is_published: Set(Some(new.is_published.unwrap_or(true))),
        is_required: Set(Some(new.is_required.unwrap_or(true))),
        points: Set(Some(new.points.unwrap_or(0))),
        content: Set(Some(json!({}))),
        metadata: Set(Some(json!({}))),
        quiz_data: Set(Some(json!({}))),
        certificate_template: Set(Some(json!({}))),
        ..Default::default()
    };
    apply(&mut model, new);
    Ok(model.insert(db).await?.into())
}

fn apply(model: &mut course_contents::ActiveModel, c: &ContentChanges) {
    if let Some(t) = &c.title {
        model.title = Set(t.clone());
    }
    if let Some(d) = &c.description {
        model.description = Set(d.clone());
    }
    if let Some(p) = c.is_published {
        model.is_published = Set(Some(p));
    }
    if let Some(r) = c.is_required {
        model.is_required = Set(Some(r));
    }
    if let Some(p) = c.points {
        model.points = Set(Some(p));
    }
    if let Some(d) = c.duration {
        model.duration = Set(d);
    }
    if let Some(a) = &c.article {
        model.article_content = Set(Some(a.source.clone()));
        model.content = Set(Some(json!({
            "articleFormat": a.format.as_str(),
            "articleHtml": a.html,
        })));
    }
    if let Some(q) = &c.quiz {
        model.quiz_data = Set(serde_json::to_value(q).ok());
    }
    if let Some(t) = &c.certificate {
        model.certificate_template = Set(serde_json::to_value(t).ok());
    }
}

/// Applies the changes (a new section puts the content at that section's end); `None`
/// when the course has no such content.
pub async fn update(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    changes: &ContentChanges,
) -> Result<Option<Content>, DbErr> {
    let Some(existing) = find_model(db, grant, id).await? else {
        return Ok(None);
    };
    let mut model = course_contents::ActiveModel {
        id: Unchanged(id),
        ..Default::default()
    };
    apply(&mut model, changes);
    if let Some(section) = changes.section_id
        && section != existing.section_id
    {
        model.section_id = Set(section);
        model.order = Set(next_order(db, grant, section).await?);
    }
    if model.is_changed() {
        model.update(db).await?;
    }
    find(db, grant, id).await
}

/// Deletes the content and its questions; answers the keys of its stored files (the file,
/// the captions), for removal after commit. `None` when the course has no such content.
pub async fn delete(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<Vec<String>>, DbErr> {
    let Some(existing) = find_model(db, grant, id).await? else {
        return Ok(None);
    };
    quiz_questions::Entity::delete_many()
        .filter(quiz_questions::Column::ContentId.eq(id))
        .exec(db)
        .await?;
    course_contents::Entity::delete_many()
        .filter(course_contents::Column::Id.eq(id))
        .filter(course_contents::Column::CourseId.eq(grant.course_id()))
        .exec(db)
        .await?;
    Ok(Some(stored_keys(&existing)))
}

/// The keys of a content's stored files: its file and its captions.
pub fn stored_keys(m: &course_contents::Model) -> Vec<String> {
    keys_in(m.file_url.clone(), m.metadata.as_ref())
}

/// The stored files a content's `fileUrl` and `metadata` name (its file, its captions).
pub fn keys_in(file_url: Option<String>, metadata: Option<&serde_json::Value>) -> Vec<String> {
    file_url
        .into_iter()
        .chain(captions_in(metadata).map(|c| c.key))
        .collect()
}

/// Puts `ids` into `section` in that order (already checked to be contents of this
/// course, including every one the section held).
pub async fn reorder(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    section: Option<Uuid>,
    ids: &[Uuid],
) -> Result<(), DbErr> {
    for (order, id) in ids.iter().enumerate() {
        course_contents::Entity::update_many()
            .col_expr(course_contents::Column::Order, Expr::value(order as i32))
            .col_expr(course_contents::Column::SectionId, Expr::value(section))
            .col_expr(
                course_contents::Column::UpdatedAt,
                Expr::value(crate::clock::now()),
            )
            .filter(course_contents::Column::Id.eq(*id))
            .filter(course_contents::Column::CourseId.eq(grant.course_id()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// What the stored file of a content is (for serving): key, size, type.
pub struct StoredContentFile {
    pub key: String,
    pub size: i64,
    pub mime_type: String,
    pub name: Option<String>,
}

pub async fn file_of(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<StoredContentFile>, DbErr> {
    Ok(find_model(db, grant, id).await?.and_then(|m| {
        Some(StoredContentFile {
            key: m.file_url.clone()?,
            size: i64::from(m.file_size.unwrap_or(0)),
            mime_type: m.file_type.clone().unwrap_or_default(),
            name: file_name(&m),
        })
    }))
}

/// Records a new file for the content, under the row's lock; answers the key it replaces.
/// `Err(None)`-like: `Ok(None)` when the content is gone.
pub async fn set_file(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    file: StoredContentFile,
) -> Result<Option<Option<String>>, DbErr> {
    let Some(existing) = course_contents::Entity::find_by_id(id)
        .filter(course_contents::Column::CourseId.eq(grant.course_id()))
        .lock_exclusive()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut metadata = existing.metadata.clone().unwrap_or_else(|| json!({}));
    if let Some(map) = metadata.as_object_mut() {
        map.insert("fileName".to_owned(), json!(file.name));
    }
    course_contents::ActiveModel {
        id: Unchanged(id),
        file_url: Set(Some(file.key)),
        // The seed's INTEGER column: files past 2 GiB are recorded at i32::MAX (the store
        // knows the real size, which serving reads).
        file_size: Set(Some(i32::try_from(file.size).unwrap_or(i32::MAX))),
        file_type: Set(Some(file.mime_type)),
        metadata: Set(Some(metadata)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(Some(existing.file_url))
}

/// A video's stored captions track.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredCaptions {
    pub key: String,
    pub size: i64,
    pub language: Option<String>,
}

fn captions_of_model(m: &course_contents::Model) -> Option<StoredCaptions> {
    captions_in(m.metadata.as_ref())
}

fn captions_in(metadata: Option<&serde_json::Value>) -> Option<StoredCaptions> {
    let value = metadata?.get("captions")?.clone();
    serde_json::from_value(value).ok()
}

pub async fn captions_of(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<StoredCaptions>, DbErr> {
    Ok(find_model(db, grant, id)
        .await?
        .as_ref()
        .and_then(captions_of_model))
}

/// Sets (or, with `None`, removes) the content's captions under the row's lock; answers
/// the key of the track it replaces. `Ok(None)` when the content is gone.
pub async fn set_captions(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    captions: Option<StoredCaptions>,
) -> Result<Option<Option<String>>, DbErr> {
    let Some(existing) = course_contents::Entity::find_by_id(id)
        .filter(course_contents::Column::CourseId.eq(grant.course_id()))
        .lock_exclusive()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let old = captions_of_model(&existing).map(|c| c.key);
    let mut metadata = existing.metadata.clone().unwrap_or_else(|| json!({}));
    if let Some(map) = metadata.as_object_mut() {
        match captions {
            Some(c) => map.insert("captions".to_owned(), json!(c)),
            None => map.remove("captions"),
        };
    }
    course_contents::ActiveModel {
        id: Unchanged(id),
        metadata: Set(Some(metadata)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(Some(old))
}

fn file_name(m: &course_contents::Model) -> Option<String> {
    m.metadata
        .as_ref()
        .and_then(|v| v.get("fileName"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

impl From<course_contents::Model> for Content {
    fn from(m: course_contents::Model) -> Self {
        let kind = ContentKind::from(m.r#type);
        let file = m.file_url.as_ref().map(|_| ContentFile {
            url: format!("/api/contents/{}/file", m.id),
            size: i64::from(m.file_size.unwrap_or(0)),
            mime_type: m.file_type.clone().unwrap_or_default(),
            name: file_name(&m),
        });
        let captions = captions_of_model(&m).map(|c| ContentCaptions {
            url: format!("/api/contents/{}/captions", m.id),
            size: c.size,
            language: c.language,
        });
        let content = m.content.clone().unwrap_or_else(|| json!({}));
        let text = |key: &str| content.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let is_article = kind == ContentKind::Article;
        Content {
            id: m.id,
            course_id: m.course_id,
            section_id: m.section_id,
            title: m.title,
            description: m.description,
            kind,
            file,
            captions,
            duration: m.duration,
            order: m.order,
            is_published: m.is_published.unwrap_or(true),
            is_required: m.is_required.unwrap_or(true),
            points: m.points.unwrap_or(0),
            article_content: is_article.then(|| m.article_content.clone().unwrap_or_default()),
            article_format: is_article
                .then(|| text("articleFormat").unwrap_or_else(|| "markdown".to_owned())),
            // Sanitised again on the way out: what the column holds is never trusted.
            article_html: is_article.then(|| {
                crate::domain::article::sanitize_html(&text("articleHtml").unwrap_or_default())
            }),
            quiz_data: (kind == ContentKind::Quiz)
                .then(|| QuizSettings::stored(m.quiz_data.as_ref().unwrap_or(&json!({})))),
            certificate_template: (kind == ContentKind::Certificate).then(|| {
                m.certificate_template
                    .as_ref()
                    .and_then(|v| serde_json::from_value::<CertificateTemplate>(v.clone()).ok())
                    .unwrap_or_default()
            }),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl From<ContentType> for ContentKind {
    fn from(t: ContentType) -> Self {
        match t {
            ContentType::Document => ContentKind::Document,
            ContentType::Image => ContentKind::Image,
            ContentType::Video => ContentKind::Video,
            ContentType::Article => ContentKind::Article,
            ContentType::Quiz => ContentKind::Quiz,
            ContentType::Certificate => ContentKind::Certificate,
        }
    }
}

impl From<ContentKind> for ContentType {
    fn from(k: ContentKind) -> Self {
        match k {
            ContentKind::Document => ContentType::Document,
            ContentKind::Image => ContentType::Image,
            ContentKind::Video => ContentType::Video,
            ContentKind::Article => ContentType::Article,
            ContentKind::Quiz => ContentType::Quiz,
            ContentKind::Certificate => ContentType::Certificate,
        }
    }
}
