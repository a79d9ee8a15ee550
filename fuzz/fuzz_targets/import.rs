#![no_main]
//! The importers' entry point never panics, on any bytes: it gives tokens
//! and skipped entries, or a typed error.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(imported) = vault::import::import(bytes, None) {
        for entry in &imported.entries {
            let _ = entry.token.code_at(1_700_000_000);
        }
    }
});
