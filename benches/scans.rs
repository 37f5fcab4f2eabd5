//! Scan benchmarks (DESIGN.md §4, issue figures), on 20 generated A4 scans (2480 × 3508 JPEG,
//! about 1 MB each), each against its target in the same run:
//! - thumbnails of the 20 files: `vipsthumbnail -s 256` (one process, all files) vs ours (the
//!   decode worker, one process a file, two at a time as `import_batch` runs them);
//! - the full import of the 20 files into a fresh vault (hash, encrypt, thumbnail, store);
//! - opening one stored scan in the viewer: decrypt + worker page decode to the first pixels.
//!
//! Medians, ratios and a breakdown of where a thumbnail's time goes are printed at the end.

mod common;
#[allow(dead_code)] // the bench uses a few of the tests' fixtures
#[path = "../tests/common/scans.rs"]
mod scans_fixtures;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use casevault::media::worker::{SCREEN_SIDE, VIEW_MAX_SIDE};
use casevault::media::{
    Decoder, Format, ImportOptions, Limits, Output, PagePixels, Task, decode, import_batch,
};
use casevault::vault::age_secret::SecretString;
use casevault::vault::{ObjectId, Vault, VaultConfig};
use common::{criterion, measure, median, ms, tool_available, work_dir};
use criterion::SamplingMode;
use image::{Rgb, RgbImage};
use scans_fixtures::{real_decoder, stamp};

const SCANS: usize = 20;
const WIDTH: u32 = 2480;
const HEIGHT: u32 = 3508;
const QUALITY: u8 = 85;
const THUMB_SIDE: u32 = 256;
const PASSPHRASE: &str = "benchmark passphrase with several words";

/// xorshift64: cheap deterministic noise for the generated pages.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 32) as u32
    }
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }
}

/// An A4 page at 300 dpi: tinted, slightly noisy paper with lines of text-like glyph strokes.
fn scan_page(seed: u64) -> RgbImage {
    let (w, h) = (WIDTH, HEIGHT);
    let mut rng = Noise(seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut ink = vec![false; (w * h) as usize];
    let mut y = 300;
    while y + 40 < h - 300 {
        let mut x = 250 + rng.below(60);
        let end = w - 250 - rng.below(400);
        while x < end {
            let word = 40 + rng.below(180);
            let mut glyph = x;
            while glyph < (x + word).min(end) {
                let glyph_width = 14 + rng.below(10);
                let top = if rng.below(4) == 0 { y } else { y + 12 };
                for yy in top..y + 36 {
                    for xx in glyph..glyph + 3 {
                        ink[(yy * w + xx) as usize] = true;
                    }
                }
                if rng.below(2) == 0 {
                    for xx in glyph..glyph + glyph_width - 4 {
                        for yy in [top, top + 1, top + 2, y + 34, y + 35, y + 36] {
                            ink[(yy * w + xx) as usize] = true;
                        }
                    }
                }
                glyph += glyph_width;
            }
            x += word + 22 + rng.below(12);
        }
        y += 58 + if rng.below(9) == 0 { 60 } else { 0 };
    }
    let mut page = RgbImage::new(w, h);
    for (i, pixel) in page.pixels_mut().enumerate() {
        let n = rng.below(5) as i32 - 2;
        let (x, yy) = (i as u32 % w, i as u32 / w);
        let shade = ((x / 8 + yy / 11) % 7) as i32;
        let base = if ink[i] {
            [45, 42, 60]
        } else {
            [236 - shade, 233 - shade, 224 - shade]
        };
        *pixel = Rgb(base.map(|c: i32| (c + n).clamp(0, 255) as u8));
    }
    page
}

fn scan_jpeg(seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&scan_page(seed))
        .expect("encode scan");
    out
}

/// The 20 scans, generated two at a time, written to `dir`.
fn generate_scans(dir: &Path) -> (Vec<PathBuf>, Vec<Vec<u8>>) {
    let next = AtomicUsize::new(0);
    let made = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::SeqCst);
                    if n >= SCANS {
                        break;
                    }
                    let jpeg = scan_jpeg(n as u64);
                    made.lock().expect("scans").push((n, jpeg));
                }
            });
        }
    });
    let mut made = made.into_inner().expect("scans");
    made.sort_by_key(|(n, _)| *n);
    let mut paths = Vec::new();
    let mut bytes = Vec::new();
    for (n, jpeg) in made {
        let path = dir.join(format!("scan-{n:02}.jpg"));
        std::fs::write(&path, &jpeg).expect("write scan");
        paths.push(path);
        bytes.push(jpeg);
    }
    (paths, bytes)
}

