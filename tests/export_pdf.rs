//! The dossier PDF end to end (DESIGN.md §5): a case with names in Chinese, Uyghur (Arabic
//! script), Kazakh Cyrillic and Latin, and every kind of original (JPEG scans, a PNG, a two-page
//! TIFF, a PDF made by krilla, a damaged PDF, a HEIC file, a document without a file), stored in
//! a real vault by the real import, written as a dossier and checked with real PDF tools:
//! `qpdf --check`, `pdftotext`, `pdfimages`, `pdfinfo`. All names and numbers are fictional.

mod common;

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use casevault::export::dossier::{Dossier, DossierInput, write_dossier};
use casevault::export::exhibits::{Part, exhibits, parts};
use casevault::export::{ExportChoice, ExportError};
use casevault::media::import::store_original;
use casevault::media::{Destination, ImportOptions, attach};
use casevault::model::{
    Case, Day, DocumentKind, Event, EventId, EventKind, Evidence, Fate, FileRole, FlexiDate,
    Identifier, IdentifierKind, NameKind, Person, PersonName, Place, RelationKind, Relationship,
    Role, Script, Stance,
};
use casevault::vault::BlobStore;
use common::TestDir;
use common::scans::{jpeg_bytes, page_image, png_bytes, real_decoder, stamp};
use image::{DynamicImage, ImageBuffer, Rgb};

const NUMBER: &str = "KZB-2026-0042";
const CHINESE: &str = "阿依古丽·吐尔逊";
const UYGHUR: &str = "ئايگۈل تۇرسۇن قىزى";
const KAZAKH: &str = "Айгүл Тұрсынқызы";
const LATIN: &str = "Aigül Tursynqyzy";
const APPLICANT: &str = "Нұрлан Тұрсынов";
const APPLICANT_LATIN: &str = "Nurlan Tursynov";
const STATEMENT: &str = "Әкесі: Тұрсын Мәмет";
const MERGED_TEXT: &str = "Village committee letter, merged page";

// ---------------------------------------------------------------------------------------------
// The originals

/// A two-page RGB TIFF.
fn two_page_tiff() -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut encoder = tiff::encoder::TiffEncoder::new(&mut out).expect("tiff encoder");
    for shade in [60u8, 200] {
        let page = page_image(300, 420).to_rgb8();
        let data: Vec<u8> = page
            .into_raw()
            .iter()
            .map(|v| v.wrapping_add(shade))
            .collect();
        encoder
            .write_image::<tiff::encoder::colortype::RGB8>(300, 420, &data)
            .expect("tiff page");
    }
    out.into_inner()
}

