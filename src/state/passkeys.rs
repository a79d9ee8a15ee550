//! Passkeys on the state (issue 19): add one, list and remove them, unlock
//! with one instead of the PIN, and require one with the PIN. The vault's
//! passkey slots (`vault::passkey_slot`) do the cryptography; the
//! browser's ceremonies are `platform/webauthn.rs`.
//!
//! Rules: a passkey prompt is shown before an unlock attempt is counted,
//! so a cancelled one costs nothing; every unlock goes through
//! [`AppState::check_attempt`], so the lockout covers passkeys too; every
//! slot change is one revision-checked write ([`AppState::write_with`]).

use super::pin::Opened;
use super::{AppError, AppState, SessionError, now_ms};
use crate::platform::webauthn;
use leptos::prelude::*;
use vault::{NewPasskey, OsEntropy, Passkey, PasskeyAnswer, Pin, SealedVault, VaultError};

pub use crate::platform::webauthn::WebAuthnError;

/// What the stored vault opens with, for the PIN screen.
pub type UnlockWays = vault::SlotKinds;

/// Stops the passkey prompt under way: the action waiting on it ends with
/// [`WebAuthnError::Cancelled`], and nothing is counted or changed.
pub fn cancel_passkey() {
    webauthn::cancel();
}

/// Whether this browser may use passkeys at all (WebAuthn, and PRF as far
/// as the browser says before a passkey is made).
pub async fn passkeys_may_work() -> bool {
    webauthn::may_work().await
}

fn candidates(sealed: &SealedVault, with_pin: bool) -> Vec<(Vec<u8>, Vec<u8>)> {
    sealed
        .passkeys()
        .into_iter()
        .filter(|p| p.with_pin == with_pin)
        .map(|p| (p.credential_id, p.prf_salt))
        .collect()
}

impl AppState {
    /// The passkeys of the open vault, in stored order.
    pub fn passkeys(&self) -> Vec<Passkey> {
        self.inner
            .with_value(|inner| inner.vault.as_ref().map(|v| v.sealed().passkeys()))
            .unwrap_or_default()
    }

    /// Whether the vault's secret is a password, not a PIN: every field
    /// that asks for it asks for a password then.
    pub fn uses_password(&self) -> bool {
        self.unlock_ways.get_untracked().password
    }

    /// Whether the open vault needs a passkey with the PIN.
    pub fn passkey_required(&self) -> bool {
        self.inner
            .with_value(|inner| inner.vault.as_ref().map(|v| !v.sealed().pin_alone_opens()))
            .unwrap_or(false)
    }

    /// Asks the browser for one of the stored vault's passkeys of that kind.
    pub(super) async fn ask_passkey(&self, with_pin: bool) -> Result<PasskeyAnswer, SessionError> {
        let passkeys = candidates(&self.stored_vault().await?, with_pin);
        if passkeys.is_empty() {
            return Err(VaultError::UnknownPasskey.into());
        }
        Ok(webauthn::get(&passkeys).await?)
    }

    /// Opens the vault with a passkey alone.
    ///
    /// # Errors
    /// A cancelled prompt ([`WebAuthnError::Cancelled`], no attempt
    /// counted), a lockout, or as [`AppState::unlock`].
    pub async fn unlock_with_passkey(&self) -> Result<(), SessionError> {
        self.not_locked_out()?;
        let answer = self.ask_passkey(false).await?;
        let opened = self
            .check_attempt(async |sealed| Ok(sealed.open_with_passkey(&answer)?))
            .await?;
        self.opened(opened, None).await;
        Ok(())
    }

    /// Opens the vault with the PIN and a passkey together: the passkey is
    /// asked first (a cancelled prompt costs no attempt).
    ///
    /// # Errors
    /// As [`AppState::unlock_with_passkey`], or a wrong PIN.
    pub async fn unlock_with_pin_and_passkey(&self, pin: Pin) -> Result<(), SessionError> {
        let opened = self.check_secret(&pin).await?;
        self.opened(opened, None).await;
        Ok(())
    }

