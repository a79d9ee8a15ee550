//! Every key derivation in one place: Argon2id for PIN slots, scrypt for
//! backup password slots, their parameters, the caps that refuse crafted
//! ones, and [`KdfRequest`], the one message a Web Worker needs to run
//! either off the main thread.
//!
//! Security contract: a [`KdfRequest`] holds its secret (PIN or password)
//! only until dropped, zeroized then, and never prints it; a derived key
//! leaves this crate only as opaque types, or as transfer bytes to carry it
//! from the worker back to the page. Parameters are checked against the
//! caps before any memory is taken for them.

use crate::hazmat::{KEY_BYTES, Key};
use crate::{Entropy, Pin, VaultError};
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

/// Argon2id parameters of a PIN slot, stored in the slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: KdfAlgorithm,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    #[serde(with = "b64")]
    pub salt: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KdfAlgorithm {
    #[serde(rename = "argon2id-v19")]
    Argon2idV19,
}

/// What a new PIN slot costs: memory and passes. The salt and the rest are
/// this crate's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfCosts {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for KdfCosts {
    fn default() -> Self {
        Self {
            memory_kib: KdfParams::DEFAULT_MEMORY_KIB,
            iterations: KdfParams::DEFAULT_ITERATIONS,
        }
    }
}

impl KdfParams {
    /// The defaults for new PINs: 64 MiB, 3 passes, 1 lane (well above
    /// OWASP's 19 MiB / 2 passes minimum).
    pub const DEFAULT_MEMORY_KIB: u32 = 64 * 1024;
    pub const DEFAULT_ITERATIONS: u32 = 3;
    pub const SALT_BYTES: usize = 16;
    /// The most any slot may ask for: a tampered or foreign record must not
    /// make every unlock run out of memory or run for minutes.
    pub const MAX_MEMORY_KIB: u32 = 256 * 1024;
    pub const MAX_ITERATIONS: u32 = 10;

    /// Default parameters with a fresh salt.
    ///
    /// # Errors
    /// [`VaultError::Random`] without a random source.
    pub fn fresh(entropy: &mut dyn Entropy) -> Result<Self, VaultError> {
        Self::fresh_with(Self::DEFAULT_MEMORY_KIB, Self::DEFAULT_ITERATIONS, entropy)
    }

    /// Chosen costs with a fresh salt (tests use small ones).
    ///
    /// # Errors
    /// [`VaultError::Random`] without a random source.
    pub fn fresh_with(
        memory_kib: u32,
        iterations: u32,
        entropy: &mut dyn Entropy,
    ) -> Result<Self, VaultError> {
        let mut salt = vec![0u8; Self::SALT_BYTES];
        entropy.fill(&mut salt)?;
        Ok(Self {
            algorithm: KdfAlgorithm::Argon2idV19,
            memory_kib,
            iterations,
            parallelism: 1,
            salt,
        })
    }

    /// Refuses parameters outside the caps (docs/vault-format.md, "Limits"),
    /// before any memory is reserved for them.
    ///
    /// # Errors
    /// [`VaultError::KdfParams`].
    pub fn check(&self) -> Result<(), VaultError> {
        let within = self.parallelism == 1
            && (8..=Self::MAX_MEMORY_KIB).contains(&self.memory_kib)
            && (1..=Self::MAX_ITERATIONS).contains(&self.iterations)
            && self.salt.len() == Self::SALT_BYTES;
        within.then_some(()).ok_or(VaultError::KdfParams)
    }

    /// True when these costs are below `costs`: the slot should be
    /// re-wrapped with stronger ones after the next unlock.
    pub fn weaker_than(&self, memory_kib: u32, iterations: u32) -> bool {
        self.memory_kib < memory_kib || self.iterations < iterations
    }
}

/// scrypt's parameters of one backup password slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScryptParams {
    pub log_n: u8,
    pub r: u32,
    pub p: u32,
    pub salt: Vec<u8>,
}

