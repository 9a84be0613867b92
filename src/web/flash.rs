//! One-time messages shown on the page after a redirect ("You are signed out."). The
//! cookie names one of a fixed set of messages, never free text, so nothing a visitor puts
//! in it can reach the page.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::Cookie;

use crate::web::cookies;

pub const FLASH_COOKIE: &str = "cw_flash";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    SignedOut,
    PasswordChanged,
    SetupDone,
    AlreadySetUp,
    UserUpdated,
    UserDeactivated,
    UserReactivated,
    UserDeleted,
    ProfileUpdated,
    AvatarUpdated,
    CourseCreated,
    CourseSaved,
    CoverUpdated,
    CoursePublished,
    CourseUnpublished,
    CourseDeleted,
    // The course editor.
    SectionCreated,
    SectionSaved,
    SectionDeleted,
    ContentCreated,
    ContentSaved,
    ContentDeleted,
    ContentMoved,
    OrderSaved,
    FileUploaded,
    CaptionsUploaded,
    CaptionsRemoved,
    QuestionCreated,
    QuestionSaved,
    QuestionDeleted,
    // Learning (`web::learning`).
    Enrolled,
    Waitlisted,
    Dropped,
    LeftWaitlist,
    LessonCompleted,
    NoteSaved,
    NoteDeleted,
    // Quizzes, the roster and grading (`locales/*/teaching.ftl`).
    AnswersSaved,
    AttemptSubmitted,
    EnrolmentUpdated,
    GradeSaved,
    // Attendance (`locales/*/attendance.ftl`).
    AttendanceSaved,
    SignedInToSession,
    SignedOutOfSession,
    // Assignments (`locales/*/classroom.ftl`).
    AssignmentCreated,
    AssignmentSaved,
    AssignmentDeleted,
    WorkHandedIn,
    WorkGraded,
    // The private calendar (`locales/*/calendar.ftl`).
    CalendarReset,
}

/// How the message looks: `flash--success`, `flash--info`...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Success,
    Info,
}

impl Flash {
    const ALL: [Flash; 50] = [
        Flash::SignedOut,
        Flash::PasswordChanged,
        Flash::SetupDone,
        Flash::AlreadySetUp,
        Flash::UserUpdated,
        Flash::UserDeactivated,
        Flash::UserReactivated,
        Flash::UserDeleted,
        Flash::ProfileUpdated,
        Flash::AvatarUpdated,
        Flash::CourseCreated,
        Flash::CourseSaved,
        Flash::CoverUpdated,
        Flash::CoursePublished,
        Flash::CourseUnpublished,
        Flash::CourseDeleted,
        Flash::SectionCreated,
        Flash::SectionSaved,
        Flash::SectionDeleted,
        Flash::ContentCreated,
        Flash::ContentSaved,
        Flash::ContentDeleted,
        Flash::ContentMoved,
        Flash::OrderSaved,
        Flash::FileUploaded,
        Flash::CaptionsUploaded,
        Flash::CaptionsRemoved,
        Flash::QuestionCreated,
        Flash::QuestionSaved,
        Flash::QuestionDeleted,
        Flash::Enrolled,
        Flash::Waitlisted,
        Flash::Dropped,
        Flash::LeftWaitlist,
        Flash::LessonCompleted,
        Flash::NoteSaved,
        Flash::NoteDeleted,
        Flash::AnswersSaved,
        Flash::AttemptSubmitted,
        Flash::EnrolmentUpdated,
        Flash::GradeSaved,
        Flash::AttendanceSaved,
        Flash::SignedInToSession,
        Flash::SignedOutOfSession,
        Flash::AssignmentCreated,
        Flash::AssignmentSaved,
        Flash::AssignmentDeleted,
        Flash::WorkHandedIn,
        Flash::WorkGraded,
        Flash::CalendarReset,
    ];