fn vault_config(dir: &Path) -> VaultConfig {
    VaultConfig {
        state_dir: dir.join("state"),
        // Vault creation is not what is measured; a light KDF keeps the set-up quick.
        kdf_log_n: 10,
        ..VaultConfig::default()
    }
}

fn new_vault(dir: &Path) -> Vault {
    Vault::create(
        &dir.join("vault"),
        &SecretString::from(PASSPHRASE.to_string()),
        &vault_config(dir),
    )
    .expect("create vault")
}

/// Our thumbnails of all files: one worker a file, two at a time (as `import_batch` runs them).
fn our_thumbnails(decoder: &Decoder, scans: &[Vec<u8>]) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some(bytes) = scans.get(next.fetch_add(1, Ordering::SeqCst)) {
                    match decoder.run(Format::Jpeg, Task::Thumbnail { side: THUMB_SIDE }, bytes) {
                        Ok(Output::Thumbnail { pages: 1, jpeg }) => {
                            assert!(!jpeg.is_empty());
                        }
                        Ok(_) => panic!("not a thumbnail"),
                        Err(err) => panic!("thumbnail failed: {err:?}"),
                    }
                }
            });
        }
    });
}

/// `vipsthumbnail -s 256` on all files, in one process.
fn vips_thumbnails(paths: &[PathBuf], out: &Path) {
    let status = Command::new("vipsthumbnail")
        .arg("-s")
        .arg(THUMB_SIDE.to_string())
        .arg("-o")
        .arg(format!("{}/%s_t.jpg", out.display()))
        .args(paths)
        .status()
        .expect("run vipsthumbnail");
    assert!(status.success(), "vipsthumbnail failed");
}

/// Imports all files into a fresh vault (created before, untimed); returns the timed part.
fn import_into_fresh_vault(work: &Path, paths: &[PathBuf], decoder: &Decoder) -> Duration {
    let dir = tempfile::tempdir_in(work).expect("vault dir");
    let vault = new_vault(dir.path());
    let store = vault.blob_store();
    let done = AtomicUsize::new(0);
    let start = Instant::now();
    import_batch(
        &store,
        decoder,
        paths,
        &ImportOptions::default(),
        &stamp("bench"),
        &AtomicBool::new(false),
        &|_, outcome| {
            let imported = outcome.result.as_ref().expect("imported");
            assert!(imported.no_preview.is_none() && imported.file.thumbnail.is_some());
            done.fetch_add(1, Ordering::SeqCst);
        },
    );
    let took = start.elapsed();
    assert_eq!(done.load(Ordering::SeqCst), paths.len());
    drop(store);
    vault.lock();
    took
}

/// The viewer opening a stored scan, as it does: decrypt into memory (size known from the file
/// entry), decode the page within `side` pixels in the worker, make the egui image the texture
/// is created from. Returns the image, so that the caller stops the clock before it is freed.
fn open_in_viewer(
    store: &casevault::vault::BlobStore,
    object: &ObjectId,
    size: u64,
    decoder: &Decoder,
    side: u32,
) -> egui::ColorImage {
    let bytes = store.read_sized(object, size, 200 << 20).expect("decrypt");
    let format = Format::sniff(&bytes[..bytes.len().min(1024)]);
    worker_page(decoder, format, &bytes, side).to_color_image()
}

fn worker_page(decoder: &Decoder, format: Format, bytes: &[u8], side: u32) -> PagePixels {
    match decoder.run(format, Task::Page { page: 0, side }, bytes) {
        Ok(Output::Page { page, .. }) => {
            // Halved while at least twice `side`: between `side` and twice it, or whole.
            let longer = page.width.max(page.height);
            assert!(
                longer == HEIGHT || (side..2 * side).contains(&longer),
                "{longer}"
            );
            page
        }
        Ok(_) => panic!("not a page"),
        Err(err) => panic!("page failed: {err:?}"),
    }
}

/// Median of `runs` timings of `f`, each up to the moment `f` returns (dropping what it returned
/// is not timed).
fn median_until_returned<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let result = f();
            let took = start.elapsed();
            drop(result);
            took
        })
        .collect();
    median(&samples)
}

/// Median of `runs` timed calls of `f`.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    median(&samples)
}

