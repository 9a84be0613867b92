//! Backups, restores, and moves between databases: one archive format for all of them.
//!
//! An archive is a gzip-compressed tar of
//! - `manifest.json` first (`domain::backup::Manifest`): the format, the schema, each
//!   table's row count and checksum, each file's size and checksum;
//! - `tables/<table>.jsonl`, in restore order: the rows in `db::dump`'s neutral form, so an
//!   archive of SQLite restores into PostgreSQL and back (`export`/`import` are the same);
//! - `files/<storage key>`: every file a row names.
//!
//! Writing copies the stored files first (a key's file never changes, so a file replaced
//! while the backup runs is still in it), then reads every table in one snapshot
//! (PostgreSQL: a `REPEATABLE READ`, read-only transaction; SQLite: one read transaction,
//! which in WAL mode sees the database as of its first read while writers go on), so a
//! backup taken under load is consistent; it keeps the copies the snapshot's rows name. It
//! stages the entries in a temporary folder beside the output, then writes the archive
//! under a temporary name and renames it: a backup cut short never has the final name.
//!
//! Reading unpacks and checks the whole archive (`check`: every line parsed, every checksum
//! and count compared with the manifest) before the target is touched; then `load` writes
//! every row in one transaction and stores the files before committing. A damaged archive
//! is refused naming its entry and line, and the target is left as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use bytes::Bytes;
use futures_util::StreamExt;
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseTransaction, DbBackend, IsolationLevel, TransactionTrait,
};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

use crate::config::Config;
use crate::db::dump::{self, INSERT_BATCH, Row, Table};
use crate::db::{self, Db};
use crate::domain::backup::{
    self, FILES_DIR, FORMAT, FileEntry, MANIFEST, Manifest, TABLES_DIR, TableEntry,
};
use crate::storage::{Folder, Storage, StorageError, StorageKey};

/// Rows read from the database per query while writing.
const READ_BATCH: u64 = 1_000;
/// The largest manifest read: far above any real one (a line per file).
const MANIFEST_MAX: u64 = 256 * 1024 * 1024;

/// The last migration this build knows: the schema it writes and restores.
pub fn schema_version() -> String {
    use migration::MigratorTrait;
    migration::Migrator::migrations()
        .last()
        .map(|m| m.name().to_owned())
        .unwrap_or_default()
}

/// The last migration applied to the database.
async fn applied_schema(db: &impl ConnectionTrait) -> anyhow::Result<String> {
    let sql = r#"SELECT "version" FROM "seaql_migrations" ORDER BY "version" DESC LIMIT 1"#;
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql,
        ))
        .await
        .context("cannot read the database's schema version")?;
    Ok(row
        .map(|r| r.try_get::<String>("", "version"))
        .transpose()?
        .unwrap_or_default())
}

