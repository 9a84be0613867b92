//! Who may do what with a course and everything it owns (sections, contents, questions,
//! files).
//!
//! The database read that finds a course also reads the caller's standing towards it
//! (`Standing`), in the same query. `course` turns that into a `CourseGrant` or a refusal.
//! The `db` functions that write course-owned rows take the grant, and scope every write to
//! the grant's course, so a handler that forgets the check does not compile, and one that
//! checks course A cannot write into course B.

use uuid::Uuid;

use super::{Actor, Denied};
use crate::domain::user::Role;

/// An enrolment's state, as the policy needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolmentState {
    Enrolled,
    Completed,
    Dropped,
    Suspended,
}

/// The caller's relation to one course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Anonymous, or signed in with no enrolment (nor ownership) on this course.
    Stranger,
    Enrolled(EnrolmentState),
    /// The course's trainer (`trainerId`).
    Owner,
    SuperAdmin,
}

impl Standing {
    /// Decides the standing from what the query read: a super admin is one on every course;
    /// then ownership; then the enrolment, if any.
    pub fn of(actor: Option<&Actor>, trainer_id: Uuid, enrolment: Option<EnrolmentState>) -> Self {
        match actor {
            None => Standing::Stranger,
            Some(a) if a.role == Role::SuperAdmin => Standing::SuperAdmin,
            Some(a) if a.id == trainer_id => Standing::Owner,
            Some(_) => enrolment.map_or(Standing::Stranger, Standing::Enrolled),
        }
    }

    /// The course's trainer or a super admin: sees its drafts and its trainees' work.
    pub fn manages(self) -> bool {
        matches!(self, Standing::Owner | Standing::SuperAdmin)
    }

    /// Enrolled and not dropped or suspended: may open the course's published material.
    fn learns(self) -> bool {
        matches!(
            self,
            Standing::Enrolled(EnrolmentState::Enrolled | EnrolmentState::Completed)
        )
    }
}

/// What the policy needs to know about a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseFacts {
    pub id: Uuid,
    pub is_published: bool,
    pub standing: Standing,
}

/// What may be done to a course and the things it owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseAction {
    /// The course page, its outline, its thumbnail.
    View,
    /// The trainer's view: drafts, unpublished items, correct answers.
    ViewAsAuthor,
    Update,
    Delete,
    Publish,
    Unpublish,
    /// Featured in the catalogue: the platform's choice, not the trainer's.
    Feature,
    /// Giving the course to another trainer.
    Transfer,
    /// Creating, changing, ordering or deleting sections, contents, questions and files.
    Author,
    /// Opening the course's published material: contents, articles, quizzes, files.
    Learn,
    /// Recording one's own learning: completing lessons, attempting quizzes, keeping
    /// notes. For an active enrolment only (not the trainer: their progress means nothing).
    Study,
    /// The trainer's side of learning: the roster, enrolling others, changing an
    /// enrolment, seeing a trainee's progress and attempts, grading.
    Teach,
}

/// Why a course action was refused: either the course is not there for this caller (404:
/// an unpublished course does not leak its existence) or it is, and the answer is no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseRefusal {
    Hidden,
    Denied(Denied),
}

/// Proof that the policy allowed an action on one course. Only this module makes one (the
/// field is private), and the `db` functions that write course-owned rows take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseGrant {
    course_id: Uuid,
}

impl CourseGrant {
    pub fn course_id(&self) -> Uuid {
        self.course_id
    }
}

/// The rule, in one place:
/// - an unpublished course is hidden from all but its trainer and super admins;
/// - anyone may view a published one;
/// - the trainer and super admins author, update, publish and delete;
/// - only super admins feature a course or give it to another trainer;
/// - the published material (contents, files) opens to the course's learners too.
pub fn course(facts: &CourseFacts, action: CourseAction) -> Result<CourseGrant, CourseRefusal> {
    let standing = facts.standing;
    if !facts.is_published && !standing.manages() {
        return Err(CourseRefusal::Hidden);
    }
    let allowed = match action {
        CourseAction::View => Ok(()),
        CourseAction::ViewAsAuthor
        | CourseAction::Update
        | CourseAction::Delete
        | CourseAction::Publish
        | CourseAction::Unpublish
        | CourseAction::Author
        | CourseAction::Teach => {
            if standing.manages() {
                Ok(())
            } else {
                Err(Denied::NotCourseTrainer)
            }
        }
        CourseAction::Feature | CourseAction::Transfer => {
            if standing == Standing::SuperAdmin {
                Ok(())
            } else if standing.manages() {
                Err(Denied::FeatureIsSuperAdmins)
            } else {
                Err(Denied::NotCourseTrainer)
            }
        }
        CourseAction::Study => match standing {
            s if s.learns() => Ok(()),
            Standing::Enrolled(EnrolmentState::Suspended) => Err(Denied::EnrolmentSuspended),
            Standing::Owner | Standing::SuperAdmin => Err(Denied::OnlyTrainees),
            _ => Err(Denied::NotEnrolled),
        },
        CourseAction::Learn => {
            if standing.manages() || standing.learns() {
                Ok(())
            } else {
                Err(Denied::NotEnrolled)
            }
        }
    };
    allowed.map_err(CourseRefusal::Denied)?;
    Ok(CourseGrant {
        course_id: facts.id,
    })
}

