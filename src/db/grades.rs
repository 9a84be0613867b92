//! Grades computed from quiz scores: the course's choice (`course_settings`) and the best
//! graded score of each trainee on each published quiz.

use std::collections::BTreeMap;

use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Value};
use uuid::Uuid;

use super::entities::{course_settings, enrollments};
use super::raw::statement;
use crate::domain::policy::CourseGrant;

pub async fn grade_from_quizzes(db: &impl ConnectionTrait, course: Uuid) -> Result<bool, DbErr> {
    Ok(course_settings::Entity::find()
        .filter(course_settings::Column::CourseId.eq(course))
        .one(db)
        .await?
        .is_some_and(|s| s.grade_from_quizzes))
}

pub async fn set_grade_from_quizzes(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    on: bool,
) -> Result<(), DbErr> {
    let now = crate::clock::now();
    course_settings::Entity::insert(course_settings::ActiveModel {
        id: Set(Uuid::now_v7()),
        course_id: Set(grant.course_id()),
        grade_from_quizzes: Set(on),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(course_settings::Column::CourseId)
            .update_columns([
                course_settings::Column::GradeFromQuizzes,
                course_settings::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// For each enrolment of the course (or one trainee's), the best graded score in percent
/// on each published quiz (`None`: no graded attempt): one query.
pub async fn best_scores(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    only: Option<Uuid>,
) -> Result<BTreeMap<Uuid, Vec<Option<i64>>>, DbErr> {
    let mut sql = r#"SELECT e.id AS "enrollmentId", q.id AS "quizId",
             MAX(CASE WHEN a.id IS NULL THEN NULL
                      WHEN a."maxScore" > 0 THEN a.score * 100 / a."maxScore"
                      ELSE 100 END) AS best
           FROM enrollments e
           JOIN course_contents q ON q."courseId" = e."courseId" AND q.type = 'quiz'
             AND q."isPublished" = TRUE
           LEFT JOIN quiz_attempts a ON a."contentId" = q.id AND a."userId" = e."userId"
             AND a.status = 'graded'
           WHERE e."courseId" = $1"#
        .to_owned();
    let mut values: Vec<Value> = vec![grant.course_id().into()];
    if let Some(user) = only {
        sql.push_str(r#" AND e."userId" = $2"#);
        values.push(user.into());
    }
    sql.push_str(r#" GROUP BY e.id, q.id"#);
    let rows = db.query_all_raw(statement(db, &sql, values)).await?;
    let mut out: BTreeMap<Uuid, Vec<Option<i64>>> = BTreeMap::new();
    for row in rows {
        let enrolment: Uuid = row.try_get("", "enrollmentId")?;
        let best: Option<i64> = row.try_get::<Option<i64>>("", "best").or_else(|_| {
            row.try_get::<Option<i32>>("", "best")
                .map(|v| v.map(i64::from))
        })?;
        out.entry(enrolment).or_default().push(best);
    }
    Ok(out)
}

/// Sets these enrolments' grades (one statement per letter).
pub async fn set_grades(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    grades: &BTreeMap<&'static str, Vec<Uuid>>,
) -> Result<(), DbErr> {
    for (letter, ids) in grades {
        enrollments::Entity::update_many()
            .col_expr(
                enrollments::Column::Grade,
                sea_orm::prelude::Expr::value((*letter).to_owned()),
            )
            .filter(enrollments::Column::CourseId.eq(grant.course_id()))
            .filter(enrollments::Column::Id.is_in(ids.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// For these trainees, the best graded score in percent on each quiz of the course they
/// attempted: one query (`(trainee, quiz, best)`).
pub async fn best_by_quiz(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    users: &[Uuid],
) -> Result<Vec<(Uuid, Uuid, i64)>, DbErr> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let mut values: Vec<Value> = vec![grant.course_id().into()];
    let marks: Vec<String> = users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            values.push((*u).into());
            format!("${}", i + 2)
        })
        .collect();
    // By the page's users, not the course's index (see `off_index_eq_sql`).
    let sql = format!(
        r#"SELECT a."userId" AS "userId", a."contentId" AS "quizId",
             MAX(CASE WHEN a."maxScore" > 0 THEN a.score * 100 / a."maxScore" ELSE 100 END) AS best
           FROM quiz_attempts a
           WHERE {course} AND a.status = 'graded' AND a."userId" IN ({users})
           GROUP BY a."userId", a."contentId""#,
        course = super::raw::off_index_eq_sql(db, r#"a."courseId""#, "$1"),
        users = marks.join(", ")
    );
    let rows = db.query_all_raw(statement(db, &sql, values)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let best: i64 = row
            .try_get::<i64>("", "best")
            .or_else(|_| row.try_get::<i32>("", "best").map(i64::from))?;
        out.push((row.try_get("", "userId")?, row.try_get("", "quizId")?, best));
    }
    Ok(out)
}
