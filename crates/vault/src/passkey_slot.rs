//! Passkey key slots (WebAuthn PRF), beside the PIN slot:
//! - `webauthn-prf`: the passkey alone opens the vault;
//! - `pin+webauthn-prf`: only the PIN and the passkey together do (a copy
//!   of the record is then useless without the authenticator).
//!
//! KEK = HKDF-SHA256(no salt, IKM = PRF output [|| Argon2id(PIN)], info =
//! "softtoken-vault/kek/" || type || u32_be(version) || vault id); each
//! slot's AAD binds the vault id and slot id, as the `pin` slot's does.
//! Slot changes re-wrap the data key only.
//!
//! Security contract: a PRF output and the keys made from it are zeroized
//! on drop and never printed; what [`Passkey`] exposes (credential id, RP
//! id, PRF salt, label) is public by design: the browser needs it before
//! unlock to ask the authenticator.

use crate::VaultError;
use crate::file::{aad, random_array, unwrap_key};
use crate::hazmat::{KEY_BYTES, Key};
use crate::kdf::{DerivedKey, KdfParams, KdfRequest, b64};
use crate::{Document, Entropy, FORMAT_VERSION, Pin, SealedVault, UnlockedVault};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub(crate) const PASSKEY: &str = "webauthn-prf";
pub(crate) const PIN_AND_PASSKEY: &str = "pin+webauthn-prf";
/// Bytes of the random PRF salt each slot sends as `prf.eval.first`.
pub const PRF_SALT_BYTES: usize = 32;

/// What an authenticator's PRF returned (`prf.results.first`): 32 bytes.
/// Zeroized on drop; `Debug` shows nothing.
#[derive(Clone, Debug)]
pub struct PrfOutput(Key);

impl PrfOutput {
    /// # Errors
    /// [`VaultError::PrfOutput`] unless it is exactly 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, VaultError> {
        <[u8; KEY_BYTES]>::try_from(bytes)
            .map(|bytes| Self(Key(bytes)))
            .map_err(|_| VaultError::PrfOutput)
    }
}

/// One passkey's answer to one ceremony: which credential, and its output
/// for that slot's salt.
#[derive(Clone, Debug)]
pub struct PasskeyAnswer {
    pub credential_id: Vec<u8>,
    pub prf: PrfOutput,
}

/// A passkey slot as the app lists it and asks the browser for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passkey {
    pub slot_id: String,
    pub credential_id: Vec<u8>,
    pub rp_id: String,
    pub prf_salt: Vec<u8>,
    pub label: String,
    pub created_at_ms: u64,
    /// `pin+webauthn-prf`: opens only with the PIN.
    pub with_pin: bool,
}

/// A passkey just created, before its slot is written.
#[derive(Clone, Debug)]
pub struct NewPasskey {
    pub credential_id: Vec<u8>,
    pub rp_id: String,
    pub label: String,
    pub created_at_ms: u64,
    pub prf_salt: Vec<u8>,
}

impl NewPasskey {
    /// A fresh random PRF salt, to send at creation and on every unlock.
    ///
    /// # Errors
    /// [`VaultError::Random`].
    pub fn fresh_salt(entropy: &mut dyn Entropy) -> Result<Vec<u8>, VaultError> {
        Ok(random_array::<PRF_SALT_BYTES>(entropy)?.to_vec())
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct PasskeySlot {
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) id: String,
    #[serde(with = "b64")]
    pub(crate) credential_id: Vec<u8>,
    pub(crate) rp_id: String,
    #[serde(with = "b64")]
    pub(crate) prf_salt: Vec<u8>,
    pub(crate) label: String,
    pub(crate) created_at: u64,
    /// The PIN half's Argon2id, in `pin+webauthn-prf` slots only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) kdf: Option<KdfParams>,
    /// `"password"` where the PIN half is a password (absent: a PIN); for
    /// the PIN screen to ask for the right one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) secret: Option<String>,
    #[serde(with = "b64")]
    pub(crate) nonce: Vec<u8>,
    #[serde(with = "b64")]
    pub(crate) wrapped_key: Vec<u8>,
}

impl PasskeySlot {
    pub(crate) fn read(slot: &serde_json::Value) -> Option<Self> {
        let kind = slot.get("type")?.as_str()?;
        let slot = Self::deserialize(slot).ok()?;
        let well_formed = match kind {
            PASSKEY => slot.kdf.is_none(),
            PIN_AND_PASSKEY => slot.kdf.is_some(),
            _ => false,
        };
        well_formed.then_some(slot)
    }

    pub(crate) fn aad(&self, vault_id: &str) -> Vec<u8> {
        let domain = format!("softtoken-vault/slot/{}", self.kind);
        aad(domain.as_bytes(), vault_id, &self.id)
    }

