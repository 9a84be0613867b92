//! The dashboards' and the statistics page's counts: each a fixed number of set-based
//! queries (grouped in the database, never a row per trainee brought back), written once
//! in SQL both databases read the same way. Weeks and bands are bound as parameters or
//! spelled out as `CASE` arms from the rules in `domain::dashboard`, so there is no
//! dialect-specific date arithmetic.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr, QueryResult, Value};
use uuid::Uuid;

use super::raw::{count, decimal, off_index, statement};
use crate::domain::dashboard::{
    BANDS, Bands, DueAssignment, GradedKind, LearnerCourse, RecentGrade, SessionAttendance,
    TopCourse, TrainerCourse, UngradedWork, WeekCount, attendance_rate, percent,
};
use crate::domain::policy::CourseGrant;

/// The `CASE` arms that sum rows into the five percent bands of `expr` (a percentage),
/// as columns `b0` … `b4`, only for rows where `filter` holds.
fn band_columns(expr: &str, filter: &str) -> String {
    (0..BANDS.len())
        .map(|i| {
            let low = BANDS[i];
            let cond = match BANDS.get(i + 1) {
                Some(next) if i == 0 => format!("{expr} < {next}"),
                Some(next) => format!("{expr} >= {low} AND {expr} < {next}"),
                None => format!("{expr} >= {low}"),
            };
            format!(
                r#"COALESCE(SUM(CASE WHEN {filter} AND {cond} THEN 1 ELSE 0 END), 0) AS "b{i}""#
            )
        })
        .collect::<Vec<_>>()
        .join(",\n ")
}

fn bands(row: &QueryResult) -> Result<Bands, DbErr> {
    let mut out = [0; 5];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = count(row, &format!("b{i}"))?;
    }
    Ok(Bands(out))
}

/// Midnight UTC of a day, as a bound parameter.
fn midnight(day: NaiveDate) -> Value {
    day.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .into()
}

/// `SUM` columns `w0` … counting rows whose `column` falls in each week (the last one open
/// ended), with their bound values appended to `values`.
fn week_columns(column: &str, weeks: &[NaiveDate], values: &mut Vec<Value>) -> String {
    weeks
        .iter()
        .enumerate()
        .map(|(i, start)| {
            values.push(midnight(*start));
            let from = values.len();
            let cond = match weeks.get(i + 1) {
                Some(next) => {
                    values.push(midnight(*next));
                    format!("{column} >= ${from} AND {column} < ${}", values.len())
                }
                None => format!("{column} >= ${from}"),
            };
            format!(r#"COALESCE(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END), 0) AS "w{i}""#)
        })
        .collect::<Vec<_>>()
        .join(",\n ")
}

fn week_counts(row: &QueryResult, weeks: &[NaiveDate]) -> Result<Vec<WeekCount>, DbErr> {
    weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            Ok(WeekCount {
                week: *week,
                count: count(row, &format!("w{i}"))?,
            })
        })
        .collect()
}

async fn one(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<QueryResult, DbErr> {
    db.query_one_raw(statement(db, sql, values))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("an aggregate row".to_owned()))
}

/// Every row of a query, each read by `read`.
async fn all<T>(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
    read: impl Fn(&QueryResult) -> Result<T, DbErr>,
) -> Result<Vec<T>, DbErr> {
    db.query_all_raw(statement(db, sql, values))
        .await?
        .iter()
        .map(read)
        .collect()
}

/// Users who signed in since `since`.
pub async fn signed_in_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let row = one(
        db,
        r#"SELECT COUNT(*) AS "n" FROM users WHERE "lastLogin" >= $1"#,
        vec![since.into()],
    )
    .await?;
    count(&row, "n")
}

/// The platform's courses (all, published), every enrolment, the completed ones, those
/// completed since `since`, and those made in each of `weeks`.
pub struct PlatformTotals {
    pub courses: u64,
    pub published_courses: u64,
    pub all: u64,
    pub completed: u64,
    pub completed_since: u64,
    pub by_week: Vec<WeekCount>,
}