impl ScryptParams {
    /// scrypt cost of new backups: Aegis's own (N = 2^15, r = 8, p = 1).
    pub const NEW_LOG_N: u8 = 15;
    const NEW_R: u32 = 8;
    const NEW_P: u32 = 1;
    pub const MAX_LOG_N: u8 = 20;
    pub const MAX_R: u32 = 16;
    pub const MAX_P: u32 = 4;
    /// scrypt's memory is 128 · r · N bytes.
    pub const MAX_MEMORY_BYTES: u64 = 256 * 1024 * 1024;
    pub const MAX_SALT_BYTES: usize = 64;

    /// Refuses parameters outside the caps (docs/backup-format.md,
    /// "Limits"): a crafted backup must not hang the import or exhaust the
    /// page's memory.
    ///
    /// # Errors
    /// [`crate::backup::BackupError::KdfParams`].
    pub fn check(&self) -> Result<(), crate::backup::BackupError> {
        let memory = (128 * u64::from(self.r)) << self.log_n.min(63);
        let within = (1..=Self::MAX_LOG_N).contains(&self.log_n)
            && (1..=Self::MAX_R).contains(&self.r)
            && (1..=Self::MAX_P).contains(&self.p)
            && memory <= Self::MAX_MEMORY_BYTES
            && !self.salt.is_empty()
            && self.salt.len() <= Self::MAX_SALT_BYTES;
        within
            .then_some(())
            .ok_or(crate::backup::BackupError::KdfParams)
    }

    /// New backups' parameters with a fresh 32-byte salt.
    ///
    /// # Errors
    /// [`crate::backup::BackupError::Random`].
    pub fn fresh(entropy: &mut dyn Entropy) -> Result<Self, crate::backup::BackupError> {
        let mut salt = vec![0u8; 32];
        entropy
            .fill(&mut salt)
            .map_err(|_| crate::backup::BackupError::Random)?;
        Ok(Self {
            log_n: Self::NEW_LOG_N,
            r: Self::NEW_R,
            p: Self::NEW_P,
            salt,
        })
    }
}

/// Why a derivation gave no key. The KDF worker answers a refusal with
/// [`KdfError::code`], read back with [`KdfError::from_code`] (plain names,
/// not JSON: the page's start-up WASM carries the reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KdfError {
    #[error(
        "The stored PIN settings are outside what Soft Token accepts (Argon2id: 1 lane, at most 256 MiB and 10 passes, a 16-byte salt). The record was left as it is."
    )]
    PinParams,
    #[error(
        "This backup's password settings are outside what Soft Token accepts (scrypt: N at most 2^20, r at most 16, p at most 4, 256 MiB of memory), so it was not opened."
    )]
    PasswordParams,
    #[error(
        "This export's password settings are outside what Soft Token accepts (PBKDF2: at most 10,000,000 iterations; Argon2id: at most 256 MiB, 10 passes and 16 lanes), so it was not opened."
    )]
    ImportParams,
    #[error(
        "The key derivation was asked for in a form this version does not read. Reload the page and try again; nothing was changed."
    )]
    Malformed,
}

impl KdfError {
    /// The refusal's name, as the worker posts it.
    pub fn code(self) -> &'static str {
        match self {
            Self::PinParams => "pin-params",
            Self::PasswordParams => "password-params",
            Self::ImportParams => "import-params",
            Self::Malformed => "malformed",
        }
    }

    /// The counterpart of [`KdfError::code`]; a name this version does not
    /// know is a request the worker could not read.
    pub fn from_code(code: &str) -> Self {
        match code {
            "pin-params" => Self::PinParams,
            "password-params" => Self::PasswordParams,
            "import-params" => Self::ImportParams,
            _ => Self::Malformed,
        }
    }
}

impl From<KdfError> for VaultError {
    fn from(_: KdfError) -> Self {
        VaultError::KdfParams
    }
}

