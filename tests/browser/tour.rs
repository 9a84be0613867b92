//! Every page the journey does not walk through, checked the same way (zero axe violations,
//! no sideways scrolling at 360 px) in both languages: a user's page, the confirmation pages
//! that work without JavaScript, a password reset's result, the import form, the error
//! pages (403 and 404) and the API reference; a user whose name is one very long word, a
//! list page past the last one, and the logout address opened as a page.

use crate::fixtures::{PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};

async fn sign_in(b: &Browser, site: &Site, email: &str) {
    b.goto(&site.url("/login")).await;
    b.fill("#login-email", email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("form[action='/login'] button[type='submit']").await;
    b.wait_for_path("/").await;
}

async fn visit(b: &mut Browser, site: &Site, path: &str, label: &str) {
    b.goto(&site.url(path)).await;
    b.check(label).await;
}

async fn tour(lang: &str) {
    let site = Site::start().await;
    let admin = UserBuilder::super_admin().create(&site.app).await;
    let trainee = UserBuilder::trainee()
        .named("Omar", "Khalil")
        .create(&site.app)
        .await;
    let other = UserBuilder::trainee()
        .named("Lina", "Saab")
        .create(&site.app)
        .await;
    // One word as long as a name may be, and an email as long: neither may push a phone's
    // page sideways.
    let long = UserBuilder::trainee()
        .named(
            "Wolfeschlegelsteinhausenbergerdorffwelchevoralter",
            "Hugenbergerdorffwelchevoralternwarengewissenhaft",
        )
        .create(&site.app)
        .await;
    let mut b = Browser::start_in(&format!("tour-{lang}"), lang, 360, 780).await;

    sign_in(&b, &site, &admin.email).await;
    let user = format!("/users/{}", trainee.id);
    for (path, label) in [
        ("/".to_owned(), "home"),
        ("/users".to_owned(), "users"),
        ("/users?search=zzz".to_owned(), "users-none-found"),
        ("/users/new".to_owned(), "user-new"),
        ("/users/import".to_owned(), "import"),
        (user.clone(), "user"),
        (format!("{user}/deactivate"), "confirm-deactivate"),
        (format!("{user}/delete"), "confirm-delete"),
        (format!("{user}/reset-password"), "confirm-reset"),
        ("/password".to_owned(), "password"),
        ("/no-such-page".to_owned(), "not-found"),
        (format!("/users/{}", uuid::Uuid::now_v7()), "no-such-user"),
        (format!("/users/{}", long.id), "user-long-name"),
        ("/users?search=wolfe".to_owned(), "users-long-name"),
        ("/users?page=99".to_owned(), "users-past-last"),
        ("/api/docs".to_owned(), "api-docs"),
    ] {
        visit(&mut b, &site, &path, label).await;
    }
    // A long import says it is working once sent (the page's script), and is sent once.
    b.goto(&site.url("/users/import")).await;
    let state = b
        .client
        .execute(
            "const form = document.getElementById('user-import-form');\n\
             form.addEventListener('submit', e => e.preventDefault());\n\
             form.requestSubmit();\n\
             return [document.getElementById('import-status').textContent,\n\
                     document.getElementById('import-submit').getAttribute('aria-disabled'),\n\
                     form.getAttribute('data-sent')];",
            vec![],
        )
        .await
        .unwrap();
    let busy = if lang == "ar" {
        "جارٍ الاستيراد"
    } else {
        "Importing"
    };
    assert!(state[0].as_str().unwrap().starts_with(busy), "{state:?}");
    assert_eq!(state[1], "true");
    assert_eq!(state[2], "true");
    b.check("import-busy").await;

    // The results of two confirmations: a reset shows the temporary password once, and a
    // deactivated account offers reactivation.
    b.goto(&site.url(&format!("{user}/reset-password"))).await;
    b.click("#reset-password-submit").await;
    b.find("#temporary-password").await;
    b.check("reset-result").await;
    let other_page = format!("/users/{}", other.id);
    b.goto(&site.url(&format!("{other_page}/deactivate"))).await;
    b.click("#deactivate-submit").await;
    b.wait_for_path(&other_page).await;
    b.check("deactivated").await;
    visit(
        &mut b,
        &site,
        &format!("{other_page}/reactivate"),
        "confirm-reactivate",
    )
    .await;

    // The logout address opened as a page asks, and its button signs out.
    visit(&mut b, &site, "/logout", "logout-confirm").await;
    b.click("#logout-submit").await;
    b.wait_for_path("/login").await;

    // A trainee opening the user list gets the 403 page.
    let learner = UserBuilder::trainee().create(&site.app).await;
    sign_in(&b, &site, &learner.email).await;
    visit(&mut b, &site, "/users", "forbidden").await;
    visit(&mut b, &site, "/profile", "trainee-profile").await;
    b.close().await;

    // The same new pages on a desktop.
    let mut d = Browser::start_in(&format!("tour-{lang}-desktop"), lang, 1280, 900).await;
    sign_in(&d, &site, &admin.email).await;
    for (path, label) in [
        (format!("/users/{}", long.id), "user-long-name"),
        ("/users?search=wolfe".to_owned(), "users-long-name"),
        ("/users?page=99".to_owned(), "users-past-last"),
        ("/logout".to_owned(), "logout-confirm"),
    ] {
        visit(&mut d, &site, &path, label).await;
    }
    d.close().await;
}

#[tokio::test]
async fn every_other_page_passes_the_checks_in_english() {
    tour("en").await;
}

#[tokio::test]
async fn every_other_page_passes_the_checks_in_arabic() {
    tour("ar").await;
}
