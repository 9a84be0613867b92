//! The tables the generator writes, their columns in the order rows give their values, and
//! the order they are written in (parents first).

use super::sink::{Table, c};

pub static USERS: Table = Table {
    name: "users",
    cols: &[
        c("id"),
        c("firstName"),
        c("lastName"),
        c("email"),
        c("password"),
        c("role"),
        c("isActive"),
        c("lastLogin"),
        c("requiresPasswordChange"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static COURSES: Table = Table {
    name: "courses",
    cols: &[
        c("id"),
        c("trainerId"),
        c("title"),
        c("description"),
        c("shortDescription"),
        c("price"),
        c("duration"),
        c("level"),
        c("category"),
        c("tags"),
        c("isPublished"),
        c("isFeatured"),
        c("requirements"),
        c("learningOutcomes"),
        c("curriculum"),
        c("enrollmentCount"),
        c("completionCount"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static SECTIONS: Table = Table {
    name: "course_sections",
    cols: &[
        c("id"),
        c("courseId"),
        c("title"),
        c("description"),
        c("order"),
        c("isPublished"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static CONTENTS: Table = Table {
    name: "course_contents",
    cols: &[
        c("id"),
        c("courseId"),
        c("sectionId"),
        c("title"),
        c("description"),
        c("type"),
        c("content"),
        c("duration"),
        c("order"),
        c("isPublished"),
        c("isRequired"),
        c("points"),
        c("quizData"),
        c("articleContent"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static QUESTIONS: Table = Table {
    name: "quiz_questions",
    cols: &[
        c("id"),
        c("contentId"),
        c("question"),
        c("questionType"),
        c("options"),
        c("correctAnswer"),
        c("points"),
        c("explanation"),
        c("order"),
        c("isActive"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static ASSIGNMENTS: Table = Table {
    name: "assignments",
    cols: &[
        c("id"),
        c("courseId"),
        c("trainerId"),
        c("title"),
        c("description"),
        c("dueDate"),
        c("points"),
        c("isPublished"),
        c("allowLateSubmission"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static ENROLLMENTS: Table = Table {
    name: "enrollments",
    cols: &[
        c("id"),
        c("userId"),
        c("courseId"),
        c("status"),
        c("enrolledAt"),
        c("completedAt"),
        c("progress"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static EVENTS: Table = Table {
    name: "enrollment_events",
    cols: &[
        c("id"),
        c("enrollmentId"),
        c("actorId"),
        c("fromStatus"),
        c("toStatus"),
        c("price"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static COMPLETIONS: Table = Table {
    name: "lesson_completions",
    cols: &[
        c("id"),
        c("userId"),
        c("courseId"),
        c("contentId"),
        c("completed"),
        c("completedAt"),
        c("timeSpent"),
        c("score"),
        c("attempts"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static ATTEMPTS: Table = Table {
    name: "quiz_attempts",
    cols: &[
        c("id"),
        c("userId"),
        c("courseId"),
        c("contentId"),
        c("number"),
        c("status"),
        c("startedAt"),
        c("submittedAt"),
        c("gradedAt"),
        c("score"),
        c("maxScore"),
        c("passed"),
        c("questions"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static ANSWERS: Table = Table {
    name: "quiz_answers",
    cols: &[
        c("id"),
        c("attemptId"),
        c("questionId"),
        c("answer"),
        c("isCorrect"),
        c("points"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static SUBMISSIONS: Table = Table {
    name: "assignment_submissions",
    cols: &[
        c("id"),
        c("assignmentId"),
        c("userId"),
        c("courseId"),
        c("text"),
        c("files"),
        c("version"),
        c("submittedAt"),
        c("isLate"),
        c("status"),
        c("score"),
        c("feedback"),
        c("gradedBy"),
        c("gradedAt"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static VERSIONS: Table = Table {
    name: "submission_versions",
    cols: &[
        c("id"),
        c("submissionId"),
        c("version"),
        c("text"),
        c("files"),
        c("submittedAt"),
        c("isLate"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static GRADE_EVENTS: Table = Table {
    name: "submission_grade_events",
    cols: &[
        c("id"),
        c("submissionId"),
        c("gradedBy"),
        c("oldScore"),
        c("newScore"),
        c("oldFeedback"),
        c("newFeedback"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

pub static ATTENDANCE: Table = Table {
    name: "attendance",
    cols: &[
        c("id"),
        c("userId"),
        c("courseId"),
        c("sessionDate"),
        c("signInTime"),
        c("signOutTime"),
        c("duration"),
        c("status"),
        c("createdAt"),
        c("updatedAt"),
    ],
};

/// Parents before children.
pub static ALL: [&Table; 15] = [
    &USERS,
    &COURSES,
    &SECTIONS,
    &CONTENTS,
    &QUESTIONS,
    &ASSIGNMENTS,
    &ENROLLMENTS,
    &EVENTS,
    &COMPLETIONS,
    &ATTEMPTS,
    &ANSWERS,
    &SUBMISSIONS,
    &VERSIONS,
    &GRADE_EVENTS,
    &ATTENDANCE,
];
