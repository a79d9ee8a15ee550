//! The PIN envelope: make, open and replace the vault's PIN slot without
//! the caller choosing a KDF setting or seeing a key-encryption key. The
//! caller supplies only the costs (memory, passes) and `derive`, the one
//! thing that differs by platform: how a [`KdfRequest`] is run (in a Web
//! Worker in the app; [`KdfRequest::run`] right away in tests and tools).
//!
//! Security contract: as `file.rs`'s. A wrong PIN is
//! [`VaultError::WrongPin`] only for an intact record; `derive`'s own
//! failures come back as they are (the caller's error type).

use crate::file::PinTag;
use crate::kdf::{DerivedKey, KdfCosts, KdfParams, KdfRequest, KeyEncryptionKey};
use crate::{Document, Entropy, Pin, SealedVault, UnlockedVault, VaultError};

/// A PIN slot's key and parameters, derived and ready to be written: by
/// [`UnlockedVault::create_with`] for a new vault, [`UnlockedVault::set_pin`]
/// for a PIN change or stronger costs. Holds a key: zeroized on drop.
#[derive(Debug)]
pub struct NewPinSlot {
    pub(crate) kek: KeyEncryptionKey,
    pub(crate) kdf: KdfParams,
    /// Made from a password: written as a `password` slot.
    pub(crate) password: bool,
}

impl NewPinSlot {
    pub(crate) fn kind(&self) -> PinTag {
        if self.password {
            PinTag::Password
        } else {
            PinTag::Pin
        }
    }
}

impl NewPinSlot {
    /// Derives a slot for `pin` at `costs`, with a fresh salt.
    ///
    /// # Errors
    /// [`VaultError::Random`], or `derive`'s error.
    pub async fn prepare<E: From<VaultError>>(
        pin: &Pin,
        costs: KdfCosts,
        derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
        entropy: &mut dyn Entropy,
    ) -> Result<Self, E> {
        let kdf = KdfParams::fresh_with(costs.memory_kib, costs.iterations, entropy)?;
        let key = derive(KdfRequest::pin(pin, kdf.clone())).await?;
        Ok(Self {
            kek: KeyEncryptionKey(key),
            kdf,
            password: pin.is_password(),
        })
    }
}

impl SealedVault {
    /// Opens with a PIN: derives with the slot's own parameters (checked
    /// against the caps first), then unwraps the data key.
    ///
    /// # Errors
    /// [`VaultError::WrongPin`], [`VaultError::Corrupt`],
    /// [`VaultError::KdfParams`], or `derive`'s error.
    pub async fn open_with_pin<E: From<VaultError>>(
        &self,
        pin: &Pin,
        derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
    ) -> Result<(UnlockedVault, Document), E> {
        let request = KdfRequest::pin(pin, self.pin_kdf()?.clone());
        let kek = KeyEncryptionKey(derive(request).await?);
        Ok(self.unlock_with(&kek)?)
    }
}

impl UnlockedVault {
    /// A new vault holding `document`, protected by the prepared PIN slot.
    ///
    /// # Errors
    /// [`VaultError::Random`].
    pub fn create_with(
        slot: &NewPinSlot,
        document: &Document,
        entropy: &mut dyn Entropy,
    ) -> Result<(Self, SealedVault), VaultError> {
        Self::create_as(&slot.kek, slot.kdf.clone(), slot.kind(), document, entropy)
    }

    /// Replaces the PIN slot with the prepared one; only the data key is
    /// re-wrapped. While passkeys are required with the PIN there is no
    /// PIN slot to replace: the PIN changes with
    /// [`UnlockedVault::require_passkey_with_pin`], which needs them.
    ///
    /// # Errors
    /// [`VaultError::PasskeysNeeded`]; [`VaultError::Random`].
    pub fn set_pin(
        &mut self,
        slot: &NewPinSlot,
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        if !self.sealed().pin_alone_opens() {
            return Err(VaultError::PasskeysNeeded);
        }
        self.set_secret_slot(&slot.kek, slot.kdf.clone(), slot.kind(), entropy)
    }

    /// True when the PIN slot was made with lower costs than `costs`: it
    /// should be re-wrapped now that the PIN is known.
    pub fn pin_weaker_than(&self, costs: KdfCosts) -> bool {
        self.sealed()
            .pin_kdf()
            .is_ok_and(|kdf| kdf.weaker_than(costs.memory_kib, costs.iterations))
    }
}
