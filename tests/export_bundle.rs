//! The ZIP bundle and the encrypted hand-off, checked with the tools a partner would use:
//! Python's (or Info-ZIP's) unzip and `sha256sum -c` on the unpacked bundle, Debian's `age` on
//! the hand-off (X25519 keys, armor, a passphrase typed at its prompt), and a real full disk
//! (a small tmpfs in a user namespace) for the atomic file writer.

mod common;
#[path = "common/export_case.rs"]
mod export_case;

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use casevault::export::bundle::{
    self, BUNDLE_FORMAT, BundleMeta, CASE_FILE, CaseFile, DOSSIER_FILE, ORIGINALS_DIR, SUMS_FILE,
};
use casevault::export::handoff::{HANDOFF_WORK_FACTOR, HandoffTo, encrypt_to, parse_recipients};
use casevault::export::output::{write_error, write_file_atomically};
use casevault::export::{ExportError, Originals};
use casevault::model::{Case, DocumentFile, FileRole};
use casevault::vault::age_secret::{ExposeSecret, SecretString};
use common::TestDir;
use export_case::{
    EXPORTED_AT, EXPORTED_BY, MemoryOriginals, Tee, case_of, central_directory, document,
    jpeg_like, noise, stored_file,
};
use sha2::{Digest, Sha256};

const VAULT_ID: &str = "5d0c6a4e-0000-4000-8000-00000000c0de";
const PDF: &[u8] = b"%PDF-1.7\n% placeholder dossier for the bundle tests\n%%EOF\n";
const HANDOFF_PASSPHRASE: &str = "amber lantern folding quietly 47";

fn meta() -> BundleMeta<'static> {
    BundleMeta {
        exported_at: EXPORTED_AT,
        exported_by: EXPORTED_BY,
        vault_id: VAULT_ID,
    }
}

fn no_progress() -> impl Fn(u64, u64) -> bool + Sync {
    |_, _| true
}

/// A case in a real vault: three documents with files named in Chinese, Cyrillic and Uyghur
/// (Arabic script), a working copy, a TIFF, and the same bytes attached to two documents.
struct VaultCase {
    _test: TestDir,
    _vault: casevault::vault::Vault,
    store: casevault::vault::BlobStore,
    case: Case,
    /// Every distinct file's bytes with its entry.
    files: Vec<(DocumentFile, Vec<u8>)>,
}

impl VaultCase {
    fn new() -> Self {
        let test = TestDir::new();
        let vault = test.create();
        let store = vault.blob_store();
        let mut files = Vec::new();
        let mut add = |name: &str, bytes: Vec<u8>, media_type: &str, role: FileRole| {
            let mut file = stored_file(&store, name, &bytes, media_type);
            file.role = role;
            files.push((file.clone(), bytes));
            file
        };
        let hukou = add(
            "户口本 第1页.jpg",
            jpeg_like(1, 300_000),
            "image/jpeg",
            FileRole::Original,
        );
        let turned = add(
            "户口本 第1页 (повёрнуто).jpg",
            jpeg_like(2, 120_000),
            "image/jpeg",
            FileRole::WorkingCopy,
        );
        let birth = add(
            "Свидетельство о рождении.pdf",
            b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n".to_vec(),
            "application/pdf",
            FileRole::Original,
        );
        let id_card = add(
            "كىملىك ئالدى.png",
            noise(3, 50_000),
            "image/png",
            FileRole::Original,
        );
        let tiff = add(
            "scan 0007.tif",
            b"II*\x00".iter().copied().chain([0u8; 60_000]).collect(),
            "image/tiff",
            FileRole::Original,
        );
        let case = case_of(
            "XJ-2026-0042",
            vec![
                document("Household register", vec![hukou.clone(), turned]),
                document("Birth certificate", vec![birth, tiff]),
                // The same page attached here too: one entry in the bundle.
                document("Identity card", vec![id_card, hukou]),
            ],
        );
        Self {
            _test: test,
            _vault: vault,
            store,
            case,
            files,
        }
    }
}

