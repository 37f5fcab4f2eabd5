//! Receiving a bundle: a real case with scans exported from one vault (bundle + hand-off, as the
//! export writes them) and imported into a fresh one, with the vault key, a passphrase and an
//! identity file; importing again, differences, merge both ways, a separate case; and hostile or
//! broken files, each refused with its own error while the target vault stays byte-identical
//! and intact.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use casevault::export::ExportError;
use casevault::export::bundle::{BundleMeta, write_bundle};
use casevault::export::handoff::{HandoffTo, encrypt_to};
use casevault::export::originals::Originals;
use casevault::export::receive::{
    Arrival, BundleKey, Decision, ReceivedBundle, open_bundle_file, plan, store,
};
use casevault::media::import::store_original;
use casevault::media::{Destination, ImportOptions, attach};
use casevault::model::{
    CASE_KIND, Case, CaseId, CustodyAction, Document, DocumentKind, Evidence, FlexiDate, NameKind,
    Person, PersonName, RelationKind, Relationship, Role, Script, Stance, case_write, record_id,
};
use casevault::ui::receive::Translated;
use casevault::vault::Vault;
use common::scans::{jpeg_bytes, page_image, png_bytes, real_decoder, stamp};
use common::{TestDir, files_under, secret};
use sha2::{Digest, Sha256};

const HANDOFF_PASSPHRASE: &str = "seven quiet rivers cross the old steppe road";
const FAKE_PDF: &[u8] = b"%PDF-1.7\n% a stand-in dossier for the bundle tests\n%%EOF\n";

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn name(script: Script, text: &str) -> PersonName {
    PersonName {
        script,
        text: text.to_string(),
        kind: NameKind::Legal,
        source: None,
    }
}

/// A source vault with a case: a missing person and an applicant named in Chinese, Uyghur and
/// Kazakh, their relationship with evidence, and three documents with a JPEG, a PNG and a PDF.
fn source_vault(dir: &TestDir) -> (Vault, Case) {
    let mut vault = dir.create();
    let decoder = real_decoder();
    let store = vault.blob_store();
    let mut case = Case {
        number: "KZB-2026-0042".into(),
        opened_at: "2026-02-01T09:00:00Z".into(),
        ..Case::default()
    };
    let missing = Person {
        roles: vec![Role::MissingPerson],
        names: vec![
            name(Script::Arabic, "ئابدۇرېھىم تۇرسۇن"),
            name(Script::Chinese, "阿不都热合曼·吐尔逊"),
        ],
        birth_date: FlexiDate::Year(1958),
        ethnicity: "Uyghur".into(),
        ..Person::default()
    };
    let applicant = Person {
        roles: vec![Role::Applicant],
        names: vec![name(Script::Cyrillic, "Гүлнар Тұрсынқызы")],
        ethnicity: "Kazakh".into(),
        ..Person::default()
    };
    let mut relationship = Relationship::new(applicant.id, missing.id, RelationKind::Child);
    let files: [(&str, DocumentKind, Vec<u8>); 3] = [
        (
            "出生证明.jpg",
            DocumentKind::BirthCertificate,
            jpeg_bytes(&page_image(600, 840)),
        ),
        (
            "Паспорт.png",
            DocumentKind::Passport,
            png_bytes(&page_image(300, 200)),
        ),
        (
            "خەت.pdf",
            DocumentKind::LetterFromAuthorities,
            b"%PDF-1.4\n% a letter kept as an opaque original\n%%EOF\n".to_vec(),
        ),
    ];
    for (file_name, kind, bytes) in files {
        let document = Document {
            kind,
            title: file_name.to_string(),
            holders: vec![missing.id],
            ..Document::default()
        };
        let id = document.id;
        case.documents.push(document);
        let imported = store_original(
            &store,
            &decoder,
            &bytes,
            file_name.to_string(),
            casevault::model::FileRole::Original,
            None,
            &ImportOptions::default(),
            &stamp("Lawyer Aigerim"),
        )
        .expect("stored in the source vault");
        attach(&mut case, Destination::Document(id), imported);
    }
    relationship.evidence.push(Evidence {
        document: case.documents[0].id,
        page: Some(1),
        statement: "父亲：阿不都热合曼·吐尔逊".into(),
        stance: Stance::Supports,
        assessed_by: "Lawyer Aigerim".into(),
        assessed_on: "2026-02-03".into(),
    });
    case.people = vec![missing, applicant];
    case.relationships.push(relationship);
    vault.put_record(case_write(&case)).expect("case saved");
    (vault, case)
}

