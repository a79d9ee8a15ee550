//! Backups in the Aegis format: the Aegis project's own test vaults (plain,
//! and encrypted with the password "test") read to the same 7 entries;
//! our exports read back, and are decrypted by an independent Python
//! implementation; wrong passwords and damage say so.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::{Algorithm, Kind};
use std::path::PathBuf;
use vault::backup::{self, Backup, BackupEntry, BackupError, PasswordKey, ScryptParams};
use vault::{Document, Entropy, Identity, Origin, OsEntropy, StoredToken, VaultError};

fn vector(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/aegis")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The 7 entries as the vectors' README lists them: type, name, issuer,
/// algorithm, digits, period or counter, secret.
fn expected() -> Vec<(
    &'static str,
    &'static str,
    Algorithm,
    u8,
    Kind,
    &'static str,
)> {
    use Algorithm::*;
    vec![
        (
            "Mason",
            "Deno",
            Sha1,
            6,
            Kind::Totp { period: 30, t0: 0 },
            "4SJHB4GSD43FZBAI7C2HLRJGPQ",
        ),
        (
            "James",
            "SPDX",
            Sha256,
            7,
            Kind::Totp { period: 20, t0: 0 },
            "5OM4WOOGPLQEF6UGN3CPEOOLWU",
        ),
        (
            "Elijah",
            "Airbnb",
            Sha512,
            8,
            Kind::Totp { period: 50, t0: 0 },
            "7ELGJSGXNCCTV3O6LKJWYFV2RA",
        ),
        (
            "James",
            "Issuu",
            Sha1,
            6,
            Kind::Hotp { counter: 1 },
            "YOOMIXWS5GN6RTBPUFFWKTW5M4",
        ),
        (
            "Benjamin",
            "Air Canada",
            Sha256,
            7,
            Kind::Hotp { counter: 50 },
            "KUVJJOM753IHTNDSZVCNKL7GII",
        ),
        (
            "Mason",
            "WWE",
            Sha512,
            8,
            Kind::Hotp { counter: 10300 },
            "5VAML3X35THCEBVRLV24CGBKOY",
        ),
        (
            "Sophia",
            "Boeing",
            Sha1,
            5,
            Kind::Steam,
            "JRZCL47CMXVOQMNPZR2F7J4RGI",
        ),
    ]
}

fn check_vector_entries(entries: &[BackupEntry]) {
    let expected = expected();
    assert_eq!(entries.len(), expected.len());
    for (entry, (name, issuer, algorithm, digits, kind, secret)) in entries.iter().zip(expected) {
        assert_eq!(entry.name, name);
        assert_eq!(entry.issuer.as_deref(), Some(issuer));
        assert_eq!(entry.token.algorithm(), algorithm, "{name}");
        assert_eq!(entry.token.digits(), digits, "{name}");
        assert_eq!(entry.token.kind(), kind, "{name}");
        assert_eq!(entry.token.secret(), &otp::base32::decode(secret).unwrap());
        // And its codes: the same as the token built from the listed values.
        let listed = otp::Token::new(
            otp::base32::decode(secret).unwrap(),
            algorithm,
            digits,
            kind,
        )
        .unwrap();
        for time in [0, 59, 1_111_111_109, 2_000_000_000] {
            assert_eq!(
                entry.token.code_at(time).unwrap(),
                listed.code_at(time).unwrap()
            );
        }
        assert_eq!(entry.activation, None);
    }
}

fn open_with(
    locked: &backup::LockedBackup,
    password: &str,
) -> Result<Vec<BackupEntry>, BackupError> {
    let kdf = locked.password_kdfs().remove(0)?;
    let key = PasswordKey::derive(password, &kdf)?;
    locked.open(0, &key).map(|(entries, skipped)| {
        assert!(skipped.is_empty(), "{skipped:?}");
        entries
    })
}

#[test]
fn reads_the_aegis_plain_vault() {
    let Backup::Plain { entries, skipped } = backup::read(&vector("aegis_plain.json")).unwrap()
    else {
        panic!("read as encrypted");
    };
    assert!(skipped.is_empty());
    check_vector_entries(&entries);
}

#[test]
fn reads_the_aegis_encrypted_vault_with_its_password_only() {
    let Backup::Encrypted(locked) = backup::read(&vector("aegis_encrypted.json")).unwrap() else {
        panic!("read as plain");
    };
    let kdf = locked.password_kdfs().remove(0).unwrap();
    assert_eq!((kdf.log_n, kdf.r, kdf.p, kdf.salt.len()), (15, 8, 1, 32));
    check_vector_entries(&open_with(&locked, "test").unwrap());
    assert_eq!(
        open_with(&locked, "Test").unwrap_err(),
        BackupError::WrongPassword
    );
}

#[test]
fn damage_and_other_files_are_named_as_such() {
    let text = vector("aegis_encrypted.json");
    let mut file: serde_json::Value = serde_json::from_str(&text).unwrap();
    // One byte of the encrypted entries changed: the slot opens, the entries do not.
    let db = file["db"].as_str().unwrap().to_owned();
    let flipped = if db.starts_with('A') { "B" } else { "A" };
    file["db"] = serde_json::Value::String(format!("{flipped}{}", &db[1..]));
    let Backup::Encrypted(locked) = backup::read(&file.to_string()).unwrap() else {
        panic!()
    };
    assert!(matches!(
        open_with(&locked, "test"),
        Err(BackupError::Damaged(_))
    ));

    assert_eq!(
        backup::read("not json").unwrap_err(),
        BackupError::NotABackup
    );
    assert_eq!(
        backup::read("{\"version\":1}").unwrap_err(),
        BackupError::NotABackup
    );
    let newer = text.replacen("\"version\": 1", "\"version\": 2", 1);
    assert_eq!(
        backup::read(&newer).unwrap_err(),
        BackupError::NewerVersion(2)
    );
    let no_slot = r#"{"version":1,"header":{"slots":[{"type":2}],"params":{"nonce":"00","tag":"00"}},"db":"AAAA"}"#;
    assert_eq!(
        backup::read(no_slot).unwrap_err(),
        BackupError::NoPasswordSlot
    );
}

#[test]
fn unusable_entries_are_skipped_with_a_reason_and_the_rest_read() {
    let text = vector("aegis_plain.json").replacen("\"type\": \"totp\"", "\"type\": \"yandex\"", 1);
    let Backup::Plain { entries, skipped } = backup::read(&text).unwrap() else {
        panic!()
    };
    assert_eq!(entries.len(), 6);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].name, "Mason");
    assert_eq!(skipped[0].reason, "its type (yandex) is not supported");
}

