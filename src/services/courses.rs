//! Courses: the catalogue, a course's page, and its trainer's changes (create, update,
//! publish, feature, cover picture, delete). Every rule of who may do what is
//! `policy::course`; this file asks it, then acts inside one transaction.

use std::sync::Arc;

use bytes::Bytes;
use uuid::Uuid;

use crate::db;
use crate::domain::course::{
    CatalogueFilter, CatalogueSort, Course, CourseCard, CourseChanges, CourseForm, check_dates,
};
use crate::domain::pagination::{Page, PageRequest, Pagination};
use crate::domain::policy::{self, Actor, CourseAction, CourseFacts, CourseGrant, CourseScope};
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::services::catalogue_cache::Membership;
use crate::services::images;
use crate::state::AppState;
use crate::storage::{Folder, StorageKey};

/// Where covers are served from; the file name follows.
pub const THUMBNAIL_URL_PREFIX: &str = "/media/thumbnails/";

/// Covers are stored at most this wide and tall (a card is 400 px, the hero 1200).
pub const THUMBNAIL_SIDE: u32 = 1280;

/// A course and the caller's grant for `action` on it: a course the caller may not see is
/// 404, one they may see but not act on is 403.
pub async fn authorize(
    db: &impl db::Connection,
    actor: Option<&Actor>,
    id: Uuid,
    action: CourseAction,
) -> Result<(Course, CourseFacts, CourseGrant), AppError> {
    let (course, facts) = db::courses::find_for(db, id, actor)
        .await?
        .ok_or(AppError::NotFound)?;
    let grant = policy::course(&facts, action)?;
    Ok((course, facts, grant))
}

/// `authorize` for callers that need the decision but not the course: one light query.
pub async fn grant_for(
    db: &impl db::Connection,
    actor: Option<&Actor>,
    id: Uuid,
    action: CourseAction,
) -> Result<(CourseFacts, CourseGrant), AppError> {
    let facts = db::courses::facts_for(db, id, actor)
        .await?
        .ok_or(AppError::NotFound)?;
    let grant = policy::course(&facts, action)?;
    Ok((facts, grant))
}

pub async fn catalogue(
    state: &AppState,
    actor: Option<&Actor>,
    mine: bool,
    filter: &CatalogueFilter,
    sort: CatalogueSort,
    page: PageRequest,
) -> Result<Arc<Page<CourseCard>>, AppError> {
    let scope = policy::catalogue_scope(actor, mine);
    // What everyone sees is kept for a second; drafts and "My courses" never are.
    if scope == CourseScope::Published {
        // Owned, because a kept page is refreshed in the background (services::kept).
        let load = || {
            let (state, filter) = (state.clone(), filter.clone());
            async move { published_page(&state, &filter, sort, page).await }
        };
        return state.catalogue.page(filter, sort, page, load).await;
    }
    let page = db::courses::catalogue(&state.db, scope, filter, sort, page).await?;
    Ok(Arc::new(cards(&page.items, page.pagination)))
}

/// A published catalogue page. When the page was counted under the catalogue version that
/// still stands, no course write has changed which courses it holds or how many match, so
/// only its cards are read again (`catalogue_cache::Membership`); otherwise it is read and
/// counted whole. The version is read first: a write committed between the two reads
/// leaves the page remembered under the old version, which the next refresh sees moved.
pub async fn published_page(
    state: &AppState,
    filter: &CatalogueFilter,
    sort: CatalogueSort,
    page: PageRequest,
) -> Result<Page<CourseCard>, AppError> {
    let version = db::courses::catalogue_version(&state.db).await?;
    if let Some(version) = version.filter(|_| sort.is_settled())
        && let Some(known) = state.catalogue.membership(filter, sort, page).await
        && known.version == version
    {
        let courses = db::courses::published_by_ids(&state.db, &known.ids).await?;
        // All still there, as the version says; anything else, and the page is read whole.
        if courses.len() == known.ids.len() {
            return Ok(cards(&courses, known.pagination));
        }
    }
    let read =
        db::courses::catalogue(&state.db, CourseScope::Published, filter, sort, page).await?;
    if let Some(version) = version {
        let membership = Membership {
            version,
            ids: read.items.iter().map(|c| c.id).collect(),
            pagination: read.pagination,
        };
        state
            .catalogue
            .remember(filter, sort, page, membership)
            .await;
    }
    Ok(cards(&read.items, read.pagination))
}

fn cards(courses: &[Course], pagination: Pagination) -> Page<CourseCard> {
    Page {
        items: courses.iter().map(CourseCard::from).collect(),
        pagination,
    }
}

pub async fn categories(
    state: &AppState,
    actor: Option<&Actor>,
) -> Result<Arc<Vec<String>>, AppError> {
    let scope = policy::catalogue_scope(actor, false);
    let load = || {
        let state = state.clone();
        async move { Ok(db::courses::categories(&state.db, scope).await?) }
    };
    if scope == CourseScope::Published {
        return state.catalogue.categories(load).await;
    }
    load().await.map(Arc::new)
}

