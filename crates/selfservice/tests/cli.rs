//! Runs the real `selfservice` binary: each subcommand's output and exit
//! status, the error cases, and the whole protocol with the app's side.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::activation::{
    ActivationDigits, RegistrationCode, decode_link, derive_secret, derive_token,
};
use serde_json::Value;
use std::process::Output;

mod common;
use common::{read_qr_png, run, stderr, stdout};

const SHA1_SEED_HEX: &str = "3132333435363738393031323334353637383930";

fn json(output: &Output) -> Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).unwrap()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn issue_json_has_exactly_the_four_keys_and_a_link_that_opens() {
    let issued = json(&run(&["issue", "--json"]));
    let keys: Vec<&str> = issued
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["activation_code", "password", "serial", "uri"]);
    let opened = decode_link(
        issued["uri"].as_str().unwrap(),
        issued["password"].as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(
        opened.serial.formatted(),
        issued["serial"].as_str().unwrap()
    );
    assert_eq!(
        opened.activation_code.formatted().as_str(),
        issued["activation_code"].as_str().unwrap()
    );
}

#[test]
fn issue_prints_a_terminal_qr_code_and_writes_a_png_that_decodes_to_the_link() {
    let path = std::env::temp_dir().join(format!("selfservice-qr-{}.png", std::process::id()));
    let output = run(&["issue", "--qr-png", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Serial Number:") && text.contains("Activation Code:"));
    assert!(text.contains('▀') || text.contains('▄'), "no QR code drawn");
    let link = text
        .lines()
        .find(|line| line.starts_with("igmobileotp://"))
        .unwrap();

    let content = read_qr_png(&path);
    assert_eq!(content, link);
    std::fs::remove_file(path).ok();
}

#[test]
fn issue_rejects_a_policy_that_is_not_json() {
    let output = run(&["issue", "--policy", "{nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("selfservice: --policy is not valid JSON"));
}

#[test]
fn decode_prints_the_payload_and_rejects_a_wrong_password_with_status_2() {
    let issued = json(&run(&[
        "issue",
        "--json",
        "--policy",
        r#"{"x":"y"}"#,
        "--regurl",
        "https://r.example",
    ]));
    let uri = issued["uri"].as_str().unwrap();
    let output = run(&[
        "decode",
        "--uri",
        uri,
        "--password",
        issued["password"].as_str().unwrap(),
    ]);
    let payload = json(&output);
    assert_eq!(
        payload["sn"].as_str().unwrap(),
        issued["serial"].as_str().unwrap().replace('-', "")
    );
    assert_eq!(payload["policy"], r#"{"x":"y"}"#);
    assert_eq!(payload["regurl"], "https://r.example");

    let wrong = run(&["decode", "--uri", uri, "--password", "00000000"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert_eq!(stderr(&wrong).lines().count(), 1);
    assert!(stderr(&wrong).contains("activation password is wrong"));
    let malformed = run(&[
        "decode",
        "--uri",
        "igmobileotp://?action=secactivate",
        "--password",
        "1",
    ]);
    assert_eq!(malformed.status.code(), Some(2));
    assert_eq!(stderr(&malformed).lines().count(), 1);
}

#[test]
fn derive_gives_the_known_answers() {
    let base = [
        "derive",
        "--serial",
        "48244-13456",
        "--activation",
        "1745-7712-6942-8698",
        "--registration",
        "12211-49352",
        "--json",
    ];
    let plain = json(&run(&base));
    assert_eq!(plain["secret_hex"], "9a8eab5ecc9fc413758a92ac223dc6a0");
    let policy = r#"{"allowUnsecured":"false","trustedExecution":"NOT_ALLOWED"}"#;
    let with_policy = json(&run(&[&base[..], &["--policy", policy]].concat()));
    assert_eq!(
        with_policy["secret_hex"],
        "bb9b6d72ae99b006de5e106935ec96da"
    );
    let link = otp::otpauth::parse(with_policy["otpauth"].as_str().unwrap()).unwrap();
    assert_eq!(link.account, "48244-13456");
    assert_eq!(
        link.token.secret().to_hex().as_str(),
        "bb9b6d72ae99b006de5e106935ec96da"
    );
    assert_eq!(link.token.algorithm(), otp::Algorithm::Sha256);
    assert_eq!(
        otp::base32::decode(with_policy["secret_base32"].as_str().unwrap()).unwrap(),
        *link.token.secret()
    );
}

#[test]
fn complete_rejects_a_foreign_or_mistyped_code_naming_it() {
    let args = |registration: &str| {
        run(&[
            "complete",
            "--serial",
            "48244-13456",
            "--activation",
            "1745-7712-6942-8698",
            "--registration",
            registration,
        ])
    };
    let foreign = args("12211-49352");
    assert_eq!(foreign.status.code(), Some(2));
    assert!(stderr(&foreign).contains("registration code was not made for this activation code"));
    let mistyped = args("12211-49353");
    assert_eq!(mistyped.status.code(), Some(2));
    assert!(stderr(&mistyped).contains("registration code's check digit does not match"));
    let bad_serial = run(&[
        "complete",
        "--serial",
        "48244-13457",
        "--activation",
        "1745-7712-6942-8698",
        "--registration",
        "12211-49352",
    ]);
    assert!(stderr(&bad_serial).contains("serial number's check digit"));
    let bad_digits = run(&[
        "derive",
        "--serial",
        "48244-13456",
        "--activation",
        "1745-7712-6942-8698",
        "--registration",
        "12211-49352",
        "--digits",
        "7",
    ]);
    assert_eq!(bad_digits.status.code(), Some(2));
}

#[test]
fn code_gives_rfc_values_for_totp_and_hotp() {
    let totp = run(&[
        "code",
        "--secret-hex",
        SHA1_SEED_HEX,
        "--algorithm",
        "sha1",
        "--digits",
        "8",
        "--time",
        "1111111109",
    ]);
    assert_eq!(stdout(&totp).trim(), "07081804");
    let hotp = run(&[
        "code",
        "--secret-hex",
        SHA1_SEED_HEX,
        "--algorithm",
        "sha1",
        "--counter",
        "9",
    ]);
    assert_eq!(stdout(&hotp).trim(), "520489");
    let bad_hex = run(&["code", "--secret-hex", "xyz"]);
    assert_eq!(bad_hex.status.code(), Some(2));
    let bad_digits = run(&["code", "--secret-hex", SHA1_SEED_HEX, "--digits", "11"]);
    assert_eq!(bad_digits.status.code(), Some(2));
    assert!(stderr(&bad_digits).contains("4 to 10 digits"));
}

#[test]
fn verify_prints_the_offset_or_exits_1() {
    let args = |code: &str, time: &str, window: &str| {
        run(&[
            "verify",
            "--secret-hex",
            SHA1_SEED_HEX,
            "--algorithm",
            "sha1",
            "--digits",
            "8",
            "--code",
            code,
            "--time",
            time,
            "--window",
            window,
        ])
    };
    let exact = args("07081804", "1111111109", "1");
    assert_eq!(
        (exact.status.code(), stdout(&exact).trim().to_owned()),
        (Some(0), "0".to_owned())
    );
    let late = args("07081804", "1111111139", "1");
    assert_eq!(stdout(&late).trim(), "-1");
    let early = args("07081804", "1111111079", "1");
    assert_eq!(stdout(&early).trim(), "1");
    let outside = args("07081804", "1111111200", "1");
    assert_eq!(outside.status.code(), Some(1));
    // 1111111200 is 4 steps after 1111111109's step.
    assert_eq!(args("07081804", "1111111200", "3").status.code(), Some(1));
    assert_eq!(stdout(&args("07081804", "1111111200", "4")).trim(), "-4");
}

#[test]
fn the_whole_protocol_issue_decode_register_complete_verify() {
    // Self-Service issues.
    let issued = json(&run(&["issue", "--json"]));
    // The device opens the link with the password and makes a registration code.
    let device = decode_link(
        issued["uri"].as_str().unwrap(),
        issued["password"].as_str().unwrap(),
    )
    .unwrap();
    let random = otp::random_bytes::<2>().unwrap();
    let registration = RegistrationCode::generate(&device.activation_code, random);
    let device_token = derive_token(
        derive_secret(
            &device.serial,
            &device.activation_code,
            &registration,
            device.policy.as_deref(),
        ),
        ActivationDigits::Six,
    );
    // The user types the registration code into Self-Service.
    let completed = json(&run(&[
        "complete",
        "--serial",
        issued["serial"].as_str().unwrap(),
        "--activation",
        issued["activation_code"].as_str().unwrap(),
        "--registration",
        &registration.formatted(),
        "--json",
    ]));
    assert_eq!(
        completed["secret_hex"].as_str().unwrap(),
        device_token.secret().to_hex().as_str()
    );
    // Self-Service accepts the device's current code.
    let code = device_token.code_at(now()).unwrap();
    let verified = run(&[
        "verify",
        "--secret-hex",
        completed["secret_hex"].as_str().unwrap(),
        "--code",
        &code,
    ]);
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
}

#[test]
fn unlock_prints_the_spec_s_unlock_code_and_refuses_a_mistyped_reset_code() {
    // docs/activation-protocol.md, "PIN reset", known answers.
    let secret = "3132333435363738393031323334353637383930";
    let output = run(&[
        "unlock",
        "--secret-hex",
        secret,
        "--reset-code",
        "97903-82856-0",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "9182-4275-3576-1629-0358");
    let output = run(&[
        "unlock",
        "--secret-hex",
        secret,
        "--reset-code",
        "10974 72515 1",
        "--json",
    ]);
    assert_eq!(
        json(&output),
        serde_json::json!({ "unlock_code": "7410-5557-5725-5461-5229" })
    );
    let output = run(&[
        "unlock",
        "--secret-hex",
        secret,
        "--reset-code",
        "97903-82856-1",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim(),
        "selfservice: The PIN reset code's check digit does not match, so a digit may be mistyped."
    );
    assert_eq!(stderr(&output).lines().count(), 1);
}