impl From<KdfError> for crate::backup::BackupError {
    fn from(_: KdfError) -> Self {
        crate::backup::BackupError::KdfParams
    }
}

/// Which derivation, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KdfJob {
    Argon2id(KdfParams),
    Scrypt(ScryptParams),
    /// What another app's encrypted export asks for: a
    /// [`crate::kdf_foreign::ForeignKdf`] as JSON text, so that the start
    /// path, which serializes every request, links no code for its fields.
    Foreign(String),
}

/// One derivation to run: the job and the secret it stretches. What the
/// page sends the KDF worker, as JSON ([`KdfRequest::to_json`]).
#[derive(Serialize, Deserialize)]
pub struct KdfRequest {
    secret: String,
    job: KdfJob,
}

impl Drop for KdfRequest {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

impl std::fmt::Debug for KdfRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KdfRequest")
            .field("secret", &"redacted")
            .field("job", &self.job)
            .finish()
    }
}

impl KdfRequest {
    pub(crate) fn pin(pin: &Pin, params: KdfParams) -> Self {
        Self {
            secret: pin.expose().to_owned(),
            job: KdfJob::Argon2id(params),
        }
    }

    /// Argon2id of any text with these parameters (a recovery slot's
    /// Unlock Code).
    pub(crate) fn text(secret: &str, params: KdfParams) -> Self {
        Self {
            secret: secret.to_owned(),
            job: KdfJob::Argon2id(params),
        }
    }

    pub(crate) fn password(password: &str, params: ScryptParams) -> Self {
        Self {
            secret: password.to_owned(),
            job: KdfJob::Scrypt(params),
        }
    }

    /// A derivation an export's format names, for the password typed to open it.
    #[allow(
        clippy::expect_used,
        reason = "a struct of numbers and bytes always serializes"
    )]
    pub(crate) fn foreign(password: &str, kdf: &crate::kdf_foreign::ForeignKdf) -> Self {
        Self {
            secret: password.to_owned(),
            job: KdfJob::Foreign(serde_json::to_string(kdf).expect("a KDF's parameters serialize")),
        }
    }

    /// The request as the worker reads it.
    #[allow(clippy::expect_used, reason = "the request always serializes")]
    pub fn to_json(&self) -> Zeroizing<String> {
        // A struct of strings, numbers and byte lists always serializes.
        Zeroizing::new(serde_json::to_string(self).expect("a KDF request serializes"))
    }

    /// The counterpart of [`KdfRequest::to_json`], in the worker.
    ///
    /// # Errors
    /// [`KdfError::Malformed`].
    pub fn from_json(text: &str) -> Result<Self, KdfError> {
        serde_json::from_str(text).map_err(|_| KdfError::Malformed)
    }

    /// Runs the derivation: the slow step (64 MiB of Argon2id, or 32 MiB of
    /// scrypt, for new slots), after checking the parameters' caps.
    ///
    /// # Errors
    /// [`KdfError::PinParams`] or [`KdfError::PasswordParams`].
    pub fn run(&self) -> Result<DerivedKey, KdfError> {
        match &self.job {
            KdfJob::Foreign(kdf) => serde_json::from_str::<crate::kdf_foreign::ForeignKdf>(kdf)
                .map_err(|_| KdfError::Malformed)?
                .derive(self.secret.as_bytes())
                .map(DerivedKey),
            _ => self.run_vault_kdf(),
        }
    }

    /// [`KdfRequest::run`] for the vault's own derivations (Argon2id,
    /// scrypt) alone: what the page's start path links to derive without
    /// a worker, so that the other apps' KDFs (PBKDF2 and its hashes) stay
    /// in the chunk of the screen that imports.
    ///
    /// # Errors
    /// As [`KdfRequest::run`]; [`KdfError::Malformed`] for another app's
    /// derivation.
    pub fn run_vault_kdf(&self) -> Result<DerivedKey, KdfError> {
        match &self.job {
            KdfJob::Argon2id(params) => argon2id(self.secret.as_bytes(), params),
            KdfJob::Scrypt(params) => scrypt(self.secret.as_bytes(), params),
            KdfJob::Foreign(_) => Err(KdfError::Malformed),
        }
        .map(DerivedKey)
    }
}