pub async fn show(state: &AppState, actor: Option<&Actor>, id: Uuid) -> Result<Course, AppError> {
    // Anyone may view a published course (`policy::course`), and only published courses
    // are kept: while this instance's copy is fresh, neither the course nor the caller's
    // standing is read again. It is as old as the catalogue's cards may be, and forgotten
    // at once when this instance unpublishes or changes it.
    if let Some(kept) = state.catalogue.fresh_course(id).await {
        return Ok(Course::clone(&kept));
    }
    let (facts, _) = grant_for(&state.db, actor, id, CourseAction::View).await?;
    if !facts.is_published {
        // Drafts are their trainer's and the super admins': read every time.
        return Ok(authorize(&state.db, actor, id, CourseAction::View).await?.0);
    }
    let load = || {
        let state = state.clone();
        async move {
            db::courses::find(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)
        }
    };
    Ok(Course::clone(&*state.catalogue.course(id, load).await?))
}

/// A trainer's new course (they become its trainer); a super admin may name another
/// active trainer, or feature it at once.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    form: &CourseForm,
) -> Result<Course, AppError> {
    policy::create_course(actor)?;
    let changes = CourseChanges::parse_new(form)?;
    if changes.needs_super_admin() && actor.role != crate::domain::user::Role::SuperAdmin {
        return Err(policy::Denied::FeatureIsSuperAdmins.into());
    }
    let trainer = changes.trainer_id.unwrap_or(actor.id);
    let txn = db::begin_write(&state.db).await?;
    if changes.trainer_id.is_some() && !db::courses::is_active_trainer(&txn, trainer).await? {
        return Err(AppError::field("trainerId", FieldError::NotATrainer));
    }
    let id = db::courses::insert(&txn, trainer, &changes).await?;
    if let Some(featured) = changes.is_featured {
        // The new course's own grant, read inside the transaction.
        let (_, grant) = grant_for(&txn, Some(actor), id, CourseAction::Feature).await?;
        db::courses::update(
            &txn,
            &grant,
            &CourseChanges {
                is_featured: Some(featured),
                ..CourseChanges::default()
            },
        )
        .await?;
    }
    let course = db::courses::find(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    Ok(course)
}

/// Applies what the form names. Featuring and giving the course away are the super
/// admin's; dates are checked against the ones the course keeps.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &CourseForm,
) -> Result<Course, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (course, facts, grant) = authorize(&txn, Some(actor), id, CourseAction::Update).await?;
    if form.is_featured.is_some() {
        policy::course(&facts, CourseAction::Feature)?;
    }
    if form.trainer_id.is_some() {
        policy::course(&facts, CourseAction::Transfer)?;
    }
    let changes = CourseChanges::parse(form)?;
    check_dates(
        changes.start_date.unwrap_or(course.start_date),
        changes.end_date.unwrap_or(course.end_date),
    )?;
    if let Some(trainer) = changes.trainer_id
        && !db::courses::is_active_trainer(&txn, trainer).await?
    {
        return Err(AppError::field("trainerId", FieldError::NotATrainer));
    }
    if changes.max_students.is_some() {
        // Places decided one at a time (see services::enrolments).
        db::courses::lock(&txn, &grant).await?;
    }
    db::courses::update(&txn, &grant, &changes).await?;
    if changes.max_students.is_some() {
        // More places (or no cap) go to those waiting, first in line first.
        crate::services::enrolments::free_place(&txn, &grant).await?;
    }
    txn.commit().await?;
    if changes.max_students.is_some() {
        crate::services::enrolments::places_freed(state, id).await;
    } else {
        // Catalogue cards show what this changed.
        state.catalogue.forget();
    }
    // Read after the places were given: the course's counts include them.
    let course = db::courses::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(course)
}

