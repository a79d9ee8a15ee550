//! The operations on one identity that the screens offer: rename, delete,
//! Reactivate (clear the token), activate (derive the token from the
//! Serial Number and Activation Code), and "Next code" for HOTP. Each is one
//! committed write of a [`vault::Document`] operation.

use super::{AppError, AppState, now_ms};
use leptos::prelude::*;
use otp::activation::{
    ActivationCode, ActivationDigits, RegistrationCode, SerialNumber, derive_secret, derive_token,
};
use vault::{Activation, ActivationTarget, OsEntropy, StoredToken};

/// Which identity Save on the activation screen is for.
#[derive(Clone, Debug)]
pub enum ActivateFor {
    /// One that exists (after Reactivate), by id.
    Existing(String),
    /// A new one with this name.
    New(String),
}

impl AppState {
    /// # Errors
    /// [`vault::DocumentError::EmptyName`] or `NoSuchIdentity`, or as
    /// [`AppState::commit`].
    pub async fn rename(&self, id: &str, name: &str) -> Result<(), AppError> {
        self.commit(|document| document.rename(id, name)).await
    }

    /// # Errors
    /// As [`AppState::rename`].
    pub async fn delete(&self, id: &str) -> Result<(), AppError> {
        // Its recovery slot goes in the same write.
        self.write_with(|vault, document| {
            document.delete(id)?;
            vault.remove_recovery(id);
            Ok(vault.seal(document, &mut OsEntropy)?)
        })
        .await
    }

    /// Clears the identity's token, keeping its name, for a new activation.
    ///
    /// # Errors
    /// As [`AppState::rename`].
    pub async fn reactivate(&self, id: &str) -> Result<(), AppError> {
        // The old secret's recovery slot goes with it, in the same write.
        self.write_with(|vault, document| {
            document.reactivate(id)?;
            vault.remove_recovery(id);
            Ok(vault.seal(document, &mut OsEntropy)?)
        })
        .await
    }

    /// Whether identity `id` can reset the PIN (it has a recovery slot).
    pub fn can_reset_pin(&self, id: &str) -> bool {
        self.inner
            .with_value(|inner| {
                inner.vault.as_ref().map(|vault| {
                    vault
                        .sealed()
                        .recoveries()
                        .iter()
                        .any(|r| r.identity_id == id)
                })
            })
            .unwrap_or(false)
    }

    /// Turns PIN reset on or off for identity `id`: its recovery slot is
    /// written (a fresh PIN Reset Code) or removed.
    ///
    /// # Errors
    /// A derivation or storage error.
    pub async fn set_pin_reset(&self, id: &str, on: bool) -> Result<(), AppError> {
        if !on {
            return self
                .write_with(|vault, _| Ok(vault.remove_recovery(id)))
                .await;
        }
        let document = self.document.get_untracked();
        let Some(slot) = self.new_recovery(&document, id).await? else {
            return Err(vault::DocumentError::NoSuchIdentity.into());
        };
        self.write_with(|vault, _| Ok(vault.set_recovery(&slot, &mut OsEntropy)?))
            .await
    }

    /// HOTP: the counter moves on by one, for the next code.
    ///
    /// # Errors
    /// As [`AppState::rename`].
    pub async fn next_code(&self, id: &str) -> Result<(), AppError> {
        self.commit(|document| document.next_code(id)).await
    }

    /// Save on the activation screen: parses both codes, makes the
    /// Registration Code, derives the token (with the link's policy, when
    /// a secure link gave the codes), and stores both in one write. Returns
    /// the identity's id, for the Registration Code screen.
    ///
    /// # Errors
    /// A code's own sentence, [`AppError::NoRandom`], or as
    /// [`AppState::commit`].
    pub async fn activate(
        &self,
        target: ActivateFor,
        serial: &str,
        activation_code: &str,
        policy: Option<&str>,
    ) -> Result<String, AppError> {
        let serial = SerialNumber::parse(serial)?;
        let activation_code = ActivationCode::parse(activation_code)?;
        // Without a random source there is no safe Registration Code; every
        // browser has one, so this only guards a broken platform.
        let random = otp::random_bytes::<2>().map_err(|_| AppError::NoRandom)?;
        let registration = RegistrationCode::generate(&activation_code, random);
        let token = derive_token(
            derive_secret(&serial, &activation_code, &registration, policy),
            ActivationDigits::Six,
        );
        let activation = Activation {
            serial: serial.formatted(),
            registration_code: registration.formatted(),
            token: StoredToken::from_token(&token),
        };
        let (id, target) = match target {
            ActivateFor::Existing(id) => (id.clone(), ActivationTarget::Existing(id)),
            ActivateFor::New(name) => {
                let id = super::new_identity_id();
                (id.clone(), ActivationTarget::New { id, name })
            }
        };
        let now = now_ms();
        let first = self.document.with_untracked(|d| d.identities.is_empty());
        // The recovery slot for the new secret is written with it: the PIN
        // can be reset through Self-Service from the first code on.
        let mut activated = self.document.get_untracked();
        activated.finish_activation(target.clone(), activation.clone(), now)?;
        let recovery = self.new_recovery(&activated, &id).await?;
        self.write_with(|vault, document| {
            document.finish_activation(target.clone(), activation.clone(), now)?;
            if let Some(recovery) = &recovery {
                vault.set_recovery(recovery, &mut OsEntropy)?;
            }
            Ok(vault.seal(document, &mut OsEntropy)?)
        })
        .await?;
        if first {
            super::ask_to_keep_data_in_background();
        }
        Ok(id)
    }
}
