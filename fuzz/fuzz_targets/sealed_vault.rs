#![no_main]
//! `SealedVault::parse` never panics; what it accepts writes back to text
//! that parses to the same record, and its PIN slot's parameters are
//! refused or within the caps (never handed to Argon2 unchecked).
use libfuzzer_sys::fuzz_target;
use vault::SealedVault;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(sealed) = SealedVault::parse(text) {
        let again = SealedVault::parse(&sealed.to_text()).expect("a parsed record writes back");
        assert_eq!(again, sealed);
        if let Ok(kdf) = sealed.pin_kdf() {
            assert!(kdf.check().is_ok());
        }
    }
});