/// Counted without reading every enrolment (one pass over them took 0.3-0.7 s at 1,000,000,
/// BENCHMARKS.md S7): the courses and, in the same pass over them, the held and completed
/// enrolments from the courses' counters, kept exact by
/// every enrolment change (DESIGN.md section 2), plus the dropped ones (the seed's `status`
/// index); the recent completions and the weeks' enrolments are ranges of the `completedAt`
/// and `enrolledAt` indexes (migration 24).
pub async fn platform_totals(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
    weeks: &[NaiveDate],
) -> Result<PlatformTotals, DbErr> {
    let counters = one(
        db,
        r#"SELECT COUNT(*) AS "n",
             COALESCE(SUM(CASE WHEN "isPublished" THEN 1 ELSE 0 END), 0) AS "published",
             COALESCE(SUM("enrollmentCount"), 0) AS "held",
             COALESCE(SUM("completionCount"), 0) AS "completed"
           FROM courses"#,
        vec![],
    )
    .await?;
    let dropped = one(
        db,
        r#"SELECT COUNT(*) AS "n" FROM enrollments WHERE status = 'dropped'"#,
        vec![],
    )
    .await?;
    // SQLite would rather take the `status` index (every completion ever) than the range of
    // `completedAt` (this week's): a unary `+` keeps it off the first.
    let status = off_index(db, "status");
    let recent = one(
        db,
        &format!(
            r#"SELECT COUNT(*) AS "n" FROM enrollments
               WHERE "completedAt" >= $1 AND {status} = 'completed'"#
        ),
        vec![since.into()],
    )
    .await?;
    let by_week = match weeks.first() {
        Some(first) => {
            let mut values: Vec<Value> = vec![midnight(*first)];
            let columns = week_columns(r#""enrolledAt""#, weeks, &mut values);
            let sql = format!(r#"SELECT {columns} FROM enrollments WHERE "enrolledAt" >= $1"#);
            week_counts(&one(db, &sql, values).await?, weeks)?
        }
        None => Vec::new(),
    };
    Ok(PlatformTotals {
        courses: count(&counters, "n")?,
        published_courses: count(&counters, "published")?,
        all: count(&counters, "held")? + count(&dropped, "n")?,
        completed: count(&counters, "completed")?,
        completed_since: count(&recent, "n")?,
        by_week,
    })
}

/// The courses with the most enrolments that are not dropped, from the courses' own
/// counters (`enrollmentCount`: enrolments not dropped; `completionCount`: completed), which
/// every enrolment change keeps exact in its transaction (DESIGN.md section 2). Grouping
/// the enrolments instead read all of them: 1 s at 1,000,000 (BENCHMARKS.md, S7).
pub async fn top_courses(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<TopCourse>, DbErr> {
    let sql = r#"SELECT c.id AS "id", c.title AS "title", c."enrollmentCount" AS "n",
             COALESCE(c."completionCount", 0) AS "completed"
           FROM courses c
           WHERE c."enrollmentCount" > 0
           ORDER BY c."enrollmentCount" DESC, c.title, c.id
           LIMIT $1"#;
    all(db, sql, vec![(limit as i64).into()], |row| {
        let (n, completed) = (count(row, "n")?, count(row, "completed")?);
        Ok(TopCourse {
            id: row.try_get("", "id")?,
            title: row.try_get("", "title")?,
            enrolments: n,
            completed,
            completion_rate: percent(completed, n),
        })
    })
    .await
}

/// A trainer's courses with their enrolments, progress bands, attendance and waiting work:
/// three grouped queries whatever the number of courses and trainees.
pub async fn trainer_courses(
    db: &impl ConnectionTrait,
    trainer: Uuid,
) -> Result<Vec<TrainerCourse>, DbErr> {
    let progress_bands = band_columns("COALESCE(e.progress, 0)", "e.id IS NOT NULL");
    let sql = format!(
        r#"SELECT c.id AS "id", c.title AS "title", c."isPublished" AS "published",
             c."startDate" AS "startDate", c."endDate" AS "endDate",
             COUNT(e.id) AS "n",
             COALESCE(SUM(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END), 0) AS "completed",
             CAST(SUM(COALESCE(e.progress, 0)) AS TEXT) AS "progress",
             {progress_bands}
           FROM courses c
           LEFT JOIN enrollments e ON e."courseId" = c.id AND e.status <> 'dropped'
           WHERE c."trainerId" = $1
           GROUP BY c.id, c.title, c."isPublished", c."startDate", c."endDate", c."updatedAt"
           ORDER BY c."updatedAt" DESC, c.id"#
    );
    let rows = db
        .query_all_raw(statement(db, &sql, vec![trainer.into()]))
        .await?;
    let attendance = db
        .query_all_raw(statement(
            db,
            r#"SELECT a."courseId" AS "id",
                 COALESCE(SUM(CASE WHEN a.status IN ('present', 'late') THEN 1 ELSE 0 END), 0) AS "attended",
                 COALESCE(SUM(CASE WHEN a.status <> 'excused' THEN 1 ELSE 0 END), 0) AS "marked"
               FROM attendance a JOIN courses c ON c.id = a."courseId"
               WHERE c."trainerId" = $1
               GROUP BY a."courseId""#,
            vec![trainer.into()],
        ))
        .await?;
    let waiting = db
        .query_all_raw(statement(
            db,
            r#"SELECT w.id AS "id", SUM(w.s) AS "submissions", SUM(w.q) AS "attempts" FROM (
                 SELECT s."courseId" AS id, 1 AS s, 0 AS q
                   FROM assignment_submissions s JOIN courses c ON c.id = s."courseId"
                  WHERE c."trainerId" = $1 AND s.status = 'submitted'
                 UNION ALL
                 SELECT q."courseId" AS id, 0 AS s, 1 AS q
                   FROM quiz_attempts q JOIN courses c ON c.id = q."courseId"
                  WHERE c."trainerId" = $1 AND q.status = 'pending'
               ) w GROUP BY w.id"#,
            vec![trainer.into()],
        ))
        .await?;
    let mut courses = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: Uuid = row.try_get("", "id")?;
        let (n, completed) = (count(row, "n")?, count(row, "completed")?);
        let progress_sum = decimal(row.try_get("", "progress")?);
        let mut course = TrainerCourse {
            id,
            title: row.try_get("", "title")?,
            is_published: row
                .try_get::<Option<bool>>("", "published")?
                .unwrap_or(false),
            start_date: row.try_get("", "startDate")?,
            end_date: row.try_get("", "endDate")?,
            enrolments: n,
            completed,
            completion_rate: percent(completed, n),
            average_progress: (n > 0).then(|| {
                let mean = progress_sum / rust_decimal::Decimal::from(n);
                f64::try_from(mean.round_dp(2)).unwrap_or(0.0)
            }),
            progress: bands(row)?,
            attendance_rate: None,
            ungraded_submissions: 0,
            pending_quiz_attempts: 0,
        };
        for a in &attendance {
            if a.try_get::<Uuid>("", "id")? == id {
                course.attendance_rate =
                    attendance_rate(count(a, "attended")?, count(a, "marked")?);
            }
        }
        for w in &waiting {
            if w.try_get::<Uuid>("", "id")? == id {
                course.ungraded_submissions = count(w, "submissions")?;
                course.pending_quiz_attempts = count(w, "attempts")?;
            }
        }
        courses.push(course);
    }
    Ok(courses)
}

/// The oldest submissions waiting for a grade in a trainer's courses.
pub async fn ungraded_work(
    db: &impl ConnectionTrait,
    trainer: Uuid,
    limit: u64,
) -> Result<Vec<UngradedWork>, DbErr> {
    let sql = r#"SELECT s.id AS "id", a.id AS "assignmentId", a.title AS "assignment",
             c.id AS "courseId", c.title AS "course",
             u."firstName" AS "firstName", u."lastName" AS "lastName",
             s."submittedAt" AS "submittedAt", s."isLate" AS "isLate"
           FROM assignment_submissions s
           JOIN assignments a ON a.id = s."assignmentId"
           JOIN courses c ON c.id = s."courseId"
           JOIN users u ON u.id = s."userId"
           WHERE c."trainerId" = $1 AND s.status = 'submitted'
           ORDER BY s."submittedAt", s.id
           LIMIT $2"#;
    all(
        db,
        sql,
        vec![trainer.into(), (limit as i64).into()],
        |row| {
            let first: String = row.try_get("", "firstName")?;
            let last: String = row.try_get("", "lastName")?;
            Ok(UngradedWork {
                submission_id: row.try_get("", "id")?,
                assignment_id: row.try_get("", "assignmentId")?,
                assignment: row.try_get("", "assignment")?,
                course_id: row.try_get("", "courseId")?,
                course: row.try_get("", "course")?,
                trainee: format!("{first} {last}").trim().to_owned(),
                submitted_at: row.try_get("", "submittedAt")?,
                is_late: row.try_get("", "isLate")?,
            })
        },
    )
    .await
}

/// A trainee's current and completed courses.
pub async fn learner_courses(
    db: &impl ConnectionTrait,
    user: Uuid,
) -> Result<Vec<LearnerCourse>, DbErr> {
    let sql = r#"SELECT c.id AS "id", c.title AS "title", CAST(e.status AS TEXT) AS "status",
             CAST(COALESCE(e.progress, 0) AS TEXT) AS "progress", c."endDate" AS "endDate"
           FROM enrollments e JOIN courses c ON c.id = e."courseId"
           WHERE e."userId" = $1 AND e.status IN ('enrolled', 'completed')
           ORDER BY CASE WHEN e.status = 'enrolled' THEN 0 ELSE 1 END, e."enrolledAt" DESC, c.id"#;
    all(db, sql, vec![user.into()], |row| {
        Ok(LearnerCourse {
            id: row.try_get("", "id")?,
            title: row.try_get("", "title")?,
            status: row.try_get("", "status")?,
            progress: decimal(row.try_get("", "progress")?)
                .round_dp(2)
                .normalize(),
            end_date: row.try_get("", "endDate")?,
        })
    })
    .await
}

/// Published assignments due from `now` on in the courses a trainee is enrolled in,
/// with whether they have handed in.
pub async fn due_assignments(
    db: &impl ConnectionTrait,
    user: Uuid,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<DueAssignment>, DbErr> {
    let sql = r#"SELECT a.id AS "id", a.title AS "title", c.id AS "courseId", c.title AS "course",
             a."dueDate" AS "dueDate", a.points AS "points",
             CASE WHEN s.id IS NULL THEN 0 ELSE 1 END AS "submitted"
           FROM enrollments e
           JOIN courses c ON c.id = e."courseId"
           JOIN assignments a ON a."courseId" = c.id
           LEFT JOIN assignment_submissions s ON s."assignmentId" = a.id AND s."userId" = e."userId"
           WHERE e."userId" = $1 AND e.status = 'enrolled' AND a."isPublished"
             AND a."dueDate" >= $2
           ORDER BY a."dueDate", a.id
           LIMIT $3"#;
    all(
        db,
        sql,
        vec![user.into(), now.into(), (limit as i64).into()],
        |row| {
            Ok(DueAssignment {
                assignment_id: row.try_get("", "id")?,
                title: row.try_get("", "title")?,
                course_id: row.try_get("", "courseId")?,
                course: row.try_get("", "course")?,
                due_date: row.try_get("", "dueDate")?,
                points: row.try_get("", "points")?,
                submitted: count(row, "submitted")? > 0,
            })
        },
    )
    .await
}

/// A trainee's latest grades: graded submissions and graded quiz attempts of courses they
/// are (or were) enrolled in and not dropped, newest first.
pub async fn recent_grades(
    db: &impl ConnectionTrait,
    user: Uuid,
    limit: u64,
) -> Result<Vec<RecentGrade>, DbErr> {
    let sql = r#"SELECT * FROM (
             SELECT 'assignment' AS "kind", a.id AS "itemId", a.title AS "title",
               c.id AS "courseId", c.title AS "course", CAST(s.score AS TEXT) AS "score",
               a.points AS "outOf", s."gradedAt" AS "gradedAt", NULL AS "passed",
               CASE WHEN s.feedback IS NULL OR s.feedback = '' THEN 0 ELSE 1 END AS "feedback"
             FROM assignment_submissions s
             JOIN assignments a ON a.id = s."assignmentId"
             JOIN courses c ON c.id = s."courseId"
             JOIN enrollments e ON e."courseId" = c.id AND e."userId" = s."userId"
             WHERE s."userId" = $1 AND s.status = 'graded' AND s."gradedAt" IS NOT NULL
               AND e.status IN ('enrolled', 'completed')
             UNION ALL
             SELECT 'quiz' AS "kind", q."contentId" AS "itemId", t.title AS "title",
               c.id AS "courseId", c.title AS "course", CAST(q.score AS TEXT) AS "score",
               q."maxScore" AS "outOf", q."gradedAt" AS "gradedAt",
               CASE WHEN q.passed THEN 1 ELSE 0 END AS "passed", 0 AS "feedback"
             FROM quiz_attempts q
             JOIN course_contents t ON t.id = q."contentId"
             JOIN courses c ON c.id = q."courseId"
             JOIN enrollments e ON e."courseId" = c.id AND e."userId" = q."userId"
             WHERE q."userId" = $1 AND q.status = 'graded' AND q."gradedAt" IS NOT NULL
               AND e.status IN ('enrolled', 'completed')
           ) g
           ORDER BY g."gradedAt" DESC, g."itemId"
           LIMIT $2"#;
    all(db, sql, vec![user.into(), (limit as i64).into()], |row| {
        let kind: String = row.try_get("", "kind")?;
        let kind = if kind == "quiz" {
            GradedKind::Quiz
        } else {
            GradedKind::Assignment
        };
        let score = decimal(row.try_get("", "score")?).round_dp(2).normalize();
        let out_of: i32 = row.try_get("", "outOf")?;
        let passed = match kind {
            GradedKind::Quiz => Some(count(row, "passed")? > 0),
            GradedKind::Assignment => None,
        };
        Ok(RecentGrade {
            kind,
            item_id: row.try_get("", "itemId")?,
            title: row.try_get("", "title")?,
            course_id: row.try_get("", "courseId")?,
            course: row.try_get("", "course")?,
            percent: (out_of > 0).then(|| {
                let p =
                    score * rust_decimal::Decimal::from(100) / rust_decimal::Decimal::from(out_of);
                f64::try_from(p.round_dp(2)).unwrap_or(0.0)
            }),
            score,
            out_of,
            graded_at: row.try_get("", "gradedAt")?,
            passed,
            has_feedback: count(row, "feedback")? > 0,
        })
    })
    .await
}

/// A course's enrolments by week and its progress bands (one query), its quiz score bands
/// (one) and its attendance by session date (one).
pub struct CourseCounts {
    pub by_week: Vec<WeekCount>,
    pub progress: Bands,
    pub quiz_scores: Bands,
    /// Every session date with a register, oldest first.
    pub sessions: Vec<SessionAttendance>,
}

pub async fn course_counts_of(
    db: &impl ConnectionTrait,
    grant: &CourseGrant,
    weeks: &[NaiveDate],
) -> Result<CourseCounts, DbErr> {
    let course: Value = grant.course_id().into();
    let mut values = vec![course.clone()];
    let by_week = week_columns(r#""enrolledAt""#, weeks, &mut values);
    let progress = band_columns("COALESCE(progress, 0)", "status <> 'dropped'");
    let sql = format!(
        r#"SELECT {by_week},
             {progress}
           FROM enrollments WHERE "courseId" = $1"#
    );
    let row = one(db, &sql, values).await?;
    let scores = band_columns(
        r#"(score * 100.0 / NULLIF("maxScore", 0))"#,
        r#""maxScore" > 0"#,
    );
    let score_row = one(
        db,
        &format!(
            r#"SELECT {scores} FROM quiz_attempts
               WHERE "courseId" = $1 AND status = 'graded' AND score IS NOT NULL"#
        ),
        vec![course.clone()],
    )
    .await?;
    let sessions = db
        .query_all_raw(statement(
            db,
            r#"SELECT "sessionDate" AS "date",
                 COALESCE(SUM(CASE WHEN status IN ('present', 'late') THEN 1 ELSE 0 END), 0) AS "attended",
                 COALESCE(SUM(CASE WHEN status <> 'excused' THEN 1 ELSE 0 END), 0) AS "marked"
               FROM attendance WHERE "courseId" = $1
               GROUP BY "sessionDate" ORDER BY "sessionDate""#,
            vec![course],
        ))
        .await?;
    let sessions = sessions
        .iter()
        .map(|row| {
            let (attended, marked) = (count(row, "attended")?, count(row, "marked")?);
            Ok(SessionAttendance {
                date: row.try_get("", "date")?,
                attended,
                marked,
                rate: attendance_rate(attended, marked),
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok(CourseCounts {
        by_week: week_counts(&row, weeks)?,
        progress: bands(&row)?,
        quiz_scores: bands(&score_row)?,
        sessions,
    })
}