/// Where one of our thumbnails spends its time, and the same per-file figure for vips.
fn thumbnail_breakdown(
    decoder: &Decoder,
    scans: &[Vec<u8>],
    paths: &[PathBuf],
    out: &Path,
    vips: bool,
) -> Vec<String> {
    let limits = Limits::default();
    // A worker start with (almost) nothing to do: an 8 × 8 JPEG.
    let mut tiny = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut tiny, QUALITY)
        .encode_image(&RgbImage::new(8, 8))
        .expect("tiny");
    let spawn = median_of(15, || {
        decoder
            .run(Format::Jpeg, Task::Thumbnail { side: THUMB_SIDE }, &tiny)
            .map(|_| ())
            .expect("tiny thumbnail");
    });
    let mut i = 0;
    let decode_resize = median_of(SCANS, || {
        let thumb = decode::page_within(&scans[i % SCANS], Format::Jpeg, 0, THUMB_SIDE, &limits)
            .expect("in-process thumbnail");
        std::hint::black_box(thumb);
        i += 1;
    });
    let thumb =
        decode::page_within(&scans[0], Format::Jpeg, 0, THUMB_SIDE, &limits).expect("thumb");
    let rgb = image::DynamicImage::ImageRgb8(thumb.to_rgb8());
    let encode = median_of(SCANS, || {
        let mut out = std::io::Cursor::new(Vec::new());
        rgb.write_to(&mut out, image::ImageFormat::Jpeg)
            .expect("encode");
        std::hint::black_box(out);
    });
    let mut i = 0;
    let whole = median_of(SCANS, || {
        decoder
            .run(
                Format::Jpeg,
                Task::Thumbnail { side: THUMB_SIDE },
                &scans[i % SCANS],
            )
            .map(|_| ())
            .expect("thumbnail");
        i += 1;
    });
    // What shrink-on-load replaces: a full-size decode (image crate), then the resize.
    let full_decode = median_of(5, || {
        std::hint::black_box(image::load_from_memory(&scans[0]).expect("decode"));
    });
    let full_decode_resize = median_of(5, || {
        let page = image::load_from_memory(&scans[0]).expect("decode");
        std::hint::black_box(page.thumbnail(THUMB_SIDE, THUMB_SIDE));
    });
    let mut lines = vec![
        format!(
            "  ours, one file, serial: {:.1} ms in the worker = start-up of a worker (8×8 JPEG) {:.1} ms + decode at 1/8 scale and resize {:.1} ms + JPEG encode of the thumbnail {:.2} ms (+ pipe and rest {:.1} ms)",
            ms(whole),
            ms(spawn),
            ms(decode_resize),
            ms(encode),
            ms(whole.saturating_sub(spawn + decode_resize + encode)),
        ),
        format!(
            "  without shrink-on-load: full-size decode (image crate) {:.1} ms, + resize to {THUMB_SIDE} = {:.1} ms",
            ms(full_decode),
            ms(full_decode_resize)
        ),
    ];
    if vips {
        let one = median_of(5, || vips_thumbnails(&paths[..1], out));
        let all = median_of(3, || vips_thumbnails(paths, out));
        lines.push(format!(
            "  vipsthumbnail: one file in its own process {:.1} ms; per file within one process of {SCANS}: {:.1} ms (start-up about {:.1} ms)",
            ms(one),
            ms(all) / SCANS as f64,
            ms(one) - ms(all) / SCANS as f64
        ));
    }
    lines
}

/// Whether a figure met its target, as printed.
fn verdict(met: bool) -> &'static str {
    if met { "MET" } else { "MISSED" }
}

