//! Backups and restores (`services::backups`) on the test's database: a backup restored
//! after the database and storage are wiped gives the same rows, compared row by row, and
//! the same files, by checksum; a damaged or forged archive is refused naming what is wrong,
//! and nothing is written; a target holding data is refused unless replaced.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use axum::http::{Method, StatusCode};
use courseworx::db::dump::{self, Row};
use courseworx::db::entities::{
    assignment_submissions, course_contents, courses, enrollments, quiz_questions,
    submission_versions, user_notes, users,
};
use courseworx::db::{self, Db};
use courseworx::services::backups::{self, Target};
use courseworx::storage::{Folder, Storage};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::assignments_api::{Class, hand_in_form};
use crate::content_files::{mp4, pdf, put_file};
use crate::courses_api::upload_cover;
use crate::fixtures::PASSWORD;
use crate::helpers::{TestApp, TestDatabase};
use crate::pictures::png;

/// Every table's rows, as the dump reads them.
async fn rows(db: &Db) -> Vec<(String, Vec<Row>)> {
    let txn = sea_orm::TransactionTrait::begin(&**db).await.unwrap();
    let mut all = Vec::new();
    for table in dump::tables() {
        let mut rows = Vec::new();
        let mut after = None;
        loop {
            let (batch, last) = table.read(&txn, after, 500).await.unwrap();
            if batch.is_empty() {
                break;
            }
            rows.extend(batch);
            after = last;
        }
        all.push((table.name().to_owned(), rows));
    }
    txn.commit().await.unwrap();
    all
}

/// Some tables as SeaORM's own models: a second reading, independent of the dump's.
async fn models(db: &Db) -> String {
    macro_rules! all {
        ($($m:ident),*) => {{
            let mut out = String::new();
            $(
                let rows = $m::Entity::find().order_by_asc($m::Column::Id).all(&**db).await.unwrap();
                out.push_str(&format!("{rows:?}\n"));
            )*
            out
        }};
    }
    all!(
        users,
        courses,
        course_contents,
        quiz_questions,
        enrollments,
        assignment_submissions,
        submission_versions,
        user_notes
    )
}

/// Every stored file's checksum.
async fn files(storage: &Storage) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for folder in Folder::ALL {
        for key in storage.list(folder).await.unwrap() {
            let bytes = storage.read(&key).await.unwrap();
            out.insert(key.as_str().to_owned(), hex::encode(Sha256::digest(&bytes)));
        }
    }
    out
}

async fn wipe(db: &Db, storage: &Storage) {
    let txn = db::begin_write(db).await.unwrap();
    for table in dump::tables().iter().rev() {
        table.clear(txn.transaction()).await.unwrap();
    }
    txn.commit().await.unwrap();
    for folder in Folder::ALL {
        for key in storage.list(folder).await.unwrap() {
            storage.delete(&key).await.unwrap();
        }
    }
}

/// A class with a file in every folder (a video's captions too), a quiz, tags, a note and
/// a graded hand-in: every kind of column and file.
async fn busy_class() -> Class {
    busy_class_with(|_| {}).await
}

