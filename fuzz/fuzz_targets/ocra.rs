#![no_main]
//! OCRA suites and questions: parsing never panics, a parsed suite prints
//! back as written, and a response to any question either is computed or
//! is a typed error. Input: the suite, a newline, then the question.
use libfuzzer_sys::fuzz_target;
use otp::ocra::{Inputs, PinInput, Suite};

fuzz_target!(|text: &str| {
    let (suite_text, question) = text.split_once('\n').unwrap_or((text, "1234"));
    if let Ok(suite) = Suite::parse(suite_text) {
        assert_eq!(suite.to_string(), suite_text);
        let inputs = Inputs {
            counter: suite.counter.then_some(7),
            question,
            pin: suite.pin.map(|_| PinInput::Pin("1234")),
            session: suite.session.map(|_| question.as_bytes()),
            unix_seconds: suite.time_step.map(|_| 1_700_000_000),
        };
        if let Ok(code) = suite.response(b"fuzzing key", &inputs) {
            let expected = if suite.digits == 0 { 2 * match suite.hash {
                otp::Algorithm::Sha1 => 20,
                otp::Algorithm::Sha256 => 32,
                otp::Algorithm::Sha512 => 64,
            } } else { usize::from(suite.digits) };
            assert_eq!(code.len(), expected);
            assert_eq!(suite.verify(b"fuzzing key", &inputs, &code, 0), Ok(Some(0)));
        }
    }
});
