//! Backups and exports: what an archive says about itself (its manifest), how scheduled
//! backups are named, and which old ones retention removes. Writing and reading archives
//! is `services::backups`; the rows' neutral form is `db::dump`.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// The archive format this version writes and reads.
pub const FORMAT: &str = "courseworx-dump/1";
/// The manifest's name in the archive: its first entry.
pub const MANIFEST: &str = "manifest.json";
/// Tables are `tables/<name>.jsonl`, files `files/<storage key>`.
pub const TABLES_DIR: &str = "tables";
pub const FILES_DIR: &str = "files";

/// An archive's description of itself: enough to check every other entry before anything
/// is written, and to compare a restore with what was backed up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    /// The CourseWorx that wrote it (`courseworx 0.1.0`).
    pub application: String,
    /// The last migration the database had: a restore needs the same.
    pub schema: String,
    pub created_at: DateTime<Utc>,
    /// `sqlite` or `postgres`.
    pub source: String,
    /// How the rows were read as of one moment.
    pub snapshot: String,
    /// In restore order.
    pub tables: Vec<TableEntry>,
    pub files: Vec<FileEntry>,
    /// Files a row names that could not be copied: uploaded after the backup began copying
    /// files and deleted again (replaced) before the snapshot's rows were read to the end.
    /// The rows naming them are restored; the files cannot be.
    pub missing_files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TableEntry {
    pub name: String,
    pub rows: u64,
    /// Of the table's `.jsonl` entry, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileEntry {
    /// The storage key (`contents/<content>-<random>.pdf`).
    pub key: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Manifest {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }

    pub fn file_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }
}

/// The name of a scheduled backup taken at `at`. Names sort by time.
pub fn scheduled_name(at: DateTime<Utc>) -> String {
    format!("courseworx-{}.tar.gz", at.format("%Y%m%dT%H%M%SZ"))
}

/// When a scheduled backup's name says it was taken, if it is one.
pub fn scheduled_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix("courseworx-")?.strip_suffix(".tar.gz")?;
    NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|t| t.and_utc())
}

/// The scheduled backups retention removes: all but the `keep` newest. Other files in the
/// folder are not ours and are never named.
pub fn expired(names: &[String], keep: usize) -> Vec<String> {
    let mut ours: Vec<(DateTime<Utc>, &String)> = names
        .iter()
        .filter_map(|n| scheduled_at(n).map(|at| (at, n)))
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(keep.max(1));
    ours.into_iter()
        .take(excess)
        .map(|(_, n)| n.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let at = DateTime::parse_from_rfc3339("2026-12-06T03:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let name = scheduled_name(at);
        assert_eq!(name, "courseworx-20261206T030000Z.tar.gz");
        assert_eq!(scheduled_at(&name), Some(at));
        assert_eq!(scheduled_at("courseworx-nonsense.tar.gz"), None);
    }

    #[test]
    fn retention_keeps_the_newest_and_leaves_other_files() {
        let names: Vec<String> = [
            "courseworx-20261203T030000Z.tar.gz",
            "notes.txt",
            "courseworx-20261205T030000Z.tar.gz",
            "courseworx-20261201T030000Z.tar.gz",
            "courseworx-20261204T030000Z.tar.gz",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            expired(&names, 2),
            [
                "courseworx-20261201T030000Z.tar.gz",
                "courseworx-20261203T030000Z.tar.gz"
            ]
        );
        assert!(expired(&names, 7).is_empty());
        // Keeping none would delete the backup just taken.
        assert_eq!(expired(&names, 0).len(), 3);
    }
}
