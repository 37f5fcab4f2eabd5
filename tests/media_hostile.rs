//! Hostile and broken files through the real import (DESIGN.md §4): each is built here, in a temp
//! folder, and imported with the real decode worker (this crate's binary). Every file gets exactly
//! one outcome; originals that were read are stored byte for byte even when they have no
//! preview; the user's message names the file; a worker that hangs or crashes costs only that
//! file's preview.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use casevault::media::{
    DecodeError, Decoder, FileOutcome, Format, ImportError, ImportOptions, Imported, Output,
    PreviewError, Task, import_batch, import_file,
};
use casevault::vault::{BlobStore, ObjectId};
use common::TestDir;
use common::scans::{
    first_half, jpeg_bytes, page_image, png_bytes, png_claiming, real_decoder, stamp, write_bomb,
};
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------------
// Building the files

fn good_jpeg() -> Vec<u8> {
    jpeg_bytes(&page_image(1200, 1600))
}

fn good_png() -> Vec<u8> {
    png_bytes(&page_image(320, 200))
}

/// Random bytes that no sniffer takes for a known format.
fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    bytes[0] = 0;
    // Astronomically unlikely, but keep the test's premise true.
    for window in 0..bytes.len().min(1024).saturating_sub(4) {
        if &bytes[window..window + 5] == b"%PDF-" {
            bytes[window] = 0;
        }
    }
    assert_eq!(
        Format::sniff(&bytes[..bytes.len().min(1024)]),
        Format::Other
    );
    bytes
}

/// A little-endian TIFF with two 8 × 8 8-bit grayscale uncompressed pages. Page 1's pixels are
/// `tiff_pixel(x, y)`; page 2's StripOffsets points far beyond the end of the file.
fn two_page_tiff_second_broken() -> Vec<u8> {
    const ENTRIES: u16 = 9;
    let ifd_len = 2 + 12 * u32::from(ENTRIES) + 4;
    let first_ifd = 8u32;
    let second_ifd = first_ifd + ifd_len;
    let pixels_at = second_ifd + ifd_len;
    let mut out = b"II*\0".to_vec();
    out.extend(first_ifd.to_le_bytes());
    let entry = |out: &mut Vec<u8>, tag: u16, kind: u16, value: u32| {
        out.extend(tag.to_le_bytes());
        out.extend(kind.to_le_bytes());
        out.extend(1u32.to_le_bytes());
        if kind == 3 {
            out.extend((value as u16).to_le_bytes());
            out.extend([0, 0]);
        } else {
            out.extend(value.to_le_bytes());
        }
    };
    let (short, long) = (3u16, 4u16);
    for (strip_offset, next_ifd) in [(pixels_at, second_ifd), (1 << 20, 0)] {
        out.extend(ENTRIES.to_le_bytes());
        entry(&mut out, 256, short, 8); // ImageWidth
        entry(&mut out, 257, short, 8); // ImageLength
        entry(&mut out, 258, short, 8); // BitsPerSample
        entry(&mut out, 259, short, 1); // Compression: none
        entry(&mut out, 262, short, 1); // PhotometricInterpretation: BlackIsZero
        entry(&mut out, 273, long, strip_offset); // StripOffsets
        entry(&mut out, 277, short, 1); // SamplesPerPixel
        entry(&mut out, 278, short, 8); // RowsPerStrip
        entry(&mut out, 279, long, 64); // StripByteCounts
        out.extend(next_ifd.to_le_bytes());
    }
    assert_eq!(out.len() as u32, pixels_at);
    for y in 0..8 {
        for x in 0..8 {
            out.push(tiff_pixel(x, y));
        }
    }
    out
}

fn tiff_pixel(x: u8, y: u8) -> u8 {
    x * 30 + y * 2
}

fn minimal_pdf() -> Vec<u8> {
    b"%PDF-1.4\n\
      1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
      2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
      3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n\
      trailer << /Root 1 0 R >>\n\
      %%EOF\n"
        .to_vec()
}

// ---------------------------------------------------------------------------------------------
// Importing and checking

