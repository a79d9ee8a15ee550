#![no_main]
//! otpauth parsing never panics; a parsed link emits and parses back equal,
//! and its code can be computed.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(entry) = otp::otpauth::parse(text) {
        let _ = entry.token.code_at(1_700_000_000);
        let emitted = otp::otpauth::emit(&entry);
        let reparsed = otp::otpauth::parse(&emitted).ok();
        if !entry.account.starts_with(char::is_whitespace) {
            assert_eq!(reparsed.as_ref(), Some(&entry), "{}", emitted.as_str());
        }
    }
});
