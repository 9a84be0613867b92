//! Benchmark: a course's statistics (`GET /api/courses/{id}/stats`) for a course with
//! 100,000 enrolments, on SQLite or PostgreSQL. Results and how to read them: BENCHMARKS.md.
//!
//!     cargo run --release --example stats_at_scale -- [--database-url postgres://...]
//!         [--trainees 100000] [--reads 500] [--rounds 20] [--v4-ids] [--keep]
//!
//! SQLite: a fresh file in a temporary folder. PostgreSQL: a fresh database created on the
//! server of `--database-url` and dropped at the end. It migrates, makes a trainer, the
//! course and its trainees in bulk SQL (statuses, progress, prices, history, quiz attempts
//! and assignment submissions; every trainee also enrolled in one of 100 other courses, so
//! that the course measured is half the table, not all of it), runs ANALYZE (VACUUM ANALYZE on PostgreSQL), then times over
//! HTTP on 127.0.0.1 (hyper, one kept-alive connection):
//! 1. the stored row, read `--reads` times;
//! 2. `--rounds` times: the trainer enrols one more trainee (which forgets the row), the
//!    first read after it (the recount, under the course's lock) and the read after that;
//! 3. `--rounds` times: the row deleted directly, then read (the recount with no write
//!    before it); and the plans of the recount's two queries (EXPLAIN QUERY PLAN on SQLite,
//!    EXPLAIN ANALYZE on PostgreSQL, with the recount's settings).
//!
//! Then it prints a table and stops. `--keep` leaves the database (and prints its URL) to
//! try other queries on.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use courseworx::config::{Config, StorageBackend};
use courseworx::db::entities::enums::{ContentType, Role};
use courseworx::db::entities::{assignments, course_contents, courses, users};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use rust_decimal::Decimal;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
    TransactionTrait,
};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;

/// Every trainee is also enrolled in one of these (so that the course measured is not the
/// whole table).
const OTHER_COURSES: usize = 100;

/// No single request or query of the benchmark may take longer than this.
const LIMIT: Duration = Duration::from_secs(120);

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn number(name: &str, default: usize) -> usize {
    arg(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

// ---------------------------------------------------------------------------------------
// Timings

struct Summary {
    label: String,
    n: usize,
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
}

fn summary(label: &str, mut samples: Vec<Duration>) -> Summary {
    samples.sort();
    let pick = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    let s = Summary {
        label: label.to_owned(),
        n: samples.len(),
        p50: pick(0.5),
        p95: pick(0.95),
        p99: pick(0.99),
        max: pick(1.0),
    };
    println!(
        "{:<44} n={:<4} p50={:>9.2} ms  p95={:>9.2} ms  p99={:>9.2} ms  max={:>9.2} ms",
        s.label, s.n, s.p50, s.p95, s.p99, s.max
    );
    s
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

// ---------------------------------------------------------------------------------------
// HTTP: one kept-alive HTTP/1.1 connection, opened again if the server closed it.

struct Client {
    addr: SocketAddr,
    sender: Option<SendRequest<Full<Bytes>>>,
}

impl Client {
    async fn send(
        &mut self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> anyhow::Result<(Duration, StatusCode, Value)> {
        if self.sender.as_ref().is_none_or(|s| s.is_closed()) {
            let stream = TcpStream::connect(self.addr).await?;
            stream.set_nodelay(true)?;
            let (sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
            tokio::spawn(async move {
                let _ = connection.await;
            });
            self.sender = Some(sender);
        }
        let sender = self.sender.as_mut().expect("connected above");
        sender.ready().await?;
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "127.0.0.1");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header("content-type", "application/json");
                Full::new(Bytes::from(json.to_string()))
            }
            None => Full::new(Bytes::new()),
        };
        let request = request.body(body)?;
        let start = Instant::now();
        let exchange = async {
            let response = sender.send_request(request).await?;
            let status = response.status();
            let bytes = response.into_body().collect().await?.to_bytes();
            anyhow::Ok((status, bytes))
        };
        let (status, bytes) = tokio::time::timeout(LIMIT, exchange).await??;
        let took = start.elapsed();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)?
        };
        Ok((took, status, json))
    }
}

