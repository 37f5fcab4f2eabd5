//! Killing an import: `casevault import` (the same import the window runs) is killed with
//! SIGKILL at random moments while it stores scans and their thumbnails. After every kill the
//! vault opens, `verify` passes, and the case names only files whose blobs are all there.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use casevault::model::Case;
use casevault::vault::{Access, ObjectId, Vault, VaultConfig};
use common::{TEST_LOG_N, secret};
use rand::Rng;

const PASSPHRASE: &str = "river stone lantern harvest";

fn casevault(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_casevault"));
    command
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home);
    command
}

#[test]
fn an_import_killed_at_any_moment_leaves_a_vault_that_opens_and_verifies() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let vault = home.join("vault");
    let pass = home.join("pass");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("pass");
    let status = casevault(home)
        .args([
            "demo".as_ref(),
            vault.as_os_str(),
            "--passphrase-file".as_ref(),
            pass.as_os_str(),
        ])
        .stdout(Stdio::null())
        .status()
        .expect("demo");
    assert!(status.success());
    let scans = home.join("scans");
    std::fs::create_dir_all(&scans).expect("dir");
    let page = common::scans::page_image(1240, 1754);
    for n in 0..12 {
        page.save_with_format(
            scans.join(format!("page-{n:02}.jpg")),
            image::ImageFormat::Jpeg,
        )
        .expect("scan");
    }

    let mut rng = rand::rng();
    let config = VaultConfig {
        state_dir: home.join("state-check"),
        kdf_log_n: TEST_LOG_N,
        ..VaultConfig::default()
    };
    for round in 0..8 {
        let mut child = casevault(home)
            .args([
                "import".as_ref(),
                vault.as_os_str(),
                "--case".as_ref(),
                "DEMO-2024-0004".as_ref(),
                "--passphrase-file".as_ref(),
                pass.as_os_str(),
                scans.as_os_str(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("import");
        // The unlock takes about a second, the import about as long again.
        std::thread::sleep(Duration::from_millis(rng.random_range(700..2600)));
        let finished = child.try_wait().expect("status").is_some();
        child.kill().ok();
        child.wait().expect("reaped");

        let opened = Vault::unlock(&vault, &secret(PASSPHRASE), &config, Access::ReadOnly)
            .unwrap_or_else(|err| panic!("round {round}: the vault must open: {err}"));
        let report = opened.verify(&mut |_, _| {}).expect("verify ran");
        eprintln!(
            "round {round}: {} when killed; {} objects in the vault",
            if finished { "finished" } else { "running" },
            report.objects_checked
        );
        assert!(report.is_intact(), "round {round}: {report}");
        for (id, entry) in opened.records() {
            if entry.kind != casevault::model::CASE_KIND {
                continue;
            }
            let case: Case = opened.get_record(id).expect("case reads");
            for object in case.file_objects() {
                let object = ObjectId::parse(object).expect("object id");
                assert!(
                    opened.open_blob(&object).is_ok(),
                    "round {round}: {} names a blob that is not there",
                    case.number
                );
            }
        }
    }
}
