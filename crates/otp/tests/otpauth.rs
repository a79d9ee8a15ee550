//! otpauth:// links: the Key URI Format's examples, every error, and the
//! emit-then-parse round trip as a property.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::otpauth::{self, OtpAuth, OtpAuthError};
use otp::{Algorithm, Kind, Secret, Token};
use proptest::prelude::*;

#[test]
fn reads_the_key_uri_format_example() {
    let entry = otpauth::parse(
        "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
    )
    .unwrap();
    assert_eq!(entry.issuer.as_deref(), Some("Example"));
    assert_eq!(entry.account, "alice@google.com");
    assert_eq!(entry.token.algorithm(), Algorithm::Sha1);
    assert_eq!(entry.token.digits(), 6);
    assert_eq!(entry.token.kind(), Kind::Totp { period: 30, t0: 0 });
    assert_eq!(entry.token.secret().expose(), b"Hello!\xde\xad\xbe\xef");
}

#[test]
fn label_is_percent_decoded_and_issuer_parameter_wins() {
    let entry = otpauth::parse(
        "otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Corp&algorithm=SHA256&digits=8&period=60",
    )
    .unwrap();
    assert_eq!(entry.issuer.as_deref(), Some("ACME Corp"));
    assert_eq!(entry.account, "john.doe@email.com");
    assert_eq!(entry.token.algorithm(), Algorithm::Sha256);
    assert_eq!(entry.token.digits(), 8);
    assert_eq!(entry.token.period(), Some(60));

    let encoded_colon =
        otpauth::parse("otpauth://totp/Big%3A%20bob?secret=JBSWY3DPEHPK3PXP").unwrap();
    assert_eq!(encoded_colon.issuer.as_deref(), Some("Big"));
    assert_eq!(encoded_colon.account, "bob");
}

#[test]
fn hotp_and_steam_and_unknown_parameters() {
    let hotp =
        otpauth::parse("otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=42&image=https%3A%2F%2Fx")
            .unwrap();
    assert_eq!(hotp.token.kind(), Kind::Hotp { counter: 42 });
    let steam =
        otpauth::parse("otpauth://totp/Steam:me?secret=JBSWY3DPEHPK3PXP&encoder=steam").unwrap();
    assert_eq!(steam.token.kind(), Kind::Steam);
    assert_eq!(steam.token.code_at(0).unwrap().len(), 5);
}

#[test]
fn every_bad_value_names_its_parameter() {
    let cases: [(&str, &str); 9] = [
        ("otpauth://totp/x?secret=JBSWY3DP&digits=12", "digits"),
        ("otpauth://totp/x?secret=JBSWY3DP&digits=six", "digits"),
        ("otpauth://totp/x?secret=JBSWY3DP&period=0", "period"),
        ("otpauth://totp/x?secret=JBSWY3DP&period=-30", "period"),
        (
            "otpauth://totp/x?secret=JBSWY3DP&algorithm=MD5",
            "algorithm",
        ),
        ("otpauth://hotp/x?secret=JBSWY3DP&counter=-1", "counter"),
        ("otpauth://totp/x?secret=JBSW1Y3DP", "secret"),
        ("otpauth://totp/x?secret=", "secret"),
        ("otpauth://totp/x?secret=%FF%FE", "secret"),
    ];
    for (link, parameter) in cases {
        let error = otpauth::parse(link).unwrap_err();
        assert!(
            matches!(&error, OtpAuthError::InvalidParameter { name, .. } if *name == parameter),
            "{link}: {error:?}"
        );
        assert!(error.to_string().contains(parameter), "{error}");
    }
    assert_eq!(
        otpauth::parse("https://example.com"),
        Err(OtpAuthError::NotOtpAuth)
    );
    assert_eq!(
        otpauth::parse("otpauth://totp/x?issuer=a"),
        Err(OtpAuthError::MissingSecret)
    );
    assert_eq!(
        otpauth::parse("otpauth://hotp/x?secret=JBSWY3DP"),
        Err(OtpAuthError::MissingCounter)
    );
    assert_eq!(
        otpauth::parse("otpauth://motp/x?secret=JBSWY3DP"),
        Err(OtpAuthError::UnknownType("motp".into()))
    );
    assert_eq!(
        otpauth::parse("otpauth://totp/x?secret=JBSWY3DP&secret=JBSWY3DP"),
        Err(OtpAuthError::DuplicateParameter("secret"))
    );
}

