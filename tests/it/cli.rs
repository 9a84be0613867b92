//! The `courseworx` binary from the outside: `migrate`, `create-admin`, clear start-up
//! errors, serving and graceful shutdown.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use courseworx::db::entities::enums::Role;
use courseworx::db::entities::users;
use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};

use crate::helpers::TestDatabase;

/// The binary with a clean environment: only what the test gives it.
pub(crate) fn courseworx(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_courseworx"));
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("BCRYPT_COST", "4")
        .stdin(Stdio::null());
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub(crate) fn assert_one_clear_sentence(out: &Output, needle: &str) {
    let all = text(out);
    assert!(!out.status.success(), "expected a failure: {all}");
    assert!(all.contains(needle), "expected {needle:?} in: {all}");
    assert!(!all.contains("panicked"), "{all}");
    assert!(!all.contains("RUST_BACKTRACE"), "{all}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
}

#[tokio::test]
async fn migrate_applies_everything_once() {
    let db = TestDatabase::new().await;
    let dir = tempfile::tempdir().unwrap();
    for round in 0..2 {
        let out = courseworx(dir.path())
            .env("DATABASE_URL", &db.url)
            .arg("migrate")
            .output()
            .unwrap();
        assert!(out.status.success(), "round {round}: {}", text(&out));
        assert!(text(&out).contains("migrations applied"));
    }
    let conn = Database::connect(&db.url).await.unwrap();
    use sea_orm::ConnectionTrait;
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap();
    use migration::MigratorTrait;
    let all = migration::Migrator::migrations().len() as i64;
    assert!(all >= 11, "the seed's eleven tables at least");
    assert_eq!(row.try_get::<i64>("", "n").unwrap(), all);
    conn.close().await.ok();
}

#[tokio::test]
async fn without_configuration_sqlite_is_created_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = courseworx(dir.path()).arg("migrate").output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.path().join("data/courseworx.db").is_file());
}

#[tokio::test]
async fn create_admin_creates_then_resets() {
    let db = TestDatabase::new().await;
    let dir = tempfile::tempdir().unwrap();
    let run = |password: &str| {
        courseworx(dir.path())
            .env("DATABASE_URL", &db.url)
            .args([
                "create-admin",
                "--email",
                " Root@Example.com ",
                "--first-name",
                "Ada",
                "--last-name",
                "Admin",
            ])
            .env("COURSEWORX_ADMIN_PASSWORD", password)
            .output()
            .unwrap()
    };
    let out = run("first-pass");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("root@example.com created"));
    let out = run("second-pass");
    assert!(
        text(&out).contains("root@example.com reset"),
        "{}",
        text(&out)
    );

    let conn = Database::connect(&db.url).await.unwrap();
    let admins = users::Entity::find()
        .filter(users::Column::Email.eq("root@example.com"))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(admins.len(), 1);
    assert_eq!(admins[0].role, Role::SuperAdmin);
    assert!(admins[0].compare_password("second-pass").await);
    conn.close().await.ok();
}

#[tokio::test]
async fn create_admin_reads_prompts_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = courseworx(dir.path())
        .arg("create-admin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"boss@example.com\nGrace\nHopper\nlong-enough\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("boss@example.com created"));
}

#[tokio::test]
async fn create_admin_refuses_bad_input_with_every_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = courseworx(dir.path())
        .args([
            "create-admin",
            "--email",
            "not-an-email",
            "--first-name",
            "A",
        ])
        .args(["--last-name", "Hopper", "--password", "123"])
        .output()
        .unwrap();
    assert_one_clear_sentence(&out, "email: must be a valid email address");
    assert!(text(&out).contains("firstName"));
    assert!(text(&out).contains("password"));
}

#[test]
fn bad_configuration_stops_start_up_with_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("DATABASE_URL", "postgres//oops")],
            "DATABASE_URL is malformed",
        ),
        (&[("DATABASE_URL", "mysql://a@b/c")], "unsupported scheme"),
        (&[("DB_HOST", "localhost")], "DB_USER is required"),
        (
            &[("COURSEWORX_ENV", "production")],
            "JWT_SECRET is required",
        ),
        (
            &[("COURSEWORX_PORT", "eighty")],
            "configuration is not valid",
        ),
        (&[("BCRYPT_COST", "99")], "BCRYPT_COST must be between"),
    ];
    for (vars, needle) in cases {
        let mut cmd = courseworx(dir.path());
        for (k, v) in vars.iter() {
            cmd.env(k, v);
        }
        let out = cmd.arg("serve").output().unwrap();
        assert_one_clear_sentence(&out, needle);
    }
}

#[test]
fn an_unreachable_database_is_named_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on port 1.
    let out = courseworx(dir.path())
        .env(
            "DATABASE_URL",
            "postgres://lms:hunter2@127.0.0.1:1/courseworx",
        )
        .env("DB_POOL_ACQUIRE_MS", "2000")
        .arg("migrate")
        .output()
        .unwrap();
    assert_one_clear_sentence(
        &out,
        "cannot connect to PostgreSQL at postgres://lms:***@127.0.0.1:1/courseworx",
    );
    assert!(!text(&out).contains("hunter2"));
}

