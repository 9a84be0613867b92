//! The identity journey of the web foundation issue, in a real browser: first-run setup ->
//! the super admin signs in, creates a trainer, imports three trainees from a CSV with one
//! bad line and reads the report -> a trainee signs in with the temporary password, must
//! change it, edits the profile and uploads a photo -> the super admin deactivates that
//! trainee, whose session ends at once. Every page visited is checked (axe, 360 px) and
//! photographed. Run in English and Arabic, on a desktop and a 360 px phone, and once with
//! the keyboard alone.

use crate::harness::{Browser, Site};

/// How the journey is driven.
#[derive(Clone, Copy)]
pub(crate) struct Variant {
    pub(crate) lang: &'static str,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) keyboard: bool,
}

impl Variant {
    pub(crate) fn name(&self) -> String {
        let device = if self.width <= 400 {
            "phone"
        } else {
            "desktop"
        };
        let input = if self.keyboard { "-keyboard" } else { "" };
        format!("{}-{device}{input}", self.lang)
    }
}

/// What goes into a form control.
#[derive(Clone, Copy)]
pub(crate) enum Input<'a> {
    Text(&'a str),
    /// A select's option: its value, and the visible label typed by the keyboard variant.
    Choose(&'a str, &'a str),
    /// A file input: the file's path (WebDriver's way of choosing a file).
    File(&'a str),
}

/// Fills a form and submits it: by clicking into each control, or (keyboard variant) by
/// tabbing to it and typing, then Enter on the submit button.
pub(crate) async fn fill_form(b: &Browser, v: Variant, fields: &[(&str, Input<'_>)], submit: &str) {
    for (css, input) in fields {
        if v.keyboard {
            b.tab_to(css).await;
            match input {
                Input::Text(text) | Input::File(text) => b.type_text(text).await,
                Input::Choose(_, label) => b.type_text(label).await,
            }
        } else {
            match input {
                Input::Text(text) => b.fill(css, text).await,
                Input::File(path) => b.find(css).await.send_keys(path).await.unwrap(),
                Input::Choose(value, _) => {
                    b.find(css).await.select_by_value(value).await.unwrap();
                }
            }
        }
    }
    activate(b, v, submit).await;
}

/// Follows a link or presses a button: click, or Tab to it and Enter.
pub(crate) async fn activate(b: &Browser, v: Variant, css: &str) {
    if v.keyboard {
        b.tab_to(css).await;
        b.press_enter().await;
    } else {
        b.click(css).await;
    }
}

async fn log_out(b: &Browser, v: Variant) {
    // The log-out button sits in the user menu (a <details>): open it first.
    if v.keyboard {
        b.tab_to(".user-menu summary").await;
        b.press_enter().await;
    } else {
        b.click(".user-menu summary").await;
    }
    activate(b, v, "form[action='/logout'] button[type='submit']").await;
    b.wait_for_path("/login").await;
}

/// Opens the profile from the user menu.
async fn open_profile(b: &Browser, v: Variant) {
    if v.keyboard {
        b.tab_to(".user-menu summary").await;
        b.press_enter().await;
    } else {
        b.click(".user-menu summary").await;
    }
    activate(b, v, ".user-menu__list a[href='/profile']").await;
    b.wait_for_path("/profile").await;
}

async fn log_in(b: &Browser, v: Variant, email: &str, password: &str) {
    fill_form(
        b,
        v,
        &[
            ("#login-email", Input::Text(email)),
            ("#login-password", Input::Text(password)),
        ],
        "form[action='/login'] button[type='submit']",
    )
    .await;
}

/// The CSV the super admin imports: three trainees and one bad line (line 4).
const TRAINEES_CSV: &str = "firstName,lastName,email,role,phone\n\
    Omar,Khalil,omar@example.com,trainee,+961 1 234 567\n\
    Lina,Saab,lina@example.com,trainee,\n\
    X,Short,not-an-email,trainee,\n\
    Rami,Aoun,rami@example.com,trainee,\n";

async fn journey(v: Variant) {
    let site = Site::start().await;
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("trainees.csv");
    std::fs::write(&csv, TRAINEES_CSV).unwrap();
    let photo = files.path().join("photo.png");
    std::fs::write(&photo, PNG).unwrap();
    let (csv, photo) = (csv.display().to_string(), photo.display().to_string());

    let mut admin = Browser::start_in(&v.name(), v.lang, v.width, v.height).await;
    let b = &mut admin;
    let token = courseworx::services::setup::prepare(site.app.db())
        .await
        .unwrap()
        .expect("a fresh site needs setup");

    // 1. First-run setup.
    b.goto(&site.url(&format!("/setup?token={token}"))).await;
    let html_dir = b
        .client
        .execute("return document.documentElement.dir;", vec![])
        .await
        .unwrap();
    let want_dir = if v.lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(html_dir, serde_json::json!(want_dir), "page direction");
    b.check("setup").await;
    fill_form(
        b,
        v,
        &[
            ("#setup-first-name", Input::Text("Amina")),
            ("#setup-last-name", Input::Text("Haddad")),
            ("#setup-email", Input::Text("amina@example.com")),
            ("#setup-password", Input::Text("first-admin-pass")),
        ],
        "form[action='/setup'] button[type='submit']",
    )
    .await;
    b.wait_for_path("/").await;
    b.check("admin-home").await;

    // 2. The super admin signs out and in again.
    log_out(b, v).await;
    b.check("login").await;
    log_in(b, v, "amina@example.com", "first-admin-pass").await;
    b.wait_for_path("/").await;

    // 3. ... creates a trainer.
    activate(b, v, "a.site-nav__link[href='/users']").await;
    b.wait_for_path("/users").await;
    b.check("users").await;
    activate(b, v, "#user-new-link").await;
    b.wait_for_path("/users/new").await;
    b.check("user-new").await;
    let role_label = if v.lang == "ar" {
        "مدرّب"
    } else {
        "Trainer"
    };
    fill_form(
        b,
        v,
        &[
            ("#user-first-name", Input::Text("Karim")),
            ("#user-last-name", Input::Text("Nassar")),
            ("#user-email", Input::Text("karim@example.com")),
            ("#user-role", Input::Choose("trainer", role_label)),
        ],
        "#user-create-submit",
    )
    .await;
    let temporary = b.text("#temporary-password").await;
    assert!(temporary.len() >= 12, "temporary password {temporary:?}");
    b.check("trainer-created").await;

    // 4. ... imports three trainees from a CSV with one bad line, and reads the report.
    activate(b, v, "a.site-nav__link[href='/users']").await;
    b.wait_for_path("/users").await;
    activate(b, v, "#user-import-link").await;
    b.wait_for_path("/users/import").await;
    b.check("import").await;
    fill_form(
        b,
        v,
        &[("#import-file", Input::File(&csv))],
        "#import-submit",
    )
    .await;
    b.find("#import-created-count").await;
    b.check("import-report").await;
    assert!(
        b.find("table#import-created tr#import-line-2")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    assert!(
        b.find("table#import-rejected tr#import-line-4")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    let omar_password = b.text("table#import-created tr#import-line-2 code").await;
    let created_rows = b
        .client
        .find_all(fantoccini::Locator::Css("table#import-created tbody tr"))
        .await
        .unwrap();
    assert_eq!(created_rows.len(), 3, "three trainees created");

    // 5. A trainee signs in with the temporary password, must change it, edits the profile
    //    and uploads a photo.
    let mut trainee =
        Browser::start_in(&format!("{}-trainee", v.name()), v.lang, v.width, v.height).await;
    let t = &mut trainee;
    t.goto(&site.url("/login")).await;
    log_in(t, v, "omar@example.com", &omar_password).await;
    t.wait_for_path("/password").await;
    t.check("forced-password-change").await;
    fill_form(
        t,
        v,
        &[
            ("#password-current", Input::Text(&omar_password)),
            ("#password-new", Input::Text("omar-own-password")),
            ("#password-confirm", Input::Text("omar-own-password")),
        ],
        "form[action='/password'] button[type='submit']",
    )
    .await;
    t.wait_for_path("/").await;
    t.check("trainee-home").await;
    open_profile(t, v).await;
    t.check("profile").await;
    fill_form(
        t,
        v,
        &[
            ("#profile-first-name", Input::Text("Omar-Edited")),
            ("#profile-phone", Input::Text("+961 3 333 333")),
        ],
        "#profile-submit",
    )
    .await;
    t.wait_for_text("main", "Omar-Edited").await;
    fill_form(
        t,
        v,
        &[("#avatar-file", Input::File(&photo))],
        "#avatar-submit",
    )
    .await;
    t.find("img#profile-avatar").await;
    t.check("profile-with-photo").await;

    // 6. The super admin deactivates that trainee, whose session ends at once.
    let b = &mut admin;
    activate(b, v, "a.site-nav__link[href='/users']").await;
    b.wait_for_path("/users").await;
    fill_form(
        b,
        v,
        &[("#user-search", Input::Text("omar@example.com"))],
        "#user-filters-submit",
    )
    .await;
    b.wait_for_text("table#user-table", "omar@example.com")
        .await;
    b.check("users-search").await;
    activate(b, v, "table#user-table a.table__primary").await;
    b.find("#deactivate-open").await;
    b.check("trainee-account").await;
    activate(b, v, "#deactivate-open").await;
    activate(b, v, "#deactivate-submit").await;
    let inactive = if v.lang == "ar" {
        "غير نشط"
    } else {
        "Inactive"
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !b.text("#user-status").await.contains(inactive) {
        assert!(
            std::time::Instant::now() < deadline,
            "the account never showed as inactive"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.check("trainee-deactivated").await;

    let t = &mut trainee;
    // Any click after the deactivation finds the session gone.
    activate(t, v, "a.site-nav__link[href='/']").await;
    t.wait_for_path("/login").await;
    t.check("trainee-signed-out").await;

    trainee.close().await;
    admin.close().await;
}

/// A 1x1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (360, 780);

#[tokio::test]
async fn journey_english_desktop() {
    journey(Variant {
        lang: "en",
        width: DESKTOP.0,
        height: DESKTOP.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_english_phone() {
    journey(Variant {
        lang: "en",
        width: PHONE.0,
        height: PHONE.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_arabic_desktop() {
    journey(Variant {
        lang: "ar",
        width: DESKTOP.0,
        height: DESKTOP.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_arabic_phone() {
    journey(Variant {
        lang: "ar",
        width: PHONE.0,
        height: PHONE.1,
        keyboard: false,
    })
    .await;
}

#[tokio::test]
async fn journey_english_keyboard_only() {
    journey(Variant {
        lang: "en",
        width: DESKTOP.0,
        height: DESKTOP.1,
        keyboard: true,
    })
    .await;
}
