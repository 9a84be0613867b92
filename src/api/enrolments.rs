//! Enrolment: `/api/courses/{id}/enroll` (the trainee), `/api/courses/{id}/enrollments`
//! (the trainer's roster and enrolling others), `/api/enrollments` (the trainee's list)
//! and `/api/enrollments/{id}` (the trainer's changes).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::enrolment::{
    EnrolOthersForm, EnrolOutcome, Enrolment, EnrolmentForm, EnrolmentState, MyEnrolment,
    RosterEntry, WaitlistPlace,
};
use crate::domain::grade::GradingSettings;
use crate::domain::pagination::{PageRequest, Pagination};
use crate::domain::policy::Actor;
use crate::domain::validation::{FieldError, FieldErrors};
use crate::error::AppError;
use crate::services::enrolments::{self, EnrolReportLine};
use crate::state::AppState;

fn actor(who: &CurrentUser) -> Actor {
    Actor::from(&who.0.user)
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(show_mine_in_course, enrol, drop_enrolment))
        .routes(routes!(roster, enrol_others))
        .routes(routes!(list_mine))
        .routes(routes!(update_enrolment))
        .routes(routes!(show_grading, update_grading))
}

/// `GET /api/courses/{id}/grading`
#[utoipa::path(get, path = "/courses/{id}/grading", tag = "enrolment",
    summary = "How a course grades",
    description = "For the course's trainer and super admins: whether enrolments' grades are computed from quiz scores.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The course's choice", body = GradingSettings),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
    ))]
pub async fn show_grading(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<GradingSettings>, AppError> {
    Ok(Json(
        crate::services::grades::settings(&state, &actor(&who), id).await?,
    ))
}

/// `PUT /api/courses/{id}/grading`
#[utoipa::path(put, path = "/courses/{id}/grading", tag = "enrolment",
    summary = "Grade from quiz scores, or by hand",
    description = "With gradeFromQuizzes, every enrolment's grade is the letter of the average of the trainee's best graded score on each published quiz (an unattempted quiz counts 0): A from 90 %, B from 80, C from 70, D from 60, else F. It is computed at once and kept up to date as attempts are graded; the trainer then cannot set it by hand.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = GradingSettings,
    responses(
        (status = 200, description = "Saved", body = GradingSettings),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields", body = ErrorBody),
    ))]
pub async fn update_grading(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(settings): Json<GradingSettings>,
) -> Result<Json<GradingSettings>, AppError> {
    Ok(Json(
        crate::services::grades::set_settings(&state, &actor(&who), id, settings).await?,
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EnrolmentResponse {
    enrollment: Enrolment,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WaitlistResponse {
    waitlist: WaitlistPlace,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StandingResponse {
    /// The caller's enrolment, if they have one (in any status).
    enrollment: Option<Enrolment>,
    /// Their place in line, if the course was full when they asked.
    waitlist: Option<WaitlistPlace>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EnrolReport {
    results: Vec<EnrolReportLine>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RosterList {
    enrollments: Vec<RosterEntry>,
    pagination: Pagination,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MyEnrolmentList {
    enrollments: Vec<MyEnrolment>,
    pagination: Pagination,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// From 1.
    #[param(minimum = 0)]
    page: Option<i64>,
    /// 20 by default; at most 100.
    #[param(minimum = 0)]
    limit: Option<i64>,
    /// enrolled, completed, dropped or suspended; empty for any.
    #[param(pattern = "^(enrolled|completed|dropped|suspended)?$")]
    status: Option<String>,
}

impl ListQuery {
    fn parse(&self) -> Result<(Option<EnrolmentState>, PageRequest), AppError> {
        let mut errors = FieldErrors::default();
        let status = match self.status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                let st = EnrolmentState::parse(s);
                if st.is_none() {
                    errors.add("status", FieldError::EnrolmentStatus);
                }
                st
            }
        };
        let page = PageRequest::from_query(self.page, self.limit)
            .map_err(|e| errors.merge(e))
            .ok();
        match page {
            Some(page) if errors.is_empty() => Ok((status, page)),
            _ => Err(errors.into()),
        }
    }
}

/// `GET /api/courses/{id}/enroll`
#[utoipa::path(get, path = "/courses/{id}/enroll", tag = "enrolment",
    summary = "My enrolment in a course",
    description = "The caller's enrolment in the course (any status) and their place on its waitlist, either possibly null.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The caller's standing", body = StandingResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 404, description = "No such course, or not published", body = ErrorBody),
    ))]
pub async fn show_mine_in_course(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<StandingResponse>, AppError> {
    let (enrollment, waitlist) = enrolments::standing(&state, &actor(&who), id).await?;
    Ok(Json(StandingResponse {
        enrollment,
        waitlist,
    }))
}

/// `POST /api/courses/{id}/enroll`
#[utoipa::path(post, path = "/courses/{id}/enroll", tag = "enrolment",
    summary = "Enrol in a course",
    description = "A trainee enrols in a published course that has not ended (enrolment is open before the start date). A dropped enrolment is renewed: the same row, its history kept. Asking again when enrolled answers 200 with the enrolment. When every place is taken the caller joins the waitlist (202) and is enrolled when a place frees, first in line first.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 201, description = "Enrolled", body = EnrolmentResponse),
        (status = 200, description = "Already enrolled; nothing changed", body = EnrolmentResponse),
        (status = 202, description = "The course is full: a place on its waitlist", body = WaitlistResponse),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a trainee, or suspended in this course", body = ErrorBody),
        (status = 404, description = "No such course, or not published", body = ErrorBody),
        (status = 409, description = "The course has ended", body = ErrorBody),
    ))]
