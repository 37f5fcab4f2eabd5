//! Vault benchmarks (DESIGN.md §7, issue figures), each against its peer in the same run:
//! - importing a 512 MiB scan vs the `age` crate alone encrypting the same file to a file;
//! - unlocking a 10,000-case vault vs the KDF alone (age scrypt on the key file);
//! - saving one edited case in that vault (fsync included);
//! - peak memory of the KDF and of loading the case list, measured in child processes.
//!
//! Medians and ratios are printed at the end; the README quotes them.

mod common;

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use casevault::model::{CASE_KIND, CaseSummary};
use casevault::vault::age_secret::SecretString;
use casevault::vault::{Access, RecordId, RecordWrite, Vault, VaultConfig};
use common::{measure, median, ms};
use criterion::Criterion;

const PASSPHRASE: &str = "benchmark passphrase with several words";
const BLOB_SIZE: usize = 512 << 20;
const CASES: usize = 10_000;
const CHILD_ENV: &str = "CASEVAULT_BENCH_CHILD";

fn work_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("casevault-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    dir
}

fn config() -> VaultConfig {
    VaultConfig {
        state_dir: work_dir().join("state"),
        ..VaultConfig::default()
    }
}

fn secret() -> SecretString {
    SecretString::from(PASSPHRASE.to_string())
}

/// A realistic case record of about 5 KB, with names in four scripts.
#[derive(serde::Serialize)]
struct FakeCase {
    summary: CaseSummary,
    birthplace: String,
    notes: String,
    events: Vec<(String, String)>,
}

fn fake_case(n: usize) -> FakeCase {
    let summary = CaseSummary {
        number: format!("KZB-2026-{n:05}"),
        status: ["intake", "gathering_documents", "proof_review", "referred"][n % 4].to_string(),
        names: vec![
            format!("Нұрлан Сейітұлы {n}"),
            format!("努尔兰 {n}"),
            format!("نۇرلان سەيىت {n}"),
            format!("Nurlan Seyit {n}"),
            format!("Айгерим Нұрланқызы {n}"),
        ],
        id_numbers: vec![format!("65010219800101{:04}", n % 10_000)],
        ..CaseSummary::default()
    };
    FakeCase {
        summary,
        birthplace: "Ili Kazakh Autonomous Prefecture, Qapqal County, village 7".to_string(),
        notes:
            "The applicant reports the last telephone contact in the spring; documents to follow. "
                .repeat(45),
        events: (0..6)
            .map(|e| {
                (
                    format!("2018-0{}-1{e}", e + 1),
                    "detention reported by relative".to_string(),
                )
            })
            .collect(),
    }
}

/// The 10,000-case vault, built once and reused across runs.
fn ten_thousand_case_vault() -> PathBuf {
    let dir = work_dir().join("vault-10k");
    if dir.join("vault.ron").is_file() {
        return dir;
    }
    std::fs::remove_dir_all(&dir).ok();
    let mut vault = Vault::create(&dir, &secret(), &config()).expect("create");
    let cases: Vec<(RecordId, FakeCase)> = (0..CASES)
        .map(|n| (RecordId::new_random(), fake_case(n)))
        .collect();
    for chunk in cases.chunks(250) {
        vault
            .put_records(chunk.iter().map(|(id, case)| RecordWrite {
                id: *id,
                kind: CASE_KIND,
                value: case,
                summary: Some(case.summary.to_stored()),
                blobs: vec![],
            }))
            .expect("put");
    }
    vault.checkpoint().expect("checkpoint");
    dir
}

fn light_config() -> VaultConfig {
    VaultConfig {
        kdf_log_n: 1,
        ..config()
    }
}

/// A copy of the 10,000-case vault whose key file needs almost no KDF work (log_n 1).
fn light_kdf_copy(dir: &Path) -> PathBuf {
    let copy = work_dir().join("vault-10k-light-kdf");
    std::fs::remove_dir_all(&copy).ok();
    let status = Command::new("cp")
        .arg("-a")
        .arg(dir)
        .arg(&copy)
        .status()
        .expect("cp");
    assert!(status.success(), "copy the bench vault");
    let mut vault =
        Vault::unlock(&copy, &secret(), &light_config(), Access::ReadWrite).expect("unlock copy");
    vault
        .change_passphrase(&secret(), &secret())
        .expect("re-wrap the key");
    copy
}

