//! Suite strings: every field the RFC defines reads back as written, and
//! each malformed suite or input is refused naming its part.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::Algorithm;
use otp::ocra::{Inputs, OcraError, PinInput, QuestionFormat, Suite, SuiteError, TimeStep};
use proptest::prelude::*;

#[test]
fn every_field_is_read() {
    let suite = Suite::parse("OCRA-1:HOTP-SHA512-10:C-QH40-PSHA256-S128-T30S").unwrap();
    assert_eq!(suite.hash, Algorithm::Sha512);
    assert_eq!(suite.digits, 10);
    assert!(suite.counter);
    assert_eq!(suite.question, QuestionFormat::Hex);
    assert_eq!(suite.question_length, 40);
    assert_eq!(suite.pin, Some(Algorithm::Sha256));
    assert_eq!(suite.session, Some(128));
    assert_eq!(suite.time_step, Some(TimeStep::Seconds(30)));
    assert_eq!(TimeStep::Hours(48).seconds(), 172_800);
    let minimal = Suite::parse("OCRA-1:HOTP-SHA1-0:QA64").unwrap();
    assert_eq!(
        (minimal.digits, minimal.counter, minimal.pin),
        (0, false, None)
    );
}

#[test]
fn malformed_suites_name_their_part() {
    type Expect = fn(&SuiteError) -> bool;
    let cases: &[(&str, Expect)] = &[
        ("this_is_not_a_suite", |e| matches!(e, SuiteError::Shape)),
        ("OCRA-1:HOTP-SHA1-6:QN08:extra", |e| {
            matches!(e, SuiteError::Shape)
        }),
        (
            "OCRA-2:HOTP-SHA1-6:QN08",
            |e| matches!(e, SuiteError::Version(v) if v == "OCRA-2"),
        ),
        ("OCRA-1::QA08", |e| {
            matches!(e, SuiteError::CryptoFunction(_))
        }),
        ("OCRA-1:HOTP-SHA-6:QN08", |e| {
            matches!(e, SuiteError::CryptoFunction(_))
        }),
        ("OCRA-1:HTOP-SHA1-6:QN08", |e| {
            matches!(e, SuiteError::CryptoFunction(_))
        }),
        (
            "OCRA-1:HOTP-SHA1-1:QA08",
            |e| matches!(e, SuiteError::Digits(d) if d == "1"),
        ),
        ("OCRA-1:HOTP-SHA1-11:QA08", |e| {
            matches!(e, SuiteError::Digits(_))
        }),
        ("OCRA-1:HOTP-SHA1-06:QA08", |e| {
            matches!(e, SuiteError::Digits(_))
        }),
        ("OCRA-1:HOTP-SHA1-a0:QN08", |e| {
            matches!(e, SuiteError::Digits(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:", |e| matches!(e, SuiteError::Field(_))),
        ("OCRA-1:HOTP-SHA1-6:C", |e| {
            matches!(e, SuiteError::NoQuestion)
        }),
        ("OCRA-1:HOTP-SHA1-6:C-", |e| {
            matches!(e, SuiteError::Field(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QX08", |e| {
            matches!(e, SuiteError::Question(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN03", |e| {
            matches!(e, SuiteError::Question(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN65", |e| {
            matches!(e, SuiteError::Question(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN8", |e| {
            matches!(e, SuiteError::Question(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QA-08", |e| {
            matches!(e, SuiteError::Question(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-C", |e| {
            matches!(e, SuiteError::CounterPosition)
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-PSHA384", |e| {
            matches!(e, SuiteError::Pin(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-S64", |e| {
            matches!(e, SuiteError::Session(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-S000", |e| {
            matches!(e, SuiteError::Session(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QH08-S028---", |e| {
            matches!(e, SuiteError::Field(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-T", |e| {
            matches!(e, SuiteError::TimeStep(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-T01M", |e| {
            matches!(e, SuiteError::TimeStep(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-T91S", |e| {
            matches!(e, SuiteError::TimeStep(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-T60M", |e| {
            matches!(e, SuiteError::TimeStep(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-T0H", |e| {
            matches!(e, SuiteError::TimeStep(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-T49H", |e| {
            matches!(e, SuiteError::TimeStep(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:QN08-T1X", |e| {
            matches!(e, SuiteError::TimeStep(_))
        }),
        (
            "OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1",
            |e| matches!(e, SuiteError::Field(f) if f == "PSHA1"),
        ),
        ("OCRA-1:HOTP-SHA1-6:QN08-QN08", |e| {
            matches!(e, SuiteError::Field(_))
        }),
        ("OCRA-1:HOTP-SHA1-6:PSHA1-QN08", |e| {
            matches!(e, SuiteError::Field(_))
        }),
        ("ocra-1:hotp-sha1-6:qn08", |e| {
            matches!(e, SuiteError::Version(_))
        }),
    ];
    for (text, expected) in cases {
        let error = Suite::parse(text).expect_err(text);
        assert!(expected(&error), "{text}: {error:?}");
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn malformed_inputs_name_their_part() {
    let suite = Suite::parse("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1-S064-T1M").unwrap();
    let full = Inputs {
        counter: Some(1),
        question: "12345678",
        pin: Some(PinInput::Pin("1234")),
        session: Some(&[1, 2, 3]),
        unix_seconds: Some(1_700_000_000),
    };
    assert!(suite.response(b"key", &full).is_ok());
    let error = |inputs: Inputs<'_>| suite.response(b"key", &inputs).unwrap_err();
    assert_eq!(
        error(Inputs {
            counter: None,
            ..full
        }),
        OcraError::MissingCounter
    );
    assert_eq!(error(Inputs { pin: None, ..full }), OcraError::MissingPin);
    assert_eq!(
        error(Inputs {
            session: None,
            ..full
        }),
        OcraError::MissingSession
    );
    assert_eq!(
        error(Inputs {
            unix_seconds: None,
            ..full
        }),
        OcraError::MissingTime
    );
    assert_eq!(
        error(Inputs {
            question: "",
            ..full
        }),
        OcraError::EmptyQuestion
    );
    assert_eq!(
        error(Inputs {
            question: "123",
            ..full
        }),
        OcraError::ShortQuestion
    );
    assert_eq!(
        error(Inputs {
            question: "12a45678",
            ..full
        }),
        OcraError::QuestionCharacters("digits")
    );
    assert_eq!(
        error(Inputs {
            pin: Some(PinInput::Hash(&[0; 19])),
            ..full
        }),
        OcraError::PinHashLength {
            expected: 20,
            given: 19
        }
    );
    let long = [0u8; 65];
    assert_eq!(
        error(Inputs {
            session: Some(&long),
            ..full
        }),
        OcraError::LongSession {
            allowed: 64,
            given: 65
        }
    );
    assert_eq!(suite.response(b"", &full).unwrap_err(), OcraError::EmptyKey);

    let bare = Suite::parse("OCRA-1:HOTP-SHA1-6:QA08").unwrap();
    let unused = |inputs: Inputs<'_>| bare.response(b"key", &inputs).unwrap_err();
    let base = Inputs {
        question: "ABCD1234",
        ..Inputs::default()
    };
    assert_eq!(
        unused(Inputs {
            counter: Some(0),
            ..base
        }),
        OcraError::UnusedCounter
    );
    assert_eq!(
        unused(Inputs {
            pin: Some(PinInput::Pin("1")),
            ..base
        }),
        OcraError::UnusedPin
    );
    assert_eq!(
        unused(Inputs {
            session: Some(&[]),
            ..base
        }),
        OcraError::UnusedSession
    );
    assert_eq!(
        unused(Inputs {
            unix_seconds: Some(0),
            ..base
        }),
        OcraError::UnusedTime
    );
    assert_eq!(
        unused(Inputs {
            question: "ABC-1234",
            ..base
        }),
        OcraError::QuestionCharacters("letters and digits")
    );
    assert_eq!(
        unused(Inputs {
            question: &"A".repeat(129),
            ..base
        }),
        OcraError::LongQuestion
    );
}

#[test]
fn a_pin_in_debug_output_is_redacted() {
    let inputs = Inputs {
        question: "1234",
        pin: Some(PinInput::Pin("98765")),
        ..Inputs::default()
    };
    assert!(!format!("{inputs:?}").contains("98765"));
}

#[test]
fn no_truncation_gives_the_whole_mac() {
    let suite = Suite::parse("OCRA-1:HOTP-SHA256-0:QH10").unwrap();
    let inputs = Inputs {
        question: "6e6ec0469f",
        ..Inputs::default()
    };
    let whole = suite.response(b"key", &inputs).unwrap();
    assert_eq!(whole.len(), 64);
    assert!(whole.bytes().all(|b| b.is_ascii_hexdigit()));
}

fn suite_strategy() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["SHA1", "SHA256", "SHA512"]),
        prop::sample::select(vec![0u8, 4, 5, 6, 7, 8, 9, 10]),
        any::<bool>(),
        prop::sample::select(vec!['A', 'N', 'H']),
        4u8..=64,
        prop::option::of(prop::sample::select(vec!["SHA1", "SHA256", "SHA512"])),
        prop::option::of(1u16..=999),
        prop::option::of(prop_oneof![
            (1u8..=59).prop_map(|n| format!("{n}S")),
            (1u8..=59).prop_map(|n| format!("{n}M")),
            (1u8..=48).prop_map(|n| format!("{n}H")),
        ]),
    )
        .prop_map(
            |(hash, digits, counter, format, length, pin, session, time)| {
                let mut text = format!("OCRA-1:HOTP-{hash}-{digits}:");
                if counter {
                    text.push_str("C-");
                }
                text.push_str(&format!("Q{format}{length:02}"));
                if let Some(pin) = pin {
                    text.push_str(&format!("-P{pin}"));
                }
                if let Some(session) = session {
                    text.push_str(&format!("-S{session:03}"));
                }
                if let Some(time) = time {
                    text.push_str(&format!("-T{time}"));
                }
                text
            },
        )
}

proptest! {
    #[test]
    fn a_suite_reads_back_as_written(text in suite_strategy()) {
        let suite = Suite::parse(&text).unwrap();
        prop_assert_eq!(suite.to_string(), text);
    }

    #[test]
    fn parsing_never_panics(text in "\\PC{0,60}") {
        let _ = Suite::parse(&text);
    }

    #[test]
    fn a_numeric_question_is_read_as_a_number(value in 1000u64.., zeros in 1usize..8) {
        // §5.1 hashes a numeric question's value, so leading zeros do not change the answer.
        let suite = Suite::parse("OCRA-1:HOTP-SHA1-8:QN64").unwrap();
        let answer = |question: &str| suite.response(b"key", &Inputs { question, ..Inputs::default() });
        let plain = value.to_string();
        let padded = format!("{}{plain}", "0".repeat(zeros));
        prop_assert_eq!(answer(&plain).unwrap(), answer(&padded).unwrap());
        prop_assert_ne!(answer(&plain).unwrap(), answer(&(value + 1).to_string()).unwrap());
    }

    #[test]
    fn a_hex_question_is_left_aligned(nibbles in "[0-9A-F]{4,40}") {
        // The question field is zero-filled on the right, so a trailing 0 changes
        // nothing when the digit count is odd (it fills the same low nibble).
        let suite = Suite::parse("OCRA-1:HOTP-SHA1-8:QH64").unwrap();
        let answer = |question: &str| suite.response(b"key", &Inputs { question, ..Inputs::default() });
        let odd = if nibbles.len() % 2 == 0 { format!("{nibbles}7") } else { nibbles.clone() };
        prop_assert_eq!(answer(&odd).unwrap(), answer(&format!("{odd}0")).unwrap());
        prop_assert_eq!(answer(&odd).unwrap(), answer(&odd.to_lowercase()).unwrap());
    }
}
