//! What a record or a backup from outside may ask of the key derivation,
//! and what a newer version's fields survive: a crafted file is refused
//! with an error before any memory is reserved for it, and unknown fields
//! are kept through a rewrite.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use serde_json::{Value, json};
use sha2::Digest;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use vault::VaultError;
use vault::backup::{self, Backup, BackupError, PasswordKey, ScryptParams};
use vault::{Document, KdfParams, KeyEncryptionKey, OsEntropy, Pin, SealedVault, UnlockedVault};

const PIN: &str = "2468";

fn new_vault() -> (UnlockedVault, SealedVault) {
    let kdf = KdfParams::fresh_with(256, 1, &mut OsEntropy).unwrap();
    let kek = KeyEncryptionKey::derive(&Pin::new(PIN).unwrap(), &kdf).unwrap();
    UnlockedVault::create(&kek, kdf, &Document::default(), &mut OsEntropy).unwrap()
}

/// The record with its JSON changed by `change`, under a checksum that
/// matches again: what a tampered copy looks like.
fn tampered(sealed: &SealedVault, change: impl FnOnce(&mut Value)) -> SealedVault {
    let text = sealed.to_text();
    let mut body: Value = serde_json::from_str(text.split_once('\n').unwrap().1).unwrap();
    change(&mut body);
    let json = body.to_string();
    let checksum = hex::encode(sha2::Sha256::digest(json.as_bytes()));
    SealedVault::parse(&format!("SOFTTOKEN-VAULT 1 {checksum}\n{json}")).unwrap()
}

/// A refusal must come at once: the caps are checked before the KDF runs.
fn refused_quickly<T: std::fmt::Debug, E: std::fmt::Debug + PartialEq>(
    what: &str,
    expected: &E,
    run: impl FnOnce() -> Result<T, E>,
) {
    let start = Instant::now();
    let outcome = run();
    assert_eq!(outcome.unwrap_err(), *expected, "{what}");
    assert!(
        start.elapsed() < Duration::from_millis(200),
        "{what} ran the KDF first"
    );
}

#[test]
fn a_slot_asking_for_too_much_memory_time_or_lanes_is_refused_before_deriving() {
    let (_, sealed) = new_vault();
    let pin = Pin::new(PIN).unwrap();
    for (field, value) in [
        ("memory_kib", json!(4 * 1024 * 1024)), // 4 GiB
        ("memory_kib", json!(256 * 1024 + 1)),
        ("iterations", json!(11)),
        ("iterations", json!(1_000_000)),
        ("parallelism", json!(4)),
        ("salt", json!("AAAA")), // 3 bytes
    ] {
        let forged = tampered(&sealed, |body| {
            body["slots"][0]["kdf"][field] = value.clone()
        });
        let what = format!("{field} = {value}");
        refused_quickly(&what, &VaultError::KdfParams, || forged.pin_kdf().cloned());
        refused_quickly(&what, &VaultError::KdfParams, || forged.unlock(&pin));
        let params = forged.to_text();
        assert!(
            params.contains(&value.to_string()),
            "the record itself is left as it is"
        );
    }
    let at_the_caps = KdfParams {
        memory_kib: KdfParams::MAX_MEMORY_KIB,
        iterations: KdfParams::MAX_ITERATIONS,
        ..KdfParams::fresh(&mut OsEntropy).unwrap()
    };
    assert_eq!(at_the_caps.check(), Ok(()));
    assert_eq!(
        KdfParams::fresh(&mut OsEntropy).unwrap().check(),
        Ok(()),
        "the defaults are within the caps"
    );
    let sentence = VaultError::KdfParams.to_string();
    assert!(
        sentence.contains("256 MiB") && sentence.contains("left as it is"),
        "{sentence}"
    );
}

#[test]
fn fields_of_a_pin_slot_this_version_does_not_know_survive_a_pin_change() {
    let (_, sealed) = new_vault();
    let future = json!({ "label": "Laptop", "hint": { "shown": false } });
    let with_future = tampered(&sealed, |body| {
        for (name, value) in future.as_object().unwrap() {
            body["slots"][0][name] = value.clone();
        }
    });
    let (mut vault, _) = with_future.unlock(&Pin::new(PIN).unwrap()).unwrap();
    let kdf = KdfParams::fresh_with(256, 1, &mut OsEntropy).unwrap();
    let new_pin = Pin::new("8642").unwrap();
    let kek = KeyEncryptionKey::derive(&new_pin, &kdf).unwrap();
    let rewritten = vault.set_pin_slot(&kek, kdf, &mut OsEntropy).unwrap();
    let body: Value =
        serde_json::from_str(rewritten.to_text().split_once('\n').unwrap().1).unwrap();
    assert_eq!(body["slots"][0]["label"], future["label"], "{body}");
    assert_eq!(body["slots"][0]["hint"], future["hint"], "{body}");
    assert!(rewritten.unlock(&new_pin).is_ok(), "the new PIN opens it");
}

fn aegis_encrypted() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/aegis/aegis_encrypted.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn kdfs_of(file: &Value) -> Vec<Result<ScryptParams, BackupError>> {
    match backup::read(&file.to_string()).unwrap() {
        Backup::Encrypted(locked) => locked.password_kdfs(),
        Backup::Plain { .. } => panic!("the vector is encrypted"),
    }
}

#[test]
fn a_crafted_backup_slot_is_refused_before_deriving_and_only_eight_slots_are_tried() {
    let original = aegis_encrypted();
    assert!(
        kdfs_of(&original)[0].is_ok(),
        "Aegis's own costs are accepted"
    );
    for (field, value) in [
        ("n", json!(1u64 << 30)),
        ("n", json!(1u64 << 20)), // 2^20 with r = 8: 1 GiB
        ("r", json!(1000)),
        ("p", json!(64)),
        ("salt", json!("")),
    ] {
        let mut file = original.clone();
        let slot = file["header"]["slots"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|slot| slot["type"] == 1)
            .unwrap();
        slot[field] = value.clone();
        assert_eq!(
            kdfs_of(&file)[0],
            Err(BackupError::KdfParams),
            "{field} = {value}"
        );
    }
    let mut many = original.clone();
    let slot = many["header"]["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|slot| slot["type"] == 1)
        .unwrap()
        .clone();
    many["header"]["slots"] = Value::Array(vec![slot; 1000]);
    assert_eq!(kdfs_of(&many).len(), backup::MAX_PASSWORD_SLOTS);

    let huge = ScryptParams {
        log_n: 24,
        r: 8,
        p: 1,
        salt: vec![1; 32],
    };
    refused_quickly("scrypt 2^24", &BackupError::KdfParams, || {
        PasswordKey::derive("test", &huge)
    });
    let sentence = BackupError::KdfParams.to_string();
    assert!(sentence.contains("not opened"), "{sentence}");
}
