//! The operations on one identity that the screens offer: rename, delete,
//! Reactivate (clear the token), activate (derive the token from the
//! Serial Number and Activation Code), and "Next code" for HOTP. Each is one
//! committed write of a [`vault::Document`] operation.

use super::{AppError, AppState, now_ms};
use leptos::prelude::*;
use otp::activation::{
    ActivationCode, ActivationDigits, RegistrationCode, SerialNumber, derive_secret, derive_token,
};
use vault::{Activation, ActivationTarget, StoredToken};

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
        self.commit(|document| document.delete(id)).await
    }

    /// Clears the identity's token, keeping its name, for a new activation.
    ///
    /// # Errors
    /// As [`AppState::rename`].
    pub async fn reactivate(&self, id: &str) -> Result<(), AppError> {
        self.commit(|document| document.reactivate(id)).await
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
        self.commit(|document| document.finish_activation(target.clone(), activation.clone(), now))
            .await?;
        if first {
            super::ask_to_keep_data_in_background();
        }
        Ok(id)
    }
}