/// The bundle of `case` as the export writes it.
fn bundle_bytes(source: &Vault, case: &Case) -> Vec<u8> {
    let mut out = Vec::new();
    write_bundle(
        &mut out,
        case,
        FAKE_PDF,
        &source.blob_store(),
        &meta(source),
        &|_, _| true,
    )
    .expect("bundle written");
    out
}

fn meta(source: &Vault) -> BundleMeta<'static> {
    let vault_id: &'static str = Box::leak(source.vault_id().to_string().into_boxed_str());
    BundleMeta {
        exported_at: "2026-03-02T12:00:00Z",
        exported_by: "Lawyer Aigerim",
        vault_id,
    }
}

/// The hand-off of `case`: the bundle encrypted as it is written.
fn handoff_bytes(source: &Vault, case: &Case, to: &HandoffTo, armor: bool) -> Vec<u8> {
    let mut out = Vec::new();
    encrypt_to(&mut out, to, armor, |plain| {
        write_bundle(
            plain,
            case,
            FAKE_PDF,
            &source.blob_store(),
            &meta(source),
            &|_, _| true,
        )
    })
    .expect("hand-off written");
    out
}

fn write_file(dir: &TestDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.dir.path().join(name);
    std::fs::write(&path, bytes).expect("file written");
    path
}

/// Every file of a vault folder: relative path → (size, SHA-256).
fn listing(root: &Path) -> BTreeMap<PathBuf, (u64, String)> {
    files_under(root)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("vault file reads");
            let relative = path.strip_prefix(root).expect("under root").to_path_buf();
            (relative, (bytes.len() as u64, sha256_hex(&bytes)))
        })
        .collect()
}

fn cases_in(vault: &Vault) -> Vec<Case> {
    let ids: Vec<_> = vault
        .records()
        .filter(|(_, entry)| entry.kind == CASE_KIND)
        .map(|(id, _)| *id)
        .collect();
    ids.iter()
        .map(|id| vault.get_record(id).expect("case reads"))
        .collect()
}

fn case_by_id(vault: &Vault, id: CaseId) -> Case {
    vault.get_record(&record_id(id)).expect("case reads")
}

/// Imports the file as a new case and returns it.
fn import_new(target: &mut Vault, path: &Path, key: &BundleKey) -> (ReceivedBundle, Case) {
    let received = open_bundle_file(path, key, &target.blob_store()).expect("bundle opens");
    assert!(matches!(
        plan(target, &received, &Translated).expect("plan"),
        Arrival::NewCase
    ));
    let id = store(
        target,
        &received,
        &Decision::NewCase,
        &stamp("Lawyer Bakyt"),
        &real_decoder(),
    )
    .expect("stored");
    let case = case_by_id(target, id);
    (received, case)
}

/// Checks that `arrived` is `source` field by field, apart from the object names of its files
/// (now this vault's) and one appended custody line per received file; and that every file
/// reads back byte-identical from the target vault.
fn assert_arrived_intact(
    source: &Case,
    source_vault: &Vault,
    arrived: &Case,
    target: &Vault,
    bundle_sha256: &str,
) {
    let mut expected = source.clone();
    let target_files: Vec<_> = arrived.documents.iter().flat_map(|d| &d.files).collect();
    for (file, mine) in expected
        .documents
        .iter_mut()
        .flat_map(|d| &mut d.files)
        .zip(&target_files)
    {
        assert_ne!(file.blob, mine.blob, "the target stores its own object");
        assert_eq!(file.thumbnail.is_some(), mine.thumbnail.is_some());
        if file.thumbnail.is_some() {
            assert_ne!(file.thumbnail, mine.thumbnail, "a thumbnail of its own");
        }
        file.blob = mine.blob.clone();
        file.thumbnail = mine.thumbnail.clone();
    }
    let before = source.custody.entries().len();
    let entries = arrived.custody.entries();
    assert_eq!(&entries[..before], source.custody.entries());
    let distinct: BTreeSet<&str> = source
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .map(|f| f.sha256.as_str())
        .collect();
    let appended = &entries[before..];
    assert_eq!(appended.len(), distinct.len());
    for line in appended {
        assert_eq!(line.action, CustodyAction::Imported);
        assert_eq!(line.actor, "Lawyer Bakyt");
        assert!(distinct.contains(line.sha256.as_str()));
        assert!(
            line.details
                .starts_with(&format!("received in bundle {bundle_sha256}")),
            "{}",
            line.details
        );
    }
    assert_eq!(arrived.custody.first_break(), None, "the log still chains");
    expected.custody = arrived.custody.clone();
    assert_eq!(arrived, &expected);

    let theirs = source_vault.blob_store();
    let ours = target.blob_store();
    for (sent, got) in source
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .zip(&target_files)
    {
        let sent = theirs.read(sent).expect("source file reads");
        let got = ours.read(got).expect("target file reads, hash checked");
        assert_eq!(&sent[..], &got[..]);
    }
}