    fn public(&self) -> Passkey {
        Passkey {
            slot_id: self.id.clone(),
            credential_id: self.credential_id.clone(),
            rp_id: self.rp_id.clone(),
            prf_salt: self.prf_salt.clone(),
            label: self.label.clone(),
            created_at_ms: self.created_at,
            with_pin: self.kind == PIN_AND_PASSKEY,
        }
    }
}

/// The key-encryption key of a passkey slot of type `kind`.
#[allow(
    clippy::expect_used,
    reason = "32 bytes is a valid HKDF-SHA256 output length"
)]
pub(crate) fn kek(kind: &str, vault_id: &str, prf: &PrfOutput, pin: Option<&DerivedKey>) -> Key {
    let mut ikm = Zeroizing::new(Vec::with_capacity(2 * KEY_BYTES));
    ikm.extend_from_slice(&prf.0.0);
    if let Some(pin) = pin {
        ikm.extend_from_slice(&pin.0.0);
    }
    let info = [
        b"softtoken-vault/kek/".as_slice(),
        kind.as_bytes(),
        &FORMAT_VERSION.to_be_bytes(),
        vault_id.as_bytes(),
    ]
    .concat();
    let mut key = Key([0; KEY_BYTES]);
    hkdf::Hkdf::<sha2::Sha256>::new(None, &ikm)
        .expand(&info, &mut key.0)
        .expect("HKDF-SHA256 gives up to 8160 bytes");
    key
}

/// What a vault opens with, read from its slots' types alone (no slot is
/// parsed: the PIN screen needs only this, and it is on the start path).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlotKinds {
    /// The secret the person knows is a password, not a PIN.
    pub password: bool,
    /// A passkey alone opens it.
    pub passkey_alone: bool,
    /// The PIN opens it only with a passkey.
    pub pin_with_passkey: bool,
}

fn passkey_slots(sealed: &SealedVault) -> impl Iterator<Item = PasskeySlot> + '_ {
    sealed.body.slots.iter().filter_map(PasskeySlot::read)
}

impl SealedVault {
    /// Every passkey slot, in stored order.
    pub fn passkeys(&self) -> Vec<Passkey> {
        passkey_slots(self).map(|slot| slot.public()).collect()
    }

    /// Whether the PIN alone opens this vault (else it needs a passkey too).
    pub fn pin_alone_opens(&self) -> bool {
        self.pin.is_some()
    }

    /// Whether the secret the person knows is a password, not a PIN: the
    /// PIN screen asks for what opens the vault.
    pub fn uses_password(&self) -> bool {
        self.slot_kinds().password
    }

    /// What this vault opens with, from its slots' types.
    pub fn slot_kinds(&self) -> SlotKinds {
        let text = |slot: &serde_json::Value, member: &str| {
            slot.get(member)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        let mut kinds = SlotKinds::default();
        let mut pin_alone = false;
        for slot in &self.body.slots {
            match text(slot, "type").as_deref() {
                Some("pin") => pin_alone = true,
                Some("password") => {
                    pin_alone = true;
                    kinds.password = true;
                }
                Some(PASSKEY) => kinds.passkey_alone = true,
                Some(PIN_AND_PASSKEY) => {
                    kinds.pin_with_passkey = true;
                    kinds.password |= text(slot, "secret").as_deref() == Some("password");
                }
                _ => {}
            }
        }
        kinds.pin_with_passkey &= !pin_alone;
        kinds
    }

    fn slot_for(&self, kind: &str, credential_id: &[u8]) -> Result<PasskeySlot, VaultError> {
        passkey_slots(self)
            .find(|slot| slot.kind == kind && slot.credential_id == credential_id)
            .ok_or(VaultError::UnknownPasskey)
    }

    fn open_slot(
        &self,
        slot: &PasskeySlot,
        kek: &Key,
        wrong: VaultError,
    ) -> Result<(UnlockedVault, Document), VaultError> {
        let key = unwrap_key(
            kek,
            &slot.nonce,
            &slot.wrapped_key,
            &slot.aad(&self.body.id),
        )
        .ok_or(wrong)??;
        self.opened_with(key)
    }

    /// Opens with a passkey alone (a `webauthn-prf` slot).
    ///
    /// # Errors
    /// [`VaultError::UnknownPasskey`], [`VaultError::WrongPasskey`],
    /// [`VaultError::Corrupt`].
    pub fn open_with_passkey(
        &self,
        answer: &PasskeyAnswer,
    ) -> Result<(UnlockedVault, Document), VaultError> {
        let slot = self.slot_for(PASSKEY, &answer.credential_id)?;
        let kek = kek(PASSKEY, &self.body.id, &answer.prf, None);
        self.open_slot(&slot, &kek, VaultError::WrongPasskey)
    }

    /// Opens with the PIN and a passkey together (a `pin+webauthn-prf`
    /// slot): the PIN's Argon2id runs through `derive`.
    ///
    /// # Errors
    /// [`VaultError::UnknownPasskey`], [`VaultError::WrongPin`],
    /// [`VaultError::KdfParams`], [`VaultError::Corrupt`], or `derive`'s.
    pub async fn open_with_pin_and_passkey<E: From<VaultError>>(
        &self,
        pin: &Pin,
        answer: &PasskeyAnswer,
        derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
    ) -> Result<(UnlockedVault, Document), E> {
        let slot = self.slot_for(PIN_AND_PASSKEY, &answer.credential_id)?;
        let kdf = slot.kdf.clone().ok_or(VaultError::Corrupt("no KDF"))?;
        kdf.check()?;
        let pin_key = derive(KdfRequest::pin(pin, kdf)).await?;
        let kek = kek(PIN_AND_PASSKEY, &self.body.id, &answer.prf, Some(&pin_key));
        Ok(self.open_slot(&slot, &kek, VaultError::WrongPin)?)
    }
}
