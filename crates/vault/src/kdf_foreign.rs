//! Key derivations that other apps' encrypted exports ask for: PBKDF2
//! (2FAS, andOTP, Authy) and Argon2id with the exporter's own lanes
//! (Stratum). They run through [`crate::KdfRequest`] like the vault's own,
//! so the app runs them in the KDF worker.
//!
//! Security contract: parameters come from a file anyone can craft, so
//! [`ForeignKdf::check`] refuses anything above the caps (PBKDF2 at most
//! 10,000,000 iterations; Argon2id at most 256 MiB, 10 passes, 16 lanes)
//! before a byte of memory or a second of work is spent on them.

use crate::KdfError;
use crate::hazmat::{KEY_BYTES, Key};
use serde::{Deserialize, Serialize};

/// The hash under PBKDF2's HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pbkdf2Hash {
    Sha1,
    Sha256,
    Sha512,
}

/// A derivation an export's format names, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForeignKdf {
    Pbkdf2 {
        hash: Pbkdf2Hash,
        iterations: u32,
        salt: Vec<u8>,
    },
    Argon2id {
        memory_kib: u32,
        iterations: u32,
        lanes: u32,
        salt: Vec<u8>,
    },
}

impl ForeignKdf {
    /// More PBKDF2 iterations than any app writes (andOTP's are about
    /// 150,000): above this a file is refused, not derived for minutes.
    pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
    pub const MAX_ARGON2_MEMORY_KIB: u32 = 256 * 1024;
    pub const MAX_ARGON2_ITERATIONS: u32 = 10;
    pub const MAX_ARGON2_LANES: u32 = 16;
    /// 2FAS's salts are 256 bytes; a salt is hashed once, so its length costs nothing.
    pub const MAX_SALT_BYTES: usize = 1024;

    /// Refuses parameters above the caps.
    ///
    /// # Errors
    /// [`KdfError::ImportParams`].
    pub fn check(&self) -> Result<(), KdfError> {
        let within = match self {
            Self::Pbkdf2 {
                iterations, salt, ..
            } => (1..=Self::MAX_PBKDF2_ITERATIONS).contains(iterations) && salt_fits(salt),
            Self::Argon2id {
                memory_kib,
                iterations,
                lanes,
                salt,
            } => {
                (1..=Self::MAX_ARGON2_LANES).contains(lanes)
                    && (8 * lanes..=Self::MAX_ARGON2_MEMORY_KIB).contains(memory_kib)
                    && (1..=Self::MAX_ARGON2_ITERATIONS).contains(iterations)
                    && salt.len() >= 8
                    && salt_fits(salt)
            }
        };
        within.then_some(()).ok_or(KdfError::ImportParams)
    }

    /// Runs the derivation, after [`ForeignKdf::check`].
    pub(crate) fn derive(&self, secret: &[u8]) -> Result<Key, KdfError> {
        self.check()?;
        let mut out = Key([0u8; KEY_BYTES]);
        match self {
            Self::Pbkdf2 {
                hash,
                iterations,
                salt,
            } => {
                let run = match hash {
                    Pbkdf2Hash::Sha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>,
                    Pbkdf2Hash::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>,
                    Pbkdf2Hash::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>,
                };
                run(secret, salt, *iterations, &mut out.0);
            }
            Self::Argon2id {
                memory_kib,
                iterations,
                lanes,
                salt,
            } => {
                let params = argon2::Params::new(*memory_kib, *iterations, *lanes, Some(KEY_BYTES))
                    .map_err(|_| KdfError::ImportParams)?;
                argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
                    .hash_password_into(secret, salt, &mut out.0)
                    .map_err(|_| KdfError::ImportParams)?;
            }
        }
        Ok(out)
    }
}

fn salt_fits(salt: &[u8]) -> bool {
    !salt.is_empty() && salt.len() <= ForeignKdf::MAX_SALT_BYTES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_matches_rfc6070() {
        // RFC 6070, test 2: "password", "salt", 2 iterations (first 20 bytes).
        let kdf = ForeignKdf::Pbkdf2 {
            hash: Pbkdf2Hash::Sha1,
            iterations: 2,
            salt: b"salt".to_vec(),
        };
        let key = kdf.derive(b"password").unwrap();
        assert_eq!(
            hex::encode(&key.0[..20]),
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"
        );
    }

    #[test]
    fn parameters_above_the_caps_are_refused_before_any_work() {
        let too_many = ForeignKdf::Pbkdf2 {
            hash: Pbkdf2Hash::Sha256,
            iterations: ForeignKdf::MAX_PBKDF2_ITERATIONS + 1,
            salt: vec![1; 16],
        };
        assert_eq!(too_many.derive(b"x").err(), Some(KdfError::ImportParams));
        let too_much = ForeignKdf::Argon2id {
            memory_kib: ForeignKdf::MAX_ARGON2_MEMORY_KIB + 1,
            iterations: 1,
            lanes: 1,
            salt: vec![1; 16],
        };
        assert_eq!(too_much.derive(b"x").err(), Some(KdfError::ImportParams));
        let no_salt = ForeignKdf::Pbkdf2 {
            hash: Pbkdf2Hash::Sha1,
            iterations: 1,
            salt: Vec::new(),
        };
        assert_eq!(no_salt.check(), Err(KdfError::ImportParams));
    }
}
