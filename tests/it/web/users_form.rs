//! The account form: creating an account (its temporary password shown once, and it signs
//! in), field errors next to their fields, editing an account, not one's own role.

use axum::http::StatusCode;
use courseworx::db::entities::enums::Role;

use super::users::{admin, find_by_email};
use super::{Browser, location};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_new_account_shows_its_temporary_password_once_and_it_signs_in() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let form = browser.get("/users/new").await;
    assert_eq!(form.status, StatusCode::OK);
    for needle in [
        r#"id="user-create-form""#,
        r#"<label class="field__label" for="user-first-name">First name</label>"#,
        r#"<select class="select" id="user-role" name="role""#,
        r#"<option value="trainee" selected>Trainee</option>"#,
        r#"for="user-phone">Phone <span class="field__optional">(optional)</span>"#,
        r#"id="user-password" name="password" type="password""#,
        r#"id="user-create-submit""#,
    ] {
        assert!(form.text.contains(needle), "{needle}");
    }

    let res = browser
        .submit(
            "/users/new",
            "/users/new",
            &[
                ("firstName", "Lina"),
                ("lastName", "Farouk"),
                ("email", " Lina.Farouk@Example.org "),
                ("role", "trainer"),
                ("phone", "+961 1 234 567"),
                ("password", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let created = find_by_email(&app, "lina.farouk@example.org")
        .await
        .expect("created");
    assert_eq!(created.role, Role::Trainer);
    assert!(res.text.contains("The account of Lina Farouk was created."));
    assert!(res.text.contains("must change it at the first sign-in"));
    let start = res
        .text
        .find(r#"id="temporary-password" dir="ltr">"#)
        .unwrap()
        + r#"id="temporary-password" dir="ltr">"#.len();
    let secret = res.text[start..].split('<').next().unwrap().to_owned();
    assert_eq!(secret.len(), 14);
    // Shown from the answer itself: not in a cookie, not in an address, never again.
    for value in res.headers.get_all("set-cookie") {
        assert!(!value.to_str().unwrap().contains(&secret));
    }
    assert!(res.headers.get("location").is_none());
    assert_eq!(res.headers["cache-control"], "no-store");
    let again = browser.get(&format!("/users/{}", created.id)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(!again.text.contains(&secret));
    assert!(!again.text.contains(r#"id="temporary-password""#));
    assert!(
        again
            .text
            .contains("Temporary: must be changed at the next sign-in")
    );

    // The new trainer signs in with it, and must choose a password first.
    let mut lina = Browser::new(&app);
    let res = lina.login("lina.farouk@example.org", &secret).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/password");

    // With a chosen password there is nothing to show, and no change is forced.
    let res = browser
        .submit(
            "/users/new",
            "/users/new",
            &[
                ("firstName", "Omar"),
                ("lastName", "Khalil"),
                ("email", "omar@example.org"),
                ("role", "trainee"),
                ("password", "chosen-pass"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert!(!res.text.contains(r#"id="temporary-password""#));
    let res = Browser::new(&app)
        .login("omar@example.org", "chosen-pass")
        .await;
    assert_eq!(location(&res), "/");
}

#[tokio::test]
async fn the_account_form_shows_each_error_next_to_its_field() {
    let app = TestApp::spawn().await;
    let (admin, mut browser) = admin(&app).await;
    let res = browser
        .submit(
            "/users/new",
            "/users/new",
            &[
                ("firstName", "L"),
                ("lastName", "Farouk"),
                ("email", "not-an-email"),
                ("role", "trainee"),
                ("phone", "call me"),
                ("password", "123"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (id, message) in [
        ("user-first-name", "Use between 2 and 50 characters."),
        (
            "user-email",
            "Enter an email address like name@example.org.",
        ),
        ("user-phone", "Use only digits, spaces and + - ( ) ."),
        ("user-password", "Use between 6 and 72 characters."),
    ] {
        assert!(
            res.text
                .contains(&format!(r#"<p class="field__error" id="{id}-error">"#)),
            "{id}: {}",
            res.text
        );
        assert!(res.text.contains(message), "{message}");
        assert!(
            res.text.contains(&format!(r##"<a href="#{id}">"##)),
            "summary"
        );
    }
    assert!(
        res.text
            .contains(r#"aria-describedby="user-first-name-error""#)
    );
    assert!(
        res.text.contains(r#"value="Farouk""#),
        "what was typed is kept"
    );
    assert!(!res.text.contains(r#"value="123""#), "but never a password");
    assert!(res.text.contains("There is a problem with this form"));

    // An email already in use is the email field's error.
    let res = browser
        .submit(
            "/users/new",
            "/users/new",
            &[
                ("firstName", "Sam"),
                ("lastName", "Again"),
                ("email", &admin.email.to_uppercase()),
                ("role", "trainee"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.text
            .contains(r#"<p class="field__error" id="user-email-error">"#)
    );
    assert!(
        res.text
            .contains("Another account already uses this email address.")
    );
}

#[tokio::test]
async fn the_super_admin_edits_an_account_but_not_their_own_role() {
    let app = TestApp::spawn().await;
    let (admin, mut browser) = admin(&app).await;
    let nour = UserBuilder::trainee()
        .named("Nour", "Abdallah")
        .create(&app)
        .await;
    let page = format!("/users/{}", nour.id);
    let res = browser.get(&page).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text.contains("<h1>Nour Abdallah</h1>"));
    assert!(
        res.text
            .contains(&format!(r#"action="/users/{}""#, nour.id))
    );
    assert!(res.text.contains(r#"id="user-edit-form""#));
    assert!(
        !res.text.contains(r#"id="user-password""#),
        "no password here"
    );

    let res = browser
        .submit(
            &page,
            &page,
            &[
                ("firstName", "Nour"),
                ("lastName", "Abdallah-Said"),
                ("email", "nour.said@example.org"),
                ("role", "trainer"),
                ("phone", "+20 2 1234"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), page);
    let res = browser.get(&page).await;
    assert!(res.text.contains("The account was saved."));
    assert!(res.text.contains("<h1>Nour Abdallah-Said</h1>"));
    let stored = find_by_email(&app, "nour.said@example.org").await.unwrap();
    assert_eq!(stored.role, Role::Trainer);
    assert_eq!(stored.phone.as_deref(), Some("+20 2 1234"));

    // Taking the email of another account: the email field says so.
    let res = browser
        .submit(
            &page,
            &page,
            &[
                ("firstName", "Nour"),
                ("lastName", "Abdallah-Said"),
                ("email", &admin.email),
                ("role", "trainer"),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text.contains(r#"id="user-email-error""#));

    // Demoting oneself is refused next to the role, and nothing changes.
    let own = format!("/users/{}", admin.id);
    let res = browser.get(&own).await;
    assert!(res.text.contains(r#"id="user-own-account""#));
    assert!(!res.text.contains(r#"id="deactivate-open""#));
    assert!(!res.text.contains(r#"id="delete-open""#));
    let res = browser
        .submit(
            &own,
            &own,
            &[
                ("firstName", "Samira"),
                ("lastName", "Haddad"),
                ("email", &admin.email),
                ("role", "trainee"),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(
        res.text
            .contains(r#"<p class="field__error" id="user-role-error">"#)
    );
    assert!(
        res.text
            .contains("You cannot take away your own super admin role")
    );
    let stored = find_by_email(&app, &admin.email).await.unwrap();
    assert_eq!(stored.role, Role::SuperAdmin);

    // An unknown or malformed id is the 404 page.
    let res = browser
        .get(&format!("/users/{}", uuid::Uuid::now_v7()))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = browser.get("/users/not-a-uuid").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
