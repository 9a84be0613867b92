//! Queries on `courses`. A course is always read with its trainer's name (one join), and,
//! when the caller matters, with the caller's enrolment (a second join), so that the
//! policy's standing comes from the same query as the course.
//!
//! Writes to an existing course take a `CourseGrant` and touch only the grant's course.

use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::sea_query::{ExprTrait, IntoCondition, NullOrdering, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult,
    JoinType, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    RelationTrait, Select,
};
use uuid::Uuid;

use super::entities::enums::{CourseLevel, EnrollmentStatus};
use super::entities::tag_list::TagList;
use super::entities::{
    course_contents, course_sections, courses, enrollments, quiz_questions, users,
};
use super::raw::{off_index, statement};
use crate::domain::course::{
    CatalogueFilter, CatalogueSort, CatalogueSortKey, Course, CourseChanges, Level, Price,
    TrainerName,
};
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::policy::{
    Actor, CourseFacts, CourseGrant, CourseScope, EnrolmentState, Standing,
};

#[derive(Debug, FromQueryResult)]
struct CourseRow {
    #[sea_orm(nested)]
    course: courses::Model,
    #[sea_orm(alias = "trainerFirstName")]
    trainer_first_name: String,
    #[sea_orm(alias = "trainerLastName")]
    trainer_last_name: String,
}

#[derive(Debug, FromQueryResult)]
struct CourseStandingRow {
    #[sea_orm(nested)]
    row: CourseRow,
    #[sea_orm(alias = "enrolmentStatus")]
    enrolment_status: Option<EnrollmentStatus>,
}

/// Every course column, with the trainer's name.
fn with_trainer() -> Select<courses::Entity> {
    courses::Entity::find()
        .join(JoinType::InnerJoin, courses::Relation::Trainer.def())
        .column_as(users::Column::FirstName, "trainerFirstName")
        .column_as(users::Column::LastName, "trainerLastName")
}

/// The join to the caller's enrolment in the course, if any. Anonymous callers join on the
/// nil id, which no enrolment has.
pub(super) fn callers_enrolment(actor: Option<&Actor>) -> sea_orm::RelationDef {
    let user_id = actor.map_or(Uuid::nil(), |a| a.id);
    courses::Relation::Enrollments
        .def()
        .on_condition(move |_course, enrolment| {
            Expr::col((enrolment, enrollments::Column::UserId))
                .eq(user_id)
                .into_condition()
        })
}

/// A course, with the caller's standing towards it, in one query (`None`: no such course).
pub async fn find_for(
    db: &impl ConnectionTrait,
    id: Uuid,
    actor: Option<&Actor>,
) -> Result<Option<(Course, CourseFacts)>, DbErr> {
    let row = with_trainer()
        .join(JoinType::LeftJoin, callers_enrolment(actor))
        .column_as(enrollments::Column::Status, "enrolmentStatus")
        .filter(courses::Column::Id.eq(id))
        .into_model::<CourseStandingRow>()
        .one(db)
        .await?;
    Ok(row.map(|r| {
        let course = Course::from(r.row);
        let enrolment = r.enrolment_status.map(EnrolmentState::from);
        let facts = CourseFacts {
            id: course.id,
            is_published: course.is_published,
            standing: Standing::of(actor, course.trainer_id, enrolment),
        };
        (course, facts)
    }))
}

/// Only what the policy needs of a course and the caller (no text, no JSON columns): for
/// the many requests that decide on a course without showing it (`None`: no such course).
pub async fn facts_for(
    db: &impl ConnectionTrait,
    id: Uuid,
    actor: Option<&Actor>,
) -> Result<Option<CourseFacts>, DbErr> {
    let row: Option<(Uuid, Option<bool>, Option<EnrollmentStatus>)> = courses::Entity::find()
        .select_only()
        .column(courses::Column::TrainerId)
        .column(courses::Column::IsPublished)
        .join(JoinType::LeftJoin, callers_enrolment(actor))
        .column_as(enrollments::Column::Status, "enrolmentStatus")
        .filter(courses::Column::Id.eq(id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.map(|(trainer_id, published, status)| facts(id, actor, trainer_id, published, status)))
}

/// The policy's facts from the course's columns and the caller's enrolment status.
pub(super) fn facts(
    id: Uuid,
    actor: Option<&Actor>,
    trainer_id: Uuid,
    published: Option<bool>,
    status: Option<EnrollmentStatus>,
) -> CourseFacts {
    CourseFacts {
        id,
        // The same default as a whole `Course`.
        is_published: published.unwrap_or(false),
        standing: Standing::of(actor, trainer_id, status.map(EnrolmentState::from)),
    }
}

/// A course by id, with its trainer's name (no standing: for answering after a write).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Course>, DbErr> {
    Ok(with_trainer()
        .filter(courses::Column::Id.eq(id))
        .into_model::<CourseRow>()
        .one(db)
        .await?
        .map(Course::from))
}