async fn get_stats(
    client: &mut Client,
    path: &str,
    token: &str,
) -> anyhow::Result<(Duration, Value)> {
    let (took, status, body) = client.send(Method::GET, path, Some(token), None).await?;
    anyhow::ensure!(status == StatusCode::OK, "stats: {status} {body}");
    Ok((took, body))
}

// ---------------------------------------------------------------------------------------
// The scratch database

enum Scratch {
    Sqlite,
    Postgres { admin_url: String, name: String },
}

async fn admin(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut options = sea_orm::ConnectOptions::new(url);
    options
        .max_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    Ok(Database::connect(options).await?)
}

async fn create_database(
    admin_url: Option<&str>,
    dir: &std::path::Path,
) -> anyhow::Result<(Scratch, String)> {
    match admin_url {
        None => Ok((
            Scratch::Sqlite,
            format!("sqlite:{}", dir.join("courseworx.db").display()),
        )),
        Some(admin_url) => {
            let name = format!("cw_bench_stats_{}", Uuid::new_v4().simple());
            let conn = admin(admin_url).await?;
            conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await?;
            conn.close().await?;
            let mut url = url::Url::parse(admin_url)?;
            url.set_path(&name);
            Ok((
                Scratch::Postgres {
                    admin_url: admin_url.to_owned(),
                    name,
                },
                url.to_string(),
            ))
        }
    }
}