/// Enrolling oneself: a trainee, in a published course, unless their enrolment there is
/// suspended (dropping and re-enrolling must not lift a suspension). Whether they are
/// already enrolled, or the course has ended or is full, is the service's business: those
/// are states, not permissions.
pub fn enrol_self(actor: &Actor, facts: &CourseFacts) -> Result<CourseGrant, CourseRefusal> {
    if !facts.is_published && !facts.standing.manages() {
        return Err(CourseRefusal::Hidden);
    }
    if actor.role != Role::Trainee {
        return Err(CourseRefusal::Denied(Denied::OnlyTrainees));
    }
    if facts.standing == Standing::Enrolled(EnrolmentState::Suspended) {
        return Err(CourseRefusal::Denied(Denied::EnrolmentSuspended));
    }
    Ok(CourseGrant {
        course_id: facts.id,
    })
}

/// A grant for what the application does by itself, on no one's request: housekeeping
/// (submitting expired attempts) and printing a certificate its holder asked for (the
/// holder's claim is checked on the certificate, not on the course). Never from a
/// request's standing.
pub fn for_the_system(course_id: Uuid) -> CourseGrant {
    CourseGrant { course_id }
}

/// Creating a course: trainers (who become its trainer) and super admins.
pub fn create_course(actor: &Actor) -> Result<(), Denied> {
    match actor.role {
        Role::Trainer | Role::SuperAdmin => Ok(()),
        Role::Trainee => Err(Denied::NotTrainer),
    }
}

/// Which courses a list may show, applied inside the SQL (never by filtering after the
/// fetch, which would break the page counts and leak timing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseScope {
    /// Every course, published or not (super admins).
    All,
    /// Published courses (visitors, trainees, and trainers browsing the catalogue).
    Published,
    /// One trainer's own courses, published or not (`?mine=true`).
    OwnedBy(Uuid),
}

