//! Backups, as the Backups screen asks for them: export every token
//! encrypted with a password (the vault's password envelope, its scrypt
//! run in the KDF worker), export unencrypted or as otpauth links once the
//! PIN is confirmed again, and restore from a file through the preview.
//!
//! Contract: reading a backup changes nothing until the preview's Add; an
//! encrypted backup waiting for its password is held in memory only, with
//! the other pending candidates, and dropped when the app locks.

use super::{AppError, AppState, Reading};
use crate::platform::download;
use leptos::prelude::*;
use vault::OsEntropy;
use vault::backup;
use vault::import::Opened;
use zeroize::Zeroizing;

/// The shortest backup password accepted.
pub const MIN_BACKUP_PASSWORD: usize = 8;
/// The largest backup or import file read: 10,000 tokens are about 3 MB.
const MAX_FILE_BYTES: f64 = 10_000_000.0;

/// A file that was saved, for the screen to say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub file_name: String,
    pub tokens: usize,
    /// How many of them are challenge-response (OCRA): Soft Token's own
    /// entry type, which Aegis and other apps skip.
    pub challenge_response: usize,
}

/// What opening a backup file led to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenedFile {
    /// Its tokens wait on the preview.
    Preview,
    /// It is encrypted: [`AppState::unlock_backup`] with its password.
    NeedsPassword,
}

impl AppState {
    /// True while the identities changed since the last export, and the
    /// reminder was not dismissed for this change. Tracks the document.
    pub fn backup_reminder_needed(&self) -> bool {
        let db_name = self.config().db_name;
        self.document
            .with(|document| crate::platform::backup_reminder::needed(&db_name, document))
    }

    /// Hides "Not backed up" until the identities change again.
    pub fn dismiss_backup_reminder(&self) {
        let db_name = self.config().db_name;
        self.document.with_untracked(|document| {
            crate::platform::backup_reminder::dismissed(&db_name, document);
        });
    }

    fn save(
        &self,
        text: &str,
        file_name: String,
        mime: &str,
        tokens: usize,
    ) -> Result<Saved, AppError> {
        download::save(text, &file_name, mime).map_err(|_| AppError::NotSaved)?;
        crate::platform::backup_reminder::exported(
            &self.config().db_name,
            &self.document.get_untracked(),
        );
        let challenge_response = self.document.with_untracked(|document| {
            document
                .identities
                .iter()
                .filter(|i| {
                    matches!(
                        i.token.as_ref().map(|t| t.kind),
                        Some(otp::Kind::Ocra { .. })
                    )
                })
                .count()
        });
        Ok(Saved {
            file_name,
            tokens,
            challenge_response,
        })
    }

    /// Exports every token, encrypted with `password` (typed twice).
    ///
    /// # Errors
    /// [`AppError::PasswordTooShort`], [`AppError::PasswordsDiffer`], a
    /// derivation error, or [`AppError::NotSaved`].
    pub async fn export_encrypted(&self, password: &str, again: &str) -> Result<Saved, AppError> {
        if password.chars().count() < MIN_BACKUP_PASSWORD {
            return Err(AppError::PasswordTooShort);
        }
        if password != again {
            return Err(AppError::PasswordsDiffer);
        }
        let entries = self.document.with_untracked(vault::Document::entries);
        let text = backup::seal_with_password(
            &entries,
            password,
            &self.deriver::<AppError>(),
            &mut OsEntropy,
        )
        .await?;
        let file_name = format!("softtoken-backup-{}.json", download::today());
        self.save(&text, file_name, "application/json", entries.len())
    }

    /// Exports every token unencrypted, as an Aegis file or as otpauth
    /// links, once `pin` is confirmed (a wrong one counts as an attempt).
    ///
    /// # Errors
    /// As [`AppState::confirm_pin`], or [`AppError::NotSaved`].
    pub async fn export_unencrypted(&self, pin: &str, as_links: bool) -> Result<Saved, AppError> {
        self.confirm_pin(&super::parse_secret(pin, self.uses_password())?)
            .await?;
        let entries = self.document.with_untracked(vault::Document::entries);
        let tokens = entries.len();
        let (text, extension, mime) = if as_links {
            let links = self.document.with_untracked(vault::Document::otpauth_links);
            (links, "txt", "text/plain")
        } else {
            let text = backup::write_plain(&entries, &mut OsEntropy)?;
            (text, "json", "application/json")
        };
        let file_name = format!("softtoken-unencrypted-{}.{extension}", download::today());
        self.save(&text, file_name, mime, tokens)
    }