fn document() -> Document {
    let token = |secret: &str, algorithm, digits, kind| {
        Some(StoredToken::from_token(
            &otp::Token::new(
                otp::base32::decode(secret).unwrap(),
                algorithm,
                digits,
                kind,
            )
            .unwrap(),
        ))
    };
    Document {
        identities: vec![
            Identity {
                id: "01".into(),
                name: "AnyBank".into(),
                issuer: None,
                created_at: 1,
                origin: Origin::Activation {
                    serial: "12345-67890".into(),
                    activated_at: Some(1_764_000_000_000),
                    registration_code: Some("11111-22222".into()),
                },
                token: token(
                    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                    Algorithm::Sha256,
                    6,
                    Kind::Totp { period: 30, t0: 0 },
                ),
                ..Identity::new(String::new(), String::new(), None, 0, Origin::Added)
            },
            Identity {
                id: "02".into(),
                name: "alice@example.com".into(),
                issuer: Some("Example".into()),
                created_at: 2,
                origin: Origin::Added,
                token: token(
                    "JBSWY3DPEHPK3PXP",
                    Algorithm::Sha512,
                    8,
                    Kind::Hotp { counter: 42 },
                ),
                ..Identity::new(String::new(), String::new(), None, 0, Origin::Added)
            },
            Identity {
                id: "03".into(),
                name: "Cleared".into(),
                issuer: None,
                created_at: 3,
                origin: Origin::Activation {
                    serial: "99999-00000".into(),
                    activated_at: None,
                    registration_code: None,
                },
                token: None,
                ..Identity::new(String::new(), String::new(), None, 0, Origin::Added)
            },
        ],
        ..Document::default()
    }
}

/// Aegis's own cost (N = 2^15) would make every test slow; the format
/// carries the parameters, so a cheaper N tests the same code.
fn test_kdf() -> ScryptParams {
    ScryptParams {
        log_n: 10,
        ..ScryptParams::fresh(&mut OsEntropy).unwrap()
    }
}

#[test]
fn an_export_reads_back_identities_included() {
    let entries = backup::entries_of_document(&document());
    assert_eq!(
        entries.len(),
        2,
        "the identity without a token has nothing to back up"
    );
    let kdf = test_kdf();
    let key = PasswordKey::derive("correct horse", &kdf).unwrap();
    let text = backup::write_encrypted(&entries, &key, &kdf, &mut OsEntropy).unwrap();
    assert!(
        !text.contains("GEZDGNBV") && !text.contains("AnyBank"),
        "plaintext leaked"
    );
    let Backup::Encrypted(locked) = backup::read(&text).unwrap() else {
        panic!()
    };
    assert_eq!(open_with(&locked, "correct horse").unwrap(), entries);
    assert_eq!(
        entries[0].activation.as_ref().unwrap().serial,
        "12345-67890"
    );
    assert_eq!(
        entries[0].activation.as_ref().unwrap().activated_at,
        Some(1_764_000_000_000)
    );
    assert_eq!(
        open_with(&locked, "wrong horse").unwrap_err(),
        BackupError::WrongPassword
    );

    let plain = backup::write_plain(&entries, &mut OsEntropy).unwrap();
    let Backup::Plain { entries: read, .. } = backup::read(&plain).unwrap() else {
        panic!()
    };
    assert_eq!(read, entries);
}