/// Who the imports of these tests are stamped with.
const IMPORTED_BY: &str = "hostile-files test";

/// A vault and a folder for the files to import.
struct Setup {
    test: TestDir,
    files: tempfile::TempDir,
    _vault: casevault::vault::Vault,
    store: BlobStore,
}

impl Setup {
    fn new() -> Self {
        let test = TestDir::new();
        let vault = test.create();
        let store = vault.blob_store();
        Self {
            test,
            files: tempfile::tempdir().expect("files dir"),
            _vault: vault,
            store,
        }
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.files.path().join(name);
        std::fs::write(&path, bytes).expect("write test file");
        path
    }

    fn import_with(
        &self,
        decoder: &Decoder,
        path: &Path,
        options: &ImportOptions,
    ) -> (FileOutcome, Option<String>) {
        let result = import_file(&self.store, decoder, path, options, &stamp(IMPORTED_BY));
        let outcome = FileOutcome {
            name: path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned(),
            result,
        };
        let message = outcome.message();
        (outcome, message)
    }

    fn import(&self, path: &Path) -> (FileOutcome, Option<String>) {
        self.import_with(&real_decoder(), path, &ImportOptions::default())
    }
}

/// The outcome's message exists and names the file.
fn assert_message_names(outcome: &FileOutcome, name: &str) -> String {
    let message = outcome
        .message()
        .unwrap_or_else(|| panic!("{name}: a message is expected for {:?}", outcome.result));
    assert!(!message.trim().is_empty(), "{name}: empty message");
    assert!(
        message.contains(name),
        "{name}: the message does not name the file: {message}"
    );
    message
}

fn stored(outcome: &FileOutcome) -> &Imported {
    match &outcome.result {
        Ok(imported) => imported,
        Err(err) => panic!("{}: expected to be stored, got {err:?}", outcome.name),
    }
}