/// A small one-page PDF with a line of text (Helvetica), objects and cross-reference table
/// written out by hand.
fn small_pdf() -> Vec<u8> {
    let content = format!("BT /F1 14 Tf 40 500 Td ({MERGED_TEXT}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", n + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

/// Starts like a PDF, but has neither a page tree nor a cross-reference table.
fn damaged_pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    bytes.extend((0..3000u32).map(|n| (n * 37 % 251) as u8));
    bytes
}

/// An ISO-BMFF header with a HEIC brand and nothing a decoder could use.
fn heic_like() -> Vec<u8> {
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend(b"ftypheic\0\0\0\0mif1heic");
    bytes.extend((0..2000u32).map(|n| (n * 13 % 256) as u8));
    bytes
}

// ---------------------------------------------------------------------------------------------
// The case

struct Fixture {
    _dir: TestDir,
    store: BlobStore,
    case: Case,
    /// Original bytes by file name.
    files: BTreeMap<&'static str, Vec<u8>>,
}

fn name(script: Script, text: &str) -> PersonName {
    PersonName {
        script,
        text: text.to_string(),
        kind: NameKind::Legal,
        source: None,
    }
}

fn fixture() -> Fixture {
    let dir = TestDir::new();
    let vault = dir.create();
    let store = vault.blob_store();
    let decoder = real_decoder();
    let mut case = Case {
        number: NUMBER.to_string(),
        opened_at: "2026-01-15T08:00:00Z".to_string(),
        ..Case::default()
    };

    let mut missing = Person {
        roles: vec![Role::MissingPerson],
        names: vec![
            name(Script::Chinese, CHINESE),
            name(Script::Arabic, UYGHUR),
            name(Script::Cyrillic, KAZAKH),
            name(Script::Latin, LATIN),
        ],
        birth_date: FlexiDate::Exact(Day::new(1985, 4, 12).expect("day")),
        birthplace: Place {
            country: "PRC".into(),
            prefecture: "Ili".into(),
            county: "Ghulja".into(),
            ..Place::default()
        },
        fate: Fate::Camp,
        detention_place: "A facility near Ghulja (reported)".into(),
        ..Person::default()
    };
    missing.identifiers.push(Identifier {
        kind: IdentifierKind::PrcResidentId,
        value: "654101198504120000".into(),
        issuer: String::new(),
    });
    let applicant = Person {
        roles: vec![Role::Applicant],
        names: vec![
            name(Script::Cyrillic, APPLICANT),
            name(Script::PassportLatin, APPLICANT_LATIN),
        ],
        ..Person::default()
    };
    let (missing_id, applicant_id) = (missing.id, applicant.id);
    case.people = vec![missing, applicant];

    let mut files = BTreeMap::new();
    files.insert("birth-1.jpg", jpeg_bytes(&page_image(620, 877)));
    files.insert("birth-2.jpg", jpeg_bytes(&page_image(877, 620)));
    let hukou = DynamicImage::ImageRgb8(ImageBuffer::from_fn(400, 300, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    }));
    files.insert("hukou.png", png_bytes(&hukou));
    files.insert("verdict.tif", two_page_tiff());
    files.insert("letter.pdf", small_pdf());
    files.insert("damaged.pdf", damaged_pdf());
    files.insert("photo.heic", heic_like());

    let documents: [(&str, DocumentKind, &[&'static str]); 7] = [
        (
            "Birth certificate",
            DocumentKind::BirthCertificate,
            &["birth-1.jpg", "birth-2.jpg"],
        ),
        ("Hukou page", DocumentKind::HukouPage, &["hukou.png"]),
        (
            "Court verdict",
            DocumentKind::CourtVerdict,
            &["verdict.tif"],
        ),
        (
            "Letter of the village committee",
            DocumentKind::LetterFromAuthorities,
            &["letter.pdf"],
        ),
        (
            "Scanned letter (damaged)",
            DocumentKind::Other,
            &["damaged.pdf"],
        ),
        ("Family photo", DocumentKind::FamilyPhoto, &["photo.heic"]),
        ("Statement of the applicant", DocumentKind::Statement, &[]),
    ];
    let options = ImportOptions::default();
    for (title, kind, names) in documents {
        let id = case.add_document_titled(title);
        if let Some(document) = case.documents.iter_mut().find(|d| d.id == id) {
            document.kind = kind;
        }
        for file_name in names {
            let imported = store_original(
                &store,
                &decoder,
                &files[file_name],
                file_name.to_string(),
                FileRole::Original,
                None,
                &options,
                &stamp("Lawyer A"),
            )
            .expect("import");
            attach(&mut case, Destination::Document(id), imported);
        }
    }
    let birth_certificate = case.documents[0].id;
    let mut sibling = Relationship::new(applicant_id, missing_id, RelationKind::Sibling);
    sibling.evidence.push(Evidence {
        document: birth_certificate,
        page: Some(2),
        statement: STATEMENT.to_string(),
        stance: Stance::Supports,
        assessed_by: "Lawyer A".into(),
        assessed_on: "2026-03-01".into(),
    });
    case.relationships.push(sibling);
    case.events = vec![
        Event {
            id: EventId::new_random(),
            kind: EventKind::Detention,
            date: FlexiDate::Month {
                year: 2018,
                month: 3,
            },
            place: "Ghulja".into(),
            person: Some(missing_id),
            source: "Applicant".into(),
            description: "Taken from home at night".into(),
        },
        Event {
            id: EventId::new_random(),
            kind: EventKind::LastContact,
            date: FlexiDate::Exact(Day::new(2017, 11, 20).expect("day")),
            place: String::new(),
            person: Some(missing_id),
            source: String::new(),
            description: "Last phone call".into(),
        },
    ];
    Fixture {
        _dir: dir,
        store,
        case,
        files,
    }
}

fn choice(case: &Case) -> ExportChoice {
    ExportChoice {
        bureau: "Test Bureau for Missing Relatives".into(),
        addressee: "Ministry of Foreign Affairs, Consular Department".into(),
        request: "We ask the Ministry to request information on the whereabouts of the person \
                  named below."
            .into(),
        ..ExportChoice::everything(case)
    }
}

fn write(
    fixture: &Fixture,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<Dossier, ExportError> {
    write_with(fixture, &choice(&fixture.case), progress)
}

/// The dossier of `fixture` as `choice` redacts it.
fn write_with(
    fixture: &Fixture,
    choice: &ExportChoice,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<Dossier, ExportError> {
    let redacted = choice.redact(&fixture.case);
    write_dossier(
        &DossierInput {
            case: &redacted.case,
            choice,
            left_out_custody: redacted.left_out_custody,
            exported_at: "2026-03-02T09:30:00Z",
            exported_by: "Lawyer A",
        },
        &fixture.store,
        &real_decoder(),
        progress,
    )
}

// ---------------------------------------------------------------------------------------------
// The tools

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not run ({e}); install qpdf and poppler-utils")
        });
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// The text of every page (pdftotext separates pages with a form feed).
fn page_texts(pdf: &Path) -> Vec<String> {
    let (ok, text) = run(
        "pdftotext",
        &["-enc", "UTF-8", &pdf.display().to_string(), "-"],
    );
    assert!(ok, "pdftotext failed: {text}");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

// ---------------------------------------------------------------------------------------------

#[test]
fn the_dossier_holds_every_name_every_scan_byte_for_byte_and_passes_qpdf() {
    let fixture = fixture();
    let calls = std::sync::Mutex::new(Vec::new());
    let dossier = write(&fixture, &|done, total| {
        calls.lock().expect("calls").push((done, total));
        true
    })
    .expect("dossier");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("dossier.pdf");
    std::fs::write(&pdf, &dossier.pdf).expect("write pdf");
    let pdf_arg = pdf.display().to_string();

    // Progress: from 0 to every exhibit.
    let calls = calls.into_inner().expect("calls");
    assert_eq!(calls.first(), Some(&(0, 7)));
    assert_eq!(calls.iter().map(|c| c.0).max(), Some(7));

    // A valid PDF.
    let (ok, report) = run("qpdf", &["--check", &pdf_arg]);
    assert!(ok, "qpdf --check failed:\n{report}");
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );

    // Page count, title and language.
    let (ok, info) = run("pdfinfo", &[&pdf_arg]);
    assert!(ok, "{info}");
    assert!(
        info.contains(&format!("Pages:           {}", dossier.pages)),
        "{info}"
    );
    assert!(
        info.contains(&format!("Title:           Dossier {NUMBER}")),
        "{info}"
    );

    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), dossier.pages);
    let all = pages.join("\n");
    // Every page has the footer with the case number and "Page N of M".
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains(NUMBER),
            "page {} lacks the case number",
            n + 1
        );
        assert!(
            page.contains(&format!("Page {} of {}", n + 1, pages.len())),
            "page {} lacks its number:\n{page}",
            n + 1
        );
    }
    // Names in every script, exactly.
    for name in [
        CHINESE,
        KAZAKH,
        LATIN,
        APPLICANT,
        APPLICANT_LATIN,
        STATEMENT,
    ] {
        assert!(all.contains(name), "{name} is not in the text");
    }
    // Arabic script: poppler gives it in logical order (between embedding marks), joined
    // letters and all.
    assert!(all.contains(UYGHUR), "the Uyghur name is not in the text");
    // The merged PDF page brings its own text.
    assert!(all.contains(MERGED_TEXT), "the PDF original was not merged");

    // Exhibit pages as planned, each stamped.
    let planned = parts(&exhibits(&fixture.case));
    for part in &planned {
        if let Part::Exhibit {
            number,
            pages: want,
        } = part
        {
            let stamped = pages
                .iter()
                .filter(|p| p.contains(&format!("Exhibit {number} — page ")))
                .count();
            assert_eq!(stamped, *want as usize, "pages of exhibit {number}");
        }
    }
    let exhibit_pages: u32 = planned
        .iter()
        .map(|p| match p {
            Part::Exhibit { pages, .. } => *pages,
            _ => 0,
        })
        .sum();
    assert_eq!(exhibit_pages, 2 + 1 + 2 + 1 + 1 + 1 + 1);

    // The damaged PDF is listed with its hash; the HEIC file too; nothing else failed.
    let damaged = sha256(&fixture.files["damaged.pdf"]);
    assert_eq!(dossier.not_merged, vec![damaged.clone()]);
    assert!(all.contains(&format!("SHA-256: {damaged}")));
    assert!(all.contains(&sha256(&fixture.files["photo.heic"])));
    assert!(all.contains("No scan is attached to this document."));
    // The appendix has the hash of every file and the custody log.
    for bytes in fixture.files.values() {
        assert!(all.contains(&sha256(bytes)));
    }
    assert!(all.contains("Custody log"));

    // The JPEG scans are in the PDF as JPEG, and come out byte for byte.
    let (ok, list) = run("pdfimages", &["-list", &pdf_arg]);
    assert!(ok, "{list}");
    let kinds: Vec<&str> = list
        .lines()
        .skip(2)
        .filter_map(|line| line.split_whitespace().nth(8))
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "jpeg").count(), 2, "{list}");
    // The PNG and the two TIFF pages, embedded without loss (Flate, shown as "image").
    assert_eq!(kinds.iter().filter(|k| **k == "image").count(), 3, "{list}");
    let out = dir.path().join("img");
    let (ok, text) = run("pdfimages", &["-all", &pdf_arg, &out.display().to_string()]);
    assert!(ok, "{text}");
    let mut extracted: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("img"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("read image"))
        })
        .collect();
    extracted.sort();
    for scan in ["birth-1.jpg", "birth-2.jpg"] {
        assert!(
            extracted
                .iter()
                .any(|(_, bytes)| bytes == &fixture.files[scan]),
            "{scan} did not come out of the PDF byte for byte"
        );
    }
    // The PNG comes out with exactly its pixels, at full resolution.
    let hukou = image::load_from_memory(&fixture.files["hukou.png"])
        .expect("png")
        .to_rgb8();
    let found = extracted.iter().any(|(name, bytes)| {
        name.ends_with(".png") && image::load_from_memory(bytes).is_ok_and(|i| i.to_rgb8() == hukou)
    });
    assert!(
        found,
        "the PNG was not embedded losslessly: {:?}",
        extracted.iter().map(|e| &e.0).collect::<Vec<_>>()
    );

    // Bookmarks: the sections and the exhibits.
    let (ok, json) = run("qpdf", &["--json", "--json-key=outlines", &pdf_arg]);
    assert!(ok, "{json}");
    for title in [
        "Cover",
        "Summary",
        "Relationships",
        "Timeline",
        "Exhibit index",
        "Exhibits",
        "Exhibit 1: Birth certificate",
        "Appendix: files and custody",
    ] {
        assert!(json.contains(title), "bookmark {title} missing:\n{json}");
    }
}

