//! Google Authenticator export links as Soft Token writes them: read back
//! by the reader (whose own tests use hand-written payloads), batches of at
//! most 10 with their size, index and id, and tokens the format cannot
//! hold listed with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::migration::{self, BatchTracker, EXPORT_BATCH, ExportAccount, export};
use otp::{Algorithm, Kind, Secret, Token};

fn token(seed: u8, kind: Kind, digits: u8, algorithm: Algorithm) -> Token {
    let secret = Secret::new((0..20).map(|i| i ^ seed).collect());
    Token::new(secret, algorithm, digits, kind).unwrap()
}

const TOTP: Kind = Kind::Totp { period: 30, t0: 0 };

#[test]
fn every_token_comes_back_in_batches_of_ten() {
    let tokens: Vec<Token> = (0..23u8)
        .map(|i| match i % 3 {
            0 => token(i, TOTP, 6, Algorithm::Sha1),
            1 => token(
                i,
                Kind::Hotp {
                    counter: u64::from(i) * 1000,
                },
                8,
                Algorithm::Sha256,
            ),
            _ => token(i, TOTP, 8, Algorithm::Sha512),
        })
        .collect();
    let names: Vec<String> = (0..23).map(|i| format!("user{i}@example.com")).collect();
    let accounts: Vec<ExportAccount> = tokens
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (token, name))| ExportAccount {
            name,
            issuer: (i % 2 == 0).then_some("Example Bank"),
            token,
        })
        .collect();
    let written = export(&accounts, 4242);
    assert!(written.skipped.is_empty());
    assert_eq!(written.links.len(), 3);
    let mut tracker = BatchTracker::default();
    let mut read = Vec::new();
    for (index, link) in written.links.iter().enumerate() {
        let batch = migration::parse(link).unwrap();
        assert_eq!(
            (batch.batch_index, batch.batch_size, batch.batch_id),
            (index as u32, 3, 4242)
        );
        assert!(batch.entries.len() <= EXPORT_BATCH);
        assert!(batch.skipped.is_empty());
        let missing = tracker.record(&batch);
        assert_eq!(missing.is_empty(), index == 2, "{missing:?}");
        read.extend(batch.entries);
    }
    assert_eq!(read.len(), 23);
    for ((got, token), (i, name)) in read.iter().zip(&tokens).zip(names.iter().enumerate()) {
        assert_eq!(&got.token, token);
        assert_eq!(&got.account, name);
        assert_eq!(
            got.issuer.as_deref(),
            (i % 2 == 0).then_some("Example Bank")
        );
    }
}

#[test]
fn tokens_the_format_cannot_hold_are_skipped_with_the_reason() {
    let odd_period = token(1, Kind::Totp { period: 60, t0: 0 }, 6, Algorithm::Sha1);
    let seven = token(2, TOTP, 7, Algorithm::Sha1);
    let steam = token(3, Kind::Steam, 5, Algorithm::Sha1);
    let fine = token(4, TOTP, 6, Algorithm::Sha1);
    let accounts = [
        ExportAccount {
            name: "a",
            issuer: None,
            token: &odd_period,
        },
        ExportAccount {
            name: "b",
            issuer: None,
            token: &seven,
        },
        ExportAccount {
            name: "c",
            issuer: None,
            token: &steam,
        },
        ExportAccount {
            name: "d",
            issuer: None,
            token: &fine,
        },
    ];
    let written = export(&accounts, 1);
    let reasons: Vec<(&str, &str)> = written
        .skipped
        .iter()
        .map(|s| (s.name.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3);
    assert!(reasons[0].1.contains("every 60 seconds"));
    assert!(reasons[1].1.contains("7-digit"));
    assert!(reasons[2].1.starts_with("Steam tokens"));
    assert_eq!(written.links.len(), 1);
    let batch = migration::parse(&written.links[0]).unwrap();
    assert_eq!(batch.entries.len(), 1);
    assert_eq!(batch.entries[0].token, fine);
}

#[test]
fn nothing_to_export_gives_no_link() {
    let written = export(&[], 7);
    assert!(written.links.is_empty() && written.skipped.is_empty());
}
