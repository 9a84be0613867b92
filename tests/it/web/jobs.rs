//! The background jobs' page (`/jobs`): the super admin's list of the latest runs, with
//! what each did or why it failed, in both languages; the menu links it for them only.

use axum::http::StatusCode;
use courseworx::services::jobs::tick;
use sea_orm::ConnectionTrait;

use super::{Browser, PASSWORD};
use crate::fixtures::UserBuilder;
use crate::helpers::TestApp;
use crate::web::users::admin;

#[tokio::test]
async fn the_super_admin_sees_each_job_with_its_outcome_in_both_languages() {
    let app = TestApp::spawn().await;
    let (_, mut browser) = admin(&app).await;
    // Another super admin, who signs in for the first time with an Arabic browser; and a
    // trainer and a trainee. (All before the table of sign-in counts goes, below.)
    let other_admin = UserBuilder::super_admin().create(&app).await;
    let mut arabic = Browser::new(&app).header("accept-language", "ar");
    arabic.login(&other_admin.email, PASSWORD).await;
    let mut others = Vec::new();
    for builder in [UserBuilder::trainer(), UserBuilder::trainee()] {
        let user = builder.create(&app).await;
        let mut other = Browser::new(&app);
        other.login(&user.email, PASSWORD).await;
        others.push(other);
    }
    // Before any run: the empty state, and the menu's link.
    let res = browser.get("/jobs").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(res.text.contains(r#"id="jobs-empty""#), "{}", res.text);
    assert!(
        res.text
            .contains(r#"href="/jobs" aria-current="page">Jobs</a>"#)
    );

    // One run that works, and one that fails (a table the housekeeping sweeps is gone).
    app.db()
        .execute_unprepared("DROP TABLE login_throttles")
        .await
        .unwrap();
    tick(&app.state, "instance-a").await.unwrap();
    let res = browser.get("/jobs").await;
    assert!(res.text.contains(r#"id="jobs-table""#), "{}", res.text);
    assert!(res.text.contains("Housekeeping"));
    assert!(res.text.contains("Unused files removed"));
    assert!(
        res.text
            .contains(r#"<span class="badge badge--success">Done</span>"#)
    );
    // The failed attempt waits for its retry, with its error shown.
    assert!(
        res.text
            .contains(r#"<span class="badge badge--info">Waiting</span>"#)
    );
    assert!(res.text.contains(r#"class="job-error""#));
    assert!(res.text.contains("instance-a"));
    assert!(
        res.text.contains("Removed 0 unused files; kept 0."),
        "{}",
        res.text
    );

    let res = arabic.get("/jobs").await;
    assert!(
        res.text.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        res.status
    );
    assert!(
        res.text.contains("<h1>المهام في الخلفية</h1>"),
        "{}",
        res.text
    );
    assert!(res.text.contains("الصيانة الدورية"));
    assert!(res.text.contains(">تمت</span>"));
    assert!(res.text.contains("حُذفت ملفات غير مستخدمة: ٠؛ وبقي: ٠."));

    // Nobody else has the link or the page.
    for mut other in others {
        let home = other.get("/").await;
        assert!(!home.text.contains(r#"href="/jobs""#));
        assert_eq!(other.get("/jobs").await.status, StatusCode::FORBIDDEN);
    }
}
