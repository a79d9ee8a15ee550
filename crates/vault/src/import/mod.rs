//! Imports from other authenticators' exports (`docs/import-formats.md`):
//! one entry point, [`import`], that finds the format by the file's
//! content, never its name, and gives the tokens it read and the entries
//! it skipped, each with a reason a person understands.
//!
//! Contract: pure; any input gives a result or an [`ImportError`], never a
//! panic; a file over [`MAX_FILE_BYTES`] is refused before it is parsed.
//! Secrets are handed on as [`otp::Secret`] (zeroized on drop); the file's
//! bytes are the caller's to zeroize.

mod andotp;
mod bitwarden;
mod freeotp_plus;
mod json_formats;
mod links;
mod steam;
mod stratum;
mod twofas;

use crate::Entry;
use otp::migration::Skipped;
use serde_json::Value;
use thiserror::Error;

/// How Stratum's encrypted backups begin.
const STRATUM_ENCRYPTED: &[u8] = b"AUTHENTICATORPRO";

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
    #[error("this {app} export is damaged: {what}")]
    Damaged { app: &'static str, what: String },
    #[error("this {app} export was made by a newer version of {app} ({what})")]
    Newer { app: &'static str, what: String },
}

/// Reads an export. `password` is for encrypted formats (none yet).
///
/// # Errors
/// An [`ImportError`]; an entry that cannot be read is skipped, not an error.
pub fn import(bytes: &[u8], _password: Option<&str>) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    if bytes.starts_with(STRATUM_ENCRYPTED) {
        return Err(ImportError::Encrypted(App::Stratum.name()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::UnknownFormat)?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.starts_with('{') || text.starts_with('[') {
        let value: Value = serde_json::from_str(text).map_err(|_| ImportError::UnknownFormat)?;
        return json_formats::import(&value);
    }
    links::import(text)
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
