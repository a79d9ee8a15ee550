#![no_main]
//! The otpauth-migration decoder never panics, on links and on raw payload
//! bytes; every imported entry can compute a code and emit an otpauth link.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut tracker = otp::migration::BatchTracker::default();
    for link in [
        text.to_string(),
        format!("otpauth-migration://offline?data={}", base64_standard(data)),
    ] {
        if let Ok(batch) = otp::migration::parse(&link) {
            let _ = tracker.record(&batch);
            for entry in &batch.entries {
                let _ = entry.token.code_at(1_700_000_000);
                let _ = otp::otpauth::emit(entry);
            }
        }
    }
});

fn base64_standard(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    data.chunks(3)
        .flat_map(|chunk| {
            let n = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
            (0..=chunk.len()).map(move |i| char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]))
        })
        .map(|c| if c == '+' { "%2B".to_owned() } else if c == '/' { "%2F".to_owned() } else { c.to_string() })
        .collect()
}