fn token_strategy() -> impl Strategy<Value = Token> {
    let kind = prop_oneof![
        (1u32..100_000).prop_map(|period| Kind::Totp { period, t0: 0 }),
        any::<u64>().prop_map(|counter| Kind::Hotp { counter }),
        Just(Kind::Steam),
    ];
    let algorithm = prop_oneof![
        Just(Algorithm::Sha1),
        Just(Algorithm::Sha256),
        Just(Algorithm::Sha512)
    ];
    (
        proptest::collection::vec(any::<u8>(), 1..64),
        algorithm,
        4u8..=10,
        kind,
    )
        .prop_map(|(secret, algorithm, digits, kind)| {
            Token::new(Secret::new(secret), algorithm, digits, kind).unwrap()
        })
}

proptest! {
    #[test]
    fn emit_then_parse_gives_back_the_same_token(
        token in token_strategy(),
        issuer in proptest::option::of("[^\\s][\\PC]{0,20}"),
        // Leading spaces of an account are dropped by design (see the module doc).
        account in "([^\\s][\\PC]{0,30})?",
    ) {
        let entry = OtpAuth { issuer: issuer.filter(|i| !i.is_empty()), account, token };
        let link = otpauth::emit(&entry);
        let parsed = otpauth::parse(&link).unwrap();
        prop_assert_eq!(parsed, entry);
    }

    #[test]
    fn parse_never_panics(text in "otpauth://[a-z]{0,6}/[\\PC]{0,40}") {
        let _ = otpauth::parse(&text);
    }
}

#[test]
fn a_plus_in_a_query_value_is_a_space_and_an_encoded_plus_is_a_plus() {
    let link = "otpauth://totp/Air+Canada:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Air+Canada";
    let parsed = otp::otpauth::parse(link).unwrap();
    assert_eq!(parsed.issuer.as_deref(), Some("Air Canada"));
    // In the label (a path segment) a plus is a plus.
    let labelled = otp::otpauth::parse("otpauth://totp/C+%2B:bob?secret=GEZDGNBVGY3TQOJQ").unwrap();
    assert_eq!(labelled.issuer.as_deref(), Some("C++"));
    let encoded =
        otp::otpauth::parse("otpauth://totp/x?secret=GEZDGNBVGY3TQOJQ&issuer=C%2B%2B").unwrap();
    assert_eq!(encoded.issuer.as_deref(), Some("C++"));
    // What we emit reads back the same, spaces and pluses included.
    let emitted = otp::otpauth::emit(&parsed);
    assert_eq!(otp::otpauth::parse(&emitted).unwrap(), parsed);
    assert_eq!(
        otp::otpauth::parse(&otp::otpauth::emit(&encoded)).unwrap(),
        encoded
    );
}

#[test]
fn a_link_without_a_label_says_so() {
    for link in [
        "otpauth://totp?secret=GEZDGNBVGY3TQOJQ&issuer=Example",
        "otpauth://hotp?secret=GEZDGNBVGY3TQOJQ&counter=0",
    ] {
        let error = otp::otpauth::parse(link).unwrap_err();
        assert_eq!(error, otp::otpauth::OtpAuthError::MissingLabel, "{link}");
        assert!(error.to_string().contains("has no label"));
    }
    // A link without a secret still says that.
    assert_eq!(
        otp::otpauth::parse("otpauth://totp/Example:alice?issuer=Example").unwrap_err(),
        otp::otpauth::OtpAuthError::MissingSecret
    );
}
