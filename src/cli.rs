//! The command line: `serve` (default), `migrate`, `create-admin`, `demo`, `backup`
//! (`export`), `restore` (`import`), `bench-tokens`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::domain::user::NewAdmin;
use crate::services::admins::{self, AdminOutcome};
use crate::{db, startup, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "courseworx",
    version,
    about = "CourseWorx learning management system"
)]
pub struct Cli {
    /// Configuration file (TOML). Default: COURSEWORX_CONFIG, else ./courseworx.toml if present.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web pages and the API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a super admin, or reset the one with this email. Asks for what is missing.
    CreateAdmin {
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        first_name: Option<String>,
        #[arg(long)]
        last_name: Option<String>,
        /// Prefer the prompt or COURSEWORX_ADMIN_PASSWORD: flags show up in `ps`.
        #[arg(long, env = "COURSEWORX_ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Fill the database with a generated organisation (courses, trainers, trainees and
    /// their learning) for demonstrations and benchmarks. Every user's password is
    /// `demo-password`.
    Demo {
        /// How many courses (1 to 100000); trainees are 20 per course (at least 50), with
        /// about ten enrolments each.
        #[arg(long, visible_alias = "courses")]
        scale: u64,
        /// How many enrolments instead (2 per course and at least 500, to 20000000);
        /// trainees are a tenth of them. The benchmark scenario S7:
        /// `--courses 100000 --enrolments 1000000`.
        #[arg(long, visible_alias = "enrollments")]
        enrolments: Option<u64>,
        /// Courses with the full outline (sections of lessons, quizzes, classroom); the
        /// ones after have one section of three articles.
        #[arg(long, default_value_t = crate::demo::plan::FULL_OUTLINES)]
        full_outlines: u32,
        /// The same seed (and --as-of day) gives the same data, ids included.
        #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
        seed: u64,
        /// Add the data to a database that already holds users.
        #[arg(long)]
        force: bool,
        /// The day the data leads up to, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Write a backup: every table (as of one moment) and every file its rows name, in one
    /// archive (`.tar.gz`) with a manifest of counts and checksums. The server may be
    /// running. The archive is database-neutral: `export` is the same command, and its
    /// archive restores (`import`s) into SQLite or PostgreSQL alike.
    #[command(visible_alias = "export")]
    Backup {
        /// Where to write the archive.
        #[arg(long, required_unless_present_any = ["verify", "list"], conflicts_with = "verify")]
        out: Option<PathBuf>,
        /// Instead of writing one: restore this archive into a scratch database and folder
        /// and compare every table's count and file's checksum (restore testing).
        #[arg(long, value_name = "FILE")]
        verify: Option<PathBuf>,
        /// With --verify: the scratch database, which must be empty (default: a SQLite file
        /// in a temporary folder).
        #[arg(long, value_name = "URL", requires = "verify")]
        scratch_database: Option<String>,
        /// List the scheduled backups kept in the file store (`backup.to_storage`).
        #[arg(long, conflicts_with_all = ["verify", "out", "fetch"])]
        list: bool,
        /// Copy this scheduled backup from the file store to --out (then `restore` it).
        #[arg(long, value_name = "NAME", requires = "out")]
        fetch: Option<String>,
    },
    /// Restore a backup (or `import` an export) into this configuration's database and
    /// storage, which must be empty. Checks the whole archive before writing anything, and
    /// writes all of it or nothing. Stop the servers first.
    #[command(visible_alias = "import")]
    Restore {
        /// The archive.
        file: PathBuf,
        /// Replace whatever the database and storage hold.
        #[arg(long)]
        force: bool,
    },
    /// Sign in the demo's benchmark course trainees for the benchmark suite (bench/run):
    /// opens a session for each, as a sign-in does, and writes `email token` lines to a
    /// file (readable by its owner only). Tokens are signed with the server's secret (the
    /// data folder's, or JWT_SECRET): run it with the server's configuration.
    BenchTokens {
        /// How many trainees (those actively enrolled in course #1, at most).
        #[arg(long)]
        count: usize,
        /// Where to write the tokens.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs the command line; the error, if any, is one sentence for the operator.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    telemetry::init(&config.log);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::run(config).await,
        Command::Migrate => {
            let conn = db::connect(&config).await?;
            db::migrate(&conn).await?;
            println!("migrations applied ({})", db::backend_name(&conn));
            Ok(())
        }
        Command::CreateAdmin {
            email,
            first_name,
            last_name,
            password,
        } => {
            let email = value_or_prompt(email, "Email")?;
            let first_name = value_or_prompt(first_name, "First name")?;
            let last_name = value_or_prompt(last_name, "Last name")?;
            let password = match password {
                Some(p) => p,
                None => prompt_password()?,
            };
            let admin = NewAdmin::parse(&first_name, &last_name, &email, &password)
                .map_err(|e| anyhow::anyhow!("the super admin is not valid: {e}"))?;
            let email = admin.email.clone();
            crate::auth::password::set_cost(config.auth.bcrypt_cost);
            let conn = db::connect(&config).await?;
            db::migrate(&conn).await?;
            match admins::create_or_reset(&conn, admin).await? {
                AdminOutcome::Created => println!("super admin {email} created"),
                AdminOutcome::Reset => println!("super admin {email} reset"),
            }
            Ok(())
        }
        Command::Demo {
            scale,
            enrolments,
            full_outlines,
            seed,
            force,
            as_of,
        } => {
            // Refused before connecting: a bad scale is a usage error, not a database one.
            crate::demo::Plan::with_enrolments(scale, enrolments)?;
            crate::auth::password::set_cost(config.auth.bcrypt_cost);
            // The load's batched inserts take long by design; the slow-query log is for
            // the application's statements, and would print every batch.
            let mut config = config;
            config.log.slow_query_ms = u64::MAX;
            let conn = db::connect(&config).await?;
            db::migrate(&conn).await?;
            let mut options = crate::demo::Options::new(scale);
            options.enrolments = enrolments;
            options.full_outlines = full_outlines;
            options.seed = seed;
            options.force = force;
            if let Some(day) = as_of {
                options.as_of = day;
            }
            let report = crate::demo::run(&conn, &options).await?;
            println!("{report}");
            Ok(())
        }
        Command::Backup {
            out,
            verify: Some(archive),
            scratch_database,
            ..
        } => {
            let _ = out;
            let verified =
                crate::services::backups::verify(&config, &archive, scratch_database).await?;
            let m = &verified.manifest;
            for (table, listed, found) in &verified.mismatches {
                println!("{table}: {listed} rows in the archive, {found} restored");
            }
            for key in &verified.bad_files {
                println!("{key}: restored file differs");
            }
            if !verified.ok() {
                bail!("{} failed the restore test", archive.display());
            }
            println!(
                "{} restores: {} rows in {} tables and {} files ({} bytes) match the manifest (written {} from {})",
                archive.display(),
                m.rows(),
                m.tables.len(),
                m.files.len(),
                m.file_bytes(),
                m.created_at.format("%Y-%m-%d %H:%M UTC"),
                m.source
            );
            Ok(())
        }
        Command::Backup { list: true, .. } => {
            let storage = crate::storage::Storage::from_config(&config)?;
            let names = storage.backup_names().await?;
            if names.is_empty() {
                eprintln!("the file store holds no scheduled backups");
            }
            for name in names {
                println!("{name}");
            }
            Ok(())
        }
        Command::Backup {
            out: Some(out),
            fetch: Some(name),
            ..
        } => {
            let storage = crate::storage::Storage::from_config(&config)?;
            let bytes = crate::services::backups::fetch(&storage, &name, &out).await?;
            println!("{name} ({bytes} bytes) copied to {}", out.display());
            Ok(())
        }
        Command::Backup { out, .. } => {
            let out = out.context("--out is required")?;
            let mut config = config;
            config.log.slow_query_ms = u64::MAX;
            let db = db::connect(&config).await?;
            let storage = crate::storage::Storage::from_config(&config)?;
            let m = crate::services::backups::write(&db, &storage, &out).await?;
            println!(
                "backup written to {}: {} rows in {} tables, {} files ({} bytes); {}",
                out.display(),
                m.rows(),
                m.tables.len(),
                m.files.len(),
                m.file_bytes(),
                m.snapshot
            );
            for key in &m.missing_files {
                println!(
                    "note: {key} was deleted while the backup ran; its row is in the backup, the file is not"
                );
            }
            Ok(())
        }
        Command::Restore { file, force } => {
            use crate::services::backups::{self, Target};
            // The whole archive is checked before the target is touched (a new SQLite
            // file, its migrations).
            let backend = match config.database_target()? {
                crate::config::DatabaseTarget::Postgres { .. } => sea_orm::DbBackend::Postgres,
                crate::config::DatabaseTarget::Sqlite { .. } => sea_orm::DbBackend::Sqlite,
            };
            let checked = backups::check(&file, backend).await?;
            let mut config = config;
            config.log.slow_query_ms = u64::MAX;
            let db = db::connect(&config).await?;
            db::migrate(&db).await?;
            let storage = crate::storage::Storage::from_config(&config)?;
            let target = if force {
                Target::Replace
            } else {
                Target::MustBeEmpty
            };
            let m = backups::load(&db, &storage, checked, target).await?;
            println!(
                "restored {} into {}: {} rows in {} tables, {} files ({} bytes)",
                file.display(),
                db::backend_name(&db),
                m.rows(),
                m.tables.len(),
                m.files.len(),
                m.file_bytes()
            );
            Ok(())
        }
        Command::BenchTokens { count, out } => {
            let state = startup::build_state(config).await?;
            let minted = crate::demo::tokens::mint(&state, count)
                .await
                .map_err(|e| anyhow::anyhow!("cannot open the sessions: {e}"))?;
            crate::demo::tokens::write_file(&out, &minted)
                .with_context(|| format!("cannot write the tokens to {}", out.display()))?;
            println!(
                "{} session(s) of trainees of \"{}\" written to {}",
                minted.len(),
                crate::demo::BENCHMARK_COURSE_TITLE,
                out.display()
            );
            Ok(())
        }
    }
}

fn value_or_prompt(value: Option<String>, label: &str) -> anyhow::Result<String> {
    if let Some(v) = value {
        return Ok(v);
    }
    print!("{label}: ");
    std::io::stdout().flush()?;
    read_line(label)
}

fn read_line(label: &str) -> anyhow::Result<String> {
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read from standard input")?;
    if n == 0 {
        bail!("{label} is required: pass it as a flag or type it at the prompt");
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn prompt_password() -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        return read_line("Password");
    }
    let first = rpassword::prompt_password("Password: ")?;
    let second = rpassword::prompt_password("Repeat the password: ")?;
    if first != second {
        bail!("the two passwords differ: run the command again");
    }
    Ok(first)
}