/// Parses every case summary, as the case list does right after unlock; returns how many.
fn searchable_summaries(vault: &Vault) -> usize {
    vault
        .records()
        .filter_map(|(_, r)| CaseSummary::from_stored(r.summary.as_deref()))
        .count()
}

/// Peak resident memory (VmHWM) of this process, in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// Child process: unlock the 10k vault in two phases and report each phase's peak memory.
fn memory_child(dir: &Path) {
    let unlocked = Vault::unlock_key(dir, &secret(), &config(), Access::ReadOnly).expect("key");
    let kdf_peak = peak_rss_mib();
    // Reset the peak so the second figure is the loading phase alone (Linux clear_refs).
    std::fs::write("/proc/self/clear_refs", "5").expect("clear_refs");
    let vault = Vault::open(unlocked, &config()).expect("open");
    let load_peak = peak_rss_mib();
    println!(
        "kdf_peak_mib={kdf_peak:.1} load_peak_mib={load_peak:.1} cases={}",
        vault.records().count()
    );
}

struct Figures {
    lines: Vec<String>,
}

fn bench_import(c: &mut Criterion, figures: &mut Figures) {
    let dir = work_dir();
    let source = dir.join("scan-512mib.bin");
    if std::fs::metadata(&source).map(|m| m.len()).unwrap_or(0) != BLOB_SIZE as u64 {
        let mut file = BufWriter::new(File::create(&source).expect("create source"));
        let mut block = vec![0u8; 1 << 20];
        for n in 0..(BLOB_SIZE >> 20) {
            for (i, byte) in block.iter_mut().enumerate() {
                *byte = (i as u64).wrapping_mul(2654435761).wrapping_add(n as u64) as u8;
            }
            file.write_all(&block).expect("write source");
        }
        file.flush().expect("flush");
    }
    let recipient = age::x25519::Identity::generate().to_public();
    let peer_out = dir.join("peer-output.age");
    let vault_dir = dir.join("vault-import");
    std::fs::remove_dir_all(&vault_dir).ok();
    let import_config = VaultConfig {
        kdf_log_n: 12,
        ..config()
    };
    let mut vault = Vault::create(&vault_dir, &secret(), &import_config).expect("create");

    let peer_times = RefCell::new(Vec::new());
    let ours_times = RefCell::new(Vec::new());
    let mut group = c.benchmark_group("import_512mib");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(2));
    group.bench_function("age_crate_alone", |b| {
        b.iter_custom(|iters| {
            measure(iters, &peer_times, || {
                let start = Instant::now();
                let encryptor = age::Encryptor::with_recipients(std::iter::once(
                    &recipient as &dyn age::Recipient,
                ))
                .expect("enc");
                let mut input =
                    BufReader::with_capacity(1 << 20, File::open(&source).expect("open"));
                let output =
                    BufWriter::with_capacity(1 << 20, File::create(&peer_out).expect("out"));
                let mut writer = encryptor.wrap_output(output).expect("wrap");
                std::io::copy(&mut input, &mut writer).expect("copy");
                writer.finish().expect("finish").flush().expect("flush");
                start.elapsed()
            })
        });
    });
    group.bench_function("casevault_put_blob", |b| {
        b.iter_custom(|iters| {
            measure(iters, &ours_times, || {
                let start = Instant::now();
                let mut input = File::open(&source).expect("open");
                let blob = vault.put_blob(&mut input).expect("put blob");
                let took = start.elapsed();
                // Not timed: keep the disk from filling with copies.
                let path = vault_dir
                    .join("objects")
                    .join(&blob.object.as_str()[..2])
                    .join(format!("{}.age", blob.object));
                std::fs::remove_file(path).expect("remove copy");
                took
            })
        });
    });
    group.finish();
    std::fs::remove_file(&peer_out).ok();
    let (peer, ours) = (median(&peer_times.borrow()), median(&ours_times.borrow()));
    figures.lines.push(format!(
        "import 512 MiB: age crate alone {:.3} s, casevault put_blob (hash x2 + encrypt + write + fsync) {:.3} s, ratio age/casevault = {:.2} (target >= 0.80)",
        peer.as_secs_f64(),
        ours.as_secs_f64(),
        peer.as_secs_f64() / ours.as_secs_f64()
    ));
}

