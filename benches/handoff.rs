//! Hand-off benchmark (DESIGN.md §5, issue 5): a case with 200 MiB of scans (ten 20 MiB
//! JPEG-typed blobs in a real temp vault) bundled — with a small placeholder dossier, the PDF is
//! benched on its own — and streamed through age X25519 encryption into a file written
//! atomically (synced, renamed). Target: median <= 2 s. The peer in the same run: Debian's `age`
//! CLI encrypting a plain file of the bundle's size to the same key.
//!
//! Medians, the ratio and where the time goes are printed at the end.

mod common;
#[path = "../tests/common/export_case.rs"]
mod export_case;

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use casevault::export::Originals;
use casevault::export::bundle::{BundleMeta, write_bundle};
use casevault::export::handoff::{HandoffTo, encrypt_to};
use casevault::export::output::write_file_atomically;
use casevault::model::Case;
use casevault::vault::age_secret::SecretString;
use casevault::vault::{BlobStore, Vault, VaultConfig};
use common::{criterion, measure, median, ms, tool_available, work_dir};
use criterion::SamplingMode;
use export_case::{EXPORTED_AT, EXPORTED_BY, case_of, document, jpeg_like, noise, stored_file};

const SCANS: usize = 10;
const SCAN_BYTES: usize = 20 << 20;
const PDF: &[u8] = b"%PDF-1.7\n% placeholder: the dossier is benched on its own\n%%EOF\n";
const TARGET: Duration = Duration::from_secs(2);

fn new_vault(dir: &Path) -> Vault {
    let config = VaultConfig {
        state_dir: dir.join("state"),
        // Vault creation is not what is measured; a light KDF keeps the set-up quick.
        kdf_log_n: 10,
        ..VaultConfig::default()
    };
    Vault::create(
        &dir.join("vault"),
        &SecretString::from("benchmark passphrase with several words".to_string()),
        &config,
    )
    .expect("create vault")
}

fn meta() -> BundleMeta<'static> {
    BundleMeta {
        exported_at: EXPORTED_AT,
        exported_by: EXPORTED_BY,
        vault_id: "bench",
    }
}

fn bundle_into(out: &mut dyn Write, case: &Case, store: &BlobStore) {
    write_bundle(out, case, PDF, store, &meta(), &|_, _| true).expect("bundle");
}

/// Ours, end to end: bundle → age (X25519) → `<file>.partial`, synced, renamed.
fn our_handoff(path: &Path, case: &Case, store: &BlobStore, to: &HandoffTo) -> Duration {
    let start = Instant::now();
    write_file_atomically(path, |out| {
        encrypt_to(out, to, false, |plain| {
            write_bundle(plain, case, PDF, store, &meta(), &|_, _| true).map(|_| ())
        })
    })
    .expect("hand-off");
    start.elapsed()
}

/// The peer: `age -r KEY -o OUT IN` on a plain file of the same size.
fn age_cli(input: &Path, output: &Path, recipient: &str) -> Duration {
    let start = Instant::now();
    let status = Command::new("age")
        .args(["-r", recipient, "-o"])
        .arg(output)
        .arg(input)
        .status()
        .expect("run age");
    let took = start.elapsed();
    assert!(status.success(), "age failed");
    took
}

/// Counts what is written and throws it away.
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn median_of(runs: usize, mut run: impl FnMut()) -> Duration {
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    median(&samples)
}