#[test]
fn cancelling_stops_the_dossier() {
    let fixture = fixture();
    let result = write(&fixture, &|done, _| done < 2);
    assert!(
        matches!(result, Err(ExportError::Cancelled)),
        "{:?}",
        result.err()
    );
}

#[test]
fn an_original_that_changed_stops_the_dossier() {
    let mut fixture = fixture();
    // The case now records another hash for the first scan than the bytes stored.
    fixture.case.documents[0].files[0].sha256 = "0".repeat(64);
    let result = write(&fixture, &|_, _| true);
    assert!(
        matches!(result, Err(ExportError::FileChanged(ref name)) if name == "birth-1.jpg"),
        "{:?}",
        result.err()
    );
}

#[test]
fn what_the_choice_leaves_out_is_not_in_the_dossier_and_the_appendix_says_so() {
    let fixture = fixture();
    let mut choice = choice(&fixture.case);
    choice.id_numbers = false;
    let damaged = fixture.case.documents[4].id;
    choice.documents.remove(&damaged);
    let dossier = write_with(&fixture, &choice, &|_, _| true).expect("dossier");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("dossier.pdf");
    std::fs::write(&pdf, &dossier.pdf).expect("write pdf");
    let all = page_texts(&pdf).join("\n");
    assert!(dossier.not_merged.is_empty());
    assert!(
        !all.contains("654101198504120000"),
        "an ID number left out is in the PDF"
    );
    assert!(!all.contains(&sha256(&fixture.files["damaged.pdf"])));
    assert!(!all.contains("Scanned letter (damaged)"));
    assert!(all.contains("One line of the custody log concerns a document left out"));
    assert!(
        all.contains("identity numbers"),
        "the cover does not say what was left out"
    );
    // Six exhibits now, renumbered: the family photo is exhibit 5.
    assert!(all.contains("Exhibit 5 — page 1 of 1\nFamily photo"));
    assert!(!all.contains("Exhibit 7 — page"));
}