    fn code(self) -> &'static str {
        match self {
            Flash::SignedOut => "signed-out",
            Flash::PasswordChanged => "password-changed",
            Flash::SetupDone => "setup-done",
            Flash::AlreadySetUp => "already-set-up",
            Flash::UserUpdated => "user-updated",
            Flash::UserDeactivated => "user-deactivated",
            Flash::UserReactivated => "user-reactivated",
            Flash::UserDeleted => "user-deleted",
            Flash::ProfileUpdated => "profile-updated",
            Flash::AvatarUpdated => "avatar-updated",
            Flash::CourseCreated => "course-created",
            Flash::CourseSaved => "course-saved",
            Flash::CoverUpdated => "cover-updated",
            Flash::CoursePublished => "course-published",
            Flash::CourseUnpublished => "course-unpublished",
            Flash::CourseDeleted => "course-deleted",
            Flash::SectionCreated => "section-created",
            Flash::SectionSaved => "section-saved",
            Flash::SectionDeleted => "section-deleted",
            Flash::ContentCreated => "content-created",
            Flash::ContentSaved => "content-saved",
            Flash::ContentDeleted => "content-deleted",
            Flash::ContentMoved => "content-moved",
            Flash::OrderSaved => "order-saved",
            Flash::FileUploaded => "file-uploaded",
            Flash::CaptionsUploaded => "captions-uploaded",
            Flash::CaptionsRemoved => "captions-removed",
            Flash::QuestionCreated => "question-created",
            Flash::QuestionSaved => "question-saved",
            Flash::QuestionDeleted => "question-deleted",
            Flash::Enrolled => "enrolled",
            Flash::Waitlisted => "waitlisted",
            Flash::Dropped => "dropped",
            Flash::LeftWaitlist => "left-waitlist",
            Flash::LessonCompleted => "lesson-completed",
            Flash::NoteSaved => "note-saved",
            Flash::NoteDeleted => "note-deleted",
            Flash::AnswersSaved => "answers-saved",
            Flash::AttemptSubmitted => "attempt-submitted",
            Flash::EnrolmentUpdated => "enrolment-updated",
            Flash::GradeSaved => "grade-saved",
            Flash::AttendanceSaved => "attendance-saved",
            Flash::SignedInToSession => "signed-in-to-session",
            Flash::SignedOutOfSession => "signed-out-of-session",
            Flash::AssignmentCreated => "assignment-created",
            Flash::AssignmentSaved => "assignment-saved",
            Flash::AssignmentDeleted => "assignment-deleted",
            Flash::WorkHandedIn => "work-handed-in",
            Flash::WorkGraded => "work-graded",
            Flash::CalendarReset => "calendar-reset",
        }
    }

    /// The translation key of the message.
    pub fn key(self) -> &'static str {
        match self {
            Flash::SignedOut => "flash-signed-out",
            Flash::PasswordChanged => "flash-password-changed",
            Flash::SetupDone => "flash-setup-done",
            Flash::AlreadySetUp => "flash-already-set-up",
            Flash::UserUpdated => "flash-user-updated",
            Flash::UserDeactivated => "flash-user-deactivated",
            Flash::UserReactivated => "flash-user-reactivated",
            Flash::UserDeleted => "flash-user-deleted",
            Flash::ProfileUpdated => "flash-profile-updated",
            Flash::AvatarUpdated => "flash-avatar-updated",
            Flash::CourseCreated => "flash-course-created",
            Flash::CourseSaved => "flash-course-saved",
            Flash::CoverUpdated => "flash-cover-updated",
            Flash::CoursePublished => "flash-course-published",
            Flash::CourseUnpublished => "flash-course-unpublished",
            Flash::CourseDeleted => "flash-course-deleted",
            Flash::SectionCreated => "flash-section-created",
            Flash::SectionSaved => "flash-section-saved",
            Flash::SectionDeleted => "flash-section-deleted",
            Flash::ContentCreated => "flash-content-created",
            Flash::ContentSaved => "flash-content-saved",
            Flash::ContentDeleted => "flash-content-deleted",
            Flash::ContentMoved => "flash-content-moved",
            Flash::OrderSaved => "flash-order-saved",
            Flash::FileUploaded => "flash-file-uploaded",
            Flash::CaptionsUploaded => "flash-captions-uploaded",
            Flash::CaptionsRemoved => "flash-captions-removed",
            Flash::QuestionCreated => "flash-question-created",
            Flash::QuestionSaved => "flash-question-saved",
            Flash::QuestionDeleted => "flash-question-deleted",
            Flash::Enrolled => "flash-enrolled",
            Flash::Waitlisted => "flash-waitlisted",
            Flash::Dropped => "flash-dropped",
            Flash::LeftWaitlist => "flash-left-waitlist",
            Flash::LessonCompleted => "flash-lesson-completed",
            Flash::NoteSaved => "flash-note-saved",
            Flash::NoteDeleted => "flash-note-deleted",
            Flash::AnswersSaved => "flash-answers-saved",
            Flash::AttemptSubmitted => "flash-attempt-submitted",
            Flash::EnrolmentUpdated => "flash-enrolment-updated",
            Flash::GradeSaved => "flash-grade-saved",
            Flash::AttendanceSaved => "flash-attendance-saved",
            Flash::SignedInToSession => "flash-signed-in-to-session",
            Flash::SignedOutOfSession => "flash-signed-out-of-session",
            Flash::AssignmentCreated => "flash-assignment-created",
            Flash::AssignmentSaved => "flash-assignment-saved",
            Flash::AssignmentDeleted => "flash-assignment-deleted",
            Flash::WorkHandedIn => "flash-work-handed-in",
            Flash::WorkGraded => "flash-work-graded",
            Flash::CalendarReset => "flash-calendar-reset",
        }
    }

    pub fn kind(self) -> FlashKind {
        match self {
            Flash::SignedOut | Flash::AlreadySetUp => FlashKind::Info,
            Flash::PasswordChanged
            | Flash::SetupDone
            | Flash::UserUpdated
            | Flash::UserDeactivated
            | Flash::UserReactivated
            | Flash::UserDeleted
            | Flash::ProfileUpdated
            | Flash::AvatarUpdated
            | Flash::CourseCreated
            | Flash::CourseSaved
            | Flash::CoverUpdated
            | Flash::CoursePublished
            | Flash::CourseUnpublished
            | Flash::CourseDeleted => FlashKind::Success,
            Flash::SectionCreated
            | Flash::SectionSaved
            | Flash::SectionDeleted
            | Flash::ContentCreated
            | Flash::ContentSaved
            | Flash::ContentDeleted
            | Flash::ContentMoved
            | Flash::OrderSaved
            | Flash::FileUploaded
            | Flash::CaptionsUploaded
            | Flash::CaptionsRemoved
            | Flash::QuestionCreated
            | Flash::QuestionSaved
            | Flash::QuestionDeleted => FlashKind::Success,
            Flash::Enrolled
            | Flash::Waitlisted
            | Flash::Dropped
            | Flash::LeftWaitlist
            | Flash::LessonCompleted
            | Flash::NoteSaved
            | Flash::NoteDeleted => FlashKind::Success,
            Flash::AnswersSaved
            | Flash::AttemptSubmitted
            | Flash::EnrolmentUpdated
            | Flash::GradeSaved => FlashKind::Success,
            Flash::AttendanceSaved | Flash::SignedInToSession | Flash::SignedOutOfSession => {
                FlashKind::Success
            }
            Flash::AssignmentCreated
            | Flash::AssignmentSaved
            | Flash::AssignmentDeleted
            | Flash::WorkHandedIn
            | Flash::WorkGraded => FlashKind::Success,
            Flash::CalendarReset => FlashKind::Success,
        }
    }

    /// `success` or `info`, for the `flash--*` class.
    pub fn class(self) -> &'static str {
        match self.kind() {
            FlashKind::Success => "success",
            FlashKind::Info => "info",
        }
    }

    /// The translation key of the message's title ("Success:", "Note:").
    pub fn title_key(self) -> &'static str {
        match self.kind() {
            FlashKind::Success => "flash-title-success",
            FlashKind::Info => "flash-title-info",
        }
    }

    pub fn read(headers: &HeaderMap) -> Option<Flash> {
        let code = cookies::read(headers, FLASH_COOKIE)?;
        Flash::ALL.into_iter().find(|f| f.code() == code)
    }

    fn cookie(self, secure: bool) -> Cookie<'static> {
        cookies::build(FLASH_COOKIE, self.code().to_owned(), 60, secure)
    }

    pub fn clear(secure: bool) -> Cookie<'static> {
        cookies::build(FLASH_COOKIE, String::new(), 0, secure)
    }
}

/// A `303 See Other` to `to`, showing `flash` on the next page.
pub fn redirect_with(to: &str, flash: Flash, secure: bool) -> Response {
    let mut response = Redirect::to(to).into_response();
    cookies::set(&mut response, &flash.cookie(secure));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_translated() {
        for flash in Flash::ALL {
            for locale in crate::web::i18n::Locale::ALL {
                assert_ne!(locale.t(flash.key()), flash.key());
                assert_ne!(locale.t(flash.title_key()), flash.title_key());
            }
        }
    }
}
