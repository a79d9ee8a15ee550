//! Replays every input in the fuzzing corpus (`fuzz/corpus/<target>/`)
//! through the parsers it was found for: each must return, never panic,
//! and keep the round-trip properties the fuzz targets assert.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::activation::{
    ActivationCode, RegistrationCode, SerialNumber, decode_link, decode_payload,
};
use std::path::PathBuf;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no corpus at {}: {e}", dir.display()))
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    inputs.sort();
    assert!(
        !inputs.is_empty(),
        "the corpus at {} is empty",
        dir.display()
    );
    inputs
}

fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

#[test]
fn base32_corpus() {
    for input in corpus("base32") {
        let Some(text) = text(&input) else { continue };
        if let Ok(secret) = otp::base32::decode(text) {
            assert_eq!(
                otp::base32::decode(&otp::base32::encode(secret.expose())).unwrap(),
                secret
            );
        }
    }
}

#[test]
fn otpauth_corpus() {
    for input in corpus("otpauth") {
        let Some(text) = text(&input) else { continue };
        if let Ok(entry) = otp::otpauth::parse(text) {
            let _ = entry.token.code_at(1_700_000_000);
            if !entry.account.starts_with(char::is_whitespace) {
                assert_eq!(
                    otp::otpauth::parse(&otp::otpauth::emit(&entry)).unwrap(),
                    entry,
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn activation_codes_corpus() {
    for input in corpus("activation_codes") {
        let Some(text) = text(&input) else { continue };
        if let Ok(serial) = SerialNumber::parse(text) {
            assert_eq!(SerialNumber::parse(&serial.formatted()).unwrap(), serial);
        }
        if let Ok(code) = ActivationCode::parse(text) {
            assert_eq!(ActivationCode::parse(&code.formatted()).unwrap(), code);
        }
        if let Ok(registration) = RegistrationCode::parse(text) {
            assert!(registration.number() < 1_000_000_000);
        }
    }
}

#[test]
fn igmobileotp_link_corpus() {
    for input in corpus("igmobileotp_link") {
        // libfuzzer's (&str, &str) splits the bytes; replaying the whole
        // input as link, payload and password covers the same parsers.
        let _ = decode_payload(&input);
        if let Some(text) = text(&input) {
            let _ = decode_link(text, text);
            let _ = decode_link(text, "12345678");
        }
    }
}

#[test]
fn migration_corpus() {
    use base64::Engine;
    for input in corpus("migration") {
        let data = base64::engine::general_purpose::STANDARD.encode(&input);
        for link in [
            String::from_utf8_lossy(&input).to_string(),
            format!("otpauth-migration://offline?data={data}"),
        ] {
            if let Ok(batch) = otp::migration::parse(&link) {
                for entry in &batch.entries {
                    let _ = entry.token.code_at(1_700_000_000);
                    let _ = otp::otpauth::emit(entry);
                }
            }
        }
    }
}

#[test]
fn ocra_corpus() {
    use otp::ocra::{Inputs, PinInput, Suite};
    for input in corpus("ocra") {
        let Some(text) = text(&input) else { continue };
        let (suite_text, question) = text.split_once('\n').unwrap_or((text, "1234"));
        let Ok(suite) = Suite::parse(suite_text) else {
            continue;
        };
        assert_eq!(suite.to_string(), suite_text);
        let inputs = Inputs {
            counter: suite.counter.then_some(7),
            question,
            pin: suite.pin.map(|_| PinInput::Pin("1234")),
            session: suite.session.map(|_| question.as_bytes()),
            unix_seconds: suite.time_step.map(|_| 1_700_000_000),
        };
        if let Ok(code) = suite.response(b"fuzzing key", &inputs) {
            assert_eq!(suite.verify(b"fuzzing key", &inputs, &code, 0), Ok(Some(0)));
        }
    }
}

#[test]
fn transaction_link_corpus() {
    use otp::transaction::{encode_link, parse_link};
    for input in corpus("transaction_link") {
        let Some(text) = text(&input) else { continue };
        if let Ok((request, mac)) = parse_link(text) {
            assert_eq!(parse_link(&encode_link(&request, &mac)), Ok((request, mac)));
        }
    }
}