/// Writes a backup of `db` and the files its rows name to `out` (replaced if it exists).
/// The server may be running.
pub async fn write(db: &Db, storage: &Storage, out: &Path) -> anyhow::Result<Manifest> {
    if out.is_dir() {
        bail!("{} is a folder: name the archive's file", out.display());
    }
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create the folder {}", folder.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".courseworx-backup-")
        .tempdir_in(&folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    tokio::fs::create_dir_all(staging.path().join(TABLES_DIR)).await?;

    // Files first. A stored file never changes (every upload gets a new key), so a copy
    // made now is the file any later row names; copying before the snapshot means a file
    // replaced (and deleted) while the backup runs is still in it.
    let files_dir = staging.path().join(FILES_DIR);
    let mut copied: BTreeMap<String, FileEntry> = BTreeMap::new();
    for folder in Folder::ALL {
        for key in storage.list(folder).await? {
            let path = files_dir.join(key.as_str());
            if let Some(entry) = copy_file(storage, &key, &path).await? {
                copied.insert(entry.key.clone(), entry);
            }
        }
    }

    let (txn, snapshot) = begin_snapshot(db).await?;
    let schema = applied_schema(&txn).await?;
    if schema != schema_version() {
        bail!(
            "the database's schema is {schema}, and this CourseWorx writes {}: run `courseworx migrate` first, or back up with the release that matches the database",
            schema_version()
        );
    }
    let mut tables = Vec::new();
    for table in dump::tables() {
        let path = staging
            .path()
            .join(TABLES_DIR)
            .join(format!("{}.jsonl", table.name()));
        tables.push(write_table(&txn, table.as_ref(), &path).await?);
    }
    let named = crate::services::files::named(&txn).await?;
    txn.commit().await?;

    let mut files = Vec::new();
    let mut missing_files = Vec::new();
    for key in named {
        let Some(parsed) = StorageKey::parse(&key) else {
            // Not a name the application gives: nothing of ours to copy.
            continue;
        };
        if let Some(entry) = copied.remove(&key) {
            files.push(entry);
            continue;
        }
        // Uploaded after the copies above.
        match copy_file(storage, &parsed, &files_dir.join(parsed.as_str())).await? {
            Some(entry) => files.push(entry),
            None => missing_files.push(key),
        }
    }
    // Copies no row of the snapshot names (files replaced before it, orphans) stay out.
    for key in copied.keys() {
        let _ = tokio::fs::remove_file(files_dir.join(key)).await;
    }
    for key in &missing_files {
        tracing::warn!(
            key,
            "a file uploaded and deleted again while the backup ran is not in it"
        );
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        application: format!("courseworx {}", env!("CARGO_PKG_VERSION")),
        schema,
        created_at: crate::clock::now(),
        source: db::backend_name(db).to_owned(),
        snapshot,
        tables,
        files,
        missing_files,
    };
    let (staged, out_path, written) = (
        staging.path().to_path_buf(),
        out.to_path_buf(),
        manifest.clone(),
    );
    tokio::task::spawn_blocking(move || pack(&staged, &written, &out_path))
        .await
        .map_err(|e| anyhow!("the archive writer stopped: {e}"))??;
    Ok(manifest)
}

/// A transaction that sees one moment of the database, and how it does.
async fn begin_snapshot(db: &Db) -> anyhow::Result<(DatabaseTransaction, String)> {
    Ok(match db.get_database_backend() {
        DbBackend::Postgres => (
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?,
            "PostgreSQL REPEATABLE READ, read-only transaction".to_owned(),
        ),
        _ => (
            db.begin().await?,
            "SQLite read transaction (WAL snapshot)".to_owned(),
        ),
    })
}

/// One table's rows as JSON lines, hashed and counted as they are written.
async fn write_table(
    txn: &DatabaseTransaction,
    table: &dyn Table,
    path: &Path,
) -> anyhow::Result<TableEntry> {
    let file = tokio::fs::File::create(path).await?;
    let mut out = tokio::io::BufWriter::new(file);
    let mut hash = Sha256::new();
    let mut rows = 0_u64;
    let mut after = None;
    loop {
        let (batch, last) = table
            .read(txn, after, READ_BATCH)
            .await
            .with_context(|| format!("cannot read the table {}", table.name()))?;
        if batch.is_empty() {
            break;
        }
        let mut text = String::new();
        for row in &batch {
            text.push_str(&serde_json::to_string(row)?);
            text.push('\n');
        }
        hash.update(text.as_bytes());
        out.write_all(text.as_bytes()).await?;
        rows += batch.len() as u64;
        after = last;
    }
    out.flush().await?;
    Ok(TableEntry {
        name: table.name().to_owned(),
        rows,
        sha256: hex::encode(hash.finalize()),
    })
}

/// Copies a stored file to `path`, hashing it; `None` when it is gone.
async fn copy_file(
    storage: &Storage,
    key: &StorageKey,
    path: &Path,
) -> anyhow::Result<Option<FileEntry>> {
    let stored = match storage.get(key).await {
        Ok(f) => f,
        Err(StorageError::NotFound) => return Ok(None),
        Err(e) => return Err(anyhow!("cannot read the stored file {}: {e}", key.as_str())),
    };
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    let mut out = tokio::io::BufWriter::new(tokio::fs::File::create(path).await?);
    let mut hash = Sha256::new();
    let mut bytes = 0_u64;
    let mut body = stored.body;
    while let Some(chunk) = body.next().await {
        let chunk = match chunk {
            Ok(c) => c,
            Err(StorageError::NotFound) => return Ok(None),
            Err(e) => return Err(anyhow!("cannot read the stored file {}: {e}", key.as_str())),
        };
        hash.update(&chunk);
        bytes += chunk.len() as u64;
        out.write_all(&chunk).await?;
    }
    out.flush().await?;
    Ok(Some(FileEntry {
        key: key.as_str().to_owned(),
        bytes,
        sha256: hex::encode(hash.finalize()),
    }))
}

/// Writes the staged entries as the archive `out`: under a temporary name first, synced,
/// then renamed. Readable by its owner only: it holds password hashes.
fn pack(staged: &Path, manifest: &Manifest, out: &Path) -> anyhow::Result<()> {
    let name = out
        .file_name()
        .ok_or_else(|| anyhow!("{} is not a file name", out.display()))?;
    let partial = out.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(&partial)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    let gz = flate2::write::GzEncoder::new(
        std::io::BufWriter::new(file),
        flate2::Compression::default(),
    );
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    let text = serde_json::to_vec_pretty(manifest)?;
    append_bytes(&mut tar, MANIFEST, &text)?;
    for t in &manifest.tables {
        let entry = format!("{TABLES_DIR}/{}.jsonl", t.name);
        tar.append_path_with_name(staged.join(&entry), &entry)?;
    }
    for f in &manifest.files {
        let entry = format!("{FILES_DIR}/{}", f.key);
        tar.append_path_with_name(staged.join(&entry), &entry)?;
    }
    let gz = tar.into_inner()?;
    let buffered = gz.finish()?;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    if let Err(e) = std::fs::rename(&partial, out) {
        let _ = std::fs::remove_file(&partial);
        return Err(e).with_context(|| format!("cannot move the backup to {}", out.display()));
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename itself on the disk (a crash now keeps the new name).
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

fn append_bytes<W: Write>(
    tar: &mut tar::Builder<W>,
    name: &str,
    bytes: &[u8],
) -> anyhow::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o600);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_cksum();
    tar.append_data(&mut header, name, bytes)?;
    Ok(())
}

/// Whether a restore may overwrite a target that already holds data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    /// Refuse a database with users, courses or any learning, or a store with files.
    #[default]
    MustBeEmpty,
    /// Delete every row first (in the same transaction) and write the archive's files
    /// over; stored files no restored row names are left to the orphan sweep.
    Replace,
}

