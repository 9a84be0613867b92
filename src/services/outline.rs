//! A course's outline: its sections and contents, their order, and the learner's tree.
//!
//! Every change runs in one write transaction that also rewrites `courses.curriculum`
//! (the summary of the learner's tree), so the summary never disagrees with the rows.

use std::sync::Arc;

use uuid::Uuid;

use crate::db;
use crate::domain::content::{
    self, Content, ContentForm, ContentKind, ContentPlacement, OrderForm, OutlineSection, Section,
    SectionForm, check_order, visible_to_learners,
};
use crate::domain::job::{self, JobKind};
use crate::domain::policy::{self, Actor, CourseAction, CourseFacts, CourseGrant, Standing};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::courses::{authorize, grant_for, remove_file};
use crate::state::AppState;
use crate::storage::{Folder, StorageKey};

fn manages(facts: &CourseFacts) -> bool {
    matches!(facts.standing, Standing::Owner | Standing::SuperAdmin)
}

/// The grant to change a course's outline, with the course row locked until the
/// transaction ends: outline changes of one course then run one after the other, so each
/// rewrites the curriculum from rows that include every earlier change (on PostgreSQL two
/// concurrent transactions would otherwise each summarise without the other's row).
async fn author(
    txn: &impl db::Connection,
    actor: &Actor,
    course: Uuid,
) -> Result<CourseGrant, AppError> {
    let (_, grant) = grant_for(txn, Some(actor), course, CourseAction::Author).await?;
    db::courses::lock(txn, &grant).await?;
    Ok(grant)
}

/// Rewrites the course's curriculum from its rows (inside the caller's transaction).
pub(crate) async fn refresh_curriculum(
    txn: &impl db::Connection,
    grant: &CourseGrant,
) -> Result<(), AppError> {
    let sections = db::sections::list(txn, grant).await?;
    let contents = db::contents::summaries(txn, grant).await?;
    let tree = content::outline(&sections, &contents);
    db::courses::set_curriculum(txn, grant, content::curriculum(&tree)).await?;
    Ok(())
}

/// After a change to what learners see (a content or section added, changed or deleted):
/// the curriculum, and a `progress` job for everyone's progress (which may complete
/// enrolments and issue certificates), committed with the change and run by `forget` once
/// it is. Reordering changes neither the lessons nor the progress, so it refreshes only
/// the curriculum.
async fn refresh_with_progress(
    txn: &impl db::Connection,
    grant: &CourseGrant,
) -> Result<(), AppError> {
    refresh_curriculum(txn, grant).await?;
    let key = job::for_course(JobKind::Progress, grant.course_id());
    db::jobs::enqueue(txn, JobKind::Progress, &key, crate::clock::now()).await?;
    Ok(())
}

/// After a committed outline change: the kept tree, the kept course (its curriculum), and
/// the progress job the change enqueued, run now.
async fn forget(state: &AppState, grant: &CourseGrant) {
    state.outlines.forget(grant.course_id()).await;
    state.catalogue.forget_course(grant.course_id()).await;
    crate::services::jobs::run_for_course(state, JobKind::Progress, grant.course_id()).await;
}

/// The learner's tree of a course anyone may see: published sections and contents, no
/// answers, no drafts.
pub async fn outline(
    state: &AppState,
    actor: Option<&Actor>,
    course: Uuid,
) -> Result<Arc<Vec<OutlineSection>>, AppError> {
    let (_, grant) = grant_for(&state.db, actor, course, CourseAction::View).await?;
    learner_tree(state, &grant).await
}

/// The learner's tree of a course the caller was granted, kept for at most a second
/// (`outline_cache`).
pub(crate) async fn learner_tree(
    state: &AppState,
    grant: &CourseGrant,
) -> Result<Arc<Vec<OutlineSection>>, AppError> {
    let load = async {
        let sections = db::sections::list(&state.db, grant).await?;
        let contents = db::contents::summaries(&state.db, grant).await?;
        Ok(content::outline(&sections, &contents))
    };
    state.outlines.tree(grant.course_id(), load).await
}

/// A course's sections: all of them for its managers, the published ones for others.
pub async fn sections(
    state: &AppState,
    actor: Option<&Actor>,
    course: Uuid,
) -> Result<Vec<Section>, AppError> {
    let (facts, grant) = grant_for(&state.db, actor, course, CourseAction::View).await?;
    let mut list = db::sections::list(&state.db, &grant).await?;
    if !manages(&facts) {
        list.retain(|s| s.is_published);
    }
    Ok(list)
}