/// The scope of the catalogue for a caller; `mine` asks for the caller's own courses.
pub fn catalogue_scope(actor: Option<&Actor>, mine: bool) -> CourseScope {
    match actor {
        Some(a) if mine => CourseScope::OwnedBy(a.id),
        Some(a) if a.role == Role::SuperAdmin => CourseScope::All,
        _ => CourseScope::Published,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [CourseAction; 12] = [
        CourseAction::View,
        CourseAction::ViewAsAuthor,
        CourseAction::Update,
        CourseAction::Delete,
        CourseAction::Publish,
        CourseAction::Unpublish,
        CourseAction::Feature,
        CourseAction::Transfer,
        CourseAction::Author,
        CourseAction::Learn,
        CourseAction::Teach,
        CourseAction::Study,
    ];

    fn facts(published: bool, standing: Standing) -> CourseFacts {
        CourseFacts {
            id: Uuid::now_v7(),
            is_published: published,
            standing,
        }
    }

    #[test]
    fn an_unpublished_course_is_hidden_from_all_but_its_managers() {
        for standing in [
            Standing::Stranger,
            Standing::Enrolled(EnrolmentState::Enrolled),
            Standing::Enrolled(EnrolmentState::Completed),
        ] {
            for action in ACTIONS {
                assert_eq!(
                    course(&facts(false, standing), action),
                    Err(CourseRefusal::Hidden),
                    "{standing:?} {action:?}"
                );
            }
        }
        assert!(course(&facts(false, Standing::Owner), CourseAction::Author).is_ok());
        assert!(course(&facts(false, Standing::SuperAdmin), CourseAction::View).is_ok());
    }

    #[test]
    fn only_super_admins_feature_or_transfer() {
        for action in [CourseAction::Feature, CourseAction::Transfer] {
            assert!(course(&facts(true, Standing::SuperAdmin), action).is_ok());
            assert_eq!(
                course(&facts(true, Standing::Owner), action),
                Err(CourseRefusal::Denied(Denied::FeatureIsSuperAdmins))
            );
            assert_eq!(
                course(&facts(true, Standing::Stranger), action),
                Err(CourseRefusal::Denied(Denied::NotCourseTrainer))
            );
        }
    }

    #[test]
    fn only_trainees_enrol_themselves_and_a_suspension_sticks() {
        let trainee = Actor {
            id: Uuid::now_v7(),
            role: Role::Trainee,
        };
        let trainer = Actor {
            id: Uuid::now_v7(),
            role: Role::Trainer,
        };
        assert!(enrol_self(&trainee, &facts(true, Standing::Stranger)).is_ok());
        assert!(
            enrol_self(
                &trainee,
                &facts(true, Standing::Enrolled(EnrolmentState::Dropped))
            )
            .is_ok()
        );
        assert_eq!(
            enrol_self(
                &trainee,
                &facts(true, Standing::Enrolled(EnrolmentState::Suspended))
            ),
            Err(CourseRefusal::Denied(Denied::EnrolmentSuspended))
        );
        assert_eq!(
            enrol_self(&trainee, &facts(false, Standing::Stranger)),
            Err(CourseRefusal::Hidden)
        );
        assert_eq!(
            enrol_self(&trainer, &facts(true, Standing::Stranger)),
            Err(CourseRefusal::Denied(Denied::OnlyTrainees))
        );
        assert!(course(&facts(true, Standing::Owner), CourseAction::Teach).is_ok());
        assert!(
            course(
                &facts(true, Standing::Enrolled(EnrolmentState::Enrolled)),
                CourseAction::Teach
            )
            .is_err()
        );
    }

    #[test]
    fn learners_read_files_but_never_author() {
        let learner = facts(true, Standing::Enrolled(EnrolmentState::Enrolled));
        assert!(course(&learner, CourseAction::Learn).is_ok());
        assert!(course(&learner, CourseAction::View).is_ok());
        assert!(course(&learner, CourseAction::Author).is_err());
        assert!(course(&learner, CourseAction::ViewAsAuthor).is_err());
        for gone in [EnrolmentState::Dropped, EnrolmentState::Suspended] {
            let f = facts(true, Standing::Enrolled(gone));
            assert_eq!(
                course(&f, CourseAction::Learn),
                Err(CourseRefusal::Denied(Denied::NotEnrolled))
            );
        }
        assert!(course(&facts(true, Standing::Stranger), CourseAction::Learn).is_err());
    }

    #[test]
    fn the_grant_names_the_course_it_was_given_for() {
        let f = facts(true, Standing::Owner);
        assert_eq!(course(&f, CourseAction::Author).unwrap().course_id(), f.id);
    }

    #[test]
    fn standing_puts_super_admins_first_then_owners_then_enrolments() {
        let trainer = Uuid::now_v7();
        let admin = Actor {
            id: trainer,
            role: Role::SuperAdmin,
        };
        assert_eq!(
            Standing::of(Some(&admin), trainer, None),
            Standing::SuperAdmin
        );
        let owner = Actor {
            id: trainer,
            role: Role::Trainer,
        };
        assert_eq!(Standing::of(Some(&owner), trainer, None), Standing::Owner);
        let trainee = Actor {
            id: Uuid::now_v7(),
            role: Role::Trainee,
        };
        assert_eq!(
            Standing::of(Some(&trainee), trainer, Some(EnrolmentState::Dropped)),
            Standing::Enrolled(EnrolmentState::Dropped)
        );
        assert_eq!(Standing::of(None, trainer, None), Standing::Stranger);
    }

    #[test]
    fn the_catalogue_scope_follows_the_role() {
        let id = Uuid::now_v7();
        let who = |role| Actor { id, role };
        assert_eq!(catalogue_scope(None, true), CourseScope::Published);
        assert_eq!(
            catalogue_scope(Some(&who(Role::Trainee)), false),
            CourseScope::Published
        );
        assert_eq!(
            catalogue_scope(Some(&who(Role::Trainer)), true),
            CourseScope::OwnedBy(id)
        );
        assert_eq!(
            catalogue_scope(Some(&who(Role::SuperAdmin)), false),
            CourseScope::All
        );
        assert!(create_course(&who(Role::Trainee)).is_err());
        assert!(create_course(&who(Role::Trainer)).is_ok());
    }
}
