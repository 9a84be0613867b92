//! `courseworx demo --scale N [--enrolments M]`: fills the configured database with a
//! realistic organisation, reproducibly from a seed, in seconds.
//!
//! - `plan`: how many users, courses and enrolments a scale makes (pure, tested);
//! - `names`: names, titles and text from word lists;
//! - `people`, `catalogue`, `learning`: the rows, in that order, made on a blocking thread
//!   of their own (`generate`);
//! - `sink`: the rows gathered into batches per table and handed on, parents first;
//! - `copy`: PostgreSQL's `COPY` text for a row;
//! - `writer`: the one transaction the batches go into (`COPY` on PostgreSQL, multi-row
//!   `INSERT` on SQLite), with the secondary indexes and foreign keys made again after;
//! - `tables`: the columns written.
//!
//! Every row is what the application itself would have written: the counters on courses
//! equal the enrolments they count, `progress` equals a recount of `lesson_completions`,
//! every enrolment's history starts with the price it was sold at, attempts hold their
//! questions as `domain::attempt::Drawn`, and `course_stats` is left empty (recounted on
//! first read). Ids are UUIDv7 made from each row's timestamp and the seeded RNG, so the
//! same seed and date give the same database, ids included.

mod catalogue;
mod copy;
mod learning;
mod names;
mod people;
pub mod plan;
mod sink;
mod tables;
pub mod tokens;
mod writer;

use std::fmt;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DbBackend, DbErr};
use uuid::Uuid;

pub use plan::{BadScale, MAX_SCALE, Plan};

/// Every demo user's password.
pub const PASSWORD: &str = "demo-password";
/// The demo users' email domain (`.test`: never a real address).
pub const EMAIL_DOMAIN: &str = "demo.courseworx.test";
/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 42;
/// Course #1's title: the course with the biggest class and the benchmark quiz.
pub const BENCHMARK_COURSE_TITLE: &str = "Benchmark: Workplace Safety Fundamentals #1";
/// The benchmark quiz's title (16 questions, unlimited attempts, untimed).
pub const BENCHMARK_QUIZ_TITLE: &str = "Benchmark quiz";

pub fn admin_email() -> String {
    format!("admin@{EMAIL_DOMAIN}")
}

/// The n-th trainer (from 1).
pub fn trainer_email(n: u32) -> String {
    format!("trainer{n}@{EMAIL_DOMAIN}")
}

/// The n-th trainee (from 1). Trainees 1 to trainees/2 are enrolled in course #1.
pub fn trainee_email(n: u32) -> String {
    format!("trainee{n}@{EMAIL_DOMAIN}")
}

#[derive(Debug, Clone)]
pub struct Options {
    pub scale: u64,
    /// Enrolments instead of the scale's own (200 per course): `--enrolments`.
    pub enrolments: Option<u64>,
    /// Courses with the full outline, the others light (`plan::FULL_OUTLINES`).
    pub full_outlines: u32,
    pub seed: u64,
    /// Add to a database that already holds users.
    pub force: bool,
    /// The day the data leads up to (timestamps fall in the months before it): with the
    /// same seed and day the data is identical.
    pub as_of: NaiveDate,
}