fn assert_verifies(dir: &TestDir) {
    let report = dir.verify();
    assert!(report.is_intact(), "{report}");
}

#[test]
fn a_hand_off_to_the_vault_key_arrives_field_by_field_and_again_as_the_same_case() {
    let (from, to) = (TestDir::new(), TestDir::new());
    let (source, case) = source_vault(&from);
    let mut target = to.create();
    let handoff = handoff_bytes(
        &source,
        &case,
        &HandoffTo::Recipients(vec![target.recipient()]),
        false,
    );
    let path = write_file(&to, "case.age", &handoff);
    let (received, arrived) = import_new(&mut target, &path, &BundleKey::ThisVault);
    assert_eq!(received.bundle_sha256, sha256_hex(&handoff));
    assert_eq!(received.dossier_sha256, sha256_hex(FAKE_PDF));
    assert_arrived_intact(&case, &source, &arrived, &target, &received.bundle_sha256);
    assert_eq!(cases_in(&target).len(), 1);

    // The same hand-off again: the case is recognised, nothing differs.
    let again =
        open_bundle_file(&path, &BundleKey::ThisVault, &target.blob_store()).expect("opens again");
    match plan(&target, &again, &Translated).expect("plan") {
        Arrival::Existing { ours, differences } => {
            assert_eq!(ours.id, case.id);
            assert_eq!(differences, []);
        }
        Arrival::NewCase => panic!("the case is already there"),
    }
    // Storing it as a new case is refused, and changes nothing.
    let files = listing(&to.vault());
    assert!(matches!(
        store(
            &mut target,
            &again,
            &Decision::NewCase,
            &stamp("Lawyer Bakyt"),
            &real_decoder()
        ),
        Err(ExportError::BundleCaseExists)
    ));
    assert_eq!(listing(&to.vault()), files);
    drop(target);
    assert_verifies(&to);
}

