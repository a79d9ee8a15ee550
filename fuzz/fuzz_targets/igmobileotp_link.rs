#![no_main]
//! Secure-link decoding never panics, for arbitrary links and passwords, and
//! arbitrary payload bytes behind a valid MAC (the payload parser).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (link, password) = input;
    let _ = otp::activation::decode_link(link, password);
    let _ = otp::activation::decode_payload(link.as_bytes());
});
