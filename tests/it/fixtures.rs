//! Builders with sensible defaults, so a test states only what it checks:
//! `UserBuilder::trainer().inactive().create(&app)` is an inactive trainer named
//! "Test User" with a unique email and the password `PASSWORD`.
//!
//! Users come back as the domain `User` (never the password hash); a test that needs the
//! stored row reads it (`users::Entity::find_by_id`). Courses and contents come back as
//! entity models: no domain type exists for them yet.

use courseworx::db::entities::enums::ContentType;
use courseworx::db::entities::{course_contents, courses, users};
use courseworx::domain::user::{Role, User};
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{NotSet, Set};

use crate::helpers::TestApp;

/// The password of every fixture user.
pub const PASSWORD: &str = "secret123";

/// `PASSWORD`'s hash, made once (services hash; `db` stores only hashes).
pub async fn password_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        courseworx::auth::password::hash(PASSWORD)
            .await
            .expect("hash")
            .as_str()
            .to_owned()
    })
    .await
    .clone()
}

/// A user to insert. Unset, `is_active` and `requires_password_change` keep the
/// database's defaults (active, no change required).
#[must_use = "a builder inserts nothing until `create`"]
#[derive(Clone, Debug)]
pub struct UserBuilder {
    role: Role,
    names: Option<(String, String)>,
    email: Option<String>,
    phone: Option<String>,
    active: Option<bool>,
    must_change_password: Option<bool>,
}

impl UserBuilder {
    /// A user of this role (the domain `Role` or the entity's).
    pub fn role(role: impl Into<Role>) -> UserBuilder {
        UserBuilder {
            role: role.into(),
            names: None,
            email: None,
            phone: None,
            active: None,
            must_change_password: None,
        }
    }

    pub fn trainee() -> UserBuilder {
        Self::role(Role::Trainee)
    }

    pub fn trainer() -> UserBuilder {
        Self::role(Role::Trainer)
    }

    pub fn super_admin() -> UserBuilder {
        Self::role(Role::SuperAdmin)
    }

    /// These names; unless `email` is given, the email is made from them (and kept unique):
    /// `first.last-1a2b3c4d@example.com`.
    pub fn named(mut self, first: &str, last: &str) -> UserBuilder {
        self.names = Some((first.into(), last.into()));
        self
    }

    /// This email, stored as given.
    pub fn email(mut self, email: &str) -> UserBuilder {
        self.email = Some(email.into());
        self
    }

    pub fn phone(mut self, phone: &str) -> UserBuilder {
        self.phone = Some(phone.into());
        self
    }

    /// A deactivated account.
    pub fn inactive(mut self) -> UserBuilder {
        self.active = Some(false);
        self
    }

    /// An account that must change its password before anything else.
    pub fn must_change_password(mut self) -> UserBuilder {
        self.must_change_password = Some(true);
        self
    }

    pub async fn create(self, app: &TestApp) -> User {
        let email = match (&self.email, &self.names) {
            (Some(email), _) => email.clone(),
            (None, Some((first, last))) => {
                let n = &uuid::Uuid::new_v4().simple().to_string()[..8];
                format!("{first}.{last}-{n}@example.com").to_lowercase()
            }
            (None, None) => format!("user-{}@example.com", uuid::Uuid::new_v4().simple()),
        };
        let (first, last) = self.names.unwrap_or_else(|| ("Test".into(), "User".into()));
        users::ActiveModel {
            first_name: Set(first),
            last_name: Set(last),
            email: Set(email),
            password: Set(password_hash().await),
            role: Set(self.role.into()),
            phone: self.phone.map_or(NotSet, |p| Set(Some(p))),
            is_active: self.active.map_or(NotSet, |a| Set(Some(a))),
            requires_password_change: self.must_change_password.map_or(NotSet, |m| Set(Some(m))),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .expect("insert user")
        .into()
    }
}

/// A course owned by a trainer: "Safety basics", unpublished unless `published`.
#[must_use = "a builder inserts nothing until `create`"]
#[derive(Clone, Debug)]
pub struct CourseBuilder {
    trainer_id: uuid::Uuid,
    title: String,
    published: Option<bool>,
}

impl CourseBuilder {
    pub fn new(trainer: &User) -> CourseBuilder {
        CourseBuilder {
            trainer_id: trainer.id,
            title: "Safety basics".into(),
            published: None,
        }
    }

    pub fn title(mut self, title: &str) -> CourseBuilder {
        self.title = title.into();
        self
    }

    pub fn published(mut self) -> CourseBuilder {
        self.published = Some(true);
        self
    }

    /// The entity model: courses have no domain type yet.
    pub async fn create(self, app: &TestApp) -> courses::Model {
        courses::ActiveModel {
            trainer_id: Set(self.trainer_id),
            title: Set(self.title),
            description: Set("What every new starter needs.".into()),
            is_published: self.published.map_or(NotSet, |p| Set(Some(p))),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .expect("insert course")
    }
}

/// An article in a course: "Welcome".
#[must_use = "a builder inserts nothing until `create`"]
#[derive(Clone, Debug)]
pub struct ContentBuilder {
    course_id: uuid::Uuid,
    title: String,
    kind: ContentType,
}

impl ContentBuilder {
    pub fn new(course: &courses::Model) -> ContentBuilder {
        ContentBuilder {
            course_id: course.id,
            title: "Welcome".into(),
            kind: ContentType::Article,
        }
    }

    pub fn title(mut self, title: &str) -> ContentBuilder {
        self.title = title.into();
        self
    }

    pub fn kind(mut self, kind: ContentType) -> ContentBuilder {
        self.kind = kind;
        self
    }

    /// The entity model: contents have no domain type yet.
    pub async fn create(self, app: &TestApp) -> course_contents::Model {
        course_contents::ActiveModel {
            course_id: Set(self.course_id),
            title: Set(self.title),
            r#type: Set(self.kind),
            ..Default::default()
        }
        .insert(app.db())
        .await
        .expect("insert content")
    }
}
