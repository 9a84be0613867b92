//! Typed configuration: built-in defaults, then an optional TOML file, then environment
//! variables (the later wins). `validate` turns every mistake into one sentence that says
//! what to fix. Secrets are redacted in `Debug`.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Where a text setting lives in `Config`.
pub type TextField = fn(&mut Config) -> &mut Option<String>;

/// Text settings from the environment, taken exactly as written (a password `0123` stays
/// `0123`: figment would read it as the number 123). The `DB_*` names are the seed's.
pub const TEXT_ENV_VARS: &[(&str, TextField)] = &[
    ("DATABASE_URL", |c| &mut c.database.url),
    ("DB_HOST", |c| &mut c.database.host),
    ("DB_NAME", |c| &mut c.database.name),
    ("DB_USER", |c| &mut c.database.user),
    ("DB_PASSWORD", |c| &mut c.database.password),
    ("JWT_SECRET", |c| &mut c.auth.jwt_secret),
    ("COURSEWORX_PUBLIC_URL", |c| &mut c.server.public_url),
    ("COURSEWORX_METRICS_TOKEN", |c| &mut c.metrics.token),
    ("COURSEWORX_S3_BUCKET", |c| &mut c.storage.s3.bucket),
    ("COURSEWORX_S3_ENDPOINT", |c| &mut c.storage.s3.endpoint),
    ("COURSEWORX_S3_REGION", |c| &mut c.storage.s3.region),
    ("COURSEWORX_S3_ACCESS_KEY_ID", |c| {
        &mut c.storage.s3.access_key_id
    }),
    ("COURSEWORX_S3_SECRET_ACCESS_KEY", |c| {
        &mut c.storage.s3.secret_access_key
    }),
    ("COURSEWORX_S3_PREFIX", |c| &mut c.storage.s3.prefix),
];

/// The other environment variables and the configuration keys they set; the file uses the
/// keys on the right (e.g. `[database] pool_max = 10`). `COURSEWORX_LOG` is text too.
pub const ENV_VARS: &[(&str, &str)] = &[
    ("COURSEWORX_ENV", "environment"),
    ("COURSEWORX_HOST", "server.host"),
    ("COURSEWORX_PORT", "server.port"),
    ("COURSEWORX_SECURE_COOKIES", "server.secure_cookies"),
    ("COURSEWORX_DATA_DIR", "data_dir"),
    ("COURSEWORX_TRUST_PROXY", "server.trust_proxy"),
    (
        "COURSEWORX_HEADER_TIMEOUT_SECS",
        "server.header_timeout_secs",
    ),
    ("COURSEWORX_IDLE_TIMEOUT_SECS", "server.idle_timeout_secs"),
    ("COURSEWORX_MAX_CONNECTIONS", "server.max_connections"),
    (
        "COURSEWORX_SHUTDOWN_GRACE_SECS",
        "server.shutdown_grace_secs",
    ),
    ("COURSEWORX_LOG_FORMAT", "log.format"),
    ("COURSEWORX_SLOW_QUERY_MS", "log.slow_query_ms"),
    ("COURSEWORX_SLOW_QUERY_VALUES", "log.slow_query_values"),
    ("DB_PORT", "database.port"),
    ("DB_POOL_MAX", "database.pool_max"),
    ("DB_POOL_MIN", "database.pool_min"),
    ("DB_POOL_ACQUIRE_MS", "database.pool_acquire_ms"),
    ("DB_POOL_IDLE_MS", "database.pool_idle_ms"),
    ("COURSEWORX_AUTO_MIGRATE", "database.auto_migrate"),
    ("BCRYPT_COST", "auth.bcrypt_cost"),
    ("COURSEWORX_SESSION_MINUTES", "auth.session_minutes"),
    ("BCRYPT_CONCURRENCY", "auth.bcrypt_concurrency"),
    ("COURSEWORX_STORAGE_BACKEND", "storage.backend"),
    ("COURSEWORX_STORAGE_PATH", "storage.path"),
    ("COURSEWORX_AVATAR_MAX_BYTES", "uploads.avatar_max_bytes"),
    ("COURSEWORX_CSV_MAX_BYTES", "uploads.csv_max_bytes"),
    (
        "COURSEWORX_THUMBNAIL_MAX_BYTES",
        "uploads.thumbnail_max_bytes",
    ),
    (
        "COURSEWORX_DOCUMENT_MAX_BYTES",
        "uploads.document_max_bytes",
    ),
    ("COURSEWORX_IMAGE_MAX_BYTES", "uploads.image_max_bytes"),
    ("COURSEWORX_VIDEO_MAX_BYTES", "uploads.video_max_bytes"),
    ("COURSEWORX_BACKUP_EVERY_HOURS", "backup.every_hours"),
    ("COURSEWORX_BACKUP_KEEP", "backup.keep"),
    ("COURSEWORX_BACKUP_DIR", "backup.dir"),
    ("COURSEWORX_BACKUP_TO_STORAGE", "backup.to_storage"),
];

