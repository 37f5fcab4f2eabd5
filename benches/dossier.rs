//! Dossier benchmark (DESIGN.md §5, issue figures): the dossier PDF of a case with 20 generated
//! A4 scans (2480 × 3508 JPEG, quality 85) stored in a real vault — read back and decrypted,
//! each checked against its SHA-256, the JPEGs embedded byte for byte, with cover, summary,
//! index and appendix — against `img2pdf` (PyPI) making a PDF of the same 20 files in one
//! process, in the same run. Target: ours ≤ 1.5 × img2pdf. The medians and the ratio are
//! printed at the end.

mod common;
#[allow(dead_code)] // the bench uses a few of the tests' fixtures
#[path = "../tests/common/scans.rs"]
mod scans_fixtures;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use casevault::export::dossier::{DossierInput, write_dossier};
use casevault::export::{ExportChoice, Originals};
use casevault::media::import::store_original;
use casevault::media::{Destination, ImportOptions, attach};
use casevault::model::{Case, FileRole, NameKind, Person, PersonName, Role, Script};
use casevault::vault::age_secret::SecretString;
use casevault::vault::{BlobStore, Vault, VaultConfig};
use common::{criterion, measure, median, ms, tool_available, work_dir};
use criterion::SamplingMode;
use scans_fixtures::{jpeg_bytes, page_image, real_decoder, stamp};

const SCANS: usize = 20;
const WIDTH: u32 = 2480;
const HEIGHT: u32 = 3508;
const TARGET_RATIO: f64 = 1.5;

/// Scan `n`: a generated page with a band of its own, so that no two scans are the same file
/// (the PDF writer stores identical images once).
fn scan(n: usize) -> Vec<u8> {
    let mut page = page_image(WIDTH, HEIGHT).to_rgb8();
    let top = 200 + 60 * n as u32;
    for y in top..top + 40 {
        for x in 200..WIDTH - 200 {
            page.put_pixel(x, y, image::Rgb([20, 20, (n * 12) as u8]));
        }
    }
    jpeg_bytes(&image::DynamicImage::ImageRgb8(page))
}