pub async fn enrol(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    Ok(
        match enrolments::enrol_self(&state, &actor(&who), id).await? {
            EnrolOutcome::Enrolled(enrollment) => {
                (StatusCode::CREATED, Json(EnrolmentResponse { enrollment })).into_response()
            }
            EnrolOutcome::Already(enrollment) => {
                (StatusCode::OK, Json(EnrolmentResponse { enrollment })).into_response()
            }
            EnrolOutcome::Waitlisted(waitlist) => {
                (StatusCode::ACCEPTED, Json(WaitlistResponse { waitlist })).into_response()
            }
        },
    )
}

/// `DELETE /api/courses/{id}/enroll`
#[utoipa::path(delete, path = "/courses/{id}/enroll", tag = "enrolment",
    summary = "Drop a course, or leave its waitlist",
    description = "The enrolment becomes dropped; its completions, attempts and notes are kept, and enrolling again renews it. The freed place goes to the first on the waitlist.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Dropped, or out of the waitlist"),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Suspended in this course", body = ErrorBody),
        (status = 404, description = "No such course, or not enrolled nor waiting", body = ErrorBody),
    ))]
pub async fn drop_enrolment(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    enrolments::drop_self(&state, &actor(&who), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/courses/{id}/enrollments`
#[utoipa::path(get, path = "/courses/{id}/enrollments", tag = "enrolment",
    summary = "A course's roster",
    description = "For the course's trainer and super admins: every enrolment with the trainee, progress, grade and last activity, by last name.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ListQuery),
    responses(
        (status = 200, description = "One page of the roster", body = RosterList),
        (status = 400, description = "A malformed id or query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 422, description = "Unknown status", body = ErrorBody),
    ))]
pub async fn roster(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<ListQuery>,
) -> Result<Json<RosterList>, AppError> {
    let (status, page) = q.parse()?;
    let page = enrolments::roster(&state, &actor(&who), id, status, page).await?;
    Ok(Json(RosterList {
        enrollments: page.items,
        pagination: page.pagination,
    }))
}

/// `POST /api/courses/{id}/enrollments`
#[utoipa::path(post, path = "/courses/{id}/enrollments", tag = "enrolment",
    summary = "Enrol trainees",
    description = "The course's trainer or a super admin enrols active trainees by id or email (up to 500 in all), with one line per entry: enrolled, already_enrolled, suspended, full, no_trainee (no active trainee has this id or address), invalid (not an address) or repeated. The cap holds; publication and dates do not limit the trainer.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = EnrolOthersForm,
    responses(
        (status = 200, description = "A line per entry", body = EnrolReport),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the course's trainer", body = ErrorBody),
        (status = 404, description = "No such course (or hidden)", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Nobody named, or more than 500", body = ErrorBody),
    ))]
pub async fn enrol_others(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<EnrolOthersForm>,
) -> Result<Json<EnrolReport>, AppError> {
    let results = enrolments::enrol_others(&state, &actor(&who), id, &form).await?;
    Ok(Json(EnrolReport { results }))
}

/// `GET /api/enrollments`
#[utoipa::path(get, path = "/enrollments", tag = "enrolment",
    summary = "My enrolments",
    description = "The caller's own enrolments with their courses and progress, the most recently active first.",
    security(("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "One page", body = MyEnrolmentList),
        (status = 400, description = "A malformed query", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 422, description = "Unknown status", body = ErrorBody),
    ))]
pub async fn list_mine(
    State(state): State<AppState>,
    who: CurrentUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<MyEnrolmentList>, AppError> {
    let (status, page) = q.parse()?;
    let page = enrolments::mine(&state, &actor(&who), status, page).await?;
    Ok(Json(MyEnrolmentList {
        enrollments: page.items,
        pagination: page.pagination,
    }))
}

/// `PUT /api/enrollments/{id}`
#[utoipa::path(put, path = "/enrollments/{id}", tag = "enrolment",
    summary = "Change an enrolment",
    description = "The course's trainer or a super admin sets the status, grade (A-F, with + or -; null clears) and notes. A status that takes a place needs a free one (409). Completing issues the certificate when the course has one; dropping gives the place to the first in line. Trainees cannot change their own enrolment (they drop through DELETE /courses/{id}/enroll).",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = EnrolmentForm,
    responses(
        (status = 200, description = "Changed", body = EnrolmentResponse),
        (status = 400, description = "A malformed id; malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such enrolment, or not one of the caller's courses", body = ErrorBody),
        (status = 409, description = "The course is full", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad or unknown fields", body = ErrorBody),
    ))]
pub async fn update_enrolment(
    State(state): State<AppState>,
    who: CurrentUser,
    Path(id): Path<Uuid>,
    Json(form): Json<EnrolmentForm>,
) -> Result<Json<EnrolmentResponse>, AppError> {
    let enrollment = enrolments::update(&state, &actor(&who), id, form).await?;
    Ok(Json(EnrolmentResponse { enrollment }))
}
