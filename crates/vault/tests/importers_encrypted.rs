//! Other apps' encrypted exports, opened with the passwords the vectors'
//! README gives: each gives the same tokens as its plain twin; a wrong
//! password is its own error; parameters above the caps are refused
//! before any derivation runs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod common;
mod import_vectors;

use import_vectors::{check, check_opened, vector};
use otp::{Algorithm, Kind, Token};
use std::cell::RefCell;
use vault::import::{App, ImportError, Opened, import, read};
use vault::{DerivedKey, KdfRequest};

/// TOTP with the same secret, as an app that holds only `algorithm`,
/// `digits` (or the entry's own) and `period` keeps it.
fn as_totp(e: &mut vault::Entry, algorithm: Option<Algorithm>, digits: Option<u8>, period: u32) {
    e.token = Token::new(
        e.token.secret().clone(),
        algorithm.unwrap_or(e.token.algorithm()),
        digits.unwrap_or(e.token.digits()),
        Kind::Totp { period, t0: 0 },
    )
    .unwrap();
}

#[test]
fn two_fas_encrypted_schemas_2_and_3() {
    check_opened(
        "2fas_authenticator_encrypted.2fas",
        Some("test"),
        App::TwoFas,
        |e| {
            if !matches!(e.token.kind(), Kind::Totp { .. }) {
                as_totp(e, None, None, 30);
            }
        },
    );
    check_opened(
        "2fas_authenticator_encrypted_v3.2fas",
        Some("test"),
        App::TwoFas,
        |_| {},
    );
    // The same tokens as its plain twin.
    assert_eq!(
        import(
            &vector("2fas_authenticator_encrypted_v3.2fas"),
            Some("test")
        )
        .unwrap()
        .entries,
        import(&vector("2fas_authenticator_plain_v3.2fas"), None)
            .unwrap()
            .entries
    );
}

#[test]
fn andotp_encrypted_current_and_old() {
    check_opened("andotp_encrypted.bin", Some("test"), App::AndOtp, |_| {});
    assert_eq!(
        import(&vector("andotp_encrypted.bin"), Some("test"))
            .unwrap()
            .entries
            .len(),
        7
    );
    // The old format's labels are "issuer:name".
    check_opened("andotp_encrypted_old.bin", Some("test"), App::AndOtp, |e| {
        e.name = format!("{}:{}", e.issuer.clone().unwrap_or_default(), e.name);
    });
}

#[test]
fn stratum_encrypted() {
    check_opened("stratum_encrypted.bin", Some("test"), App::Stratum, |_| {});
    assert_eq!(
        import(&vector("stratum_encrypted.bin"), Some("test"))
            .unwrap()
            .entries,
        import(&vector("stratum_plain.json"), None).unwrap().entries
    );
}

#[test]
fn authy_plain_and_encrypted() {
    // Authy holds TOTP SHA1 only; its period is not in the file (30 s).
    let adjust = |e: &mut vault::Entry| as_totp(e, Some(Algorithm::Sha1), None, 30);
    check("authy_plain.xml", App::Authy, adjust);
    check_opened("authy_encrypted.xml", Some("testtest"), App::Authy, adjust);
    assert_eq!(
        import(&vector("authy_encrypted.xml"), Some("testtest"))
            .unwrap()
            .entries,
        import(&vector("authy_plain.xml"), None).unwrap().entries
    );
}

#[test]
fn totp_authenticator_encrypted() {
    check_opened(
        "totp_authenticator.bin",
        Some("Testtest1"),
        App::TotpAuthenticator,
        |e| {
            as_totp(e, Some(Algorithm::Sha1), Some(6), 30);
            e.name = e.name.to_lowercase();
        },
    );
}

#[test]
fn a_wrong_password_is_its_own_error_and_none_asks_for_one() {
    for (file, app) in [
        ("2fas_authenticator_encrypted.2fas", "2FAS"),
        ("andotp_encrypted.bin", "andOTP"),
        ("stratum_encrypted.bin", "Stratum (Authenticator Pro)"),
        ("authy_encrypted.xml", "Authy"),
        ("totp_authenticator.bin", "TOTP Authenticator"),
    ] {
        assert_eq!(
            import(&vector(file), None).unwrap_err(),
            ImportError::PasswordNeeded(app),
            "{file}"
        );
        assert_eq!(
            import(&vector(file), Some("not the password")).unwrap_err(),
            ImportError::WrongPassword(app),
            "{file}"
        );
    }
    // The old andOTP layout's first bytes are a nonce, not an iteration
    // count: a wrong password says both what it may be.
    assert!(matches!(
        import(&vector("andotp_encrypted_old.bin"), Some("wrong")).unwrap_err(),
        ImportError::AndOtpUnopenable(_) | ImportError::WrongPassword("andOTP")
    ));
}

/// Opens `bytes` with a deriver that records each request and derives here.
fn open_counting(
    bytes: &[u8],
    password: &str,
) -> (Result<vault::import::Imported, ImportError>, usize) {
    let Opened::Locked(locked) = read(bytes).unwrap() else {
        panic!("not locked");
    };
    let calls = RefCell::new(0);
    let derive = async |request: KdfRequest| -> Result<DerivedKey, ImportError> {
        *calls.borrow_mut() += 1;
        Ok(request.run()?)
    };
    let result = common::ready(locked.open(password, &derive));
    (result, calls.into_inner())
}

#[test]
fn kdf_parameters_above_the_caps_are_refused_before_any_derivation() {
    // An andOTP file whose header asks for 4,000,000,000 PBKDF2 rounds.
    let mut crafted = vector("andotp_encrypted.bin");
    crafted[..4].copy_from_slice(&4_000_000_000u32.to_be_bytes());
    let (result, calls) = open_counting(&crafted, "test");
    assert_eq!(
        result.unwrap_err(),
        ImportError::AndOtpUnopenable(4_000_000_000)
    );
    assert_eq!(calls, 0, "no derivation may start");
    // Just above the cap: refused the same way; at a sane count, derived once.
    crafted[..4].copy_from_slice(&10_000_001u32.to_be_bytes());
    assert_eq!(open_counting(&crafted, "test").1, 0);
    let (result, calls) = open_counting(&vector("andotp_encrypted.bin"), "test");
    assert_eq!(result.unwrap().entries.len(), 7);
    assert_eq!(calls, 1);
    // Each derivation of a file goes through the deriver (the app's worker).
    assert_eq!(
        open_counting(&vector("authy_encrypted.xml"), "testtest").1,
        3
    );
    assert_eq!(open_counting(&vector("stratum_encrypted.bin"), "test").1, 1);
}

#[test]
fn damaged_encrypted_files_are_refused_and_never_panic() {
    let file = vector("stratum_encrypted.bin");
    for cut in [17, 30, 40, file.len() - 1] {
        assert!(import(&file[..cut], Some("test")).is_err(), "cut at {cut}");
    }
    let mut flipped = vector("andotp_encrypted.bin");
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert_eq!(
        import(&flipped, Some("test")).unwrap_err(),
        ImportError::WrongPassword("andOTP")
    );
    let two_parts = br#"{"schemaVersion":3,"services":[],"servicesEncrypted":"AAAA:BBBB"}"#;
    assert!(matches!(
        import(two_parts, Some("test")).unwrap_err(),
        ImportError::Damaged { app: "2FAS", .. }
    ));
    // A photo is not taken for an andOTP file.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8; 64]);
    assert_eq!(import(&png, None).unwrap_err(), ImportError::UnknownFormat);
}
