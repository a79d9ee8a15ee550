#![no_main]
//! The three codes' parsers never panic; an accepted code formats to text
//! that parses to the same code.
use libfuzzer_sys::fuzz_target;
use otp::activation::{ActivationCode, RegistrationCode, SerialNumber};

fuzz_target!(|text: &str| {
    if let Ok(serial) = SerialNumber::parse(text) {
        assert_eq!(SerialNumber::parse(&serial.formatted()).ok(), Some(serial));
    }
    if let Ok(code) = ActivationCode::parse(text) {
        assert_eq!(ActivationCode::parse(&code.formatted()).ok().as_ref(), Some(&code));
        let registration = RegistrationCode::generate(&code, [1, 2]);
        assert!(registration.is_for(&code));
    }
    if let Ok(registration) = RegistrationCode::parse(text) {
        assert!(registration.number() < 1_000_000_000);
    }
});
