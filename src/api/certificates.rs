//! Certificates: `/api/certificates`, `/api/certificates/{id}/pdf` and the public
//! `/api/certificates/verify/{code}`.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::api::error::ErrorBody;
use crate::api::extract::{Json, Path, Query};
use crate::auth::extract::CurrentUser;
use crate::domain::certificate::{Certificate, Verification};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::certificates;
use crate::state::AppState;
use crate::web::i18n::Locale;
use crate::web::page::site_origin;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_certificates))
        .routes(routes!(certificate_pdf))
        .routes(routes!(verify_certificate))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CertificateList {
    certificates: Vec<Certificate>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct VerificationResponse {
    verification: Verification,
}

/// `GET /api/certificates`
#[utoipa::path(get, path = "/certificates", tag = "certificates",
    summary = "My certificates",
    description = "The caller's own certificates, newest first: one per completed enrolment in a course that gives one.",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's certificates", body = CertificateList),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
    ))]
pub async fn list_certificates(
    State(state): State<AppState>,
    who: CurrentUser,
) -> Result<Json<CertificateList>, AppError> {
    let certificates = certificates::mine(&state, &Actor::from(&who.0.user)).await?;
    Ok(Json(CertificateList { certificates }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfQuery {
    /// en or ar; by default the request's Accept-Language.
    #[param(pattern = "^(en|ar)?$")]
    lang: Option<String>,
}

/// The PDF of a certificate, as a download, to the API and the pages alike.
pub fn pdf_response(bytes: Vec<u8>, file_name: &str) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// `GET /api/certificates/{id}/pdf`
#[utoipa::path(get, path = "/certificates/{id}/pdf", tag = "certificates",
    summary = "A certificate as PDF",
    description = "One of the caller's certificates, rendered from the course's certificate template with embedded fonts (Latin and Arabic), the trainer, the date, the code and a QR code of the public verification page. Anyone else's: 404.",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), PdfQuery),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 400, description = "A malformed id", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "A password change is required first", body = ErrorBody),
        (status = 404, description = "No such certificate, or someone else's", body = ErrorBody),
    ))]
pub async fn certificate_pdf(
    State(state): State<AppState>,
    who: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Query(q): Query<PdfQuery>,
) -> Result<Response, AppError> {
    let locale = q
        .lang
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or_else(|| Locale::negotiate(&headers));
    let origin = site_origin(&state, &headers);
    let (bytes, name) =
        certificates::pdf(&state, &Actor::from(&who.0.user), id, locale, &origin).await?;
    Ok(pdf_response(bytes, &name))
}

/// `GET /api/certificates/verify/{code}`
#[utoipa::path(get, path = "/certificates/verify/{code}", tag = "certificates",
    summary = "Verify a certificate",
    description = "Public: confirms a verification code with what the certificate says (holder's name, course, trainer, date) and nothing else about the person.",
    params(("code" = String, Path)),
    responses(
        (status = 200, description = "A real certificate", body = VerificationResponse),
        (status = 404, description = "No certificate has this code", body = ErrorBody),
    ))]
pub async fn verify_certificate(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<VerificationResponse>, AppError> {
    let verification = certificates::verify(&state, &code).await?;
    Ok(Json(VerificationResponse { verification }))
}