pub async fn create_section(
    state: &AppState,
    actor: &Actor,
    course: Uuid,
    form: &SectionForm,
) -> Result<Section, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let grant = author(&txn, actor, course).await?;
    let changes = form.parse(true)?;
    let section = db::sections::insert(&txn, &grant, &changes).await?;
    refresh_with_progress(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    Ok(section)
}

/// The course of a section, or 404.
async fn section_course(db: &impl db::Connection, id: Uuid) -> Result<Uuid, AppError> {
    db::sections::course_of(db, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn update_section(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &SectionForm,
) -> Result<Section, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let course = section_course(&txn, id).await?;
    let grant = author(&txn, actor, course).await?;
    let changes = form.parse(false)?;
    let section = db::sections::update(&txn, &grant, id, &changes)
        .await?
        .ok_or(AppError::NotFound)?;
    refresh_with_progress(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    Ok(section)
}

/// Deletes a section; its contents move to "no section" (they are never deleted with it).
pub async fn delete_section(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    let course = section_course(&txn, id).await?;
    let grant = author(&txn, actor, course).await?;
    if !db::sections::delete(&txn, &grant, id).await? {
        return Err(AppError::NotFound);
    }
    refresh_with_progress(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    Ok(())
}

/// Puts the course's sections in the order given: the list must be exactly its sections.
pub async fn order_sections(
    state: &AppState,
    actor: &Actor,
    course: Uuid,
    form: &OrderForm,
) -> Result<Vec<Section>, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let grant = author(&txn, actor, course).await?;
    if form.section_id.is_some() {
        return Err(AppError::field("sectionId", FieldError::UnknownField));
    }
    let existing: Vec<Uuid> = db::sections::list(&txn, &grant)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    check_order(&form.ids, &existing)?;
    db::sections::reorder(&txn, &grant, &form.ids).await?;
    refresh_curriculum(&txn, &grant).await?;
    let sections = db::sections::list(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    Ok(sections)
}

/// A course's contents: every one for its managers; the published ones (in published
/// sections) for its learners; a 403 for anyone else.
pub async fn contents(
    state: &AppState,
    actor: Option<&Actor>,
    course: Uuid,
) -> Result<Vec<Content>, AppError> {
    let (facts, grant) = grant_for(&state.db, actor, course, CourseAction::Learn).await?;
    let mut list = db::contents::list(&state.db, &grant).await?;
    if !manages(&facts) {
        let sections = db::sections::list(&state.db, &grant).await?;
        list.retain(|c| visible_to_learners(c, &sections));
    }
    Ok(list)
}

/// Where a content sits, with the grant and standing it was read under: one query, which
/// does not read its text. A content learners may not see (unpublished, or in an
/// unpublished section) is 404 to them.
pub async fn locate_content(
    db: &impl db::Connection,
    actor: Option<&Actor>,
    id: Uuid,
    action: CourseAction,
) -> Result<(ContentPlacement, CourseFacts, CourseGrant), AppError> {
    let (place, facts) = db::contents::placement_for(db, id, actor)
        .await?
        .ok_or(AppError::NotFound)?;
    let grant = policy::course(&facts, action)?;
    if !manages(&facts) && !place.visible_to_learners {
        return Err(AppError::NotFound);
    }
    Ok((place, facts, grant))
}

/// One content, with the grant and standing it was read under (see `locate_content`).
pub async fn find_content(
    db: &impl db::Connection,
    actor: Option<&Actor>,
    id: Uuid,
    action: CourseAction,
) -> Result<(Content, CourseFacts, CourseGrant), AppError> {
    let (_, facts, grant) = locate_content(db, actor, id, action).await?;
    let content = db::contents::find(db, &grant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((content, facts, grant))
}

pub async fn content(
    state: &AppState,
    actor: Option<&Actor>,
    id: Uuid,
) -> Result<Content, AppError> {
    Ok(find_content(&state.db, actor, id, CourseAction::Learn)
        .await?
        .0)
}

/// The section a form names must be the course's own.
async fn check_section(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    section: Option<Option<Uuid>>,
) -> Result<(), AppError> {
    if let Some(Some(id)) = section
        && db::sections::find(txn, grant, id).await?.is_none()
    {
        return Err(AppError::field("sectionId", FieldError::NotInCourse));
    }
    Ok(())
}

pub async fn create_content(
    state: &AppState,
    actor: &Actor,
    course: Uuid,
    form: &ContentForm,
) -> Result<Content, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let grant = author(&txn, actor, course).await?;
    let kind = form.kind(None)?;
    let changes = form.parse(kind, true)?;
    check_section(&txn, &grant, changes.section_id).await?;
    let content = db::contents::insert(&txn, &grant, kind, &changes).await?;
    refresh_with_progress(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    Ok(content)
}

pub async fn update_content(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: &ContentForm,
) -> Result<Content, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (existing, _, grant) = find_content(&txn, Some(actor), id, CourseAction::Author).await?;
    db::courses::lock(&txn, &grant).await?;
    let kind = form.kind(Some(existing.kind))?;
    let mut changes = form.parse(kind, false)?;
    check_section(&txn, &grant, changes.section_id).await?;
    // Only the format changed: render the stored text in it.
    if let Some(article) = changes.article.as_mut()
        && form.article_content.is_none()
    {
        article.source = existing.article_content.clone().unwrap_or_default();
        article.html = crate::domain::article::render(&article.source, article.format);
    }
    let content = db::contents::update(&txn, &grant, id, &changes)
        .await?
        .ok_or(AppError::NotFound)?;
    refresh_with_progress(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    Ok(content)
}

/// Deletes a content with its questions; its file is removed once the rows are gone.
pub async fn delete_content(state: &AppState, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (_, _, grant) = find_content(&txn, Some(actor), id, CourseAction::Author).await?;
    db::courses::lock(&txn, &grant).await?;
    if db::attempts::count_for_content(&txn, id).await? > 0 {
        return Err(AppError::Conflict(
            "Trainees have attempted this quiz, and their attempts are kept: unpublish it instead of deleting it."
                .to_owned(),
        ));
    }
    db::progress::forget_content(&txn, &grant, id).await?;
    let files = db::contents::delete(&txn, &grant, id)
        .await?
        .ok_or(AppError::NotFound)?;
    refresh_with_progress(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    for (_, key) in files
        .iter()
        .filter_map(|f| StorageKey::from_stored(Folder::Contents, f))
    {
        remove_file(state, &key).await;
    }
    Ok(())
}

/// Puts contents into one section (or "no section") in the order given: `ids` must be
/// contents of this course and include every one the section already holds; contents from
/// other sections move in. One transaction.
pub async fn order_contents(
    state: &AppState,
    actor: &Actor,
    course: Uuid,
    form: &OrderForm,
) -> Result<Vec<Content>, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let grant = author(&txn, actor, course).await?;
    check_section(&txn, &grant, Some(form.section_id)).await?;
    let all = db::contents::list(&txn, &grant).await?;
    let held: Vec<Uuid> = all
        .iter()
        .filter(|c| c.section_id == form.section_id)
        .map(|c| c.id)
        .collect();
    // Exactly: the section's own contents plus the ones listed from elsewhere.
    let mut expected = held.clone();
    expected.extend(
        form.ids
            .iter()
            .filter(|id| all.iter().any(|c| c.id == **id) && !held.contains(id)),
    );
    check_order(&form.ids, &expected)?;
    db::contents::reorder(&txn, &grant, form.section_id, &form.ids).await?;
    refresh_curriculum(&txn, &grant).await?;
    let contents = db::contents::list(&txn, &grant).await?;
    txn.commit().await?;
    forget(state, &grant).await;
    Ok(contents)
}

/// Whether a content of this kind takes questions.
pub fn takes_questions(kind: ContentKind) -> bool {
    kind == ContentKind::Quiz
}

/// What the trainer's outline editor shows: the course with every section and every
/// content (drafts included), in order.
#[derive(Debug, Clone)]
pub struct AuthorOutline {
    pub course: crate::domain::course::Course,
    pub sections: Vec<Section>,
    pub contents: Vec<Content>,
}

/// The outline editor's view of a course: its trainer's and super admins' only (a hidden
/// course is 404, anyone else's refusal 403).
pub async fn author_outline(
    state: &AppState,
    actor: &Actor,
    course: Uuid,
) -> Result<AuthorOutline, AppError> {
    let (course, _, grant) =
        authorize(&state.db, Some(actor), course, CourseAction::ViewAsAuthor).await?;
    let sections = db::sections::list(&state.db, &grant).await?;
    let contents = db::contents::list(&state.db, &grant).await?;
    Ok(AuthorOutline {
        course,
        sections,
        contents,
    })
}

/// One section for its editor, with its course's outline.
pub async fn author_section(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(Section, AuthorOutline), AppError> {
    let course = section_course(&state.db, id).await?;
    let outline = author_outline(state, actor, course).await?;
    let section = outline
        .sections
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((section, outline))
}

/// One content for its editor, with its course's outline.
pub async fn author_content(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(Content, AuthorOutline), AppError> {
    let course = db::contents::course_of(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let outline = author_outline(state, actor, course).await?;
    let content = outline
        .contents
        .iter()
        .find(|c| c.id == id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((content, outline))
}
