//! SQLite's writers wait for their turn without holding the pool's connections, so reads go
//! on while a write transaction runs and others queue behind it (`db::handle`).
//! On PostgreSQL the same requests simply run side by side.

use std::time::Duration;

use axum::http::Method;
use courseworx::domain::user::Role;

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::helpers::TestApp;

#[tokio::test]
async fn a_read_is_answered_while_writers_wait_for_their_turn() {
    // Two connections: one for the open write, one left for everyone else.
    let app = TestApp::spawn_with(|c| c.database.pool_max = 2).await;
    let (_, token) = app.signed_in(Role::Trainee).await;
    let other = UserBuilder::trainee().create(&app).await;

    // A long write transaction, open while the rest happens.
    let open = courseworx::db::begin_write(app.db()).await.unwrap();
    // A sign-in writes (its guess, the session): it must wait for the open write.
    let sign_in = app.login_response(&other.email, PASSWORD);
    let read_meanwhile = async {
        // Lets the sign-in reach its wait (no figure is checked on this pause).
        tokio::time::sleep(Duration::from_millis(300)).await;
        let me = tokio::time::timeout(
            Duration::from_secs(3),
            app.send(Method::GET, "/api/auth/me", Some(&token), None),
        )
        .await;
        open.commit().await.unwrap();
        me
    };
    let (signed_in, me) = tokio::join!(sign_in, read_meanwhile);

    let me =
        me.expect("the read waited for the writers: a waiting writer held the last connection");
    assert_eq!(me.status, 200, "{}", me.text);
    assert_eq!(signed_in.status, 200, "{}", signed_in.text);
}
