//! Google Authenticator export links. The first payload is written byte by
//! byte in protobuf's wire format, independently of the prost declarations
//! under test; the others are built with them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use base64::Engine;
use otp::migration::{self, BatchTracker, MigrationError, MigrationPayload, OtpParameters};
use otp::{Algorithm, Kind};
use proptest::prelude::*;
use prost::Message;

fn varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn field_varint(field: u64, value: u64, out: &mut Vec<u8>) {
    varint(field << 3, out);
    varint(value, out);
}

fn field_bytes(field: u64, bytes: &[u8], out: &mut Vec<u8>) {
    varint((field << 3) | 2, out);
    varint(bytes.len() as u64, out);
    out.extend_from_slice(bytes);
}

fn link(payload: &[u8]) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(payload);
    let encoded = percent_encoding::utf8_percent_encode(&data, percent_encoding::NON_ALPHANUMERIC);
    format!("otpauth-migration://offline?data={encoded}")
}

fn hand_written_payload() -> Vec<u8> {
    let mut totp = Vec::new();
    field_bytes(1, b"Hello!\xde\xad\xbe\xef", &mut totp);
    field_bytes(2, b"Example:alice@google.com", &mut totp);
    field_varint(4, 1, &mut totp); // SHA1
    field_varint(5, 1, &mut totp); // 6 digits
    field_varint(6, 2, &mut totp); // TOTP
    let mut hotp = Vec::new();
    field_bytes(1, b"12345678901234567890", &mut hotp);
    field_bytes(2, b"bob", &mut hotp);
    field_bytes(3, b"ACME", &mut hotp);
    field_varint(4, 2, &mut hotp); // SHA256
    field_varint(5, 2, &mut hotp); // 8 digits
    field_varint(6, 1, &mut hotp); // HOTP
    field_varint(7, 42, &mut hotp);
    let mut md5 = Vec::new();
    field_bytes(1, b"abcdefghij", &mut md5);
    field_bytes(2, b"Old", &mut md5);
    field_varint(4, 4, &mut md5); // MD5
    let mut payload = Vec::new();
    for entry in [&totp, &hotp, &md5] {
        field_bytes(1, entry, &mut payload);
    }
    field_varint(2, 1, &mut payload);
    field_varint(3, 2, &mut payload);
    field_varint(4, 0, &mut payload);
    field_varint(5, 77, &mut payload);
    payload
}

#[test]
fn a_hand_written_export_imports_every_usable_entry_and_lists_the_rest() {
    let batch = migration::parse(&link(&hand_written_payload())).unwrap();
    assert_eq!(
        (batch.batch_size, batch.batch_index, batch.batch_id),
        (2, 0, 77)
    );
    assert_eq!(batch.entries.len(), 2);

    let totp = &batch.entries[0];
    assert_eq!(
        totp.issuer.as_deref(),
        Some("Example"),
        "issuer taken from the name"
    );
    assert_eq!(totp.account, "alice@google.com");
    assert_eq!(totp.token.kind(), Kind::Totp { period: 30, t0: 0 });
    // The same secret as the Key URI Format's example link gives the same codes.
    let same = otp::otpauth::parse("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP").unwrap();
    assert_eq!(
        totp.token.code_at(1_700_000_000),
        same.token.code_at(1_700_000_000)
    );

    let hotp = &batch.entries[1];
    assert_eq!(hotp.issuer.as_deref(), Some("ACME"));
    assert_eq!(hotp.account, "bob");
    assert_eq!(hotp.token.algorithm(), Algorithm::Sha256);
    assert_eq!(hotp.token.digits(), 8);
    assert_eq!(hotp.token.kind(), Kind::Hotp { counter: 42 });

    assert_eq!(batch.skipped.len(), 1);
    assert_eq!(batch.skipped[0].name, "Old");
    assert!(
        batch.skipped[0].reason.contains("MD5"),
        "{}",
        batch.skipped[0].reason
    );
}

#[test]
fn batches_of_one_export_say_which_are_missing() {
    let mut tracker = BatchTracker::default();
    let batch = |index: i32, id: i32| {
        let payload = MigrationPayload {
            otp_parameters: vec![],
            version: 1,
            batch_size: 3,
            batch_index: index,
            batch_id: id,
        };
        migration::parse(&link(&payload.encode_to_vec())).unwrap()
    };
    assert_eq!(tracker.record(&batch(0, 5)), vec![1, 2]);
    assert_eq!(tracker.record(&batch(2, 5)), vec![1]);
    assert_eq!(
        tracker.record(&batch(0, 9)),
        vec![1, 2],
        "another export is counted apart"
    );
    assert_eq!(tracker.record(&batch(1, 5)), Vec::<u32>::new());
    // A single-code export (batch_size 1, or 0 from old exporters) is complete at once.
    let single = MigrationPayload {
        otp_parameters: vec![],
        version: 1,
        batch_size: 0,
        batch_index: 0,
        batch_id: 1,
    };
    assert!(
        tracker
            .record(&migration::parse(&link(&single.encode_to_vec())).unwrap())
            .is_empty()
    );
}