fn argon2id(secret: &[u8], params: &KdfParams) -> Result<Key, KdfError> {
    params.check().map_err(|_| KdfError::PinParams)?;
    let argon_params = argon2::Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Some(KEY_BYTES),
    )
    .map_err(|_| KdfError::PinParams)?;
    let argon = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon_params,
    );
    let mut out = Key([0u8; KEY_BYTES]);
    argon
        .hash_password_into(secret, &params.salt, &mut out.0)
        .map_err(|_| KdfError::PinParams)?;
    Ok(out)
}

fn scrypt(secret: &[u8], params: &ScryptParams) -> Result<Key, KdfError> {
    params.check().map_err(|_| KdfError::PasswordParams)?;
    let scrypt_params = scrypt::Params::new(params.log_n, params.r, params.p, KEY_BYTES)
        .map_err(|_| KdfError::PasswordParams)?;
    let mut out = Key([0u8; KEY_BYTES]);
    scrypt::scrypt(secret, &params.salt, &scrypt_params, &mut out.0)
        .map_err(|_| KdfError::PasswordParams)?;
    Ok(out)
}

/// What a [`KdfRequest`] yields. Zeroized on drop; `Debug` shows nothing.
#[derive(Clone)]
pub struct DerivedKey(pub(crate) Key);

impl std::fmt::Debug for DerivedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DerivedKey(redacted)")
    }
}

impl DerivedKey {
    /// The raw bytes, only to carry the key from the Web Worker that
    /// derived it to the page (postMessage). Zeroize the copy after use.
    pub fn to_transfer_bytes(&self) -> Zeroizing<[u8; KEY_BYTES]> {
        Zeroizing::new(self.0.0)
    }

    /// The counterpart of [`DerivedKey::to_transfer_bytes`].
    pub fn from_transfer_bytes(bytes: [u8; KEY_BYTES]) -> Self {
        Self(Key(bytes))
    }
}

/// The key that a PIN slot's Argon2id yields: it wraps the data key.
#[derive(Clone, Debug)]
pub struct KeyEncryptionKey(pub(crate) DerivedKey);

impl KeyEncryptionKey {
    /// Argon2id(PIN, salt) with the slot's parameters, here and now (the
    /// app runs it in a worker, through [`KdfRequest`]).
    ///
    /// # Errors
    /// [`VaultError::KdfParams`] when the parameters are outside the caps.
    pub fn derive(pin: &Pin, params: &KdfParams) -> Result<Self, VaultError> {
        Ok(Self(KdfRequest::pin(pin, params.clone()).run()?))
    }
}

/// scrypt(password, salt): opens or makes a backup's password slot.
#[derive(Clone, Debug)]
pub struct PasswordKey(pub(crate) DerivedKey);

impl PasswordKey {
    /// The slow step, here and now (about 32 MiB of memory).
    ///
    /// # Errors
    /// [`crate::backup::BackupError::KdfParams`] for parameters outside the
    /// caps, checked before any memory is taken.
    pub fn derive(
        password: &str,
        params: &ScryptParams,
    ) -> Result<Self, crate::backup::BackupError> {
        Ok(Self(KdfRequest::password(password, params.clone()).run()?))
    }

    /// A key from its bytes (tests, and the fuzzers' fixed key).
    pub fn from_transfer_bytes(bytes: [u8; KEY_BYTES]) -> Self {
        Self(DerivedKey::from_transfer_bytes(bytes))
    }
}

pub(crate) mod b64 {
    use super::BASE64;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&BASE64.encode(bytes))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        BASE64
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}