impl Options {
    pub fn new(scale: u64) -> Options {
        Options {
            scale,
            enrolments: None,
            full_outlines: plan::FULL_OUTLINES,
            seed: DEFAULT_SEED,
            force: false,
            as_of: crate::clock::now().date_naive(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Scale(#[from] BadScale),
    #[error(
        "the database already holds {0} user(s): the demo data is meant for an empty database \
         (pass --force to add it anyway)"
    )]
    NotEmpty(u64),
    #[error(
        "the database already holds demo users (@{EMAIL_DOMAIN}): start from an empty database"
    )]
    AlreadyDemo,
    #[error("hashing the demo password failed: {0}")]
    Hash(String),
    #[error("writing the demo data failed: {0}")]
    Db(#[from] DbErr),
}

/// What was written, and how long it took.
#[derive(Debug, Clone)]
pub struct Report {
    pub backend: DbBackend,
    pub scale: u32,
    pub seed: u64,
    pub rows: Vec<(&'static str, u64)>,
    pub generated: Duration,
    pub analysed: Duration,
    pub benchmark_course: Uuid,
    pub benchmark_quiz: Uuid,
}

impl Report {
    pub fn rows_of(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total_rows(&self) -> u64 {
        self.rows.iter().map(|(_, n)| n).sum()
    }

    pub fn elapsed(&self) -> Duration {
        self.generated + self.analysed
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let backend = match self.backend {
            DbBackend::Postgres => "PostgreSQL",
            _ => "SQLite",
        };
        writeln!(
            f,
            "demo data, scale {} (seed {}) on {backend}:",
            self.scale, self.seed
        )?;
        for (table, n) in &self.rows {
            writeln!(f, "  {table:<26} {n:>12}")?;
        }
        writeln!(f, "  {:<26} {:>12}", "total", self.total_rows())?;
        let secs = self.generated.as_secs_f64();
        let rate = if secs > 0.0 {
            self.total_rows() as f64 / secs
        } else {
            0.0
        };
        writeln!(
            f,
            "written in {secs:.2} s ({rate:.0} rows/s), statistics updated in {:.2} s, total {:.2} s",
            self.analysed.as_secs_f64(),
            self.elapsed().as_secs_f64()
        )?;
        writeln!(
            f,
            "sign in as {} / {} / {} (password: {PASSWORD})",
            admin_email(),
            trainer_email(1),
            trainee_email(1)
        )?;
        write!(
            f,
            "benchmark course: {} ({BENCHMARK_COURSE_TITLE}); benchmark quiz: {} ({BENCHMARK_QUIZ_TITLE})",
            self.benchmark_course, self.benchmark_quiz
        )
    }
}

/// The seeded RNG, the clock the data leads up to, and UUIDv7 ids made from both.
pub(crate) struct Gen {
    pub rng: StdRng,
    /// Midnight at the start of `as_of`: every timestamp is before it.
    pub now: DateTime<Utc>,
}

impl Gen {
    fn new(seed: u64, as_of: NaiveDate) -> Gen {
        Gen {
            rng: StdRng::seed_from_u64(seed),
            now: as_of.and_time(chrono::NaiveTime::MIN).and_utc(),
        }
    }

    /// A time-ordered id for a row made at `at` (UUIDv7: the milliseconds, then RNG bytes).
    pub fn id(&mut self, at: DateTime<Utc>) -> Uuid {
        let mut bytes = [0u8; 10];
        self.rng.fill(&mut bytes);
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }

    /// `days` days before `now`.
    pub fn days_ago(&self, days: i64) -> DateTime<Utc> {
        self.now - TimeDelta::days(days)
    }

