//! Raw primitives: the 256-bit key type, AES-256-GCM seal and open, a
//! random key, and the weaker ciphers other apps' exports need. Private to
//! this crate (`mod hazmat`, never `pub`): other crates reach keys only
//! through the safe API of `file.rs` (the vault's record), `backup`
//! (password envelopes), `import` (other apps' exports) and `kdf.rs`
//! (derivations).

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

/// AES-256-CBC with PKCS#7 padding, as two other apps' exports use it
/// (Authy, TOTP Authenticator). `None` when the padding is wrong: a wrong
/// key, almost always, since CBC has no tag.
pub(crate) fn cbc_open(key: &Key, iv: &[u8; 16], ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
    cbc::Decryptor::<aes::Aes256>::new((&key.0).into(), iv.into())
        .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
        .ok()
        .map(Zeroizing::new)
}

/// SHA-256 of a password as the key: what old andOTP and TOTP
/// Authenticator exports use instead of a KDF. Instant, so never in a worker.
pub(crate) fn sha256_key(password: &[u8]) -> Key {
    use sha2::Digest;
    Key(sha2::Sha256::digest(password).into())
}
