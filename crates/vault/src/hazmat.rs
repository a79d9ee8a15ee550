//! Raw primitives, crate-private except the key-encryption key's opaque
//! type (so the app can derive it off the main thread). Everything else goes
//! through `file.rs`'s safe API.

use crate::{KdfParams, Pin, VaultError};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

pub(crate) const KEY_BYTES: usize = 32;
pub(crate) const NONCE_BYTES: usize = 12;

/// A 256-bit key. Zeroized on drop; `Debug` shows nothing.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub(crate) struct Key(pub(crate) [u8; KEY_BYTES]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(redacted)")
    }
}

/// The key that a PIN slot's KDF yields: it wraps the data key.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct KeyEncryptionKey(pub(crate) Key);

impl std::fmt::Debug for KeyEncryptionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyEncryptionKey(redacted)")
    }
}

impl KeyEncryptionKey {
    /// The raw bytes, only to carry the key from the Web Worker that
    /// derived it to the page (postMessage). Zeroize the copy after use.
    pub fn to_transfer_bytes(&self) -> zeroize::Zeroizing<[u8; KEY_BYTES]> {
        zeroize::Zeroizing::new(self.0.0)
    }

    /// The counterpart of [`KeyEncryptionKey::to_transfer_bytes`].
    pub fn from_transfer_bytes(bytes: [u8; KEY_BYTES]) -> Self {
        Self(Key(bytes))
    }

    /// Argon2id(PIN, salt) with the slot's parameters. This is the slow
    /// step; the app runs it in a Web Worker.
    ///
    /// # Errors
    /// [`VaultError::KdfParams`] when the parameters are outside the caps
    /// of [`KdfParams::check`]: checked here too, so that no caller (the
    /// worker reads them from a message) can skip it.
    pub fn derive(pin: &Pin, params: &KdfParams) -> Result<Self, VaultError> {
        params.check()?;
        let argon_params = argon2::Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            Some(KEY_BYTES),
        )
        .map_err(|_| VaultError::KdfParams)?;
        let argon = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon_params,
        );
        let mut out = [0u8; KEY_BYTES];
        argon
            .hash_password_into(pin.as_bytes(), &params.salt, &mut out)
            .map_err(|_| VaultError::KdfParams)?;
        Ok(Self(Key(out)))
    }
}

pub(crate) fn seal(key: &Key, nonce: &[u8; NONCE_BYTES], plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
    // Encryption fails only for messages over 64 GiB.
    Aes256Gcm::new((&key.0).into())
        .encrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .unwrap_or_default()
}

/// `None` when the tag does not verify: wrong key, or changed bytes.
pub(crate) fn open(
    key: &Key,
    nonce: &[u8],
    ciphertext: &[u8],
    aad: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    if nonce.len() != NONCE_BYTES {
        return None;
    }
    Aes256Gcm::new((&key.0).into())
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

pub(crate) fn random_key(entropy: &mut dyn crate::Entropy) -> Result<Key, VaultError> {
    let mut key = Key([0u8; KEY_BYTES]);
    entropy.fill(&mut key.0)?;
    Ok(key)
}