fn bench_unlock_and_save(c: &mut Criterion, figures: &mut Figures) {
    let dir = ten_thousand_case_vault();
    let key_file = std::fs::read_dir(dir.join("keys"))
        .expect("keys")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "age"))
        .expect("key file");
    let key_bytes = std::fs::read(&key_file).expect("key");

    let kdf_times = RefCell::new(Vec::new());
    let unlock_times = RefCell::new(Vec::new());
    let load_times = RefCell::new(Vec::new());
    let mut group = c.benchmark_group("unlock_10k_cases");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("kdf_alone_age_scrypt", |b| {
        b.iter_custom(|iters| {
            measure(iters, &kdf_times, || {
                let start = Instant::now();
                let decryptor = age::Decryptor::new_buffered(key_bytes.as_slice()).expect("header");
                let identity = age::scrypt::Identity::new(secret());
                let mut reader = decryptor
                    .decrypt(std::iter::once(&identity as &dyn age::Identity))
                    .expect("kdf");
                let mut sink = Vec::new();
                reader.read_to_end(&mut sink).expect("read");
                start.elapsed()
            })
        });
    });
    group.bench_function("casevault_unlock_to_case_list", |b| {
        b.iter_custom(|iters| {
            measure(iters, &unlock_times, || {
                let start = Instant::now();
                let vault =
                    Vault::unlock(&dir, &secret(), &config(), Access::ReadOnly).expect("unlock");
                assert_eq!(searchable_summaries(&vault), CASES);
                start.elapsed()
            })
        });
    });
    // What Casevault adds to the KDF, free of the KDF's noise: the same vault with its key file
    // re-wrapped at a negligible work factor, unlocked the same way.
    let light = light_kdf_copy(&dir);
    group.bench_function("casevault_unlock_light_kdf_copy", |b| {
        b.iter_custom(|iters| {
            measure(iters, &load_times, || {
                let start = Instant::now();
                let vault = Vault::unlock(&light, &secret(), &light_config(), Access::ReadOnly)
                    .expect("unlock copy");
                assert_eq!(searchable_summaries(&vault), CASES);
                start.elapsed()
            })
        });
    });
    group.finish();
    let (kdf, unlock, load) = (
        median(&kdf_times.borrow()),
        median(&unlock_times.borrow()),
        median(&load_times.borrow()),
    );
    figures.lines.push(format!(
        "unlock 10,000 cases to a searchable list: {:.3} s; KDF alone {:.3} s; the same unlock without KDF work {:.3} s (target: unlock <= KDF + 0.300 s)",
        unlock.as_secs_f64(),
        kdf.as_secs_f64(),
        load.as_secs_f64()
    ));

    let mut vault =
        Vault::unlock(&dir, &secret(), &config(), Access::ReadWrite).expect("unlock rw");
    let edited: Vec<RecordId> = vault.records().map(|(id, _)| *id).take(500).collect();
    let save_times = RefCell::new(Vec::new());
    let mut next = 0usize;
    let mut group = c.benchmark_group("save_one_case_in_10k");
    group.sample_size(100);
    group.bench_function("casevault_put_record_fsync", |b| {
        b.iter_custom(|iters| {
            measure(iters, &save_times, || {
                let id = edited[next % edited.len()];
                let case = fake_case(next);
                next += 1;
                let start = Instant::now();
                vault
                    .put_record(RecordWrite {
                        id,
                        kind: CASE_KIND,
                        value: &case,
                        summary: Some(case.summary.to_stored()),
                        blobs: vec![],
                    })
                    .expect("save");
                start.elapsed()
            })
        });
    });
    group.finish();
    let saves = save_times.borrow();
    figures.lines.push(format!(
        "save one edited case (fsync included): median {:.2} ms over {} saves (target <= 15 ms)",
        ms(median(&saves)),
        saves.len()
    ));

    let output = Command::new(std::env::current_exe().expect("bench binary"))
        .env(CHILD_ENV, &dir)
        .output()
        .expect("memory child");
    figures.lines.push(format!(
        "peak memory of unlocking 10,000 cases (child process): {}",
        String::from_utf8_lossy(&output.stdout).trim()
    ));
}

fn main() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        memory_child(Path::new(&dir));
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    let mut figures = Figures { lines: Vec::new() };
    bench_import(&mut criterion, &mut figures);
    bench_unlock_and_save(&mut criterion, &mut figures);
    criterion.final_summary();
    println!(
        "\n== Casevault vault figures (medians; {} cores) ==",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for line in &figures.lines {
        println!("{line}");
    }
}
