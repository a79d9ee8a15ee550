//! Every way an action of the app can fail, as one type ([`AppError`],
//! which wraps the start path's [`SessionError`]), and the one place each
//! becomes the plain sentence a screen shows: what happened and what to
//! do. The crates' errors are sentences already and are shown as they
//! are; the app's own are worded here. Those moved to locales/ so far
//! (the wrong PIN's, the PIN screen's) are read in the person's language
//! (`t`, `language.rs`); the others are still English.
//!
//! Security contract: no variant carries a secret; a sentence may name a
//! file, a line number or a count, never a PIN, password, secret or code.

use super::language::{Msg, t, t_with};
use crate::platform::storage::StorageError;
use crate::platform::webauthn::WebAuthnError;
use crate::workers::kdf::{DeriveError, WorkerError};
use crate::workers::picture::PictureError;
use otp::activation::{InvalidCode, LinkError};
use vault::backup::BackupError;
use vault::{DocumentError, KdfError, VaultError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// Opening, unlocking, storage and key derivation: the errors the PIN
    /// screen can show too.
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Backup(#[from] BackupError),
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error(transparent)]
    Reading(#[from] ReadingError),
    #[error(transparent)]
    Picture(#[from] PictureError),
    #[error(transparent)]
    Code(#[from] InvalidCode),
    #[error(transparent)]
    ActivationLink(#[from] LinkError),
    #[error("This browser gave no random numbers, so no Registration Code can be made safely.")]
    NoRandom,
    #[error("The browser would not save the file. Try again, or try another browser.")]
    NotSaved,
    #[error(
        "This file is larger than 10 MB, so it is not a backup Soft Token can read. Choose the backup file again."
    )]
    FileTooLarge,
    #[error("This file could not be read. Choose the backup file again.")]
    FileUnreadable,
    #[error("This file holds an activation link, not a backup.")]
    ActivationLinkFile,
    #[error(
        "This file holds a transaction request, not a backup. Open it with Verify a transaction."
    )]
    TransactionLinkFile,
    #[error("Choose a backup password of at least 8 characters.")]
    PasswordTooShort,
    #[error("The two passwords are not the same. Type them again.")]
    PasswordsDiffer,
    #[error("Open a backup file first.")]
    NoBackupOpen,
    #[error(
        "This identity has no token since it was reactivated, so it has no QR code. Activate it first."
    )]
    NoToken,
    #[error("{}", transaction_sentence(.0))]
    Transaction(#[from] otp::transaction::TransactionError),
    #[error(
        "This transaction request is for identity {serial}, which is not in this app. Check that your bank sent it for this device."
    )]
    TransactionForAnotherIdentity { serial: String },
    #[error(
        "Identity {serial} has no token since it was reactivated, so it cannot confirm transactions. Activate it first."
    )]
    TransactionIdentityCleared { serial: String },
    #[error("{}", sentence(&.0.to_string()))]
    Challenge(#[from] otp::ocra::OcraError),
    #[error("{}", import_sentence(.0))]
    Import(#[from] vault::import::ImportError),
}

/// What a person reads for a request that failed its checks: never a
/// reason to confirm anyway.
fn transaction_sentence(error: &otp::transaction::TransactionError) -> String {
    use otp::transaction::TransactionError as E;
    match error {
        E::BadMac => "This transaction request was changed after your bank issued it, or was not issued for this identity. Do not confirm it; contact your bank.".into(),
        E::Expired => "This transaction request has expired. Ask your bank for a new one.".into(),
        E::FromTheFuture => "This transaction request is dated in the future. Check this device's date and time, then scan it again.".into(),
        other => format!(
            "This is not a transaction request Soft Token can read: {other}. Scan it again, or ask your bank for a new one."
        ),
    }
}

/// What a person reads for a file that did not import: what to do next
/// depends on whether the file or the password was at fault.
fn import_sentence(error: &vault::import::ImportError) -> String {
    use vault::import::ImportError as E;
    match error {
        // Already a sentence.
        E::Backup(error) => error.to_string(),
        E::WrongPassword(_) | E::PasswordNeeded(_) | E::AndOtpUnopenable(_) => {
            sentence(&error.to_string())
        }
        E::KdfParams => format!("{} Nothing was changed.", sentence(&error.to_string())),
        _ => format!(
            "{} Choose another file, or export again from the other app.",
            sentence(&error.to_string())
        ),
    }
}

/// A crate's error fragment as a sentence: capitalized, with a full stop.
fn sentence(fragment: &str) -> String {
    let mut chars = fragment.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    out.push('.');
    out
}

/// The errors of the start path: opening storage, creating and checking a
/// PIN, deriving its key, opening the vault, and the writes that need the
/// key. They are a type of their own so that the PIN screen, which is in
/// the start chunk, links only their sentences; the rest of [`AppError`]'s
/// are linked by the screens that show them, in the split chunks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Kdf(#[from] KdfError),
    #[error(transparent)]
    Worker(#[from] WorkerError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Passkey(#[from] WebAuthnError),
    #[error("{}", t_with(Msg::WrongPin, &[("attempts", (*attempts_left).into())]))]
    WrongPin { attempts_left: u32 },
    #[error(
        "That Unlock Code is not correct. {} left; check it with Self-Service, then type it again.",
        attempts(*attempts_left)
    )]
    WrongUnlockCode { attempts_left: u32 },
    #[error("{}", t_with(Msg::WrongPassword, &[("attempts", (*attempts_left).into())]))]
    WrongPassword { attempts_left: u32 },
    #[error("{}", t(Msg::WrongPinLockedOut))]
    WrongPinLockedOut,
    #[error("{}", t(Msg::LockedOut))]
    LockedOut,
    /// The attempt record could not be written (the storage is full), so
    /// the PIN was not tried.
    #[error(
        "The device is out of storage space, so Soft Token cannot count this PIN attempt and did not try it. Free some space, then unlock again; your tokens are unchanged."
    )]
    AttemptNotCounted,
    #[error("Soft Token is locked.")]
    Locked,
    #[error("Soft Token was closed.")]
    Closed,
    #[error("Storage is not open yet.")]
    StorageNotOpen,
    #[error("There is no vault to unlock.")]
    NoVault,
    #[error("{}", t(Msg::PinsDiffer))]
    PinsDiffer,
    /// A part of the app that was not fetched yet, offline.
    #[error(
        "This part of Soft Token has not been downloaded yet, and the network cannot be reached. Reconnect, then try again."
    )]
    NotLoaded,
    #[error("{}", t(Msg::PasswordsDiffer))]
    PasswordsDiffer,
}

