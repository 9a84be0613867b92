use std::path::Path;

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt, stream};

use super::*;

/// Every file under a folder, at any depth (the local store's staging files included).
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found
}

fn local(dir: &Path) -> Storage {
    let mut config = Config::default();
    config.storage.path = Some(dir.to_path_buf());
    Storage::from_config(&config).unwrap()
}

/// A body of `parts` chunks of `size` bytes each.
fn body(parts: usize, size: usize) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
    stream::iter((0..parts).map(move |i| Ok(Bytes::from(vec![i as u8; size]))))
}

async fn read_all(file: StoredFile) -> Vec<u8> {
    file.body
        .try_fold(Vec::new(), |mut all, chunk| async move {
            all.extend_from_slice(&chunk);
            Ok(all)
        })
        .await
        .unwrap()
}

async fn round_trip(storage: &Storage) {
    let key = StorageKey::raw("avatars/a.png");
    // Larger than a part, so the upload is written in several.
    let size = storage
        .put_stream(&key, body(5, 100 * 1024), 1024 * 1024)
        .await
        .unwrap();
    assert_eq!(size, 500 * 1024);
    let file = storage.get(&key).await.unwrap();
    assert_eq!(file.size, 500 * 1024);
    let bytes = read_all(file).await;
    assert_eq!(bytes.len(), 500 * 1024);
    assert_eq!(
        (bytes[0], bytes[100 * 1024], bytes[500 * 1024 - 1]),
        (0, 1, 4)
    );

    let part = storage.get_range(&key, 102_399..102_401).await.unwrap();
    assert_eq!(
        (part.size, part.range.clone()),
        (500 * 1024, 102_399..102_401)
    );
    assert_eq!(read_all(part).await, vec![0, 1]);

    storage.delete(&key).await.unwrap();
    assert!(matches!(
        storage.get(&key).await,
        Err(StorageError::NotFound)
    ));
    storage.delete(&key).await.unwrap();
}

/// Past the limit: `TooLarge`, and the store holds exactly what it held before.
async fn overflow_leaves_nothing(storage: &Storage) {
    let kept = StorageKey::raw("avatars/kept.png");
    storage
        .put(&kept, Bytes::from_static(b"old"))
        .await
        .unwrap();
    let new = StorageKey::raw("avatars/new.png");
    for key in [&kept, &new] {
        let refused = storage
            .put_stream(key, body(10, 64 * 1024), 300 * 1024)
            .await;
        assert!(
            matches!(refused, Err(StorageError::TooLarge { limit: 307_200 })),
            "{refused:?}"
        );
    }
    // A body that fails half-way (a dropped connection).
    let failing =
        body(3, 100 * 1024).chain(stream::once(async { Err(std::io::Error::other("reset")) }));
    let refused = storage.put_stream(&new, failing, 1024 * 1024).await;
    assert!(matches!(refused, Err(StorageError::Body(_))), "{refused:?}");
    assert_eq!(&storage.read(&kept).await.unwrap()[..], b"old");
    assert!(matches!(
        storage.read(&new).await,
        Err(StorageError::NotFound)
    ));
}

#[tokio::test]
async fn files_round_trip_in_memory_with_ranges() {
    round_trip(&Storage::in_memory()).await;
}

#[tokio::test]
async fn files_round_trip_in_a_folder_with_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let storage = local(dir.path());
    round_trip(&storage).await;
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn an_upload_past_its_limit_leaves_nothing_in_memory() {
    overflow_leaves_nothing(&Storage::in_memory()).await;
}

#[tokio::test]
async fn an_upload_past_its_limit_leaves_nothing_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let storage = local(dir.path());
    overflow_leaves_nothing(&storage).await;
    // Not even a staging file of the aborted uploads.
    let files = files_under(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("avatars/kept.png"), "{files:?}");
}

/// The bucket of moto's S3-compatible server (`storage::moto`), in a folder of its own.
fn s3() -> Storage {
    Storage::s3(&moto::config()).unwrap()
}

#[tokio::test]
async fn files_round_trip_in_an_s3_bucket_with_ranges() {
    round_trip(&s3()).await;
}

#[tokio::test]
async fn an_upload_past_its_limit_leaves_nothing_in_an_s3_bucket() {
    let storage = s3();
    overflow_leaves_nothing(&storage).await;
    // Nothing but the kept file.
    let all: Vec<_> = storage
        .store
        .list(None)
        .map_ok(|meta| meta.location.to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, vec!["avatars/kept.png".to_owned()]);
}

