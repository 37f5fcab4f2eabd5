//! Temporary measurement (not for commit).
mod common;
use std::time::Instant;
use casevault::export::bundle::{BundleMeta, write_bundle};
use casevault::export::handoff::{HandoffTo, encrypt_to};
use casevault::export::receive::{BundleKey, Decision, open_bundle_file, store};
use casevault::media::import::store_original;
use casevault::media::{Destination, ImportOptions, attach};
use casevault::model::{Case, Document, case_write};
use common::scans::{jpeg_bytes, page_image, real_decoder, stamp};
use common::TestDir;

fn median(mut v: Vec<f64>) -> f64 { v.sort_by(|a,b| a.partial_cmp(b).unwrap()); v[v.len()/2] }

#[test]
fn measure() {
    let from = TestDir::new();
    let mut source = from.create();
    let decoder = real_decoder();
    let st = source.blob_store();
    let mut case = Case { number: "M-2026-0001".into(), ..Case::default() };
    let doc = Document { title: "scans".into(), ..Document::default() };
    let id = doc.id; case.documents.push(doc);
    let mut total = 0;
    for i in 0..20u32 {
        let bytes = jpeg_bytes(&page_image(2480, 3508 + i));
        total += bytes.len();
        let imp = store_original(&st, &decoder, &bytes, format!("p{i}.jpg"), casevault::model::FileRole::Original, None, &ImportOptions::default(), &stamp("A")).unwrap();
        attach(&mut case, Destination::Document(id), imp);
    }
    source.put_record(case_write(&case)).unwrap();
    let identity = age::x25519::Identity::generate();
    let keyfile = from.dir.path().join("key.txt");
    std::fs::write(&keyfile, format!("{}\n", age::secrecy::ExposeSecret::expose_secret(&identity.to_string()))).unwrap();
    let mut out = Vec::new();
    let meta = BundleMeta { exported_at: "2026-03-02T12:00:00Z", exported_by: "A", vault_id: "v" };
    encrypt_to(&mut out, &HandoffTo::Recipients(vec![identity.to_public().to_string()]), false, |w| write_bundle(w, &case, b"%PDF-1.7\n", &st, &meta, &|_,_| true)).unwrap();
    let file = from.dir.path().join("h.age");
    std::fs::write(&file, &out).unwrap();
    println!("scans {} bytes total, hand-off {} bytes", total, out.len());
    let to = TestDir::new();
    let mut target = to.create();
    let key = BundleKey::IdentityFile(keyfile.clone());
    let (mut opens, mut ages, mut stores) = (vec![], vec![], vec![]);
    for round in 0..7 {
        let t = Instant::now();
        let rec = open_bundle_file(&file, &key, &target.blob_store()).unwrap();
        opens.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let st = std::process::Command::new("sh").arg("-c").arg(format!("age -d -i {} {} | sha256sum > /dev/null", keyfile.display(), file.display())).status().unwrap();
        assert!(st.success());
        ages.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let decision = if round == 0 { Decision::NewCase } else { Decision::AsSeparateCase };
        store(&mut target, &rec, &decision, &stamp("B"), &decoder).unwrap();
        stores.push(t.elapsed().as_secs_f64());
    }
    println!("open median {:.3}s, age -d | sha256sum median {:.3}s, ratio {:.2}; store (20 blobs + thumbnails) median {:.3}s", median(opens.clone()), median(ages.clone()), median(opens)/median(ages), median(stores));
    println!("peak rss {} MiB", common::peak_rss() >> 20);
}