#[test]
fn a_passphrase_hand_off_in_ascii_armor_and_an_identity_file_both_open() {
    let (from, to) = (TestDir::new(), TestDir::new());
    let (source, case) = source_vault(&from);
    let mut target = to.create();
    // Armored, around the bundle as written (see `an_armored_hand_off_written_in_one_stream…`
    // for the streamed version).
    let zip = bundle_bytes(&source, &case);
    let mut armored = Vec::new();
    encrypt_to(
        &mut armored,
        &HandoffTo::Passphrase(secret(HANDOFF_PASSPHRASE)),
        true,
        |plain| {
            plain
                .write_all(&zip)
                .map_err(|e| ExportError::Write(PathBuf::new(), e.to_string()))
        },
    )
    .expect("armored hand-off");
    assert!(armored.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    let path = write_file(&to, "case.age.txt", &armored);

    let before = listing(&to.vault());
    // This vault's key cannot open a passphrase hand-off: the message says to type it.
    assert!(matches!(
        open_bundle_file(&path, &BundleKey::ThisVault, &target.blob_store()),
        Err(ExportError::BundleNeedsPassphrase)
    ));
    assert!(matches!(
        open_bundle_file(
            &path,
            &BundleKey::Passphrase(secret("not the passphrase at all, sorry")),
            &target.blob_store()
        ),
        Err(ExportError::BundleWrongKey)
    ));
    assert_eq!(listing(&to.vault()), before);

    let key = BundleKey::Passphrase(secret(HANDOFF_PASSPHRASE));
    let (received, arrived) = import_new(&mut target, &path, &key);
    assert_arrived_intact(&case, &source, &arrived, &target, &received.bundle_sha256);

    // Binary, streamed as the export writes it, into a third vault.
    let third = TestDir::new();
    let mut third_vault = third.create();
    let binary = handoff_bytes(
        &source,
        &case,
        &HandoffTo::Passphrase(secret(HANDOFF_PASSPHRASE)),
        false,
    );
    let path = write_file(&third, "case.age", &binary);
    let (received, arrived) = import_new(&mut third_vault, &path, &key);
    assert_arrived_intact(
        &case,
        &source,
        &arrived,
        &third_vault,
        &received.bundle_sha256,
    );
    drop(third_vault);
    assert_verifies(&third);

    // A personal age key (identity file) of a colleague.
    let other = TestDir::new();
    let mut second = other.create();
    let identity = age::x25519::Identity::generate();
    let identity_file = write_file(
        &other,
        "colleague.key",
        format!(
            "# created: today\n# public key: {}\n{}\n",
            identity.to_public(),
            age::secrecy::ExposeSecret::expose_secret(&identity.to_string())
        )
        .as_bytes(),
    );
    let handoff = handoff_bytes(
        &source,
        &case,
        &HandoffTo::Recipients(vec![identity.to_public().to_string()]),
        false,
    );
    let path = write_file(&other, "case.age", &handoff);
    assert!(matches!(
        open_bundle_file(&path, &BundleKey::ThisVault, &second.blob_store()),
        Err(ExportError::BundleWrongKey)
    ));
    let (received, arrived) =
        import_new(&mut second, &path, &BundleKey::IdentityFile(identity_file));
    assert_arrived_intact(&case, &source, &arrived, &second, &received.bundle_sha256);
    drop((target, second));
    assert_verifies(&to);
    assert_verifies(&other);
}

#[test]
fn a_changed_field_is_offered_and_merged_as_chosen_or_kept_beside_ours() {
    let (from, to) = (TestDir::new(), TestDir::new());
    let (source, case) = source_vault(&from);
    let mut target = to.create();
    let zip = bundle_bytes(&source, &case);
    let path = write_file(&to, "case.zip", &zip);
    let (_, arrived) = import_new(&mut target, &path, &BundleKey::ThisVault);

    // Here, the birth date is corrected; the bundle still says 1958.
    let mut ours = arrived.clone();
    ours.people[0].birth_date = FlexiDate::Year(1957);
    target.put_record(case_write(&ours)).expect("edit saved");
    let received =
        open_bundle_file(&path, &BundleKey::ThisVault, &target.blob_store()).expect("opens");
    let Arrival::Existing { differences, .. } =
        plan(&target, &received, &Translated).expect("plan")
    else {
        panic!("the case is there");
    };
    assert_eq!(differences.len(), 1, "{differences:?}");
    let difference = &differences[0];
    assert_eq!(
        difference.key,
        format!("people/{}/birth_date", case.people[0].id)
    );
    assert_eq!(difference.path.len(), 3);
    assert_eq!(difference.path[1], "ئابدۇرېھىم تۇرسۇن");
    assert_eq!(difference.ours.as_deref(), Some("1957"));
    assert_eq!(difference.theirs.as_deref(), Some("1958"));

    // Keeping ours: the field stays, only the receipt is added to the custody log.
    let lines = ours.custody.entries().len();
    let kept = store(
        &mut target,
        &received,
        &Decision::Merge(BTreeSet::new()),
        &stamp("Lawyer Bakyt"),
        &real_decoder(),
    )
    .expect("merged");
    let after_keep = case_by_id(&target, kept);
    assert_eq!(kept, case.id);
    assert_eq!(after_keep.people[0].birth_date, FlexiDate::Year(1957));
    assert_eq!(after_keep.custody.entries().len(), lines + 3);
    let mut same = after_keep.clone();
    same.custody = ours.custody.clone();
    assert_eq!(same, ours, "nothing else changed");

    // Taking theirs: the field is the bundle's; the files are still ours (no new objects).
    let objects_before = files_under(&to.vault().join("objects")).len();
    let taken = store(
        &mut target,
        &received,
        &Decision::Merge(BTreeSet::from([difference.key.clone()])),
        &stamp("Lawyer Bakyt"),
        &real_decoder(),
    )
    .expect("merged");
    let after_take = case_by_id(&target, taken);
    assert_eq!(after_take.people[0].birth_date, FlexiDate::Year(1958));
    assert_eq!(after_take.documents, ours.documents);
    // One new object: the case record itself.
    assert_eq!(
        files_under(&to.vault().join("objects")).len(),
        objects_before + 1
    );

    // As a separate case: two cases, ours untouched.
    let separate = store(
        &mut target,
        &received,
        &Decision::AsSeparateCase,
        &stamp("Lawyer Bakyt"),
        &real_decoder(),
    )
    .expect("stored beside");
    let cases = cases_in(&target);
    assert_eq!(cases.len(), 2);
    let beside = case_by_id(&target, separate);
    assert_ne!(beside.id, case.id);
    assert_eq!(beside.number, "KZB-2026-0042-R1");
    assert_eq!(beside.people, case.people);
    assert_eq!(case_by_id(&target, case.id), after_take);
    let store_handle = target.blob_store();
    for file in beside.documents.iter().flat_map(|d| &d.files) {
        store_handle
            .read(file)
            .expect("the separate case's files read");
    }
    drop(target);
    assert_verifies(&to);
}

/// A ZIP's entries: name and bytes, in order.
type Entries = Vec<(String, Vec<u8>)>;

/// The bundle's entries, by name.
fn unzip(bytes: &[u8]) -> Entries {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("entry reads");
            (entry.name().expect("a name").to_string(), data)
        })
        .collect()
}

