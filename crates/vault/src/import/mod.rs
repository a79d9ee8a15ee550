//! Imports from other authenticators' exports (`docs/import-formats.md`):
//! one entry point, [`import`], that finds the format by the file's
//! content, never its name, and gives the tokens it read and the entries
//! it skipped, each with a reason a person understands.
//!
//! Two steps, so that a password's key derivation can run in a worker:
//! [`read`] tells the format and gives the tokens, or a [`LockedExport`]
//! that [`LockedExport::open`] opens with a password and a deriver;
//! [`import`] does both here and now (tests, the fuzzers, the CLI).
//!
//! Contract: pure; any input gives a result or an [`ImportError`], never a
//! panic; a file over [`MAX_FILE_BYTES`] is refused before it is parsed,
//! and an encrypted one's KDF parameters are checked against the caps
//! before any derivation (`kdf_foreign.rs`). Secrets are handed on as
//! [`otp::Secret`] (zeroized on drop), decrypted bytes are zeroized; the
//! file's bytes are the caller's to zeroize.

mod aegis;
mod andotp;
mod authy;
mod bitwarden;
mod freeotp_plus;
mod freeotp_v2;
mod java_map;
mod json_formats;
mod links;
mod locked;
mod paced;
mod steam;
mod stratum;
mod totp_authenticator;
mod twofas;
mod xml_formats;

use crate::{DerivedKey, Entry, KdfError, KdfRequest};
pub use locked::LockedExport;
use otp::migration::Skipped;
pub use paced::{ITEMS_A_SLICE, read_paced};
use serde_json::Value;
use thiserror::Error;

/// Exports larger than this are not any authenticator's: refused unread.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The app whose export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    /// A list of `otpauth://` links, one a line (also ente Auth's export).
    Links,
    TwoFas,
    AndOtp,
    Bitwarden,
    FreeOtpPlus,
    Proton,
    Stratum,
    Steam,
    Authy,
    TotpAuthenticator,
    FreeOtp,
    BattleNet,
    Duo,
    Aegis,
    GoogleAuthenticator,
}

impl App {
    /// The name the preview shows: "Read from an export of 2FAS."
    pub fn name(self) -> &'static str {
        match self {
            Self::Links => "link list",
            Self::TwoFas => "2FAS",
            Self::AndOtp => "andOTP",
            Self::Bitwarden => "Bitwarden",
            Self::FreeOtpPlus => "FreeOTP+",
            Self::Proton => "Proton Authenticator",
            Self::Stratum => "Stratum (Authenticator Pro)",
            Self::Steam => "Steam Desktop Authenticator",
            Self::Authy => "Authy",
            Self::TotpAuthenticator => "TOTP Authenticator",
            Self::FreeOtp => "FreeOTP",
            Self::BattleNet => "Battle.net Authenticator",
            Self::Duo => "Duo Mobile",
            Self::Aegis => "Aegis or Soft Token",
            Self::GoogleAuthenticator => "Google Authenticator",
        }
    }
}

/// What a file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub app: App,
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("this file is larger than 10 MB, so it is not an export Soft Token can read")]
    TooLarge,
    #[error(
        "this file is not a Soft Token or Aegis backup, nor an export of another app Soft Token can read"
    )]
    UnknownFormat,
    #[error(
        "this {0} export is encrypted, and Soft Token cannot open encrypted {0} exports yet: export again without a password"
    )]
    Encrypted(&'static str),
    #[error("this {0} export is encrypted: type the password it was exported with")]
    PasswordNeeded(&'static str),
    #[error("the password does not open this {0} export: check it (capitals count) and try again")]
    WrongPassword(&'static str),
    #[error(
        "this export's password settings are outside what Soft Token accepts (PBKDF2: at most 10,000,000 iterations; Argon2id: at most 256 MiB, 10 passes and 16 lanes), so it was not opened"
    )]
    KdfParams,
    #[error(
        "either the password is wrong, or this andOTP export asks for {0} key derivation rounds, more than the 10,000,000 Soft Token accepts"
    )]
    AndOtpUnopenable(u32),
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    #[error("this {app} export is damaged: {what}")]
    Damaged { app: &'static str, what: String },
    #[error("this {app} export was made by a newer version of {app} ({what})")]
    Newer { app: &'static str, what: String },
}

impl From<KdfError> for ImportError {
    /// Only the caps refuse an export's derivation.
    fn from(_: KdfError) -> Self {
        Self::KdfParams
    }
}

/// What a file is: its tokens, or an encrypted export waiting for its password.
#[derive(Debug)]
pub enum Opened {
    Read(Imported),
    Locked(LockedExport),
}

/// Tells the format by the file's content and reads it, or holds it
/// locked. No key derivation runs here.
///
/// # Errors
/// An [`ImportError`]; an entry that cannot be read is skipped, not an error.
pub fn read(bytes: &[u8]) -> Result<Opened, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    if bytes.starts_with(java_map::MAGIC) {
        return freeotp_v2::read(bytes);
    }
    if let Some(locked) = LockedExport::of_binary(bytes) {
        return Ok(Opened::Locked(locked));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::UnknownFormat)?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.starts_with('{') || text.starts_with('[') {
        let value: Value = serde_json::from_str(text).map_err(|_| ImportError::UnknownFormat)?;
        return json_formats::read(value);
    }
    if text.starts_with('<') {
        return xml_formats::read(text);
    }
    if bitwarden::is_csv(text) {
        return bitwarden::import_csv(text).map(Opened::Read);
    }
    if let Some(locked) = LockedExport::of_base64(text) {
        return Ok(Opened::Locked(locked));
    }
    links::import(text).map(Opened::Read)
}

/// Reads an export, opening an encrypted one with `password`, its key
/// derived here and now.
///
/// # Errors
/// As [`read`] and [`LockedExport::open`], or
/// [`ImportError::PasswordNeeded`] for an encrypted file without one.
pub fn import(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    match read(bytes)? {
        Opened::Read(imported) => Ok(imported),
        Opened::Locked(locked) => {
            let password = password.ok_or(ImportError::PasswordNeeded(locked.app().name()))?;
            let derive_here = async |request: KdfRequest| -> Result<DerivedKey, ImportError> {
                Ok(request.run()?)
            };
            let opening = std::pin::pin!(locked.open(password, &derive_here));
            let mut context = std::task::Context::from_waker(std::task::Waker::noop());
            match opening.poll(&mut context) {
                std::task::Poll::Ready(result) => result,
                // Every await in `open` is on `derive_here`, which never waits.
                std::task::Poll::Pending => unreachable!("a derivation here never waits"),
            }
        }
    }
}

/// Makes a skipped entry.
fn skip(name: impl Into<String>, reason: impl Into<String>) -> Skipped {
    Skipped {
        name: name.into(),
        reason: reason.into(),
    }
}

fn damaged(app: App, what: impl Into<String>) -> ImportError {
    ImportError::Damaged {
        app: app.name(),
        what: what.into(),
    }
}