fn refused(outcome: &FileOutcome) -> &ImportError {
    match &outcome.result {
        Err(err) => err,
        Ok(imported) => panic!("{}: expected a refusal, got {imported:?}", outcome.name),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn object(id: &str) -> ObjectId {
    ObjectId::parse(id).unwrap_or_else(|| panic!("not an object id: {id}"))
}

/// The stored original is the file byte for byte: same SHA-256, size, and decrypted bytes.
fn assert_stored_byte_for_byte(store: &BlobStore, imported: &Imported, original: &[u8]) {
    assert_eq!(imported.file.sha256, sha256_hex(original));
    assert_eq!(imported.file.size, original.len() as u64);
    let back = store
        .read_to_memory(&object(&imported.file.blob), 1 << 30)
        .expect("decrypt the stored original");
    assert!(
        back.as_slice() == original,
        "the stored original differs from the file"
    );
}

/// Decrypts and decodes a thumbnail; returns its size.
fn thumbnail_size(store: &BlobStore, imported: &Imported) -> (u32, u32) {
    let id = imported
        .file
        .thumbnail
        .as_deref()
        .unwrap_or_else(|| panic!("no thumbnail for {:?}", imported));
    let jpeg = store
        .read_to_memory(&object(id), 16 << 20)
        .expect("decrypt the thumbnail");
    let thumb = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg)
        .expect("the thumbnail is a JPEG");
    (thumb.width(), thumb.height())
}

/// Stored with a preview: one page and a thumbnail fitting `side`, touching it on the longer side.
fn assert_previewed(store: &BlobStore, outcome: &FileOutcome, original: &[u8]) {
    let imported = stored(outcome);
    assert_eq!(
        imported.no_preview, None,
        "{}: expected a preview",
        outcome.name
    );
    assert_eq!(outcome.message(), None, "{}", outcome.name);
    assert_eq!(imported.file.pages, 1, "{}", outcome.name);
    assert_stored_byte_for_byte(store, imported, original);
    let (w, h) = thumbnail_size(store, imported);
    assert!(w <= 256 && h <= 256, "{}: thumbnail {w}×{h}", outcome.name);
    assert_eq!(w.max(h), 256, "{}: thumbnail {w}×{h}", outcome.name);
}

fn decode_error(imported: &Imported) -> &DecodeError {
    match &imported.no_preview {
        Some(PreviewError::Decode(err)) => err,
        other => panic!(
            "{}: expected a decode error, got {other:?}",
            imported.file.original_name
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// One file at a time

#[test]
fn a_good_jpeg_gets_one_page_and_a_thumbnail_of_at_most_256_px() {
    let setup = Setup::new();
    let bytes = good_jpeg();
    let path = setup.write("passport-page.jpg", &bytes);
    let (outcome, _) = setup.import(&path);
    assert_previewed(&setup.store, &outcome, &bytes);
    let imported = stored(&outcome);
    assert_eq!(imported.file.media_type, "image/jpeg");
    assert_eq!(imported.file.original_name, "passport-page.jpg");
    assert_eq!(imported.file.imported_by, "hostile-files test");
    // 1200 × 1600 fits 256 as 192 × 256.
    assert_eq!(thumbnail_size(&setup.store, imported), (192, 256));
}

#[test]
fn a_zero_byte_file_is_refused_as_empty() {
    let setup = Setup::new();
    let path = setup.write("empty-scan.jpg", &[]);
    let (outcome, _) = setup.import(&path);
    assert!(
        matches!(refused(&outcome), ImportError::Empty),
        "{outcome:?}"
    );
    assert_message_names(&outcome, "empty-scan.jpg");
}

#[test]
fn random_bytes_named_jpg_are_stored_as_octet_stream_and_the_message_says_so() {
    let setup = Setup::new();
    let bytes = random_bytes(40_000);
    let path = setup.write("birth-certificate.jpg", &bytes);
    let (outcome, _) = setup.import(&path);
    let imported = stored(&outcome);
    assert_eq!(imported.file.media_type, "application/octet-stream");
    assert_eq!(
        imported.no_preview,
        Some(PreviewError::Decode(DecodeError::NoPreview))
    );
    assert_eq!(imported.file.pages, 0);
    assert_eq!(imported.file.thumbnail, None);
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);
    let message = assert_message_names(&outcome, "birth-certificate.jpg");
    assert!(
        message.contains("name says"),
        "the message explains the name is wrong: {message}"
    );
}

#[test]
fn a_truncated_jpeg_is_stored_byte_for_byte_without_preview() {
    let setup = Setup::new();
    let bytes = first_half(&good_jpeg());
    let path = setup.write("cut-off.jpg", &bytes);
    let (outcome, _) = setup.import(&path);
    let imported = stored(&outcome);
    assert_eq!(imported.file.media_type, "image/jpeg");
    assert_eq!(decode_error(imported), &DecodeError::Damaged);
    assert_eq!(imported.file.thumbnail, None);
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);
    assert_message_names(&outcome, "cut-off.jpg");
}

#[test]
fn a_truncated_png_is_stored_byte_for_byte_without_preview() {
    let setup = Setup::new();
    let bytes = first_half(&good_png());
    let path = setup.write("cut-off.png", &bytes);
    let (outcome, _) = setup.import(&path);
    let imported = stored(&outcome);
    assert_eq!(imported.file.media_type, "image/png");
    assert_eq!(decode_error(imported), &DecodeError::Damaged);
    assert_eq!(imported.file.thumbnail, None);
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);
    assert_message_names(&outcome, "cut-off.png");
}

#[test]
fn a_png_claiming_100000_by_100000_pixels_is_too_large() {
    let setup = Setup::new();
    let bytes = png_claiming(100_000, 100_000);
    let path = setup.write("huge.png", &bytes);
    let (outcome, _) = setup.import(&path);
    let imported = stored(&outcome);
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);
    assert_eq!(
        decode_error(imported),
        &DecodeError::TooLarge {
            width: 100_000,
            height: 100_000,
            max_side: 16_384
        }
    );
    let message = assert_message_names(&outcome, "huge.png");
    assert!(message.contains("100"), "the size is shown: {message}");
}

