//! Deactivate, reactivate, reset password and delete from the user's page: each behind a
//! confirmation (a dialog, or a page without JavaScript) and a form with its CSRF token.

use axum::http::StatusCode;
use courseworx::db::entities::users;
use courseworx::domain::user::User;
use sea_orm::EntityTrait;

use super::users::admin;
use super::{Browser, PASSWORD, csrf_in, location};
use crate::fixtures::{CourseBuilder, UserBuilder};
use crate::helpers::TestApp;

async fn stored(app: &TestApp, user: &User) -> Option<users::Model> {
    users::Entity::find_by_id(user.id)
        .one(app.db())
        .await
        .unwrap()
}

#[tokio::test]
async fn deactivation_is_confirmed_with_the_form_token_and_ends_the_session_at_once() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let nour = UserBuilder::trainee()
        .named("Nour", "Abdallah")
        .create(&app)
        .await;
    let mut trainee = Browser::new(&app);
    trainee.login(&nour.email, PASSWORD).await;
    assert_eq!(trainee.get("/").await.status, StatusCode::OK);

    // The user's page: a link that opens the dialog, or without JavaScript leads to the
    // confirmation page; the dialog holds the confirming form.
    let page = format!("/users/{}", nour.id);
    let confirm = format!("{page}/deactivate");
    let res = browser.get(&page).await;
    for needle in [
        format!(r#"id="deactivate-open" href="{confirm}" data-dialog-open="deactivate-dialog""#),
        r#"<dialog class="dialog dialog--danger" id="deactivate-dialog""#.to_owned(),
        format!(r#"id="deactivate-form" method="post" action="{confirm}""#),
        r#"id="deactivate-cancel" type="submit" formmethod="dialog""#.to_owned(),
        r#"id="deactivate-submit" type="submit">Deactivate</button>"#.to_owned(),
        "Deactivate Nour Abdallah?".to_owned(),
    ] {
        assert!(res.text.contains(&needle), "{needle}");
    }
    let res = browser.get(&confirm).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains(
        r#"<h1 class="dialog__title" id="deactivate-title">Deactivate Nour Abdallah?</h1>"#
    ));
    assert!(
        res.text
            .contains(&format!(r#"id="deactivate-cancel" href="{page}""#))
    );
    assert!(res.text.contains(r#"dialog--inline"#));
    // Opening the confirmation changes nothing.
    assert_eq!(stored(&app, &nour).await.unwrap().is_active, Some(true));

    // Without the token: refused.
    let res = browser.post(&confirm, &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(stored(&app, &nour).await.unwrap().is_active, Some(true));

    let res = browser.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), page);
    let res = browser.get(&page).await;
    assert!(
        res.text
            .contains("The account was deactivated and its sessions ended.")
    );
    assert!(res.text.contains(r#"id="user-status">Inactive</span>"#));
    assert!(res.text.contains(r#"id="reactivate-open""#));
    assert!(!res.text.contains(r#"id="deactivate-open""#));
    assert_eq!(stored(&app, &nour).await.unwrap().is_active, Some(false));

    // The trainee's cookie stopped working at once.
    let res = trainee.get("/").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login");
    assert!(
        trainee.cookie("cw_session").is_none(),
        "the stale cookie is cleared"
    );
    let res = trainee.login(&nour.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // Reactivated, the account signs in again.
    let confirm = format!("{page}/reactivate");
    let res = browser.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        browser
            .get(&page)
            .await
            .text
            .contains("The account was reactivated")
    );
    let res = trainee.login(&nour.email, PASSWORD).await;
    assert_eq!(location(&res), "/");
}

#[tokio::test]
async fn nobody_deactivates_or_deletes_their_own_account() {
    let app = TestApp::spawn().await;
    let (me, mut browser) = admin(&app).await;
    let page = format!("/users/{}", me.id);
    let home = browser.get(&page).await;
    assert!(home.text.contains("This is your own account"));
    let token = csrf_in(&home.text);
    for (action, message) in [
        (
            "deactivate",
            "You cannot deactivate your own account: ask another super admin.",
        ),
        (
            "delete",
            "You cannot delete your own account: ask another super admin.",
        ),
    ] {
        let res = browser
            .post(&format!("{page}/{action}"), &[("csrf", &token)])
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{action}");
        assert!(res.text.contains(message), "{action}: {}", res.text);
        assert!(
            res.text
                .contains(r#"class="flash flash--error" id="user-notice" role="alert""#)
        );
        assert!(
            res.text.contains("<h1>Samira Haddad</h1>"),
            "on the user's page"
        );
    }
    let me = stored(&app, &me).await.expect("still there");
    assert_eq!(me.is_active, Some(true));
    assert_eq!(
        browser.get("/").await.status,
        StatusCode::OK,
        "still signed in"
    );
}

#[tokio::test]
async fn a_password_reset_shows_the_new_temporary_password_once() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let omar = UserBuilder::trainer()
        .named("Omar", "Khalil")
        .create(&app)
        .await;
    let mut trainer = Browser::new(&app);
    trainer.login(&omar.email, PASSWORD).await;

    let confirm = format!("/users/{}/reset-password", omar.id);
    let res = browser.get(&confirm).await;
    assert!(res.text.contains("Reset the password of Omar Khalil?"));
    let res = browser.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(res.text.contains("The password of Omar Khalil was reset"));
    let start = res
        .text
        .find(r#"id="temporary-password" dir="ltr">"#)
        .unwrap()
        + r#"id="temporary-password" dir="ltr">"#.len();
    let secret = res.text[start..].split('<').next().unwrap().to_owned();
    assert!(
        !browser
            .get(&format!("/users/{}", omar.id))
            .await
            .text
            .contains(&secret)
    );

    // Signed out everywhere; the old password is gone, the new one forces a change.
    assert_eq!(trainer.get("/").await.status, StatusCode::SEE_OTHER);
    let res = Browser::new(&app).login(&omar.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let res = Browser::new(&app).login(&omar.email, &secret).await;
    assert_eq!(location(&res), "/password");
}

#[tokio::test]
async fn deleting_an_account_with_learning_records_is_refused_with_the_way_out() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let trainer = UserBuilder::trainer()
        .named("Lina", "Farouk")
        .create(&app)
        .await;
    CourseBuilder::new(&trainer).create(&app).await;
    let confirm = format!("/users/{}/delete", trainer.id);
    let res = browser.get(&confirm).await;
    assert!(res.text.contains("Delete Lina Farouk?"));
    assert!(res.text.contains(r#"id="delete-submit""#));
    let res = browser.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.text.contains(
            "This account owns courses or has learning records, which are never deleted with it: deactivate it instead."
        ),
        "{}",
        res.text
    );
    assert!(
        res.text.contains(r#"id="deactivate-open""#),
        "the way out is there"
    );
    assert!(stored(&app, &trainer).await.is_some());

    // Nothing refers to this one: gone, back to the list.
    let trainee = UserBuilder::trainee()
        .named("Dan", "Mensah")
        .inactive()
        .create(&app)
        .await;
    let confirm = format!("/users/{}/delete", trainee.id);
    let res = browser.submit(&confirm, &confirm, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/users");
    assert!(
        browser
            .get("/users")
            .await
            .text
            .contains("The account was deleted.")
    );
    assert!(stored(&app, &trainee).await.is_none());
}
