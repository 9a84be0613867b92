//! SeaORM entities for the seed's eleven tables. Column names are the seed's camelCase
//! (`rename_all`); fields the seed leaves nullable are `Option`. Nothing outside `db` uses
//! these types directly.

pub mod assignment_submissions;
pub mod assignments;
pub mod attendance;
pub mod calendar_feeds;
pub mod certificates;
pub mod content_positions;
pub mod course_contents;
pub mod course_sections;
pub mod course_settings;
pub mod course_stats;
pub mod course_waitlist;
pub mod courses;
pub mod enrollment_events;
pub mod enrollments;
pub mod enums;
pub mod jobs;
pub mod lesson_completions;
pub mod login_throttles;
pub mod quiz_answers;
pub mod quiz_attempts;
pub mod quiz_questions;
pub mod sessions;
pub mod settings;
pub mod submission_grade_events;
pub mod submission_versions;
pub mod tag_list;
pub mod user_notes;
pub mod user_preferences;
pub mod users;

use sea_orm::ActiveValue;
use sea_orm::prelude::{DateTimeUtc, Uuid};

/// What every table's `before_save` hook does, as Sequelize did for `createdAt`/`updatedAt`:
/// a time-ordered UUIDv7 key and `createdAt` on insert when the caller set none, and
/// `updatedAt` on every save.
pub(crate) fn stamp(
    insert: bool,
    id: &mut ActiveValue<Uuid>,
    created_at: &mut ActiveValue<DateTimeUtc>,
    updated_at: &mut ActiveValue<DateTimeUtc>,
) {
    let now = crate::clock::now();
    if insert {
        if id.is_not_set() {
            *id = ActiveValue::Set(Uuid::now_v7());
        }
        if created_at.is_not_set() {
            *created_at = ActiveValue::Set(now);
        }
    }
    if insert && updated_at.is_set() {
        return;
    }
    *updated_at = ActiveValue::Set(now);
}

/// The `before_save` every entity has: `stamp` on its `id`, `createdAt` and `updatedAt`.
/// Written once here rather than in each entity's file.
macro_rules! stamped {
    () => {
        #[async_trait::async_trait]
        impl sea_orm::ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, sea_orm::DbErr>
            where
                C: sea_orm::ConnectionTrait,
            {
                super::stamp(
                    insert,
                    &mut self.id,
                    &mut self.created_at,
                    &mut self.updated_at,
                );
                Ok(self)
            }
        }
    };
}
pub(crate) use stamped;