/// Restores the archive into `db` (migrated to this build's schema) and `storage`.
pub async fn restore(
    db: &Db,
    storage: &Storage,
    archive: &Path,
    target: Target,
) -> anyhow::Result<Manifest> {
    let checked = check(archive, db.get_database_backend()).await?;
    load(db, storage, checked, target).await
}

/// An archive unpacked into a temporary folder and checked whole, ready to load.
pub struct Checked {
    staging: tempfile::TempDir,
    manifest: Manifest,
    backend: DbBackend,
}

/// Unpacks and checks the archive for a database of `backend`, touching no database: every
/// entry against the manifest, every line a row, the schema this build's.
pub async fn check(archive: &Path, backend: DbBackend) -> anyhow::Result<Checked> {
    let staging = tempfile::Builder::new()
        .prefix("courseworx-restore-")
        .tempdir()
        .context("cannot create a temporary folder to unpack the archive in")?;
    let (from, into) = (archive.to_path_buf(), staging.path().to_path_buf());
    let manifest = tokio::task::spawn_blocking(move || unpack(&from, &into, backend))
        .await
        .map_err(|e| anyhow!("the archive reader stopped: {e}"))??;
    if manifest.schema != schema_version() {
        bail!(
            "the archive's schema is {}, and this CourseWorx is at {}: restore it with the release that wrote it, then upgrade",
            manifest.schema,
            schema_version()
        );
    }
    Ok(Checked {
        staging,
        manifest,
        backend,
    })
}

