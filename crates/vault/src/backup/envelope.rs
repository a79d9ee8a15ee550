//! Password slots: scrypt(password) wraps a random master key, which
//! encrypts the entries (AES-256-GCM, Aegis's layout: nonce and tag in hex
//! beside the ciphertext, no associated data).

use super::json::{FileJson, HeaderJson, db_json, entries_of, uuid};
use super::{
    BackupEntry, BackupError, FILE_VERSION, LockedBackup, PASSWORD_SLOT, PasswordKey, ScryptParams,
};
use crate::hazmat::{self, KEY_BYTES, Key, NONCE_BYTES};
use crate::kdf::{DerivedKey, KdfRequest};
use crate::{Entropy, VaultError};
use base64::Engine;
use otp::migration::Skipped;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

const TAG_BYTES: usize = 16;

/// The most password slots of one backup that are tried: each costs a
/// derivation, and a crafted file could hold thousands.
pub const MAX_PASSWORD_SLOTS: usize = 8;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct GcmParams {
    nonce: String,
    tag: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct PasswordSlot {
    #[serde(rename = "type")]
    kind: u32,
    uuid: String,
    key: String,
    key_params: GcmParams,
    n: u64,
    r: u32,
    p: u32,
    salt: String,
}

fn unhex<const N: usize>(text: &str, what: &'static str) -> Result<[u8; N], BackupError> {
    let mut out = [0u8; N];
    hex::decode_to_slice(text, &mut out).map_err(|_| BackupError::Damaged(what))?;
    Ok(out)
}

impl LockedBackup {
    /// The scrypt parameters of each password slot, in order, for at most
    /// [`MAX_PASSWORD_SLOTS`] slots; each is checked against the caps.
    pub fn password_kdfs(&self) -> Vec<Result<ScryptParams, BackupError>> {
        self.slots
            .iter()
            .take(MAX_PASSWORD_SLOTS)
            .map(|slot| {
                let log_n = (slot.n.is_power_of_two() && slot.n > 1)
                    .then(|| slot.n.trailing_zeros() as u8)
                    .ok_or(BackupError::KdfParams)?;
                let salt = hex::decode(&slot.salt)
                    .map_err(|_| BackupError::Damaged("a slot's salt is not hex"))?;
                let params = ScryptParams {
                    log_n,
                    r: slot.r,
                    p: slot.p,
                    salt,
                };
                params.check()?;
                Ok(params)
            })
            .collect()
    }

    /// Opens the backup with the key derived for slot `slot`.
    ///
    /// # Errors
    /// [`BackupError::WrongPassword`] when the slot does not open;
    /// [`BackupError::Damaged`] when it opens but the entries do not.
    pub fn open(
        &self,
        slot: usize,
        key: &PasswordKey,
    ) -> Result<(Vec<BackupEntry>, Vec<Skipped>), BackupError> {
        let slot = self.slots.get(slot).ok_or(BackupError::NoPasswordSlot)?;
        let wrapped =
            hex::decode(&slot.key).map_err(|_| BackupError::Damaged("a slot's key is not hex"))?;
        let master =
            open_gcm(&key.0.0, &slot.key_params, &wrapped).ok_or(BackupError::WrongPassword)?;
        let master: [u8; KEY_BYTES] = master
            .as_slice()
            .try_into()
            .map_err(|_| BackupError::Damaged("the master key has the wrong length"))?;
        let master = Key(master);
        let plaintext = open_gcm(&master, &self.params, &self.db).ok_or(BackupError::Damaged(
            "the entries do not match their authentication tag",
        ))?;
        let db: Value = serde_json::from_slice(&plaintext)
            .map_err(|_| BackupError::Damaged("the entries are not JSON"))?;
        entries_of(db)
    }
}

/// AES-256-GCM with Aegis's layout: nonce and tag (hex) apart from the
/// ciphertext, no associated data.
fn open_gcm(key: &Key, params: &GcmParams, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let nonce: [u8; NONCE_BYTES] = unhex(&params.nonce, "").ok()?;
    let tag: [u8; TAG_BYTES] = unhex(&params.tag, "").ok()?;
    let mut sealed = ciphertext.to_vec();
    sealed.extend_from_slice(&tag);
    hazmat::open(key, &nonce, &sealed, b"")
}

/// An encrypted backup, with one password slot made from `key` (derived
/// with `kdf`).
///
/// # Errors
/// [`BackupError::Random`].
pub fn write_encrypted(
    entries: &[BackupEntry],
    key: &PasswordKey,
    kdf: &ScryptParams,
    entropy: &mut dyn Entropy,
) -> Result<String, BackupError> {
    let master = hazmat::random_key(entropy).map_err(|_: VaultError| BackupError::Random)?;
    let mut nonce = [0u8; NONCE_BYTES];
    entropy.fill(&mut nonce).map_err(|_| BackupError::Random)?;
    let (wrapped_key, key_params) = seal_gcm(&key.0.0, &master.0, nonce);
    entropy.fill(&mut nonce).map_err(|_| BackupError::Random)?;
    let db = db_json(entries, entropy)?;
    let (ciphertext, params) = seal_gcm(&master, db.as_bytes(), nonce);
    let slot = PasswordSlot {
        kind: PASSWORD_SLOT,
        uuid: uuid(entropy)?,
        key: hex::encode(wrapped_key),
        key_params,
        n: 1u64 << kdf.log_n,
        r: kdf.r,
        p: kdf.p,
        salt: hex::encode(&kdf.salt),
    };
    let file = FileJson {
        version: FILE_VERSION,
        header: HeaderJson {
            slots: Some(vec![
                serde_json::to_value(slot).map_err(|_| BackupError::Damaged("internal"))?,
            ]),
            params: Some(params),
        },
        db: Value::String(base64::engine::general_purpose::STANDARD.encode(ciphertext)),
    };
    serde_json::to_string_pretty(&file)
        .map_err(|_| BackupError::Damaged("the backup cannot be written"))
}

fn seal_gcm(key: &Key, plaintext: &[u8], nonce: [u8; NONCE_BYTES]) -> (Vec<u8>, GcmParams) {
    let mut sealed = hazmat::seal(key, &nonce, plaintext, b"");
    let tag = sealed.split_off(sealed.len().saturating_sub(TAG_BYTES));
    (
        sealed,
        GcmParams {
            nonce: hex::encode(nonce),
            tag: hex::encode(tag),
        },
    )
}

/// An encrypted backup of `entries` under `password`, with a new password
/// slot at today's scrypt costs ([`ScryptParams::fresh`]).
///
/// # Errors
/// [`BackupError::Random`], or `derive`'s error.
pub async fn seal_with_password<E: From<BackupError>>(
    entries: &[BackupEntry],
    password: &str,
    derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
    entropy: &mut dyn Entropy,
) -> Result<String, E> {
    let kdf = ScryptParams::fresh(entropy)?;
    let key = PasswordKey(derive(KdfRequest::password(password, kdf.clone())).await?);
    Ok(write_encrypted(entries, &key, &kdf, entropy)?)
}

impl LockedBackup {
    /// Opens the backup with `password`: tries each password slot in turn
    /// (at most [`MAX_PASSWORD_SLOTS`]), skipping those whose settings are
    /// outside the caps, until one opens.
    ///
    /// # Errors
    /// [`BackupError::WrongPassword`] when no slot opens;
    /// [`BackupError::KdfParams`] when no slot could be tried;
    /// [`BackupError::Damaged`] when a slot opens and the entries do not;
    /// or `derive`'s error, which stops the search.
    pub async fn open_with_password<E: From<BackupError>>(
        &self,
        password: &str,
        derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
    ) -> Result<(Vec<BackupEntry>, Vec<Skipped>), E> {
        let mut last = BackupError::NoPasswordSlot;
        for (slot, kdf) in self.password_kdfs().into_iter().enumerate() {
            let outcome = match kdf {
                Ok(kdf) => {
                    let key = PasswordKey(derive(KdfRequest::password(password, kdf)).await?);
                    self.open(slot, &key)
                }
                Err(error) => Err(error),
            };
            match outcome {
                Err(error @ (BackupError::WrongPassword | BackupError::KdfParams)) => last = error,
                opened => return Ok(opened?),
            }
        }
        Err(last.into())
    }
}
