#![no_main]
//! The backup reader never panics on any bytes, and never asks the KDF for
//! more than its caps: every password slot it lists passes the check, and
//! an encrypted backup opened with a fixed key only says no.
use libfuzzer_sys::fuzz_target;
use vault::backup::{self, Backup, PasswordKey};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match backup::read(&text) {
        Ok(Backup::Plain { entries, .. }) => {
            for entry in &entries {
                let _ = entry.token.code_at(1_700_000_000);
            }
        }
        Ok(Backup::Encrypted(locked)) => {
            let kdfs = locked.password_kdfs();
            assert!(kdfs.len() <= backup::MAX_PASSWORD_SLOTS);
            for (slot, kdf) in kdfs.into_iter().enumerate() {
                if let Ok(kdf) = kdf {
                    assert!(kdf.check().is_ok(), "a listed slot is within the caps");
                    let _ = locked.open(slot, &PasswordKey::from_transfer_bytes([7; 32]));
                }
            }
        }
        Err(_) => {}
    }
});