/// The shortest `/metrics` token accepted: it guards the figures from guessing.
pub const METRICS_TOKEN_MIN: usize = 16;

/// The file read when `--config` and `COURSEWORX_CONFIG` name none (optional).
pub const DEFAULT_CONFIG_FILE: &str = "courseworx.toml";
pub const DEFAULT_PORT: u16 = 8080;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Config {
    pub environment: Environment,
    pub data_dir: PathBuf,
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub auth: AuthConfig,
    pub log: LogConfig,
    pub storage: StorageConfig,
    pub uploads: UploadsConfig,
    #[serde(default)]
    pub metrics: MetricsConfig,
    #[serde(default)]
    pub backup: BackupConfig,
}

/// Scheduled backups (`services::backups`): taken by one instance, written to `dir`, the
/// `keep` newest kept.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupConfig {
    /// Hours between backups; 0 turns them off. Default: daily.
    pub every_hours: u32,
    /// How many scheduled backups are kept (at least 1).
    pub keep: usize,
    /// Where they are written (and, with `to_storage`, staged). Default:
    /// `<data_dir>/backups`.
    pub dir: Option<PathBuf>,
    /// Keep them in the file store (the S3 bucket, under `backups/`) rather than in `dir`:
    /// with several machines, the one place every instance shares.
    pub to_storage: bool,
}

impl Default for BackupConfig {
    fn default() -> Self {
        BackupConfig {
            every_hours: 24,
            keep: 7,
            dir: None,
            to_storage: false,
        }
    }
}

/// `GET /metrics` (Prometheus): off unless a token is set, and then for that bearer only.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct MetricsConfig {
    /// The bearer token a scraper must send; unset: `/metrics` answers 404.
    pub token: Option<String>,
}

impl fmt::Debug for MetricsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetricsConfig")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .finish()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServerConfig {
    pub host: IpAddr,
    pub port: u16,
    /// Behind a reverse proxy: take the client's address from the last entry of
    /// `X-Forwarded-For` (the one the proxy added) instead of the connection.
    pub trust_proxy: bool,
    /// Mark the pages' cookies `Secure` on every response (set it when a proxy serves the
    /// site over HTTPS without sending `X-Forwarded-Proto: https`).
    #[serde(default)]
    pub secure_cookies: bool,
    /// The address people reach the site at (`https://lms.example.org`), for links that
    /// leave the site: the QR code on certificates. Unset: taken from each request's
    /// `Host` header.
    #[serde(default)]
    pub public_url: Option<String>,
    /// How long a client has to send a complete request head, counted from the moment the
    /// connection opens or its previous response ends: a connection that sends nothing, or
    /// trickles its headers, or sits idle between requests (HTTP/1.1 keep-alive or HTTP/2)
    /// is closed after this.
    pub header_timeout_secs: u64,
    /// How long a request in flight may wait on its client: for the next bytes of its body,
    /// or for the client to take the response. Not the time the server spends working on
    /// the request, which is not limited here.
    pub idle_timeout_secs: u64,
    /// How many connections are served at once; further ones wait, unaccepted, for a free
    /// slot. Keep it below the process's file-descriptor limit (`ulimit -n`).
    pub max_connections: usize,
    /// After a shutdown signal, how long requests in flight may take to finish before the
    /// remaining connections are dropped.
    pub shutdown_grace_secs: u64,
}