fn main() {
    let mut criterion = criterion(Duration::from_secs(1), Duration::from_secs(5));
    let work = work_dir("scans");
    let inputs = tempfile::tempdir_in(&work).expect("inputs");
    let thumbs = tempfile::tempdir_in(&work).expect("thumbs");

    let start = Instant::now();
    let (paths, scans) = generate_scans(inputs.path());
    let sizes: Vec<usize> = scans.iter().map(Vec::len).collect();
    let mean_kb = sizes.iter().sum::<usize>() as f64 / SCANS as f64 / 1000.0;
    println!(
        "generated {SCANS} A4 scans {WIDTH}×{HEIGHT} JPEG q{QUALITY} in {:.1} s: mean {mean_kb:.0} KB (min {} KB, max {} KB)",
        start.elapsed().as_secs_f64(),
        sizes.iter().min().copied().unwrap_or(0) / 1000,
        sizes.iter().max().copied().unwrap_or(0) / 1000,
    );
    let decoder = real_decoder();
    let vips = tool_available("vipsthumbnail");

    let vips_times = RefCell::new(Vec::new());
    let ours_times = RefCell::new(Vec::new());
    let mut group = criterion.benchmark_group("thumbnails_20_a4_scans");
    group
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(14));
    if vips {
        group.bench_function("vipsthumbnail", |b| {
            b.iter_custom(|iters| {
                measure(iters, &vips_times, || {
                    let start = Instant::now();
                    vips_thumbnails(&paths, thumbs.path());
                    start.elapsed()
                })
            });
        });
    } else {
        println!("vipsthumbnail not found: the comparison is skipped");
    }
    group.bench_function("casevault_worker_2_parallel", |b| {
        b.iter_custom(|iters| {
            measure(iters, &ours_times, || {
                let start = Instant::now();
                our_thumbnails(&decoder, &scans);
                start.elapsed()
            })
        });
    });
    group.finish();

    let import_times = RefCell::new(Vec::new());
    let mut group = criterion.benchmark_group("import_20_a4_scans");
    group
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("import_batch_fresh_vault", |b| {
        b.iter_custom(|iters| {
            measure(iters, &import_times, || {
                import_into_fresh_vault(&work, &paths, &decoder)
            })
        });
    });
    group.finish();

    // One scan stored once; the viewer opens it again and again.
    let viewer_dir = tempfile::tempdir_in(&work).expect("viewer vault dir");
    let viewer_vault = new_vault(viewer_dir.path());
    let store = viewer_vault.blob_store();
    let stored = store.put(&mut scans[0].as_slice()).expect("store one scan");
    let object = stored.object.clone();
    let viewer_times = RefCell::new(Vec::new());
    let sharp_times = RefCell::new(Vec::new());
    let mut group = criterion.benchmark_group("viewer_open_a4_scan");
    group.sampling_mode(SamplingMode::Flat);
    for (name, side, times) in [
        ("first_pixels_screen_sized", SCREEN_SIDE, &viewer_times),
        ("full_resolution_on_zoom", VIEW_MAX_SIDE, &sharp_times),
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                measure(iters, times, || {
                    let start = Instant::now();
                    let image = open_in_viewer(&store, &object, stored.size, &decoder, side);
                    let took = start.elapsed();
                    drop(image);
                    took
                })
            });
        });
    }
    group.finish();
    let decrypt = median_until_returned(10, || {
        store
            .read_sized(&object, stored.size, 200 << 20)
            .expect("decrypt")
    });
    let page_only = median_until_returned(10, || {
        worker_page(&decoder, Format::Jpeg, &scans[0], SCREEN_SIDE)
    });
    let page_in_process = median_until_returned(10, || {
        decode::page_for_view(
            &scans[0],
            Format::Jpeg,
            0,
            SCREEN_SIDE,
            VIEW_MAX_SIDE,
            &Limits::default(),
        )
        .expect("decode")
    });

    let breakdown = thumbnail_breakdown(&decoder, &scans, &paths, thumbs.path(), vips);
    criterion.final_summary();

    let ours = median(&ours_times.borrow());
    let import = median(&import_times.borrow());
    let viewer = median(&viewer_times.borrow());
    println!(
        "\n== Casevault scan figures (medians; {} cores; {SCANS} A4 scans, mean {mean_kb:.0} KB) ==",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    if vips {
        let peer = median(&vips_times.borrow());
        let ratio = ours.as_secs_f64() / peer.as_secs_f64();
        println!(
            "thumbnails of {SCANS}: vipsthumbnail -s {THUMB_SIDE} {:.0} ms, ours (worker, 2 at a time) {:.0} ms, ratio ours/vips = {ratio:.2} (target <= 1.50) {}",
            ms(peer),
            ms(ours),
            verdict(ratio <= 1.5)
        );
    } else {
        println!(
            "thumbnails of {SCANS}: ours {:.0} ms (vipsthumbnail missing)",
            ms(ours)
        );
    }
    println!(
        "import of {SCANS} into a fresh vault (hash, encrypt, thumbnail, store): {:.0} ms (target <= 2000 ms) {}",
        ms(import),
        verdict(import <= Duration::from_secs(2))
    );
    println!(
        "viewer, one scan to first pixels (screen-sized page, halved while over {SCREEN_SIDE}×2 px): {:.0} ms (target <= 150 ms) {} = decrypt {:.0} ms + worker page {:.0} ms (decode in process alone {:.0} ms) + texture image",
        ms(viewer),
        verdict(viewer <= Duration::from_millis(150)),
        ms(decrypt),
        ms(page_only),
        ms(page_in_process)
    );
    println!(
        "viewer, the same page at full resolution (loaded when zooming in past the first): {:.0} ms",
        ms(median(&sharp_times.borrow()))
    );
    println!("where a thumbnail's time goes:");
    for line in breakdown {
        println!("{line}");
    }
}
