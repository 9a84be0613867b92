//! One's own profile: names and phone, and the avatar (stored, shown, and refused when it
//! is not a small image).

use axum::http::StatusCode;
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use courseworx::domain::user::User;
use sea_orm::EntityTrait;

use super::{Browser, PASSWORD, location};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;
use crate::pictures;

async fn stored(app: &TestApp, user: &User) -> users::Model {
    users::Entity::find_by_id(user.id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_user_edits_their_names_and_phone_and_nothing_else() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee()
        .named("Amal", "Yousef")
        .create(&app)
        .await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    let page = browser.get("/profile").await;
    for needle in [
        r#"id="profile-form" method="post" action="/profile""#,
        r#"id="profile-first-name" name="firstName" type="text" autocomplete="given-name" value="Amal""#,
        r#"id="profile-phone" name="phone" type="tel""#,
        r#"id="profile-submit""#,
        r#"id="avatar-form" method="post" action="/profile/avatar" enctype="multipart/form-data""#,
    ] {
        assert!(page.text.contains(needle), "{needle}");
    }

    let res = browser
        .submit(
            "/profile",
            "/profile",
            &[
                ("firstName", "Amal"),
                ("lastName", "Yousef-Nasser"),
                ("phone", "+961 1 234"),
                // Not the profile's to change: ignored.
                ("role", "super_admin"),
                ("email", "other@example.com"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/profile");
    let res = browser.get("/profile").await;
    assert!(res.text.contains("Your profile was saved."));
    assert!(res.text.contains("Amal Yousef-Nasser"));
    let now = stored(&app, &user).await;
    assert_eq!(now.last_name, "Yousef-Nasser");
    assert_eq!(now.phone.as_deref(), Some("+961 1 234"));
    assert_eq!(now.role, Role::Trainee);
    assert_eq!(now.email, user.email);

    let res = browser
        .submit(
            "/profile",
            "/profile",
            &[("firstName", "A"), ("lastName", "Yousef"), ("phone", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains(r#"<p class="field__error" id="profile-first-name-error">"#)
    );
    assert!(res.text.contains(r##"<a href="#profile-first-name">"##));
    assert_eq!(stored(&app, &user).await.first_name, "Amal");
}

#[tokio::test]
async fn an_avatar_is_stored_and_shown_and_other_files_are_refused_on_the_field() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainer()
        .named("Omar", "Khalil")
        .create(&app)
        .await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;

    // A text file, whatever its name: refused on the file input, nothing stored.
    let res = browser
        .upload(
            "/profile",
            "/profile/avatar",
            "avatar",
            "me.png",
            b"just some text",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        res.text
            .contains(r#"<p class="field__error" id="avatar-file-error">"#)
    );
    assert!(res.text.contains("Choose a JPEG, PNG or WebP image."));
    assert!(
        res.text
            .contains(r#"aria-describedby="avatar-file-hint avatar-file-error""#)
    );
    // Too large: the same, with the limit.
    let mut big = pictures::png(4, 4);
    big.resize(2 * 1024 * 1024 + 1, 0);
    let res = browser
        .upload("/profile", "/profile/avatar", "avatar", "big.png", &big)
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        res.text.contains("The image is larger than 2 MB"),
        "{}",
        res.text
    );
    let res = browser
        .upload("/profile", "/profile/avatar", "avatar", "", b"")
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Choose an image file."));
    assert!(app.avatar_files().await.is_empty());
    assert!(stored(&app, &user).await.avatar.is_none());

    // A PNG: stored, shown with alt text on the profile and in the user menu.
    let res = browser
        .upload(
            "/profile",
            "/profile/avatar",
            "avatar",
            "me.png",
            &pictures::png(12, 12),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    assert_eq!(location(&res), "/profile");
    let url = stored(&app, &user).await.avatar.expect("avatar set");
    assert!(url.starts_with("/media/avatars/"));
    assert_eq!(app.avatar_files().await.len(), 1);
    let res = browser.get("/profile").await;
    assert!(res.text.contains("Your profile photo was changed."));
    assert!(res.text.contains(&format!(
        r#"<img class="avatar avatar--lg" id="profile-avatar" src="{url}" alt="Profile photo of Omar Khalil""#
    )));
    assert!(
        res.text
            .contains(&format!(r#"<img class="avatar" src="{url}" alt="""#)),
        "in the user menu"
    );
    let image = browser.get(&url).await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.headers["content-type"], "image/png");
}

#[tokio::test]
async fn the_profile_page_speaks_arabic() {
    let app = TestApp::spawn().await;
    let user = UserBuilder::trainee()
        .named("Amal", "Yousef")
        .create(&app)
        .await;
    let mut browser = Browser::new(&app).header("accept-language", "ar");
    browser.login(&user.email, PASSWORD).await;
    let res = browser.get("/profile").await;
    assert!(res.text.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(res.text.contains("صورة الملف الشخصي"));
    assert!(res.text.contains("(اختياري)"));
    assert!(
        res.text.contains("حجمها ٢ ميغابايت على الأكثر"),
        "{}",
        res.text
    );
    let res = browser
        .upload("/profile", "/profile/avatar", "avatar", "a.txt", b"text")
        .await;
    assert!(res.text.contains("اختر صورة بصيغة JPEG أو PNG أو WebP."));
    for english in ["Profile photo", "Save changes", "Choose a JPEG"] {
        assert!(!res.text.contains(english), "{english} left in English");
    }
}

#[tokio::test]
async fn pictures_too_many_pixels_or_damaged_are_refused_on_the_field_in_both_languages() {
    let app = TestApp::spawn_with(|c| c.uploads.avatar_max_bytes = 1024 * 1024).await;
    let user = UserBuilder::trainee()
        .named("Amal", "Yousef")
        .create(&app)
        .await;
    let mut browser = Browser::new(&app);
    browser.login(&user.email, PASSWORD).await;
    let page = browser.get("/profile").await;
    assert!(page.text.contains("at most 1 MB"), "the configured limit");
    let huge = pictures::claimed_png(20_000, 20_000);
    let res = browser
        .upload("/profile", "/profile/avatar", "avatar", "huge.png", &huge)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains("The image is larger than 4,096 × 4,096 pixels"),
        "{}",
        res.text
    );
    let damaged = pictures::claimed_png(16, 16);
    let res = browser
        .upload("/profile", "/profile/avatar", "avatar", "bad.png", &damaged)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text.contains("The image cannot be read"),
        "{}",
        res.text
    );

    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&user.email, PASSWORD).await;
    let res = arabic
        .upload("/profile", "/profile/avatar", "avatar", "huge.png", &huge)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("أبعاد الصورة أكبر من"), "{}", res.text);
    assert!(res.text.contains("٠٩٦"), "Arabic digits: {}", res.text);
    assert!(app.avatar_files().await.is_empty());
    assert!(stored(&app, &user).await.avatar.is_none());
}