impl ServerConfig {
    pub fn header_timeout(&self) -> Duration {
        Duration::from_secs(self.header_timeout_secs)
    }

    pub fn idle_timeout(&self) -> Duration {
        Duration::from_secs(self.idle_timeout_secs)
    }

    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct DatabaseConfig {
    /// `postgres://...` or `sqlite:...`; when unset, the `DB_*` parts or else SQLite in
    /// `data_dir`.
    #[serde(default, deserialize_with = "text")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub host: Option<String>,
    pub port: Option<u16>,
    #[serde(default, deserialize_with = "text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub user: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub password: Option<String>,
    pub pool_max: u32,
    pub pool_min: u32,
    pub pool_acquire_ms: u64,
    pub pool_idle_ms: u64,
    /// Apply pending migrations when `serve` starts.
    pub auto_migrate: bool,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct AuthConfig {
    #[serde(default, deserialize_with = "text")]
    pub jwt_secret: Option<String>,
    pub bcrypt_cost: u32,
    /// How long a login lasts.
    pub session_minutes: u32,
    /// How many bcrypt hashes run at once; unset: one fewer than the cores (at least 1).
    pub bcrypt_concurrency: Option<usize>,
}

/// Where uploaded files are kept.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StorageConfig {
    pub backend: StorageBackend,
    /// The folder of the `local` backend; unset: `<data_dir>/uploads`.
    pub path: Option<PathBuf>,
    /// The `s3` backend's bucket and where it is.
    #[serde(default)]
    pub s3: S3Config,
}

/// An S3-compatible bucket (AWS S3, MinIO, Ceph, Garage...). Unset values fall back to the
/// standard `AWS_*` variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_REGION`, `AWS_ENDPOINT`...), and credentials to the instance's role on AWS.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct S3Config {
    /// The bucket (it must exist).
    pub bucket: Option<String>,
    /// The server's address for a store other than AWS (`http://127.0.0.1:9000`); the
    /// bucket is then addressed by path (`<endpoint>/<bucket>/<key>`).
    pub endpoint: Option<String>,
    /// The region (`us-east-1` when neither this nor `AWS_REGION` says).
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub secret_access_key: Option<String>,
    /// Keys begin with this folder (`courseworx/`), for a bucket shared with other data.
    pub prefix: Option<String>,
}

impl fmt::Debug for S3Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Config")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "***"),
            )
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// The kinds of file store, built in `storage::Storage::from_config`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    /// A folder on this machine (one instance, or a shared volume).
    Local,
    /// An S3-compatible bucket (`[storage.s3]`): for several instances.
    S3,
    /// In memory, lost at exit: for tests.
    Memory,
}

/// Every upload limit, in bytes; the API and the pages apply the same ones.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UploadsConfig {
    /// The largest avatar file taken (before it is re-encoded).
    pub avatar_max_bytes: usize,
    /// The largest CSV file a user import takes.
    pub csv_max_bytes: usize,
    /// The largest course cover taken (before it is re-encoded).
    pub thumbnail_max_bytes: usize,
    /// Content files, streamed to storage (never held whole in memory): per content type.
    pub document_max_bytes: u64,
    pub image_max_bytes: u64,
    pub video_max_bytes: u64,
}

/// Streamed uploads: from 1 KiB to 64 GiB.
const STREAMED_LIMIT_RANGE: std::ops::RangeInclusive<u64> = 1024..=64 * 1024 * 1024 * 1024;

