//! Importing hostile files costs the app bounded memory (decoding happens in the worker process),
//! and what was imported never reaches the disk in clear. Alone in its file, so that the
//! process's peak resident memory belongs to these tests.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use casevault::media::{DecodeError, FileOutcome, ImportOptions, PreviewError, import_batch};
use casevault::vault::ObjectId;
use common::scans::{
    first_half, jpeg_bytes, page_image, png_bytes, png_claiming, real_decoder, stamp, write_bomb,
};
use common::{TestDir, peak_rss};

/// The tests of this file run one after the other: the memory test measures the whole process.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Resets the peak to the current resident memory (Linux `clear_refs`), so that what the set-up
/// allocated does not hide what the import does. Best effort.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Imports `paths` with the real worker; one outcome per path, in path order.
fn import_all(store: &casevault::vault::BlobStore, paths: &[PathBuf]) -> Vec<FileOutcome> {
    let slots: Mutex<Vec<Option<FileOutcome>>> =
        Mutex::new(std::iter::repeat_with(|| None).take(paths.len()).collect());
    import_batch(
        store,
        &real_decoder(),
        paths,
        &ImportOptions::default(),
        &stamp("memory test"),
        &AtomicBool::new(false),
        &|index, outcome| {
            let previous = slots.lock().expect("slots")[index].replace(outcome);
            assert!(previous.is_none(), "two outcomes for file {index}");
        },
    );
    slots
        .into_inner()
        .expect("slots")
        .into_iter()
        .enumerate()
        .map(|(i, o)| o.unwrap_or_else(|| panic!("no outcome for {}", paths[i].display())))
        .collect()
}

/// Writes `size` random bytes after `head`, 1 MiB at a time (the set-up itself stays small).
fn write_random(path: &Path, head: &[u8], size: usize) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    file.write_all(head).expect("head");
    let mut left = size - head.len();
    let mut block = vec![0u8; 1 << 20];
    while left > 0 {
        let n = left.min(block.len());
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut block[..n]);
        file.write_all(&block[..n]).expect("block");
        left -= n;
    }
    file.flush().expect("flush");
}

#[test]
fn importing_hostile_files_keeps_the_apps_peak_memory_bounded() {
    const NOISE: usize = 60 << 20;
    let _serial = serial();
    let test = TestDir::new();
    let vault = test.create();
    let store = vault.blob_store();
    let files = tempfile::tempdir().expect("files");
    let dir = files.path();

    let jpeg = jpeg_bytes(&page_image(1600, 1200));
    let png = png_bytes(&page_image(800, 600));
    let bomb = dir.join("bomb.png");
    assert!(write_bomb(&bomb) < 2 << 20);
    std::fs::write(dir.join("huge.png"), png_claiming(100_000, 100_000)).expect("huge");
    std::fs::write(dir.join("cut.jpg"), first_half(&jpeg)).expect("cut jpg");
    std::fs::write(dir.join("cut.png"), first_half(&png)).expect("cut png");
    // Noise named like a TIFF: kept as an opaque original (never sent to the worker) ...
    write_random(&dir.join("noise.tif"), &[0], NOISE);
    // ... and noise behind a real TIFF signature: all 60 MiB go through the worker's pipe.
    write_random(&dir.join("noise-with-header.tif"), b"II*\0", NOISE);
    let paths: Vec<PathBuf> = [
        "bomb.png",
        "huge.png",
        "cut.jpg",
        "cut.png",
        "noise.tif",
        "noise-with-header.tif",
    ]
    .iter()
    .map(|name| dir.join(name))
    .collect();

    reset_peak_rss();
    let before = peak_rss();
    let outcomes = import_all(&store, &paths);
    let grown = peak_rss().saturating_sub(before);

    for outcome in &outcomes {
        let imported = outcome
            .result
            .as_ref()
            .unwrap_or_else(|err| panic!("{}: not stored: {err:?}", outcome.name));
        let expected_preview_failure = match outcome.name.as_str() {
            "noise.tif" => matches!(
                imported.no_preview,
                Some(PreviewError::Decode(DecodeError::NoPreview))
            ),
            // Refused by a limit or as damaged, but decoded in the worker, which survived.
            _ => matches!(
                imported.no_preview,
                Some(PreviewError::Decode(
                    DecodeError::TooLarge { .. }
                        | DecodeError::OverMemoryLimit { .. }
                        | DecodeError::Damaged
                        | DecodeError::Unsupported
                ))
            ),
        };
        assert!(
            expected_preview_failure,
            "{}: {:?}",
            outcome.name, imported.no_preview
        );
    }
    assert_eq!(
        outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok())
            .filter(|i| i.file.size == NOISE as u64)
            .count(),
        2,
        "both 60 MiB files are stored whole"
    );
    assert!(
        grown < 300 << 20,
        "the app's peak memory grew by {} MiB while importing hostile files",
        grown >> 20
    );
    println!(
        "peak resident memory grew by {} MiB during the import",
        grown >> 20
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// True if the file's bytes contain `needle`; read 1 MiB at a time (the temp directory may hold
/// other programs' huge files, and the memory test must not see them in this process's peak).
fn file_contains(path: &Path, needle: &[u8]) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let keep = needle.len() - 1;
    let mut window = Vec::with_capacity((1 << 20) + keep);
    let mut block = vec![0u8; 1 << 20];
    loop {
        let n = match file.read(&mut block) {
            Ok(0) | Err(_) => return false,
            Ok(n) => n,
        };
        window.extend_from_slice(&block[..n]);
        if contains(&window, needle) {
            return true;
        }
        let tail = window.len().saturating_sub(keep);
        window.drain(..tail);
    }
}

