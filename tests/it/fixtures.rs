//! Rows with sensible defaults, so a test states only what it checks.

use courseworx::db::entities::enums::{ContentType, Role};
use courseworx::db::entities::{course_contents, courses, users};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ConnectionTrait};

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

pub async fn user(db: &impl ConnectionTrait, role: Role) -> users::Model {
    let n = uuid::Uuid::new_v4().simple().to_string();
    users::ActiveModel {
        first_name: Set("Test".into()),
        last_name: Set("User".into()),
        email: Set(format!("user-{n}@example.com")),
        password: Set(password_hash().await),
        role: Set(role),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert user")
}

/// A user with these names; the email is made from them (and kept unique).
pub async fn person(
    db: &impl ConnectionTrait,
    role: Role,
    first: &str,
    last: &str,
) -> users::Model {
    let n = &uuid::Uuid::new_v4().simple().to_string()[..8];
    users::ActiveModel {
        first_name: Set(first.into()),
        last_name: Set(last.into()),
        email: Set(format!("{}.{}-{n}@example.com", first, last).to_lowercase()),
        password: Set(password_hash().await),
        role: Set(role),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert user")
}

pub async fn course(db: &impl ConnectionTrait, trainer: &users::Model) -> courses::Model {
    courses::ActiveModel {
        trainer_id: Set(trainer.id),
        title: Set("Safety basics".into()),
        description: Set("What every new starter needs.".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert course")
}

pub async fn content(db: &impl ConnectionTrait, course: &courses::Model) -> course_contents::Model {
    course_contents::ActiveModel {
        course_id: Set(course.id),
        title: Set("Welcome".into()),
        r#type: Set(ContentType::Article),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert content")
}
