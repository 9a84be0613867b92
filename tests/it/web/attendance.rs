//! Attendance pages: the register (present by default, saved in one go, a bad line shown
//! with nothing saved), the check-in screen, and the trainee's check-in page reached by
//! the QR code (a wrong code explained, the right one signs in, then out).

use axum::http::{Method, StatusCode};

use super::{Browser, PASSWORD, csrf_in, location};
use crate::assignments_api::Class;
use crate::fixtures::UserBuilder;

async fn trainer(c: &Class) -> Browser<'_> {
    let mut b = Browser::new(c.app());
    let res = b.login(&c.a.trainer.email, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    b
}

#[tokio::test]
async fn the_trainer_takes_the_register_in_one_go() {
    let c = Class::new(2).await;
    let mut b = trainer(&c).await;
    let path = format!("/teach/courses/{}/attendance", c.a.course.id);
    let page = b.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let (first, second) = (c.trainees[0].0, c.trainees[1].0);
    // Everyone present until changed.
    for id in [first, second] {
        assert!(
            page.html
                .contains(&format!(r#"name="status-{id}" value="present" checked"#))
        );
    }
    let today = chrono::Utc::now().date_naive().to_string();
    let token = csrf_in(&page.html);
    let s1 = format!("status-{first}");
    let s2 = format!("status-{second}");
    let n2 = format!("notes-{second}");
    let res = b
        .post(
            &path,
            &[
                ("csrf", &token),
                ("date", &today),
                (&s1, "present"),
                (&s2, "absent"),
                (&n2, "Called in sick"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = b.get(location(&res)).await;
    assert!(page.text.contains("The register was saved."));
    assert!(
        page.html
            .contains(&format!(r#"name="status-{second}" value="absent" checked"#))
    );
    assert!(page.html.contains("Called in sick"));

    // A bad line: shown on its row, nothing saved.
    let token = csrf_in(&page.html);
    let res = b
        .post(
            &path,
            &[
                ("csrf", &token),
                ("date", &today),
                (&s1, "late"),
                (&s2, "asleep"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(
        res.text
            .contains("Choose present, absent, late or excused.")
    );
    assert!(res.text.contains("Nothing was saved"));
    let api =
        c.a.call(
            Method::GET,
            &format!("/api/courses/{}/attendance", c.a.course.id),
            None,
        )
        .await;
    let saved: Vec<&str> = api.json["register"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["record"]["status"].as_str().unwrap())
        .collect();
    assert!(
        saved.contains(&"present") && saved.contains(&"absent"),
        "{saved:?}"
    );

    // The export downloads through the page session.
    let res = b
        .get(&format!("{path}/export?from={today}&to={today}"))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.text.lines().count(), 3, "{}", res.text);
}

#[tokio::test]
async fn a_trainee_checks_in_with_the_code_on_the_screen() {
    let c = Class::new(1).await;
    let mut b = trainer(&c).await;
    let screen = b
        .get(&format!("/teach/courses/{}/check-in", c.a.course.id))
        .await;
    assert_eq!(screen.status, StatusCode::OK, "{}", screen.text);
    assert!(screen.html.contains("<svg"));
    let fresh = b
        .get(&format!("/teach/courses/{}/check-in/code", c.a.course.id))
        .await;
    let code = fresh.json["code"].as_str().unwrap().to_owned();
    assert!(screen.html.contains(&code) || fresh.json["svg"].as_str().unwrap().contains("<svg"));

    let trainee = UserBuilder::trainee().create(c.app()).await;
    crate::courses_api::enrol(c.app(), trainee.id, c.a.course.id).await;
    let mut t = Browser::new(c.app());
    t.login(&trainee.email, PASSWORD).await;
    let attend = format!("/attend/{}", c.a.course.id);
    let page = t.get(&format!("{attend}?code={code}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(page.html.contains(&format!(r#"value="{code}""#)));
    let token = csrf_in(&page.html);
    let res = t
        .post(&attend, &[("csrf", &token), ("code", "ZZZZZZ")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.text);
    assert!(res.text.contains("This is not the code on the screen now"));
    let res = t
        .post(&attend, &[("csrf", &token), ("code", &code.to_lowercase())])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text);
    let page = t.get(&attend).await;
    assert!(page.text.contains("You are signed in for today."));
    assert!(page.html.contains(r#"id="attend-sign-out""#));
    let token = csrf_in(&page.html);
    let res = t
        .post(&format!("{attend}/sign-out"), &[("csrf", &token)])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = t.get(&attend).await;
    assert!(page.html.contains(r#"id="attend-done""#));
    // The screen counts them.
    let fresh = b
        .get(&format!("/teach/courses/{}/check-in/code", c.a.course.id))
        .await;
    assert!(fresh.json["signedIn"].as_str().unwrap().ends_with('1'));
}
