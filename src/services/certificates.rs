//! Certificates: the caller's list, the PDF of one (rendered on the blocking pool), and
//! the public verification of a code, which tells only what is printed on it.

use uuid::Uuid;

use crate::certificate_pdf::{self, CertificateView, Labels};
use crate::db;
use crate::domain::certificate::{Certificate, Verification, looks_like_code};
use crate::domain::certificate_template::{CertificateFacts, fill};
use crate::domain::content::{CertificateTemplate, ContentKind};
use crate::domain::policy::{self, Actor};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::i18n::Locale;

/// The public page that confirms a certificate, under the site's address.
pub fn verify_path(code: &str) -> String {
    format!("/verify/{code}")
}

pub async fn mine(state: &AppState, actor: &Actor) -> Result<Vec<Certificate>, AppError> {
    Ok(db::certificates::mine(&state.db, actor.id).await?)
}

/// Confirms a code: who holds it, for which course, from which trainer, since when.
pub async fn verify(state: &AppState, code: &str) -> Result<Verification, AppError> {
    let code = code.trim().to_ascii_uppercase();
    if !looks_like_code(&code) {
        return Err(AppError::NotFound);
    }
    Ok(db::certificates::printable_by_code(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound)?
        .verification)
}

/// The PDF of one of the caller's certificates, in the reader's language; the QR code
/// points at `origin` + the verification page. Anyone else's: 404.
pub async fn pdf(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    locale: Locale,
    origin: &str,
) -> Result<(Vec<u8>, String), AppError> {
    let printable = db::certificates::printable_by_id(&state.db, id)
        .await?
        .filter(|p| p.user_id == actor.id)
        .ok_or(AppError::NotFound)?;
    let template = template_of(state, printable.course_id).await?;
    let v = printable.verification;
    let date = locale.date(v.issued_at);
    let facts = CertificateFacts {
        trainee_name: &v.holder_name,
        course_title: &v.course_title,
        date: &date,
        trainer_name: &v.trainer_name,
    };
    let title = fill(&template.title, &facts);
    let body = fill(&template.body, &facts);
    let url = format!("{origin}{}", verify_path(&v.code));
    let words = [
        locale.t("certificate-awarded-to"),
        locale.t("certificate-course"),
        locale.t("certificate-trainer"),
        locale.t("certificate-issued-on"),
        locale.t("certificate-code"),
        locale.t("certificate-scan"),
    ];
    let file_name = format!("certificate-{}.pdf", &v.code[..8]);
    let rtl = locale == Locale::Ar;
    // Shaping and drawing take milliseconds of CPU: off the async workers.
    let bytes = tokio::task::spawn_blocking(move || {
        certificate_pdf::render(&CertificateView {
            title: &title,
            body: &body,
            learner_name: &v.holder_name,
            course_title: &v.course_title,
            trainer_name: &v.trainer_name,
            issued_on: &date,
            code: &v.code,
            verify_url: &url,
            rtl,
            labels: Labels {
                lang: locale.tag(),
                awarded_to: &words[0],
                course: &words[1],
                trainer: &words[2],
                issued_on: &words[3],
                verification_code: &words[4],
                scan_to_verify: &words[5],
            },
        })
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("certificate rendering stopped: {e}")))?
    .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok((bytes, file_name))
}

/// The course's certificate template: its first published certificate lesson's, else the
/// default wording.
async fn template_of(state: &AppState, course: Uuid) -> Result<CertificateTemplate, AppError> {
    let grant = policy::for_the_system(course);
    let contents = db::contents::list(&state.db, &grant).await?;
    Ok(contents
        .into_iter()
        .filter(|c| c.kind == ContentKind::Certificate && c.is_published)
        .find_map(|c| c.certificate_template)
        .unwrap_or_default())
}
