//! Every public type of this crate that holds a secret formats with `{:?}`
//! without it: a secret must never reach a log through Debug.
#![allow(clippy::unwrap_used)]

use otp::activation::issue_from;
use otp::migration::{MigrationPayload, OtpParameters};
use otp::otpauth::OtpAuth;
use otp::{Algorithm, Kind, Secret, Token};

/// A secret that is easy to find in any of the forms Debug could print it.
const SECRET: &[u8] = b"SECRETSECRETSECRET!!";

/// The secret in every form it could leak as: its bytes as Debug lists them,
/// hex, Base32, and as text.
fn forms_of(bytes: &[u8]) -> Vec<String> {
    let list = format!("{:?}", &bytes[..6]);
    vec![
        list.trim_matches(|c| c == '[' || c == ']').to_owned(),
        Secret::from_slice(bytes).to_hex()[..12].to_owned(),
        otp::base32::encode(bytes)[..12].to_owned(),
        String::from_utf8_lossy(&bytes[..12]).into_owned(),
    ]
}

fn assert_hidden(what: &str, debug: &str, secrets: &[String]) {
    for form in secrets {
        assert!(
            !debug.contains(form.as_str()),
            "{what}'s Debug shows {form:?}: {debug}"
        );
    }
}

fn token() -> Token {
    Token::new(
        Secret::from_slice(SECRET),
        Algorithm::Sha1,
        6,
        Kind::Totp { period: 30, t0: 0 },
    )
    .unwrap()
}

#[test]
fn tokens_links_and_exports_hide_their_secret() {
    let secrets = forms_of(SECRET);
    assert_hidden(
        "Secret",
        &format!("{:?}", Secret::from_slice(SECRET)),
        &secrets,
    );
    assert_hidden("Token", &format!("{:?}", token()), &secrets);
    let entry = OtpAuth {
        issuer: Some("Bank".into()),
        account: "me".into(),
        token: token(),
    };
    assert_hidden("OtpAuth", &format!("{entry:?}"), &secrets);
    let parameters = OtpParameters {
        secret: SECRET.to_vec(),
        name: "me".into(),
        issuer: "Bank".into(),
        algorithm: 1,
        digits: 1,
        r#type: 2,
        counter: 0,
    };
    let shown = format!("{parameters:?}");
    assert_hidden("OtpParameters", &shown, &secrets);
    assert!(shown.contains("Bank"), "the rest is still shown: {shown}");
    let payload = MigrationPayload {
        otp_parameters: vec![parameters],
        version: 1,
        batch_size: 1,
        batch_index: 0,
        batch_id: 7,
    };
    assert_hidden("MigrationPayload", &format!("{payload:?}"), &secrets);
}

#[test]
fn a_new_activation_hides_its_code_password_and_link() {
    let random: [u8; 64] = std::array::from_fn(|i| (i * 7 % 250) as u8);
    let issued = issue_from(&random, [1; 8], None, None).unwrap();
    let activation_code = issued.activation.activation_code.formatted();
    let secrets = vec![
        activation_code.replace('-', "")[..8].to_owned(),
        issued.password.to_string(),
        issued.link[..40].to_owned(),
    ];
    assert_hidden("Issued", &format!("{issued:?}"), &secrets);
    assert_hidden(
        "SecureActivation",
        &format!("{:?}", issued.activation),
        &secrets,
    );
    let shown = format!("{issued:?}");
    assert!(
        shown.contains(&issued.activation.serial.formatted()),
        "{shown}"
    );
}