/// A ZIP of these entries (deflated).
fn zip_of(entries: &Entries) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer
            .start_file(name.as_str(), options)
            .expect("entry starts");
        writer.write_all(data).expect("entry written");
    }
    writer.finish().expect("zip finished").into_inner()
}

/// How a broken file must be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    Unreadable,
    Damaged,
    WrongKey,
}

fn refusal(result: &Result<ReceivedBundle, ExportError>) -> Option<Refused> {
    match result {
        Err(ExportError::BundleUnreadable(_)) => Some(Refused::Unreadable),
        Err(ExportError::BundleDamaged(_)) => Some(Refused::Damaged),
        Err(ExportError::BundleWrongKey) => Some(Refused::WrongKey),
        _ => None,
    }
}

#[test]
fn broken_foreign_and_hostile_files_are_refused_and_the_vault_is_unchanged() {
    let (from, to) = (TestDir::new(), TestDir::new());
    let (source, case) = source_vault(&from);
    let mut target = to.create();
    // The target has a case of its own already, so that "unchanged" means something.
    target
        .put_record(case_write(&Case {
            number: "KZB-2026-0001".into(),
            ..Case::default()
        }))
        .expect("a case of our own");
    let zip = bundle_bytes(&source, &case);
    let handoff = handoff_bytes(
        &source,
        &case,
        &HandoffTo::Recipients(vec![target.recipient()]),
        false,
    );
    let entries = unzip(&zip);
    let with = |edit: &dyn Fn(&mut Entries)| {
        let mut changed = entries.clone();
        edit(&mut changed);
        zip_of(&changed)
    };

    let mut flipped = handoff.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let mut flipped_zip = zip.clone();
    let original_at = zip
        .windows(4)
        .position(|w| w == b"\xff\xd8\xff\xe0" || w == b"\xff\xd8\xff\xdb")
        .expect("the JPEG is stored as it is");
    flipped_zip[original_at + 500] ^= 0x01;
    let mut random = vec![0u8; 100_000];
    let mut seed = 0x9e37_79b9_u32;
    for byte in &mut random {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        *byte = seed as u8;
    }
    let png = png_bytes(&page_image(64, 64));
    let bomb = {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9));
        for (name, data) in &entries {
            writer.start_file(name.as_str(), options).expect("starts");
            writer.write_all(data).expect("written");
        }
        writer
            .start_file("originals/99-bomb.tif", options)
            .expect("starts");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..256 {
            writer.write_all(&zeros).expect("zeros");
        }
        writer.finish().expect("finished").into_inner()
    };
    assert!(bomb.len() < zip.len() + (2 << 20), "the bomb is small");
    let other_vault = age::x25519::Identity::generate().to_public().to_string();
    // A passphrase hand-off whose header asks for scrypt at 2^23 (8 GiB): refused unrun.
    let greedy = {
        let mut recipient = age::scrypt::Recipient::new(secret(HANDOFF_PASSPHRASE));
        recipient.set_work_factor(10);
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .expect("encryptor");
        let mut out = Vec::new();
        let mut writer = encryptor.wrap_output(&mut out).expect("wraps");
        writer.write_all(&zip).expect("encrypts");
        writer.finish().expect("finishes");
        let header_end = out.windows(4).position(|w| w == b"\n---").expect("header");
        let header = String::from_utf8(out[..header_end].to_vec()).expect("text header");
        let forged = header.replacen(" 10\n", " 23\n", 1);
        assert_ne!(forged, header);
        [forged.as_bytes(), &out[header_end..]].concat()
    };

    let cases: Vec<(&str, Vec<u8>, BundleKey, Refused)> = vec![
        (
            "one byte flipped in the middle",
            flipped,
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "cut short",
            handoff[..handoff.len() * 2 / 3].to_vec(),
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "a plain bundle cut short",
            zip[..zip.len() / 2].to_vec(),
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "a scan changed inside the ZIP",
            flipped_zip,
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "random bytes",
            random,
            BundleKey::ThisVault,
            Refused::Unreadable,
        ),
        ("a PNG", png, BundleKey::ThisVault, Refused::Unreadable),
        (
            "empty",
            Vec::new(),
            BundleKey::ThisVault,
            Refused::Unreadable,
        ),
        (
            "a ZIP without case.json",
            with(&|e| e.retain(|(name, _)| name != "case.json")),
            BundleKey::ThisVault,
            Refused::Unreadable,
        ),
        (
            "a zip bomb",
            bomb,
            BundleKey::ThisVault,
            Refused::Unreadable,
        ),
        (
            "a ZIP with a ../ path",
            with(&|e| e.push(("../../.bashrc".into(), b"echo owned\n".to_vec()))),
            BundleKey::ThisVault,
            Refused::Unreadable,
        ),
        (
            "a ZIP with an absolute path",
            with(&|e| e.push(("/etc/cron.d/x".into(), b"x".to_vec()))),
            BundleKey::ThisVault,
            Refused::Unreadable,
        ),
        (
            "SHA256SUMS not matching a scan",
            with(&|e| {
                if let Some((_, data)) = e.iter_mut().find(|(n, _)| n.starts_with("originals/")) {
                    data[100] ^= 0x01;
                }
            }),
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "the dossier changed after SHA256SUMS was written",
            with(&|e| {
                if let Some((_, data)) = e.iter_mut().find(|(n, _)| n == "dossier.pdf") {
                    data.extend_from_slice(b"% appended\n");
                }
            }),
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "a file SHA256SUMS does not list",
            with(&|e| e.push(("originals/extra.txt".into(), b"extra".to_vec()))),
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "a scan left out",
            with(&|e| {
                let sums_free: Vec<String> = e
                    .iter()
                    .filter(|(n, _)| n.starts_with("originals/"))
                    .map(|(n, _)| n.clone())
                    .take(1)
                    .collect();
                e.retain(|(n, _)| !sums_free.contains(n));
            }),
            BundleKey::ThisVault,
            Refused::Damaged,
        ),
        (
            "a passphrase hand-off asking for scrypt 2^23",
            greedy,
            BundleKey::Passphrase(secret(HANDOFF_PASSPHRASE)),
            Refused::Unreadable,
        ),
        (
            "encrypted to another vault",
            handoff_bytes(
                &source,
                &case,
                &HandoffTo::Recipients(vec![other_vault]),
                true,
            ),
            BundleKey::ThisVault,
            Refused::WrongKey,
        ),
    ];

    let before = listing(&to.vault());
    let mut seen = Vec::new();
    for (what, bytes, key, expected) in cases {
        let path = write_file(&to, "incoming.bin", &bytes);
        let result = open_bundle_file(&path, &key, &target.blob_store());
        if let Err(err) = &result {
            let message = err.to_string();
            for secret_word in ["KZB-2026-0042", "Гүлнар", "阿不都", "ئابدۇرېھىم"]
            {
                assert!(!message.contains(secret_word), "{what}: {message}");
            }
        }
        seen.push((what, refusal(&result), expected));
        assert_eq!(listing(&to.vault()), before, "{what}: the vault changed");
    }
    let wrong: Vec<_> = seen
        .iter()
        .filter(|(_, got, want)| *got != Some(*want))
        .collect();
    assert!(
        wrong.is_empty(),
        "refused differently than expected: {wrong:?}"
    );
    assert_eq!(cases_in(&target).len(), 1);
    drop(target);
    assert_verifies(&to);
    assert_eq!(listing(&to.vault()), before);
}

