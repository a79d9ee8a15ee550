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

use crate::file::{aad, hex, random_array, unwrap_key};
use crate::hazmat::{self, KEY_BYTES, Key, NONCE_BYTES};
use crate::kdf::{DerivedKey, KdfParams, KdfRequest, b64};
use crate::{Document, Entropy, FORMAT_VERSION, NewPinSlot, Pin, SealedVault, UnlockedVault};
use crate::{VaultError, file::is_pin_slot};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

const PASSKEY: &str = "webauthn-prf";
const PIN_AND_PASSKEY: &str = "pin+webauthn-prf";
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
struct PasskeySlot {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    #[serde(with = "b64")]
    credential_id: Vec<u8>,
    rp_id: String,
    #[serde(with = "b64")]
    prf_salt: Vec<u8>,
    label: String,
    created_at: u64,
    /// The PIN half's Argon2id, in `pin+webauthn-prf` slots only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kdf: Option<KdfParams>,
    /// `"password"` where the PIN half is a password (absent: a PIN); for
    /// the PIN screen to ask for the right one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
    #[serde(with = "b64")]
    nonce: Vec<u8>,
    #[serde(with = "b64")]
    wrapped_key: Vec<u8>,
}

impl PasskeySlot {
    fn read(slot: &serde_json::Value) -> Option<Self> {
        let kind = slot.get("type")?.as_str()?;
        let slot = Self::deserialize(slot).ok()?;
        let well_formed = match kind {
            PASSKEY => slot.kdf.is_none(),
            PIN_AND_PASSKEY => slot.kdf.is_some(),
            _ => false,
        };
        well_formed.then_some(slot)
    }

    fn aad(&self, vault_id: &str) -> Vec<u8> {
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
fn kek(kind: &str, vault_id: &str, prf: &PrfOutput, pin: Option<&DerivedKey>) -> Key {
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
        let document = crate::file::open_document(&key, &self.body)?;
        Ok((
            UnlockedVault {
                key,
                sealed: self.clone(),
            },
            document,
        ))
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
