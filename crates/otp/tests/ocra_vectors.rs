//! Every test vector of RFC 6287 Appendix C (`vectors/rfc6287_appendix_c.txt`)
//! through the library, the PIN given both as typed and as its hash; the
//! CLI runs the same file in `crates/selfservice/tests/challenge.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::ocra::{Inputs, PinInput, Suite};

const TABLE: &str = include_str!("vectors/rfc6287_appendix_c.txt");
/// SHA-1 of "1234", as the RFC gives it.
const PIN_1234_SHA1: &str = "7110eda4d09e062aa5e4a390b0a572ac0d2c0220";
const RFC_TIME: u64 = 0x0132_d0b6 * 60;
const KEY64: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";

fn hex(text: &str) -> Vec<u8> {
    otp::Secret::from_hex(text).unwrap().expose().to_vec()
}

#[test]
fn every_appendix_c_vector() {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('|').collect())
        .collect();
    assert_eq!(rows.len(), 70);
    let pin_hash = hex(PIN_1234_SHA1);
    for row in rows {
        let [suite, key, counter, question, pin, time, expected] = row[..] else {
            panic!("{row:?}")
        };
        let suite = Suite::parse(suite).unwrap();
        let key = hex(key);
        let mut inputs = Inputs {
            counter: counter.parse().ok(),
            question,
            pin: (!pin.is_empty()).then_some(PinInput::Pin(pin)),
            session: None,
            unix_seconds: time.parse().ok(),
        };
        assert_eq!(
            suite.response(&key, &inputs).unwrap(),
            expected,
            "{suite} {question}"
        );
        if suite.pin == Some(otp::Algorithm::Sha1) {
            inputs.pin = Some(PinInput::Hash(&pin_hash));
            assert_eq!(
                suite.response(&key, &inputs).unwrap(),
                expected,
                "{suite} hashed PIN"
            );
        }
        // Any second of the RFC's minute is the same time step.
        if let Some(time) = inputs.unix_seconds {
            inputs.unix_seconds = Some(time + 59);
            assert_eq!(suite.response(&key, &inputs).unwrap(), expected);
        }
    }
}

#[test]
fn verify_finds_a_counter_ahead_and_a_time_step_apart() {
    let suite = Suite::parse("OCRA-1:HOTP-SHA512-8:C-QN08").unwrap();
    // 33203315 is the RFC's response at counter 4 to 44444444.
    let at = |counter| Inputs {
        counter: Some(counter),
        question: "44444444",
        ..Inputs::default()
    };
    assert_eq!(suite.verify(KEY64, &at(4), "33203315", 0).unwrap(), Some(0));
    assert_eq!(suite.verify(KEY64, &at(1), "33203315", 3).unwrap(), Some(3));
    assert_eq!(suite.verify(KEY64, &at(1), "33203315", 2).unwrap(), None);
    assert_eq!(suite.verify(KEY64, &at(5), "33203315", 9).unwrap(), None);

    let timed = Suite::parse("OCRA-1:HOTP-SHA512-8:QN08-T1M").unwrap();
    let at_time = |seconds| Inputs {
        question: "00000000",
        unix_seconds: Some(seconds),
        ..Inputs::default()
    };
    assert_eq!(
        timed
            .verify(KEY64, &at_time(RFC_TIME + 120), "95209754", 2)
            .unwrap(),
        Some(-2)
    );
    assert_eq!(
        timed
            .verify(KEY64, &at_time(RFC_TIME - 60), "95209754", 1)
            .unwrap(),
        Some(1)
    );
    assert_eq!(
        timed
            .verify(KEY64, &at_time(RFC_TIME + 180), "95209754", 2)
            .unwrap(),
        None
    );
}
