//! Crash safety: a child process saves records and blobs as fast as it can and is killed with
//! SIGKILL at random moments. After every kill the vault opens, verifies intact, holds every save
//! the child reported as done (with the right contents), and `.tmp` is empty.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use casevault::vault::{Access, ObjectId, RecordId, RecordWrite, Vault, VaultConfig};
use common::{PASSPHRASE, TEST_LOG_N, TestDir, secret};
use rand::Rng;
use sha2::{Digest, Sha256};

const ROUNDS_ENV: &str = "CASEVAULT_CRASH_ROUNDS";
const CHILD_VAULT_ENV: &str = "CASEVAULT_CRASH_CHILD_VAULT";
const CHILD_STATE_ENV: &str = "CASEVAULT_CRASH_CHILD_STATE";

fn config(state: &std::path::Path) -> VaultConfig {
    VaultConfig {
        state_dir: state.to_path_buf(),
        kdf_log_n: TEST_LOG_N,
        ..VaultConfig::default()
    }
}

fn blob_bytes(round: u64, n: u64) -> Vec<u8> {
    let size = (round
        .wrapping_mul(7919)
        .wrapping_add(n.wrapping_mul(104_729))
        % 400_000) as usize;
    (0..size).map(|i| (i as u64 ^ n ^ round) as u8).collect()
}

/// The writer, run in a child process by `saves_that_reported_success_survive_sigkill`.
#[test]
#[ignore = "helper: runs only as the child of the SIGKILL test"]
fn crash_child_writer() {
    let (Ok(vault_dir), Ok(state)) = (
        std::env::var(CHILD_VAULT_ENV),
        std::env::var(CHILD_STATE_ENV),
    ) else {
        return;
    };
    let mut vault = Vault::unlock(
        vault_dir.as_ref(),
        &secret(PASSPHRASE),
        &config(state.as_ref()),
        Access::ReadWrite,
    )
    .expect("child unlock");
    let round: u64 = rand::rng().random();
    let mut out = std::io::stdout().lock();
    // The parent starts its random kill timer from here, not from process start (a debug test
    // binary takes a while to start, and that time must not eat the window for saves).
    writeln!(out, "ready").expect("stdout");
    out.flush().expect("flush");
    for n in 0u64.. {
        let id = RecordId::new_random();
        let mut blobs: Vec<ObjectId> = Vec::new();
        let mut value = format!("record {n} of round {round}");
        if n % 3 == 0 {
            let bytes = blob_bytes(round, n);
            let blob = vault.put_blob(&mut bytes.as_slice()).expect("child blob");
            value = format!("{value} with blob {}", blob.sha256);
            blobs.push(blob.object);
        }
        vault
            .put_record(RecordWrite {
                id,
                kind: "note",
                value: &value,
                summary: Some(value.clone()),
                blobs,
            })
            .expect("child save");
        // Reported only after put_record returned: this is the "Saved" the user would see.
        writeln!(out, "saved {id} {value}").expect("stdout");
        out.flush().expect("flush");
    }
}

#[test]
fn saves_that_reported_success_survive_sigkill() {
    let rounds: u32 = std::env::var(ROUNDS_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let test = TestDir::new();
    test.create().lock();
    let state = test.dir.path().join("state");
    let mut acknowledged: Vec<(RecordId, String)> = Vec::new();
    let mut rng = rand::rng();
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--ignored",
                "--exact",
                "crash_child_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_VAULT_ENV, test.vault())
            .env(CHILD_STATE_ENV, &state)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("stdout");
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line.ends_with("ready") {
                    ready_tx.send(()).ok();
                } else if let Some(rest) = line.strip_prefix("saved ") {
                    let (id, value) = rest.split_once(' ').expect("id and value");
                    lines.push((RecordId(id.parse().expect("uuid")), value.to_string()));
                }
            }
            lines
        });
        ready_rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("round {round}: the child never opened the vault"));
        std::thread::sleep(Duration::from_millis(rng.random_range(10..300)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        acknowledged.extend(reader.join().expect("reader"));

        let vault = Vault::unlock(
            &test.vault(),
            &secret(PASSPHRASE),
            &config(&state),
            Access::ReadWrite,
        )
        .unwrap_or_else(|err| panic!("round {round}: vault does not open after SIGKILL: {err}"));
        assert!(
            common::files_under(&test.vault().join(".tmp")).is_empty(),
            "round {round}: .tmp cleaned"
        );
        for (id, value) in &acknowledged {
            let stored: String = vault
                .get_record(id)
                .unwrap_or_else(|err| panic!("round {round}: acknowledged save lost: {err}"));
            assert_eq!(&stored, value);
            if let Some(sha) = value.split(" with blob ").nth(1) {
                let blob = &vault.record_ref(id).expect("ref").blobs[0];
                let mut bytes = Vec::new();
                vault
                    .open_blob(blob)
                    .expect("blob")
                    .read_to_end(&mut bytes)
                    .expect("read blob");
                assert_eq!(hex::encode(Sha256::digest(&bytes)), sha);
            }
        }
        let report = vault.verify(&mut |_, _| {}).expect("verify");
        assert!(report.is_intact(), "round {round}: {report}");
    }
    assert!(
        acknowledged.len() as u32 > rounds,
        "the child got to save: {}",
        acknowledged.len()
    );
}
