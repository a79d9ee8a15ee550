//! PIN reset through the issuer (issue 20): each activation identity's
//! recovery slot is written with its activation; "Forgot your PIN?" opens
//! the vault with the Unlock Code Self-Service gives for the slot's PIN
//! Reset Code, replaces that slot at once (so the code works once), and
//! then a new PIN is chosen.
//!
//! Rules: the Unlock Code is tried through the same attempt check as the
//! PIN (a wrong one is a failed attempt under the same lockout); the slot
//! changes in the same revision-checked writes as the identity.

use super::{AppError, AppState, Phase, SessionError};
use leptos::prelude::*;
use otp::activation::UnlockCode;
use vault::{Document, NewRecoverySlot, OsEntropy, Pin, Recovery};

impl AppState {
    /// The recovery slots of the stored vault, readable before unlock.
    ///
    /// # Errors
    /// A storage error, or a damaged record.
    pub async fn recoveries(&self) -> Result<Vec<Recovery>, SessionError> {
        Ok(self.stored_vault().await?.recoveries())
    }

    /// A recovery slot for identity `id`, from its token's secret, ready
    /// to be written (the Argon2id of its Unlock Code runs in the worker).
    pub(super) async fn new_recovery(
        &self,
        document: &Document,
        id: &str,
    ) -> Result<Option<NewRecoverySlot>, SessionError> {
        let Some((secret, serial, label)) = document.identity(id).and_then(|identity| {
            let vault::Origin::Activation { serial, .. } = &identity.origin else {
                return None;
            };
            let token = identity.token.as_ref()?.to_token().ok()?;
            Some((
                zeroize::Zeroizing::new(token.secret().expose().to_vec()),
                serial.clone(),
                identity.name.clone(),
            ))
        }) else {
            return Ok(None);
        };
        let costs = self.config().kdf_costs();
        let slot = NewRecoverySlot::prepare(
            &secret,
            id,
            &serial,
            &label,
            costs,
            &self.deriver::<SessionError>(),
            &mut OsEntropy,
        )
        .await?;
        Ok(Some(slot))
    }

    /// Opens the vault with the Unlock Code for recovery slot `slot_id`
    /// (counted as an attempt), replaces that slot with a fresh one, and
    /// asks for a new PIN ([`Phase::ResettingPin`]).
    ///
    /// # Errors
    /// The code's own sentence, [`SessionError::WrongUnlockCode`] (counted),
    /// a lockout, or a storage or derivation error.
    pub async fn unlock_with_unlock_code(&self, slot_id: &str, code: &str) -> Result<(), AppError> {
        let code = UnlockCode::parse(code)?;
        let derive = self.deriver();
        let opened = self
            .check_attempt_with(
                async |sealed| sealed.open_with_unlock_code(slot_id, &code, &derive).await,
                true,
            )
            .await?;
        let identity = opened
            .vault
            .sealed()
            .recoveries()
            .into_iter()
            .find(|r| r.slot_id == slot_id)
            .map(|r| r.identity_id);
        let document = opened.document.clone();
        self.hold(opened, Phase::ResettingPin);
        // The used code stops working now, before the new PIN is chosen.
        if let Some(identity) = identity
            && let Some(fresh) = self.new_recovery(&document, &identity).await?
        {
            self.write_with(|vault, _| Ok(vault.set_recovery(&fresh, &mut OsEntropy)?))
                .await?;
        }
        Ok(())
    }

    /// After a reset: the new PIN (or password) replaces the old one. Where
    /// passkeys were required with the PIN, `keep_passkeys` keeps that
    /// (each passkey answers once, to be bound to the new PIN); else the
    /// requirement ends (the passkeys that open alone stay). Then the codes
    /// are shown.
    ///
    /// # Errors
    /// A passkey that did not answer (named), a derivation or storage
    /// error; the reset stays open to try again.
    pub async fn finish_pin_reset(&self, pin: Pin, keep_passkeys: bool) -> Result<(), AppError> {
        if self.phase.get_untracked() != Phase::ResettingPin {
            return Err(SessionError::Locked.into());
        }
        let slot = self.new_pin_slot(&pin).await?;
        if keep_passkeys && self.unlock_ways.get_untracked().pin_with_passkey {
            let answers = self.answers_of_every_passkey(None).await?;
            self.write_with(|vault, _| {
                Ok(vault.require_passkey_with_pin(true, &slot, &answers, &mut OsEntropy)?)
            })
            .await?;
        } else {
            self.write_with(|vault, _| Ok(vault.reset_pin(&slot, &mut OsEntropy)?))
                .await?;
        }
        self.phase.set(Phase::Unlocked);
        Ok(())
    }
}