async fn busy_class_with(adjust: impl FnOnce(&mut courseworx::config::Config)) -> Class {
    let c = Class::with(2, adjust).await;
    let app = c.app();
    let res = crate::profile::upload(app, c.token(0), "image/png", png(8, 8)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = upload_cover(app, &c.a.token, c.a.course.id, png(16, 16)).await;
    assert!(res.status.is_success(), "{}", res.text);
    let res =
        c.a.call(
            Method::PUT,
            &format!("/api/courses/{}", c.a.course.id),
            Some(json!({"price": "19.90", "tags": ["Safety", "Ladders"]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let video = c.a.content(json!({"title": "Clip", "type": "video"})).await;
    let video = video["id"].as_str().unwrap().to_owned();
    let res = put_file(&c.a, &video, mp4(4000), "clip.mp4").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res =
        crate::captions_api::put_captions(&c.a, &c.a.token, &video, "", crate::captions_api::VTT)
            .await;
    assert!(res.status.is_success(), "{}", res.text);
    crate::questions_api::quiz_with_questions(&c.a).await;
    let res = app
        .send(
            Method::POST,
            "/api/notes",
            Some(c.token(1)),
            Some(json!({"courseId": c.a.course.id, "content": "Three points of contact.", "tags": ["ladders", "ok"]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let assignment = c.assignment(json!({})).await;
    let report = pdf(3000);
    let res = hand_in_form(
        app,
        c.token(0),
        &assignment,
        &[("files", Some("r.pdf"), &report)],
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let submission = res.json["submission"]["id"].as_str().unwrap().to_owned();
    let res = c
        .grade(
            &c.a.token,
            &submission,
            json!({"score": 7.5, "feedback": "Good"}),
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text);
    c
}

#[tokio::test]
async fn backup_wipe_restore_gives_the_same_rows_and_files() {
    let c = busy_class().await;
    let app = c.app();
    let storage = &app.state.storage;
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("backup.tar.gz");

    let manifest = backups::write(app.db(), storage, &archive).await.unwrap();
    assert_eq!(manifest.files.len(), 5, "{manifest:?}");
    assert!(manifest.missing_files.is_empty());
    let before = rows(app.db()).await;
    let models_before = models(app.db()).await;
    let files_before = files(storage).await;
    assert_eq!(files_before.len(), 5);
    for (name, table_rows) in &before {
        let listed = manifest.tables.iter().find(|t| &t.name == name).unwrap();
        assert_eq!(listed.rows, table_rows.len() as u64, "{name}");
    }

    wipe(app.db(), storage).await;
    assert!(files(storage).await.is_empty());
    assert!(rows(app.db()).await.iter().all(|(_, r)| r.is_empty()));

    let restored = backups::restore(app.db(), storage, &archive, Target::MustBeEmpty)
        .await
        .unwrap();
    assert_eq!(restored, manifest);
    let after = rows(app.db()).await;
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(b) {
            assert_eq!(x, y, "{name}");
        }
    }
    assert_eq!(models(app.db()).await, models_before);
    assert_eq!(files(storage).await, files_before);

    // The people can sign in with their passwords, and their work is there.
    let token = app.login(&c.a.trainer.email, PASSWORD).await;
    let res = app
        .send(
            Method::GET,
            &format!("/api/courses/{}", c.a.course.id),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json["course"]["tags"], json!(["Safety", "Ladders"]));
    // The enrolment counts are not in the archive: the restore's inserts counted them.
    crate::helpers::assert_enrolment_counts_exact(app.db()).await;
}

/// On S3 storage (moto's server) too: the backup reads the files from the bucket, and the
/// restore writes them back.
#[tokio::test]
async fn backup_and_restore_work_on_s3_storage() {
    let c = busy_class_with(|c| {
        c.storage.backend = courseworx::config::StorageBackend::S3;
        c.storage.s3 = courseworx::storage::moto::config();
    })
    .await;
    let app = c.app();
    let storage = &app.state.storage;
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("s3.tar.gz");
    let manifest = backups::write(app.db(), storage, &archive).await.unwrap();
    assert_eq!(manifest.files.len(), 5);
    let before = rows(app.db()).await;
    let files_before = files(storage).await;
    wipe(app.db(), storage).await;
    assert!(files(storage).await.is_empty());
    backups::restore(app.db(), storage, &archive, Target::MustBeEmpty)
        .await
        .unwrap();
    assert_eq!(rows(app.db()).await, before);
    assert_eq!(files(storage).await, files_before);
}

/// The archive's entries, to forge damaged ones from.
pub(crate) fn entries(archive: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(archive).unwrap();
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    tar.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let name = e.path().unwrap().to_str().unwrap().to_owned();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (name, bytes)
        })
        .collect()
}

fn pack(entries: &[(String, Vec<u8>)], out: &Path) {
    let file = std::fs::File::create(out).unwrap();
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    for (name, bytes) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o600);
        header.set_entry_type(tar::EntryType::Regular);
        // Names as they are, `..` included: `append_data` would refuse to write them.
        header.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
        header.set_cksum();
        tar.append(&header, bytes.as_slice()).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap();
}

/// Changes one table's entry and writes the manifest's count and checksum to match, so
/// only the content itself is wrong.
fn forge(entries: &mut [(String, Vec<u8>)], table: &str, change: impl FnOnce(&mut Vec<String>)) {
    let name = format!("tables/{table}.jsonl");
    let (_, bytes) = entries.iter_mut().find(|(n, _)| *n == name).unwrap();
    let mut lines: Vec<String> = String::from_utf8(bytes.clone())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    change(&mut lines);
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    *bytes = text.into_bytes();
    let sha = hex::encode(Sha256::digest(&*bytes));
    let count = lines.len();
    let (_, manifest) = &mut entries[0];
    let mut m: serde_json::Value = serde_json::from_slice(manifest).unwrap();
    for t in m["tables"].as_array_mut().unwrap() {
        if t["name"] == table {
            t["sha256"] = json!(sha);
            t["rows"] = json!(count);
        }
    }
    *manifest = serde_json::to_vec(&m).unwrap();
}

/// An empty target: a new database, migrated, and an empty store.
async fn empty_target() -> (TestDatabase, Db, Storage) {
    let target = TestDatabase::new().await;
    let db = db::connect(&target.config).await.unwrap();
    db::migrate(&db).await.unwrap();
    (target, db, Storage::in_memory())
}

async fn assert_untouched(db: &Db, storage: &Storage) {
    for (name, rows) in rows(db).await {
        assert!(rows.is_empty(), "{name} was written");
    }
    assert!(files(storage).await.is_empty(), "files were written");
}

#[tokio::test]
async fn a_damaged_or_forged_archive_is_refused_and_nothing_is_written() {
    let c = busy_class().await;
    let app = c.app();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.tar.gz");
    backups::write(app.db(), &app.state.storage, &good)
        .await
        .unwrap();
    let (_t, db, storage) = empty_target().await;
    let restore = |path: std::path::PathBuf| {
        let (db, storage) = (&db, &storage);
        async move {
            backups::restore(db, storage, &path, Target::MustBeEmpty)
                .await
                .map(|_| ())
                .unwrap_err()
                .to_string()
        }
    };

    // Cut short: half the bytes.
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.path().join("cut.tar.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = restore(cut).await;
    assert!(err.contains("cut short"), "{err}");
    assert_untouched(&db, &storage).await;

    // Cut short inside a table: the line it stops on is named.
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_end(&mut tar)
        .unwrap();
    let users = entries(&good)
        .into_iter()
        .find(|(n, _)| n == "tables/users.jsonl")
        .unwrap()
        .1;
    let second_line = users.iter().position(|b| *b == b'\n').unwrap() + 1;
    let at = tar
        .windows(users.len())
        .position(|w| w == users.as_slice())
        .unwrap();
    let cut_tar = dir.path().join("cut-tar.tar.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&cut_tar).unwrap(),
        flate2::Compression::fast(),
    );
    std::io::Write::write_all(&mut gz, &tar[..at + second_line + 10]).unwrap();
    gz.finish().unwrap();
    let err = restore(cut_tar).await;
    assert!(
        err.contains("tables/users.jsonl, line 2") && err.contains("cut short"),
        "{err}"
    );
    assert_untouched(&db, &storage).await;

    // A malformed line, with a manifest that agrees with it.
    let mut forged = entries(&good);
    forge(&mut forged, "users", |lines| {
        lines[1] = lines[1].replacen("\"id\":\"", "\"id\":\"x", 1);
    });
    let bad_line = dir.path().join("bad-line.tar.gz");
    pack(&forged, &bad_line);
    let err = restore(bad_line).await;
    assert!(
        err.contains("tables/users.jsonl, line 2") && err.contains("\"id\""),
        "{err}"
    );
    assert_untouched(&db, &storage).await;

    // Not JSON at all.
    let mut forged = entries(&good);
    forge(&mut forged, "courses", |lines| lines[0].truncate(10));
    let not_json = dir.path().join("not-json.tar.gz");
    pack(&forged, &not_json);
    let err = restore(not_json).await;
    assert!(err.contains("tables/courses.jsonl, line 1"), "{err}");

    // A line changed behind the manifest's back.
    let mut forged = entries(&good);
    let (_, users) = forged
        .iter_mut()
        .find(|(n, _)| n == "tables/users.jsonl")
        .unwrap();
    let at = users.iter().position(|b| *b == b'@').unwrap();
    users[at - 1] = b'z';
    let tampered = dir.path().join("tampered.tar.gz");
    pack(&forged, &tampered);
    let err = restore(tampered).await;
    assert!(err.contains("checksum"), "{err}");

    // A file named to escape the store.
    let mut forged = entries(&good);
    forged.push(("files/../../outside.txt".into(), b"x".to_vec()));
    let escape = dir.path().join("escape.tar.gz");
    pack(&forged, &escape);
    let err = restore(escape).await;
    assert!(err.contains("no file name of ours"), "{err}");

    // Rows that parse but that the database refuses (an enrolment of nobody): the whole
    // restore is rolled back, the files already stored removed.
    let mut forged = entries(&good);
    forge(&mut forged, "enrollments", |lines| {
        let mut row: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
        row["id"] = json!(uuid::Uuid::now_v7());
        row["userId"] = json!(uuid::Uuid::now_v7());
        lines.push(row.to_string());
    });
    let orphan = dir.path().join("orphan.tar.gz");
    pack(&forged, &orphan);
    let err = restore(orphan).await;
    assert!(err.contains("tables/enrollments.jsonl"), "{err}");
    assert_untouched(&db, &storage).await;

    // And the good one restores.
    backups::restore(&db, &storage, &good, Target::MustBeEmpty)
        .await
        .unwrap();
    assert_eq!(files(&storage).await, files(&app.state.storage).await);
}

#[tokio::test]
async fn a_target_with_data_is_refused_unless_replaced() {
    let c = busy_class().await;
    let app = c.app();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("b.tar.gz");
    backups::write(app.db(), &app.state.storage, &archive)
        .await
        .unwrap();
    let before = rows(app.db()).await;

    // Another installation, in use.
    let other = TestApp::spawn().await;
    crate::fixtures::UserBuilder::trainee().create(&other).await;
    let err = backups::restore(
        other.db(),
        &other.state.storage,
        &archive,
        Target::MustBeEmpty,
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("not empty") && err.contains("users (1)"),
        "{err}"
    );

    backups::restore(other.db(), &other.state.storage, &archive, Target::Replace)
        .await
        .unwrap();
    assert_eq!(rows(other.db()).await, before);
}

/// `dump::tables` names every table of the database, each once, parents first: every
/// foreign key points to a table listed before its own (the restore order).
#[tokio::test]
async fn the_dump_lists_every_table_parents_first() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::spawn().await;
    let db = app.db();
    let backend = db.get_database_backend();
    let pg = crate::helpers::on_postgres(db);
    let (tables_sql, keys_sql) = if pg {
        (
            "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            "SELECT tc.table_name AS child, ccu.table_name AS parent FROM information_schema.table_constraints tc JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'",
        )
    } else {
        (
            // The catalogue's FTS5 index and its shadow tables are an index, kept by triggers.
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'course_search%'",
            "SELECT m.name AS child, f.\"table\" AS parent FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        )
    };
    let listed: Vec<&str> = dump::tables().iter().map(|t| t.name()).collect();
    let mut actual: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "t").unwrap())
        // Kept by triggers, like the search index: not data.
        .filter(|t| {
            ![
                "seaql_migrations",
                "catalogue_versions",
                "course_enrollment_counts",
            ]
            .contains(&t.as_str())
        })
        .collect();
    actual.sort();
    let mut sorted: Vec<String> = listed.iter().map(|t| t.to_string()).collect();
    sorted.sort();
    assert_eq!(sorted, actual);
    let keys = db
        .query_all_raw(Statement::from_string(backend, keys_sql))
        .await
        .unwrap();
    assert!(keys.len() > 20, "{} foreign keys", keys.len());
    for key in keys {
        let child: String = key.try_get("", "child").unwrap();
        let parent: String = key.try_get("", "parent").unwrap();
        if child == "course_enrollment_counts" {
            continue; // not dumped: its triggers count a restore's enrolments again
        }
        let at = |t: &str| listed.iter().position(|l| *l == t).unwrap();
        // A table naming itself would need its rows in dependency order too: none does.
        assert!(
            at(&parent) < at(&child),
            "{child} is listed before {parent}"
        );
    }
}

/// Scheduled backups are a job: one runs per period however many instances look, it is
/// written to the configured folder and restores, and only the newest are kept (other
/// files in the folder are left alone).
#[tokio::test]
async fn scheduled_backups_run_once_across_instances_and_keep_the_newest() {
    use courseworx::services::jobs::tick;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_path_buf();
    let app = TestApp::spawn_with(|c| {
        c.backup.every_hours = 24;
        c.backup.keep = 3;
        c.backup.dir = Some(folder.clone());
    })
    .await;
    crate::fixtures::UserBuilder::trainee().create(&app).await;
    for day in 1..=4 {
        let name = format!("courseworx-202611{day:02}T030000Z.tar.gz");
        std::fs::write(folder.join(name), b"an older backup").unwrap();
    }
    std::fs::write(folder.join("notes.txt"), b"not a backup").unwrap();
    let other = courseworx::startup::build_state(app.database.config.clone())
        .await
        .unwrap();

    let (a, b) = tokio::join!(tick(&app.state, "instance-a"), tick(&other, "instance-b"));
    let ran: Vec<_> = a
        .unwrap()
        .into_iter()
        .chain(b.unwrap())
        .filter(|r| r.kind == "backup")
        .collect();
    assert_eq!(ran.len(), 1, "{ran:?}");
    assert!(ran[0].ok);

    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 4, "{names:?}");
    assert_eq!(names[0], "courseworx-20261103T030000Z.tar.gz");
    assert_eq!(names[1], "courseworx-20261104T030000Z.tar.gz");
    assert_eq!(names[3], "notes.txt");
    let new = &names[2];
    assert!(new.starts_with("courseworx-2026"), "{new}");

    // Written whole, and it restores.
    let (_t, db, storage) = empty_target().await;
    let manifest = backups::restore(&db, &storage, &folder.join(new), Target::MustBeEmpty)
        .await
        .unwrap();
    // The same rows, but the jobs': the backup read its own as running.
    let without_jobs = |all: Vec<(String, Vec<Row>)>| {
        all.into_iter()
            .filter(|(t, _)| t != "jobs")
            .collect::<Vec<_>>()
    };
    assert_eq!(
        without_jobs(rows(&db).await),
        without_jobs(rows(app.db()).await)
    );
    assert_eq!(
        manifest
            .tables
            .iter()
            .find(|t| t.name == "users")
            .unwrap()
            .rows,
        1
    );

    // The same period: no second backup.
    let again = tick(&other, "instance-b").await.unwrap();
    assert!(again.iter().all(|r| r.kind != "backup"), "{again:?}");
}

/// With `backup.to_storage`, the scheduled backup is kept in the bucket every instance
/// shares (retention counts every instance's), not on the disk of the one that took it; it
/// is fetched back whole, and only backup names reach that part of the bucket.
#[tokio::test]
async fn scheduled_backups_can_be_kept_in_the_bucket() {
    use courseworx::services::jobs::tick;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_path_buf();
    let app = TestApp::spawn_with(|c| {
        c.storage.backend = courseworx::config::StorageBackend::S3;
        c.storage.s3 = courseworx::storage::moto::config();
        c.backup.every_hours = 24;
        c.backup.keep = 2;
        c.backup.dir = Some(folder.clone());
        c.backup.to_storage = true;
    })
    .await;
    crate::fixtures::UserBuilder::trainee().create(&app).await;
    let storage = &app.state.storage;
    // Two older ones, as if another instance took them.
    let old = folder.join("old");
    std::fs::write(&old, b"an older backup").unwrap();
    for day in 1..=2 {
        let name = format!("courseworx-202611{day:02}T030000Z.tar.gz");
        assert_eq!(storage.put_backup(&name, &old).await.unwrap(), 15);
    }
    // Only a backup's name reaches that part of the bucket.
    assert!(storage.put_backup("../users/x.png", &old).await.is_err());
    assert!(storage.put_backup("notes.txt", &old).await.is_err());
    std::fs::remove_file(&old).unwrap();

    let ran: Vec<_> = tick(&app.state, "instance-a")
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == "backup")
        .collect();
    assert_eq!(ran.len(), 1, "{ran:?}");
    assert!(ran[0].ok, "{ran:?}");

    let names = storage.backup_names().await.unwrap();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0], "courseworx-20261102T030000Z.tar.gz");
    let new = &names[1];
    assert!(new.starts_with("courseworx-2026"), "{new}");
    // Nothing left on this machine's disk, and the uploads' folders do not list it.
    let local: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert!(local.is_empty(), "{local:?}");
    assert!(!files(storage).await.keys().any(|k| k.contains("backup")));

    // Fetched back whole, it restores.
    let copy = folder.join("copy.tar.gz");
    backups::fetch(storage, new, &copy).await.unwrap();
    let (_t, db, target) = empty_target().await;
    backups::restore(&db, &target, &copy, Target::MustBeEmpty)
        .await
        .unwrap();
    let users = |all: Vec<(String, Vec<Row>)>| all.into_iter().find(|(t, _)| t == "users");
    assert_eq!(users(rows(&db).await), users(rows(app.db()).await));
    // A copy is never written over a file, and an unknown name is said to be unknown.
    let again = backups::fetch(storage, new, &copy).await.unwrap_err();
    assert!(format!("{again:#}").contains("must not exist"), "{again:#}");
    let missing = folder.join("missing.tar.gz");
    for name in ["courseworx-20200101T000000Z.tar.gz", "../users/x.png"] {
        let e = backups::fetch(storage, name, &missing).await.unwrap_err();
        assert!(
            e.to_string().contains("holds no backup named"),
            "{name}: {e:#}"
        );
    }
    assert!(!missing.exists());
}