/// Loads a checked archive into `db` (migrated to this build's schema) and `storage`: every
/// row in one transaction, the files, then the commit; all or nothing.
pub async fn load(
    db: &Db,
    storage: &Storage,
    checked: Checked,
    target: Target,
) -> anyhow::Result<Manifest> {
    let Checked {
        staging,
        manifest,
        backend,
    } = checked;
    if backend != db.get_database_backend() {
        bail!("the archive was checked for another kind of database");
    }
    let applied = applied_schema(&**db).await?;
    if applied != schema_version() {
        bail!(
            "the target database's schema is {applied:?}, not {}: run `courseworx migrate` on it first",
            schema_version()
        );
    }
    if target == Target::MustBeEmpty {
        refuse_data(db, storage).await?;
    }

    let txn = db::begin_write(db).await?;
    let tables = dump::tables();
    // Rows a server start writes by itself (a setup link, the job schedule) go too: the
    // archive's take their place.
    for table in tables.iter().rev() {
        table.clear(txn.transaction()).await?;
    }
    for table in &tables {
        load_table(txn.transaction(), table.as_ref(), staging.path(), backend).await?;
    }
    let mut stored: Vec<StorageKey> = Vec::new();
    let mut failure = None;
    for f in &manifest.files {
        let key = StorageKey::parse(&f.key).ok_or_else(|| anyhow!("bad key {}", f.key))?;
        let path = staging.path().join(FILES_DIR).join(&f.key);
        match store_file(storage, &key, &path).await {
            Ok(()) => stored.push(key),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let outcome = match failure {
        Some(e) => Err(e),
        None => txn.commit().await.map_err(anyhow::Error::from),
    };
    if let Err(e) = outcome {
        // The transaction rolled back (dropped); the files written for it go too, unless
        // they replaced files of the target.
        if target == Target::MustBeEmpty {
            for key in &stored {
                let _ = storage.delete(key).await;
            }
        }
        return Err(e.context("nothing was restored"));
    }
    if backend == DbBackend::Sqlite {
        db::optimize(&**db).await?;
    }
    Ok(manifest)
}

/// Refuses a target that holds data: any row but those a server start writes by itself
/// (settings such as a setup link, the job schedule, counts of failed sign-ins), or any
/// stored file.
async fn refuse_data(db: &Db, storage: &Storage) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    let mut holding = Vec::new();
    for table in dump::tables() {
        if matches!(table.name(), "settings" | "jobs" | "login_throttles") {
            continue;
        }
        let n = table.count(&txn).await?;
        if n > 0 {
            holding.push(format!("{} ({n})", table.name()));
        }
    }
    txn.commit().await?;
    let mut files = 0;
    for folder in Folder::ALL {
        files += storage.list(folder).await?.len();
    }
    if files > 0 {
        holding.push(format!("stored files ({files})"));
    }
    if !holding.is_empty() {
        bail!(
            "the target is not empty: {}. Restore into an empty database and storage, or pass --force to replace what is there",
            holding.join(", ")
        );
    }
    Ok(())
}

async fn load_table(
    txn: &DatabaseTransaction,
    table: &dyn Table,
    staging: &Path,
    backend: DbBackend,
) -> anyhow::Result<()> {
    let entry = format!("{TABLES_DIR}/{}.jsonl", table.name());
    let file = tokio::fs::File::open(staging.join(&entry)).await?;
    let mut lines = tokio::io::BufReader::new(file).lines();
    let mut batch = Vec::with_capacity(INSERT_BATCH);
    let mut number = 0_u64;
    while let Some(line) = lines.next_line().await? {
        number += 1;
        // Checked when unpacked: an error here means the staging folder changed.
        let row: Row =
            serde_json::from_str(&line).map_err(|e| anyhow!("{entry}, line {number}: {e}"))?;
        batch.push(
            table
                .values(&row, backend)
                .map_err(|e| anyhow!("{entry}, line {number}: {e}"))?,
        );
        if batch.len() == INSERT_BATCH {
            insert(txn, table, std::mem::take(&mut batch), &entry, number).await?;
        }
    }
    insert(txn, table, batch, &entry, number).await
}

async fn insert(
    txn: &DatabaseTransaction,
    table: &dyn Table,
    rows: Vec<Vec<sea_orm::Value>>,
    entry: &str,
    last_line: u64,
) -> anyhow::Result<()> {
    let n = rows.len() as u64;
    table.insert(txn, rows).await.map_err(|e| {
        anyhow!(
            "{entry}, lines {}-{last_line}: the database refused the rows: {e}",
            last_line + 1 - n
        )
    })
}

async fn store_file(storage: &Storage, key: &StorageKey, path: &Path) -> anyhow::Result<()> {
    let file = tokio::fs::File::open(path).await?;
    let chunks = futures_util::stream::unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buf = vec![0_u8; 256 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<Bytes, std::io::Error>(Bytes::from(buf)), file))
            }
            Err(e) => Some((Err(e), file)),
        }
    });
    storage
        .put_stream(key, chunks, u64::MAX)
        .await
        .map_err(|e| anyhow!("cannot store {}: {e}", key.as_str()))?;
    Ok(())
}

