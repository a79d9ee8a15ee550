//! Raw primitives: the 256-bit key type, AES-256-GCM seal and open, and a
//! random key. Private to this crate (`mod hazmat`, never `pub`): other
//! crates reach keys only through the safe API of `file.rs` (the vault's
//! record), `backup` (password envelopes) and `kdf.rs` (derivations).

use crate::VaultError;
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

#[allow(clippy::expect_used, reason = "AES-GCM cannot fail below 64 GiB")]
pub(crate) fn seal(key: &Key, nonce: &[u8; NONCE_BYTES], plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
    Aes256Gcm::new((&key.0).into())
        .encrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("AES-GCM encryption fails only for messages over 64 GiB")
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
