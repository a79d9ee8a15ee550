//! Encrypted exports, held as read until a password opens them. Each
//! format's layout and key derivation is in docs/import-formats.md; the
//! derivations go through the caller's deriver (the app's KDF worker),
//! after their parameters pass the caps.
//!
//! Security contract: a [`LockedExport`] holds only what the file holds
//! (ciphertext, salts, names); its `Debug` names the app alone. What a
//! password decrypts is zeroized once its tokens are read.

use super::{App, ImportError, Imported, Opened};
use crate::hazmat::{self, Key};
use crate::kdf_foreign::ForeignKdf;
use crate::{DerivedKey, KdfRequest};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::Value;
use zeroize::Zeroizing;

/// How Stratum's encrypted backups begin.
const STRATUM_HEADER: &[u8] = b"AUTHENTICATORPRO";
/// How files that are surely not andOTP's begin: PNG, JPEG, GIF, WebP
/// and other RIFF files, PDF, ZIP (and so .docx, .apk), gzip.
const OTHER_FILE_KINDS: &[&[u8]] = &[
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"RIFF",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
];
/// The smallest AES-GCM message: a 12-byte nonce and a 16-byte tag.
const GCM_OVERHEAD: usize = 28;

/// An encrypted export, read but not opened.
pub struct LockedExport {
    app: App,
    lock: Lock,
}

pub(super) enum Lock {
    /// 2FAS: the document, its `servicesEncrypted` still sealed.
    TwoFas(Value),
    /// andOTP: the whole file (old or current layout).
    AndOtp(Vec<u8>),
    /// Stratum: what follows the header.
    Stratum(Vec<u8>),
    /// Authy: the token list, each secret sealed on its own.
    Authy(Vec<Value>),
    /// TOTP Authenticator: the Base64-decoded file.
    TotpAuthenticator(Vec<u8>),
    /// FreeOTP v2: the key store's strings (a list, not a map: the page
    /// that holds this links only its drop, and a list's is smaller).
    FreeOtp(Vec<(String, String)>),
    /// Aegis's or Soft Token's encrypted backup.
    Aegis(crate::backup::LockedBackup),
}

impl std::fmt::Debug for LockedExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LockedExport")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

impl LockedExport {
    pub(super) fn new(app: App, lock: Lock) -> Self {
        Self { app, lock }
    }

    /// The app whose export this is, for "Read from an export of X".
    pub fn app(&self) -> App {
        self.app
    }

    /// A binary file: Stratum's (by its header) or andOTP's. andOTP's has
    /// no header at all, so it is any file that is not text, is long
    /// enough to hold a GCM message, and is not a picture, a PDF or an
    /// archive (a person picks the wrong file more often than not).
    pub(super) fn of_binary(bytes: &[u8]) -> Option<Self> {
        if let Some(rest) = bytes.strip_prefix(STRATUM_HEADER) {
            return Some(Self::new(App::Stratum, Lock::Stratum(rest.to_vec())));
        }
        let other_kind = OTHER_FILE_KINDS
            .iter()
            .any(|magic| bytes.starts_with(magic));
        (std::str::from_utf8(bytes).is_err() && bytes.len() >= GCM_OVERHEAD && !other_kind)
            .then(|| Self::new(App::AndOtp, Lock::AndOtp(bytes.to_vec())))
    }

    /// A file of one Base64 text and nothing else, whose bytes are whole
    /// AES blocks: TOTP Authenticator's backup.
    pub(super) fn of_base64(text: &str) -> Option<Self> {
        let bytes = BASE64.decode(text.as_bytes()).ok()?;
        (bytes.len() >= 32 && bytes.len() % 16 == 0)
            .then(|| Self::new(App::TotpAuthenticator, Lock::TotpAuthenticator(bytes)))
    }

    /// Opens the export with `password`, running each key derivation
    /// through `derive`.
    ///
    /// # Errors
    /// [`ImportError::WrongPassword`], [`ImportError::KdfParams`] (before
    /// any derivation), a damaged file's error, or `derive`'s.
    pub async fn open<E: From<ImportError> + From<crate::backup::BackupError>>(
        &self,
        password: &str,
        derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
    ) -> Result<Imported, E> {
        let opened = match &self.lock {
            Lock::TwoFas(document) => super::twofas::open(document, password, derive).await?,
            Lock::AndOtp(bytes) => super::andotp::open(bytes, password, derive).await?,
            Lock::Stratum(bytes) => super::stratum::open(bytes, password, derive).await?,
            Lock::Authy(items) => super::authy::open(items, password, derive).await?,
            Lock::TotpAuthenticator(bytes) => super::totp_authenticator::open(bytes, password)?,
            Lock::FreeOtp(map) => super::freeotp_v2::open(map, password, derive).await?,
            Lock::Aegis(locked) => {
                let (entries, skipped) = locked.open_with_password(password, derive).await?;
                Opened::Read(Imported {
                    app: App::Aegis,
                    entries,
                    skipped,
                })
            }
        };
        match opened {
            Opened::Read(imported) => Ok(imported),
            // A decrypted file that is encrypted again is no app's export.
            Opened::Locked(_) => {
                Err(super::damaged(self.app, "it holds another encrypted file").into())
            }
        }
    }
}

/// The key that `kdf` derives from `password`, through `derive`, once its
/// parameters pass the caps.
pub(super) async fn derived_key<E: From<ImportError>>(
    password: &str,
    kdf: ForeignKdf,
    derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
) -> Result<Key, E> {
    kdf.check().map_err(ImportError::from)?;
    Ok(derive(KdfRequest::foreign(password, &kdf)).await?.0)
}

/// SHA-256 of the password, the "key derivation" of old andOTP and TOTP
/// Authenticator files.
pub(super) fn hashed_password(password: &str) -> Key {
    hazmat::sha256_key(password.as_bytes())
}

/// AES-256-GCM with the nonce before the ciphertext and the tag after it.
pub(super) fn open_gcm(key: &Key, nonce_and_message: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let (nonce, message) = nonce_and_message.split_at_checked(12)?;
    hazmat::open(key, nonce, message, &[])
}

/// Plain JSON from decrypted bytes; anything else means the file is damaged.
pub(super) fn json_of(app: App, bytes: &[u8]) -> Result<Value, ImportError> {
    serde_json::from_slice(bytes)
        .map_err(|_| super::damaged(app, "what it decrypts to is not JSON"))
}
