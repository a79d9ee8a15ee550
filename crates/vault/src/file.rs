//! The stored record and its safe API.
//!
//! Text form: `SOFTTOKEN-VAULT <version> <sha256-hex of JSON>\n<JSON>`.
//! The checksum tells accidental damage (a torn write, a flipped bit) from a
//! wrong PIN; the AEAD tags make deliberate changes fail too.

use crate::document::Document;
use crate::hazmat::{self, KEY_BYTES, Key, NONCE_BYTES};
use crate::kdf::{KdfParams, KeyEncryptionKey, b64};
use crate::{Entropy, Pin, VaultError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &str = "SOFTTOKEN-VAULT";
const PAYLOAD_AAD: &[u8] = b"softtoken-vault/payload";
const PIN_SLOT_AAD: &[u8] = b"softtoken-vault/slot/pin";
const PASSWORD_SLOT_AAD: &[u8] = b"softtoken-vault/slot/password";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PinSlot {
    #[serde(rename = "type")]
    pub(crate) kind: PinTag,
    id: String,
    kdf: KdfParams,
    #[serde(with = "b64")]
    nonce: Vec<u8>,
    #[serde(with = "b64")]
    wrapped_key: Vec<u8>,
}

/// The knowledge slot's two types: a PIN, or a password in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum PinTag {
    #[serde(rename = "pin")]
    Pin,
    #[serde(rename = "password")]
    Password,
}

impl PinTag {
    fn aad_domain(self) -> &'static [u8] {
        match self {
            Self::Pin => PIN_SLOT_AAD,
            Self::Password => PASSWORD_SLOT_AAD,
        }
    }
}

/// Key slots stay JSON values as read: types this version does not know,
/// and members of a `pin` slot it does not know, are written back as they
/// are, so a later version's slots and fields survive a write by this one.
/// (Plain values rather than serde's untagged/flatten, which cost the
/// start-up WASM about 40 KB.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Body {
    version: u32,
    pub(crate) id: String,
    pub(crate) slots: Vec<serde_json::Value>,
    #[serde(with = "b64")]
    nonce: Vec<u8>,
    #[serde(with = "b64")]
    ciphertext: Vec<u8>,
}

/// A `pin` or `password` slot: the one the secret the person knows opens.
pub(crate) fn is_pin_slot(slot: &serde_json::Value) -> bool {
    matches!(
        slot.get("type").and_then(serde_json::Value::as_str),
        Some("pin" | "password")
    )
}

/// The first slot of type `pin` that reads as one.
fn read_pin_slot(slots: &[serde_json::Value]) -> Option<PinSlot> {
    slots
        .iter()
        .filter(|slot| is_pin_slot(slot))
        .find_map(|slot| PinSlot::deserialize(slot).ok())
}

/// A vault as stored: nothing in it is readable without a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedVault {
    pub(crate) body: Body,
    /// `body`'s PIN slot, read once.
    pub(crate) pin: Option<PinSlot>,
}

/// An open vault: holds the data key, so it can write new versions of the
/// document and re-wrap the key. Dropping it zeroizes the key. Cloning lets
/// a caller prepare a write on a copy and keep it only once it is stored.
#[derive(Debug, Clone)]
pub struct UnlockedVault {
    pub(crate) key: Key,
    pub(crate) sealed: SealedVault,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn aad(domain: &[u8], id: &str, extra: &str) -> Vec<u8> {
    [
        domain,
        &FORMAT_VERSION.to_be_bytes(),
        id.as_bytes(),
        b"/",
        extra.as_bytes(),
    ]
    .concat()
}

pub(crate) fn random_array<const N: usize>(
    entropy: &mut dyn Entropy,
) -> Result<[u8; N], VaultError> {
    let mut bytes = [0u8; N];
    entropy.fill(&mut bytes)?;
    Ok(bytes)
}

impl SealedVault {
    /// Reads the stored text.
    ///
    /// # Errors
    /// [`VaultError::NewerFormat`] for a later format version;
    /// [`VaultError::Corrupt`] for anything damaged.
    pub fn parse(text: &str) -> Result<Self, VaultError> {
        let (header, json) = text
            .split_once('\n')
            .ok_or(VaultError::Corrupt("no header line"))?;
        let mut fields = header.split(' ');
        if fields.next() != Some(MAGIC) {
            return Err(VaultError::Corrupt("not a Soft Token vault"));
        }
        let version: u32 = fields
            .next()
            .and_then(|v| v.parse().ok())
            .ok_or(VaultError::Corrupt("unreadable version"))?;
        if version > FORMAT_VERSION {
            return Err(VaultError::NewerFormat(version));
        }
        let checksum = fields.next().ok_or(VaultError::Corrupt("no checksum"))?;
        if fields.next().is_some() || checksum != hex(&Sha256::digest(json.as_bytes())) {
            return Err(VaultError::Corrupt("checksum mismatch"));
        }
        if !crate::strict_json::has_unique_keys(json) {
            return Err(VaultError::Corrupt("a field is repeated"));
        }
        let body: Body =
            serde_json::from_str(json).map_err(|_| VaultError::Corrupt("unreadable record"))?;
        if body.version != version {
            return Err(VaultError::Corrupt("version mismatch"));
        }
        let pin = read_pin_slot(&body.slots);
        Ok(Self { body, pin })
    }

