//! `TestApp`: the real router on a fresh database, and request helpers.
//!
//! SQLite: a new database file in a temporary folder (the production setup: WAL, foreign
//! keys, several connections), deleted with the folder. PostgreSQL (`TEST_DATABASE_URL`
//! set to a server URL): a new database per test, created from that URL and dropped when
//! the test ends.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use courseworx::config::Config;
use courseworx::db::Db;
use courseworx::state::AppState;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;
use tower::ServiceExt;

/// A fresh, empty (not yet migrated) database and the configuration that selects it.
pub struct TestDatabase {
    pub config: Config,
    pub url: String,
    _guard: Guard,
    /// The data folder (uploads, the token secret, the SQLite file): one per test.
    _data_dir: tempfile::TempDir,
}

enum Guard {
    Sqlite,
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        let mut config = Config::default();
        config.auth.bcrypt_cost = 4;
        // Uploaded files in memory: each test's own, nothing left on disk.
        config.storage.backend = courseworx::config::StorageBackend::Memory;
        // No scheduled backups: the jobs' tests count the jobs a look runs; the backups'
        // tests turn them on.
        config.backup.every_hours = 0;
        courseworx::auth::password::set_cost(4);
        let data_dir = tempfile::tempdir().expect("temp dir");
        config.data_dir = data_dir.path().to_path_buf();
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        {
            None => {
                let path = data_dir.path().join("courseworx.db");
                let url = format!("sqlite:{}", path.display());
                config.database.url = Some(url.clone());
                TestDatabase {
                    config,
                    url,
                    _guard: Guard::Sqlite,
                    _data_dir: data_dir,
                }
            }
            Some(admin_url) => {
                let name = format!("cw_test_{}", uuid::Uuid::new_v4().simple());
                let admin = connect_admin(&admin_url).await.unwrap_or_else(|e| {
                    panic!("cannot reach the PostgreSQL server of TEST_DATABASE_URL: {e}")
                });
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
                url.set_path(&name);
                let url = url.to_string();
                config.database.url = Some(url.clone());
                // Tests run in parallel, each with its own pool: keep each one small.
                config.database.pool_max = 4;
                TestDatabase {
                    config,
                    url,
                    _guard: Guard::Postgres { admin_url, name },
                    _data_dir: data_dir,
                }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self._guard, Guard::Postgres { .. })
    }
}