/// The 20 scans, generated two at a time.
fn generate_scans() -> Vec<Vec<u8>> {
    let mut scans: Vec<(usize, Vec<u8>)> = std::thread::scope(|scope| {
        let halves: Vec<_> = (0..2)
            .map(|half| {
                scope.spawn(move || {
                    (half..SCANS)
                        .step_by(2)
                        .map(|n| (n, scan(n)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves
            .into_iter()
            .flat_map(|h| h.join().expect("scan generator"))
            .collect()
    });
    scans.sort_by_key(|(n, _)| *n);
    scans.into_iter().map(|(_, jpeg)| jpeg).collect()
}

/// A vault holding a case of 20 documents, one scan each.
fn case_in_vault(dir: &Path, scans: &[Vec<u8>]) -> (Vault, BlobStore, Case) {
    let config = VaultConfig {
        state_dir: dir.join("state"),
        // Vault creation is not what is measured; a light KDF keeps the set-up quick.
        kdf_log_n: 10,
        ..VaultConfig::default()
    };
    let secret = SecretString::from("benchmark passphrase with several words".to_string());
    let vault = Vault::create(&dir.join("vault"), &secret, &config).expect("create vault");
    let store = vault.blob_store();
    let decoder = real_decoder();
    let mut case = Case {
        number: "KZB-2026-0001".to_string(),
        ..Case::default()
    };
    case.people.push(Person {
        roles: vec![Role::MissingPerson],
        names: vec![PersonName {
            script: Script::Latin,
            text: "Test Person".to_string(),
            kind: NameKind::Legal,
            source: None,
        }],
        ..Person::default()
    });
    for (n, scan) in scans.iter().enumerate() {
        let name = format!("scan-{n:02}.jpg");
        let id = case.add_document_titled(&name);
        let imported = store_original(
            &store,
            &decoder,
            scan,
            name,
            FileRole::Original,
            None,
            &ImportOptions::default(),
            &stamp("Benchmark"),
        )
        .expect("store scan");
        attach(&mut case, Destination::Document(id), imported);
    }
    (vault, store, case)
}

fn our_dossier(store: &BlobStore, case: &Case, choice: &ExportChoice) -> usize {
    let dossier = write_dossier(
        &DossierInput {
            case,
            choice,
            left_out_custody: 0,
            exported_at: "2026-03-02T09:30:00Z",
            exported_by: "Benchmark",
        },
        store,
        &real_decoder(),
        &|_, _| true,
    )
    .expect("dossier");
    dossier.pdf.len()
}

fn img2pdf(paths: &[PathBuf], out: &Path) {
    let status = Command::new("img2pdf")
        .args(paths)
        .arg("-o")
        .arg(out)
        .status()
        .expect("run img2pdf");
    assert!(status.success(), "img2pdf failed");
}

fn main() {
    let mut criterion = criterion(Duration::from_secs(1), Duration::from_secs(8));
    let work = work_dir("dossier");
    let dir = tempfile::tempdir_in(&work).expect("bench dir");

    let start = Instant::now();
    let scans = generate_scans();
    let total: usize = scans.iter().map(Vec::len).sum();
    println!(
        "generated {SCANS} A4 scans {WIDTH}×{HEIGHT} JPEG q85 in {:.1} s: {:.1} MB in all",
        start.elapsed().as_secs_f64(),
        total as f64 / 1e6
    );
    // The same files on disk for img2pdf (generated test images, not case data).
    let paths: Vec<PathBuf> = scans
        .iter()
        .enumerate()
        .map(|(n, scan)| {
            let path = dir.path().join(format!("scan-{n:02}.jpg"));
            std::fs::write(&path, scan).expect("write scan");
            path
        })
        .collect();
    let (_vault, store, case) = case_in_vault(dir.path(), &scans);
    let choice = ExportChoice::recommended(&case);
    let size = our_dossier(&store, &case, &choice);
    // Every scan is in the PDF whole: the dossier is larger than the scans together.
    assert!(
        size > total,
        "the dossier ({size} bytes) cannot hold all scans ({total} bytes)"
    );
    println!(
        "our dossier: {:.1} MB ({:.0} KB besides the scans)",
        size as f64 / 1e6,
        (size - total) as f64 / 1e3
    );

    // What reading alone costs: decrypting the 20 scans and checking their SHA-256.
    let files: Vec<_> = case
        .documents
        .iter()
        .flat_map(|d| d.files.clone())
        .collect();
    let reading: Vec<Duration> = (0..3)
        .map(|_| {
            let start = Instant::now();
            for file in &files {
                std::hint::black_box(store.read(file).expect("read scan"));
            }
            start.elapsed()
        })
        .collect();

    let ours = RefCell::new(Vec::new());
    let theirs = RefCell::new(Vec::new());
    let available = tool_available("img2pdf");
    let mut group = criterion.benchmark_group("dossier_20_a4_jpeg_scans");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("casevault_dossier", |b| {
        b.iter_custom(|iters| {
            measure(iters, &ours, || {
                let start = Instant::now();
                std::hint::black_box(our_dossier(&store, &case, &choice));
                start.elapsed()
            })
        });
    });
    if available {
        let out = dir.path().join("img2pdf.pdf");
        group.bench_function("img2pdf", |b| {
            b.iter_custom(|iters| {
                measure(iters, &theirs, || {
                    let start = Instant::now();
                    img2pdf(&paths, &out);
                    start.elapsed()
                })
            });
        });
    }
    group.finish();

    let ours = median(&ours.borrow());
    println!("\nfigures (medians):");
    println!(
        "  casevault dossier, 20 scans from the vault: {:.1} ms",
        ms(ours)
    );
    println!(
        "    of which reading the originals (decrypt + SHA-256 check, one thread) would take {:.1} ms",
        ms(median(&reading))
    );
    if available {
        let theirs = median(&theirs.borrow());
        let ratio = ms(ours) / ms(theirs).max(f64::EPSILON);
        println!("  img2pdf, the same 20 files: {:.1} ms", ms(theirs));
        println!(
            "  ratio ours / img2pdf: {ratio:.2} (target ≤ {TARGET_RATIO}): {}",
            if ratio <= TARGET_RATIO {
                "MET"
            } else {
                "MISSED"
            }
        );
    } else {
        println!("  img2pdf not found (pip install img2pdf): the comparison is skipped");
    }
    criterion.final_summary();
}
