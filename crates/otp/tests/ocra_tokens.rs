//! Challenge-response identities: a token of kind OCRA answers as the RFC
//! says, has no code of its own, and its otpauth-style link round-trips.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::ocra::{OcraError, Suite};
use otp::otpauth::{OtpAuth, OtpAuthError, emit, parse};
use otp::{Algorithm, CodeError, Kind, Secret, Token};

fn ocra(suite: &str, key: &[u8], counter: u64) -> Token {
    Token::ocra(
        Secret::from_slice(key),
        &Suite::parse(suite).unwrap(),
        counter,
    )
    .unwrap()
}

#[test]
fn a_token_answers_with_the_rfc_responses_and_its_counter() {
    let token = ocra("OCRA-1:HOTP-SHA1-6:QN08", b"12345678901234567890", 0);
    assert_eq!(token.answer("00000000", None, 0).unwrap(), "237653");
    assert_eq!(token.answer("11111111", None, 0).unwrap(), "243178");
    // The suite names the hash and digits.
    assert_eq!((token.algorithm(), token.digits()), (Algorithm::Sha1, 6));
    let sha256 = ocra("OCRA-1:HOTP-SHA256-8:QN08", b"12345678901234567890", 0);
    assert_eq!(
        (sha256.algorithm(), sha256.digits()),
        (Algorithm::Sha256, 8)
    );

    let key32 = b"12345678901234567890123456789012";
    let counted = ocra("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1", key32, 0);
    assert_eq!(
        counted.answer("12345678", Some("1234"), 0).unwrap(),
        "65347737"
    );
    let next = counted.next_counter();
    assert_eq!(
        next.answer("12345678", Some("1234"), 0).unwrap(),
        "86775851"
    );
    assert_eq!(
        counted.answer("12345678", None, 0).unwrap_err(),
        OcraError::MissingPin
    );
}

#[test]
fn a_challenge_response_token_has_no_code_of_its_own() {
    let token = ocra("OCRA-1:HOTP-SHA1-6:QN08", b"12345678901234567890", 0);
    assert_eq!(
        token.code_at(1_700_000_000).unwrap_err(),
        CodeError::ChallengeResponse
    );
    assert_eq!(token.schedule(), None);
    assert!(otp::verify(&token, "237653", 0, 1).is_none());
    let totp = Token::totp(Secret::from_slice(b"key"), Algorithm::Sha1, 6, 30).unwrap();
    assert_eq!(
        totp.answer("1234", None, 0).unwrap_err(),
        OcraError::NotChallengeResponse
    );
}

#[test]
fn an_ocra_link_round_trips_and_names_what_is_wrong() {
    let link = "otpauth://ocra/Bank:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&suite=OCRA-1%3AHOTP-SHA256-8%3AC-QN08-PSHA1&counter=4&issuer=Bank";
    let parsed = parse(link).unwrap();
    assert_eq!(parsed.account, "alice");
    assert_eq!(parsed.issuer.as_deref(), Some("Bank"));
    let Kind::Ocra { suite, counter } = parsed.token.kind() else {
        panic!("{:?}", parsed.token.kind())
    };
    assert_eq!(
        (suite.to_string().as_str(), counter),
        ("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1", 4)
    );
    let again = parse(&emit(&parsed)).unwrap();
    assert_eq!(again, parsed);

    let entry = OtpAuth {
        issuer: None,
        account: "x".into(),
        token: ocra("OCRA-1:HOTP-SHA1-6:QA08", b"k", 0),
    };
    assert!(emit(&entry).contains("suite=OCRA-1%3AHOTP-SHA1-6%3AQA08"));

    assert_eq!(
        parse("otpauth://ocra/x?secret=GEZDGNBV").unwrap_err(),
        OtpAuthError::MissingSuite
    );
    let bad = parse("otpauth://ocra/x?secret=GEZDGNBV&suite=OCRA-1:HOTP-SHA1-6:QX08").unwrap_err();
    assert!(
        bad.to_string().contains("suite parameter is wrong"),
        "{bad}"
    );
}
