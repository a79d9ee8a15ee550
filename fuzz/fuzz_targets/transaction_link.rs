#![no_main]
//! Transaction request links: parsing never panics, and a parsed request
//! encodes to a link that parses back to the same request and MAC.
use libfuzzer_sys::fuzz_target;
use otp::transaction::{encode_link, parse_link};

fuzz_target!(|text: &str| {
    if let Ok((request, mac)) = parse_link(text) {
        let again = parse_link(&encode_link(&request, &mac));
        assert_eq!(again, Ok((request, mac)));
    }
});