    /// A time in `[from, to)` to the second (`from` when the range is empty).
    pub fn between(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
        let span = (to - from).num_seconds();
        if span <= 0 {
            return from;
        }
        from + TimeDelta::seconds(self.rng.random_range(0..span))
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }
}

/// Generates the demo data into `db`, migrated already, in one transaction.
pub async fn run(db: &crate::db::Db, options: &Options) -> Result<Report, DemoError> {
    let mut plan = Plan::with_enrolments(options.scale, options.enrolments)?;
    plan.full_outlines = options.full_outlines;
    let backend = db.get_database_backend();
    let existing = count(db, "SELECT COUNT(*) AS n FROM users").await?;
    if existing > 0 {
        let demo = count(
            db,
            &format!("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%@{EMAIL_DOMAIN}'"),
        )
        .await?;
        if demo > 0 {
            return Err(DemoError::AlreadyDemo);
        }
        if !options.force {
            return Err(DemoError::NotEmpty(existing));
        }
    }
    let started = Instant::now();
    let mut g = Gen::new(options.seed, options.as_of);
    let mut salt = [0u8; 16];
    g.rng.fill(&mut salt);
    let cost = crate::auth::password::cost();
    let hash = tokio::task::spawn_blocking(move || bcrypt::hash_with_salt(PASSWORD, cost, salt))
        .await
        .map_err(|e| DemoError::Hash(e.to_string()))?
        .map_err(|e| DemoError::Hash(e.to_string()))?
        .to_string();

    // The generator makes the rows on a thread of its own; this task writes them.
    let mut writer = writer::Writer::begin(db, &tables::ALL).await?;
    let (out, mut batches) = tokio::sync::mpsc::channel(QUEUED_BATCHES);
    let generator = tokio::task::spawn_blocking(move || generate(backend, out, g, plan, &hash));
    let mut spent = writer::Spent::default();
    let mut idle = Duration::ZERO;
    let written = async {
        loop {
            let waiting = Instant::now();
            let Some(batch) = batches.recv().await else {
                break;
            };
            idle += waiting.elapsed();
            let (table, rows) = batch.what();
            let writing = Instant::now();
            writer.write(batch).await?;
            spent.add(table, writing.elapsed(), rows);
        }
        Ok::<(), DbErr>(())
    }
    .await;
    spent.log();
    tracing::info!("demo: the writer waited {idle:.2?} for the generator");
    // A failed write closes the channel, which stops the generator at its next batch.
    drop(batches);
    let generated = generator
        .await
        .map_err(|e| DemoError::Db(DbErr::Custom(format!("the generator failed: {e}"))))?;
    written?;
    let summary = generated.map_err(|stopped| match stopped {
        sink::Stopped::Unsupported(e) => DemoError::Db(DbErr::Custom(e)),
        sink::Stopped::Writer => DemoError::Db(DbErr::Custom("the writer stopped".to_owned())),
    })?;
    tracing::info!("demo: rows written in {:.2?}", started.elapsed());
    writer.commit(&[COUNTERS]).await?;
    let generated = started.elapsed();

    let analysing = Instant::now();
    match backend {
        DbBackend::Postgres => db.execute_unprepared("ANALYZE").await?,
        _ => db.execute_unprepared("PRAGMA optimize").await?,
    };
    let (benchmark_course, benchmark_quiz) = summary.benchmark;
    Ok(Report {
        backend,
        scale: summary.scale,
        seed: options.seed,
        rows: summary.rows,
        generated,
        analysed: analysing.elapsed(),
        benchmark_course,
        benchmark_quiz,
    })
}

/// The counters as the application keeps them (`domain::enrolment`): places held and
/// completions, counted in one pass over the enrolments (every course has a class).
const COUNTERS: &str = r#"UPDATE courses SET
    "enrollmentCount" = c.held,
    "completionCount" = c.done
  FROM (SELECT "courseId",
               SUM(CASE WHEN status <> 'dropped' THEN 1 ELSE 0 END) AS held,
               SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS done
          FROM enrollments GROUP BY "courseId") AS c
  WHERE c."courseId" = courses.id"#;

/// Batches made but not yet written: enough to keep both sides busy.
const QUEUED_BATCHES: usize = 8;

/// What the generator made.
struct Summary {
    scale: u32,
    rows: Vec<(&'static str, u64)>,
    benchmark: (Uuid, Uuid),
}

/// Makes every row, parents first, and hands them to `out` in batches.
fn generate(
    backend: DbBackend,
    out: tokio::sync::mpsc::Sender<sink::Chunk>,
    mut g: Gen,
    plan: Plan,
    hash: &str,
) -> Result<Summary, sink::Stopped> {
    let library = catalogue::Library::new(&mut g);
    let mut sink = sink::Sink::new(backend, &tables::ALL, out);
    let people = people::write(&mut sink, &mut g, &plan, hash)?;
    let mut benchmark = (Uuid::nil(), Uuid::nil());
    for (number, &class) in plan.class_sizes.iter().enumerate() {
        let light = !plan.full_outline(number);
        let course = catalogue::write(&mut sink, &mut g, &people, &library, number, light)?;
        if number == 0 {
            benchmark = (course.id, course.quizzes[0].id);
        }
        learning::write(&mut sink, &mut g, &people, &course, class)?;
    }
    Ok(Summary {
        scale: plan.scale,
        rows: sink.finish()?,
        benchmark,
    })
}

async fn count(db: &impl ConnectionTrait, sql: &str) -> Result<u64, DbErr> {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await?;
    match row {
        Some(row) => crate::db::raw_count(&row, "n"),
        None => Ok(0),
    }
}