    /// Reads the PIN slot again after the slots changed.
    pub(crate) fn slots_changed(&mut self) {
        self.pin = read_pin_slot(&self.body.slots);
    }

    /// The stored text.
    #[allow(clippy::expect_used, reason = "the body always serializes")]
    pub fn to_text(&self) -> String {
        let json = serde_json::to_string(&self.body)
            .expect("a record of strings, numbers and JSON values serializes");
        format!(
            "{MAGIC} {} {}\n{json}",
            self.body.version,
            hex(&Sha256::digest(json.as_bytes()))
        )
    }

    pub fn id(&self) -> &str {
        &self.body.id
    }

    fn pin_slot(&self) -> Result<&PinSlot, VaultError> {
        self.pin.as_ref().ok_or(VaultError::NoPinSlot)
    }

    /// The PIN slot's KDF parameters: what the worker needs to derive the
    /// key-encryption key.
    ///
    /// # Errors
    /// [`VaultError::NoPinSlot`]; [`VaultError::KdfParams`] when they are
    /// outside the caps of [`KdfParams::check`].
    pub fn pin_kdf(&self) -> Result<&KdfParams, VaultError> {
        let kdf = &self.pin_slot()?.kdf;
        kdf.check()?;
        Ok(kdf)
    }

    /// Opens with a PIN (runs the KDF here: slow).
    ///
    /// # Errors
    /// [`VaultError::WrongPin`], or [`VaultError::Corrupt`].
    pub fn unlock(&self, pin: &Pin) -> Result<(UnlockedVault, Document), VaultError> {
        self.unlock_with(&KeyEncryptionKey::derive(pin, self.pin_kdf()?)?)
    }

    /// Opens with a key-encryption key derived elsewhere (a worker).
    ///
    /// # Errors
    /// [`VaultError::WrongPin`] when the key does not open the PIN slot;
    /// [`VaultError::Corrupt`] when the payload does not authenticate or parse.
    pub fn unlock_with(
        &self,
        kek: &KeyEncryptionKey,
    ) -> Result<(UnlockedVault, Document), VaultError> {
        let slot = self.pin_slot()?;
        let key = unwrap_key(
            &kek.0.0,
            &slot.nonce,
            &slot.wrapped_key,
            &aad(slot.kind.aad_domain(), &self.body.id, &slot.id),
        )
        .ok_or(VaultError::WrongPin)??;
        self.opened_with(key)
    }

    /// The vault opened with its data key, unwrapped from some slot: the
    /// payload must authenticate and parse.
    pub(crate) fn opened_with(&self, key: Key) -> Result<(UnlockedVault, Document), VaultError> {
        let document = open_document(&key, &self.body)?;
        Ok((
            UnlockedVault {
                key,
                sealed: self.clone(),
            },
            document,
        ))
    }
}

/// The data key a slot wraps: `None` when the tag does not verify (the
/// wrong key-encryption key), an error when it opens but is not a key.
pub(crate) fn unwrap_key(
    kek: &Key,
    nonce: &[u8],
    wrapped_key: &[u8],
    aad: &[u8],
) -> Option<Result<Key, VaultError>> {
    let wrapped = hazmat::open(kek, nonce, wrapped_key, aad)?;
    Some(
        <[u8; KEY_BYTES]>::try_from(wrapped.as_slice())
            .map(Key)
            .map_err(|_| VaultError::Corrupt("wrapped key length")),
    )
}

pub(crate) fn open_document(key: &Key, body: &Body) -> Result<Document, VaultError> {
    let plaintext = hazmat::open(
        key,
        &body.nonce,
        &body.ciphertext,
        &aad(PAYLOAD_AAD, &body.id, ""),
    )
    .ok_or(VaultError::Corrupt("the contents do not authenticate"))?;
    crate::migrate::read(&plaintext)
}

impl UnlockedVault {
    /// A new vault with one PIN slot, holding `document`.
    ///
    /// # Errors
    /// [`VaultError::Random`] without a random source.
    pub fn create(
        kek: &KeyEncryptionKey,
        kdf: KdfParams,
        document: &Document,
        entropy: &mut dyn Entropy,
    ) -> Result<(Self, SealedVault), VaultError> {
        Self::create_as(kek, kdf, PinTag::Pin, document, entropy)
    }

