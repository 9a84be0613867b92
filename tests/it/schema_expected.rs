//! The schema the seed describes (`shared/seed/courseworx-database-schema.md`), written out
//! by hand from that document, independently of the migrations. `schema.rs` compares a
//! migrated database against it on either backend, so a migration drifting from the seed
//! fails the build.
//!
//! Types are PostgreSQL's own spelling (as `format_type` prints them); `sqlite_type` maps
//! them to the declared types SQLite gets. Defaults are as `pg_get_expr` prints them.

pub struct Col {
    pub name: &'static str,
    pub pg_type: &'static str,
    pub not_null: bool,
    pub default: Option<&'static str>,
}

pub struct Table {
    pub name: &'static str,
    pub columns: Vec<Col>,
    /// Single-column performance indexes the seed lists.
    pub indexes: &'static [&'static str],
    /// Unique keys (column lists), besides the primary key.
    pub unique: &'static [&'static [&'static str]],
    /// (constraint name from the seed's FK section, column, referenced table).
    pub foreign_keys: &'static [(&'static str, &'static str, &'static str)],
}

/// The seed's ENUM columns: PostgreSQL type name and values, in order.
pub const ENUMS: &[(&str, &[&str])] = &[
    ("enum_users_role", &["super_admin", "trainer", "trainee"]),
    (
        "enum_courses_level",
        &["beginner", "intermediate", "advanced"],
    ),
    (
        "enum_course_contents_type",
        &[
            "document",
            "image",
            "video",
            "article",
            "quiz",
            "certificate",
        ],
    ),
    (
        "enum_quiz_questions_questionType",
        &["single_choice", "multiple_choice", "true_false", "text"],
    ),
    (
        "enum_enrollments_status",
        &["enrolled", "completed", "dropped", "suspended"],
    ),
    (
        "enum_attendance_status",
        &["present", "absent", "late", "excused"],
    ),
];

const UUID: &str = "uuid";
const TEXT: &str = "text";
const BOOL: &str = "boolean";
const INT: &str = "integer";
const TSTZ: &str = "timestamp with time zone";
const JSONB: &str = "jsonb";

fn c(name: &'static str, pg_type: &'static str, not_null: bool) -> Col {
    Col {
        name,
        pg_type,
        not_null,
        default: None,
    }
}

fn d(name: &'static str, pg_type: &'static str, not_null: bool, default: &'static str) -> Col {
    Col {
        name,
        pg_type,
        not_null,
        default: Some(default),
    }
}

fn stamps() -> [Col; 2] {
    [c("createdAt", TSTZ, true), c("updatedAt", TSTZ, true)]
}

fn table(
    name: &'static str,
    columns: impl IntoIterator<Item = Col>,
    indexes: &'static [&'static str],
    unique: &'static [&'static [&'static str]],
    foreign_keys: &'static [(&'static str, &'static str, &'static str)],
) -> Table {
    let mut columns: Vec<Col> = columns.into_iter().collect();
    columns.extend(stamps());
    Table {
        name,
        columns,
        indexes,
        unique,
        foreign_keys,
    }
}

