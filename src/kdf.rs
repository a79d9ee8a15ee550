//! Deriving the key-encryption key from a PIN: Argon2id, the one slow step.
//!
//! It runs after yielding to the browser once, so the screen shows that
//! work is under way before the KDF starts.
// TODO(issue 4, item 5): move Argon2id into a Web Worker so no main-thread
// task exceeds 50 ms and its 64 MiB is released after unlock.

use vault::{KdfParams, KeyEncryptionKey, Pin, VaultError};

/// # Errors
/// [`VaultError::KdfParams`] when the slot's parameters are out of range.
pub async fn derive(pin: &Pin, params: &KdfParams) -> Result<KeyEncryptionKey, VaultError> {
    gloo_timers::future::TimeoutFuture::new(0).await;
    KeyEncryptionKey::derive(pin, params)
}