/// The bounds of every upload limit: below, no real file fits; above, one upload could
/// hold the server's memory (avatars and CSV files are read whole).
const UPLOAD_LIMIT_RANGE: std::ops::RangeInclusive<usize> = 1024..=64 * 1024 * 1024;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LogConfig {
    /// A tracing filter such as `info` or `courseworx=debug,tower_http=info`.
    pub filter: String,
    pub format: LogFormat,
    /// A statement that takes at least this long is logged (`WARN`, target
    /// `courseworx::slow_query`) with its time; 0 logs every statement.
    pub slow_query_ms: u64,
    /// Log the slow statement's values too. Off by default: they can be personal data or
    /// password hashes, and the SQL with its placeholders is usually enough.
    pub slow_query_values: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            environment: Environment::Development,
            data_dir: PathBuf::from("data"),
            server: ServerConfig {
                host: IpAddr::from([127, 0, 0, 1]),
                port: DEFAULT_PORT,
                trust_proxy: false,
                secure_cookies: false,
                public_url: None,
                header_timeout_secs: 30,
                idle_timeout_secs: 60,
                max_connections: 512,
                // Under the 30 s a container orchestrator usually waits before killing.
                shutdown_grace_secs: 20,
            },
            database: DatabaseConfig {
                url: None,
                host: None,
                port: None,
                name: None,
                user: None,
                password: None,
                // The seed's pool: max 5, min 0, acquire 30 s, idle 10 s.
                pool_max: 5,
                pool_min: 0,
                pool_acquire_ms: 30_000,
                pool_idle_ms: 10_000,
                auto_migrate: true,
            },
            auth: AuthConfig {
                jwt_secret: None,
                bcrypt_cost: crate::auth::password::DEFAULT_COST,
                session_minutes: 12 * 60,
                bcrypt_concurrency: None,
            },
            log: LogConfig {
                filter: "info,sqlx=warn".to_owned(),
                format: LogFormat::Text,
                slow_query_ms: 200,
                slow_query_values: false,
            },
            storage: StorageConfig {
                backend: StorageBackend::Local,
                path: None,
                s3: S3Config::default(),
            },
            metrics: MetricsConfig::default(),
            backup: BackupConfig::default(),
            uploads: UploadsConfig {
                avatar_max_bytes: 2 * 1024 * 1024,
                csv_max_bytes: 2 * 1024 * 1024,
                thumbnail_max_bytes: 5 * 1024 * 1024,
                document_max_bytes: 100 * 1024 * 1024,
                image_max_bytes: 20 * 1024 * 1024,
                video_max_bytes: 2 * 1024 * 1024 * 1024,
            },
        }
    }
}

/// A text setting written as a bare number in the file (`password = 123456`) is taken as
/// that text.
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Unsigned(u64),
        Signed(i64),
        Float(f64),
        Flag(bool),
    }
    Ok(Option::<Raw>::deserialize(d)?.map(|raw| match raw {
        Raw::Text(s) => s,
        Raw::Unsigned(n) => n.to_string(),
        Raw::Signed(n) => n.to_string(),
        Raw::Float(n) => n.to_string(),
        Raw::Flag(b) => b.to_string(),
    }))
}

/// Which database the configuration selects.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

impl fmt::Debug for DatabaseTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseTarget::Sqlite { path } => write!(f, "Sqlite({})", path.display()),
            DatabaseTarget::Postgres { url } => write!(f, "Postgres({})", redact_url(url)),
        }
    }
}