fn main() {
    let mut criterion = criterion(Duration::from_secs(2), Duration::from_secs(15));
    let work = work_dir("handoff");
    let dir = tempfile::tempdir_in(&work).expect("bench dir");

    let start = Instant::now();
    let vault = new_vault(dir.path());
    let store = vault.blob_store();
    let files = (0..SCANS)
        .map(|i| {
            let bytes = jpeg_like(i as u64, SCAN_BYTES);
            stored_file(&store, &format!("scan {i:02}.jpg"), &bytes, "image/jpeg")
        })
        .collect();
    let case = case_of("XJ-2026-0200", vec![document("Scans", files)]);
    let mut size = Count(0);
    bundle_into(&mut size, &case, &store);
    let bundle_size = size.0;
    println!(
        "stored {SCANS} scans of {} MiB in a fresh vault in {:.1} s; the bundle is {:.1} MiB",
        SCAN_BYTES >> 20,
        start.elapsed().as_secs_f64(),
        bundle_size as f64 / f64::from(1u32 << 20)
    );

    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let to = HandoffTo::Recipients(vec![recipient.clone()]);
    let ours_path = dir.path().join("handoff.age");
    let peer_in = dir.path().join("peer-input.bin");
    let peer_out = dir.path().join("peer-output.age");
    let peer = tool_available("age");
    if peer {
        std::fs::write(&peer_in, noise(99, bundle_size as usize)).expect("peer input");
    } else {
        println!("age not found: the comparison is skipped");
    }

    let ours_times = RefCell::new(Vec::new());
    let peer_times = RefCell::new(Vec::new());
    let mut group = criterion.benchmark_group("handoff_200_mib");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("casevault_bundle_age_x25519_to_file", |b| {
        b.iter_custom(|iters| {
            measure(iters, &ours_times, || {
                our_handoff(&ours_path, &case, &store, &to)
            })
        });
    });
    if peer {
        group.bench_function("age_cli_encrypt_same_size", |b| {
            b.iter_custom(|iters| {
                measure(iters, &peer_times, || {
                    age_cli(&peer_in, &peer_out, &recipient)
                })
            });
        });
    }
    group.finish();

    // Where our time goes (medians of 5): reading the originals (decrypt + SHA-256 check) alone,
    // the bundle into nothing, the bundle encrypted into nothing, and the file's sync.
    let read_only = median_of(5, || {
        for file in &case.documents[0].files {
            drop(store.read(file).expect("read"));
        }
    });
    let zip_only = median_of(5, || bundle_into(&mut Count(0), &case, &store));
    let encrypted = median_of(5, || {
        encrypt_to(Count(0), &to, false, |plain| {
            bundle_into(plain, &case, &store);
            Ok(())
        })
        .expect("encrypt");
    });
    let scratch = dir.path().join("sync-probe.bin");
    let filler = noise(7, bundle_size as usize);
    let syncs: Vec<Duration> = (0..3)
        .map(|_| {
            let mut file = std::fs::File::create(&scratch).expect("probe");
            file.write_all(&filler).expect("write probe");
            let start = Instant::now();
            file.sync_all().expect("sync");
            start.elapsed()
        })
        .collect();
    let sync = median(&syncs);
    drop(filler);
    criterion.final_summary();

    let ours = median(&ours_times.borrow());
    println!(
        "\n== Casevault hand-off figures (medians; {} cores; {SCANS} scans × {} MiB, bundle {:.1} MiB) ==",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        SCAN_BYTES >> 20,
        bundle_size as f64 / f64::from(1u32 << 20)
    );
    println!(
        "ours: bundle → age X25519 → file (synced, renamed): {:.0} ms (target <= {} ms) {}",
        ms(ours),
        TARGET.as_millis(),
        if ours <= TARGET { "MET" } else { "MISSED" }
    );
    if peer {
        let age_time = median(&peer_times.borrow());
        println!(
            "peer: age -r KEY -o OUT on a file of the same size (no sync): {:.0} ms; ratio ours/age = {:.2}",
            ms(age_time),
            ours.as_secs_f64() / age_time.as_secs_f64()
        );
    }
    println!(
        "where it goes: reading the originals (decrypt + SHA-256) {:.0} ms; bundle into nothing {:.0} ms; bundle + age into nothing {:.0} ms; fsync of a just-written file of that size {:.0} ms",
        ms(read_only),
        ms(zip_only),
        ms(encrypted),
        ms(sync)
    );
}
