//! Backups in the Aegis Authenticator vault format, version 1 (database
//! version 3), so that Aegis and the apps that import its files read ours,
//! and ours read theirs. Specified in `docs/backup-format.md`.
//!
//! Security contract:
//! - An encrypted backup's master key is random, wrapped in a password slot
//!   under scrypt(password); the entries are AES-256-GCM encrypted under it.
//!   Callers say only "seal with this password" ([`seal_with_password`]) and
//!   "open with this password" ([`LockedBackup::open_with_password`]): the
//!   scrypt settings and the loop over slots are this module's. The slow
//!   step is the caller's `derive`, so the app runs it off the main thread.
//! - [`BackupError::WrongPassword`] means no password slot opened with that
//!   password; once a slot opens, a database that fails its tag is
//!   [`BackupError::Damaged`]. Reading never panics and never changes
//!   anything: it returns entries for the caller to preview and merge.
//! - Keys and secrets are zeroized on drop and never appear in `Debug`.
//! - Pure: randomness comes through [`Entropy`].
//!
//! `json.rs` holds the file's JSON and the entries' mapping; `envelope.rs`
//! the password slots and the encryption.

mod envelope;
mod json;

pub use crate::document::{ActivationDetails, Entry as BackupEntry};
pub use crate::kdf::{PasswordKey, ScryptParams};
pub use envelope::{MAX_PASSWORD_SLOTS, seal_with_password, write_encrypted};
pub use json::{entries_of_document, write_plain};

use base64::Engine;
use envelope::{GcmParams, PasswordSlot};
use json::{FileJson, entries_of};
use otp::migration::Skipped;
use serde_json::Value;
use thiserror::Error;

/// scrypt cost of new backups: Aegis's own (N = 2^15, r = 8, p = 1).
pub const SCRYPT_LOG_N: u8 = ScryptParams::NEW_LOG_N;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupError {
    #[error("This file is not an Aegis or Soft Token backup.")]
    NotABackup,
    #[error("This backup was made by a newer version (format {0}). Update the app to read it.")]
    NewerVersion(u64),
    #[error("This backup has no password slot, so it cannot be opened with a password.")]
    NoPasswordSlot,
    #[error("The backup password is not correct.")]
    WrongPassword,
    #[error("This backup is damaged: {0}.")]
    Damaged(&'static str),
    #[error(
        "This backup's password settings are outside what Soft Token accepts (scrypt: N at most 2^20, r at most 16, p at most 4, 256 MiB of memory), so it was not opened."
    )]
    KdfParams,
    #[error("No random numbers were available.")]
    Random,
}

/// A backup as read: ready, or waiting for its password.
#[derive(Debug)]
pub enum Backup {
    Plain {
        entries: Vec<BackupEntry>,
        skipped: Vec<Skipped>,
    },
    Encrypted(LockedBackup),
}

/// An encrypted backup before its password.
#[derive(Debug)]
pub struct LockedBackup {
    slots: Vec<PasswordSlot>,
    params: GcmParams,
    db: Vec<u8>,
}

const FILE_VERSION: u64 = 1;
const DB_VERSION: u64 = 3;
const PASSWORD_SLOT: u32 = 1;

/// Reads a backup file's text.
///
/// # Errors
/// [`BackupError::NotABackup`], [`BackupError::NewerVersion`],
/// [`BackupError::NoPasswordSlot`] or [`BackupError::Damaged`].
pub fn read(text: &str) -> Result<Backup, BackupError> {
    read_file(serde_json::from_str(text).map_err(|_| BackupError::NotABackup)?)
}

/// [`read`], for a file already parsed as JSON (the importers' entry point).
///
/// # Errors
/// As [`read`].
pub fn read_json(value: Value) -> Result<Backup, BackupError> {
    read_file(serde_json::from_value(value).map_err(|_| BackupError::NotABackup)?)
}

fn read_file(file: FileJson) -> Result<Backup, BackupError> {
    if file.version > FILE_VERSION {
        return Err(BackupError::NewerVersion(file.version));
    }
    match (file.header.slots, file.header.params, file.db) {
        (None, None, db @ Value::Object(_)) => {
            let (entries, skipped) = entries_of(db)?;
            Ok(Backup::Plain { entries, skipped })
        }
        (Some(slots), Some(params), Value::String(db)) => {
            let slots: Vec<PasswordSlot> = slots
                .into_iter()
                .filter(|slot| {
                    slot.get("type").and_then(Value::as_u64) == Some(u64::from(PASSWORD_SLOT))
                })
                .map(serde_json::from_value)
                .collect::<Result<_, _>>()
                .map_err(|_| BackupError::Damaged("a password slot is malformed"))?;
            if slots.is_empty() {
                return Err(BackupError::NoPasswordSlot);
            }
            let db = base64::engine::general_purpose::STANDARD
                .decode(db.trim())
                .map_err(|_| BackupError::Damaged("the encrypted entries are not Base64"))?;
            Ok(Backup::Encrypted(LockedBackup { slots, params, db }))
        }
        _ => Err(BackupError::NotABackup),
    }
}
