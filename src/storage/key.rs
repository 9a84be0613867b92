//! Storage keys: made by the application only. A client never names a stored file; the one
//! way from a client's string to a key is a constructor that checks it has exactly the shape
//! the application gives its own names, so no request can reach another folder or file.

use uuid::Uuid;

/// The folders of the store, one per kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Avatars,
    /// Course covers: `thumbnails/<course>-<random>.png`.
    Thumbnails,
    /// Content files: `contents/<content>-<random>.<ext>`.
    Contents,
    /// Files handed in with assignments: `submissions/<assignment>-<random>.<ext>`.
    Submissions,
}

impl Folder {
    pub const ALL: [Folder; 4] = [
        Folder::Avatars,
        Folder::Thumbnails,
        Folder::Contents,
        Folder::Submissions,
    ];

    fn name(self) -> &'static str {
        match self {
            Folder::Avatars => "avatars",
            Folder::Thumbnails => "thumbnails",
            Folder::Contents => "contents",
            Folder::Submissions => "submissions",
        }
    }

    /// The extensions a name in this folder may end with.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Folder::Avatars => &AVATAR_EXTENSIONS,
            Folder::Thumbnails => &["png"],
            Folder::Contents | Folder::Submissions => &CONTENT_EXTENSIONS,
        }
    }
}

/// What a content file may be stored as (`domain::file_kind` decides from its bytes).
pub const CONTENT_EXTENSIONS: [&str; 14] = [
    "pdf", "docx", "pptx", "xlsx", "odt", "txt", "jpg", "png", "webp", "gif", "mp4", "webm", "vtt",
    "bin",
];

/// Where a file lives in the store (`avatars/<user>-<random>.png`). The field is private:
/// keys come from the constructors below.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StorageKey(String);

/// The extensions an avatar's name may end with. New avatars are PNG; JPEG and WebP names
/// were given by earlier versions, which stored the upload as it came.
const AVATAR_EXTENSIONS: [&str; 3] = ["png", "jpg", "webp"];

impl StorageKey {
    /// A new, unguessable name for an avatar of this user (a PNG, as every avatar is
    /// re-encoded). A new picture always gets a new name, so a name can be cached forever.
    pub fn new_avatar(user: Uuid) -> StorageKey {
        StorageKey(format!(
            "{}/{}-{}.png",
            Folder::Avatars.name(),
            user,
            Uuid::new_v4().simple()
        ))
    }

    /// A new, unguessable name for a file of `owner` (a course or a content) in `folder`.
    pub fn new_in(folder: Folder, owner: Uuid, extension: &str) -> StorageKey {
        StorageKey(format!(
            "{}/{}-{}.{extension}",
            folder.name(),
            owner,
            Uuid::new_v4().simple()
        ))
    }

    /// The key of a served avatar's file name (`<user>-<32 hex>.<png|jpg|webp>`) and the user
    /// it belongs to; `None` for anything else.
    pub fn avatar_from_file_name(file: &str) -> Option<(Uuid, StorageKey)> {
        StorageKey::from_file_name(Folder::Avatars, file)
    }

    /// A key stored in a row (`folder/<owner>-<32 hex>.<ext>`), checked to have exactly the
    /// shape the application writes.
    pub fn from_stored(folder: Folder, stored: &str) -> Option<(Uuid, StorageKey)> {
        let file = stored.strip_prefix(folder.name())?.strip_prefix('/')?;
        StorageKey::from_file_name(folder, file)
    }