/// Paths of files under `root` whose bytes contain `needle`.
fn files_containing(root: &Path, needle: &[u8]) -> Vec<String> {
    common::files_under(root)
        .into_iter()
        .filter(|path| file_contains(path, needle))
        .map(|path| path.display().to_string())
        .collect()
}

/// A PNG with the marker in a tEXt chunk (stored uncompressed, so the bytes hold it literally).
fn png_with_text(marker: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 64, 48);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .add_text_chunk("Comment".to_string(), format!("applicant {marker}"))
        .expect("text chunk");
    let mut writer = encoder.write_header().expect("header");
    let pixels: Vec<u8> = (0..64 * 48 * 3).map(|i| (i % 251) as u8).collect();
    writer.write_image_data(&pixels).expect("pixels");
    writer.finish().expect("finish");
    out
}

#[test]
fn imported_files_leave_no_plaintext_on_disk() {
    let _serial = serial();
    let marker = format!("CANARY{}", hex::encode(rand::random::<[u8; 8]>()));
    let needle = marker.as_bytes();
    let test = TestDir::new();
    let vault = test.create();
    let store = vault.blob_store();

    let sources = tempfile::tempdir().expect("sources");
    let png = png_with_text(&marker);
    let pdf = format!(
        "%PDF-1.4\n1 0 obj << /Title ({marker}) /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    .into_bytes();
    assert!(contains(&png, needle) && contains(&pdf, needle));
    let paths = vec![
        sources.path().join("family-photo.png"),
        sources.path().join("statement.pdf"),
    ];
    std::fs::write(&paths[0], &png).expect("png");
    std::fs::write(&paths[1], &pdf).expect("pdf");
    // The scan below finds the marker where it is.
    assert_eq!(files_containing(sources.path(), needle).len(), 2);

    let outcomes = import_all(&store, &paths);
    let photo = outcomes[0].result.as_ref().expect("png stored");
    assert_eq!(photo.no_preview, None, "the PNG went through the worker");
    assert!(photo.file.thumbnail.is_some());
    let statement = outcomes[1].result.as_ref().expect("pdf stored");
    assert_eq!(statement.file.media_type, "application/pdf");
    // The marker really is in what was stored (so finding it nowhere below means something).
    for (imported, original) in [(photo, &png), (statement, &pdf)] {
        let object = ObjectId::parse(&imported.file.blob).expect("object id");
        let back = store
            .read_to_memory(&object, 1 << 20)
            .expect("read back the original");
        assert!(back.as_slice() == original.as_slice());
    }

    drop(store);
    vault.lock();
    // The sources hold the marker by design; they are in the temp directory, so they go first.
    drop(sources);

    let mut hits = files_containing(test.dir.path(), needle);
    hits.extend(files_containing(&std::env::temp_dir(), needle));
    if let Some(dirs) = casevault::vault::project_dirs() {
        hits.extend(files_containing(dirs.config_dir(), needle));
        hits.extend(files_containing(dirs.data_local_dir(), needle));
        if let Some(state) = dirs.state_dir() {
            hits.extend(files_containing(state, needle));
        }
        hits.extend(files_containing(dirs.cache_dir(), needle));
    }
    assert!(hits.is_empty(), "plaintext found in: {hits:?}");
}
