//! Enrolments: a trainee enrols or drops; a trainer enrols others, changes an enrolment
//! and reads the roster; a full course keeps a waitlist.
//!
//! Every change runs in one write transaction that first locks the course row, so the
//! decisions on a course's places (enrol, drop, promote from the waitlist) happen one at a
//! time across connections and server processes; `db::enrolments::take_place` also
//! refuses to pass `maxStudents` on its own.

use uuid::Uuid;

use crate::db;
use crate::domain::enrolment::{
    EnrolOthersForm, EnrolOutcome, EnrolResult, EnrolTarget, Enrolment, EnrolmentForm,
    EnrolmentState, MyEnrolment, RosterEntry, WaitlistPlace, enrolment_open,
};
use crate::domain::job::{self, JobKind};
use crate::domain::pagination::{Page, PageRequest};
use crate::domain::policy::{self, Actor, CourseAction, CourseGrant, Denied};
use crate::domain::user::normalize_email;
use crate::error::AppError;
use crate::services::courses::{authorize, grant_for};
use crate::services::progress;
use crate::state::AppState;

/// Enrols the caller in a course, renews a dropped enrolment, or puts them in line when
/// the course is full. Asking twice changes nothing.
pub async fn enrol_self(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
) -> Result<EnrolOutcome, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (course, facts) = db::courses::find_for(&txn, course_id, Some(actor))
        .await?
        .ok_or(AppError::NotFound)?;
    let grant = policy::enrol_self(actor, &facts)?;
    db::courses::lock(&txn, &grant).await?;
    // Read again under the lock: the standing read above may be a moment old.
    let existing = db::enrolments::find_of(&txn, actor.id, course_id).await?;
    let outcome = match existing {
        Some(e) if e.status.learns() => EnrolOutcome::Already(e),
        Some(e) if e.status == EnrolmentState::Suspended => {
            return Err(Denied::EnrolmentSuspended.into());
        }
        _ if !enrolment_open(course.end_date, crate::clock::now().date_naive()) => {
            return Err(Denied::CourseEnded.into());
        }
        existing => {
            // A place freed a moment ago is given to the first in line by the course's
            // `waitlist` job, which may not have run yet: while anyone else waits, a
            // newcomer joins the line rather than take that place.
            let first = db::enrolments::waitlist_first(&txn, &grant).await?;
            let placed = if first.is_some_and(|u| u != actor.id) {
                None
            } else {
                place(&txn, &grant, actor.id, existing, Some(actor.id)).await?
            };
            match placed {
                Some(e) => {
                    db::enrolments::waitlist_leave(&txn, &grant, actor.id).await?;
                    EnrolOutcome::Enrolled(e)
                }
                None => EnrolOutcome::Waitlisted(
                    db::enrolments::waitlist_join(&txn, &grant, actor.id).await?,
                ),
            }
        }
    };
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    Ok(outcome)
}

/// Gives the trainee a place (a new enrolment, or their dropped one renewed), with their
/// progress brought up to date; `None` when the course is full.
async fn place(
    txn: &impl db::Connection,
    grant: &CourseGrant,
    user: Uuid,
    existing: Option<Enrolment>,
    actor: Option<Uuid>,
) -> Result<Option<Enrolment>, AppError> {
    let enrolment = match existing {
        None => match db::enrolments::insert(txn, grant, user, actor).await? {
            Ok(e) => e,
            Err(db::enrolments::Full) => return Ok(None),
        },
        Some(e) => {
            if db::enrolments::change_status(txn, grant, &e, EnrolmentState::Enrolled, actor)
                .await?
                .is_err()
            {
                return Ok(None);
            }
            // A renewed enrolment finds its earlier completions (and may now be complete).
            progress::settle(txn, grant, Some(user)).await?;
            db::enrolments::find(txn, e.id)
                .await?
                .ok_or(AppError::NotFound)?
        }
    };
    Ok(Some(enrolment))
}