async fn drop_database(scratch: &Scratch) -> anyhow::Result<()> {
    if let Scratch::Postgres { admin_url, name } = scratch {
        let conn = admin(admin_url).await?;
        conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await?;
        conn.close().await?;
        println!("dropped the database {name}");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Bulk rows in SQL, with the few spellings that differ between the two databases.

struct Sql {
    backend: DbBackend,
    now_ms: i64,
    v4: bool,
}

impl Sql {
    fn pg(&self) -> bool {
        self.backend == DbBackend::Postgres
    }

    /// A literal UUID as each database stores it (SQLite: 16 bytes, as sqlx binds it).
    fn id(&self, id: Uuid) -> String {
        if self.pg() {
            format!("'{id}'::uuid")
        } else {
            format!("X'{}'", id.simple())
        }
    }

    /// A new key per row, made at the time `seconds` (an SQL expression) ago: a UUIDv7, as
    /// the application makes them (time first, so keys made together sort together), or
    /// with `--v4-ids` a random UUIDv4 (as the earlier Node.js version made them).
    fn new_id(&self, seconds: &str) -> String {
        let ms = format!("({} - CAST(({seconds}) AS BIGINT) * 1000)", self.now_ms);
        match (self.v4, self.pg()) {
            (true, true) => "gen_random_uuid()".to_owned(),
            (true, false) => "randomblob(16)".to_owned(),
            (false, true) => format!(
                "(lpad(to_hex({ms}), 12, '0') || '7' || substr(md5(random()::text), 1, 3) || '8' \
                 || substr(md5(random()::text), 1, 15))::uuid"
            ),
            (false, false) => format!(
                "unhex(printf('%012x', {ms}) || '7' || substr(hex(randomblob(2)), 2) || '8' \
                 || substr(hex(randomblob(8)), 2))"
            ),
        }
    }

    /// A timestamp `seconds` (an SQL expression) ago, as each database stores it (SQLite:
    /// RFC 3339 text, as sqlx writes it).
    fn ago(&self, seconds: &str) -> String {
        if self.pg() {
            format!("(now() - ({seconds}) * interval '1 second')")
        } else {
            format!("strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-' || ({seconds}) || ' seconds')")
        }
    }

    /// A computed text into an enum column (PostgreSQL's enum types need the cast).
    fn enum_of(&self, expr: &str, type_name: &str) -> String {
        if self.pg() {
            format!("({expr})::\"{type_name}\"")
        } else {
            expr.to_owned()
        }
    }

    /// `SELECT n, <columns> FROM` the numbers 1 to `count`.
    fn series(&self, count: usize, columns: &str) -> String {
        if self.pg() {
            format!("SELECT n, {columns} FROM generate_series(1, {count}) AS g(n)")
        } else {
            format!(
                "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {count}) \
                 SELECT n, {columns} FROM g"
            )
        }
    }
}

struct World {
    course: Uuid,
    trainer_email: String,
    extra_emails: Vec<String>,
}

async fn populate(
    db: &DatabaseConnection,
    trainees: usize,
    extras: usize,
) -> anyhow::Result<World> {
    let hash = courseworx::auth::password::hash("bench-password").await?;
    let hash = hash.as_str().to_owned();
    let user = |email: String, role: Role| users::ActiveModel {
        first_name: Set("Bench".into()),
        last_name: Set("Mark".into()),
        email: Set(email),
        password: Set(hash.clone()),
        role: Set(role),
        is_active: Set(Some(true)),
        requires_password_change: Set(Some(false)),
        ..Default::default()
    };
    let trainer_email = "trainer@bench.example".to_owned();
    let trainer = user(trainer_email.clone(), Role::Trainer)
        .insert(db)
        .await?;
    let mut extra_emails = Vec::new();
    for i in 0..extras {
        let email = format!("extra{i}@bench.example");
        user(email.clone(), Role::Trainee).insert(db).await?;
        extra_emails.push(email);
    }
    let course = |title: &str, price: i64| courses::ActiveModel {
        trainer_id: Set(trainer.id),
        title: Set(title.to_owned()),
        description: Set("A course with very many trainees.".to_owned()),
        price: Set(Decimal::new(price, 2)),
        is_published: Set(Some(true)),
        ..Default::default()
    };
    let main = course("Statistics at scale", 4900).insert(db).await?;
    let mut others = Vec::new();
    for i in 0..OTHER_COURSES {
        others.push(
            course(&format!("Another course {i}"), 1900)
                .insert(db)
                .await?
                .id,
        );
    }
    let quiz = course_contents::ActiveModel {
        course_id: Set(main.id),
        title: Set("Check".into()),
        r#type: Set(ContentType::Quiz),
        quiz_data: Set(Some(json!({"passingScore": 50}))),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let assignment = assignments::ActiveModel {
        course_id: Set(main.id),
        trainer_id: Set(trainer.id),
        title: Set("Essay".into()),
        description: Set("Write.".into()),
        points: Set(20),
        is_published: Set(Some(true)),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let sql = Sql {
        backend: db.get_database_backend(),
        now_ms: chrono::Utc::now().timestamp_millis(),
        v4: std::env::args().any(|a| a == "--v4-ids"),
    };
    let c = sql.id(main.id);
    let other_keys = others
        .iter()
        .enumerate()
        .map(|(k, id)| format!("({k}, {})", sql.id(*id)))
        .collect::<Vec<_>>()
        .join(", ");
    // Trainee n joined (200,000 + (trainees - n) * 60) seconds ago: the rows are inserted
    // oldest first, as they would have been.
    let age = |base: u32, step: u32| format!("{base} + ({trainees} - n) * {step}");
    let (joined_age, changed_age) = (age(200_000, 60), age(100_000, 30));
    let (dropped_age, rejoined_age) = (age(150_000, 60), age(120_000, 60));
    let recent_age = age(0, 1);
    let status = sql.enum_of(
        "CASE WHEN n % 20 < 12 THEN 'enrolled' WHEN n % 20 < 17 THEN 'completed' \
         WHEN n % 20 < 19 THEN 'dropped' ELSE 'suspended' END",
        "enum_enrollments_status",
    );
    let [joined, changed, dropped, rejoined, recent] = [
        &joined_age,
        &changed_age,
        &dropped_age,
        &rejoined_age,
        &recent_age,
    ]
    .map(|a| sql.ago(a));
    let [joined_id, changed_id, dropped_id, rejoined_id, recent_id] = [
        &joined_age,
        &changed_age,
        &dropped_age,
        &rejoined_age,
        &recent_age,
    ]
    .map(|a| sql.new_id(a));
    let trainer_id = sql.id(trainer.id);
    let (quiz_id, assignment_id) = (sql.id(quiz.id), sql.id(assignment.id));
    let statements = [
        // One row per trainee, with the keys of their user and enrolment rows.
        format!(
            "CREATE TEMP TABLE bench_n AS {}",
            sql.series(
                trainees,
                &format!("{joined_id} AS uid, {joined_id} AS eid, {joined_id} AS oid")
            )
        ),
        format!(
            r#"INSERT INTO users ("id", "firstName", "lastName", "email", "password", "role",
                 "isActive", "requiresPasswordChange", "createdAt", "updatedAt")
               SELECT uid, 'Trainee', 'Number ' || n, 'trainee' || n || '@bench.example', '{hash}',
                 'trainee', TRUE, FALSE, {joined}, {joined} FROM bench_n"#
        ),
        // 60 % enrolled, 25 % completed, 10 % dropped, 5 % suspended; progress 0-100 with
        // two decimals (100 when completed).
        format!(
            r#"INSERT INTO enrollments ("id", "userId", "courseId", "status", "enrolledAt",
                 "completedAt", "progress", "createdAt", "updatedAt")
               SELECT eid, uid, {c}, {status}, {joined},
                 CASE WHEN n % 20 BETWEEN 12 AND 16 THEN {changed} END,
                 CASE WHEN n % 20 BETWEEN 12 AND 16 THEN 100 ELSE ((n * 37) % 10001) / 100.0 END,
                 {joined}, {changed} FROM bench_n"#
        ),
        // The history: joining at 29, 39 or 49 ...
        format!(
            r#"INSERT INTO enrollment_events ("id", "enrollmentId", "actorId", "fromStatus",
                 "toStatus", "price", "createdAt", "updatedAt")
               SELECT {joined_id}, eid, NULL, NULL, 'enrolled',
                 CASE n % 3 WHEN 0 THEN 29 WHEN 1 THEN 39 ELSE 49 END, {joined}, {joined}
               FROM bench_n"#
        ),
        // ... one in seven of those enrolled dropped and came back at 59 ...
        format!(
            r#"INSERT INTO enrollment_events ("id", "enrollmentId", "actorId", "fromStatus",
                 "toStatus", "price", "createdAt", "updatedAt")
               SELECT {dropped_id}, eid, NULL, 'enrolled', 'dropped', NULL, {dropped}, {dropped}
               FROM bench_n WHERE n % 20 < 12 AND n % 7 = 0"#
        ),
        format!(
            r#"INSERT INTO enrollment_events ("id", "enrollmentId", "actorId", "fromStatus",
                 "toStatus", "price", "createdAt", "updatedAt")
               SELECT {rejoined_id}, eid, NULL, 'dropped', 'enrolled', 59, {rejoined}, {rejoined}
               FROM bench_n WHERE n % 20 < 12 AND n % 7 = 0"#
        ),
        // ... and the change to completed, dropped or suspended (no price).
        format!(
            r#"INSERT INTO enrollment_events ("id", "enrollmentId", "actorId", "fromStatus",
                 "toStatus", "price", "createdAt", "updatedAt")
               SELECT {changed_id}, eid, NULL, 'enrolled',
                 CASE WHEN n % 20 < 17 THEN 'completed' WHEN n % 20 < 19 THEN 'dropped'
                      ELSE 'suspended' END,
                 NULL, {changed}, {changed}
               FROM bench_n WHERE n % 20 >= 12"#
        ),
        // Quiz attempts: 30 % graded (0-10 of 10), 10 % still in progress.
        format!(
            r#"INSERT INTO quiz_attempts ("id", "userId", "courseId", "contentId", "number",
                 "status", "startedAt", "submittedAt", "gradedAt", "score", "maxScore", "passed",
                 "questions", "createdAt", "updatedAt")
               SELECT {changed_id}, uid, {c}, {quiz_id}, 1, 'graded', {changed}, {changed}, {changed},
                 n % 11, 10, n % 11 >= 5, '[]', {changed}, {changed}
               FROM bench_n WHERE n % 10 < 3"#
        ),
        format!(
            r#"INSERT INTO quiz_attempts ("id", "userId", "courseId", "contentId", "number",
                 "status", "startedAt", "maxScore", "passed", "questions", "createdAt", "updatedAt")
               SELECT {recent_id}, uid, {c}, {quiz_id}, 1, 'in_progress', {recent}, 10, FALSE, '[]',
                 {recent}, {recent}
               FROM bench_n WHERE n % 10 = 3"#
        ),
        // Assignment submissions: 10 % graded (0-20 of 20), 10 % waiting for a grade.
        format!(
            r#"INSERT INTO assignment_submissions ("id", "assignmentId", "userId", "courseId",
                 "text", "files", "version", "submittedAt", "isLate", "status", "score",
                 "gradedBy", "gradedAt", "createdAt", "updatedAt")
               SELECT {changed_id}, {assignment_id}, uid, {c}, 'My essay.', '[]', 1, {changed}, FALSE,
                 'graded', n % 21, {trainer_id}, {recent}, {changed}, {recent}
               FROM bench_n WHERE n % 10 = 0"#
        ),
        format!(
            r#"INSERT INTO assignment_submissions ("id", "assignmentId", "userId", "courseId",
                 "text", "files", "version", "submittedAt", "isLate", "status",
                 "createdAt", "updatedAt")
               SELECT {changed_id}, {assignment_id}, uid, {c}, 'My essay.', '[]', 1, {changed}, FALSE,
                 'submitted', {changed}, {changed}
               FROM bench_n WHERE n % 10 = 5"#
        ),
        // The other courses: every trainee in one of them too, enrolled at 19.
        format!(
            "CREATE TEMP TABLE bench_c AS \
             SELECT column1 AS k, column2 AS id FROM (VALUES {other_keys}) AS v"
        ),
        format!(
            r#"INSERT INTO enrollments ("id", "userId", "courseId", "status", "enrolledAt",
                 "progress", "createdAt", "updatedAt")
               SELECT oid, uid, bench_c.id, 'enrolled', {joined}, (n * 13) % 101, {joined},
                 {joined}
               FROM bench_n JOIN bench_c ON bench_c.k = n % {OTHER_COURSES}"#
        ),
        format!(
            r#"INSERT INTO enrollment_events ("id", "enrollmentId", "actorId", "fromStatus",
                 "toStatus", "price", "createdAt", "updatedAt")
               SELECT {joined_id}, oid, NULL, NULL, 'enrolled', 19, {joined}, {joined}
               FROM bench_n"#
        ),
        r#"UPDATE courses SET
             "enrollmentCount" = (SELECT COUNT(*) FROM enrollments e
               WHERE e."courseId" = courses.id AND e.status <> 'dropped'),
             "completionCount" = (SELECT COUNT(*) FROM enrollments e
               WHERE e."courseId" = courses.id AND e.status = 'completed')"#
            .to_owned(),
        "DROP TABLE bench_c".to_owned(),
        "DROP TABLE bench_n".to_owned(),
    ];
    let txn = db.begin().await?;
    for statement in &statements {
        txn.execute_unprepared(statement).await?;
    }
    txn.commit().await?;
    Ok(World {
        course: main.id,
        trainer_email,
        extra_emails,
    })
}

