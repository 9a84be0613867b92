//! CSV import (a multipart upload, then the report of every line), the CSRF check of
//! multipart forms, and the CSV export.

use axum::http::StatusCode;
use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use sea_orm::{EntityTrait, PaginatorTrait};

use super::users::{admin, find_by_email};
use super::{Browser, PASSWORD, Part, csrf_in, location};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;

const CSV: &str = "firstName,lastName,email,role\n\
Amal,Yousef,amal.yousef@example.org,trainee\n\
Kwame,Owusu,k.owusu@example.org,trainer\n\
Sara,Lind,not-an-email,trainee\n\
Amal,Again,AMAL.YOUSEF@example.org,trainee\n";

/// The temporary password shown on the report's row for `line`.
fn secret_of_line(html: &str, line: u64) -> String {
    let row = html
        .split(&format!(r#"<tr id="import-line-{line}">"#))
        .nth(1)
        .unwrap_or_else(|| panic!("no line {line} in {html}"));
    let row = row.split("</tr>").next().unwrap();
    let start = row.find(r#"<code class="mono" dir="ltr">"#).unwrap()
        + r#"<code class="mono" dir="ltr">"#.len();
    row[start..].split('<').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_import_reports_every_line_and_its_accounts_sign_in() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let form = browser.get("/users/import").await;
    assert_eq!(form.status, StatusCode::OK);
    for needle in [
        r#"id="user-import-form" method="post" action="/users/import" enctype="multipart/form-data""#,
        r#"<input class="file-input" id="import-file" name="file" type="file" accept=".csv,text/csv""#,
        r#"id="import-submit""#,
    ] {
        assert!(form.text.contains(needle), "{needle}");
    }
    // The token comes first, so that it is read before the file.
    let form_start = form.text.find(r#"id="user-import-form""#).unwrap();
    let after = &form.text[form_start..];
    assert!(after.find(r#"name="csrf""#).unwrap() < after.find(r#"name="file""#).unwrap());

    let res = browser
        .upload(
            "/users/import",
            "/users/import",
            "file",
            "people.csv",
            CSV.as_bytes(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(res.text.contains("<h1>Import report</h1>"));
    assert!(res.text.contains(r#"id="import-created-count">2</dd>"#));
    assert!(res.text.contains(r#"id="import-rejected-count">2</dd>"#));
    let line4 = res.text.split(r#"<tr id="import-line-4">"#).nth(1).unwrap();
    let line4 = line4.split("</tr>").next().unwrap();
    assert!(line4.contains(">4</span>"), "{line4}");
    assert!(
        line4.contains("Email address: Enter an email address like name@example.org."),
        "{line4}"
    );
    let line5 = res.text.split(r#"<tr id="import-line-5">"#).nth(1).unwrap();
    assert!(line5.contains("amal.yousef@example.org"), "{line5}");
    // A narrow screen wraps an address after its `@` and before a dot, not inside a word.
    assert!(
        res.html.contains(
            r#"<span class="email" dir="ltr">amal<wbr>.yousef@<wbr>example<wbr>.org</span>"#
        ),
        "{}",
        res.html
    );
    assert!(line5.contains("appears on an earlier line"));
    assert!(res.text.contains("shown only on this page"));

    // The accounts exist, and sign in with the passwords of the report.
    let amal = find_by_email(&app, "amal.yousef@example.org")
        .await
        .unwrap();
    assert_eq!(amal.role, Role::Trainee);
    let kwame = find_by_email(&app, "k.owusu@example.org").await.unwrap();
    assert_eq!(kwame.role, Role::Trainer);
    assert!(res.text.contains(&format!(r#"href="/users/{}""#, kwame.id)));
    let secret = secret_of_line(&res.text, 3);
    let login = Browser::new(&app)
        .login("k.owusu@example.org", &secret)
        .await;
    assert_eq!(location(&login), "/password");
    assert_eq!(users::Entity::find().count(app.db()).await.unwrap(), 3);
}

#[tokio::test]
async fn a_file_that_is_not_an_import_is_shown_on_the_file_field() {
    let app = TestApp::spawn().await;
    let admin = UserBuilder::super_admin()
        .named("Samira", "Haddad")
        .create(&app)
        .await;
    let mut browser = Browser::new(&app);
    browser.login(&admin.email, PASSWORD).await;
    let res = browser
        .upload(
            "/users/import",
            "/users/import",
            "file",
            "shoes.csv",
            b"firstName,lastName,email,shoeSize\nA,B,a@b.co,42\n",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text
            .contains(r#"<p class="field__error" id="import-file-error">"#)
    );
    assert!(
        res.text
            .contains("The column &#34;shoeSize&#34; is unknown"),
        "{}",
        res.text
    );
    assert!(
        res.text
            .contains(r#"aria-describedby="import-file-hint import-file-error""#)
    );
    assert!(
        res.text.contains(r##"<a href="#import-file">"##),
        "error summary"
    );

    // No file chosen.
    let res = browser
        .upload("/users/import", "/users/import", "file", "", b"")
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains("Choose a CSV file."));

    // In Arabic.
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&admin.email, PASSWORD).await;
    let res = arabic
        .upload(
            "/users/import",
            "/users/import",
            "file",
            "x.csv",
            b"name,mail\nA,b\n",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text.contains(r#"dir="rtl""#));
    assert!(
        res.text.contains("يجب أن يسمّي السطر الأول الأعمدة"),
        "{}",
        res.text
    );
    assert_eq!(users::Entity::find().count(app.db()).await.unwrap(), 1);
}

#[tokio::test]
async fn a_multipart_form_without_its_csrf_token_first_is_refused() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let token = csrf_in(&browser.get("/users/import").await.text);
    let zeros = "0".repeat(64);
    let file = Part::File("file", "people.csv", CSV.as_bytes());
    for (case, parts) in [
        (
            "no token",
            vec![Part::File("file", "people.csv", CSV.as_bytes())],
        ),
        (
            "a wrong token",
            vec![
                Part::Field("csrf", &zeros),
                Part::File("file", "p.csv", CSV.as_bytes()),
            ],
        ),
        (
            "the token after the file",
            vec![file, Part::Field("csrf", &token)],
        ),
    ] {
        let res = browser.post_multipart("/users/import", &parts).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{case}");
        assert!(res.text.contains("This form has expired"), "{case}");
    }
    // The avatar form too.
    let res = browser
        .post_multipart(
            "/profile/avatar",
            &[Part::File("avatar", "a.png", b"\x89PNG")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Another body type entirely.
    let res = browser
        .send_body(
            axum::http::Method::POST,
            "/users/import",
            Some("text/csv"),
            CSV.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(users::Entity::find().count(app.db()).await.unwrap(), 1);

    // With the token first, it goes through.
    let res = browser
        .post_multipart(
            "/users/import",
            &[
                Part::Field("csrf", &token),
                Part::File("file", "p.csv", CSV.as_bytes()),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

#[tokio::test]
async fn the_export_downloads_every_account_as_csv() {
    let app = TestApp::spawn().await;
    let (admin, mut browser) = admin(&app).await;
    let trainee = UserBuilder::trainee()
        .named("Nour", "Abdallah")
        .create(&app)
        .await;
    let list = browser.get("/users").await;
    assert!(
        list.text
            .contains(r#"id="user-export-link" href="/users/export""#)
    );
    let res = browser.get("/users/export").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers["content-disposition"],
        "attachment; filename=\"courseworx-users.csv\""
    );
    assert_eq!(res.headers["cache-control"], "no-store");
    assert!(res.text.starts_with("id,firstName,lastName,email,role"));
    assert!(res.text.contains(&admin.email) && res.text.contains(&trainee.email));
    assert!(!res.text.contains("$2b$"), "no password hashes");
}

#[tokio::test]
async fn the_export_downloaded_from_one_installation_imports_into_another() {
    let source = TestApp::spawn().await;
    let (_, mut browser) = admin(&source).await;
    UserBuilder::trainer()
        .named("Rania", "Haddad")
        .create(&source)
        .await;
    let export = browser.get("/users/export").await;
    assert_eq!(export.status, StatusCode::OK);
    // Saved by a spreadsheet: CRLF line ends.
    let saved = export.text.replace('\n', "\r\n");

    let target = TestApp::spawn().await;
    let (_, mut browser) = admin(&target).await;
    let res = browser
        .upload(
            "/users/import",
            "/users/import",
            "file",
            "courseworx-users.csv",
            saved.as_bytes(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.text.contains(r#"id="import-created-count">2</dd>"#),
        "{}",
        res.text
    );
    assert!(
        res.text.contains(r#"id="import-rejected-count">0</dd>"#),
        "{}",
        res.text
    );
}

#[tokio::test]
async fn a_semicolon_file_with_crlf_is_reported_by_its_own_line_numbers() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    let csv = "First Name;LAST_NAME;Email\r\n\
               Amal;Yousef;amal@example.org\r\n\
               \r\n\
               Sara;Lind;not-an-email\r\n";
    let res = browser
        .upload(
            "/users/import",
            "/users/import",
            "file",
            "people.csv",
            csv.as_bytes(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        res.text.contains(r#"<tr id="import-line-2">"#),
        "{}",
        res.text
    );
    let line4 = res.text.split(r#"<tr id="import-line-4">"#).nth(1).unwrap();
    let line4 = line4.split("</tr>").next().unwrap();
    assert!(line4.contains(">4</span>"), "{line4}");
    assert!(line4.contains("not-an-email"), "{line4}");
}