/// Drops the caller's enrolment (keeping its records), or takes them out of the waitlist.
/// A freed place goes to the first in line.
pub async fn drop_self(state: &AppState, actor: &Actor, course_id: Uuid) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    let (_, facts) = db::courses::find_for(&txn, course_id, Some(actor))
        .await?
        .ok_or(AppError::NotFound)?;
    // Anyone may leave what they are in; `enrol_self`'s grant names the course.
    let grant = match policy::enrol_self(actor, &facts) {
        Ok(g) => g,
        Err(policy::CourseRefusal::Denied(Denied::EnrolmentSuspended)) => {
            return Err(Denied::EnrolmentSuspended.into());
        }
        Err(_) => return Err(AppError::NotFound),
    };
    db::courses::lock(&txn, &grant).await?;
    let existing = db::enrolments::find_of(&txn, actor.id, course_id).await?;
    match existing {
        Some(e) if e.status.learns() => {
            let _ = db::enrolments::change_status(
                &txn,
                &grant,
                &e,
                EnrolmentState::Dropped,
                Some(actor.id),
            )
            .await?;
            free_place(&txn, &grant).await?;
        }
        Some(e) if e.status == EnrolmentState::Suspended => {
            return Err(Denied::EnrolmentSuspended.into());
        }
        _ => {
            if !db::enrolments::waitlist_leave(&txn, &grant, actor.id).await? {
                return Err(AppError::NotFound);
            }
        }
    }
    txn.commit().await?;
    places_freed(state, course_id).await;
    Ok(())
}

/// In the transaction that may have freed places (a drop, a larger cap): a `waitlist` job
/// for the course, committed with the change, which `places_freed` runs once it is.
pub(crate) async fn free_place(
    txn: &impl db::Connection,
    grant: &CourseGrant,
) -> Result<(), AppError> {
    let key = job::for_course(JobKind::Waitlist, grant.course_id());
    db::jobs::enqueue(txn, JobKind::Waitlist, &key, crate::clock::now()).await?;
    Ok(())
}

/// After such a change is committed: the places go to those waiting now, and catalogue
/// cards show what changed.
pub(crate) async fn places_freed(state: &AppState, course_id: Uuid) {
    crate::services::jobs::run_for_course(state, JobKind::Waitlist, course_id).await;
    state.catalogue.forget();
}

/// The `waitlist` job (`services::jobs`): gives free places to the first in line, one by
/// one, until the course is full or nobody waits, under the course's lock. Answers how many
/// were given a place.
pub async fn promote(state: &AppState, course_id: Uuid) -> Result<u64, AppError> {
    let grant = policy::for_the_system(course_id);
    let txn = db::begin_write(&state.db).await?;
    db::courses::lock(&txn, &grant).await?;
    let mut placed = 0;
    while let Some(user) = db::enrolments::waitlist_first(&txn, &grant).await? {
        let existing = db::enrolments::find_of(&txn, user, course_id).await?;
        match existing {
            // Holds a place already (enrolled by the trainer meanwhile): out of line.
            Some(e) if e.status.holds_place() => {}
            existing => {
                if place(&txn, &grant, user, existing, None).await?.is_none() {
                    break;
                }
                placed += 1;
            }
        }
        db::enrolments::waitlist_leave(&txn, &grant, user).await?;
    }
    txn.commit().await?;
    Ok(placed)
}

/// The caller's enrolment in a course and their place in its line, if any.
pub async fn standing(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
) -> Result<(Option<Enrolment>, Option<WaitlistPlace>), AppError> {
    grant_for(&state.db, Some(actor), course_id, CourseAction::View).await?;
    let enrolment = db::enrolments::find_of(&state.db, actor.id, course_id).await?;
    let waiting = db::enrolments::waitlist_place(&state.db, course_id, actor.id).await?;
    Ok((enrolment, waiting))
}

/// One line of a trainer's enrolling report.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnrolReportLine {
    #[serde(flatten)]
    pub target: EnrolTarget,
    pub result: EnrolResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrollment: Option<Enrolment>,
}

