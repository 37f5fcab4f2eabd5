//! Plaintext never touches the disk: records, summaries and blobs carrying a unique marker are
//! saved, read, verified and locked; then the vault folder, the temp directory and the local state
//! and config folders are searched for the marker (in every script it was written in).

mod common;

use std::io::Read;
use std::path::Path;

use casevault::vault::{RecordId, RecordWrite};
use common::TestDir;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Paths of files under `root` whose bytes contain any of `needles`.
fn files_containing(root: &Path, needles: &[Vec<u8>]) -> Vec<String> {
    common::files_under(root)
        .into_iter()
        .filter(|path| {
            // One file at a time: the temp directory may hold large unrelated files.
            std::fs::read(path).is_ok_and(|bytes| needles.iter().any(|n| contains(&bytes, n)))
        })
        .map(|path| path.display().to_string())
        .collect()
}

#[test]
fn a_canary_written_to_the_vault_appears_nowhere_in_clear() {
    let marker = format!("CANARY{}", hex::encode(rand::random::<[u8; 8]>()));
    let names = [
        format!("Қанат {marker}"),
        format!("金丝雀{marker}"),
        format!("كانات {marker}"),
    ];
    let needles: Vec<Vec<u8>> = std::iter::once(marker.clone())
        .chain(names.iter().cloned())
        .map(String::into_bytes)
        .collect();

    let test = TestDir::new();
    let mut vault = test.create();
    let scan = format!("%PDF-1.4 scan of a birth certificate for {}", names[0]).repeat(5000);
    let blob = vault.put_blob(&mut scan.as_bytes()).expect("blob");
    for name in &names {
        vault
            .put_record(RecordWrite {
                id: RecordId::new_random(),
                kind: "case",
                value: name,
                summary: Some(name.clone()),
                blobs: vec![blob.object.clone()],
            })
            .expect("put");
    }
    vault
        .checkpoint()
        .expect("checkpoint holds the summaries too");
    let mut back = String::new();
    vault
        .open_blob(&blob.object)
        .expect("open")
        .read_to_string(&mut back)
        .expect("read");
    assert!(
        back.contains(&marker),
        "the marker really is in what was stored"
    );
    assert!(vault.verify(&mut |_, _| {}).expect("verify").is_intact());
    vault.lock();
    let vault = test.unlock();
    assert_eq!(vault.records().count(), 3);
    vault.lock();

    let mut hits = files_containing(test.dir.path(), &needles);
    hits.extend(files_containing(&std::env::temp_dir(), &needles));
    if let Some(dirs) = casevault::vault::project_dirs() {
        hits.extend(files_containing(dirs.config_dir(), &needles));
        hits.extend(files_containing(dirs.data_local_dir(), &needles));
    }
    assert!(hits.is_empty(), "plaintext found in: {hits:?}");
}

/// The same for an export and its way back in: a case whose names and scan carry a marker is
/// exported as an encrypted hand-off and received into a second vault. Only the two vaults (as
/// ciphertext) and the hand-off (ciphertext) hold it; no temp file, state or config file does.
#[test]
fn a_canary_exported_and_received_leaves_no_plaintext_behind() {
    use casevault::export::ExportChoice;
    use casevault::export::handoff::HandoffTo;
    use casevault::export::receive::{BundleKey, Decision, open_bundle_file, store};
    use casevault::export::run::{ExportFormat, ExportRequest, ExportStamp, export};
    use casevault::model::{Case, Document, NameKind, Person, PersonName, Role, Script};

    let marker = format!("CANARY{}", hex::encode(rand::random::<[u8; 8]>()));
    let names = [
        (Script::Cyrillic, format!("Қанат {marker}")),
        (Script::Chinese, format!("金丝雀{marker}")),
        (Script::Arabic, format!("كانات {marker}")),
    ];
    let needles: Vec<Vec<u8>> = std::iter::once(marker.clone())
        .chain(names.iter().map(|(_, name)| name.clone()))
        .map(String::into_bytes)
        .collect();

    let source = TestDir::new();
    let mut vault = source.create();
    // A real JPEG with the marker after its end (decoders ignore trailing bytes).
    let mut scan = common::scans::jpeg_bytes(&common::scans::page_image(600, 800));
    scan.extend_from_slice(marker.as_bytes());
    let stored = vault.put_blob(&mut scan.as_slice()).expect("scan stored");
    let mut case = Case {
        number: "KZB-2026-0001".into(),
        ..Case::default()
    };
    case.people.push(Person {
        roles: vec![Role::MissingPerson],
        names: names
            .iter()
            .map(|(script, text)| PersonName {
                script: *script,
                text: text.clone(),
                kind: NameKind::Legal,
                source: None,
            })
            .collect(),
        ..Person::default()
    });
    let mut document = Document {
        title: format!("Birth certificate {marker}"),
        ..Document::default()
    };
    document.files.push(casevault::model::DocumentFile {
        blob: stored.object.to_string(),
        sha256: stored.sha256.clone(),
        size: stored.size,
        media_type: "image/jpeg".into(),
        original_name: format!("{marker}.jpg"),
        role: casevault::model::FileRole::Original,
        parent: None,
        pages: 1,
        thumbnail: None,
        imported_on: "2026-11-28T10:00:00Z".into(),
        imported_by: "Lawyer A".into(),
    });
    case.documents.push(document);

    let target = TestDir::new();
    let mut receiving = target.create();
    let handoff = source.dir.path().join("handoff.zip.age");
    let decoder = common::scans::real_decoder();
    export(
        &ExportRequest {
            case: &case,
            choice: &ExportChoice::everything(&case),
            format: &ExportFormat::Handoff {
                to: HandoffTo::Recipients(vec![receiving.recipient()]),
                armor: false,
            },
            out: &handoff,
            stamp: &ExportStamp {
                by: "Lawyer A",
                at: "2026-11-28T10:00:00Z",
                vault_id: "source",
            },
        },
        &vault.blob_store(),
        &decoder,
        &|_| true,
    )
    .expect("exported");
    let received =
        open_bundle_file(&handoff, &BundleKey::ThisVault, &receiving.blob_store()).expect("opens");
    assert_eq!(received.case().people[0].names[1].text, names[1].1);
    store(
        &mut receiving,
        &received,
        &Decision::NewCase,
        &common::scans::stamp("Lawyer B"),
        &decoder,
    )
    .expect("stored");
    drop(received);
    vault.lock();
    receiving.lock();

    let mut hits = files_containing(source.dir.path(), &needles);
    hits.extend(files_containing(target.dir.path(), &needles));
    hits.extend(files_containing(&std::env::temp_dir(), &needles));
    if let Some(dirs) = casevault::vault::project_dirs() {
        hits.extend(files_containing(dirs.config_dir(), &needles));
        hits.extend(files_containing(dirs.data_local_dir(), &needles));
    }
    assert!(hits.is_empty(), "plaintext found in: {hits:?}");
}