pub async fn set_published(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    published: bool,
) -> Result<Course, AppError> {
    let action = if published {
        CourseAction::Publish
    } else {
        CourseAction::Unpublish
    };
    let txn = db::begin_write(&state.db).await?;
    let (_, grant) = grant_for(&txn, Some(actor), id, action).await?;
    db::courses::set_published(&txn, &grant, published).await?;
    let course = db::courses::find(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    Ok(course)
}

/// Deletes a course nobody is enrolled in, with its sections, contents and questions;
/// its files are removed once the rows are gone. With enrolments: 409 (unpublish instead).
pub async fn delete(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (course, _, grant) = authorize(&txn, Some(actor), id, CourseAction::Delete).await?;
    db::courses::lock(&txn, &grant).await?;
    if db::courses::enrolment_count(&txn, &grant).await? > 0 {
        return Err(AppError::Conflict(
            "Trainees are enrolled in this course, so it cannot be deleted: unpublish it instead."
                .to_owned(),
        ));
    }
    let files = db::courses::delete(&txn, &grant).await.map_err(|e| {
        // An enrolment that slipped in after the count still holds the course.
        match db::error_kind(&e) {
            db::ErrorKind::ForeignKeyViolation => AppError::Conflict(
                "Trainees are enrolled in this course, so it cannot be deleted: unpublish it instead."
                    .to_owned(),
            ),
            _ => e.into(),
        }
    })?;
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    let keys = files
        .iter()
        .filter_map(|f| StorageKey::from_stored(Folder::Contents, f).map(|(_, k)| k))
        .chain(course.thumbnail.as_deref().and_then(thumbnail_key));
    for key in keys {
        remove_file(state, &key).await;
    }
    Ok(())
}

/// The served address of a cover.
fn thumbnail_url(key: &StorageKey) -> String {
    format!("{THUMBNAIL_URL_PREFIX}{}", key.file_name())
}

/// The key of a served cover address, when it names a file the application made.
pub fn thumbnail_key(url: &str) -> Option<StorageKey> {
    let file = url.strip_prefix(THUMBNAIL_URL_PREFIX)?;
    StorageKey::from_file_name(Folder::Thumbnails, file).map(|(_, key)| key)
}

/// A new cover: judged by its bytes, re-encoded to PNG (as avatars are), stored under a new
/// name; the row then points at it and the old file is removed.
pub async fn set_thumbnail(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    bytes: Bytes,
) -> Result<Course, AppError> {
    grant_for(&state.db, Some(actor), id, CourseAction::Update).await?;
    if bytes.len() > state.config.uploads.thumbnail_max_bytes {
        return Err(AppError::PayloadTooLarge);
    }
    let png = images::reencode(bytes, THUMBNAIL_SIDE)
        .await?
        .map_err(|refusal| refusal.into_error("thumbnail"))?;
    // Runs to its end even if the client hangs up (see `profile::set_avatar`).
    let state = state.clone();
    let actor = *actor;
    tokio::spawn(async move {
        let key = StorageKey::new_in(Folder::Thumbnails, id, "png");
        state.storage.put(&key, png).await?;
        let swapped = async {
            let txn = db::begin_write(&state.db).await?;
            let (_, grant) = grant_for(&txn, Some(&actor), id, CourseAction::Update).await?;
            let old = db::courses::set_thumbnail(&txn, &grant, Some(thumbnail_url(&key))).await?;
            let course = db::courses::find(&txn, id)
                .await?
                .ok_or(AppError::NotFound)?;
            txn.commit().await?;
            // Catalogue cards show what this changed.
            state.catalogue.forget();
            Ok::<_, AppError>((course, old))
        }
        .await;
        match swapped {
            Ok((course, old)) => {
                if let Some(old) = old.as_deref().and_then(thumbnail_key) {
                    remove_file(&state, &old).await;
                }
                Ok(course)
            }
            Err(e) => {
                remove_file(&state, &key).await;
                Err(e)
            }
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// A cover file, for `GET /media/thumbnails/{file}`: a published course's cover is public;
/// an unpublished one's only for its trainer and super admins. Only the file the course's
/// row names is served.
pub async fn thumbnail_file(
    state: &AppState,
    actor: Option<&Actor>,
    file: &str,
) -> Result<crate::storage::StoredFile, AppError> {
    let (course_id, key) =
        StorageKey::from_file_name(Folder::Thumbnails, file).ok_or(AppError::NotFound)?;
    let (course, _, _) = authorize(&state.db, actor, course_id, CourseAction::View).await?;
    if course.thumbnail.as_deref().and_then(thumbnail_key).as_ref() != Some(&key) {
        return Err(AppError::NotFound);
    }
    Ok(state.storage.get(&key).await?)
}

/// Removes a file no row names any more; a failure is logged (the file is never served).
pub(crate) async fn remove_file(state: &AppState, key: &StorageKey) {
    if let Err(e) = state.storage.delete(key).await {
        tracing::warn!(error = %e, key = key.as_str(), "could not remove an unreferenced file");
    }
}

/// Every bad parameter of the catalogue query, at once.
pub fn catalogue_errors(
    filter: Result<CatalogueFilter, FieldErrors>,
    sort: Result<CatalogueSort, FieldErrors>,
    page: Result<PageRequest, FieldErrors>,
) -> Result<(CatalogueFilter, CatalogueSort, PageRequest), AppError> {
    match (filter, sort, page) {
        (Ok(f), Ok(s), Ok(p)) => Ok((f, s, p)),
        (f, s, p) => {
            let mut errors = FieldErrors::default();
            for e in [f.err(), s.err(), p.err()].into_iter().flatten() {
                errors.merge(e);
            }
            Err(errors.into())
        }
    }
}

/// A course as its editor sees it: its trainer's and super admins' only (403 for a
/// published course's other callers, 404 for an unpublished one's).
pub async fn for_editor(state: &AppState, actor: &Actor, id: Uuid) -> Result<Course, AppError> {
    Ok(authorize(&state.db, Some(actor), id, CourseAction::Update)
        .await?
        .0)
}
