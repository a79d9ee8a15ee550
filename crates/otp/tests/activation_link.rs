//! Secure activation links: each side reads what the other makes; a wrong
//! password is reported as a wrong password; damage never decrypts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::activation::{
    ActivationCode, LinkError, RegistrationCode, SecureActivation, SerialNumber, decode_link,
    decrypt_link_payload, derive_secret, encode_link, issue, issue_from,
};
use proptest::prelude::*;

fn sample(policy: Option<&str>) -> SecureActivation {
    SecureActivation {
        serial: SerialNumber::parse("48244-13456").unwrap(),
        activation_code: ActivationCode::parse("1745-7712-6942-8698").unwrap(),
        policy: policy.map(str::to_owned),
        regurl: Some("https://selfservice.example/register".into()),
    }
}

#[test]
fn a_link_opens_with_its_password_and_no_other() {
    let activation = sample(Some(r#"{"allowUnsecured":"false"}"#));
    let link = encode_link(&activation, "12345678", [7; 8]);
    assert!(link.starts_with("igmobileotp://?action=secactivate&enc="));
    assert!(link.contains("&v=1&mac="));
    assert_eq!(decode_link(&link, "12345678").unwrap(), activation);
    assert_eq!(
        decode_link(&link, "12345679"),
        Err(LinkError::WrongPassword)
    );
    assert_eq!(decode_link(&link, ""), Err(LinkError::WrongPassword));
}

#[test]
fn the_payload_is_json_with_sn_ac_policy_and_regurl() {
    let link = encode_link(&sample(Some("{}")), "0000", [1; 8]);
    let payload = decrypt_link_payload(&link, "0000").unwrap();
    let json: serde_json::Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(json["sn"], "4824413456");
    assert_eq!(json["ac"], "1745771269428698");
    assert_eq!(json["policy"], "{}");
    assert_eq!(json["regurl"], "https://selfservice.example/register");
}

#[test]
fn any_change_to_the_signed_text_is_a_wrong_password_never_garbage() {
    let link = encode_link(&sample(None), "24681357", [9; 8]);
    let signed_end = link.rfind("&mac=").unwrap();
    let query_start = link.find('?').unwrap() + 1;
    let bytes = link.as_bytes();
    for index in query_start..signed_end {
        let mut changed = bytes.to_vec();
        changed[index] = if bytes[index] == b'A' { b'B' } else { b'A' };
        let Ok(text) = String::from_utf8(changed) else {
            continue;
        };
        let result = decode_link(&text, "24681357");
        assert!(result.is_err(), "a change at {index} went unnoticed");
        assert!(
            !matches!(result, Err(LinkError::BadPayload)),
            "a change at {index} decrypted to garbage"
        );
    }
}

#[test]
fn malformed_links_name_what_is_wrong() {
    let cases: [(&str, LinkError); 7] = [
        ("otpauth://totp/x?secret=A", LinkError::NotALink),
        ("igmobileotp://", LinkError::Missing("enc")),
        (
            "igmobileotp://?action=secactivate&enc=AAAA&v=1",
            LinkError::Missing("mac"),
        ),
        (
            "igmobileotp://?action=activate&enc=AAAA&v=1&mac=AAAA",
            LinkError::UnsupportedAction,
        ),
        (
            "igmobileotp://?action=secactivate&enc=AAAA&v=2&mac=AAAA",
            LinkError::UnsupportedVersion("2".into()),
        ),
        (
            "igmobileotp://?action=secactivate&enc=!!&v=1&mac=AAAAAAAAAAAAAAAA",
            LinkError::Damaged("enc"),
        ),
        (
            "igmobileotp://?action=secactivate&enc=AAAA&v=1&mac=AAAA",
            LinkError::Damaged("mac"),
        ),
    ];
    for (link, expected) in cases {
        assert_eq!(decode_link(link, "1234"), Err(expected), "{link}");
    }
}

#[test]
fn issued_activations_are_valid_and_random() {
    let first = issue(None, None).unwrap();
    let second = issue(None, None).unwrap();
    assert_ne!(first.activation.serial, second.activation.serial);
    assert_eq!(first.password.len(), 8);
    assert!(first.password.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(
        decode_link(&first.link, &first.password).unwrap(),
        first.activation
    );
    // The codes carry valid check digits.
    assert!(SerialNumber::parse(&first.activation.serial.formatted()).is_ok());
    assert!(ActivationCode::parse(&first.activation.activation_code.formatted()).is_ok());
}

#[test]
fn issuing_rejects_biased_bytes_and_is_deterministic_in_its_inputs() {
    let mut random = [255u8; 64];
    assert!(
        issue_from(&random, [0; 8], None, None).is_none(),
        "all bytes rejected"
    );
    for (index, byte) in random.iter_mut().enumerate() {
        *byte = (index * 37 % 250) as u8;
    }
    let a = issue_from(&random, [3; 8], None, None).unwrap();
    let b = issue_from(&random, [3; 8], None, None).unwrap();
    assert_eq!(a.link, b.link);
    assert_eq!(a.activation.serial, b.activation.serial);
}

#[test]
fn device_and_self_service_derive_the_same_secret() {
    let issued = issue(Some(r#"{"trustedExecution":"NOT_ALLOWED"}"#.into()), None).unwrap();
    // Device side: open the link, make a registration code, derive.
    let device = decode_link(&issued.link, &issued.password).unwrap();
    let registration = RegistrationCode::generate(&device.activation_code, [0x12, 0x34]);
    let device_secret = derive_secret(
        &device.serial,
        &device.activation_code,
        &registration,
        device.policy.as_deref(),
    );
    // Self-Service side: what it issued, and the typed registration code.
    let typed = RegistrationCode::parse(&registration.formatted()).unwrap();
    assert!(typed.is_for(&issued.activation.activation_code));
    let server_secret = derive_secret(
        &issued.activation.serial,
        &issued.activation.activation_code,
        &typed,
        issued.activation.policy.as_deref(),
    );
    assert_eq!(device_secret, server_secret);
}

proptest! {
    #[test]
    fn links_round_trip(password in "[0-9]{4,12}", salt in any::<[u8; 8]>(), policy in proptest::option::of("[\\PC]{0,40}")) {
        let activation = sample(policy.as_deref());
        let link = encode_link(&activation, &password, salt);
        prop_assert_eq!(decode_link(&link, &password).unwrap(), activation);
    }

    #[test]
    fn decoding_never_panics(text in "igmobileotp://\\?[\\PC]{0,80}", password in "[0-9]{0,8}") {
        let _ = decode_link(&text, &password);
    }
}