#[test]
fn a_decompression_bomb_is_refused_by_the_memory_limit_not_a_crash() {
    let setup = Setup::new();
    let path = setup.files.path().join("bomb.png");
    let size = write_bomb(&path);
    assert!(size < 2 << 20, "the bomb is a small file: {size} bytes");
    let (outcome, _) = setup.import(&path);
    let imported = stored(&outcome);
    assert_eq!(imported.file.size, size);
    assert!(
        matches!(
            decode_error(imported),
            DecodeError::OverMemoryLimit { .. } | DecodeError::TooLarge { .. }
        ),
        "{:?}",
        imported.no_preview
    );
    assert_eq!(imported.file.thumbnail, None);
    assert_message_names(&outcome, "bomb.png");
}

#[test]
fn a_tiff_whose_second_page_is_broken_imports_with_two_pages_and_shows_page_one() {
    let setup = Setup::new();
    let bytes = two_page_tiff_second_broken();
    let path = setup.write("two-pages.tif", &bytes);
    let (outcome, _) = setup.import(&path);
    let imported = stored(&outcome);
    assert_eq!(imported.no_preview, None, "page 1 makes the thumbnail");
    assert_eq!(imported.file.media_type, "image/tiff");
    assert_eq!(imported.file.pages, 2);
    assert_eq!(thumbnail_size(&setup.store, imported), (8, 8));
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);

    let decoder = real_decoder();
    let view = |page| decoder.run(Format::Tiff, Task::Page { page, side: 4096 }, &bytes);
    match view(0) {
        Ok(Output::Page { pages, page }) => {
            assert_eq!(pages, 2);
            assert_eq!((page.width, page.height), (8, 8));
            // A grey page without transparency comes as RGB.
            assert_eq!(page.channels, 3);
            let at = |x: u8, y: u8| {
                let i = (usize::from(y) * 8 + usize::from(x)) * 3;
                page.pixels[i..i + 3].to_vec()
            };
            for (x, y) in [(0, 0), (3, 5), (7, 7)] {
                let v = tiff_pixel(x, y);
                assert_eq!(at(x, y), vec![v, v, v], "pixel ({x}, {y})");
            }
        }
        Ok(_) => panic!("page 0: not a page"),
        Err(err) => panic!("page 0 should open: {err:?}"),
    }
    match view(1) {
        Err(PreviewError::Decode(err)) => {
            assert!(matches!(err, DecodeError::Damaged), "page 1: {err:?}")
        }
        Err(other) => panic!("page 1: a decode error, not {other:?}"),
        Ok(_) => panic!("page 1 points beyond the file and cannot be shown"),
    }
}

#[test]
fn a_pdf_is_stored_as_application_pdf_without_preview() {
    let setup = Setup::new();
    let bytes = minimal_pdf();
    let path = setup.write("court-ruling.pdf", &bytes);
    let (outcome, _) = setup.import(&path);
    let imported = stored(&outcome);
    assert_eq!(imported.file.media_type, "application/pdf");
    assert_eq!(
        imported.no_preview,
        Some(PreviewError::Decode(DecodeError::NoPreview))
    );
    assert_eq!(imported.file.thumbnail, None);
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);
    let message = assert_message_names(&outcome, "court-ruling.pdf");
    assert!(message.contains("application/pdf"), "{message}");
}

#[test]
fn a_folder_given_as_a_file_is_refused() {
    let setup = Setup::new();
    let folder = setup.files.path().join("scans 2019");
    std::fs::create_dir(&folder).expect("folder");
    std::fs::write(folder.join("inside.png"), good_png()).expect("file inside");
    let (outcome, _) = setup.import(&folder);
    assert!(
        matches!(refused(&outcome), ImportError::IsFolder),
        "{outcome:?}"
    );
    assert_message_names(&outcome, "scans 2019");
}

