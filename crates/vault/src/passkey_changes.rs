//! The changes of the vault's passkey slots (the slot types and how they
//! open are `passkey_slot.rs`): add one, remove one, require a passkey
//! with the PIN or stop, and the PIN reset that ends the requirement. Each
//! re-wraps the data key only; on error nothing changed.

use crate::file::{hex, is_pin_slot, random_array};
use crate::hazmat::{self, NONCE_BYTES};
use crate::passkey_slot::{PASSKEY, PIN_AND_PASSKEY, PasskeySlot, kek};
use crate::{
    Entropy, NewPasskey, NewPinSlot, Passkey, PasskeyAnswer, PrfOutput, SealedVault, UnlockedVault,
    VaultError,
};

impl UnlockedVault {
    fn passkey_slot(
        &self,
        passkey: &Passkey,
        prf: &PrfOutput,
        pin: Option<&NewPinSlot>,
        entropy: &mut dyn Entropy,
    ) -> Result<serde_json::Value, VaultError> {
        let kind = if pin.is_some() {
            PIN_AND_PASSKEY
        } else {
            PASSKEY
        };
        let vault_id = &self.sealed.body.id;
        let kek = kek(kind, vault_id, prf, pin.map(|pin| &pin.kek.0));
        let mut slot = PasskeySlot {
            kind: kind.to_owned(),
            id: hex(&random_array::<8>(entropy)?),
            credential_id: passkey.credential_id.clone(),
            rp_id: passkey.rp_id.clone(),
            prf_salt: passkey.prf_salt.clone(),
            label: passkey.label.clone(),
            created_at: passkey.created_at_ms,
            kdf: pin.map(|pin| pin.kdf.clone()),
            secret: pin
                .filter(|pin| pin.password)
                .map(|_| "password".to_owned()),
            nonce: Vec::new(),
            wrapped_key: Vec::new(),
        };
        let nonce: [u8; NONCE_BYTES] = random_array(entropy)?;
        slot.nonce = nonce.to_vec();
        slot.wrapped_key = hazmat::seal(&kek, &nonce, &self.key.0, &slot.aad(vault_id));
        serde_json::to_value(&slot).map_err(|_| VaultError::Corrupt("a slot cannot be written"))
    }

    fn slots_written(&mut self) -> SealedVault {
        self.sealed.slots_changed();
        self.sealed.clone()
    }

    /// Adds a slot for a new passkey: `webauthn-prf` while the PIN alone
    /// opens the vault, else `pin+webauthn-prf` with `pin`.
    ///
    /// # Errors
    /// [`VaultError::PinNeeded`] when the PIN is required with passkeys and
    /// `pin` is `None`; [`VaultError::Random`].
    pub fn add_passkey(
        &mut self,
        new: &NewPasskey,
        prf: &PrfOutput,
        pin: Option<&NewPinSlot>,
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        let pin = match (self.sealed.pin_alone_opens(), pin) {
            (true, _) => None,
            (false, Some(pin)) => Some(pin),
            (false, None) => return Err(VaultError::PinNeeded),
        };
        let passkey = Passkey {
            slot_id: String::new(),
            credential_id: new.credential_id.clone(),
            rp_id: new.rp_id.clone(),
            prf_salt: new.prf_salt.clone(),
            label: new.label.clone(),
            created_at_ms: new.created_at_ms,
            with_pin: pin.is_some(),
        };
        let slot = self.passkey_slot(&passkey, prf, pin, entropy)?;
        self.sealed.body.slots.push(slot);
        Ok(self.slots_written())
    }

    /// Removes one passkey's slot; what remains is untouched.
    ///
    /// # Errors
    /// [`VaultError::LastRequiredPasskey`] when nothing else would open
    /// the vault; [`VaultError::UnknownPasskey`].
    pub fn remove_passkey(&mut self, slot_id: &str) -> Result<SealedVault, VaultError> {
        let passkeys = self.sealed.passkeys();
        if !passkeys.iter().any(|p| p.slot_id == slot_id) {
            return Err(VaultError::UnknownPasskey);
        }
        if !self.sealed.pin_alone_opens() && passkeys.len() == 1 {
            return Err(VaultError::LastRequiredPasskey);
        }
        self.sealed
            .body
            .slots
            .retain(|slot| PasskeySlot::read(slot).is_none_or(|slot| slot.id != slot_id));
        Ok(self.slots_written())
    }

    /// After a PIN reset through the issuer: `pin` becomes the PIN (or
    /// password) slot, and passkeys stop being required with it (their
    /// `pin+webauthn-prf` slots go: the passkeys were not asked). Passkeys
    /// that open alone, and recovery slots, stay.
    ///
    /// # Errors
    /// [`VaultError::Random`].
    pub fn reset_pin(
        &mut self,
        pin: &NewPinSlot,
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        self.set_secret_slot(&pin.kek, pin.kdf.clone(), pin.kind(), entropy)?;
        self.sealed
            .body
            .slots
            .retain(|slot| PasskeySlot::read(slot).is_none_or(|slot| slot.kind != PIN_AND_PASSKEY));
        Ok(self.slots_written())
    }

    /// Requires a passkey with the PIN (`required`), or stops requiring it:
    /// every passkey slot is made again, of the other type, from its
    /// answer in `answers`; the `pin` slot is removed, or made from `pin`.
    /// Also a PIN change while passkeys are required.
    ///
    /// # Errors
    /// [`VaultError::PasskeyDidNotAnswer`] (naming it) when a passkey has
    /// no answer; [`VaultError::UnknownPasskey`] when there is none at all;
    /// [`VaultError::Random`]. On error nothing changed.
    pub fn require_passkey_with_pin(
        &mut self,
        required: bool,
        pin: &NewPinSlot,
        answers: &[PasskeyAnswer],
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        let passkeys = self.sealed.passkeys();
        if passkeys.is_empty() {
            return Err(VaultError::UnknownPasskey);
        }
        let mut slots = Vec::with_capacity(passkeys.len());
        for passkey in &passkeys {
            let answer = answers
                .iter()
                .find(|a| a.credential_id == passkey.credential_id)
                .ok_or_else(|| VaultError::PasskeyDidNotAnswer(passkey.label.clone()))?;
            let half = required.then_some(pin);
            slots.push(self.passkey_slot(passkey, &answer.prf, half, entropy)?);
        }
        let mut changed = self.clone();
        if required {
            changed.sealed.body.slots.retain(|slot| !is_pin_slot(slot));
        } else {
            changed.set_secret_slot(&pin.kek, pin.kdf.clone(), pin.kind(), entropy)?;
        }
        changed
            .sealed
            .body
            .slots
            .retain(|slot| PasskeySlot::read(slot).is_none());
        changed.sealed.body.slots.extend(slots);
        *self = changed;
        Ok(self.slots_written())
    }
}
