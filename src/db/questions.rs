//! Queries on `quiz_questions`. Every function takes the course's `CourseGrant` and only
//! reaches questions of quiz contents of that course.

use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::prelude::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use uuid::Uuid;

use super::entities::enums::QuestionType;
use super::entities::tag_list::TagList;
use super::entities::{course_contents, quiz_questions};
use crate::domain::content::quiz::{Question, QuestionData, QuestionKind};
use crate::domain::policy::CourseGrant;

/// The quiz and course a question belongs to.
pub async fn owners_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<(Uuid, Uuid)>, DbErr> {
    quiz_questions::Entity::find_by_id(id)
        .select_only()
        .column(quiz_questions::Column::ContentId)
        .column(course_contents::Column::CourseId)
        .inner_join(course_contents::Entity)
        .into_tuple()
        .one(db)
        .await
}

/// The ids of the course's contents: every question query is limited to them.
fn in_course(grant: &CourseGrant) -> sea_orm::sea_query::SelectStatement {
    course_contents::Entity::find()
        .select_only()
        .column(course_contents::Column::Id)
        .filter(course_contents::Column::CourseId.eq(grant.course_id()))
        .into_query()
}

/// A quiz's questions in order.
pub async fn list(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    content: Uuid,
) -> Result<Vec<Question>, DbErr> {
    Ok(quiz_questions::Entity::find()
        .filter(quiz_questions::Column::ContentId.eq(content))
        .filter(quiz_questions::Column::ContentId.in_subquery(in_course(grant)))
        .order_by_asc(quiz_questions::Column::Order)
        .order_by_asc(quiz_questions::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Question::from)
        .collect())
}

pub async fn find(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<Option<Question>, DbErr> {
    Ok(quiz_questions::Entity::find_by_id(id)
        .filter(quiz_questions::Column::ContentId.in_subquery(in_course(grant)))
        .one(db)
        .await?
        .map(Question::from))
}

/// Marks the quiz as changed: its `updatedAt` is the version attempts cache its
/// questions by (`services::attempts::QuizCache`).
async fn touch(db: &impl ConnectionTrait, content: Uuid) -> Result<(), DbErr> {
    course_contents::Entity::update_many()
        .col_expr(
            course_contents::Column::UpdatedAt,
            Expr::value(crate::clock::now()),
        )
        .filter(course_contents::Column::Id.eq(content))
        .exec(db)
        .await?;
    Ok(())
}

/// A new question at the end of the quiz (`content` already checked to be a quiz of the
/// grant's course).
pub async fn insert(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    content: Uuid,
    data: QuestionData,
) -> Result<Question, DbErr> {
    let last: Option<i32> = quiz_questions::Entity::find()
        .select_only()
        .expr(Expr::col(quiz_questions::Column::Order).max())
        .filter(quiz_questions::Column::ContentId.eq(content))
        .filter(quiz_questions::Column::ContentId.in_subquery(in_course(grant)))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let mut model = quiz_questions::ActiveModel {
        content_id: Set(content),
        order: Set(last.map_or(0, |o| o + 1)),
        ..Default::default()
    };
    set(&mut model, data);
    touch(db, content).await?;
    Ok(model.insert(db).await?.into())
}

fn set(model: &mut quiz_questions::ActiveModel, d: QuestionData) {
    model.question = Set(d.question);
    model.question_type = Set(QuestionType::from(d.kind));
    model.options = Set((!d.options.is_empty()).then_some(TagList(d.options)));
    model.correct_answer = Set(d.correct_answer);
    model.points = Set(d.points);
    model.explanation = Set(d.explanation);
    model.is_active = Set(Some(d.is_active));
}

pub async fn update(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
    data: QuestionData,
) -> Result<Option<Question>, DbErr> {
    let Some(existing) = find(db, grant, id).await? else {
        return Ok(None);
    };
    touch(db, existing.content_id).await?;
    let mut model = quiz_questions::ActiveModel {
        id: Unchanged(id),
        ..Default::default()
    };
    set(&mut model, data);
    Ok(Some(model.update(db).await?.into()))
}

pub async fn delete(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    id: Uuid,
) -> Result<bool, DbErr> {
    if let Some(existing) = find(db, grant, id).await? {
        touch(db, existing.content_id).await?;
    }
    let done = quiz_questions::Entity::delete_many()
        .filter(quiz_questions::Column::Id.eq(id))
        .filter(quiz_questions::Column::ContentId.in_subquery(in_course(grant)))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

pub async fn reorder(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    content: Uuid,
    ids: &[Uuid],
) -> Result<(), DbErr> {
    for (order, id) in ids.iter().enumerate() {
        quiz_questions::Entity::update_many()
            .col_expr(quiz_questions::Column::Order, Expr::value(order as i32))
            .col_expr(
                quiz_questions::Column::UpdatedAt,
                Expr::value(crate::clock::now()),
            )
            .filter(quiz_questions::Column::Id.eq(*id))
            .filter(quiz_questions::Column::ContentId.eq(content))
            .filter(quiz_questions::Column::ContentId.in_subquery(in_course(grant)))
            .exec(db)
            .await?;
    }
    touch(db, content).await
}

impl From<quiz_questions::Model> for Question {
    fn from(m: quiz_questions::Model) -> Self {
        let data = QuestionData {
            question: m.question,
            kind: QuestionKind::from(m.question_type),
            options: m.options.map(|o| o.0).unwrap_or_default(),
            correct_answer: m.correct_answer,
            points: m.points,
            explanation: m.explanation,
            is_active: m.is_active.unwrap_or(true),
        };
        Question::from_stored(m.id, m.content_id, m.order, data)
    }
}

impl From<QuestionType> for QuestionKind {
    fn from(t: QuestionType) -> Self {
        match t {
            QuestionType::SingleChoice => QuestionKind::SingleChoice,
            QuestionType::MultipleChoice => QuestionKind::MultipleChoice,
            QuestionType::TrueFalse => QuestionKind::TrueFalse,
            QuestionType::Text => QuestionKind::Text,
        }
    }
}

impl From<QuestionKind> for QuestionType {
    fn from(k: QuestionKind) -> Self {
        match k {
            QuestionKind::SingleChoice => QuestionType::SingleChoice,
            QuestionKind::MultipleChoice => QuestionType::MultipleChoice,
            QuestionKind::TrueFalse => QuestionType::TrueFalse,
            QuestionKind::Text => QuestionType::Text,
        }
    }
}
