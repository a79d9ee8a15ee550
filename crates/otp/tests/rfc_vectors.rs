//! Every test vector of RFC 4226 Appendix D and RFC 6238 Appendix B, and
//! Steam codes computed independently (Python's hmac module).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::{Algorithm, Kind, Secret, Token, verify};

const SEED_SHA1: &[u8] = b"12345678901234567890";
const SEED_SHA256: &[u8] = b"12345678901234567890123456789012";
const SEED_SHA512: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";

#[test]
fn rfc4226_appendix_d() {
    let expected = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489",
    ];
    for (counter, code) in expected.iter().enumerate() {
        let token = Token::new(
            Secret::from_slice(SEED_SHA1),
            Algorithm::Sha1,
            6,
            Kind::Hotp {
                counter: counter as u64,
            },
        )
        .unwrap();
        assert_eq!(token.code_at(0).unwrap(), *code, "counter {counter}");
    }
}

#[test]
fn rfc6238_appendix_b_all_three_hashes() {
    let table: [(u64, &str, &str, &str); 6] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ];
    for (time, sha1, sha256, sha512) in table {
        for (seed, algorithm, expected) in [
            (SEED_SHA1, Algorithm::Sha1, sha1),
            (SEED_SHA256, Algorithm::Sha256, sha256),
            (SEED_SHA512, Algorithm::Sha512, sha512),
        ] {
            let token = Token::totp(Secret::from_slice(seed), algorithm, 8, 30).unwrap();
            assert_eq!(
                token.code_at(time).unwrap(),
                expected,
                "{algorithm:?} at {time}"
            );
        }
    }
}

#[test]
fn t0_shifts_the_counter_and_earlier_times_are_an_error() {
    let token = Token::new(
        Secret::from_slice(SEED_SHA1),
        Algorithm::Sha1,
        8,
        Kind::Totp {
            period: 30,
            t0: 1_000,
        },
    )
    .unwrap();
    // At T0 + 59 the counter is 1, as at 59 with T0 = 0.
    assert_eq!(token.code_at(1_059).unwrap(), "94287082");
    assert_eq!(token.code_at(999), Err(otp::CodeError::BeforeStart));
}

#[test]
fn steam_codes_match_an_independent_implementation() {
    let token = Token::new(
        Secret::from_slice(SEED_SHA1),
        Algorithm::Sha512,
        8,
        Kind::Steam,
    )
    .unwrap();
    assert_eq!(token.digits(), 5);
    assert_eq!(token.algorithm(), Algorithm::Sha1);
    for (time, code) in [
        (0, "GG5F5"),
        (59, "PV9M4"),
        (1_111_111_109, "PY4YB"),
        (2_000_000_000, "9N776"),
    ] {
        assert_eq!(token.code_at(time).unwrap(), code, "at {time}");
    }
}

#[test]
fn digits_from_4_to_10_and_periods_of_one_second() {
    let secret = || Secret::from_slice(SEED_SHA1);
    assert!(Token::totp(secret(), Algorithm::Sha1, 3, 30).is_err());
    assert!(Token::totp(secret(), Algorithm::Sha1, 11, 30).is_err());
    assert!(Token::totp(secret(), Algorithm::Sha1, 6, 0).is_err());
    assert!(Token::totp(Secret::new(Vec::new()), Algorithm::Sha1, 6, 30).is_err());
    // 10 digits: the 31-bit value 1284755224 (RFC 4226, counter 0), zero-padded.
    let ten = Token::new(secret(), Algorithm::Sha1, 10, Kind::Hotp { counter: 0 }).unwrap();
    assert_eq!(ten.code_at(0).unwrap(), "1284755224");
    let four = Token::new(secret(), Algorithm::Sha1, 4, Kind::Hotp { counter: 0 }).unwrap();
    assert_eq!(four.code_at(0).unwrap(), "5224");
    let one_second = Token::totp(secret(), Algorithm::Sha1, 6, 1).unwrap();
    assert_ne!(
        one_second.code_at(10).unwrap(),
        one_second.code_at(11).unwrap()
    );
    assert_eq!(one_second.seconds_left(10), Some(1));
}

#[test]
fn verify_reports_the_matching_step() {
    let token = Token::totp(Secret::from_slice(SEED_SHA1), Algorithm::Sha1, 8, 30).unwrap();
    let at = 1_111_111_109;
    assert_eq!(verify(&token, "07081804", at, 1), Some(0));
    assert_eq!(verify(&token, "0708 1804", at, 1), Some(0));
    let previous = token.code_at(at - 30).unwrap();
    let next = token.code_at(at + 30).unwrap();
    assert_eq!(verify(&token, &previous, at, 1), Some(-1));
    assert_eq!(verify(&token, &next, at, 1), Some(1));
    assert_eq!(
        verify(&token, &token.code_at(at + 60).unwrap(), at, 1),
        None
    );
    assert_eq!(
        verify(&token, &token.code_at(at + 60).unwrap(), at, 2),
        Some(2)
    );
    assert_eq!(verify(&token, "123", at, 1), None);
}

#[test]
fn hotp_next_counter_moves_on() {
    let token = Token::new(
        Secret::from_slice(SEED_SHA1),
        Algorithm::Sha1,
        6,
        Kind::Hotp { counter: 0 },
    )
    .unwrap();
    let next = token.next_counter();
    assert_eq!(next.kind(), Kind::Hotp { counter: 1 });
    assert_eq!(next.code_at(0).unwrap(), "287082");
}

#[test]
fn a_schedule_says_when_codes_change_and_tokens_sharing_it_change_together() {
    let secret = || Secret::from_slice(SEED_SHA1);
    let offset = Token::new(
        secret(),
        Algorithm::Sha1,
        6,
        Kind::Totp { period: 60, t0: 7 },
    )
    .unwrap();
    let steam = Token::new(secret(), Algorithm::Sha1, 5, Kind::Steam).unwrap();
    let hotp = Token::new(secret(), Algorithm::Sha1, 6, Kind::Hotp { counter: 3 }).unwrap();
    assert_eq!(offset.schedule(), Some((60, 7)));
    assert_eq!(steam.schedule(), Some((30, 0)));
    assert_eq!(hotp.schedule(), None);
    // The schedule's step is the counter the code uses.
    for now in [7, 66, 67, 1_000_000] {
        let (period, t0) = offset.schedule().unwrap();
        assert_eq!(
            offset.code_for_counter((now - t0) / u64::from(period)),
            offset.code_at(now).unwrap()
        );
    }
}
