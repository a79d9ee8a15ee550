//! Recovery key slots (issue 20): for each activation identity, the data
//! key wrapped under KEK = Argon2id(Unlock Code, salt), the PIN slot's
//! KDF. The issuer computes the Unlock Code from the token's secret and
//! the slot's PIN Reset Code (`otp::activation::recovery`), so a person who
//! forgot the PIN gets back in through Self-Service. The slot never holds
//! the code; after use it is replaced with a fresh nonce.
//!
//! Security contract: the Unlock Code and the key made from it are
//! zeroized; what [`Recovery`] exposes (identity id, Serial Number, name,
//! PIN Reset Code) is shown before unlock by design.

use crate::file::{aad, hex, random_array, unwrap_key};
use crate::hazmat::{self, NONCE_BYTES};
use crate::kdf::{DerivedKey, KdfCosts, KdfParams, KdfRequest, b64};
use crate::{Document, Entropy, SealedVault, UnlockedVault, VaultError};
use otp::activation::{PinResetCode, UnlockCode};
use serde::{Deserialize, Serialize};

const RECOVERY: &str = "recovery";
const RECOVERY_AAD: &[u8] = b"softtoken-vault/slot/recovery";

#[derive(Clone, Debug, Serialize, Deserialize)]
struct RecoverySlot {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    identity_id: String,
    serial: String,
    label: String,
    reset_code: String,
    kdf: KdfParams,
    #[serde(with = "b64")]
    nonce: Vec<u8>,
    #[serde(with = "b64")]
    wrapped_key: Vec<u8>,
}

impl RecoverySlot {
    fn read(slot: &serde_json::Value) -> Option<Self> {
        if slot.get("type")?.as_str()? != RECOVERY {
            return None;
        }
        Self::deserialize(slot).ok()
    }
}

/// A recovery slot as the "Forgot your PIN?" screen lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    pub slot_id: String,
    pub identity_id: String,
    /// `NNNNN-NNNNN`
    pub serial: String,
    pub label: String,
    /// `NNNNN-NNNNN-C`, for Self-Service.
    pub reset_code: String,
}

/// A recovery slot's key and public fields, derived and ready to write.
#[derive(Debug)]
pub struct NewRecoverySlot {
    kek: DerivedKey,
    kdf: KdfParams,
    identity_id: String,
    serial: String,
    label: String,
    reset_code: PinResetCode,
}

impl NewRecoverySlot {
    /// Makes a fresh PIN Reset Code for the identity whose token secret is
    /// `secret`, and derives the slot's key from its Unlock Code.
    ///
    /// # Errors
    /// [`VaultError::Random`], or `derive`'s error.
    pub async fn prepare<E: From<VaultError>>(
        secret: &[u8],
        identity_id: &str,
        serial: &str,
        label: &str,
        costs: KdfCosts,
        derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
        entropy: &mut dyn Entropy,
    ) -> Result<Self, E> {
        let reset_code = PinResetCode::from_random(random_array::<8>(entropy)?);
        let unlock_code = UnlockCode::for_secret(secret, &reset_code);
        let kdf = KdfParams::fresh_with(costs.memory_kib, costs.iterations, entropy)?;
        let kek = derive(KdfRequest::text(&unlock_code.ascii(), kdf.clone())).await?;
        Ok(Self {
            kek,
            kdf,
            identity_id: identity_id.to_owned(),
            serial: serial.to_owned(),
            label: label.to_owned(),
            reset_code,
        })
    }
}

fn recovery_slots(sealed: &SealedVault) -> impl Iterator<Item = RecoverySlot> + '_ {
    sealed.body.slots.iter().filter_map(RecoverySlot::read)
}

impl SealedVault {
    /// Every recovery slot, in stored order.
    pub fn recoveries(&self) -> Vec<Recovery> {
        recovery_slots(self)
            .map(|slot| Recovery {
                slot_id: slot.id,
                identity_id: slot.identity_id,
                serial: slot.serial,
                label: slot.label,
                reset_code: slot.reset_code,
            })
            .collect()
    }

    /// Opens with an identity's Unlock Code (its recovery slot).
    ///
    /// # Errors
    /// [`VaultError::NoRecovery`], [`VaultError::WrongUnlockCode`],
    /// [`VaultError::KdfParams`], [`VaultError::Corrupt`], or `derive`'s.
    pub async fn open_with_unlock_code<E: From<VaultError>>(
        &self,
        slot_id: &str,
        code: &UnlockCode,
        derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
    ) -> Result<(UnlockedVault, Document), E> {
        let slot = recovery_slots(self)
            .find(|slot| slot.id == slot_id)
            .ok_or(VaultError::NoRecovery)?;
        slot.kdf.check()?;
        let kek = derive(KdfRequest::text(&code.ascii(), slot.kdf.clone())).await?;
        let key = unwrap_key(
            &kek.0,
            &slot.nonce,
            &slot.wrapped_key,
            &aad(RECOVERY_AAD, &self.body.id, &slot.id),
        )
        .ok_or(VaultError::WrongUnlockCode)??;
        Ok(self.opened_with(key)?)
    }
}

impl UnlockedVault {
    /// Writes the identity's recovery slot, replacing any it had (after
    /// use, or at reactivation); only the data key is wrapped.
    ///
    /// # Errors
    /// [`VaultError::Random`].
    pub fn set_recovery(
        &mut self,
        slot: &NewRecoverySlot,
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        let slot_id = hex(&random_array::<8>(entropy)?);
        let nonce: [u8; NONCE_BYTES] = random_array(entropy)?;
        let wrapped_key = hazmat::seal(
            &slot.kek.0,
            &nonce,
            &self.key.0,
            &aad(RECOVERY_AAD, &self.sealed.body.id, &slot_id),
        );
        let written = RecoverySlot {
            kind: RECOVERY.to_owned(),
            id: slot_id,
            identity_id: slot.identity_id.clone(),
            serial: slot.serial.clone(),
            label: slot.label.clone(),
            reset_code: slot.reset_code.formatted(),
            kdf: slot.kdf.clone(),
            nonce: nonce.to_vec(),
            wrapped_key,
        };
        let value = serde_json::to_value(&written)
            .map_err(|_| VaultError::Corrupt("a slot cannot be written"))?;
        self.remove_recovery(&slot.identity_id);
        self.sealed.body.slots.push(value);
        Ok(self.sealed.clone())
    }

    /// Removes the identity's recovery slot, if it has one (Reactivate,
    /// delete, or the person turning it off).
    pub fn remove_recovery(&mut self, identity_id: &str) -> SealedVault {
        self.sealed.body.slots.retain(|slot| {
            RecoverySlot::read(slot).is_none_or(|slot| slot.identity_id != identity_id)
        });
        self.sealed.clone()
    }
}
