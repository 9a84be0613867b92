//! Attendance: signing in and out (the trainee), the register and its reports (the
//! course's trainer or a super admin), and the rotating check-in code.
//!
//! Signing in and out runs under the trainee's learning locks (the course `FOR KEY SHARE`,
//! their enrolment `FOR UPDATE`) and then the day's row `FOR UPDATE`, so a double sign-in
//! is one after the other and the second gets 409. Signing in with a code takes the
//! course's row `FOR UPDATE` instead: the code depends on how many have signed in that
//! day, so two trainees using the same code are judged one after the other and only the
//! first gets in (`domain::attendance`).

use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use crate::db;
use crate::db::attendance::ExportLine;
use crate::domain::attendance::{
    AttendanceHistory, AttendanceRecord, RegisterForm, RegisterLine, code_expires, code_from_mac,
    code_message, minutes_between, normalise_code, parse_date, window_of,
};
use crate::domain::policy::{Actor, CourseAction, CourseGrant, Denied};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::services::courses::{authorize, grant_for};
use crate::state::AppState;

/// Today, as attendance counts days (UTC).
pub fn today() -> NaiveDate {
    crate::clock::now().date_naive()
}

/// The code for the course, day, 30-second window and turn.
fn code_for(state: &AppState, course: Uuid, date: NaiveDate, window: i64, turn: u64) -> String {
    let mac = state.keys.mac(&code_message(course, date, window, turn));
    code_from_mac(&hex::decode(mac).unwrap_or_default())
}

/// The code the trainer's screen shows now.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CheckInCode {
    /// Six characters to type.
    pub code: String,
    /// What the QR code holds: the check-in page with the code.
    pub url: String,
    /// When it stops being taken (at most a minute after it first shows).
    pub expires_at: chrono::DateTime<Utc>,
    /// How often the screen should ask again, in seconds.
    pub refresh_seconds: i64,
}