    /// Reads a backup or another app's export (docs/import-formats.md):
    /// its tokens go to the preview, or it waits for its password. A text
    /// of links goes through the same reader as a pasted one, so that an
    /// activation or transaction link in a file is named for what it is.
    ///
    /// # Errors
    /// [`AppError::FileTooLarge`] before a byte is read,
    /// [`AppError::FileUnreadable`], or what the file is not.
    pub async fn open_backup_file(&self, file: &web_sys::File) -> Result<OpenedFile, AppError> {
        // Refused before a byte is read: no backup comes near this, and
        // reading a huge file would freeze the page.
        if file.size() > MAX_FILE_BYTES {
            return Err(AppError::FileTooLarge);
        }
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| AppError::FileUnreadable)?;
        let bytes = Zeroizing::new(js_sys::Uint8Array::new(&buffer).to_vec());
        let pending = self.pending;
        if let Ok(text) = std::str::from_utf8(&bytes)
            && text
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("otpauth")
        {
            return match pending.read_file_text(text).await? {
                Reading::Tokens {
                    candidates,
                    skipped,
                    ..
                } => {
                    pending.offer(candidates, skipped, None);
                    Ok(OpenedFile::Preview)
                }
                Reading::ActivationLink(_) => Err(AppError::ActivationLinkFile),
                Reading::TransactionRequest(_) => Err(AppError::TransactionLinkFile),
            };
        }
        // A long export is read in slices, the page given back between them.
        let yield_to_page = async || gloo_timers::future::TimeoutFuture::new(0).await;
        match vault::import::read_paced(&bytes, &yield_to_page).await? {
            Opened::Read(imported) => {
                offer_imported(pending, imported);
                Ok(OpenedFile::Preview)
            }
            Opened::Locked(locked) => {
                pending.source.set(named(locked.app()));
                pending.locked_backup.set_value(Some(locked));
                pending.backup_needs_password.set(true);
                Ok(OpenedFile::NeedsPassword)
            }
        }
    }

    /// Opens the backup or export waiting for its password (its key
    /// derived in the KDF worker); its tokens go to the preview.
    ///
    /// # Errors
    /// A wrong password ([`vault::backup::BackupError::WrongPassword`],
    /// [`vault::import::ImportError::WrongPassword`]), parameters over the
    /// caps, a derivation error, or [`AppError::NoBackupOpen`].
    pub async fn unlock_backup(&self, password: &str) -> Result<(), AppError> {
        let pending = self.pending;
        let locked = pending
            .locked_backup
            .try_update_value(Option::take)
            .flatten()
            .ok_or(AppError::NoBackupOpen)?;
        let runner = self.config().kdf_runner();
        let derive = async move |request| -> Result<vault::DerivedKey, AppError> {
            Ok(runner.run_any(request).await?)
        };
        match locked.open(password, &derive).await {
            Ok(imported) => {
                pending.backup_needs_password.set(false);
                offer_imported(pending, imported);
                Ok(())
            }
            Err(error) => {
                // Kept for the next try.
                pending.locked_backup.set_value(Some(locked));
                Err(error)
            }
        }
    }
}

/// The tokens of a file to the preview, which names the app they came from.
fn offer_imported(pending: super::Pending, imported: vault::import::Imported) {
    pending.offer(imported.entries, imported.skipped, None);
    pending.source.set(named(imported.app));
}

/// The app the preview names: none for a list of links or Soft Token's own
/// backups, which are no other app's.
fn named(app: vault::import::App) -> Option<&'static str> {
    use vault::import::App;
    (!matches!(app, App::Links | App::Aegis)).then(|| app.name())
}
