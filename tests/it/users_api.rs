//! `/api/users`: the super admin's user management.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use courseworx::db::entities::enums::Role;
use serde_json::{Value, json};

use crate::fixtures::{CourseBuilder, PASSWORD, UserBuilder};
use crate::helpers::{TestApp, TestResponse};

pub(crate) async fn create(app: &TestApp, token: &str, body: Value) -> TestResponse {
    app.send(Method::POST, "/api/users", Some(token), Some(body))
        .await
}

fn person(email: &str) -> Value {
    json!({"firstName": "Grace", "lastName": "Hopper", "email": email, "role": "trainer"})
}

#[tokio::test]
async fn only_a_super_admin_manages_users() {
    let app = TestApp::spawn().await;
    let (_, trainer) = app.signed_in(Role::Trainer).await;
    let (_, trainee) = app.signed_in(Role::Trainee).await;
    for token in [&trainer, &trainee] {
        let res = app.send(Method::GET, "/api/users", Some(token), None).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = create(&app, token, person("x@example.com")).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(app.get("/api/users").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_created_user_logs_in_with_the_temporary_password_and_must_change_it() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let res = create(&app, &admin, person(" Grace@Example.com ")).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(res.json["user"]["email"], "grace@example.com");
    assert_eq!(res.json["user"]["role"], "trainer");
    assert_eq!(res.json["user"]["requiresPasswordChange"], true);
    assert!(res.json["user"].get("password").is_none());
    let temporary = res.json["temporaryPassword"].as_str().unwrap().to_owned();
    let token = app.login("grace@example.com", &temporary).await;
    let res = app
        .send(Method::GET, "/api/users", Some(&token), None)
        .await;
    assert_eq!(res.json["error"]["code"], "password_change_required");

    // A given password is used as is, and no temporary one is returned.
    let mut body = person("linus@example.com");
    body["password"] = json!("chosen-by-admin");
    let res = create(&app, &admin, body).await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert!(res.json.get("temporaryPassword").is_none());
    assert_eq!(res.json["user"]["requiresPasswordChange"], false);
    app.login("linus@example.com", "chosen-by-admin").await;
}

#[tokio::test]
async fn bad_input_lists_every_field_and_nothing_else_is_assignable() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let res = create(
        &app,
        &admin,
        json!({"firstName": "G", "email": "nope", "role": "wizard", "phone": "x".repeat(21), "password": "1"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in [
        "firstName",
        "lastName",
        "email",
        "role",
        "phone",
        "password",
    ] {
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{field}: {}",
            res.text
        );
    }
    let mut sneaky = person("sneaky@example.com");
    sneaky["isActive"] = json!(false);
    sneaky["id"] = json!("00000000-0000-0000-0000-000000000000");
    let res = create(&app, &admin, sneaky).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    // The refused field is named.
    let field = &res.json["error"]["fields"];
    assert!(
        field["isActive"] == json!(["is not a field of this request"])
            || field["id"] == json!(["is not a field of this request"]),
        "{}",
        res.text
    );
}

#[tokio::test]
async fn emails_stay_unique_whatever_their_case_even_under_a_race() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    assert_eq!(
        create(&app, &admin, person("dup@example.com")).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        create(&app, &admin, person("DUP@example.com")).await.status,
        StatusCode::CONFLICT
    );
    let (a, b) = tokio::join!(
        create(&app, &admin, person("race@example.com")),
        create(&app, &admin, person("Race@Example.com")),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{} / {}",
        a.text,
        b.text
    );
}

#[tokio::test]
async fn the_list_searches_filters_sorts_and_pages() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    for (first, last, email, role) in [
        ("Ada", "Lovelace", "ada@example.com", "trainer"),
        ("Alan", "Turing", "alan@example.com", "trainee"),
        ("Barbara", "Liskov", "barbara@example.com", "trainee"),
    ] {
        let res = create(
            &app,
            &admin,
            json!({"firstName": first, "lastName": last, "email": email, "role": role}),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED);
    }
    let get = |q: &'static str| {
        let admin = admin.clone();
        let app = &app;
        async move {
            app.send(Method::GET, &format!("/api/users?{q}"), Some(&admin), None)
                .await
        }
    };
    let emails = |res: &TestResponse| -> Vec<String> {
        res.json["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["email"].as_str().unwrap().to_owned())
            .collect()
    };
    let res = get("search=LOVE").await;
    assert_eq!(emails(&res), ["ada@example.com"]);
    let res = get("role=trainee&sort=email").await;
    assert_eq!(emails(&res), ["alan@example.com", "barbara@example.com"]);
    let res = get("search=a%25").await;
    assert!(emails(&res).is_empty(), "% is matched literally");
    let res = get("sort=-email&limit=2&page=2").await;
    assert_eq!(res.json["pagination"]["totalItems"], 4);
    assert_eq!(res.json["pagination"]["totalPages"], 2);
    assert_eq!(res.json["pagination"]["currentPage"], 2);
    assert_eq!(res.json["users"].as_array().unwrap().len(), 2);
    assert!(!res.text.contains("$2b$"));
    let res = get("limit=1000").await;
    assert_eq!(res.json["pagination"]["itemsPerPage"], 100);

    assert_eq!(
        get("sort=password").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        get("role=wizard").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(get("page=abc").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn deactivation_ends_sessions_at_once_and_reactivation_restores_access() {
    let app = TestApp::spawn().await;
    let (admin_user, admin) = app.signed_in(Role::SuperAdmin).await;
    let (trainee, trainee_token) = app.signed_in(Role::Trainee).await;
    let uri = format!("/api/users/{}", trainee.id);
    let res = app
        .send(
            Method::PUT,
            &uri,
            Some(&admin),
            Some(json!({"isActive": false})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["user"]["isActive"], false);
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&trainee_token), None)
        .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let res = app
        .request(
            Method::POST,
            "/api/auth/login",
            Some(json!({"email": trainee.email, "password": PASSWORD})),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let res = app
        .send(
            Method::PUT,
            &uri,
            Some(&admin),
            Some(json!({"isActive": true, "firstName": "Renamed"})),
        )
        .await;
    assert_eq!(res.json["user"]["firstName"], "Renamed");
    app.login(&trainee.email, PASSWORD).await;

    // Nobody locks themselves out.
    let own = format!("/api/users/{}", admin_user.id);
    for body in [json!({"isActive": false}), json!({"role": "trainer"})] {
        let res = app.send(Method::PUT, &own, Some(&admin), Some(body)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text);
    }
    let res = app
        .send(
            Method::PUT,
            &uri,
            Some(&admin),
            Some(json!({"email": admin_user.email})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let res = app
        .send(
            Method::PUT,
            &uri,
            Some(&admin),
            Some(json!({"password": "x"})),
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no password through update"
    );
}

#[tokio::test]
async fn delete_is_refused_when_records_depend_on_the_user() {
    let app = TestApp::spawn().await;
    let (admin_user, admin) = app.signed_in(Role::SuperAdmin).await;
    let trainer = UserBuilder::trainer().create(&app).await;
    CourseBuilder::new(&trainer).create(&app).await;
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/users/{}", trainer.id),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.text.contains("deactivate"), "{}", res.text);

    let (loner, _) = app.signed_in(Role::Trainee).await;
    let uri = format!("/api/users/{}", loner.id);
    assert_eq!(
        app.send(Method::DELETE, &uri, Some(&admin), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.send(Method::GET, &uri, Some(&admin), None).await.status,
        StatusCode::NOT_FOUND
    );
    let own = format!("/api/users/{}", admin_user.id);
    assert_eq!(
        app.send(Method::DELETE, &own, Some(&admin), None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(Method::GET, "/api/users/not-a-uuid", Some(&admin), None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_reset_password_is_temporary_and_ends_old_sessions() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let (user, token) = app.signed_in(Role::Trainee).await;
    let res = app
        .send(
            Method::POST,
            &format!("/api/users/{}/reset-password", user.id),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let temporary = res.json["temporaryPassword"].as_str().unwrap().to_owned();
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let fresh = app.login(&user.email, &temporary).await;
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&fresh), None)
        .await;
    assert_eq!(me.json["user"]["requiresPasswordChange"], true);
}

async fn import(
    app: &TestApp,
    token: &str,
    content_type: &str,
    body: impl Into<Body>,
) -> TestResponse {
    app.send_raw(
        Request::post("/api/users/import")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", content_type)
            .body(body.into())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn csv_import_reports_every_line_and_its_users_can_log_in() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let existing = UserBuilder::trainee().create(&app).await;
    let csv = format!(
        "firstName,lastName,email,role,phone\n\
         Ada,Lovelace,ada@example.com,trainee,+44 20 1234\n\
         Alan,Turing,alan@example.com,,\n\
         X,Short,bad-email,trainee,\n\
         Barbara,Liskov,barbara@example.com,trainer,\n\
         Copy,Cat,ADA@example.com,trainee,\n\
         Old,Timer,{},trainee,\n",
        existing.email
    );
    let res = import(&app, &admin, "text/csv", csv).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let created = res.json["created"].as_array().unwrap();
    let rejected = res.json["rejected"].as_array().unwrap();
    assert_eq!(created.len(), 3, "{}", res.text);
    let lines: Vec<u64> = rejected
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4, 6, 7], "{}", res.text);
    assert!(rejected[0]["reason"].as_str().unwrap().contains("email"));
    assert_eq!(rejected[0]["email"], "bad-email", "the email as written");
    assert!(rejected[1]["reason"].as_str().unwrap().contains("earlier"));
    assert!(rejected[2]["reason"].as_str().unwrap().contains("already"));
    // Exactly line, email and reason (the pages' per-field problems stay inside).
    let keys: Vec<&String> = rejected[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["email", "line", "reason"], "{}", res.text);
    let ada = &created[0];
    assert_eq!(ada["line"], 2);
    assert_eq!(ada["user"]["phone"], "+44 20 1234");
    assert_eq!(
        created[1]["user"]["role"], "trainee",
        "role defaults to trainee"
    );
    let token = app
        .login(
            "ada@example.com",
            ada["temporaryPassword"].as_str().unwrap(),
        )
        .await;
    let me = app
        .send(Method::GET, "/api/auth/me", Some(&token), None)
        .await;
    assert_eq!(me.json["user"]["requiresPasswordChange"], true);
    assert!(!res.text.contains("$2b$"));
}

#[tokio::test]
async fn csv_import_takes_a_multipart_file_and_refuses_other_bodies() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\n\
         Content-Type: text/csv\r\n\r\nfirstName,lastName,email\nGrace,Hopper,grace@example.com\n\r\n--{boundary}--\r\n"
    );
    let res = import(
        &app,
        &admin,
        &format!("multipart/form-data; boundary={boundary}"),
        body,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["created"].as_array().unwrap().len(), 1);

    let res = import(&app, &admin, "application/json", "{}").await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let res = import(&app, &admin, "text/csv", "name,mail\nA,B\n").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let (_, trainer) = app.signed_in(Role::Trainer).await;
    let res = import(&app, &trainer, "text/csv", "firstName,lastName,email\n").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

/// The line numbers of the rejected lines of an import's report.
fn rejected_lines(res: &TestResponse) -> Vec<u64> {
    res.json["rejected"]
        .as_array()
        .unwrap_or_else(|| panic!("no report: {}", res.text))
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn csv_import_numbers_lines_as_the_file_has_them() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    // As Excel saves it: CRLF, a blank line, and a quoted field over two lines.
    let csv = "firstName,lastName,email\r\n\
               Ada,Lovelace,ada@example.com\r\n\
               Bad,Email,not-an-email\r\n\
               \r\n\
               \"Two\r\nLines\",Name,two@example.com\r\n\
               Also,Bad,still-not-an-email\r\n\
               Grace,Hopper,grace@example.com\r\n";
    let res = import(&app, &admin, "text/csv", csv).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(rejected_lines(&res), [3, 5, 7], "{}", res.text);
    let created: Vec<u64> = res.json["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["line"].as_u64().unwrap())
        .collect();
    assert_eq!(created, [2, 8], "{}", res.text);
    // The same file with LF line ends numbers its lines the same way.
    let (_, admin2) = app.signed_in(Role::SuperAdmin).await;
    let res = import(
        &app,
        &admin2,
        "text/csv",
        csv.replace("\r\n", "\n")
            .replace("ada@", "ada2@")
            .replace("grace@", "grace2@"),
    )
    .await;
    assert_eq!(rejected_lines(&res), [3, 5, 7], "{}", res.text);
}

#[tokio::test]
async fn an_export_imports_back_into_another_installation() {
    let source = TestApp::spawn().await;
    let (_, admin) = source.signed_in(Role::SuperAdmin).await;
    for body in [
        json!({"firstName": "Rania", "lastName": "Haddad", "email": "rania@example.com",
               "role": "trainer", "phone": "+962 7 9123 4567"}),
        json!({"firstName": "=HYPERLINK(1)", "lastName": "-Dash", "email": "odd@example.com"}),
        json!({"firstName": "Omar", "lastName": "Khalil", "email": "omar@example.com",
               "phone": "-123"}),
    ] {
        let res = create(&source, &admin, body).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    }
    let omar = source
        .send(Method::GET, "/api/users?search=omar", Some(&admin), None)
        .await;
    let omar_id = omar.json["users"][0]["id"].as_str().unwrap().to_owned();
    let res = source
        .send(
            Method::PUT,
            &format!("/api/users/{omar_id}"),
            Some(&admin),
            Some(json!({"isActive": false})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let export = source
        .send(Method::GET, "/api/users/export", Some(&admin), None)
        .await;
    assert!(export.text.contains("'+962 7 9123 4567"), "{}", export.text);
    assert!(export.text.contains(",isActive,"), "{}", export.text);
    let accounts = export.text.lines().count() - 1;
    assert_eq!(accounts, 4);

    let target = TestApp::spawn().await;
    let (_, admin) = target.signed_in(Role::SuperAdmin).await;
    let res = import(&target, &admin, "text/csv", export.text.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(rejected_lines(&res), Vec::<u64>::new(), "{}", res.text);
    let created = res.json["created"].as_array().unwrap();
    assert_eq!(created.len(), accounts, "{}", res.text);
    let rania = created
        .iter()
        .find(|c| c["user"]["email"] == "rania@example.com")
        .unwrap();
    assert_eq!(
        rania["user"]["phone"], "+962 7 9123 4567",
        "the apostrophe is gone"
    );
    assert_eq!(rania["user"]["role"], "trainer");
    let odd = created
        .iter()
        .find(|c| c["user"]["email"] == "odd@example.com")
        .unwrap();
    assert_eq!(odd["user"]["firstName"], "=HYPERLINK(1)");
    assert_eq!(odd["user"]["lastName"], "-Dash");

    // Imported into the installation it came from, every line is an account that exists:
    // refused for that reason alone.
    let res = import(&source, &admin_of(&source).await, "text/csv", export.text).await;
    let rejected = res.json["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), accounts, "{}", res.text);
    assert!(
        rejected
            .iter()
            .all(|r| r["reason"].as_str().unwrap().contains("already")),
        "{}",
        res.text
    );
}

async fn admin_of(app: &TestApp) -> String {
    app.signed_in(Role::SuperAdmin).await.1
}

#[tokio::test]
async fn csv_import_reads_semicolons_and_headers_in_any_case() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    // As a spreadsheet saves CSV where the comma is the decimal separator.
    let csv = "FIRSTNAME;LastName;EMAIL;Role;PHONE\r\n\
               Lina;Saleh;lina@example.com;trainer;'+962 6 555 0100\r\n\
               \"Haddad; Jr\";Sami;sami@example.com;;\r\n";
    let res = import(&app, &admin, "text/csv", csv).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(rejected_lines(&res), Vec::<u64>::new(), "{}", res.text);
    let created = res.json["created"].as_array().unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[0]["user"]["role"], "trainer");
    assert_eq!(created[0]["user"]["phone"], "+962 6 555 0100");
    assert_eq!(created[1]["user"]["firstName"], "Haddad; Jr");
    // A column neither the import nor the export knows is still refused.
    let res = import(
        &app,
        &admin,
        "text/csv",
        "firstName;lastName;email;shoeSize\nA;B;c@example.com;42\n",
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.text.contains("shoeSize"), "{}", res.text);
}

#[tokio::test]
async fn csv_export_lists_accounts_without_secrets() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let res = create(
        &app,
        &admin,
        json!({"firstName": "=HYPERLINK(1)", "lastName": "Evil", "email": "evil@example.com"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let res = app
        .send(Method::GET, "/api/users/export", Some(&admin), None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let mut lines = res.text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,firstName,lastName,email,role")
    );
    assert_eq!(res.text.lines().count(), 3, "{}", res.text);
    assert!(res.text.contains("'=HYPERLINK(1)"));
    assert!(!res.text.contains("$2b$"));
    let (_, trainee) = app.signed_in(Role::Trainee).await;
    let res = app
        .send(Method::GET, "/api/users/export", Some(&trainee), None)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_page_far_past_the_last_is_empty_not_an_error() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::SuperAdmin).await;
    // Found by fuzzing: an offset past i64::MAX used to panic inside the database driver.
    let res = app
        .send(
            Method::GET,
            "/api/users?page=9223372036854775807&limit=100",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["users"], json!([]));
    assert_eq!(res.json["pagination"]["totalItems"], 1);
    // Numbers the document does not allow are refused, never guessed at.
    for query in ["page=9223372036854775808", "limit=18446744073709551616"] {
        let res = app
            .send(
                Method::GET,
                &format!("/api/users?{query}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{query}: {}", res.text);
    }
    // Every bad parameter in one 422.
    let res = app
        .send(
            Method::GET,
            "/api/users?page=-1&limit=-2&role=owner&sort=password",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    for field in ["page", "limit", "role", "sort"] {
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{field}: {}",
            res.text
        );
    }
}

#[tokio::test]
async fn names_with_line_breaks_or_control_characters_are_refused() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::SuperAdmin).await;
    // Found by fuzzing: such names were stored and then broke exports and page titles.
    let res = create(
        &app,
        &token,
        json!({"firstName": "Ada\nLovelace", "lastName": "B\u{7}yron", "email": "ada@example.com"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.json["error"]["fields"]["firstName"].is_array());
    assert!(res.json["error"]["fields"]["lastName"].is_array());
    let res = app
        .send(
            Method::PUT,
            "/api/profile",
            Some(&token),
            Some(json!({"lastName": "Lovelace\u{1b}[31m"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    // Letters of any script, apostrophes and hyphens are names.
    let res = create(
        &app,
        &token,
        json!({"firstName": "Zoë-Anne", "lastName": "O'Brien", "email": "zoe@example.com"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
}

#[tokio::test]
async fn concurrent_changes_all_succeed() {
    let app = TestApp::spawn().await;
    let (_, token) = app.signed_in(Role::SuperAdmin).await;
    let mut ids = Vec::new();
    for _ in 0..4 {
        ids.push(UserBuilder::trainee().create(&app).await.id);
    }
    // Found by fuzzing with two workers: on SQLite a transaction that read first and then
    // wrote failed with "database is locked" once another connection had committed.
    let requests = (0..40).map(|i| {
        let (app, token, id) = (&app, token.clone(), ids[i % ids.len()]);
        async move {
            app.send(
                Method::PUT,
                &format!("/api/users/{id}"),
                Some(&token),
                Some(json!({"firstName": format!("Name{i}"), "phone": format!("{i}")})),
            )
            .await
        }
    });
    for res in futures_util::future::join_all(requests).await {
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
}

#[tokio::test]
async fn the_csv_limit_is_one_setting_for_the_api() {
    let app = TestApp::spawn_with(|c| c.uploads.csv_max_bytes = 2048).await;
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let mut csv = "firstName,lastName,email\n".to_owned();
    while csv.len() <= 2048 {
        csv.push_str("Amal,Yousef,amal@example.com\n");
    }
    let res = app
        .send_raw(
            Request::post("/api/users/import")
                .header("authorization", format!("Bearer {admin}"))
                .header("content-type", "text/csv")
                .body(Body::from(csv))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.text);
}