    /// Checks the PIN, with a passkey too where the vault needs both: for
    /// an unlock in that case, and for every confirmation of a sensitive
    /// action. (A plain unlock with the PIN alone is `check_pin`, which
    /// leaves passkeys out of the start chunk.)
    pub(super) async fn check_secret(&self, pin: &Pin) -> Result<Opened, SessionError> {
        let derive = self.deriver();
        if self.stored_vault().await?.pin_alone_opens() {
            return self
                .check_attempt(async |sealed| sealed.open_with_pin(pin, &derive).await)
                .await;
        }
        self.not_locked_out()?;
        let answer = self.ask_passkey(true).await?;
        let mut opened = self
            .check_attempt(async |sealed| {
                sealed
                    .open_with_pin_and_passkey(pin, &answer, &derive)
                    .await
            })
            .await?;
        opened.answer = Some(answer);
        Ok(opened)
    }

    /// One answer from each passkey of the stored vault, asked one after
    /// another; `have` is one already given in this action.
    pub(super) async fn answers_of_every_passkey(
        &self,
        have: Option<PasskeyAnswer>,
    ) -> Result<Vec<PasskeyAnswer>, AppError> {
        let mut answers: Vec<PasskeyAnswer> = have.into_iter().collect();
        for passkey in self.stored_vault().await?.passkeys() {
            if answers
                .iter()
                .any(|a| a.credential_id == passkey.credential_id)
            {
                continue;
            }
            let answer = webauthn::get(&[(passkey.credential_id.clone(), passkey.prf_salt)])
                .await
                .map_err(|error| match error {
                    WebAuthnError::Cancelled => {
                        SessionError::from(VaultError::PasskeyDidNotAnswer(passkey.label.clone()))
                    }
                    other => other.into(),
                })?;
            answers.push(answer);
        }
        Ok(answers)
    }

    /// Creates a passkey named `label` and adds its slot. While passkeys
    /// are required with the PIN, the new slot needs the PIN too.
    ///
    /// # Errors
    /// The browser's ([`WebAuthnError`]), [`VaultError::PinNeeded`], or a
    /// storage error; nothing is stored unless all went well.
    pub async fn add_passkey(&self, label: String, pin: Option<Pin>) -> Result<(), AppError> {
        let required = self.passkey_required();
        let pin_half = match (required, pin) {
            (false, _) => None,
            (true, None) => return Err(SessionError::from(VaultError::PinNeeded).into()),
            (true, Some(pin)) => {
                self.confirm_pin(&pin).await?;
                Some(self.new_pin_slot(&pin).await?)
            }
        };
        let existing: Vec<Vec<u8>> = self
            .passkeys()
            .into_iter()
            .map(|p| p.credential_id)
            .collect();
        let prf_salt = NewPasskey::fresh_salt(&mut OsEntropy).map_err(SessionError::from)?;
        let created = webauthn::create(&label, &existing, &prf_salt)
            .await
            .map_err(SessionError::from)?;
        let new = NewPasskey {
            credential_id: created.credential_id,
            rp_id: webauthn::rp_id(),
            label,
            created_at_ms: now_ms(),
            prf_salt,
        };
        self.write_with(|vault, _| {
            Ok(vault.add_passkey(&new, &created.prf, pin_half.as_ref(), &mut OsEntropy)?)
        })
        .await
    }

    /// Removes one passkey's slot (the authenticator keeps its credential;
    /// the browser offers no way to delete it).
    ///
    /// # Errors
    /// [`VaultError::LastRequiredPasskey`], or a storage error.
    pub async fn remove_passkey(&self, slot_id: String) -> Result<(), AppError> {
        self.write_with(|vault, _| Ok(vault.remove_passkey(&slot_id)?))
            .await
    }

    /// Requires a passkey with the PIN (`required`), or stops: the PIN is
    /// confirmed (with a passkey, where it is required now), then every
    /// passkey answers, and each passkey's slot is made again.
    ///
    /// # Errors
    /// A wrong PIN (counted), a passkey that did not answer (named), or a
    /// storage error; on error nothing changed.
    pub async fn require_passkey(&self, required: bool, pin: Pin) -> Result<(), AppError> {
        if self.passkeys().is_empty() {
            return Err(SessionError::from(VaultError::UnknownPasskey).into());
        }
        let confirmed = self.confirm_pin(&pin).await?;
        let answers = self.answers_of_every_passkey(confirmed).await?;
        let slot = self.new_pin_slot(&pin).await?;
        self.write_with(|vault, _| {
            Ok(vault.require_passkey_with_pin(required, &slot, &answers, &mut OsEntropy)?)
        })
        .await
    }
}