pub fn tables() -> Vec<Table> {
    vec![
        table(
            "users",
            [
                c("id", UUID, true),
                c("firstName", "character varying(50)", true),
                c("lastName", "character varying(50)", true),
                c("email", "character varying(255)", true),
                c("password", "character varying(255)", true),
                d(
                    "role",
                    "enum_users_role",
                    true,
                    "'trainee'::enum_users_role",
                ),
                c("phone", "character varying(20)", false),
                c("avatar", "character varying(255)", false),
                d("isActive", BOOL, false, "true"),
                c("lastLogin", TSTZ, false),
                d("requiresPasswordChange", BOOL, false, "false"),
            ],
            &["role", "isActive"],
            &[&["email"]],
            &[],
        ),
        table(
            "courses",
            [
                c("id", UUID, true),
                c("trainerId", UUID, true),
                c("title", "character varying(200)", true),
                c("description", TEXT, true),
                c("shortDescription", "character varying(500)", false),
                c("thumbnail", "character varying(255)", false),
                d("price", "numeric(10,2)", true, "0.00"),
                c("duration", INT, false),
                d(
                    "level",
                    "enum_courses_level",
                    true,
                    "'beginner'::enum_courses_level",
                ),
                c("category", "character varying(100)", false),
                d("tags", "text[]", false, "'{}'::text[]"),
                d("isPublished", BOOL, false, "false"),
                d("isFeatured", BOOL, false, "false"),
                c("maxStudents", INT, false),
                c("startDate", "date", false),
                c("endDate", "date", false),
                c("requirements", TEXT, false),
                c("learningOutcomes", TEXT, false),
                d("curriculum", JSONB, false, "'[]'::jsonb"),
                c("rating", "numeric(3,2)", false),
                d("enrollmentCount", INT, false, "0"),
                d("completionCount", INT, false, "0"),
            ],
            &["isPublished", "category", "level", "trainerId"],
            &[],
            &[("fk_courses_trainer", "trainerId", "users")],
        ),
        table(
            "course_sections",
            [
                c("id", UUID, true),
                c("courseId", UUID, true),
                c("title", "character varying(200)", true),
                c("description", TEXT, false),
                d("order", INT, true, "0"),
                d("isPublished", BOOL, false, "true"),
            ],
            &["courseId", "order"],
            &[],
            &[("fk_course_sections_course", "courseId", "courses")],
        ),
        table(
            "course_contents",
            [
                c("id", UUID, true),
                c("courseId", UUID, true),
                c("sectionId", UUID, false),
                c("title", "character varying(200)", true),
                c("description", TEXT, false),
                c("type", "enum_course_contents_type", true),
                d("content", JSONB, false, "'{}'::jsonb"),
                c("fileUrl", "character varying(255)", false),
                c("fileSize", INT, false),
                c("fileType", "character varying(50)", false),
                c("duration", INT, false),
                d("order", INT, true, "0"),
                d("isPublished", BOOL, false, "true"),
                d("isRequired", BOOL, false, "true"),
                d("points", INT, false, "0"),
                d("quizData", JSONB, false, "'{}'::jsonb"),
                c("articleContent", TEXT, false),
                d("certificateTemplate", JSONB, false, "'{}'::jsonb"),
                d("metadata", JSONB, false, "'{}'::jsonb"),
            ],
            &["courseId", "sectionId", "type", "order"],
            &[],
            &[
                ("fk_course_content_course", "courseId", "courses"),
                ("fk_course_content_section", "sectionId", "course_sections"),
            ],
        ),
        table(
            "quiz_questions",
            [
                c("id", UUID, true),
                c("contentId", UUID, true),
                c("question", TEXT, true),
                c("questionType", "\"enum_quiz_questions_questionType\"", true),
                c("options", "text[]", false),
                c("correctAnswer", TEXT, true),
                d("points", INT, true, "1"),
                c("explanation", TEXT, false),
                d("order", INT, true, "0"),
                d("isActive", BOOL, false, "true"),
            ],
            &["contentId", "order"],
            &[],
            &[("fk_quiz_questions_content", "contentId", "course_contents")],
        ),
        table(
            "enrollments",
            [
                c("id", UUID, true),
                c("userId", UUID, true),
                c("courseId", UUID, true),
                d(
                    "status",
                    "enum_enrollments_status",
                    true,
                    "'enrolled'::enum_enrollments_status",
                ),
                d("enrolledAt", TSTZ, true, "now()"),
                c("completedAt", TSTZ, false),
                d("progress", "numeric(5,2)", false, "0.00"),
                c("grade", "character varying(2)", false),
                c("notes", TEXT, false),
            ],
            &["userId", "courseId", "status"],
            &[&["userId", "courseId"]],
            &[
                ("fk_enrollments_user", "userId", "users"),
                ("fk_enrollments_course", "courseId", "courses"),
            ],
        ),
        table(
            "lesson_completions",
            [
                c("id", UUID, true),
                c("userId", UUID, true),
                c("courseId", UUID, true),
                c("contentId", UUID, true),
                d("completed", BOOL, true, "false"),
                c("completedAt", TSTZ, false),
                c("timeSpent", INT, false),
                c("score", INT, false),
                d("attempts", INT, false, "1"),
                c("notes", TEXT, false),
            ],
            &["userId", "courseId", "contentId"],
            &[&["userId", "contentId"]],
            &[
                ("fk_lesson_completions_user", "userId", "users"),
                ("fk_lesson_completions_course", "courseId", "courses"),
                (
                    "fk_lesson_completions_content",
                    "contentId",
                    "course_contents",
                ),
            ],
        ),
        table(
            "assignments",
            [
                c("id", UUID, true),
                c("courseId", UUID, true),
                c("trainerId", UUID, true),
                c("title", "character varying(200)", true),
                c("description", TEXT, true),
                c("dueDate", TSTZ, false),
                d("points", INT, true, "0"),
                d("isPublished", BOOL, false, "false"),
                d("allowLateSubmission", BOOL, false, "false"),
            ],
            &["courseId", "trainerId", "isPublished"],
            &[],
            &[
                ("fk_assignments_course", "courseId", "courses"),
                ("fk_assignments_trainer", "trainerId", "users"),
            ],
        ),
        table(
            "attendance",
            [
                c("id", UUID, true),
                c("userId", UUID, true),
                c("courseId", UUID, true),
                c("sessionDate", "date", true),
                c("signInTime", TSTZ, false),
                c("signOutTime", TSTZ, false),
                c("duration", INT, false),
                d(
                    "status",
                    "enum_attendance_status",
                    true,
                    "'present'::enum_attendance_status",
                ),
                c("notes", TEXT, false),
            ],
            &["userId", "courseId", "sessionDate"],
            &[&["userId", "courseId", "sessionDate"]],
            &[
                ("fk_attendance_user", "userId", "users"),
                ("fk_attendance_course", "courseId", "courses"),
            ],
        ),
        table(
            "course_stats",
            [
                c("id", UUID, true),
                c("courseId", UUID, true),
                d("totalEnrollments", INT, false, "0"),
                d("activeEnrollments", INT, false, "0"),
                d("completedEnrollments", INT, false, "0"),
                d("averageProgress", "numeric(5,2)", false, "0.00"),
                d("averageScore", "numeric(5,2)", false, "0.00"),
                d("completionRate", "numeric(5,2)", false, "0.00"),
                d("totalRevenue", "numeric(10,2)", false, "0.00"),
                d("lastUpdated", TSTZ, true, "now()"),
            ],
            &["courseId"],
            // One row per course (the issue asks for it; the seed's 1:1 relation).
            &[&["courseId"]],
            &[("fk_course_stats_course", "courseId", "courses")],
        ),
        table(
            "user_notes",
            [
                c("id", UUID, true),
                c("userId", UUID, true),
                c("courseId", UUID, true),
                c("contentId", UUID, false),
                c("content", TEXT, true),
                d("isPrivate", BOOL, false, "true"),
                d("tags", "text[]", false, "'{}'::text[]"),
            ],
            &["userId", "courseId", "contentId"],
            &[],
            &[
                ("fk_user_notes_user", "userId", "users"),
                ("fk_user_notes_course", "courseId", "courses"),
                ("fk_user_notes_content", "contentId", "course_contents"),
            ],
        ),
    ]
}

/// The declared type SQLite gets for a PostgreSQL type (DESIGN.md section 2: JSON text for
/// arrays and jsonb, REAL for numeric, text with a CHECK for enums).
pub fn sqlite_type(pg_type: &str) -> String {
    if let Some(len) = pg_type
        .strip_prefix("character varying(")
        .and_then(|s| s.strip_suffix(')'))
    {
        return format!("varchar({len})");
    }
    if let Some(ps) = pg_type
        .strip_prefix("numeric(")
        .and_then(|s| s.strip_suffix(')'))
    {
        return format!("real({})", ps.replace(',', ", "));
    }
    match pg_type {
        "uuid" => "uuid_text",
        "text" | "text[]" => "text",
        "boolean" => "boolean",
        "integer" => "integer",
        "jsonb" => "jsonb_text",
        "date" => "date_text",
        "timestamp with time zone" => "timestamp_with_timezone_text",
        enum_type if enum_type.trim_matches('"').starts_with("enum_") => "text",
        other => panic!("no SQLite mapping for {other}"),
    }
    .to_owned()
}
