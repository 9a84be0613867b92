//! The seed's hooks and instance methods on `users`.

use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};

use crate::fixtures;
use crate::helpers::TestApp;

#[tokio::test]
async fn passwords_are_stored_as_bcrypt_hashes() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let user = fixtures::user(db, Role::Trainee).await;
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
    let user = fixtures::user(db, Role::Trainee).await;
    let hash = user.password.clone();

    let mut edit = user.clone().into_active_model();
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
    let db = app.db();
    let a = fixtures::user(db, Role::Trainee).await;
    let b = fixtures::user(db, Role::Trainee).await;
    assert_eq!(a.id.get_version_num(), 7);
    assert!(a.id < b.id);
}
