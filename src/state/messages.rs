//! The sentences the state's errors become: what a screen shows when a PIN
//! is malformed or easy, a vault cannot be opened, or a derivation failed.

use vault::{Pin, VaultError};

/// Reads a PIN as typed, or says what a PIN must be.
///
/// # Errors
/// The sentence shown under the PIN field.
pub fn parse_pin(text: &str) -> Result<Pin, String> {
    Pin::new(text).map_err(|_| "A PIN has 4 to 16 digits.".to_owned())
}

/// Reads a PIN being chosen (Create PIN, Change PIN): also refuses one that
/// is easy to guess.
///
/// # Errors
/// The sentence shown under the PIN field.
pub fn parse_new_pin(text: &str) -> Result<Pin, String> {
    Pin::new_chosen(text).map_err(|error| match error {
        VaultError::WeakPin => sentence(&error),
        _ => "A PIN has 4 to 16 digits.".to_owned(),
    })
}

/// A crate's error message as a sentence: capital first, full stop last.
/// ASCII only: the messages are English, and Unicode case tables would add
/// about 25 KB to the start-up WASM.
pub fn sentence(error: &impl std::fmt::Display) -> String {
    let mut text = error.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

pub(super) fn vault_message(error: &VaultError) -> String {
    match error {
        VaultError::WrongPin => "That PIN is not correct.".into(),
        VaultError::NewerFormat(_) | VaultError::KdfParams | VaultError::WeakPin => {
            sentence(error)
        }
        VaultError::Corrupt(_) => "The stored tokens could not be read: the record is damaged. It was left as it is; nothing was deleted.".into(),
        other => format!("Something went wrong: {other}."),
    }
}

pub(super) fn derive_message(error: &crate::kdf::DeriveError) -> String {
    match error {
        crate::kdf::DeriveError::Vault(error) => vault_message(error),
        other => sentence(other),
    }
}