/// Unpacks `archive` into `dir`, checking everything: the manifest first, then each entry
/// against it (every line a row of its table, every count and checksum). Names are never
/// taken from the archive as paths: tables are the known ones, files valid storage keys.
fn unpack(archive: &Path, dir: &Path, backend: DbBackend) -> anyhow::Result<Manifest> {
    let file = std::fs::File::open(archive)
        .with_context(|| format!("cannot open {}", archive.display()))?;
    let damaged = |e: std::io::Error| {
        anyhow!("the archive is damaged or cut short ({e}); nothing was written")
    };
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(BufReader::new(file)));
    let not_ours = |e: std::io::Error| {
        anyhow!(
            "{} is not a CourseWorx archive (a .tar.gz from `courseworx backup`): {e}",
            archive.display()
        )
    };
    let mut entries = tar.entries().map_err(not_ours)?;
    let manifest: Manifest = {
        let mut first = entries
            .next()
            .ok_or_else(|| anyhow!("the archive is empty"))?
            .map_err(not_ours)?;
        let path = entry_name(&first)?;
        if path != MANIFEST {
            bail!("not a CourseWorx archive: it starts with {path:?}, not {MANIFEST}");
        }
        let mut text = Vec::new();
        (&mut first)
            .take(MANIFEST_MAX)
            .read_to_end(&mut text)
            .map_err(damaged)?;
        let manifest: Manifest =
            serde_json::from_slice(&text).map_err(|e| anyhow!("{MANIFEST} is not valid: {e}"))?;
        if manifest.format != FORMAT {
            bail!(
                "the archive's format is {:?}; this CourseWorx reads {FORMAT:?}",
                manifest.format
            );
        }
        manifest
    };
    let tables = dump::tables();
    let expected: Vec<&str> = tables.iter().map(|t| t.name()).collect();
    let listed: Vec<&str> = manifest.tables.iter().map(|t| t.name.as_str()).collect();
    if listed != expected && manifest.schema == schema_version() {
        bail!("{MANIFEST} lists the tables {listed:?}, not {expected:?}");
    }
    std::fs::create_dir_all(dir.join(TABLES_DIR))?;
    let mut seen_tables: BTreeSet<String> = BTreeSet::new();
    let mut seen_files: BTreeSet<String> = BTreeSet::new();
    for entry in entries {
        let mut entry = entry.map_err(damaged)?;
        let name = entry_name(&entry)?;
        if let Some(table_name) = name
            .strip_prefix(&format!("{TABLES_DIR}/"))
            .and_then(|n| n.strip_suffix(".jsonl"))
        {
            let table = tables
                .iter()
                .find(|t| t.name() == table_name)
                .ok_or_else(|| anyhow!("the archive holds {name}, which is no table of ours"))?;
            let listed = manifest
                .tables
                .iter()
                .find(|t| t.name == table_name)
                .ok_or_else(|| anyhow!("{name} is not in {MANIFEST}"))?;
            if !seen_tables.insert(table_name.to_owned()) {
                bail!("{name} appears twice in the archive");
            }
            let out =
                std::fs::File::create(dir.join(TABLES_DIR).join(format!("{table_name}.jsonl")))?;
            let (rows, sha) =
                unpack_table(&mut entry, table.as_ref(), &name, out, backend, &damaged)?;
            if rows != listed.rows {
                bail!("{name} holds {rows} rows; {MANIFEST} says {}", listed.rows);
            }
            if sha != listed.sha256 {
                bail!("{name} does not match its checksum in {MANIFEST}");
            }
        } else if let Some(key) = name.strip_prefix(&format!("{FILES_DIR}/")) {
            let key = StorageKey::parse(key).ok_or_else(|| {
                anyhow!("the archive holds {name}, which is no file name of ours")
            })?;
            let listed = manifest
                .files
                .iter()
                .find(|f| f.key == key.as_str())
                .ok_or_else(|| anyhow!("{name} is not in {MANIFEST}"))?;
            if !seen_files.insert(key.as_str().to_owned()) {
                bail!("{name} appears twice in the archive");
            }
            let path = dir.join(FILES_DIR).join(key.as_str());
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
            let mut hash = Sha256::new();
            let mut bytes = 0_u64;
            let mut buf = vec![0_u8; 256 * 1024];
            loop {
                let n = entry.read(&mut buf).map_err(damaged)?;
                if n == 0 {
                    break;
                }
                hash.update(&buf[..n]);
                bytes += n as u64;
                out.write_all(&buf[..n])?;
            }
            out.flush()?;
            if bytes != listed.bytes || hex::encode(hash.finalize()) != listed.sha256 {
                bail!("{name} does not match its size and checksum in {MANIFEST}");
            }
        } else {
            bail!("the archive holds {name}, which is neither a table nor a file");
        }
    }
    if let Some(t) = manifest
        .tables
        .iter()
        .find(|t| !seen_tables.contains(&t.name))
    {
        bail!(
            "the archive is cut short: {TABLES_DIR}/{}.jsonl is missing",
            t.name
        );
    }
    if let Some(f) = manifest.files.iter().find(|f| !seen_files.contains(&f.key)) {
        bail!("the archive is cut short: {FILES_DIR}/{} is missing", f.key);
    }
    Ok(manifest)
}

