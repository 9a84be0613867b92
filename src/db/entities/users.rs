//! `users`: accounts of all three roles.

use sea_orm::entity::prelude::*;

use super::enums::Role;
use crate::auth::password;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users", rename_all = "camelCase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    #[sea_orm(unique)]
    pub email: String,
    /// A bcrypt hash, never the clear password (see the `before_save` hook).
    pub password: String,
    pub role: Role,
    pub phone: Option<String>,
    pub avatar: Option<String>,
    pub is_active: Option<bool>,
    pub last_login: Option<DateTimeUtc>,
    pub requires_password_change: Option<bool>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl Model {
    /// The seed's `comparePassword`: bcrypt verification, off the async runtime.
    pub async fn compare_password(&self, candidate: &str) -> bool {
        password::verify(candidate, &self.password).await
    }

    /// The seed's `getFullName`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::courses::Entity")]
    Courses,
    #[sea_orm(has_many = "super::enrollments::Entity")]
    Enrollments,
    #[sea_orm(has_many = "super::assignments::Entity")]
    Assignments,
    #[sea_orm(has_many = "super::attendance::Entity")]
    Attendance,
    #[sea_orm(has_many = "super::lesson_completions::Entity")]
    LessonCompletions,
    #[sea_orm(has_many = "super::user_notes::Entity")]
    UserNotes,
}

impl Related<super::courses::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Courses.def()
    }
}
impl Related<super::enrollments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrollments.def()
    }
}
impl Related<super::assignments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Assignments.def()
    }
}
impl Related<super::attendance::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attendance.def()
    }
}
impl Related<super::lesson_completions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LessonCompletions.def()
    }
}
impl Related<super::user_notes::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserNotes.def()
    }
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// The seed's `beforeCreate`/`beforeUpdate` hooks set the key and the timestamps here.
    /// Its password hashing is not a hook: services hash before a transaction opens, and
    /// the `db` functions take only an `auth::password::PasswordHash`.
    async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
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

impl From<Model> for crate::domain::user::User {
    fn from(m: Model) -> Self {
        crate::domain::user::User {
            id: m.id,
            first_name: m.first_name,
            last_name: m.last_name,
            email: m.email,
            role: m.role.into(),
            phone: m.phone,
            avatar: m.avatar,
            // NULL means the seed's default.
            is_active: m.is_active.unwrap_or(true),
            last_login: m.last_login,
            requires_password_change: m.requires_password_change.unwrap_or(false),
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}
