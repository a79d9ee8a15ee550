//! The paced reader gives what the plain one gives, for every vector file
//! and for exports longer than a slice, pausing between slices.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod common;

use std::cell::Cell;
use vault::import::{ITEMS_A_SLICE, Opened, read, read_paced};

fn paced(bytes: &[u8]) -> (Result<Opened, vault::import::ImportError>, usize) {
    let pauses = Cell::new(0);
    let pause = async || pauses.set(pauses.get() + 1);
    let result = common::ready(read_paced(bytes, &pause));
    (result, pauses.get())
}

/// What a reading gave, comparable: the tokens and skipped entries, or the error.
fn outcome(opened: Result<Opened, vault::import::ImportError>) -> String {
    match opened {
        Ok(Opened::Read(imported)) => format!(
            "{:?} {:?} {:?}",
            imported.app, imported.entries, imported.skipped
        ),
        Ok(Opened::Locked(locked)) => format!("locked {:?}", locked.app()),
        Err(error) => format!("error {error}"),
    }
}

#[test]
fn every_vector_reads_the_same_paced() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/importers");
    for file in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        assert_eq!(outcome(paced(&bytes).0), outcome(read(&bytes)));
    }
}

#[test]
fn a_long_export_is_read_in_slices_with_pauses_between() {
    let count = 2 * ITEMS_A_SLICE + 234;
    let service = |i: usize| {
        let secret = otp::base32::encode(format!("paced secret {i:06}").as_bytes());
        serde_json::json!({ "name": format!("S{i}"), "secret": secret.as_str(),
            "otp": { "account": format!("u{i}"), "digits": 6, "period": 30, "tokenType": "TOTP" } })
    };
    let mut services: Vec<_> = (0..count).map(service).collect();
    services[700]["otp"]["tokenType"] = "YANDEX".into();
    let two_fas =
        serde_json::json!({ "schemaVersion": 4, "services": services, "groups": [] }).to_string();
    let (result, pauses) = paced(two_fas.as_bytes());
    // One pause after the parse, one after each of the three slices.
    assert_eq!(pauses, 4);
    let Ok(Opened::Read(imported)) = &result else {
        panic!("{}", outcome(result))
    };
    assert_eq!(imported.entries.len(), count - 1);
    assert_eq!(imported.skipped.len(), 1);
    assert_eq!(imported.entries[1000].name, "u1001");
    assert_eq!(outcome(result), outcome(read(two_fas.as_bytes())));

    // A top-level list (andOTP) is sliced as well.
    let andotp: Vec<_> = (0..count)
        .map(|i| serde_json::json!({ "secret": otp::base32::encode(format!("andotp {i:06}").as_bytes()).as_str(),
            "label": format!("l{i}"), "issuer": "I", "digits": 6, "type": "TOTP", "algorithm": "SHA1", "period": 30 }))
        .collect();
    let andotp = serde_json::to_string(&andotp).unwrap();
    let (result, pauses) = paced(andotp.as_bytes());
    assert_eq!(pauses, 4);
    assert_eq!(outcome(result), outcome(read(andotp.as_bytes())));
}