/// A trainer (of this course) or a super admin enrols trainees by id or email, with a
/// line per entry saying what happened. The cap holds; enrolling does not skip the
/// course's dates or publication (a trainer may enrol a class before publishing).
pub async fn enrol_others(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    form: &EnrolOthersForm,
) -> Result<Vec<EnrolReportLine>, AppError> {
    form.check()?;
    let mut targets: Vec<EnrolTarget> = form
        .user_ids
        .iter()
        .map(|id| EnrolTarget::UserId(*id))
        .collect();
    targets.extend(
        form.emails
            .iter()
            .map(|e| EnrolTarget::Email(normalize_email(e))),
    );
    let emails: Vec<String> = targets
        .iter()
        .filter_map(|t| match t {
            EnrolTarget::Email(e) => Some(e.clone()),
            EnrolTarget::UserId(_) => None,
        })
        .collect();

    let txn = db::begin_write(&state.db).await?;
    let (_, grant) = grant_for(&txn, Some(actor), course_id, CourseAction::Teach).await?;
    db::courses::lock(&txn, &grant).await?;
    let trainees = db::users::active_trainees_among(&txn, &form.user_ids, &emails).await?;
    let mut seen: Vec<Uuid> = Vec::new();
    let mut report = Vec::with_capacity(targets.len());
    for target in targets {
        let found = match &target {
            EnrolTarget::UserId(id) => trainees.iter().find(|(t, _)| t == id),
            EnrolTarget::Email(e) => trainees.iter().find(|(_, m)| m == e),
        };
        let line = |result, enrollment| EnrolReportLine {
            target: target.clone(),
            result,
            enrollment,
        };
        let Some(user) = found.map(|(id, _)| *id) else {
            let invalid = matches!(&target, EnrolTarget::Email(e)
                if !email_address::EmailAddress::is_valid(e));
            report.push(line(
                if invalid {
                    EnrolResult::Invalid
                } else {
                    EnrolResult::NoTrainee
                },
                None,
            ));
            continue;
        };
        if seen.contains(&user) {
            report.push(line(EnrolResult::Repeated, None));
            continue;
        }
        seen.push(user);
        let existing = db::enrolments::find_of(&txn, user, course_id).await?;
        let result = match existing {
            Some(e) if e.status.learns() => line(EnrolResult::AlreadyEnrolled, Some(e)),
            Some(e) if e.status == EnrolmentState::Suspended => {
                line(EnrolResult::Suspended, Some(e))
            }
            existing => match place(&txn, &grant, user, existing, Some(actor.id)).await? {
                Some(e) => {
                    db::enrolments::waitlist_leave(&txn, &grant, user).await?;
                    line(EnrolResult::Enrolled, Some(e))
                }
                None => line(EnrolResult::Full, None),
            },
        };
        report.push(result);
    }
    txn.commit().await?;
    // Catalogue cards show what this changed.
    state.catalogue.forget();
    Ok(report)
}

/// A trainer (of this course) or a super admin changes an enrolment's status, grade or
/// notes. A status that takes a place must find one (409 when full); one that frees a
/// place gives it to the first in line; completing issues the certificate.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    form: EnrolmentForm,
) -> Result<Enrolment, AppError> {
    let changes = form.parse()?;
    let txn = db::begin_write(&state.db).await?;
    let existing = db::enrolments::find(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, _, grant) =
        match authorize(&txn, Some(actor), existing.course_id, CourseAction::Teach).await {
            // A trainee (or another course's trainer) learns nothing about the enrolment.
            Err(AppError::Denied(_)) => return Err(AppError::NotFound),
            other => other?,
        };
    db::courses::lock(&txn, &grant).await?;
    if matches!(changes.grade, Some(Some(_)))
        && db::grades::grade_from_quizzes(&txn, grant.course_id()).await?
    {
        return Err(AppError::field(
            "grade",
            crate::domain::validation::FieldError::GradeComputed,
        ));
    }
    let current = db::enrolments::find(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(to) = changes.status {
        if db::enrolments::change_status(&txn, &grant, &current, to, Some(actor.id))
            .await?
            .is_err()
        {
            return Err(Denied::CourseFull.into());
        }
        if to == EnrolmentState::Completed && current.status != EnrolmentState::Completed {
            progress::award(&txn, &grant, &[(current.id, current.user_id)]).await?;
        }
        if to == EnrolmentState::Enrolled && current.status == EnrolmentState::Dropped {
            progress::settle(&txn, &grant, Some(current.user_id)).await?;
        }
        if !to.holds_place() {
            free_place(&txn, &grant).await?;
        }
    }
    if changes.grade.is_some() || changes.notes.is_some() {
        db::enrolments::set_details(&txn, &grant, id, changes.grade, changes.notes).await?;
    }
    let updated = db::enrolments::find(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    if changes.status.is_some_and(|to| !to.holds_place()) {
        places_freed(state, grant.course_id()).await;
    } else {
        // Catalogue cards show what this changed.
        state.catalogue.forget();
    }
    Ok(updated)
}

/// A course's roster, for its trainer and super admins.
pub async fn roster(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    status: Option<EnrolmentState>,
    page: PageRequest,
) -> Result<Page<RosterEntry>, AppError> {
    let (_, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    Ok(db::enrolments::roster(&state.db, &grant, status, page).await?)
}

/// The caller's own enrolments.
pub async fn mine(
    state: &AppState,
    actor: &Actor,
    status: Option<EnrolmentState>,
    page: PageRequest,
) -> Result<Page<MyEnrolment>, AppError> {
    Ok(db::enrolments::mine(&state.db, actor.id, status, page).await?)
}