impl Config {
    /// Loads defaults < file < environment. `file` is `--config`; otherwise
    /// `COURSEWORX_CONFIG`, otherwise `courseworx.toml` when it exists.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let env_file = std::env::var_os("COURSEWORX_CONFIG").map(PathBuf::from);
        let explicit = file.map(Path::to_path_buf).or(env_file);
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match &explicit {
            Some(path) if !path.is_file() => {
                bail!(
                    "the configuration file {} does not exist; create it or drop --config/COURSEWORX_CONFIG",
                    path.display()
                )
            }
            Some(path) => figment = figment.merge(Toml::file(path)),
            None => figment = figment.merge(Toml::file(DEFAULT_CONFIG_FILE)),
        }
        figment = figment.merge(Env::raw().filter_map(|key| {
            ENV_VARS
                .iter()
                .find(|(name, _)| key.as_str().eq_ignore_ascii_case(name))
                .map(|(_, path)| (*path).into())
        }));
        let mut config: Config = figment.extract().map_err(|e| {
            anyhow::anyhow!(
                "the configuration is not valid: {}",
                e.to_string().replace('\n', "; ")
            )
        })?;
        for (name, field) in TEXT_ENV_VARS {
            if let Ok(value) = std::env::var(name) {
                *field(&mut config) = Some(value);
            }
        }
        if let Ok(filter) = std::env::var("COURSEWORX_LOG") {
            config.log.filter = filter;
        }
        config.validate()?;
        Ok(config)
    }

    /// Checks what can be checked without connecting; every message says what to fix.
    pub fn validate(&self) -> anyhow::Result<()> {
        let db = &self.database;
        if db.pool_max == 0 {
            bail!("DB_POOL_MAX must be at least 1");
        }
        if db.pool_min > db.pool_max {
            bail!(
                "DB_POOL_MIN ({}) must not exceed DB_POOL_MAX ({})",
                db.pool_min,
                db.pool_max
            );
        }
        let server = &self.server;
        if !(1..=3600).contains(&server.header_timeout_secs) {
            bail!("COURSEWORX_HEADER_TIMEOUT_SECS must be between 1 and 3600 (30 is the default)");
        }
        if !(1..=3600).contains(&server.idle_timeout_secs) {
            bail!("COURSEWORX_IDLE_TIMEOUT_SECS must be between 1 and 3600 (60 is the default)");
        }
        if !(1..=1_000_000).contains(&server.max_connections) {
            bail!("COURSEWORX_MAX_CONNECTIONS must be between 1 and 1000000 (512 is the default)");
        }
        if server.shutdown_grace_secs > 3600 {
            bail!("COURSEWORX_SHUTDOWN_GRACE_SECS must be at most 3600 (20 is the default)");
        }
        if !(4..=31).contains(&self.auth.bcrypt_cost) {
            bail!(
                "BCRYPT_COST must be between 4 and 31 (12 is recommended), not {}",
                self.auth.bcrypt_cost
            );
        }
        if !(1..=60 * 24 * 90).contains(&self.auth.session_minutes) {
            bail!("COURSEWORX_SESSION_MINUTES must be between 1 and 129600 (90 days)");
        }
        for (name, value) in [
            ("COURSEWORX_AVATAR_MAX_BYTES", self.uploads.avatar_max_bytes),
            ("COURSEWORX_CSV_MAX_BYTES", self.uploads.csv_max_bytes),
            (
                "COURSEWORX_THUMBNAIL_MAX_BYTES",
                self.uploads.thumbnail_max_bytes,
            ),
        ] {
            if !UPLOAD_LIMIT_RANGE.contains(&value) {
                bail!(
                    "{name} must be between {} and {} (bytes), not {value}",
                    UPLOAD_LIMIT_RANGE.start(),
                    UPLOAD_LIMIT_RANGE.end()
                );
            }
        }
        for (name, value) in [
            (
                "COURSEWORX_DOCUMENT_MAX_BYTES",
                self.uploads.document_max_bytes,
            ),
            ("COURSEWORX_IMAGE_MAX_BYTES", self.uploads.image_max_bytes),
            ("COURSEWORX_VIDEO_MAX_BYTES", self.uploads.video_max_bytes),
        ] {
            if !STREAMED_LIMIT_RANGE.contains(&value) {
                bail!(
                    "{name} must be between {} and {} (bytes), not {value}",
                    STREAMED_LIMIT_RANGE.start(),
                    STREAMED_LIMIT_RANGE.end()
                );
            }
        }
        if self.storage.backend == StorageBackend::S3 && self.storage.s3.bucket.is_none() {
            bail!(
                "COURSEWORX_STORAGE_BACKEND=s3 needs a bucket: set COURSEWORX_S3_BUCKET (or [storage.s3] bucket)"
            );
        }
        if let Some(token) = &self.metrics.token
            && token.len() < METRICS_TOKEN_MIN
        {
            bail!(
                "COURSEWORX_METRICS_TOKEN must be at least {METRICS_TOKEN_MIN} characters long: set it to a random string, e.g. the output of `openssl rand -hex 32`"
            );
        }
        if self.environment == Environment::Production {
            if self.storage.backend == StorageBackend::Memory {
                bail!(
                    "COURSEWORX_STORAGE_BACKEND=memory loses every uploaded file at exit: use local in production"
                );
            }
            match &self.auth.jwt_secret {
                None => bail!(
                    "JWT_SECRET is required in production: set it to a random string of at least 32 characters"
                ),
                Some(s) if s.len() < 32 => {
                    bail!("JWT_SECRET must be at least 32 characters long in production")
                }
                Some(s) if estimated_entropy_bits(s) < JWT_SECRET_MIN_BITS => bail!(
                    "JWT_SECRET looks guessable (too few different characters): set it to a random string, e.g. the output of `openssl rand -hex 32`"
                ),
                Some(_) => {}
            }
        }
        self.database_target().map(|_| ())
    }

    /// The database to use: `DATABASE_URL`, else the seed's `DB_*` parts, else SQLite in
    /// the data folder.
    pub fn database_target(&self) -> anyhow::Result<DatabaseTarget> {
        let db = &self.database;
        if let Some(url) = db.url.as_deref().filter(|u| !u.trim().is_empty()) {
            return parse_database_url(url.trim());
        }
        if db.host.is_some() || db.name.is_some() || db.user.is_some() {
            let user = db.user.as_deref().filter(|u| !u.is_empty()).context(
                "DB_USER is required when the database is given by DB_HOST/DB_NAME (or set DATABASE_URL)",
            )?;
            let mut url = url::Url::parse("postgres://localhost")?;
            let host = db.host.as_deref().unwrap_or("localhost");
            url.set_host(Some(host))
                .map_err(|_| anyhow::anyhow!("DB_HOST {host:?} is not a valid host name"))?;
            let _ = url.set_port(Some(db.port.unwrap_or(5432)));
            let _ = url.set_username(user);
            if let Some(password) = db.password.as_deref() {
                let _ = url.set_password(Some(password));
            }
            url.set_path(db.name.as_deref().unwrap_or("courseworx"));
            return Ok(DatabaseTarget::Postgres { url: url.into() });
        }
        Ok(DatabaseTarget::Sqlite {
            path: self.data_dir.join("courseworx.db"),
        })
    }

    /// The folder of the local file store.
    /// The folder of scheduled backups.
    pub fn backups_dir(&self) -> PathBuf {
        self.backup
            .dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("backups"))
    }

    pub fn uploads_dir(&self) -> PathBuf {
        self.storage
            .path
            .clone()
            .unwrap_or_else(|| self.data_dir.join("uploads"))
    }

    pub fn pool_acquire_timeout(&self) -> Duration {
        Duration::from_millis(self.database.pool_acquire_ms)
    }

    pub fn pool_idle_timeout(&self) -> Duration {
        Duration::from_millis(self.database.pool_idle_ms)
    }
}

