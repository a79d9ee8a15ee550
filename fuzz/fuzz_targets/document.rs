#![no_main]
//! The decrypted document's JSON never panics the reader; a document it
//! accepts serializes and reads back equal, and every token in it computes
//! a code.
use libfuzzer_sys::fuzz_target;
use vault::Document;

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = serde_json::from_slice::<Document>(data) {
        let json = serde_json::to_vec(&document).expect("a document serializes");
        let again: Document = serde_json::from_slice(&json).expect("and reads back");
        assert_eq!(again, document);
        for identity in &document.identities {
            if let Some(token) = &identity.token
                && let Ok(token) = token.to_token()
            {
                let _ = token.code_at(1_700_000_000);
            }
        }
    }
});