/// The export streams the bundle into the armored age writer. age 0.12.1's `ArmoredWriter`
/// miscounts on a `flush()` in mid-stream (the bundle writer flushes at its end), which breaks
/// the armor's line lengths: no age tool can read such a file. Fails until `handoff::encrypt_to`
/// keeps flushes away from the armored writer.
#[test]
fn an_armored_hand_off_written_in_one_stream_by_the_export_opens() {
    let (from, to) = (TestDir::new(), TestDir::new());
    let (source, case) = source_vault(&from);
    let mut target = to.create();
    let armored = handoff_bytes(
        &source,
        &case,
        &HandoffTo::Recipients(vec![target.recipient()]),
        true,
    );
    let lines: Vec<&[u8]> = armored.split(|b| *b == b'\n').collect();
    let body = &lines[1..lines.len().saturating_sub(3)];
    assert!(
        body.iter().all(|line| line.len() == 64),
        "armor lines of other lengths: {:?}",
        body.iter()
            .map(|l| l.len())
            .filter(|n| *n != 64)
            .collect::<Vec<_>>()
    );
    let path = write_file(&to, "case.age.txt", &armored);
    let (received, arrived) = import_new(&mut target, &path, &BundleKey::ThisVault);
    assert_arrived_intact(&case, &source, &arrived, &target, &received.bundle_sha256);
}

