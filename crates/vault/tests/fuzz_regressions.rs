//! Replays the fuzzing corpora of this crate's parsers
//! (`fuzz/corpus/{aegis_backup,sealed_vault,document}/`): each input must
//! return, never panic, and keep the properties the fuzz targets assert.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use std::path::PathBuf;
use vault::backup::{self, Backup, PasswordKey};
use vault::{Document, SealedVault};

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no corpus at {}: {e}", dir.display()))
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    inputs.sort();
    assert!(
        !inputs.is_empty(),
        "the corpus at {} is empty",
        dir.display()
    );
    inputs
}

#[test]
fn aegis_backup_corpus() {
    let mut encrypted = 0;
    for input in corpus("aegis_backup") {
        let text = String::from_utf8_lossy(&input);
        if let Ok(Backup::Encrypted(locked)) = backup::read(&text) {
            encrypted += 1;
            let kdfs = locked.password_kdfs();
            assert!(kdfs.len() <= backup::MAX_PASSWORD_SLOTS);
            for (slot, kdf) in kdfs.into_iter().enumerate() {
                if let Ok(kdf) = kdf {
                    assert!(kdf.check().is_ok());
                    let _ = locked.open(slot, &PasswordKey::from_transfer_bytes([7; 32]));
                }
            }
        }
    }
    assert!(encrypted > 0, "the corpus holds encrypted backups");
}

#[test]
fn sealed_vault_corpus() {
    let mut parsed = 0;
    for input in corpus("sealed_vault") {
        let Ok(text) = std::str::from_utf8(&input) else {
            continue;
        };
        if let Ok(sealed) = SealedVault::parse(text) {
            parsed += 1;
            assert_eq!(SealedVault::parse(&sealed.to_text()).unwrap(), sealed);
            if let Ok(kdf) = sealed.pin_kdf() {
                assert!(kdf.check().is_ok());
            }
        }
    }
    assert!(parsed > 0, "the corpus holds readable records");
}

#[test]
fn document_corpus() {
    let mut read = 0;
    for input in corpus("document") {
        if let Ok(document) = serde_json::from_slice::<Document>(&input) {
            read += 1;
            let again: Document =
                serde_json::from_slice(&serde_json::to_vec(&document).unwrap()).unwrap();
            assert_eq!(again, document);
            for token in document.identities.iter().filter_map(|i| i.token.as_ref()) {
                if let Ok(token) = token.to_token() {
                    let _ = token.code_at(1_700_000_000);
                }
            }
        }
    }
    assert!(read > 0, "the corpus holds readable documents");
}

#[test]
fn import_corpus() {
    for input in corpus("import") {
        if let Ok(imported) = vault::import::import(&input, None) {
            for entry in &imported.entries {
                let _ = entry.token.code_at(1_700_000_000);
            }
        }
    }
}