#[test]
fn a_file_over_the_size_cap_is_refused_and_nothing_is_stored() {
    let setup = Setup::new();
    let bytes = good_jpeg();
    let path = setup.write("too-big.jpg", &bytes);
    let objects_before = common::files_under(&setup.test.vault()).len();
    let options = ImportOptions {
        max_size: 1000,
        ..ImportOptions::default()
    };
    let (outcome, _) = setup.import_with(&real_decoder(), &path, &options);
    match refused(&outcome) {
        ImportError::TooLarge { size, limit } => {
            assert_eq!(*size, bytes.len() as u64);
            assert_eq!(*limit, 1000);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert_message_names(&outcome, "too-big.jpg");
    assert_eq!(
        common::files_under(&setup.test.vault()).len(),
        objects_before,
        "nothing was written to the vault"
    );
    // The same file under the default cap is imported: the cap, not the file, refused it.
    let (outcome, _) = setup.import(&path);
    assert_previewed(&setup.store, &outcome, &bytes);
}

#[test]
fn a_hanging_worker_is_stopped_after_the_timeout_and_the_original_is_kept() {
    let setup = Setup::new();
    let bytes = good_jpeg();
    let path = setup.write("hangs.jpg", &bytes);
    let mut decoder = Decoder::with_command("/bin/sleep".into(), vec!["60".to_string()]);
    decoder.timeout = Duration::from_millis(500);
    let start = Instant::now();
    let (outcome, _) = setup.import_with(&decoder, &path, &ImportOptions::default());
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "the worker was not stopped: {took:?}"
    );
    let imported = stored(&outcome);
    assert!(
        matches!(imported.no_preview, Some(PreviewError::TimedOut { .. })),
        "{:?}",
        imported.no_preview
    );
    assert_eq!(imported.file.thumbnail, None);
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);
    assert_message_names(&outcome, "hangs.jpg");
}

#[test]
fn a_crashing_worker_costs_only_the_preview_and_the_original_is_kept() {
    let setup = Setup::new();
    let bytes = good_jpeg();
    let path = setup.write("crashes.jpg", &bytes);
    let decoder = Decoder::with_command(
        "/bin/sh".into(),
        vec!["-c".to_string(), "kill -SEGV $$".to_string()],
    );
    let (outcome, _) = setup.import_with(&decoder, &path, &ImportOptions::default());
    let imported = stored(&outcome);
    assert_eq!(imported.no_preview, Some(PreviewError::Crashed));
    assert_eq!(imported.file.thumbnail, None);
    assert_stored_byte_for_byte(&setup.store, imported, &bytes);
    assert_message_names(&outcome, "crashes.jpg");
    // The real worker, right after, makes the preview.
    let (outcome, _) = setup.import(&path);
    assert_previewed(&setup.store, &outcome, &bytes);
}

// ---------------------------------------------------------------------------------------------
// Batches

/// Runs `import_batch` and returns one outcome per path, in path order; fails if any path got
/// no outcome or more than one.
fn run_batch(setup: &Setup, paths: &[PathBuf], options: &ImportOptions) -> Vec<FileOutcome> {
    run_batch_with(setup, paths, options, &|_, _| {})
}

fn run_batch_with(
    setup: &Setup,
    paths: &[PathBuf],
    options: &ImportOptions,
    also: &(dyn Fn(usize, &FileOutcome) + Sync),
) -> Vec<FileOutcome> {
    let slots: Mutex<Vec<Vec<FileOutcome>>> =
        Mutex::new(std::iter::repeat_with(Vec::new).take(paths.len()).collect());
    import_batch(
        &setup.store,
        &real_decoder(),
        paths,
        options,
        &stamp(IMPORTED_BY),
        &AtomicBool::new(false),
        &|index, outcome| {
            also(index, &outcome);
            slots.lock().expect("slots")[index].push(outcome);
        },
    );
    slots
        .into_inner()
        .expect("slots")
        .into_iter()
        .enumerate()
        .map(|(index, mut outcomes)| {
            assert_eq!(
                outcomes.len(),
                1,
                "{}: exactly one outcome, got {outcomes:?}",
                paths[index].display()
            );
            outcomes.pop().expect("one outcome")
        })
        .collect()
}