fn casevault(home: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_casevault"))
        .args(args)
        // Local state (the device id) goes to the test's own folders, not the developer's.
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .output()
        .expect("run casevault")
}

#[test]
fn the_command_line_imports_shows_differences_with_exit_2_and_merges_when_told() {
    let (from, home) = (TestDir::new(), TestDir::new());
    let home = home.dir.path();
    let (mut source, mut case) = source_vault(&from);
    let vault = home.join("vault");
    let vault_arg = vault.display().to_string();
    let pass = home.join("pass");
    std::fs::write(&pass, "river stone lantern harvest\n").expect("pass");
    let pass_arg = pass.display().to_string();
    let out = casevault(home, &["init", &vault_arg, "--passphrase-file", &pass_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let header = std::fs::read_to_string(vault.join("vault.ron")).expect("vault.ron");
    let recipient = header
        .split('"')
        .find(|part| part.starts_with("age1"))
        .expect("the vault's public key")
        .to_string();
    let to = HandoffTo::Recipients(vec![recipient]);
    let file = home.join("case.age");
    std::fs::write(&file, handoff_bytes(&source, &case, &to, false)).expect("hand-off");
    let file_arg = file.display().to_string();
    let import = |extra: &[&str]| {
        let mut args = vec![
            "import-bundle",
            &vault_arg,
            &file_arg,
            "--passphrase-file",
            &pass_arg,
        ];
        args.extend_from_slice(extra);
        casevault(home, &args)
    };
    let stdout = |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).into_owned();

    let out = import(&[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("Imported case KZB-2026-0042: 3 files"),
        "{}",
        stdout(&out)
    );
    let out = import(&[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("nothing was changed"),
        "{}",
        stdout(&out)
    );

    // The sender corrected the birth date; importing again shows it and changes nothing.
    case.people[0].birth_date = FlexiDate::Year(1957);
    source.put_record(case_write(&case)).expect("edited");
    std::fs::write(&file, handoff_bytes(&source, &case, &to, false)).expect("hand-off");
    let before = listing(&vault);
    let out = import(&[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout(&out),
        "People › ئابدۇرېھىم تۇرسۇن › Birth date\t1958\t1957\n"
    );
    assert_eq!(listing(&vault), before, "nothing changed");

    let out = import(&["--take-theirs"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("one difference taken"),
        "{}",
        stdout(&out)
    );
    let out = import(&[]);
    assert!(
        stdout(&out).contains("nothing was changed"),
        "{}",
        stdout(&out)
    );
    let out = import(&["--as-new-case"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("KZB-2026-0042-R1"),
        "{}",
        stdout(&out)
    );

    let out = casevault(home, &["list", &vault_arg, "--passphrase-file", &pass_arg]);
    let list = stdout(&out);
    assert_eq!(list.lines().count(), 2, "{list}");
    let out = casevault(
        home,
        &["verify", &vault_arg, "--passphrase-file", &pass_arg],
    );
    assert!(out.status.success(), "{}", stdout(&out));

    // A file that is not a bundle: exit 1 with one line.
    let out = casevault(
        home,
        &[
            "import-bundle",
            &vault_arg,
            &pass_arg,
            "--passphrase-file",
            &pass_arg,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not a Casevault bundle"), "{stderr}");
}

/// The import widget alone, as the case list shows it.
struct Widget {
    receive: casevault::ui::receive::ReceiveState,
    session: casevault::ui::session::Session,
    decoder: casevault::media::Decoder,
    picker: std::sync::Arc<dyn casevault::ui::scans::FilePicker>,
    stored: Vec<CaseId>,
}

/// A picker that offers one file.
struct OfferFile(PathBuf);

impl casevault::ui::scans::FilePicker for OfferFile {
    fn pick_files(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn pick_bundle(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
}

type WidgetHarness = egui_kittest::Harness<'static, Widget>;

fn click(harness: &mut WidgetHarness, label: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).click();
    harness.run();
}

/// Clicks a button that starts background work, and waits for it.
fn click_and_wait(harness: &mut WidgetHarness, label: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).click();
    settle(harness);
}

/// Runs frames until the widget's background work is done.
fn settle(harness: &mut WidgetHarness) {
    let started = std::time::Instant::now();
    harness.step();
    harness.step();
    while harness.state().receive.busy() {
        assert!(started.elapsed().as_secs() < 60, "timed out");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.step();
    harness.step();
}

#[test]
fn the_window_previews_imports_and_merges_the_chosen_difference() {
    use egui_kittest::kittest::Queryable;
    let (from, to) = (TestDir::new(), TestDir::new());
    let (source, case) = source_vault(&from);
    let target = to.create();
    let handoff = handoff_bytes(
        &source,
        &case,
        &HandoffTo::Recipients(vec![target.recipient()]),
        false,
    );
    let path = write_file(&to, "case.age", &handoff);
    let widget = Widget {
        receive: Default::default(),
        session: casevault::ui::session::Session::new(target),
        decoder: real_decoder(),
        picker: std::sync::Arc::new(OfferFile(path.clone())),
        stored: Vec::new(),
    };
    let mut harness: WidgetHarness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1100.0, 800.0))
        .build_ui_state(
            |ui, w: &mut Widget| {
                if let Some(id) = w.receive.show(ui, &mut w.session, &w.decoder, &w.picker) {
                    w.stored.push(id);
                }
            },
            widget,
        );
    casevault::ui::fonts::install(&harness.ctx);
    harness.run();

    // The file from the dialog, this vault's key: a preview of a new case.
    click(&mut harness, "Import a bundle…");
    click_and_wait(&mut harness, "Choose…");
    assert_eq!(harness.state().receive.path, path.display().to_string());
    click_and_wait(&mut harness, "Open and check");
    assert!(harness.query_by_label("KZB-2026-0042").is_some());
    assert!(harness.query_by_label(&sha256_hex(FAKE_PDF)).is_some());
    assert!(harness.query_by_label("3").is_some(), "the file count");
    click_and_wait(&mut harness, "Import as a new case");
    assert_eq!(harness.state().stored, [case.id]);
    assert_eq!(harness.state().session.rows.len(), 1);

    // Here the birth date is corrected; the bundle still says 1958: one row, taken.
    {
        let session = &mut harness.state_mut().session;
        let mut ours = case_by_id(&session.vault, case.id);
        ours.people[0].birth_date = FlexiDate::Year(1957);
        session.vault.put_record(case_write(&ours)).expect("edited");
    }
    click(&mut harness, "Import a bundle…");
    click_and_wait(&mut harness, "Open and check");
    assert!(
        harness
            .query_by_label_contains("One thing differs")
            .is_some()
    );
    assert_eq!(harness.get_all_by_label("Take theirs").count(), 1);
    assert!(harness.query_by_label("1957").is_some());
    assert!(harness.query_by_label("1958").is_some());
    click(&mut harness, "Take theirs");
    click_and_wait(&mut harness, "Merge chosen");
    assert_eq!(harness.state().stored, [case.id, case.id]);
    let merged = case_by_id(&harness.state().session.vault, case.id);
    assert_eq!(merged.people[0].birth_date, FlexiDate::Year(1958));
    assert!(harness.query_by_label_contains("was stored").is_some());

    // A passphrase hand-off: the field keeps no state once used.
    let zip = bundle_bytes(&source, &case);
    let mut armored = Vec::new();
    encrypt_to(
        &mut armored,
        &HandoffTo::Passphrase(secret(HANDOFF_PASSPHRASE)),
        true,
        |plain| {
            plain
                .write_all(&zip)
                .map_err(|e| ExportError::Write(PathBuf::new(), e.to_string()))
        },
    )
    .expect("armored hand-off");
    std::fs::write(&path, &armored).expect("replaced");
    click(&mut harness, "Import a bundle…");
    click(&mut harness, "Encrypted to a passphrase");
    harness.get_by_label("Passphrase").focus();
    harness.run();
    harness
        .get_by_label("Passphrase")
        .type_text(HANDOFF_PASSPHRASE);
    harness.run();
    let field = egui::Id::unique("casevault-receive-passphrase");
    let typed = harness
        .ctx
        .data_mut(|d| d.get_persisted::<egui::text_edit::TextEditState>(field))
        .expect("the field has state while typing");
    let mut undoer = typed.undoer();
    let now = (
        egui::text_selection::CCursorRange::default(),
        "\u{0}".to_string(),
    );
    assert_eq!(undoer.undo(&now), None, "no undo history of the passphrase");
    harness.get_by_label("Open and check").click();
    harness.step();
    harness.step();
    let kept = harness
        .ctx
        .data_mut(|d| d.get_persisted::<egui::text_edit::TextEditState>(field));
    assert!(kept.is_none(), "the passphrase field's state is gone");
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("nothing in it differs")
            .is_some()
    );
    click_and_wait(&mut harness, "Import as a separate case");
    assert_eq!(harness.state().session.rows.len(), 2);
    assert_eq!(harness.state().stored.len(), 3);
    drop(harness);
    assert_verifies(&to);
}