#[test]
fn malformed_links_and_payloads_give_clear_errors() {
    assert_eq!(
        migration::parse("otpauth://totp/x?secret=A"),
        Err(MigrationError::NotMigration)
    );
    assert_eq!(
        migration::parse("otpauth-migration://offline"),
        Err(MigrationError::MissingData)
    );
    assert_eq!(
        migration::parse("otpauth-migration://offline?data=%%%"),
        Err(MigrationError::NotBase64)
    );
    assert_eq!(
        migration::parse("otpauth-migration://offline?data=!!!!"),
        Err(MigrationError::NotBase64)
    );
    assert_eq!(
        migration::parse(&link(&[0xff, 0xff, 0xff])),
        Err(MigrationError::NotPayload)
    );
    assert!(MigrationError::NotPayload.to_string().contains("damaged"));
    // Found by fuzzing: 5 bytes claiming ~256 million parts made the batch
    // tracker allocate gigabytes. Impossible counts are refused.
    assert_eq!(
        migration::parse(&link(&[0x18, 0xa4, 0xe7, 0xa9, 0x7a])),
        Err(MigrationError::ImpossibleBatch {
            index: 0,
            size: 256_537_508
        })
    );
    let beyond = MigrationPayload {
        batch_size: 3,
        batch_index: 3,
        ..Default::default()
    };
    assert_eq!(
        migration::parse(&link(&beyond.encode_to_vec())),
        Err(MigrationError::ImpossibleBatch { index: 3, size: 3 })
    );
    let negative = MigrationPayload {
        batch_size: 2,
        batch_index: -1,
        ..Default::default()
    };
    assert!(migration::parse(&link(&negative.encode_to_vec())).is_err());
    // Unusable entries are skipped with a reason, never a panic.
    let odd = MigrationPayload {
        otp_parameters: vec![
            OtpParameters {
                secret: vec![],
                name: "empty".into(),
                ..Default::default()
            },
            OtpParameters {
                secret: vec![1],
                name: "neg".into(),
                r#type: 1,
                counter: -1,
                ..Default::default()
            },
            OtpParameters {
                secret: vec![1],
                name: "nine".into(),
                digits: 9,
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let batch = migration::parse(&link(&odd.encode_to_vec())).unwrap();
    assert!(batch.entries.is_empty());
    let reasons: Vec<&str> = batch.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons[0].contains("secret is empty"), "{reasons:?}");
    assert!(reasons[1].contains("negative"), "{reasons:?}");
    assert!(reasons[2].contains("digit count"), "{reasons:?}");
}

proptest! {
    #[test]
    fn built_payloads_import_entry_for_entry(
        entries in proptest::collection::vec(
            (proptest::collection::vec(any::<u8>(), 1..40), "[a-z]{1,10}", "[A-Z][a-z]{0,8}", 0i32..4, 0i32..3, 0i32..3, 0i64..1_000_000),
            0..8,
        ),
    ) {
        let payload = MigrationPayload {
            otp_parameters: entries
                .iter()
                .map(|(secret, name, issuer, algorithm, digits, kind, counter)| OtpParameters {
                    secret: secret.clone(), name: name.clone(), issuer: issuer.clone(),
                    algorithm: *algorithm, digits: *digits, r#type: *kind, counter: *counter,
                })
                .collect(),
            version: 1, batch_size: 1, batch_index: 0, batch_id: 3,
        };
        let batch = migration::parse(&link(&payload.encode_to_vec())).unwrap();
        prop_assert_eq!(batch.entries.len(), entries.len());
        for (entry, (secret, name, issuer, algorithm, digits, kind, counter)) in batch.entries.iter().zip(&entries) {
            prop_assert_eq!(entry.token.secret().expose(), &secret[..]);
            prop_assert_eq!(&entry.account, name);
            prop_assert_eq!(entry.issuer.as_deref(), Some(issuer.as_str()));
            let expected_algorithm = [Algorithm::Sha1, Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512][*algorithm as usize];
            prop_assert_eq!(entry.token.algorithm(), expected_algorithm);
            prop_assert_eq!(entry.token.digits(), if *digits == 2 { 8 } else { 6 });
            let expected_kind = if *kind == 1 { Kind::Hotp { counter: *counter as u64 } } else { Kind::Totp { period: 30, t0: 0 } };
            prop_assert_eq!(entry.token.kind(), expected_kind);
        }
    }

    #[test]
    fn parse_never_panics(data in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = migration::parse(&link(&data));
    }
}