    /// The key of a file name in `folder` (`<owner>-<32 hex>.<ext>`) and its owner's id;
    /// `None` for anything else.
    pub fn from_file_name(folder: Folder, file: &str) -> Option<(Uuid, StorageKey)> {
        let (stem, extension) = file.rsplit_once('.')?;
        // ASCII first: `split_at` below must not land inside a character.
        if !folder.extensions().contains(&extension)
            || !stem.is_ascii()
            || stem.len() != 36 + 1 + 32
        {
            return None;
        }
        let (user, random) = stem.split_at(36);
        let random = random.strip_prefix('-')?;
        let user = Uuid::try_parse(user).ok()?;
        // Lower-case hex only: one spelling per file, as `new_avatar` writes it.
        if user.to_string() != stem[..36]
            || !random
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return None;
        }
        Some((user, StorageKey(format!("{}/{file}", folder.name()))))
    }

    /// A whole key as `as_str` writes it (`contents/<owner>-<32 hex>.pdf`), in any folder,
    /// checked as `from_file_name` checks (a backup's entry names, which a file could forge).
    pub fn parse(key: &str) -> Option<StorageKey> {
        Folder::ALL
            .into_iter()
            .find_map(|folder| StorageKey::from_stored(folder, key))
            .map(|(_, key)| key)
    }

    /// The last part of the key: the name a file is served under.
    pub fn file_name(&self) -> &str {
        self.0.rsplit_once('/').map_or(&self.0, |(_, name)| name)
    }

    /// The file's type, from the extension the application gave it.
    pub fn content_type(&self) -> &'static str {
        match self.0.rsplit_once('.').map(|(_, ext)| ext) {
            Some("png") => "image/png",
            Some("jpg") => "image/jpeg",
            Some("webp") => "image/webp",
            Some("gif") => "image/gif",
            Some("pdf") => "application/pdf",
            Some("docx") => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Some("pptx") => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Some("odt") => "application/vnd.oasis.opendocument.text",
            Some("txt") => "text/plain; charset=utf-8",
            Some("mp4") => "video/mp4",
            Some("webm") => "video/webm",
            _ => "application/octet-stream",
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(super) fn path(&self) -> object_store::path::Path {
        // Every key is ASCII letters, digits, `-`, `.` and one `/`: always a valid path.
        object_store::path::Path::from(self.0.as_str())
    }

    /// A key read back from the store's listing of a folder.
    pub(super) fn listed(folder: Folder, path: &object_store::path::Path) -> Option<StorageKey> {
        let prefix = format!("{}/", folder.name());
        let name = path.as_ref().strip_prefix(&prefix)?;
        StorageKey::from_file_name(folder, name).map(|(_, key)| key)
    }

    pub(super) fn folder_path(folder: Folder) -> object_store::path::Path {
        object_store::path::Path::from(folder.name())
    }

    /// Any key, for the storage layer's own tests.
    #[cfg(test)]
    pub(super) fn raw(key: &str) -> StorageKey {
        StorageKey(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avatar_names_round_trip_and_nothing_else_parses() {
        let user = Uuid::now_v7();
        let key = StorageKey::new_avatar(user);
        assert!(key.as_str().starts_with(&format!("avatars/{user}-")));
        assert_eq!(key.content_type(), "image/png");
        let (owner, parsed) = StorageKey::avatar_from_file_name(key.file_name()).unwrap();
        assert_eq!((owner, &parsed), (user, &key));
        let random = "0123456789abcdef0123456789abcdef";
        assert!(StorageKey::avatar_from_file_name(&format!("{user}-{random}.jpg")).is_some());
        for bad in [
            "../../jwt-secret".to_owned(),
            "x.png".to_owned(),
            format!("{user}-{random}.svg"),
            format!("{user}-{random}.png.png"),
            format!("{user}/{random}.png"),
            format!("{}-{random}.png", user.to_string().to_uppercase()),
            format!("{user}-{}.png", random.to_uppercase()),
            format!("{user}-{}/.png", &random[..31]),
            format!("{user}-..{}.png", &random[..30]),
            format!(
                "{}é{}-{random}.png",
                &user.to_string()[..34],
                &user.to_string()[35..]
            ),
        ] {
            assert!(StorageKey::avatar_from_file_name(&bad).is_none(), "{bad}");
        }
    }
}
