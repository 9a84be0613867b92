//! The platform never loses its last active super admin: two super admins demoting,
//! deactivating or deleting each other at the same moment cannot both succeed.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{TestApp, TestResponse};

async fn active_super_admins(app: &TestApp) -> u64 {
    users::Entity::find()
        .filter(users::Column::Role.eq(Role::SuperAdmin))
        .filter(users::Column::IsActive.eq(true))
        .count(app.db())
        .await
        .unwrap()
}

/// What one admin does to the other.
#[derive(Clone, Copy, Debug)]
enum Removal {
    Demote,
    Deactivate,
    Delete,
}

async fn remove(app: &TestApp, token: &str, id: uuid::Uuid, how: Removal) -> TestResponse {
    let uri = format!("/api/users/{id}");
    match how {
        Removal::Demote => {
            app.send(
                Method::PUT,
                &uri,
                Some(token),
                Some(json!({"role": "trainer"})),
            )
            .await
        }
        Removal::Deactivate => {
            app.send(
                Method::PUT,
                &uri,
                Some(token),
                Some(json!({"isActive": false})),
            )
            .await
        }
        Removal::Delete => app.send(Method::DELETE, &uri, Some(token), None).await,
    }
}

#[tokio::test]
async fn two_admins_removing_each_other_at_once_leave_one() {
    let app = TestApp::spawn().await;
    for round in 0..8 {
        for how in [Removal::Demote, Removal::Deactivate, Removal::Delete] {
            // Only the two of them: every other super admin is a trainer by now.
            users::Entity::update_many()
                .col_expr(
                    users::Column::Role,
                    users::Column::Role.save_as(sea_orm::prelude::Expr::val(Role::Trainer)),
                )
                .filter(users::Column::Role.eq(Role::SuperAdmin))
                .exec(app.db())
                .await
                .unwrap();
            let (a, token_a) = app.signed_in(Role::SuperAdmin).await;
            let (b, token_b) = app.signed_in(Role::SuperAdmin).await;
            let (ra, rb) = tokio::join!(
                remove(&app, &token_a, b.id, how),
                remove(&app, &token_b, a.id, how)
            );
            let ok = [&ra, &rb].iter().filter(|r| r.status.is_success()).count();
            assert_eq!(ok, 1, "round {round} {how:?}: {} / {}", ra.text, rb.text);
            let refused = if ra.status.is_success() { &rb } else { &ra };
            assert!(
                [
                    StatusCode::CONFLICT,
                    StatusCode::FORBIDDEN,
                    StatusCode::UNAUTHORIZED
                ]
                .contains(&refused.status),
                "round {round} {how:?}: {}",
                refused.text
            );
            assert_eq!(active_super_admins(&app).await, 1, "round {round} {how:?}");
        }
    }
}

#[tokio::test]
async fn the_last_admin_is_kept_with_a_clear_answer() {
    let app = TestApp::spawn().await;
    let (a, token_a) = app.signed_in(Role::SuperAdmin).await;
    let (b, _) = app.signed_in(Role::SuperAdmin).await;
    // b is deactivated first: a is the last active one, and a's own change is refused as
    // before; a stale session of b cannot act any more.
    let res = remove(&app, &token_a, b.id, Removal::Deactivate).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = remove(&app, &token_a, a.id, Removal::Demote).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(active_super_admins(&app).await, 1);
    // Demoting an inactive super admin takes nothing away.
    let res = remove(&app, &token_a, b.id, Removal::Demote).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}
