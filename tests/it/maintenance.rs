//! Housekeeping removes dead sessions and stale sign-in counts, and nothing alive.

use chrono::{Duration, Utc};
use courseworx::db::entities::{login_throttles, sessions};
use courseworx::services::maintenance;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait};

use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_sweep_removes_only_dead_rows() {
    let app = TestApp::spawn().await;
    let db = app.db();
    let user = UserBuilder::trainee().create(&app).await;
    let now = Utc::now();
    let session = |expires: chrono::DateTime<Utc>, revoked: Option<chrono::DateTime<Utc>>| {
        sessions::ActiveModel {
            user_id: Set(user.id),
            expires_at: Set(expires),
            revoked_at: Set(revoked),
            ..Default::default()
        }
    };
    let alive = session(now + Duration::hours(1), None)
        .insert(db)
        .await
        .unwrap();
    let just_ended = session(now - Duration::hours(1), None)
        .insert(db)
        .await
        .unwrap();
    session(now - Duration::days(2), None)
        .insert(db)
        .await
        .unwrap();
    session(now + Duration::hours(1), Some(now - Duration::days(3)))
        .insert(db)
        .await
        .unwrap();
    let throttle =
        |key: &str, start: chrono::DateTime<Utc>, locked: Option<chrono::DateTime<Utc>>| {
            login_throttles::ActiveModel {
                key: Set(key.to_owned()),
                failures: Set(3),
                in_flight: Set(0),
                window_start: Set(start),
                locked_until: Set(locked),
                created_at: Set(start),
                updated_at: Set(start),
            }
        };
    throttle("email:fresh", now, None).insert(db).await.unwrap();
    throttle("email:old", now - Duration::hours(1), None)
        .insert(db)
        .await
        .unwrap();
    throttle(
        "email:locked",
        now - Duration::hours(1),
        Some(now + Duration::minutes(5)),
    )
    .insert(db)
    .await
    .unwrap();

    let swept = maintenance::sweep(db).await.unwrap();
    assert_eq!((swept.sessions, swept.login_throttles), (2, 1));
    let left: Vec<_> = sessions::Entity::find().all(db).await.unwrap();
    let mut ids: Vec<_> = left.iter().map(|s| s.id).collect();
    ids.sort();
    let mut want = vec![alive.id, just_ended.id];
    want.sort();
    assert_eq!(ids, want);
    let mut keys: Vec<String> = login_throttles::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.key)
        .collect();
    keys.sort();
    assert_eq!(keys, ["email:fresh", "email:locked"]);
}