pub async fn code(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    origin: &str,
) -> Result<CheckInCode, AppError> {
    let (_, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    let date = today();
    let turn = db::attendance::signed_in_count(&state.db, &grant, date).await?;
    let window = window_of(crate::clock::now());
    let code = code_for(state, course_id, date, window, turn);
    Ok(CheckInCode {
        url: format!("{origin}/attend/{course_id}?code={code}"),
        code,
        expires_at: code_expires(window),
        refresh_seconds: 2,
    })
}

/// The learner's standing in the course, checked under their locks; and that today is one
/// of the course's days.
async fn learner(
    txn: &impl db::Connection,
    actor: &Actor,
    course_id: Uuid,
    by_code: bool,
) -> Result<CourseGrant, AppError> {
    let (course, _, grant) = authorize(txn, Some(actor), course_id, CourseAction::Study).await?;
    if by_code {
        db::courses::lock(txn, &grant).await?;
    } else {
        db::courses::lock_for_learning(txn, &grant).await?;
    }
    let enrolment = db::enrolments::lock_of(txn, actor.id, course_id)
        .await?
        .ok_or(Denied::NotEnrolled)?;
    if !enrolment.status.learns() {
        return Err(Denied::NotEnrolled.into());
    }
    let day = today();
    if course.start_date.is_some_and(|s| day < s) || course.end_date.is_some_and(|e| day > e) {
        return Err(AppError::Conflict(
            "Today is not one of the course's days: attendance is taken between its start and end dates."
                .to_owned(),
        ));
    }
    Ok(grant)
}

/// Signs the caller in for today; with `code`, only when it is the code on the trainer's
/// screen now (or a moment ago) and no one has used it yet.
pub async fn sign_in(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    code: Option<&str>,
) -> Result<AttendanceRecord, AppError> {
    let typed = match code {
        Some(raw) => Some(
            normalise_code(raw).ok_or_else(|| AppError::field("code", FieldError::CheckInCode))?,
        ),
        None => None,
    };
    let txn = db::begin_write(&state.db).await?;
    let grant = learner(&txn, actor, course_id, typed.is_some()).await?;
    let date = today();
    let existing = db::attendance::lock_of(&txn, &grant, actor.id, date).await?;
    if existing.as_ref().is_some_and(|r| r.sign_in_time.is_some()) {
        return Err(AppError::Conflict(
            "You have already signed in today.".to_owned(),
        ));
    }
    if let Some(typed) = typed {
        let turn = db::attendance::signed_in_count(&txn, &grant, date).await?;
        let now = window_of(crate::clock::now());
        let good = [now, now - 1]
            .into_iter()
            .any(|w| code_for(state, course_id, date, w, turn) == typed);
        if !good {
            return Err(AppError::field("code", FieldError::CheckInCode));
        }
    }
    let record =
        db::attendance::sign_in(&txn, &grant, actor.id, date, existing, crate::clock::now())
            .await?;
    txn.commit().await?;
    Ok(record)
}

/// Signs the caller out for today: the duration is the minutes since they signed in.
pub async fn sign_out(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
) -> Result<AttendanceRecord, AppError> {
    let txn = db::begin_write(&state.db).await?;
    let grant = learner(&txn, actor, course_id, false).await?;
    let row = db::attendance::lock_of(&txn, &grant, actor.id, today()).await?;
    let Some((row, signed_in)) = row.and_then(|r| r.sign_in_time.map(|t| (r, t))) else {
        return Err(AppError::Conflict(
            "You have not signed in today, so there is nothing to sign out of.".to_owned(),
        ));
    };
    if row.sign_out_time.is_some() {
        return Err(AppError::Conflict(
            "You have already signed out today.".to_owned(),
        ));
    }
    let now = crate::clock::now();
    let record = db::attendance::sign_out(&txn, row, now, minutes_between(signed_in, now)).await?;
    txn.commit().await?;
    Ok(record)
}

/// The register of a date: every trainee enrolled by then, with their record.
pub async fn register(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    date: NaiveDate,
) -> Result<Vec<RegisterLine>, AppError> {
    let (_, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    Ok(db::attendance::register(&state.db, &grant, date).await?)
}

/// Saves a register in one transaction: each line must be a trainee on that date's
/// register; the answer is the register as saved.
pub async fn save_register(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    form: &RegisterForm,
) -> Result<Vec<RegisterLine>, AppError> {
    let parsed = form.parse();
    let txn = db::begin_write(&state.db).await?;
    let (_, grant) = grant_for(&txn, Some(actor), course_id, CourseAction::Teach).await?;
    // Every line is judged, so the page can show all that is wrong at once.
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    if let Some(date) = form.session_date.as_deref().and_then(parse_date) {
        let on_register = db::attendance::register(&txn, &grant, date).await?;
        for (i, entry) in form.records.iter().flatten().enumerate() {
            if !on_register.iter().any(|l| l.user_id == entry.user_id) {
                errors.add(&format!("records[{i}].userId"), FieldError::NotInCourse);
            }
        }
    }
    let register = match parsed {
        Ok(register) if errors.is_empty() => register,
        _ => return Err(AppError::Validation(errors)),
    };
    db::attendance::save_register(&txn, &grant, register.date, &register.marks).await?;
    let saved = db::attendance::register(&txn, &grant, register.date).await?;
    txn.commit().await?;
    Ok(saved)
}

/// A trainee's attendance in the course: the caller's own (a learner, `user` left out or
/// their own id), or any of the course's trainees for its trainer.
pub async fn history(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    user: Option<Uuid>,
) -> Result<AttendanceHistory, AppError> {
    let (facts, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Learn).await?;
    let user = user.unwrap_or(actor.id);
    if user != actor.id && !facts.standing.manages() {
        // Another trainee's attendance does not exist for this caller.
        return Err(AppError::NotFound);
    }
    let records = db::attendance::history(&state.db, &grant, user).await?;
    Ok(AttendanceHistory::new(user, records))
}

/// The records of a date range as CSV (cells a spreadsheet would run are defused).
pub async fn export(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<String, AppError> {
    if to < from {
        return Err(AppError::field("to", FieldError::EndBeforeStart));
    }
    if (to - from).num_days() > 366 {
        return Err(AppError::field(
            "to",
            FieldError::Range { min: 0, max: 366 },
        ));
    }
    let (_, grant) = grant_for(&state.db, Some(actor), course_id, CourseAction::Teach).await?;
    let lines = db::attendance::between(&state.db, &grant, from, to).await?;
    csv_of(&lines)
}

fn csv_of(lines: &[ExportLine]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "sessionDate",
        "firstName",
        "lastName",
        "email",
        "status",
        "signInTime",
        "signOutTime",
        "durationMinutes",
        "notes",
    ];
    writer
        .write_record(header)
        .map_err(|e| AppError::Internal(e.into()))?;
    let time = |t: Option<chrono::DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
    for l in lines {
        let r = &l.record;
        let row = [
            r.session_date.to_string(),
            crate::services::user_imports::cell(&l.first_name),
            crate::services::user_imports::cell(&l.last_name),
            crate::services::user_imports::cell(&l.email),
            r.status.as_str().to_owned(),
            time(r.sign_in_time),
            time(r.sign_out_time),
            r.duration.map(|d| d.to_string()).unwrap_or_default(),
            crate::services::user_imports::cell(r.notes.as_deref().unwrap_or_default()),
        ];
        writer
            .write_record(row)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(e.into()))
}