#[test]
fn new_backups_use_aegis_costs_and_fresh_randomness() {
    let kdf = ScryptParams::fresh(&mut OsEntropy).unwrap();
    assert_eq!((kdf.log_n, kdf.r, kdf.p, kdf.salt.len()), (15, 8, 1, 32));
    let key = PasswordKey::from_transfer_bytes([7; 32]);
    let entries = backup::entries_of_document(&document());
    let one = backup::write_encrypted(&entries, &key, &kdf, &mut OsEntropy).unwrap();
    let two = backup::write_encrypted(&entries, &key, &kdf, &mut OsEntropy).unwrap();
    let (one, two): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&one).unwrap(),
        serde_json::from_str(&two).unwrap(),
    );
    assert_ne!(
        one["header"]["params"]["nonce"],
        two["header"]["params"]["nonce"]
    );
    assert_ne!(
        one["header"]["slots"][0]["key"], two["header"]["slots"][0]["key"],
        "a fresh master key each time"
    );
    assert_eq!(one["header"]["slots"][0]["n"], 32768);
}

struct NoEntropy;
impl Entropy for NoEntropy {
    fn fill(&mut self, _: &mut [u8]) -> Result<(), VaultError> {
        Err(VaultError::Random)
    }
}

#[test]
fn without_randomness_nothing_is_written() {
    let key = PasswordKey::from_transfer_bytes([7; 32]);
    let entries = backup::entries_of_document(&document());
    assert_eq!(
        backup::write_encrypted(&entries, &key, &test_kdf(), &mut NoEntropy).unwrap_err(),
        BackupError::Random
    );
}

/// The export is really the Aegis format: Python's hashlib.scrypt and the
/// cryptography package's AES-GCM decrypt it (scripts/bootstrap.sh
/// installs the package).
#[test]
fn an_independent_python_implementation_decrypts_an_export() {
    let entries = backup::entries_of_document(&document());
    let kdf = ScryptParams::fresh(&mut OsEntropy).unwrap();
    let key = PasswordKey::derive("pässwörd", &kdf).unwrap();
    let text = backup::write_encrypted(&entries, &key, &kdf, &mut OsEntropy).unwrap();
    let file = std::env::temp_dir().join(format!("softtoken-export-{}.json", std::process::id()));
    std::fs::write(&file, &text).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/aegis_decrypt.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .arg("pässwörd")
        .output()
        .unwrap();
    std::fs::remove_file(&file).ok();
    assert!(
        output.status.success(),
        "python: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let db: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(db["version"], 3);
    assert_eq!(db["groups"], serde_json::json!([]));
    let first = &db["entries"][0];
    assert_eq!(first["type"], "totp");
    assert_eq!(first["name"], "AnyBank");
    assert_eq!(first["info"]["secret"], "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assert_eq!(first["info"]["algo"], "SHA256");
    assert_eq!(first["info"]["period"], 30);
    assert_eq!(
        first["note"],
        "softtoken-activation serial=12345-67890 activated_at=1764000000000"
    );
    let second = &db["entries"][1];
    assert_eq!(second["type"], "hotp");
    assert_eq!(second["issuer"], "Example");
    assert_eq!(second["info"]["counter"], 42);
    assert_eq!(second["info"]["digits"], 8);
    assert_eq!(second["icon"], serde_json::Value::Null);
    assert_eq!(second["favorite"], false);
    let uuid = second["uuid"].as_str().unwrap();
    assert_eq!((uuid.len(), &uuid[14..15]), (36, "4"));
}

#[test]
fn a_challenge_response_identity_is_kept_by_a_backup_and_by_the_document() {
    let suite = otp::ocra::Suite::parse("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1").unwrap();
    let token = otp::Token::ocra(
        otp::Secret::from_slice(b"12345678901234567890123456789012"),
        &suite,
        3,
    )
    .unwrap();
    assert_eq!((token.algorithm(), token.digits()), (Algorithm::Sha256, 8));
    let entry = BackupEntry::new("Bank challenge".into(), Some("Bank".into()), token.clone());
    let plain = backup::write_plain(std::slice::from_ref(&entry), &mut OsEntropy).unwrap();
    assert!(
        plain.contains("\"type\": \"ocra\"") && plain.contains("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1")
    );
    let Backup::Plain { entries, skipped } = backup::read(&plain).unwrap() else {
        panic!()
    };
    assert!(skipped.is_empty());
    assert_eq!(entries, vec![entry]);

    // In the document: stored as its suite and counter, and read back.
    let stored = StoredToken::from_token(&token);
    let json = serde_json::to_value(&stored).unwrap();
    assert_eq!(json["type"], "ocra");
    assert_eq!(json["suite"], "OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1");
    assert_eq!(json["counter"], 3);
    let back: StoredToken = serde_json::from_value(json).unwrap();
    assert_eq!(back.to_token().unwrap(), token);
    // Schema 2 is what marks a document that may hold one.
    const { assert!(vault::DOCUMENT_SCHEMA >= 2) };
}