fn parse_database_url(raw: &str) -> anyhow::Result<DatabaseTarget> {
    let url = url::Url::parse(raw).map_err(|e| {
        anyhow::anyhow!(
            "DATABASE_URL is malformed ({e}): expected postgres://user:password@host:5432/name or sqlite:path/to/file.db"
        )
    })?;
    match url.scheme() {
        "postgres" | "postgresql" => {
            if url.host_str().is_none_or(str::is_empty) {
                bail!("DATABASE_URL has no host: expected postgres://user:password@host:5432/name");
            }
            Ok(DatabaseTarget::Postgres {
                url: raw.to_owned(),
            })
        }
        "sqlite" => {
            // sqlite:relative/path.db, sqlite:///absolute/path.db, sqlite://relative.db
            let rest = raw["sqlite:".len()..].trim_start_matches("//");
            let path = rest.split('?').next().unwrap_or_default();
            if path.is_empty() || path.contains(":memory:") {
                bail!("DATABASE_URL must name a SQLite file, e.g. sqlite:data/courseworx.db");
            }
            let path = if raw.starts_with("sqlite:///") {
                PathBuf::from(format!("/{}", path.trim_start_matches('/')))
            } else {
                PathBuf::from(path)
            };
            Ok(DatabaseTarget::Sqlite { path })
        }
        other => {
            bail!("DATABASE_URL uses the unsupported scheme {other:?}: use postgres:// or sqlite:")
        }
    }
}

