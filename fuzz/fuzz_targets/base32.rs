#![no_main]
//! Base32 decoding never panics, and what decodes re-encodes to the same bytes.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(secret) = otp::base32::decode(text) {
        let again = otp::base32::decode(&otp::base32::encode(secret.expose())).ok();
        assert_eq!(again.as_ref(), Some(&secret));
    }
});