fn entry_name<R: Read>(entry: &tar::Entry<R>) -> anyhow::Result<String> {
    if entry.header().entry_type() != tar::EntryType::Regular {
        bail!("the archive holds something other than a file");
    }
    let path = entry.path()?;
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("the archive holds a name that is not UTF-8"))
}

/// Copies a table's entry line by line, checking each is a row of `table`; answers the
/// row count and the checksum.
fn unpack_table<R: Read>(
    entry: &mut R,
    table: &dyn Table,
    name: &str,
    out: std::fs::File,
    backend: DbBackend,
    damaged: &dyn Fn(std::io::Error) -> anyhow::Error,
) -> anyhow::Result<(u64, String)> {
    let mut reader = BufReader::new(entry);
    let mut out = std::io::BufWriter::new(out);
    let mut hash = Sha256::new();
    let mut line = Vec::new();
    let mut number = 0_u64;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| anyhow!("{name}, line {}: {}", number + 1, damaged(e)))?;
        if n == 0 {
            break;
        }
        number += 1;
        if line.last() != Some(&b'\n') {
            bail!("{name}, line {number}: the line is cut short");
        }
        let row: Row = serde_json::from_slice(&line[..line.len() - 1])
            .map_err(|e| anyhow!("{name}, line {number}: not a JSON object ({e})"))?;
        table
            .values(&row, backend)
            .map_err(|e| anyhow!("{name}, line {number}: {e}"))?;
        hash.update(&line);
        out.write_all(&line)?;
    }
    out.flush()?;
    Ok((number, hex::encode(hash.finalize())))
}

/// What `verify` found.
#[derive(Debug)]
pub struct Verified {
    pub manifest: Manifest,
    /// Tables whose restored count differs: (table, in the archive, restored).
    pub mismatches: Vec<(String, u64, u64)>,
    /// Files that read back differently.
    pub bad_files: Vec<String>,
}

impl Verified {
    pub fn ok(&self) -> bool {
        self.mismatches.is_empty() && self.bad_files.is_empty()
    }
}

/// Restore testing: restores the archive into a scratch database (`scratch_url`, which
/// must be empty, or else a SQLite file in a temporary folder) and a scratch folder, then
/// compares every table's count and every file's checksum with the manifest.
pub async fn verify(
    config: &Config,
    archive: &Path,
    scratch_url: Option<String>,
) -> anyhow::Result<Verified> {
    let scratch = tempfile::Builder::new()
        .prefix("courseworx-verify-")
        .tempdir()?;
    let mut config = config.clone();
    config.data_dir = scratch.path().to_path_buf();
    config.database.url = scratch_url;
    config.database.host = None;
    config.database.name = None;
    config.database.user = None;
    config.storage.backend = crate::config::StorageBackend::Local;
    config.storage.path = Some(scratch.path().join("files"));
    config.log.slow_query_ms = u64::MAX;
    let db = db::connect(&config).await?;
    db::migrate(&db).await?;
    let storage = Storage::from_config(&config)?;
    let manifest = restore(&db, &storage, archive, Target::MustBeEmpty).await?;
    let mut mismatches = Vec::new();
    let txn = db.begin().await?;
    for table in dump::tables() {
        let found = table.count(&txn).await?;
        let listed = manifest
            .tables
            .iter()
            .find(|t| t.name == table.name())
            .map_or(0, |t| t.rows);
        if found != listed {
            mismatches.push((table.name().to_owned(), listed, found));
        }
    }
    txn.commit().await?;
    let mut bad_files = Vec::new();
    for f in &manifest.files {
        let same = match StorageKey::parse(&f.key) {
            Some(key) => checksum(&storage, &key)
                .await
                .is_some_and(|c| c == f.sha256),
            None => false,
        };
        if !same {
            bad_files.push(f.key.clone());
        }
    }
    db.close().await?;
    Ok(Verified {
        manifest,
        mismatches,
        bad_files,
    })
}