#[tokio::test]
async fn a_large_upload_goes_to_s3_in_parts_of_five_mebibytes() {
    let storage = s3();
    let key = StorageKey::raw("contents/large.bin");
    // 12 MiB in 1 MiB chunks: three parts (5, 5 and 2 MiB), S3's smallest but the last.
    let size = storage
        .put_stream(&key, body(12, 1024 * 1024), 64 * 1024 * 1024)
        .await
        .unwrap();
    assert_eq!(size, 12 * 1024 * 1024);
    assert_eq!(storage.size(&key).await.unwrap(), 12 * 1024 * 1024);
    // A range across the first part's end.
    let edge = 5 * 1024 * 1024;
    let part = storage.get_range(&key, edge - 1..edge + 1).await.unwrap();
    assert_eq!(read_all(part).await, vec![4, 5]);
    storage.delete(&key).await.unwrap();
    assert!(matches!(
        storage.size(&key).await,
        Err(StorageError::NotFound)
    ));
}

#[tokio::test]
async fn two_s3_folders_do_not_see_each_others_files() {
    let (a, b) = (s3(), s3());
    let user = uuid::Uuid::now_v7();
    let key = StorageKey::new_avatar(user);
    a.put(&key, Bytes::from_static(b"a")).await.unwrap();
    assert_eq!(a.list(Folder::Avatars).await.unwrap(), vec![key.clone()]);
    assert_eq!(
        b.list(Folder::Avatars).await.unwrap(),
        Vec::<StorageKey>::new()
    );
    assert!(matches!(b.read(&key).await, Err(StorageError::NotFound)));
}

#[tokio::test]
async fn a_folder_lists_only_the_names_the_application_makes() {
    let storage = Storage::in_memory();
    let user = uuid::Uuid::now_v7();
    let (a, b) = (StorageKey::new_avatar(user), StorageKey::new_avatar(user));
    for key in [&a, &b, &StorageKey::raw("avatars/odd.txt")] {
        storage.put(key, Bytes::from_static(b"x")).await.unwrap();
    }
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(storage.list(Folder::Avatars).await.unwrap(), expected);
}

#[tokio::test]
async fn a_request_body_streams_in_as_it_is() {
    let storage = Storage::in_memory();
    let key = StorageKey::raw("avatars/body.bin");
    let body = axum::body::Body::from(vec![7u8; 300 * 1024]).into_data_stream();
    assert_eq!(
        storage.put_stream(&key, body, 300 * 1024).await.unwrap(),
        300 * 1024
    );
    let body = axum::body::Body::from(vec![7u8; 300 * 1024 + 1]).into_data_stream();
    let refused = storage.put_stream(&key, body, 300 * 1024).await;
    assert!(matches!(refused, Err(StorageError::TooLarge { .. })));
    // The refused upload left the earlier file as it was.
    assert_eq!(storage.read(&key).await.unwrap().len(), 300 * 1024);
}

#[tokio::test]
async fn the_staging_file_of_an_upload_cut_off_is_swept_once_old_enough() {
    let dir = tempfile::tempdir().unwrap();
    let storage = local(dir.path());
    let kept = StorageKey::raw("contents/kept.pdf");
    storage
        .put(&kept, Bytes::from_static(b"%PDF-1.4"))
        .await
        .unwrap();
    // What a crash in the middle of a multipart upload leaves: `<name>#<digits>`.
    let staging = dir.path().join("contents/cut.mp4#7");
    std::fs::write(&staging, b"half").unwrap();
    let too_new = crate::clock::now() - chrono::TimeDelta::hours(1);
    assert_eq!(storage.sweep_staging(too_new).await.unwrap(), 0);
    assert!(staging.exists());
    let later = crate::clock::now() + chrono::TimeDelta::seconds(1);
    assert_eq!(storage.sweep_staging(later).await.unwrap(), 1);
    assert!(!staging.exists());
    assert_eq!(&storage.read(&kept).await.unwrap()[..], b"%PDF-1.4");
    // Nothing to sweep in memory or on S3.
    assert_eq!(Storage::in_memory().sweep_staging(later).await.unwrap(), 0);
}