/// Unpacks `zip` into `into` with Python's zipfile (or Info-ZIP's unzip).
fn unpack(zip: &Path, into: &Path) {
    let python = Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(zip)
        .arg(into)
        .output();
    let output = match python {
        Ok(output) => output,
        Err(_) => Command::new("unzip")
            .arg("-q")
            .arg(zip)
            .arg("-d")
            .arg(into)
            .output()
            .expect("python3 or unzip is needed to unpack the bundle"),
    };
    assert!(
        output.status.success(),
        "unpacking failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn sha256sum_check(folder: &Path) -> Output {
    Command::new("sha256sum")
        .args(["-c", SUMS_FILE])
        .current_dir(folder)
        .output()
        .expect("run sha256sum")
}

/// Every file under `root`, relative, with `/` separators.
fn relative_files(root: &Path) -> BTreeSet<String> {
    common::files_under(root)
        .into_iter()
        .map(|path| {
            path.strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn unpacked_bundle_passes_sha256sum_and_a_changed_byte_fails() {
    let fixture = VaultCase::new();
    let calls = std::sync::Mutex::new(Vec::new());
    let mut zip = Vec::new();
    let manifest = bundle::write_bundle(
        &mut zip,
        &fixture.case,
        PDF,
        &fixture.store,
        &meta(),
        &|done, total| {
            calls.lock().expect("lock").push((done, total));
            true
        },
    )
    .expect("bundle");

    // Progress goes up to the total and never back.
    let calls = calls.into_inner().expect("lock");
    let total = calls.last().expect("progress reported").1;
    assert!(
        calls
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1)
    );
    assert_eq!(calls.last().map(|c| c.0), Some(total));
    let distinct: u64 = fixture.files.iter().map(|(f, _)| f.size).sum();
    assert!(total > distinct + PDF.len() as u64, "{total}");

    let dir = tempfile::tempdir().expect("temp dir");
    let zip_path = dir.path().join("bundle.zip");
    std::fs::write(&zip_path, &zip).expect("write zip");
    let out = dir.path().join("unpacked");
    unpack(&zip_path, &out);

    let check = sha256sum_check(&out);
    let report = String::from_utf8_lossy(&check.stdout).to_string();
    assert!(
        check.status.success(),
        "sha256sum -c failed:\n{report}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // It checked every entry but itself, and the manifest says the same.
    let sums = std::fs::read_to_string(out.join(SUMS_FILE)).expect("SHA256SUMS");
    assert_eq!(sums, manifest.sha256sums());
    assert_eq!(report.lines().filter(|l| l.ends_with(": OK")).count(), 7);
    let mut listed: BTreeSet<String> = manifest.entries.iter().map(|(p, _)| p.clone()).collect();
    listed.insert(SUMS_FILE.to_string());
    assert_eq!(relative_files(&out), listed);
    assert_eq!(manifest.entries[0].0, DOSSIER_FILE);
    assert_eq!(
        manifest.entries.last().map(|e| e.0.as_str()),
        Some(CASE_FILE)
    );

    // The case file: the case as given, and where each file went.
    let case_file: CaseFile =
        serde_json::from_slice(&std::fs::read(out.join(CASE_FILE)).expect("case.json"))
            .expect("case.json parses");
    assert_eq!(case_file.format, BUNDLE_FORMAT);
    assert_eq!(case_file.case, fixture.case);
    assert_eq!(
        (case_file.exported_at.as_str(), case_file.vault_id.as_str()),
        (EXPORTED_AT, VAULT_ID)
    );
    assert_eq!(case_file.files.len(), fixture.files.len());

    // Every original and working copy, byte for byte, under its own name.
    for (file, bytes) in &fixture.files {
        let path = &case_file.files[&file.sha256];
        assert!(path.starts_with(ORIGINALS_DIR), "{path}");
        assert_eq!(
            &std::fs::read(out.join(path)).expect("unpacked original"),
            bytes,
            "{path}"
        );
    }
    assert!(
        case_file
            .files
            .values()
            .any(|p| p.ends_with("-户口本 第1页.jpg"))
    );
    assert!(
        case_file
            .files
            .values()
            .any(|p| p.ends_with("-Свидетельство о рождении.pdf"))
    );
    assert!(
        case_file
            .files
            .values()
            .any(|p| p.ends_with("-كىملىك ئالدى.png"))
    );

    // As written: UTF-8 flag on non-ASCII names; scans stored, the case file and TIFF deflated.
    for entry in central_directory(&zip) {
        let name = String::from_utf8(entry.name.clone()).expect("UTF-8 name");
        assert_eq!(entry.flags & 0x0800 != 0, !name.is_ascii(), "{name}");
        let deflated = name == CASE_FILE || name == SUMS_FILE || name.ends_with(".tif");
        assert_eq!(entry.method, if deflated { 8 } else { 0 }, "{name}");
    }

    // One byte changed in an original: sha256sum names it.
    let hukou = case_file
        .files
        .values()
        .find(|p| p.ends_with("-户口本 第1页.jpg"))
        .expect("page")
        .clone();
    let mut bytes = std::fs::read(out.join(&hukou)).expect("read");
    bytes[1000] ^= 0x01;
    std::fs::write(out.join(&hukou), bytes).expect("change a byte");
    let check = sha256sum_check(&out);
    assert!(!check.status.success());
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains(&format!("{hukou}: FAILED")), "{report}");
    assert_eq!(report.matches("FAILED").count(), 1, "{report}");
}

#[test]
fn hostile_names_land_inside_originals_and_are_unique() {
    let long = "Ә".repeat(150) + ".jpg";
    let names = [
        "../../etc/passwd",
        "/etc/shadow",
        "CON.jpg",
        "nul",
        ".hidden",
        "scan.jpg",
        "scan.jpg",
        "SCAN.JPG",
        long.as_str(),
        &"x".repeat(300),
        "a/b\\c",
        "C:\\Windows\\evil.jpg",
        "tab\tnew\nline\u{7}.jpg",
        "invoice\u{202E}gpj.exe",
        "..",
        "",
        "照片.jpg",
    ];
    let mut originals = MemoryOriginals::default();
    let files: Vec<DocumentFile> = names
        .iter()
        .enumerate()
        .map(|(i, name)| originals.add(name, noise(100 + i as u64, 2_000), "image/jpeg"))
        .collect();
    let case = case_of("XJ-2026-0099", vec![document("Hostile names", files)]);
    let mut zip = Vec::new();
    bundle::write_bundle(&mut zip, &case, PDF, &originals, &meta(), &no_progress())
        .expect("bundle");

    // The names as written in the ZIP, before any extractor cleans them.
    let written: Vec<String> = central_directory(&zip)
        .into_iter()
        .map(|e| String::from_utf8(e.name).expect("UTF-8 name"))
        .collect();
    let in_originals: Vec<&str> = written
        .iter()
        .filter_map(|n| n.strip_prefix(ORIGINALS_DIR))
        .collect();
    assert_eq!(in_originals.len(), names.len(), "{written:?}");
    assert_eq!(written.len(), names.len() + 3);
    for name in &in_originals {
        assert!(
            !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{name}"
        );
        assert!(!name.contains(".."), "{name}");
        assert!(!name.chars().any(char::is_control), "{name}");
        assert!(!name.contains('\u{202E}'), "{name}");
        assert!(name.len() <= 4 + bundle::MAX_NAME_BYTES, "{name}");
        let stem = name.split_once('-').map(|(_, s)| s).unwrap_or(name);
        assert!(!stem.starts_with('.') && !stem.is_empty(), "{name}");
        assert!(
            !["CON", "NUL"].contains(&stem.split('.').next().unwrap_or("").to_uppercase().as_str()),
            "{name}"
        );
    }
    let unique: BTreeSet<String> = in_originals.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(unique.len(), names.len(), "unique even ignoring case");
    assert!(in_originals.iter().any(|n| n.ends_with("-照片.jpg")));
    assert!(
        in_originals
            .iter()
            .any(|n| n.ends_with(".jpg") && n.contains("ӘӘӘ"))
    );

    // Unpacked, everything is inside the folder, byte-identical, and sha256sum agrees.
    let dir = tempfile::tempdir().expect("temp dir");
    let zip_path = dir.path().join("bundle.zip");
    std::fs::write(&zip_path, &zip).expect("write zip");
    let out = dir.path().join("inside");
    unpack(&zip_path, &out);
    let everything = relative_files(dir.path());
    assert!(
        everything
            .iter()
            .all(|p| p == "bundle.zip" || p.starts_with("inside/")),
        "{everything:?}"
    );
    assert_eq!(everything.len(), 1 + names.len() + 3);
    assert!(sha256sum_check(&out).status.success());
    let case_file: CaseFile =
        serde_json::from_slice(&std::fs::read(out.join(CASE_FILE)).expect("case.json"))
            .expect("case.json");
    for (sha256, bytes) in &originals.0 {
        let unpacked = std::fs::read(out.join(&case_file.files[sha256])).expect("unpacked");
        assert_eq!(&unpacked, bytes);
    }
}

#[test]
fn a_changed_original_or_a_cancel_stops_the_export_and_leaves_no_file() {
    let fixture = VaultCase::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("handoff.zip");

    // The record says other bytes than the vault holds: refused by name.
    let mut tampered = fixture.case.clone();
    tampered.documents[1].files[0].sha256 = "00".repeat(32);
    let err = write_file_atomically(&target, |out| {
        bundle::write_bundle(out, &tampered, PDF, &fixture.store, &meta(), &no_progress())
            .map(|_| ())
    })
    .expect_err("changed file refused");
    assert!(
        matches!(&err, ExportError::FileChanged(name) if name == "Свидетельство о рождении.pdf"),
        "{err:?}"
    );
    assert!(relative_files(dir.path()).is_empty());

    // Cancelled half-way through the originals.
    let err = write_file_atomically(&target, |out| {
        bundle::write_bundle(
            out,
            &fixture.case,
            PDF,
            &fixture.store,
            &meta(),
            &|done, _| done < 200_000,
        )
        .map(|_| ())
    })
    .expect_err("cancelled");
    assert!(matches!(err, ExportError::Cancelled), "{err:?}");
    assert!(relative_files(dir.path()).is_empty());
}

fn age_available() -> bool {
    Command::new("age")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A generated X25519 key: the identity file (written for `age -i`) and its public key.
fn age_key(dir: &Path, name: &str) -> (PathBuf, String) {
    let identity = age::x25519::Identity::generate();
    let path = dir.join(name);
    std::fs::write(&path, format!("{}\n", identity.to_string().expose_secret())).expect("key file");
    (path, identity.to_public().to_string())
}

/// Hands the fixture's bundle off into `path`; returns the bundle's plaintext bytes.
fn hand_off(fixture: &VaultCase, path: &Path, to: &HandoffTo, armor: bool) -> Vec<u8> {
    let mut plain = Vec::new();
    let (sha256, size) = write_file_atomically(path, |out| {
        encrypt_to(out, to, armor, |sink| {
            let mut tee = Tee {
                out: sink,
                copy: &mut plain,
            };
            bundle::write_bundle(
                &mut tee,
                &fixture.case,
                PDF,
                &fixture.store,
                &meta(),
                &no_progress(),
            )
            .map(|_| ())
        })
    })
    .expect("hand-off written");
    let written = std::fs::read(path).expect("hand-off file");
    assert_eq!(size, written.len() as u64);
    assert_eq!(sha256, hex::encode(Sha256::digest(&written)));
    assert!(plain.starts_with(b"PK\x03\x04"), "a ZIP went in");
    plain
}

fn age_decrypt(identity: &Path, file: &Path) -> Output {
    Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(identity)
        .arg(file)
        .output()
        .expect("run age")
}

#[test]
fn debian_age_decrypts_a_handoff_to_keys_binary_and_armored() {
    assert!(
        age_available(),
        "the `age` command is needed: apt-get install age"
    );
    let fixture = VaultCase::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let (first_key, first) = age_key(dir.path(), "first.key");
    let (second_key, second) = age_key(dir.path(), "second.key");
    let (stranger_key, _) = age_key(dir.path(), "stranger.key");
    let to = HandoffTo::Recipients(vec![
        format!("  {first}  "),
        "# Nursultan's key".to_string(),
        String::new(),
        second,
    ]);

    for armor in [false, true] {
        let path = dir.path().join(if armor {
            "handoff.age.asc"
        } else {
            "handoff.age"
        });
        let plain = hand_off(&fixture, &path, &to, armor);
        let written = std::fs::read(&path).expect("read");
        if armor {
            assert!(written.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----\n"));
            assert!(written.ends_with(b"-----END AGE ENCRYPTED FILE-----\n"));
        } else {
            assert!(written.starts_with(b"age-encryption.org/v1\n-> X25519 "));
        }
        // Either colleague opens it, and gets exactly the ZIP that went in.
        for key in [&first_key, &second_key] {
            let output = age_decrypt(key, &path);
            assert!(
                output.status.success(),
                "age -d failed (armor {armor}): {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(output.stdout == plain, "same ZIP bytes (armor {armor})");
        }
        // Nobody else does.
        let output = age_decrypt(&stranger_key, &path);
        assert!(!output.status.success(), "a stranger's key must fail");
        assert!(output.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("no identity matched"),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(
        !relative_files(dir.path())
            .iter()
            .any(|p| p.ends_with(".partial")),
        "no partial file left"
    );
}

#[test]
fn debian_age_opens_a_passphrase_handoff_with_work_factor_18() {
    assert!(
        age_available(),
        "the `age` command is needed: apt-get install age"
    );
    let fixture = VaultCase::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("handoff.age");
    let to = HandoffTo::Passphrase(SecretString::from(HANDOFF_PASSPHRASE.to_string()));
    let plain = hand_off(&fixture, &path, &to, false);

    // The header: one scrypt stanza with the pinned work factor.
    let written = std::fs::read(&path).expect("read");
    let header = String::from_utf8_lossy(&written[..200]).to_string();
    let mut lines = header.lines();
    assert_eq!(lines.next(), Some("age-encryption.org/v1"));
    let stanza: Vec<&str> = lines.next().expect("stanza").split(' ').collect();
    assert_eq!(stanza.len(), 4, "{stanza:?}");
    assert_eq!(&stanza[..2], ["->", "scrypt"]);
    assert_eq!(stanza[2].len(), 22, "16-byte salt, base64 without padding");
    assert_eq!(stanza[3], HANDOFF_WORK_FACTOR.to_string());
    assert_eq!(stanza[3], "18");

    // age asks on a terminal: type it there.
    let decrypted = dir.path().join("bundle.zip");
    let command = format!("age -d -o {} {}", decrypted.display(), path.display());
    let mut session = rexpect::spawn(&command, Some(60_000)).expect("spawn age");
    session.exp_string("passphrase").expect("age asks");
    session.send_line(HANDOFF_PASSPHRASE).expect("type");
    session.exp_eof().expect("age finishes");
    assert!(
        std::fs::read(&decrypted).expect("decrypted") == plain,
        "same ZIP bytes"
    );

    // A wrong passphrase is refused.
    let mut session =
        rexpect::spawn(&format!("age -d {}", path.display()), Some(60_000)).expect("spawn");
    session.exp_string("passphrase").expect("prompt");
    session
        .send_line("not the passphrase at all")
        .expect("type");
    session
        .exp_string("incorrect passphrase")
        .expect("age refuses");

    // A weak passphrase is refused before anything is written.
    let weak = dir.path().join("weak.age");
    let err = write_file_atomically(&weak, |out| {
        encrypt_to(
            out,
            &HandoffTo::Passphrase(SecretString::from("password".to_string())),
            false,
            |sink| sink.write_all(b"x").map_err(|e| write_error(&weak, &e)),
        )
    })
    .expect_err("weak passphrase");
    assert!(matches!(err, ExportError::WeakPassphrase(_)), "{err:?}");
    assert!(!weak.exists());
}

#[test]
fn recipients_are_parsed_and_a_bad_one_is_named() {
    let key = age::x25519::Identity::generate().to_public().to_string();
    let lines = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let parsed = parse_recipients(&lines(&[&key, "", "# comment", &key])).expect("valid");
    assert_eq!(parsed.len(), 1, "the same key twice counts once");
    assert_eq!(parsed[0].to_string(), key);

    for bad in [
        "age1notakey",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGarbage colleague@laptop",
        "Nursultan's key",
        &key[..key.len() - 1],
    ] {
        let err = parse_recipients(&lines(&[&key, bad])).expect_err(bad);
        assert!(
            matches!(&err, ExportError::BadRecipient(shown) if shown == bad),
            "{bad}: {err:?}"
        );
        assert!(err.to_string().contains(bad), "{err}");
    }
    // A secret key pasted by mistake is refused and not repeated back.
    let secret = age::x25519::Identity::generate().to_string();
    let err = parse_recipients(&lines(&[secret.expose_secret()])).expect_err("secret key");
    assert!(matches!(err, ExportError::BadRecipient(_)), "{err:?}");
    assert!(
        !err.to_string().contains(&secret.expose_secret()[16..]),
        "{err}"
    );

    for nothing in [&[][..], &["", "  ", "# only a comment"][..]] {
        let err = parse_recipients(&lines(nothing)).expect_err("none");
        assert!(matches!(err, ExportError::NoRecipient), "{err:?}");
    }
    // encrypt_to refuses them too, before writing anything.
    let mut out = Vec::new();
    let err = encrypt_to(
        &mut out,
        &HandoffTo::Recipients(lines(&["age1notakey"])),
        false,
        |_| Ok(()),
    )
    .expect_err("bad recipient");
    assert!(matches!(err, ExportError::BadRecipient(_)));
    assert!(out.is_empty());
}

#[test]
fn atomic_write_replaces_only_on_success_and_leaves_nothing_on_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("export.zip");
    let partial = dir.path().join("export.zip.partial");

    let bytes = noise(7, 3 << 20);
    let (sha256, size) = write_file_atomically(&path, |out| {
        out.write_all(&bytes).map_err(|e| write_error(&path, &e))
    })
    .expect("written");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
    assert_eq!(
        (sha256, size),
        (hex::encode(Sha256::digest(&bytes)), bytes.len() as u64)
    );
    assert!(!partial.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner reads an export");
    }

    // An error half-way: the earlier file stays as it was, no partial file.
    let err = write_file_atomically(&path, |out| {
        out.write_all(&noise(8, 2 << 20))
            .map_err(|e| write_error(&path, &e))?;
        Err(ExportError::Cancelled)
    })
    .expect_err("failed");
    assert!(matches!(err, ExportError::Cancelled));
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
    assert!(!partial.exists());

    // A partial file left by a crash is replaced; the new file replaces the old.
    std::fs::write(&partial, b"left by a crash").expect("stale partial");
    write_file_atomically(&path, |out| {
        out.write_all(b"new").map_err(|e| write_error(&path, &e))
    })
    .expect("written");
    assert_eq!(std::fs::read(&path).expect("read"), b"new");
    assert!(!partial.exists());
    assert_eq!(
        relative_files(dir.path()),
        BTreeSet::from(["export.zip".to_string()])
    );

    // A folder that does not exist: a write error naming the file.
    let nowhere = dir.path().join("missing").join("export.zip");
    let err = write_file_atomically(&nowhere, |_| Ok(())).expect_err("no folder");
    assert!(
        matches!(&err, ExportError::Write(p, _) if p == &nowhere),
        "{err:?}"
    );

    // Full disks, however the system says it.
    let target = Path::new("/media/usb/handoff.age");
    for full in [
        io::Error::from(io::ErrorKind::StorageFull),
        io::Error::from_raw_os_error(libc::ENOSPC),
        io::Error::from_raw_os_error(libc::EDQUOT),
    ] {
        assert!(
            matches!(write_error(target, &full), ExportError::DiskFull(p) if p == target),
            "{full:?}"
        );
    }
    assert!(matches!(
        write_error(target, &io::Error::from_raw_os_error(libc::EACCES)),
        ExportError::Write(..)
    ));
}

/// Set in the child run inside a user namespace: the tmpfs to fill.
const FULL_DISK_ENV: &str = "CASEVAULT_TEST_FULL_DISK";

#[test]
fn a_full_disk_gives_disk_full_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mount = dir.path().join("small-disk");
    std::fs::create_dir(&mount).expect("mount point");
    // A 512 KiB tmpfs, mounted in a user and mount namespace of a child (no privileges needed);
    // the child is this test binary running the helper below.
    let exe = std::env::current_exe().expect("test binary");
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(r#"mount -t tmpfs -o size=512k casevault-test "$1" && shift && exec "$@""#)
        .arg("sh")
        .arg(&mount)
        .arg(&exe)
        .args([
            "--exact",
            "full_disk_helper",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(FULL_DISK_ENV, &mount)
        .output()
        .expect("unshare (util-linux) is needed");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("full disk checked"),
        "the child failed (unprivileged user namespaces are needed):\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        relative_files(&mount).is_empty(),
        "the real folder was never written"
    );
}

/// Runs only as the child of the test above, inside its namespace with the tmpfs mounted.
#[test]
fn full_disk_helper() {
    let Some(mount) = std::env::var_os(FULL_DISK_ENV) else {
        return;
    };
    let mount = PathBuf::from(mount);
    let mut originals = MemoryOriginals::default();
    let files = (0..4)
        .map(|i| {
            originals.add(
                &format!("scan {i}.jpg"),
                jpeg_like(i, 400_000),
                "image/jpeg",
            )
        })
        .collect();
    let case = case_of("XJ-2026-0100", vec![document("Scans", files)]);
    let key = age::x25519::Identity::generate().to_public().to_string();
    let path = mount.join("handoff.age");
    let err = write_file_atomically(&path, |out| {
        encrypt_to(out, &HandoffTo::Recipients(vec![key]), false, |sink| {
            bundle::write_bundle(sink, &case, PDF, &originals, &meta(), &no_progress()).map(|_| ())
        })
    })
    .expect_err("1.6 MB cannot fit in 512 KiB");
    assert!(
        matches!(&err, ExportError::DiskFull(p) if p == &path),
        "{err:?}"
    );
    assert!(err.to_string().contains("handoff.age"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&mount).expect("list").collect();
    assert!(left.is_empty(), "nothing left on the full disk: {left:?}");
    println!("full disk checked");
}

/// The in-memory `Originals` used above checks hashes like the vault's.
#[test]
fn memory_originals_refuse_changed_bytes() {
    let mut originals = MemoryOriginals::default();
    let file = originals.add("a.jpg", noise(9, 100), "image/jpeg");
    assert!(originals.read(&file).is_ok());
    if let Some(bytes) = originals.0.get_mut(&file.sha256) {
        bytes[0] ^= 1;
    }
    assert!(matches!(
        originals.read(&file),
        Err(ExportError::FileChanged(_))
    ));
}