/// The start path's causes, met elsewhere too, become [`AppError`] through
/// [`SessionError`], so each has one variant to match on.
macro_rules! through_session {
    ($($cause:ty),*) => {$(
        impl From<$cause> for AppError {
            fn from(error: $cause) -> Self {
                Self::Session(error.into())
            }
        }
    )*};
}
through_session!(
    VaultError,
    KdfError,
    WorkerError,
    StorageError,
    DeriveError,
    WebAuthnError
);

fn attempts(left: u32) -> String {
    match left {
        1 => "1 attempt".to_owned(),
        n => format!("{n} attempts"),
    }
}

/// Why pasted or scanned text gave no tokens. `at` is " (line N)" when the
/// text had several lines, empty otherwise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadingError {
    #[error("Paste a link first.")]
    Empty,
    #[error("This export link cannot be read{at}: {error}.")]
    Export {
        at: String,
        error: otp::migration::MigrationError,
    },
    #[error("This link cannot be read{at}: {error}.")]
    Link {
        at: String,
        error: otp::otpauth::OtpAuthError,
    },
    #[error(
        "This is not a link Soft Token can read{at}. Links start with otpauth://, otpauth-migration:// or igmobileotp://."
    )]
    NotALink { at: String },
}

/// What a typed PIN must be, or why it was refused.
pub type PinResult = Result<vault::Pin, SessionError>;

/// Reads a PIN as typed.
///
/// # Errors
/// [`VaultError::InvalidPin`], whose sentence is the PIN rule.
pub fn parse_pin(text: &str) -> PinResult {
    Ok(vault::Pin::new(text)?)
}

/// Reads the secret that opens the vault as typed: a password where the
/// vault uses one, else a PIN.
///
/// # Errors
/// [`VaultError::InvalidPassword`] or [`VaultError::InvalidPin`].
pub fn parse_secret(text: &str, password: bool) -> PinResult {
    if password {
        Ok(vault::Pin::password(text)?)
    } else {
        parse_pin(text)
    }
}

/// Reads a secret being chosen: a password (10 to 128 characters), or a
/// PIN that is not easy to guess.
///
/// # Errors
/// As [`parse_secret`], or [`VaultError::WeakPin`].
pub fn parse_new_secret(text: &str, password: bool) -> PinResult {
    if password {
        Ok(vault::Pin::password(text)?)
    } else {
        parse_new_pin(text)
    }
}

/// Reads a PIN being chosen (Create PIN, Change PIN): also refuses one that
/// is easy to guess.
///
/// # Errors
/// [`VaultError::InvalidPin`] or [`VaultError::WeakPin`].
pub fn parse_new_pin(text: &str) -> PinResult {
    Ok(vault::Pin::new_chosen(text)?)
}

impl From<DeriveError> for SessionError {
    fn from(error: DeriveError) -> Self {
        match error {
            DeriveError::Refused(error) => Self::Kdf(error),
            DeriveError::Worker(error) => Self::Worker(error),
        }
    }
}