#[test]
fn a_file_deleted_during_a_batch_is_reported_missing_and_the_others_are_imported() {
    let setup = Setup::new();
    let names = ["good.png", "a.png", "b.png", "c.png"];
    let contents: Vec<Vec<u8>> = (0..names.len())
        .map(|i| png_bytes(&page_image(300 + 20 * i as u32, 200)))
        .collect();
    let paths: Vec<PathBuf> = names
        .iter()
        .zip(&contents)
        .map(|(name, bytes)| setup.write(name, bytes))
        .collect();
    let options = ImportOptions {
        parallel: 1,
        ..ImportOptions::default()
    };
    let vanishing = paths[2].clone();
    let outcomes = run_batch_with(&setup, &paths, &options, &|index, outcome| {
        if index == 0 {
            assert!(outcome.result.is_ok(), "{outcome:?}");
            std::fs::remove_file(&vanishing).expect("delete b.png mid-batch");
        }
    });
    for (i, outcome) in outcomes.iter().enumerate() {
        assert_eq!(outcome.name, names[i]);
        if i == 2 {
            assert!(
                matches!(refused(outcome), ImportError::Missing),
                "{outcome:?}"
            );
            assert_message_names(outcome, "b.png");
        } else {
            assert_previewed(&setup.store, outcome, &contents[i]);
        }
    }
}

#[test]
fn a_batch_of_every_hostile_file_and_two_good_ones_gives_one_outcome_each() {
    let setup = Setup::new();
    let good_jpeg = good_jpeg();
    let good_png = good_png();
    let random = random_bytes(30_000);
    let pdf = minimal_pdf();
    let tiff = two_page_tiff_second_broken();
    let folder = setup.files.path().join("a folder");
    std::fs::create_dir(&folder).expect("folder");
    let bomb = setup.files.path().join("bomb.png");
    write_bomb(&bomb);
    let paths = vec![
        setup.write("empty.jpg", &[]),
        setup.write("random.jpg", &random),
        setup.write("good-1.jpg", &good_jpeg),
        setup.write("cut.jpg", &first_half(&good_jpeg)),
        setup.write("cut.png", &first_half(&good_png)),
        setup.write("huge.png", &png_claiming(100_000, 100_000)),
        bomb,
        setup.write("two-pages.tif", &tiff),
        setup.write("ruling.pdf", &pdf),
        folder,
        setup.files.path().join("never-existed.png"),
        setup.write("good-2.png", &good_png),
    ];
    let outcomes = run_batch(&setup, &paths, &ImportOptions::default());
    let by_name = |name: &str| {
        outcomes
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no outcome named {name}"))
    };

    assert_previewed(&setup.store, by_name("good-1.jpg"), &good_jpeg);
    assert_previewed(&setup.store, by_name("good-2.png"), &good_png);
    assert!(matches!(refused(by_name("empty.jpg")), ImportError::Empty));
    assert!(matches!(
        refused(by_name("a folder")),
        ImportError::IsFolder
    ));
    assert!(matches!(
        refused(by_name("never-existed.png")),
        ImportError::Missing
    ));
    let random_jpg = stored(by_name("random.jpg"));
    assert_eq!(random_jpg.file.media_type, "application/octet-stream");
    assert_stored_byte_for_byte(&setup.store, random_jpg, &random);
    for name in ["cut.jpg", "cut.png"] {
        assert_eq!(
            decode_error(stored(by_name(name))),
            &DecodeError::Damaged,
            "{name}"
        );
    }
    for name in ["huge.png", "bomb.png"] {
        assert!(
            matches!(
                decode_error(stored(by_name(name))),
                DecodeError::TooLarge { .. } | DecodeError::OverMemoryLimit { .. }
            ),
            "{name}"
        );
    }
    let tiff_file = stored(by_name("two-pages.tif"));
    assert_eq!(tiff_file.file.pages, 2);
    assert!(tiff_file.file.thumbnail.is_some());
    assert_eq!(
        stored(by_name("ruling.pdf")).no_preview,
        Some(PreviewError::Decode(DecodeError::NoPreview))
    );
    for outcome in &outcomes {
        let previewed =
            ["good-1.jpg", "good-2.png", "two-pages.tif"].contains(&outcome.name.as_str());
        if previewed {
            assert_eq!(outcome.message(), None, "{}", outcome.name);
        } else {
            assert_message_names(outcome, &outcome.name);
        }
    }
}
