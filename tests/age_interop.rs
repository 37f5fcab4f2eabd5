//! Interop with the standard `age` tool (Debian's Go implementation): with only the passphrase,
//! a bureau can recover the vault key from `keys/<member>.age` and decrypt any object — the
//! recovery path the README documents, exercised on a vault with the real work factor.

mod common;

use std::process::Command;

use casevault::vault::{KDF_LOG_N, RecordId, Vault, VaultConfig};
use common::{PASSPHRASE, TestDir, secret};

fn age_available() -> bool {
    Command::new("age")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn debian_age_opens_the_key_file_with_the_passphrase_and_then_decrypts_a_record() {
    // CI installs age (.ci/run); a developer machine without it must not pass silently.
    assert!(
        age_available(),
        "the `age` command is needed: apt-get install age"
    );
    let test = TestDir::new();
    let config = VaultConfig {
        kdf_log_n: KDF_LOG_N,
        ..test.config()
    };
    let mut vault = Vault::create(&test.vault(), &secret(PASSPHRASE), &config).expect("create");
    let id = RecordId::new_random();
    let text = "Missing: Ержан Қасымұлы / 叶尔江 / يەرجان — last seen 2018".to_string();
    common::put_text(&mut vault, id, &text).expect("put");
    let object = vault.record_ref(&id).expect("ref").object.clone();
    vault.lock();

    let key_file = common::files_under(&test.vault().join("keys")).remove(0);
    let identity_path = test.dir.path().join("recovered-key.txt");
    // age reads passphrases only from a terminal: drive it through a pseudo-terminal.
    let command = format!(
        "age -d -o {} {}",
        identity_path.display(),
        key_file.display()
    );
    let mut session = rexpect::spawn(&command, Some(30_000)).expect("spawn age");
    session
        .exp_string("passphrase")
        .expect("age asks for the passphrase");
    session.send_line(PASSPHRASE).expect("type passphrase");
    session.exp_eof().expect("age finishes");
    let identity = std::fs::read_to_string(&identity_path).expect("age wrote the key");
    assert!(
        identity.contains("AGE-SECRET-KEY-1"),
        "an age identity file"
    );

    let object_path = test
        .vault()
        .join("objects")
        .join(&object.as_str()[..2])
        .join(format!("{object}.age"));
    let output = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&identity_path)
        .arg(&object_path)
        .output()
        .expect("run age");
    assert!(
        output.status.success(),
        "age -d failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let record: String =
        ron::from_str(std::str::from_utf8(&output.stdout).expect("utf-8")).expect("RON record");
    assert_eq!(record, text);

    // And a wrong passphrase is refused by age too: the file really is passphrase-protected.
    let mut session =
        rexpect::spawn(&format!("age -d {}", key_file.display()), Some(30_000)).expect("spawn");
    session.exp_string("passphrase").expect("prompt");
    session
        .send_line("not the passphrase at all")
        .expect("type");
    session
        .exp_string("incorrect passphrase")
        .expect("age refuses");
}
