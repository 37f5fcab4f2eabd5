//! The admin command line, run as a user or a script would: passphrases from files (never argv),
//! exit code 0 only on success, a one-line reason on stderr otherwise.

use std::path::Path;
use std::process::{Command, Output};

fn casevault(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casevault"))
        .args(args)
        // Local state (the device id) goes to the test's own folders, not the developer's.
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("HOME", home)
        .output()
        .expect("run casevault")
}

fn write(path: &Path, text: &str) -> String {
    std::fs::write(path, text).expect("write");
    path.display().to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn init_verify_and_passwd_work_from_passphrase_files_with_meaningful_exit_codes() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let vault = home.join("vault");
    let vault_arg = vault.display().to_string();
    let pass = write(&home.join("pass"), "river stone lantern harvest\n");
    let weak = write(&home.join("weak"), "password1\n");
    let new_pass = write(&home.join("new"), "quiet orchard seven bridges\n");
    let wrong = write(&home.join("wrong"), "entirely different words here\n");

    let out = casevault(home, &["init", &vault_arg, "--passphrase-file", &weak]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("too weak"), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).lines().count(),
        1,
        "one line: {}",
        stderr(&out)
    );
    assert!(!vault.exists(), "nothing created for a refused passphrase");

    let out = casevault(home, &["init", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(vault.join("vault.ron").is_file());

    let out = casevault(home, &["init", &vault_arg, "--passphrase-file", &pass]);
    assert!(
        !out.status.success(),
        "never initialises over an existing vault"
    );

    let out = casevault(home, &["verify", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("The vault is intact."));

    let out = casevault(home, &["verify", &vault_arg, "--passphrase-file", &wrong]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("Wrong passphrase"),
        "{}",
        stderr(&out)
    );

    let out = casevault(
        home,
        &[
            "passwd",
            &vault_arg,
            "--passphrase-file",
            &pass,
            "--new-passphrase-file",
            &new_pass,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = casevault(home, &["verify", &vault_arg, "--passphrase-file", &pass]);
    assert!(
        !out.status.success(),
        "the old passphrase no longer opens the vault"
    );
    let out = casevault(
        home,
        &["verify", &vault_arg, "--passphrase-file", &new_pass],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    // A damaged vault fails verify with the report on stdout.
    let keys = std::fs::read_dir(vault.join("journal"))
        .expect("journal")
        .count();
    assert_eq!(keys, 0, "a new vault has no journal entries yet");
    std::fs::write(vault.join("objects").join("stray.txt"), b"not ours").expect("write");
    let out = casevault(
        home,
        &["verify", &vault_arg, "--passphrase-file", &new_pass],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("did not write"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = casevault(
        home,
        &[
            "verify",
            &home.join("nothing-here").display().to_string(),
            "--passphrase-file",
            &pass,
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a Casevault vault"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn passphrases_are_never_taken_from_arguments() {
    let home = tempfile::tempdir().expect("home");
    let out = casevault(
        home.path(),
        &["init", "x", "--passphrase", "secret words here"],
    );
    assert!(!out.status.success());
    assert!(!home.path().join("x").exists());
}

#[test]
fn demo_creates_a_vault_that_list_shows_and_searches_in_every_script() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let vault = home.join("demo");
    let vault_arg = vault.display().to_string();
    let out = casevault(home, &["demo", &vault_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        stdout.contains(casevault::demo::DEMO_PASSPHRASE),
        "the passphrase is shown: {stdout}"
    );
    let pass = write(&home.join("pass"), casevault::demo::DEMO_PASSPHRASE);

    // The demo's documents carry generated scans: stored, referenced and intact.
    let out = casevault(home, &["verify", &vault_arg, "--passphrase-file", &pass]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(report.contains("The vault is intact."), "{report}");
    let objects: u32 = report
        .split(" journal entries, ")
        .nth(1)
        .and_then(|rest| rest.split(" checkpoints and ").nth(1))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("object count in the report");
    assert!(objects > 90, "30 records plus about 90 scans: {objects}");

    let out = casevault(home, &["list", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(listing.lines().count(), casevault::demo::DEMO_CASES);
    assert!(listing.lines().all(|l| l.starts_with("DEMO-")), "{listing}");

    for query in ["Нұрлан", "努尔兰", "نۇرلان", "NURLAN"] {
        let out = casevault(
            home,
            &[
                "list",
                &vault_arg,
                "--passphrase-file",
                &pass,
                "--search",
                query,
                "--json",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        assert!(
            !lines.is_empty() && lines.len() < casevault::demo::DEMO_CASES,
            "{query}: {}",
            lines.len()
        );
        for case in &lines {
            let names = case["names"]
                .as_array()
                .expect("names")
                .iter()
                .map(|n| n.as_str().unwrap_or_default().to_lowercase());
            assert!(
                names.into_iter().any(|n| n.contains(&query.to_lowercase())),
                "{query}: {case}"
            );
            assert_eq!(case["readiness"]["of"], 5);
        }
    }
}

#[test]
fn import_adds_a_scanner_folder_to_a_case_and_refuses_what_it_cannot_take() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let vault = home.join("vault");
    let vault_arg = vault.display().to_string();
    let pass = write(&home.join("pass"), "river stone lantern harvest\n");
    let out = casevault(home, &["demo", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A scanner folder with two pages (one hidden file the scanner left), and a bad file.
    let scans = home.join("scanner");
    std::fs::create_dir_all(&scans).expect("dir");
    for (n, name) in ["page-1.png", "page-2.png"].iter().enumerate() {
        image::GrayImage::from_fn(300 + n as u32, 400, |x, _| image::Luma([(x % 256) as u8]))
            .save(scans.join(name))
            .expect("png");
    }
    std::fs::write(scans.join(".DS_Store"), b"scanner litter").expect("write");
    let empty = write(&home.join("empty.jpg"), "");
    let scans_arg = scans.display().to_string();
    let import = |case: &str, files: &[&str]| {
        let mut args = vec![
            "import",
            &vault_arg,
            "--passphrase-file",
            &pass,
            "--case",
            case,
        ];
        args.extend(files);
        casevault(home, &args)
    };
    let out = import(
        "DEMO-2024-0004",
        &["--document", "Household register", &scans_arg, &empty],
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!out.status.success(), "one file was refused: exit 1");
    assert!(stdout.contains("empty.jpg is empty"), "{stdout}");
    assert!(
        stdout.contains("Imported 2 of 3 files into DEMO-2024-0004"),
        "{stdout}"
    );
    assert!(!stdout.contains("DS_Store"), "hidden files are skipped");

    // Stored and intact; an unknown case number is a one-line error.
    let out = casevault(home, &["verify", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = import("DEMO-1999-0001", &[&scans_arg]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("No case numbered DEMO-1999-0001"),
        "{}",
        stderr(&out)
    );

    // Everything good: exit 0.
    let page = scans.join("page-1.png").display().to_string();
    let out = import("DEMO-2024-0004", &[&page]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn backup_copies_checks_and_the_copy_verifies_and_lists_like_the_vault() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let vault_arg = home.join("vault").display().to_string();
    let dest_arg = home.join("stick").join("backup").display().to_string();
    let pass = write(&home.join("pass"), "river stone lantern harvest\n");
    let out = casevault(home, &["demo", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = casevault(
        home,
        &["backup", &vault_arg, &dest_arg, "--passphrase-file", &pass],
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}{}", stderr(&out));
    assert!(stdout.contains("is intact"), "{stdout}");
    let out = casevault(home, &["verify", &dest_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = |dir: &str| casevault(home, &["list", dir, "--passphrase-file", &pass]).stdout;
    assert_eq!(list(&vault_arg), list(&dest_arg));

    // Into a folder holding other things: refused, with the reason.
    let other = home.join("photos");
    std::fs::create_dir_all(&other).expect("dir");
    write(&other.join("a.jpg"), "x");
    let other_arg = other.display().to_string();
    let out = casevault(
        home,
        &["backup", &vault_arg, &other_arg, "--passphrase-file", &pass],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("already holds other files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_writes_a_dossier_and_a_hand_off_and_stats_count_every_case() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    let vault_arg = home.join("vault").display().to_string();
    let pass = write(&home.join("pass"), "river stone lantern harvest\n");
    let out = casevault(home, &["demo", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));

    let pdf = home.join("dossier.pdf");
    let pdf_arg = pdf.display().to_string();
    let export_pdf = |extra: &[&str]| {
        let mut args = vec![
            "export",
            &vault_arg,
            "--case",
            "DEMO-2024-0025",
            "--format",
            "pdf",
            "--out",
            &pdf_arg,
            "--passphrase-file",
            &pass,
        ];
        args.extend_from_slice(extra);
        casevault(home, &args)
    };
    let out = export_pdf(&["--addressee", "Consular Department"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}{}", stderr(&out));
    let bytes = std::fs::read(&pdf).expect("dossier written");
    assert!(bytes.starts_with(b"%PDF-"));
    let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    assert!(stdout.contains(&hash), "the hash is printed: {stdout}");
    // Never over an existing file.
    let out = export_pdf(&[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&pdf).expect("still there"), bytes);

    // A hand-off needs a key or a passphrase, and a real key.
    let handoff = home.join("handoff.age").display().to_string();
    let handoff_args = |extra: &[&str]| {
        let mut args = vec![
            "export",
            &vault_arg,
            "--case",
            "DEMO-2024-0025",
            "--format",
            "age",
            "--out",
            &handoff,
            "--passphrase-file",
            &pass,
        ];
        args.extend_from_slice(extra);
        casevault(home, &args)
    };
    let out = handoff_args(&[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("public key"), "{}", stderr(&out));
    let out = handoff_args(&["--recipient", "age1xyz"]);
    assert!(
        stderr(&out).contains("“age1xyz” is not an age public key"),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&handoff).exists());
    let colleague = age::x25519::Identity::generate();
    let key = colleague.to_public().to_string();
    let out = handoff_args(&["--recipient", &key]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sealed = std::fs::read(&handoff).expect("hand-off written");
    let decryptor = age::Decryptor::new(sealed.as_slice()).expect("age");
    let mut zip = Vec::new();
    std::io::Read::read_to_end(
        &mut decryptor
            .decrypt(std::iter::once(&colleague as &dyn age::Identity))
            .expect("opens with the colleague's key"),
        &mut zip,
    )
    .expect("decrypts");
    assert!(zip.starts_with(b"PK"));

    // Both exports are in the case's custody log, and the vault still verifies.
    let out = casevault(home, &["verify", &vault_arg, "--passphrase-file", &pass]);
    assert!(out.status.success(), "{}", stderr(&out));

    let csv = home.join("stats.csv");
    let csv_arg = csv.display().to_string();
    let out = casevault(
        home,
        &[
            "stats",
            &vault_arg,
            "--out",
            &csv_arg,
            "--passphrase-file",
            &pass,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).expect("csv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("dimension,key,label,cases"));
    let by_status: usize = text
        .lines()
        .filter(|l| l.starts_with("status,"))
        .map(|l| {
            l.rsplit(',')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .expect("count")
        })
        .sum();
    assert_eq!(by_status, 30, "every demo case counted once by status");
    assert!(!text.contains("Тоқтарқызы"), "no names in the statistics");
}