#[test]
fn serve_answers_health_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = courseworx(dir.path())
        .env("COURSEWORX_PORT", port.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let body = loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut buf = String::new();
            s.read_to_string(&mut buf).unwrap();
            break buf;
        }
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("\"backend\":\"sqlite\""), "{body}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("stopped"), "{}", text(&out));
    assert!(dir.path().join("data/courseworx.db").is_file());
}

#[test]
fn serve_logs_each_request_without_colour_codes_and_frames_the_setup_link_last() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    // Standard error is a pipe here, as under a service manager or `> file`.
    let child = courseworx(dir.path())
        .env("COURSEWORX_PORT", port.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let answer = loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            s.write_all(
                b"GET /api/health HTTP/1.1\r\nHost: x\r\nx-request-id: it-req-42\r\n\
                  Connection: close\r\n\r\n",
            )
            .unwrap();
            let mut buf = String::new();
            s.read_to_string(&mut buf).unwrap();
            break buf;
        }
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        !log.contains('\x1b'),
        "escape codes in a log that is not a terminal: {log:?}"
    );

    // One line for the request: method, path, request id, status, latency.
    let line = log
        .lines()
        .find(|l| l.contains("request_id=it-req-42") && l.contains("finished processing request"))
        .unwrap_or_else(|| panic!("no line for the request in: {log}"));
    for needle in [
        " INFO ",
        "method=GET",
        "uri=/api/health",
        "status=200",
        "latency=",
    ] {
        assert!(line.contains(needle), "{needle:?} missing from {line:?}");
    }

    // The setup link: framed, after the line that says where CourseWorx serves.
    let serving = log.find("CourseWorx is serving on").expect("serving line");
    let frame = log
        .find('┌')
        .unwrap_or_else(|| panic!("no frame in: {log}"));
    assert!(serving < frame, "{log}");
    let framed: Vec<&str> = log[frame..]
        .lines()
        .take_while(|l| !l.starts_with('└'))
        .collect();
    assert!(
        framed
            .iter()
            .skip(1)
            .all(|l| l.starts_with("│ ") && l.ends_with(" │")),
        "{log}"
    );
    let link = format!("http://127.0.0.1:{port}/setup?token=");
    assert!(framed.iter().any(|l| l.contains(&link)), "{log}");
}

#[test]
fn numeric_looking_secrets_are_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = courseworx(dir.path())
        .env("DB_HOST", "127.0.0.1")
        .env("DB_PORT", "1")
        .env("DB_USER", "12345")
        .env("DB_PASSWORD", "0123456")
        .env("DB_NAME", "2026")
        .env("DB_POOL_ACQUIRE_MS", "1000")
        .arg("migrate")
        .output()
        .unwrap();
    // The configuration is accepted; only the (absent) server is a problem.
    assert_one_clear_sentence(
        &out,
        "cannot connect to PostgreSQL at postgres://12345:***@127.0.0.1:1/2026",
    );
}

/// The seed's slow-query log: at 0 ms every statement is logged with its time, its SQL
/// with placeholders unless values are asked for (they can be password hashes).
#[tokio::test]
async fn slow_queries_are_logged_and_their_values_only_when_asked() {
    let db = TestDatabase::new().await;
    let dir = tempfile::tempdir().unwrap();
    let run = |values: &str| {
        courseworx(dir.path())
            .env("DATABASE_URL", &db.url)
            .env("COURSEWORX_SLOW_QUERY_MS", "0")
            .env("COURSEWORX_SLOW_QUERY_VALUES", values)
            .args(["create-admin", "--email", "slow@example.com"])
            .args(["--first-name", "Ada", "--last-name", "Admin"])
            .env("COURSEWORX_ADMIN_PASSWORD", "a-long-password")
            .output()
            .unwrap()
    };
    let out = run("false");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    let slow: Vec<&str> = all.lines().filter(|l| l.contains("slow query")).collect();
    assert!(!slow.is_empty(), "{all}");
    assert!(slow.iter().all(|l| l.contains("elapsed_ms")), "{all}");
    assert!(slow.iter().any(|l| l.contains("INSERT INTO")), "{all}");
    assert!(
        slow.iter().all(|l| !l.contains("slow@example.com")),
        "{all}"
    );
    assert!(!all.contains("$2b$"), "a hash was logged: {all}");

    let out = run("true");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(all.contains("'slow@example.com'"), "{all}");

    // The default threshold (200 ms) logs nothing for these quick statements.
    let out = courseworx(dir.path())
        .env("DATABASE_URL", &db.url)
        .arg("migrate")
        .output()
        .unwrap();
    assert!(!text(&out).contains("slow query"), "{}", text(&out));
}