    /// [`UnlockedVault::create`] with a PIN or a password slot.
    pub(crate) fn create_as(
        kek: &KeyEncryptionKey,
        kdf: KdfParams,
        kind: PinTag,
        document: &Document,
        entropy: &mut dyn Entropy,
    ) -> Result<(Self, SealedVault), VaultError> {
        let id = hex(&random_array::<16>(entropy)?);
        let key = hazmat::random_key(entropy)?;
        let body = Body {
            version: FORMAT_VERSION,
            id,
            slots: Vec::new(),
            nonce: Vec::new(),
            ciphertext: Vec::new(),
        };
        let mut vault = Self {
            key,
            sealed: SealedVault { body, pin: None },
        };
        vault.set_secret_slot(kek, kdf, kind, entropy)?;
        let sealed = vault.seal(document, entropy)?;
        Ok((vault, sealed))
    }

    /// Encrypts a new version of the document under a fresh nonce.
    ///
    /// # Errors
    /// [`VaultError::Random`] without a random source.
    pub fn seal(
        &mut self,
        document: &Document,
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        let plaintext = Zeroizing::new(
            serde_json::to_vec(&crate::migrate::Stamped::new(document))
                .map_err(|_| VaultError::Corrupt("unserializable"))?,
        );
        let nonce = random_array::<NONCE_BYTES>(entropy)?;
        let body = &mut self.sealed.body;
        body.ciphertext = hazmat::seal(
            &self.key,
            &nonce,
            &plaintext,
            &aad(PAYLOAD_AAD, &body.id, ""),
        );
        body.nonce = nonce.to_vec();
        Ok(self.sealed.clone())
    }

    /// Replaces the PIN slot: a PIN change, or stronger KDF costs. Only the
    /// data key is re-wrapped; the payload is untouched.
    ///
    /// # Errors
    /// [`VaultError::Random`] without a random source.
    pub fn set_pin_slot(
        &mut self,
        kek: &KeyEncryptionKey,
        kdf: KdfParams,
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        self.set_secret_slot(kek, kdf, PinTag::Pin, entropy)
    }

    /// Replaces the PIN or password slot with one of type `kind`.
    pub(crate) fn set_secret_slot(
        &mut self,
        kek: &KeyEncryptionKey,
        kdf: KdfParams,
        kind: PinTag,
        entropy: &mut dyn Entropy,
    ) -> Result<SealedVault, VaultError> {
        let slot_id = hex(&random_array::<8>(entropy)?);
        let nonce = random_array::<NONCE_BYTES>(entropy)?;
        let wrapped_key = hazmat::seal(
            &kek.0.0,
            &nonce,
            &self.key.0,
            &aad(kind.aad_domain(), &self.sealed.body.id, &slot_id),
        );
        let slot = PinSlot {
            kind,
            id: slot_id,
            kdf,
            nonce: nonce.to_vec(),
            wrapped_key,
        };
        let serde_json::Value::Object(mut written) = serde_json::to_value(&slot)
            .map_err(|_| VaultError::Corrupt("the PIN slot cannot be written"))?
        else {
            return Err(VaultError::Corrupt("the PIN slot cannot be written"));
        };
        let body = &mut self.sealed.body;
        // Members of the old slot this version does not know are kept.
        if let Some(serde_json::Value::Object(old)) = body.slots.iter().find(|s| is_pin_slot(s)) {
            for (name, value) in old {
                written.entry(name.clone()).or_insert_with(|| value.clone());
            }
        }
        body.slots.retain(|slot| !is_pin_slot(slot));
        body.slots.insert(0, serde_json::Value::Object(written));
        self.sealed.pin = Some(slot);
        Ok(self.sealed.clone())
    }

    /// Opens a newer version of the same vault (written by another tab)
    /// with the key already held: no PIN needed.
    ///
    /// # Errors
    /// [`VaultError::Corrupt`] when it is another vault or does not open.
    pub fn reopen(&self, sealed: &SealedVault) -> Result<(UnlockedVault, Document), VaultError> {
        if sealed.body.id != self.sealed.body.id {
            return Err(VaultError::Corrupt("a different vault"));
        }
        let document = open_document(&self.key, &sealed.body)?;
        Ok((
            UnlockedVault {
                key: self.key.clone(),
                sealed: sealed.clone(),
            },
            document,
        ))
    }

    /// The vault as last sealed.
    pub fn sealed(&self) -> &SealedVault {
        &self.sealed
    }
}
