//! The seed's hooks and instance methods on `users`.

use courseworx::db::entities::users;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};

use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

#[tokio::test]
async fn passwords_are_stored_as_bcrypt_hashes() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let user = UserBuilder::trainee().create(&app).await;
    let stored = users::Entity::find_by_id(user.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.password.starts_with("$2b$04$"),
        "{}",
        stored.password
    );
    assert!(!stored.password.contains("secret123"));
    assert!(stored.compare_password("secret123").await);
    assert!(!stored.compare_password("secret124").await);
    assert_eq!(stored.full_name(), "Test User");
    // The seed's defaults.
    assert_eq!(stored.is_active, Some(true));
    assert_eq!(stored.requires_password_change, Some(false));
}

/// Hashing is the services' work, before a transaction opens: the entity hook only stamps
/// keys and times, and stores what `db` is given (always an `auth::password::PasswordHash`).
#[tokio::test]
async fn the_hook_stamps_but_never_hashes() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let user = UserBuilder::trainee().create(&app).await;
    let hash = app.user_row(user.id).await.password;

    let mut edit = app.user_row(user.id).await.into_active_model();
    edit.first_name = Set("Renamed".into());
    let renamed = edit.update(db).await.unwrap();
    assert_eq!(renamed.password, hash, "an edit keeps the hash");
    assert!(renamed.updated_at >= user.updated_at);
    assert_eq!(renamed.created_at, user.created_at);

    let new_hash = courseworx::auth::password::hash("new-secret")
        .await
        .unwrap();
    let changed = courseworx::db::users::set_password(db, user.id, &new_hash, false)
        .await
        .unwrap();
    assert_eq!(changed.id, user.id);
    let stored = users::Entity::find_by_id(user.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.password,
        new_hash.as_str(),
        "stored as given, not hashed again"
    );
    assert!(stored.compare_password("new-secret").await);
    assert!(!stored.compare_password("secret123").await);
}

#[tokio::test]
async fn keys_are_time_ordered_uuids() {
    let app = TestApp::spawn().await;
    let a = UserBuilder::trainee().create(&app).await;
    let b = UserBuilder::trainee().create(&app).await;
    assert_eq!(a.id.get_version_num(), 7);
    assert!(a.id < b.id);
}

/// The fixtures' builders store what they are told, and their defaults otherwise.
#[tokio::test]
async fn the_builders_store_what_they_are_told() {
    use courseworx::db::entities::enums::ContentType;
    use courseworx::domain::user::Role;

    use crate::fixtures::{ContentBuilder, CourseBuilder, PASSWORD};

    let app = TestApp::spawn().await;
    let plain = UserBuilder::trainee().create(&app).await;
    assert_eq!(plain.role, Role::Trainee);
    assert_eq!(plain.full_name(), "Test User");
    assert!(plain.email.starts_with("user-") && plain.email.ends_with("@example.com"));
    assert!(plain.is_active && !plain.requires_password_change);
    assert_eq!(plain.phone, None);
    assert!(
        app.user_row(plain.id)
            .await
            .compare_password(PASSWORD)
            .await
    );

    let trainer = UserBuilder::trainer()
        .named("Rania", "Haddad")
        .phone("+961 1 234")
        .inactive()
        .must_change_password()
        .create(&app)
        .await;
    assert_eq!(trainer.role, Role::Trainer);
    assert_eq!(trainer.full_name(), "Rania Haddad");
    assert!(
        trainer.email.starts_with("rania.haddad-"),
        "{}",
        trainer.email
    );
    assert_eq!(trainer.phone.as_deref(), Some("+961 1 234"));
    assert!(!trainer.is_active && trainer.requires_password_change);
    let row = app.user_row(trainer.id).await;
    assert_eq!(row.is_active, Some(false));
    assert_eq!(row.requires_password_change, Some(true));

    let admin = UserBuilder::super_admin()
        .email("boss@example.com")
        .create(&app)
        .await;
    assert_eq!(admin.role, Role::SuperAdmin);
    assert_eq!(admin.email, "boss@example.com");

    let course = CourseBuilder::new(&trainer)
        .title("Fire drills")
        .published()
        .create(&app)
        .await;
    assert_eq!(course.trainer_id, trainer.id);
    assert_eq!(course.title, "Fire drills");
    assert_eq!(course.is_published, Some(true));
    let content = ContentBuilder::new(&course)
        .title("Evacuation map")
        .kind(ContentType::Document)
        .create(&app)
        .await;
    assert_eq!(content.course_id, course.id);
    assert_eq!(content.title, "Evacuation map");
    assert_eq!(content.r#type, ContentType::Document);
}
