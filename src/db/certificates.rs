//! Queries on `certificates`.

use sea_orm::ActiveValue::Set;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};
use uuid::Uuid;

use super::entities::enums::ContentType;
use super::entities::{certificates, course_contents, courses, users};
use crate::domain::certificate::{Certificate, Verification, new_code};
use crate::domain::policy::CourseGrant;

/// Whether the course gives a certificate: it has a published certificate lesson.
pub async fn course_awards(db: &impl ConnectionTrait, grant: &CourseGrant) -> Result<bool, DbErr> {
    Ok(course_contents::Entity::find()
        .filter(course_contents::Column::CourseId.eq(grant.course_id()))
        .filter(course_contents::Column::Type.eq(ContentType::Certificate))
        .filter(course_contents::Column::IsPublished.eq(true))
        .count(db)
        .await?
        > 0)
}

/// Issues a certificate for each (enrolment, trainee) pair of the course, in one statement;
/// an enrolment that has one already keeps it (the unique key on `enrollmentId`).
pub async fn issue(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    completed: &[(Uuid, Uuid)],
) -> Result<(), DbErr> {
    if completed.is_empty() {
        return Ok(());
    }
    let now = crate::clock::now();
    certificates::Entity::insert_many(completed.iter().map(|(enrolment, user)| {
        certificates::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(*user),
            course_id: Set(grant.course_id()),
            enrollment_id: Set(*enrolment),
            code: Set(new_code()),
            issued_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
        }
    }))
    .on_conflict_do_nothing_on([certificates::Column::EnrollmentId])
    .exec(db)
    .await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct CertificateRow {
    #[sea_orm(nested)]
    certificate: certificates::Model,
    #[sea_orm(alias = "courseTitle")]
    course_title: String,
}

impl From<CertificateRow> for Certificate {
    fn from(r: CertificateRow) -> Self {
        let c = r.certificate;
        Certificate {
            id: c.id,
            course_id: c.course_id,
            course_title: r.course_title,
            enrollment_id: c.enrollment_id,
            code: c.code,
            issued_at: c.issued_at,
        }
    }
}

/// The caller's own certificates, newest first.
pub async fn mine(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Vec<Certificate>, DbErr> {
    Ok(certificates::Entity::find()
        .join(
            JoinType::InnerJoin,
            certificates::Entity::belongs_to(courses::Entity)
                .from(certificates::Column::CourseId)
                .to(courses::Column::Id)
                .into(),
        )
        .column_as(courses::Column::Title, "courseTitle")
        .filter(certificates::Column::UserId.eq(user_id))
        .order_by_desc(certificates::Column::IssuedAt)
        .into_model::<CertificateRow>()
        .all(db)
        .await?
        .into_iter()
        .map(Certificate::from)
        .collect())
}

/// One certificate of the caller's (`None`: no such certificate, or someone else's).
pub async fn find_own(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<Certificate>, DbErr> {
    Ok(mine(db, user_id).await?.into_iter().find(|c| c.id == id))
}

/// Everything printed on a certificate, by its id: (holder, course, trainer, code, date).
#[derive(Debug, Clone)]
pub struct Printable {
    pub verification: Verification,
    pub user_id: Uuid,
    pub course_id: Uuid,
}

#[derive(Debug, FromQueryResult)]
struct PrintRow {
    #[sea_orm(nested)]
    certificate: certificates::Model,
    #[sea_orm(alias = "courseTitle")]
    course_title: String,
    #[sea_orm(alias = "holderFirstName")]
    holder_first: String,
    #[sea_orm(alias = "holderLastName")]
    holder_last: String,
    #[sea_orm(alias = "trainerFirstName")]
    trainer_first: String,
    #[sea_orm(alias = "trainerLastName")]
    trainer_last: String,
}

fn printable() -> sea_orm::Select<certificates::Entity> {
    let holder = sea_orm::sea_query::Alias::new("holder");
    let trainer = sea_orm::sea_query::Alias::new("trainer");
    certificates::Entity::find()
        .join_as(
            JoinType::InnerJoin,
            certificates::Entity::belongs_to(users::Entity)
                .from(certificates::Column::UserId)
                .to(users::Column::Id)
                .into(),
            holder.clone(),
        )
        .join(
            JoinType::InnerJoin,
            certificates::Entity::belongs_to(courses::Entity)
                .from(certificates::Column::CourseId)
                .to(courses::Column::Id)
                .into(),
        )
        .join_as(
            JoinType::InnerJoin,
            courses::Relation::Trainer.def(),
            trainer.clone(),
        )
        .column_as(courses::Column::Title, "courseTitle")
        .column_as(
            sea_orm::prelude::Expr::col((holder.clone(), users::Column::FirstName)),
            "holderFirstName",
        )
        .column_as(
            sea_orm::prelude::Expr::col((holder, users::Column::LastName)),
            "holderLastName",
        )
        .column_as(
            sea_orm::prelude::Expr::col((trainer.clone(), users::Column::FirstName)),
            "trainerFirstName",
        )
        .column_as(
            sea_orm::prelude::Expr::col((trainer, users::Column::LastName)),
            "trainerLastName",
        )
}

impl From<PrintRow> for Printable {
    fn from(r: PrintRow) -> Self {
        Printable {
            user_id: r.certificate.user_id,
            course_id: r.certificate.course_id,
            verification: Verification {
                code: r.certificate.code,
                holder_name: format!("{} {}", r.holder_first, r.holder_last),
                course_title: r.course_title,
                trainer_name: format!("{} {}", r.trainer_first, r.trainer_last),
                issued_at: r.certificate.issued_at,
            },
        }
    }
}

pub async fn printable_by_id(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<Printable>, DbErr> {
    Ok(printable()
        .filter(certificates::Column::Id.eq(id))
        .into_model::<PrintRow>()
        .one(db)
        .await?
        .map(Printable::from))
}

pub async fn printable_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<Printable>, DbErr> {
    Ok(printable()
        .filter(certificates::Column::Code.eq(code))
        .into_model::<PrintRow>()
        .one(db)
        .await?
        .map(Printable::from))
}

/// How many certificates an enrolment has (0 or 1): for the tests of "exactly once".
pub async fn count_for(db: &impl ConnectionTrait, enrolment: Uuid) -> Result<u64, DbErr> {
    certificates::Entity::find()
        .filter(certificates::Column::EnrollmentId.eq(enrolment))
        .count(db)
        .await
}