async fn count(db: &DatabaseConnection, table: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no count"))?;
    Ok(row.try_get::<i64>("", "n")?)
}

// ---------------------------------------------------------------------------------------
// Plans

/// The settings the recount (`db::stats::tally`) gives its transaction: no JIT on PostgreSQL.
async fn as_the_recount(txn: &impl ConnectionTrait) -> anyhow::Result<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL jit = off").await?;
    }
    Ok(())
}

async fn print_plan(
    db: &courseworx::db::Db,
    label: &str,
    statement: &Statement,
) -> anyhow::Result<()> {
    let pg = statement.db_backend == DbBackend::Postgres;
    let prefix = if pg {
        "EXPLAIN (ANALYZE, BUFFERS) "
    } else {
        "EXPLAIN QUERY PLAN "
    };
    let explain = Statement {
        sql: format!("{prefix}{}", statement.sql),
        values: statement.values.clone(),
        db_backend: statement.db_backend,
    };
    let txn = courseworx::db::begin_write(db).await?;
    as_the_recount(&txn).await?;
    let rows = txn.query_all_raw(explain).await?;
    txn.rollback().await?;
    println!("\nplan of the recount's {label} query:");
    if pg {
        for row in rows {
            println!("  {}", row.try_get::<String>("", "QUERY PLAN")?);
        }
    } else {
        // (id, parent, detail): indent each line under its parent.
        let mut depth: Vec<(i64, usize)> = Vec::new();
        for row in rows {
            let id = row.try_get::<i64>("", "id")?;
            let parent = row.try_get::<i64>("", "parent")?;
            let level = depth
                .iter()
                .find(|(i, _)| *i == parent)
                .map_or(0, |(_, d)| d + 1);
            depth.push((id, level));
            println!(
                "  {}{}",
                "  ".repeat(level),
                row.try_get::<String>("", "detail")?
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------

async fn run(
    url: String,
    data_dir: &std::path::Path,
    trainees: usize,
    reads: usize,
    rounds: usize,
) -> anyhow::Result<()> {
    let mut config = Config {
        data_dir: data_dir.to_path_buf(),
        ..Config::default()
    };
    config.database.url = Some(url);
    config.database.auto_migrate = true;
    config.auth.bcrypt_cost = 4;
    config.storage.backend = StorageBackend::Memory;
    let state = courseworx::startup::build_state(config).await?;
    let db = state.db.clone();
    let backend = match db.get_database_backend() {
        DbBackend::Postgres => "PostgreSQL",
        _ => "SQLite",
    };
    let version = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            if backend == "SQLite" {
                "SELECT sqlite_version() AS v"
            } else {
                "SELECT current_setting('server_version') AS v"
            },
        ))
        .await?
        .and_then(|r| r.try_get::<String>("", "v").ok())
        .unwrap_or_default();
    println!(
        "{backend} {version}, cores: {}, trainees: {trainees}, reads: {reads}, rounds: {rounds}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let start = Instant::now();
    let world = populate(&db, trainees, rounds).await?;
    println!(
        "generated in {:.1} s: {} enrolments, {} enrolment events, {} quiz attempts, {} submissions",
        start.elapsed().as_secs_f64(),
        count(&db, "enrollments").await?,
        count(&db, "enrollment_events").await?,
        count(&db, "quiz_attempts").await?,
        count(&db, "assignment_submissions").await?,
    );

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(courseworx::startup::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let mut client = Client { addr, sender: None };

    let (_, status, body) = client
        .send(
            Method::POST,
            "/api/auth/login",
            None,
            Some(json!({"email": world.trainer_email, "password": "bench-password"})),
        )
        .await?;
    anyhow::ensure!(status == StatusCode::OK, "login: {status} {body}");
    let token = body["token"].as_str().unwrap_or_default().to_owned();
    let stats_path = format!("/api/courses/{}/stats", world.course);
    // The very first read: no row yet, cold caches, no planner statistics.
    let (first, body) = get_stats(&mut client, &stats_path, &token).await?;
    println!(
        "first read after loading (a recount, before ANALYZE): {}",
        ms(first)
    );
    println!("{}", serde_json::to_string_pretty(&body["stats"])?);
    // What autovacuum would have done after such a load: planner statistics, and on
    // PostgreSQL the visibility map that lets an index-only scan skip the table.
    db.execute_unprepared(if backend == "SQLite" {
        "ANALYZE"
    } else {
        "VACUUM ANALYZE"
    })
    .await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // The bulk load left every new page in the write-ahead log, which each read would
        // then search; a server that has been running has long checkpointed it.
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    let mut table = Vec::new();

    // 1. The stored row.
    let mut stored = Vec::new();
    for _ in 0..reads {
        stored.push(get_stats(&mut client, &stats_path, &token).await?.0);
    }
    table.push(summary("GET stats, row stored", stored));

    // 2. A change forgets the row; the next read counts again.
    let enrol_path = format!("/api/courses/{}/enrollments", world.course);
    let (mut writes, mut recounts, mut after) = (Vec::new(), Vec::new(), Vec::new());
    let mut expected = body["stats"]["totalEnrollments"].as_i64().unwrap_or(0);
    for email in &world.extra_emails {
        let (took, status, body) = client
            .send(
                Method::POST,
                &enrol_path,
                Some(&token),
                Some(json!({"emails": [email]})),
            )
            .await?;
        anyhow::ensure!(
            status == StatusCode::OK && body["results"][0]["result"] == "enrolled",
            "enrol: {status} {body}"
        );
        writes.push(took);
        expected += 1;
        let (took, body) = get_stats(&mut client, &stats_path, &token).await?;
        anyhow::ensure!(
            body["stats"]["totalEnrollments"].as_i64() == Some(expected),
            "the recount missed the new enrolment: {body}"
        );
        recounts.push(took);
        after.push(get_stats(&mut client, &stats_path, &token).await?.0);
    }
    table.push(summary("POST enrollments (one trainee; forgets)", writes));
    table.push(summary("GET stats, first read after (recount)", recounts));
    table.push(summary("GET stats, the read after that", after));

    // 3. The recount alone: the row deleted directly (no write before it), then read.
    let mut forgotten = Vec::new();
    for _ in 0..rounds {
        courseworx::db::stats::forget(&db, world.course).await?;
        forgotten.push(get_stats(&mut client, &stats_path, &token).await?.0);
    }
    table.push(summary(
        "GET stats, row deleted directly (recount)",
        forgotten,
    ));
    let statements = courseworx::db::stats::recount_statements(&db, world.course);
    for (label, statement) in &statements {
        print_plan(&db, label, statement).await?;
    }

    let _ = stop.send(());
    server.await??;

    println!(
        "\n{backend} {version}, {trainees} trainees; first read after loading: {}\n",
        ms(first)
    );
    println!("| measured | n | p50 | p95 | p99 | max |");
    println!("|---|---|---|---|---|---|");
    for s in table {
        println!(
            "| {} | {} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |",
            s.label, s.n, s.p50, s.p95, s.p99, s.max
        );
    }
    db.close().await?;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let trainees = number("--trainees", 100_000);
    let reads = number("--reads", 500);
    let rounds = number("--rounds", 20).max(1);
    let dir = tempfile::tempdir()?;
    let (scratch, url) = create_database(arg("--database-url").as_deref(), dir.path()).await?;
    let result = run(url.clone(), dir.path(), trainees, reads, rounds).await;
    if std::env::args().any(|a| a == "--keep") {
        println!("kept the database for inspection: {url}");
        let _ = dir.keep();
        return result;
    }
    drop_database(&scratch).await?;
    result
}