/// Published courses by id, with their trainers' names, in the order of `ids` (those that
/// no longer exist or are no longer published are left out): a kept catalogue page's cards
/// read again.
pub async fn published_by_ids(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<Course>, DbErr> {
    let mut rows: std::collections::HashMap<Uuid, Course> = with_trainer()
        .filter(courses::Column::Id.is_in(ids.iter().copied()))
        .filter(courses::Column::IsPublished.eq(true))
        .into_model::<CourseRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let c = Course::from(r);
            (c.id, c)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
}

/// The published catalogue's version: triggers on `courses` move it whenever a course is
/// created or deleted, or a column a catalogue filter or settled sort reads is written
/// (migration 27). `None` if the row is missing (then nothing is kept by it).
pub async fn catalogue_version(db: &impl ConnectionTrait) -> Result<Option<i64>, DbErr> {
    let sql = r#"SELECT "version" FROM "catalogue_versions" WHERE "scope" = 'published'"#;
    match db.query_one_raw(statement(db, sql, vec![])).await? {
        Some(row) => Ok(Some(row.try_get::<i64>("", "version")?)),
        None => Ok(None),
    }
}

/// Locks the course row until the transaction ends (PostgreSQL; on SQLite the write
/// transaction already holds the only write lock), so that deciding on its enrolments,
/// or on its outline, is not raced by another writer.
pub async fn lock(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<(), DbErr> {
    courses::Entity::find_by_id(grant.course_id())
        .select_only()
        .column(courses::Column::Id)
        .lock_exclusive()
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(())
}

/// Takes PostgreSQL's weakest lock on the course row (`FOR KEY SHARE`) until the
/// transaction ends: learners' writes (completions, attempts) hold it together, and can
/// still move the course's counters, while `lock` (an outline or enrolment change) waits
/// for them all, and they for it. So a set-based progress recompute never runs beside a
/// completion it would miss. On SQLite a write transaction already holds the database's
/// one write lock (`BEGIN IMMEDIATE`), so there is nothing to take and no statement to run.
pub async fn lock_for_learning(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
) -> Result<(), DbErr> {
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        return Ok(());
    }
    courses::Entity::find_by_id(grant.course_id())
        .select_only()
        .column(courses::Column::Id)
        .lock(sea_orm::sea_query::LockType::KeyShare)
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(())
}

/// Inserts a new course for `trainer_id` (unpublished, counters at zero).
pub async fn insert(
    db: &impl ConnectionTrait,
    trainer_id: Uuid,
    new: &CourseChanges,
) -> Result<Uuid, DbErr> {
    let mut model = courses::ActiveModel {
        trainer_id: Set(trainer_id),
        is_published: Set(Some(false)),
        is_featured: Set(Some(false)),
        enrollment_count: Set(Some(0)),
        completion_count: Set(Some(0)),
        curriculum: Set(Some(serde_json::json!([]))),
        tags: Set(Some(TagList::default())),
        ..Default::default()
    };
    apply(&mut model, new);
    Ok(model.insert(db).await?.id)
}

/// Applies the changes the form named. Featuring and the trainer are applied here only
/// when the service passed them on (the policy decides).
pub async fn update(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    changes: &CourseChanges,
) -> Result<(), DbErr> {
    let mut model = courses::ActiveModel {
        id: Unchanged(grant.course_id()),
        ..Default::default()
    };
    apply(&mut model, changes);
    if let Some(trainer) = changes.trainer_id {
        model.trainer_id = Set(trainer);
    }
    if let Some(featured) = changes.is_featured {
        model.is_featured = Set(Some(featured));
    }
    model.update(db).await?;
    Ok(())
}

fn apply(model: &mut courses::ActiveModel, c: &CourseChanges) {
    fn set<T: Clone + Into<sea_orm::Value>>(v: &Option<T>) -> sea_orm::ActiveValue<T> {
        v.clone().map_or(NotSet, Set)
    }
    model.title = set(&c.title);
    model.description = set(&c.description);
    model.short_description = set(&c.short_description);
    model.price = set(&c.price);
    model.level = c.level.map_or(NotSet, |l| Set(CourseLevel::from(l)));
    model.category = set(&c.category);
    model.tags = c.tags.clone().map_or(NotSet, |t| Set(Some(TagList(t))));
    model.max_students = set(&c.max_students);
    model.start_date = set(&c.start_date);
    model.end_date = set(&c.end_date);
    model.duration = set(&c.duration);
    model.requirements = set(&c.requirements);
    model.learning_outcomes = set(&c.learning_outcomes);
}

pub async fn set_published(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    published: bool,
) -> Result<(), DbErr> {
    courses::ActiveModel {
        id: Unchanged(grant.course_id()),
        is_published: Set(Some(published)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records the cover's address, answering the one it replaces (for removal).
pub async fn set_thumbnail(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    thumbnail: Option<String>,
) -> Result<Option<String>, DbErr> {
    let old = courses::Entity::find_by_id(grant.course_id())
        .select_only()
        .column(courses::Column::Thumbnail)
        .lock_exclusive()
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten();
    courses::ActiveModel {
        id: Unchanged(grant.course_id()),
        thumbnail: Set(thumbnail),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(old)
}

pub async fn set_curriculum(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    curriculum: serde_json::Value,
) -> Result<(), DbErr> {
    courses::ActiveModel {
        id: Unchanged(grant.course_id()),
        curriculum: Set(Some(curriculum)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn enrolment_count(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<u64, DbErr> {
    enrollments::Entity::find()
        .filter(enrollments::Column::CourseId.eq(grant.course_id()))
        .count(db)
        .await
}

/// Deletes the course with its questions, contents, sections and assignments (children first: there is
/// no cascade), answering the stored files its contents had, for removal after commit.
pub async fn delete(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<Vec<String>, DbErr> {
    let id = grant.course_id();
    let files: Vec<String> = course_contents::Entity::find()
        .filter(course_contents::Column::CourseId.eq(id))
        .all(db)
        .await?
        .iter()
        .flat_map(super::contents::stored_keys)
        .collect();
    let contents = course_contents::Entity::find()
        .select_only()
        .column(course_contents::Column::Id)
        .filter(course_contents::Column::CourseId.eq(id))
        .into_query();
    quiz_questions::Entity::delete_many()
        .filter(quiz_questions::Column::ContentId.in_subquery(contents))
        .exec(db)
        .await?;
    course_contents::Entity::delete_many()
        .filter(course_contents::Column::CourseId.eq(id))
        .exec(db)
        .await?;
    course_sections::Entity::delete_many()
        .filter(course_sections::Column::CourseId.eq(id))
        .exec(db)
        .await?;
    super::stats::forget(db, id).await?;
    // With no enrolment, no work was handed in: the assignments go with the course.
    super::entities::assignments::Entity::delete_many()
        .filter(super::entities::assignments::Column::CourseId.eq(id))
        .exec(db)
        .await?;
    courses::Entity::delete_by_id(id).exec(db).await?;
    Ok(files)
}

/// The scope as a condition on `courses`. When searching on SQLite, the published test
/// is written `+"isPublished"`, which SQLite never answers from an index: the search
/// index then leads even before the planner has statistics (a fresh database), instead of
/// walking every published course.
fn scope_condition(scope: CourseScope, backend: DbBackend, searching: bool) -> sea_orm::Condition {
    match scope {
        CourseScope::All => sea_orm::Condition::all(),
        CourseScope::Published if searching && backend == DbBackend::Sqlite => {
            Expr::cust(r#"+"courses"."isPublished" = 1"#).into_condition()
        }
        CourseScope::Published => courses::Column::IsPublished.eq(true).into_condition(),
        CourseScope::OwnedBy(trainer) => courses::Column::TrainerId.eq(trainer).into_condition(),
    }
}

/// The condition that every search word appears in the course's texts.
///
/// PostgreSQL: `ILIKE` on the indexed expression (pg_trgm). SQLite: words of three or more
/// characters are one FTS5 phrase query on the trigram index (a phrase's text is literal:
/// `"` is doubled); shorter words, which a trigram index cannot hold, are matched with
/// `LIKE` on the row (ASCII case folding only: SQLite's `LIKE`).
fn search_condition(backend: DbBackend, words: &[String]) -> Option<SimpleExpr> {
    if words.is_empty() {
        return None;
    }
    let mut parts: Vec<SimpleExpr> = Vec::new();
    match backend {
        DbBackend::Postgres => {
            let expr = migration::m20261204_000017_add_course_search::PG_SEARCH_EXPR;
            // Backslash is PostgreSQL's default LIKE escape.
            for w in words {
                parts.push(Expr::cust_with_values(
                    // `$1`: a `?` after the quotes of the expression is not read as a placeholder.
                    format!("{expr} ILIKE $1"),
                    [super::like_contains(w)],
                ));
            }
        }
        _ => {
            let (long, short): (Vec<&String>, Vec<&String>) =
                words.iter().partition(|w| w.chars().count() >= 3);
            if !long.is_empty() {
                let query = long
                    .iter()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                parts.push(Expr::cust_with_values(
                    r#""courses"."id" IN (SELECT "courseId" FROM "course_search" WHERE "course_search" MATCH ?)"#,
                    [query],
                ));
            }
            for w in short {
                parts.push(Expr::cust_with_values(
                    r#"("courses"."title" LIKE ? ESCAPE '\' OR "courses"."shortDescription" LIKE ? ESCAPE '\' OR "courses"."description" LIKE ? ESCAPE '\')"#,
                    [super::like_contains(w), super::like_contains(w), super::like_contains(w)],
                ));
            }
        }
    }
    parts.into_iter().reduce(|a, b| a.and(b))
}

/// Membership in the `tags` list: `= ANY` on PostgreSQL's `text[]`, `json_each` on
/// SQLite's JSON text.
fn has_tag(backend: DbBackend, tag: &str) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => {
            Expr::cust_with_values(r#"$1 = ANY("courses"."tags")"#, [tag.to_owned()])
        }
        _ => Expr::cust_with_values(
            r#"EXISTS (SELECT 1 FROM json_each("courses"."tags") WHERE "value" = ?)"#,
            [tag.to_owned()],
        ),
    }
}

fn filtered(
    backend: DbBackend,
    select: Select<courses::Entity>,
    scope: CourseScope,
    f: &CatalogueFilter,
) -> Select<courses::Entity> {
    let mut q = select.filter(scope_condition(scope, backend, !f.words.is_empty()));
    if let Some(cond) = search_condition(backend, &f.words) {
        q = q.filter(cond);
    }
    if let Some(c) = &f.category {
        q = q.filter(courses::Column::Category.eq(c.as_str()));
    }
    if let Some(l) = f.level {
        q = q.filter(courses::Column::Level.eq(CourseLevel::from(l)));
    }
    for tag in &f.tags {
        q = q.filter(has_tag(backend, tag));
    }
    if let Some(featured) = f.featured {
        q = q.filter(if featured {
            courses::Column::IsFeatured.eq(true).into_condition()
        } else {
            sea_orm::Condition::any()
                .add(courses::Column::IsFeatured.eq(false))
                .add(courses::Column::IsFeatured.is_null())
        });
    }
    if let Some(min) = f.min_price {
        q = q.filter(courses::Column::Price.gte(min));
    }
    if let Some(max) = f.max_price {
        q = q.filter(courses::Column::Price.lte(max));
    }
    if let Some(t) = f.trainer_id {
        q = q.filter(courses::Column::TrainerId.eq(t));
    }
    q
}

/// One catalogue page: one query for the rows (with the trainer's name) and one count,
/// whatever the page size.
pub async fn catalogue(
    db: &impl ConnectionTrait,
    scope: CourseScope,
    filter: &CatalogueFilter,
    sort: CatalogueSort,
    page: PageRequest,
) -> Result<Page<Course>, DbErr> {
    let backend = db.get_database_backend();
    let order = if sort.ascending() {
        Order::Asc
    } else {
        Order::Desc
    };
    let column = match sort.key {
        CatalogueSortKey::Newest => courses::Column::CreatedAt,
        CatalogueSortKey::Title => courses::Column::Title,
        CatalogueSortKey::Price => courses::Column::Price,
        CatalogueSortKey::Rating => courses::Column::Rating,
        CatalogueSortKey::Popularity => courses::Column::EnrollmentCount,
    };
    let rows = filtered(backend, with_trainer(), scope, filter)
        // Unrated courses last in either direction, on both databases.
        .order_by_with_nulls(column, order.clone(), NullOrdering::Last)
        .order_by(courses::Column::Id, order)
        .limit(page.limit)
        .offset(page.offset())
        .into_model::<CourseRow>()
        .all(db)
        .await?;
    let total = filtered(backend, courses::Entity::find(), scope, filter)
        .count(db)
        .await?;
    Ok(Page {
        items: rows.into_iter().map(Course::from).collect(),
        pagination: Pagination::new(page, total),
    })
}

/// The categories of the courses in scope, each once, in order.
pub async fn categories(
    db: &impl ConnectionTrait,
    scope: CourseScope,
) -> Result<Vec<String>, DbErr> {
    if scope == CourseScope::Published {
        return published_categories(db).await;
    }
    courses::Entity::find()
        .select_only()
        .column(courses::Column::Category)
        .distinct()
        .filter(scope_condition(scope, db.get_database_backend(), false))
        .filter(courses::Column::Category.is_not_null())
        .order_by_asc(courses::Column::Category)
        .into_tuple::<String>()
        .all(db)
        .await
}

/// The published courses' categories by a loose index scan: one step down the seed's
/// `category` index per category (the next one after the last found), instead of reading
/// every course to keep a dozen distinct values. At 100,000 courses `SELECT DISTINCT` read
/// the whole table on PostgreSQL, 120 ms for every catalogue page that missed the cache
/// (BENCHMARKS.md, S7). A step walks past unpublished courses of a category until it meets
/// a published one.
async fn published_categories(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    // SQLite would rather take the `isPublished` index (nearly every course) and sort;
    // a unary `+` keeps it on the category index (580 ms against 1 ms at 100,000 courses).
    let published = format!("{} = TRUE", off_index(db, r#"c."isPublished""#));
    let sql = format!(
        r#"WITH RECURSIVE found(category) AS (
             SELECT (SELECT c.category FROM courses c
                      WHERE c.category IS NOT NULL AND {published}
                      ORDER BY c.category LIMIT 1)
             UNION ALL
             SELECT (SELECT c.category FROM courses c
                      WHERE c.category > found.category AND {published}
                      ORDER BY c.category LIMIT 1)
               FROM found WHERE found.category IS NOT NULL
           )
           SELECT category FROM found WHERE category IS NOT NULL ORDER BY category"#
    );
    let rows = db.query_all_raw(statement(db, &sql, vec![])).await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "category"))
        .collect()
}

/// Whether `id` is an active trainer (a course can only be given to one).
pub async fn is_active_trainer(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    Ok(users::Entity::find_by_id(id)
        .filter(users::Column::Role.eq(super::entities::enums::Role::Trainer))
        .filter(users::Column::IsActive.eq(true))
        .count(db)
        .await?
        == 1)
}

impl From<CourseRow> for Course {
    fn from(r: CourseRow) -> Self {
        let c = r.course;
        Course {
            id: c.id,
            trainer_id: c.trainer_id,
            trainer: TrainerName {
                id: c.trainer_id,
                first_name: r.trainer_first_name,
                last_name: r.trainer_last_name,
            },
            title: c.title,
            description: c.description,
            short_description: c.short_description,
            thumbnail: c.thumbnail,
            price: Price(c.price),
            duration: c.duration,
            level: c.level.into(),
            category: c.category,
            tags: c.tags.map(|t| t.0).unwrap_or_default(),
            is_published: c.is_published.unwrap_or(false),
            is_featured: c.is_featured.unwrap_or(false),
            max_students: c.max_students,
            start_date: c.start_date,
            end_date: c.end_date,
            requirements: c.requirements,
            learning_outcomes: c.learning_outcomes,
            curriculum: c.curriculum.unwrap_or_else(|| serde_json::json!([])),
            rating: c.rating.map(|mut r| {
                r.rescale(2);
                r
            }),
            enrollment_count: c.enrollment_count.unwrap_or(0),
            completion_count: c.completion_count.unwrap_or(0),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

impl From<CourseLevel> for Level {
    fn from(l: CourseLevel) -> Self {
        match l {
            CourseLevel::Beginner => Level::Beginner,
            CourseLevel::Intermediate => Level::Intermediate,
            CourseLevel::Advanced => Level::Advanced,
        }
    }
}

impl From<Level> for CourseLevel {
    fn from(l: Level) -> Self {
        match l {
            Level::Beginner => CourseLevel::Beginner,
            Level::Intermediate => CourseLevel::Intermediate,
            Level::Advanced => CourseLevel::Advanced,
        }
    }
}

impl From<EnrollmentStatus> for EnrolmentState {
    fn from(s: EnrollmentStatus) -> Self {
        match s {
            EnrollmentStatus::Enrolled => EnrolmentState::Enrolled,
            EnrollmentStatus::Completed => EnrolmentState::Completed,
            EnrollmentStatus::Dropped => EnrolmentState::Dropped,
            EnrollmentStatus::Suspended => EnrolmentState::Suspended,
        }
    }
}

/// The titles of these courses (those that exist), for lists that name them.
pub async fn titles(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, DbErr> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, String)> = courses::Entity::find()
        .select_only()
        .column(courses::Column::Id)
        .column(courses::Column::Title)
        .filter(courses::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