/// A stored file's SHA-256, read as a stream (a video may be gigabytes); `None` when it
/// cannot be read.
async fn checksum(storage: &Storage, key: &StorageKey) -> Option<String> {
    let mut body = storage.get(key).await.ok()?.body;
    let mut hash = Sha256::new();
    while let Some(chunk) = body.next().await {
        hash.update(&chunk.ok()?);
    }
    Some(hex::encode(hash.finalize()))
}

/// The scheduled backup (a background job): a new archive in the backups folder, then the
/// oldest beyond `keep` removed. Answers its counts for the jobs' page.
pub async fn scheduled(state: &crate::state::AppState) -> anyhow::Result<String> {
    let dir = state.config.backups_dir();
    let name = backup::scheduled_name(crate::clock::now());
    let manifest = write(&state.db, &state.storage, &dir.join(&name)).await?;
    let expired = if state.config.backup.to_storage {
        // Staged on this machine's disk, then kept in the store every instance shares.
        let staged = dir.join(&name);
        state
            .storage
            .put_backup(&name, &staged)
            .await
            .with_context(|| format!("cannot store the backup {name}"))?;
        std::fs::remove_file(&staged)
            .with_context(|| format!("cannot remove the staged backup {}", staged.display()))?;
        let expired = backup::expired(
            &state.storage.backup_names().await?,
            state.config.backup.keep,
        );
        for old in &expired {
            state
                .storage
                .delete_backup(old)
                .await
                .with_context(|| format!("cannot remove the old backup {old}"))?;
        }
        expired
    } else {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&dir)?.flatten() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        let expired = backup::expired(&names, state.config.backup.keep);
        for old in &expired {
            std::fs::remove_file(dir.join(old))
                .with_context(|| format!("cannot remove the old backup {old}"))?;
        }
        expired
    };
    // What a backup cut off by a crash left: its staging folder, its unfinished archive.
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(24 * 3600);
    for entry in std::fs::read_dir(&dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < day_ago);
        if stale && name.starts_with(".courseworx-backup-") {
            let _ = std::fs::remove_dir_all(entry.path());
        } else if stale && name.starts_with(".courseworx-") && name.ends_with(".partial") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(serde_json::json!({
        "name": name,
        "rows": manifest.rows(),
        "files": manifest.files.len(),
        "removed": expired.len(),
    })
    .to_string())
}

/// Copies a scheduled backup kept in the file store (`backup.to_storage`) to a local file,
/// which must not exist yet; answers its size. A copy cut short is removed.
pub async fn fetch(storage: &Storage, name: &str, out: &Path) -> anyhow::Result<u64> {
    let mut stored = match storage.get_backup(name).await {
        Err(StorageError::NotFound) => {
            bail!("the file store holds no backup named {name} (see `courseworx backup --list`)")
        }
        other => other?,
    };
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .await
        .with_context(|| format!("cannot create {} (it must not exist)", out.display()))?;
    let copied = async {
        let mut bytes = 0u64;
        while let Some(chunk) = stored.body.next().await {
            let chunk = chunk?;
            bytes += chunk.len() as u64;
            file.write_all(&chunk).await?;
        }
        file.sync_all().await?;
        anyhow::Ok(bytes)
    }
    .await;
    if copied.is_err() {
        let _ = tokio::fs::remove_file(out).await;
    }
    copied.with_context(|| format!("cannot copy {name} to {}", out.display()))
}