/// The URL with its password replaced by `***`, for logs and error messages.
pub fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        Err(_) => "<malformed url>".to_owned(),
    }
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &self.url.as_deref().map(redact_url))
            .field("host", &self.host)
            .field("port", &self.port)
            .field("name", &self.name)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("pool_max", &self.pool_max)
            .field("pool_min", &self.pool_min)
            .field("pool_acquire_ms", &self.pool_acquire_ms)
            .field("pool_idle_ms", &self.pool_idle_ms)
            .field("auto_migrate", &self.auto_migrate)
            .finish()
    }
}

impl fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthConfig")
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "***"))
            .field("bcrypt_cost", &self.bcrypt_cost)
            .field("session_minutes", &self.session_minutes)
            .field("bcrypt_concurrency", &self.bcrypt_concurrency)
            .finish()
    }
}

/// A production JWT secret must look random: at least this many bits by the estimate below
/// (32 random hex digits give about 115; 32 × "a" gives 0).
const JWT_SECRET_MIN_BITS: f64 = 96.0;

/// A rough upper bound on a secret's randomness: its length times the Shannon entropy of
/// its characters. It cannot prove a secret random, only catch the obviously guessable
/// (repeated characters, a short alphabet).
fn estimated_entropy_bits(secret: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for c in secret.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let n = secret.chars().count() as f64;
    let per_char: f64 = counts
        .values()
        .map(|&k| {
            let p = k as f64 / n;
            -p * p.log2()
        })
        .sum();
    per_char * n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_db(f: impl FnOnce(&mut DatabaseConfig)) -> Config {
        let mut c = Config::default();
        f(&mut c.database);
        c
    }

    #[test]
    fn defaults_select_sqlite_in_the_data_folder() {
        let c = Config::default();
        c.validate().unwrap();
        assert_eq!(
            c.database_target().unwrap(),
            DatabaseTarget::Sqlite {
                path: PathBuf::from("data/courseworx.db")
            }
        );
        assert_eq!(c.server.port, DEFAULT_PORT);
        assert_eq!(c.server.host.to_string(), "127.0.0.1");
        assert_eq!((c.database.pool_max, c.database.pool_min), (5, 0));
        assert_eq!(c.server.header_timeout(), Duration::from_secs(30));
        assert_eq!(c.server.idle_timeout(), Duration::from_secs(60));
        assert_eq!(c.server.max_connections, 512);
        assert_eq!(c.server.shutdown_grace(), Duration::from_secs(20));
    }

    #[test]
    fn connection_limits_out_of_range_are_refused() {
        type Set = fn(&mut ServerConfig);
        let cases: [(Set, &str); 4] = [
            (
                |s| s.header_timeout_secs = 0,
                "COURSEWORX_HEADER_TIMEOUT_SECS",
            ),
            (|s| s.idle_timeout_secs = 0, "COURSEWORX_IDLE_TIMEOUT_SECS"),
            (|s| s.max_connections = 0, "COURSEWORX_MAX_CONNECTIONS"),
            (
                |s| s.shutdown_grace_secs = 7200,
                "COURSEWORX_SHUTDOWN_GRACE_SECS",
            ),
        ];
        for (set, name) in cases {
            let mut c = Config::default();
            set(&mut c.server);
            let err = c.validate().unwrap_err().to_string();
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn seed_parts_build_a_postgres_url_with_an_encoded_password() {
        let c = with_db(|d| {
            d.host = Some("db.internal".into());
            d.user = Some("lms".into());
            d.password = Some("p@ss/w:rd".into());
        });
        let DatabaseTarget::Postgres { url } = c.database_target().unwrap() else {
            panic!("expected postgres")
        };
        assert_eq!(
            url,
            "postgres://lms:p%40ss%2Fw%3Ard@db.internal:5432/courseworx"
        );
        assert!(!format!("{:?}", c.database).contains("p@ss"));
    }

    #[test]
    fn seed_parts_without_a_user_are_refused() {
        let c = with_db(|d| d.host = Some("localhost".into()));
        let err = c.validate().unwrap_err().to_string();
        assert!(err.contains("DB_USER"), "{err}");
    }

    #[test]
    fn malformed_and_unsupported_urls_say_what_to_fix() {
        for (url, needle) in [
            ("not a url", "malformed"),
            ("mysql://x@y/z", "unsupported scheme"),
            ("postgres:///nohost", "no host"),
            ("sqlite::memory:", "SQLite file"),
        ] {
            let c = with_db(|d| d.url = Some(url.into()));
            let err = c.validate().unwrap_err().to_string();
            assert!(err.contains(needle), "{url}: {err}");
        }
    }

    #[test]
    fn sqlite_urls_become_paths() {
        for (url, path) in [
            ("sqlite:data/x.db", "data/x.db"),
            ("sqlite://rel.db?mode=rwc", "rel.db"),
            ("sqlite:///abs/x.db", "/abs/x.db"),
        ] {
            let c = with_db(|d| d.url = Some(url.into()));
            assert_eq!(
                c.database_target().unwrap(),
                DatabaseTarget::Sqlite { path: path.into() }
            );
        }
    }

    #[test]
    fn production_requires_a_long_secret() {
        let mut c = Config {
            environment: Environment::Production,
            ..Config::default()
        };
        assert!(c.validate().unwrap_err().to_string().contains("JWT_SECRET"));
        c.auth.jwt_secret = Some("short".into());
        assert!(c.validate().is_err());
        for guessable in ["a".repeat(32), "ab".repeat(32), "password".repeat(4)] {
            c.auth.jwt_secret = Some(guessable.clone());
            let e = c.validate().unwrap_err().to_string();
            assert!(e.contains("guessable"), "{guessable}: {e}");
        }
        // 32 random hex digits, and the recommended 64.
        for random in [
            "9f86d081884c7d659a2feaa0c55ad015",
            "a3f1c09be27d4485b6e0f2c79d13a8e5b04c6f7d2e9a1b38c5d7e0f4a6b2c9d1",
        ] {
            c.auth.jwt_secret = Some(random.into());
            c.validate().unwrap();
        }
        assert!(!format!("{:?}", c.auth).contains("9f86d0"));
    }

    #[test]
    fn uploads_default_to_the_data_folder_and_limits_are_bounded() {
        let mut c = Config::default();
        assert_eq!(c.uploads_dir(), PathBuf::from("data/uploads"));
        assert_eq!(c.uploads.avatar_max_bytes, 2 * 1024 * 1024);
        c.storage.path = Some("/srv/files".into());
        assert_eq!(c.uploads_dir(), PathBuf::from("/srv/files"));
        c.uploads.avatar_max_bytes = 10;
        let err = c.validate().unwrap_err().to_string();
        assert!(err.contains("COURSEWORX_AVATAR_MAX_BYTES"), "{err}");
        let mut c = Config {
            environment: Environment::Production,
            ..Config::default()
        };
        c.auth.jwt_secret = Some("x".repeat(32));
        c.storage.backend = StorageBackend::Memory;
        let err = c.validate().unwrap_err().to_string();
        assert!(err.contains("memory"), "{err}");
    }

    #[test]
    // The closure's error type is figment's own.
    #[allow(clippy::result_large_err)]
    fn storage_and_upload_settings_come_from_the_environment() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("COURSEWORX_STORAGE_BACKEND", "memory");
            jail.set_env("COURSEWORX_STORAGE_PATH", "/srv/uploads");
            jail.set_env("COURSEWORX_AVATAR_MAX_BYTES", "5242880");
            jail.set_env("COURSEWORX_CSV_MAX_BYTES", "1048576");
            let c = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(c.storage.backend, StorageBackend::Memory);
            assert_eq!(c.uploads_dir(), PathBuf::from("/srv/uploads"));
            assert_eq!(c.uploads.avatar_max_bytes, 5 * 1024 * 1024);
            assert_eq!(c.uploads.csv_max_bytes, 1024 * 1024);
            Ok(())
        });
    }

    #[test]
    fn bad_pool_and_cost_are_refused() {
        let c = with_db(|d| {
            d.pool_min = 6;
        });
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("DB_POOL_MIN")
        );
        let mut c = Config::default();
        c.auth.bcrypt_cost = 3;
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("BCRYPT_COST")
        );
    }
}