/// The server-level connection that creates and drops test databases. A dead server fails
/// the test within seconds instead of waiting out the default 30 s pool timeout.
async fn connect_admin(admin_url: &str) -> Result<sea_orm::DatabaseConnection, sea_orm::DbErr> {
    let mut options = sea_orm::ConnectOptions::new(admin_url);
    options
        .max_connections(1)
        .connect_timeout(std::time::Duration::from_secs(5))
        .acquire_timeout(std::time::Duration::from_secs(5))
        .sqlx_logging(false);
    Database::connect(options).await
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime: use a thread with its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async {
                    if let Ok(admin) = connect_admin(&admin_url).await {
                        let _ = admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .await;
                        let _ = admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub database: TestDatabase,
}

impl TestApp {
    /// The application on a fresh, migrated database.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// The application with a configuration adjusted by the test.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let mut database = TestDatabase::new().await;
        adjust(&mut database.config);
        let state = courseworx::startup::build_state(database.config.clone())
            .await
            .expect("application starts");
        TestApp {
            router: courseworx::startup::router(state.clone()),
            state,
            database,
        }
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub async fn request(&self, method: Method, uri: &str, body: Option<Value>) -> TestResponse {
        self.send(method, uri, None, body).await
    }

    /// A request with `Authorization: Bearer <token>` when a token is given.
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                builder = builder.header("content-type", "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send_raw(builder.body(body).expect("request")).await
    }

    /// Any request, as built by the test.
    pub async fn send_raw(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let html = String::from_utf8_lossy(&bytes).into_owned();
        TestResponse {
            status,
            headers,
            json: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            // As a reader sees it: `<wbr>` (where an email address may wrap) is no text.
            text: html.replace("<wbr>", ""),
            html,
            bytes: bytes.to_vec(),
        }
    }

    /// The names of the avatar files in the store, sorted.
    pub async fn avatar_files(&self) -> Vec<String> {
        self.state
            .storage
            .list(courseworx::storage::Folder::Avatars)
            .await
            .expect("list the store")
            .iter()
            .map(|key| key.file_name().to_owned())
            .collect()
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.request(Method::GET, uri, None).await
    }

    /// A new user of this role (the domain `Role` or the entity's), signed in: the user and
    /// a bearer token.
    pub async fn signed_in(
        &self,
        role: impl Into<courseworx::domain::user::Role>,
    ) -> (courseworx::domain::user::User, String) {
        let user = crate::fixtures::UserBuilder::role(role).create(self).await;
        let token = self.login(&user.email, crate::fixtures::PASSWORD).await;
        (user, token)
    }

    /// The stored row of a user (the password hash, the nullable flags), for a test that
    /// checks or edits what the domain `User` leaves out.
    pub async fn user_row(&self, id: uuid::Uuid) -> courseworx::db::entities::users::Model {
        use sea_orm::EntityTrait;
        courseworx::db::entities::users::Entity::find_by_id(id)
            .one(self.db())
            .await
            .expect("read user")
            .expect("user exists")
    }

    /// `POST /api/auth/login` with this email and password, whatever it answers.
    pub async fn login_response(&self, email: &str, password: &str) -> TestResponse {
        self.request(
            Method::POST,
            "/api/auth/login",
            Some(serde_json::json!({"email": email, "password": password})),
        )
        .await
    }

    /// Signs in and returns the bearer token.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let res = self.login_response(email, password).await;
        assert_eq!(res.status, StatusCode::OK, "login failed: {}", res.text);
        res.json["token"].as_str().expect("token").to_owned()
    }
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
    /// The body, `<wbr>` left out (see `html`).
    pub text: String,
    /// The body exactly as sent.
    pub html: String,
    /// The body as sent (binary files).
    pub bytes: Vec<u8>,
}

/// Whether this run is against PostgreSQL.
pub fn on_postgres(db: &impl ConnectionTrait) -> bool {
    db.get_database_backend() == sea_orm::DbBackend::Postgres
}

/// The enrolment counts the triggers keep (migration 28) equal a count of the rows, for
/// every course and status; zero counts are allowed to stay.
pub async fn assert_enrolment_counts_exact(db: &impl ConnectionTrait) {
    let sql = r#"
        SELECT 'kept' AS side, "courseId" AS c, "status" AS s, CAST("count" AS BIGINT) AS n
          FROM course_enrollment_counts k
         WHERE "count" <> (SELECT COUNT(*) FROM enrollments e
                            WHERE e."courseId" = k."courseId" AND CAST(e.status AS TEXT) = k.status)
        UNION ALL
        SELECT 'rows', g.c, g.s, g.n
          FROM (SELECT e."courseId" AS c, CAST(e.status AS TEXT) AS s, COUNT(*) AS n
                  FROM enrollments e GROUP BY e."courseId", CAST(e.status AS TEXT)) g
         WHERE g.n <> COALESCE((SELECT k."count" FROM course_enrollment_counts k
                                 WHERE k."courseId" = g.c AND k.status = g.s), 0)"#;
    let wrong = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .expect("compare the enrolment counts");
    let wrong: Vec<String> = wrong
        .iter()
        .map(|r| {
            format!(
                "{} {:?} {}",
                r.try_get::<String>("", "side").unwrap(),
                r.try_get::<String>("", "s").unwrap(),
                r.try_get::<i64>("", "n").unwrap()
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "enrolment counts differ from the rows: {wrong:?}"
    );
}

/// A copy of the app's state whose every statement is logged as the database received it
/// (the SQL with its placeholders, and the values), for tests that count or explain them.
pub fn logged_state(
    app: &TestApp,
) -> (
    AppState,
    std::sync::Arc<std::sync::Mutex<Vec<sea_orm::Statement>>>,
) {
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = log.clone();
    let state = app.state.adjusted(|s| {
        s.db.set_metric_callback(move |info| {
            seen.lock().unwrap().push(info.statement.clone());
        })
    });
    (state, log)
}
