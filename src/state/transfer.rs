//! Moving tokens to another app's phone without a file: Google
//! Authenticator's transfer QR codes for every token, and one token's own
//! otpauth link for its QR code, each once the PIN is confirmed again.
//!
//! Contract: the links are returned to the screen that draws them as QR
//! codes, in [`Zeroizing`] strings, and are nowhere else: not stored, not
//! written to disk, not in the page as text. The screen drops them when it
//! is left, and the app's lock leaves no screen to hold them.

use super::{AppError, AppState};
use leptos::prelude::*;
use otp::migration::{ExportAccount, Skipped, export};
use zeroize::Zeroizing;

/// What the transfer screen shows: its QR codes' texts, in order, and the
/// tokens that cannot go in them.
#[derive(Debug, Clone)]
pub struct Transfer {
    pub links: Vec<Zeroizing<String>>,
    pub skipped: Vec<Skipped>,
    /// How many tokens the links hold.
    pub tokens: usize,
}

impl AppState {
    /// Every token as Google Authenticator's transfer links (at most 10 a
    /// link), once `pin` is confirmed (a wrong one counts as an attempt).
    ///
    /// # Errors
    /// As [`AppState::confirm_pin`].
    pub async fn transfer(&self, pin: &str) -> Result<Transfer, AppError> {
        self.confirm_pin(&super::parse_secret(pin, self.uses_password())?)
            .await?;
        let entries = self.document.with_untracked(vault::Document::entries);
        let accounts: Vec<ExportAccount> = entries
            .iter()
            .map(|entry| ExportAccount {
                name: &entry.name,
                issuer: entry.issuer.as_deref(),
                token: &entry.token,
            })
            .collect();
        // Tells this export from an earlier one in the reading app: the
        // second it was made is enough.
        let batch_id = i32::try_from((super::now_ms() / 1000) % (i32::MAX as u64)).unwrap_or(0);
        let written = export(&accounts, batch_id);
        Ok(Transfer {
            tokens: entries.len() - written.skipped.len(),
            links: written.links,
            skipped: written.skipped,
        })
    }

    /// One identity's otpauth link, for its QR code, once `pin` is confirmed.
    ///
    /// # Errors
    /// As [`AppState::confirm_pin`]; [`AppError::NoToken`] for an identity
    /// without a token (reactivated, not yet activated again).
    pub async fn identity_link(&self, id: &str, pin: &str) -> Result<Zeroizing<String>, AppError> {
        self.confirm_pin(&super::parse_secret(pin, self.uses_password())?)
            .await?;
        let entry = self.document.with_untracked(|document| {
            let identity = document.identities.iter().find(|i| i.id == id)?;
            let token = identity.token.as_ref()?.to_token().ok()?;
            Some(otp::otpauth::OtpAuth {
                issuer: identity.issuer.clone(),
                account: identity.name.clone(),
                token,
            })
        });
        let entry = entry.ok_or(AppError::NoToken)?;
        Ok(otp::otpauth::emit(&entry))
    }
}
