//! Backups in the Aegis Authenticator vault format, version 1 (database
//! version 3), so that Aegis and the apps that import its files read ours,
//! and ours read theirs. Specified in `docs/backup-format.md`.
//!
//! Security contract:
//! - An encrypted backup's master key is random, wrapped in a password slot
//!   under scrypt(password); the entries are AES-256-GCM encrypted under it.
//!   The slow scrypt step is separate ([`PasswordKey::derive`]) so the app
//!   can run it off the main thread.
//! - [`BackupError::WrongPassword`] means no password slot opened with that
//!   password; once a slot opens, a database that fails its tag is
//!   [`BackupError::Damaged`]. Reading never panics and never changes
//!   anything: it returns entries for the caller to preview and merge.
//! - Keys and secrets are zeroized on drop and never appear in `Debug`.
//! - Pure: randomness comes through [`Entropy`].

use crate::hazmat::{self, KEY_BYTES, Key, NONCE_BYTES};
use crate::{Document, Entropy, Origin, VaultError};
use base64::Engine;
use otp::migration::Skipped;
use otp::{Algorithm, Kind, Token};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;
use zeroize::Zeroizing;

/// scrypt cost of new backups: Aegis's own (N = 2^15, r = 8, p = 1).
pub const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;
const TAG_BYTES: usize = 16;
/// Marks the note line that carries an activation identity's details.
const ACTIVATION_NOTE: &str = "softtoken-activation";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackupError {
    #[error("this file is not an Aegis or Soft Token backup")]
    NotABackup,
    #[error("this backup was made by a newer version (format {0}); update the app to read it")]
    NewerVersion(u64),
    #[error("this backup has no password slot, so it cannot be opened with a password")]
    NoPasswordSlot,
    #[error("the backup password is not correct")]
    WrongPassword,
    #[error("this backup is damaged: {0}")]
    Damaged(&'static str),
    #[error(
        "this backup's password settings are outside what Soft Token accepts (scrypt: N at most 2^20, r at most 16, p at most 4, 256 MiB of memory), so it was not opened"
    )]
    KdfParams,
    #[error("no random numbers were available")]
    Random,
}

/// One token of a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupEntry {
    pub name: String,
    pub issuer: Option<String>,
    pub token: Token,
    /// Set for an identity of the activation protocol.
    pub activation: Option<ActivationDetails>,
}

/// What restores an activation identity as one (kept in the entry's note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationDetails {
    pub serial: String,
    pub activated_at: Option<u64>,
}

/// A backup as read: ready, or waiting for its password.
#[derive(Debug)]
pub enum Backup {
    Plain {
        entries: Vec<BackupEntry>,
        skipped: Vec<Skipped>,
    },
    Encrypted(LockedBackup),
}

/// An encrypted backup before its password.
#[derive(Debug)]
pub struct LockedBackup {
    slots: Vec<PasswordSlot>,
    params: GcmParams,
    db: Vec<u8>,
}

/// scrypt's parameters of one password slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScryptParams {
    pub log_n: u8,
    pub r: u32,
    pub p: u32,
    pub salt: Vec<u8>,
}

/// scrypt(password, salt): opens or makes a password slot.
#[derive(Clone)]
pub struct PasswordKey(Key);

impl std::fmt::Debug for PasswordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordKey(redacted)")
    }
}

impl PasswordKey {
    /// The slow step (about 32 MiB of memory); the app runs it in a worker.
    ///
    /// # Errors
    /// [`BackupError::KdfParams`] for parameters outside the caps of
    /// [`ScryptParams::check`] (checked here, before any memory is taken),
    /// or that scrypt refuses.
    pub fn derive(password: &str, params: &ScryptParams) -> Result<Self, BackupError> {
        params.check()?;
        let scrypt_params = scrypt::Params::new(params.log_n, params.r, params.p, KEY_BYTES)
            .map_err(|_| BackupError::KdfParams)?;
        let mut out = [0u8; KEY_BYTES];
        scrypt::scrypt(password.as_bytes(), &params.salt, &scrypt_params, &mut out)
            .map_err(|_| BackupError::KdfParams)?;
        Ok(Self(Key(out)))
    }

    /// The raw bytes, only to carry the key from a worker to the page.
    pub fn to_transfer_bytes(&self) -> Zeroizing<[u8; KEY_BYTES]> {
        Zeroizing::new(self.0.0)
    }

    pub fn from_transfer_bytes(bytes: [u8; KEY_BYTES]) -> Self {
        Self(Key(bytes))
    }
}

/// The most password slots of one backup that are tried: each costs a
/// derivation, and a crafted file could hold thousands.
pub const MAX_PASSWORD_SLOTS: usize = 8;

impl ScryptParams {
    pub const MAX_LOG_N: u8 = 20;
    pub const MAX_R: u32 = 16;
    pub const MAX_P: u32 = 4;
    /// scrypt's memory is 128 · r · N bytes.
    pub const MAX_MEMORY_BYTES: u64 = 256 * 1024 * 1024;
    pub const MAX_SALT_BYTES: usize = 64;

    /// Refuses parameters outside the caps (docs/backup-format.md,
    /// "Limits"): a crafted backup must not hang the import or exhaust the
    /// page's memory.
    ///
    /// # Errors
    /// [`BackupError::KdfParams`].
    pub fn check(&self) -> Result<(), BackupError> {
        let memory = (128 * u64::from(self.r)) << self.log_n.min(63);
        let within = (1..=Self::MAX_LOG_N).contains(&self.log_n)
            && (1..=Self::MAX_R).contains(&self.r)
            && (1..=Self::MAX_P).contains(&self.p)
            && memory <= Self::MAX_MEMORY_BYTES
            && !self.salt.is_empty()
            && self.salt.len() <= Self::MAX_SALT_BYTES;
        within.then_some(()).ok_or(BackupError::KdfParams)
    }

    /// New backups' parameters with a fresh 32-byte salt.
    ///
    /// # Errors
    /// [`BackupError::Random`].
    pub fn fresh(entropy: &mut dyn Entropy) -> Result<Self, BackupError> {
        let mut salt = vec![0u8; 32];
        entropy.fill(&mut salt).map_err(|_| BackupError::Random)?;
        Ok(Self {
            log_n: SCRYPT_LOG_N,
            r: SCRYPT_R,
            p: SCRYPT_P,
            salt,
        })
    }
}

// The file's JSON, as Aegis writes it.

#[derive(Serialize, Deserialize)]
struct FileJson {
    version: u64,
    header: HeaderJson,
    db: Value,
}

#[derive(Serialize, Deserialize)]
struct HeaderJson {
    slots: Option<Vec<Value>>,
    params: Option<GcmParams>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct GcmParams {
    nonce: String,
    tag: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct PasswordSlot {
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

#[derive(Serialize, Deserialize)]
struct DbJson {
    version: u64,
    entries: Vec<Value>,
    #[serde(default)]
    groups: Vec<Value>,
}

#[derive(Serialize, Deserialize)]
struct EntryJson {
    #[serde(rename = "type")]
    kind: String,
    uuid: String,
    name: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    favorite: bool,
    #[serde(default)]
    icon: Value,
    info: InfoJson,
}

#[derive(Serialize, Deserialize)]
struct InfoJson {
    secret: String,
    algo: String,
    digits: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

const FILE_VERSION: u64 = 1;
const DB_VERSION: u64 = 3;
const PASSWORD_SLOT: u32 = 1;

/// Reads a backup file's text.
///
/// # Errors
/// [`BackupError::NotABackup`], [`BackupError::NewerVersion`],
/// [`BackupError::NoPasswordSlot`] or [`BackupError::Damaged`].
pub fn read(text: &str) -> Result<Backup, BackupError> {
    let file: FileJson = serde_json::from_str(text).map_err(|_| BackupError::NotABackup)?;
    if file.version > FILE_VERSION {
        return Err(BackupError::NewerVersion(file.version));
    }
    match (file.header.slots, file.header.params, file.db) {
        (None, None, db @ Value::Object(_)) => {
            let (entries, skipped) = entries_of(db)?;
            Ok(Backup::Plain { entries, skipped })
        }
        (Some(slots), Some(params), Value::String(db)) => {
            let slots: Vec<PasswordSlot> = slots
                .into_iter()
                .filter(|slot| {
                    slot.get("type").and_then(Value::as_u64) == Some(u64::from(PASSWORD_SLOT))
                })
                .map(serde_json::from_value)
                .collect::<Result<_, _>>()
                .map_err(|_| BackupError::Damaged("a password slot is malformed"))?;
            if slots.is_empty() {
                return Err(BackupError::NoPasswordSlot);
            }
            let db = base64::engine::general_purpose::STANDARD
                .decode(db.trim())
                .map_err(|_| BackupError::Damaged("the encrypted entries are not Base64"))?;
            Ok(Backup::Encrypted(LockedBackup { slots, params, db }))
        }
        _ => Err(BackupError::NotABackup),
    }
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
            open_gcm(&key.0, &slot.key_params, &wrapped).ok_or(BackupError::WrongPassword)?;
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

fn entries_of(db: Value) -> Result<(Vec<BackupEntry>, Vec<Skipped>), BackupError> {
    let db: DbJson = serde_json::from_value(db)
        .map_err(|_| BackupError::Damaged("the entry list is malformed"))?;
    if db.version > DB_VERSION {
        return Err(BackupError::NewerVersion(db.version));
    }
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for value in db.entries {
        let name = value
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        match serde_json::from_value::<EntryJson>(value) {
            Ok(entry) => match entry_from_json(&entry) {
                Ok(entry) => entries.push(entry),
                Err(reason) => skipped.push(Skipped { name, reason }),
            },
            Err(_) => skipped.push(Skipped {
                name,
                reason: "its fields are malformed".into(),
            }),
        }
    }
    Ok((entries, skipped))
}

fn entry_from_json(entry: &EntryJson) -> Result<BackupEntry, String> {
    let algorithm = match entry.info.algo.to_ascii_uppercase().as_str() {
        "SHA1" => Algorithm::Sha1,
        "SHA256" => Algorithm::Sha256,
        "SHA512" => Algorithm::Sha512,
        other => return Err(format!("its algorithm ({other}) is not supported")),
    };
    let kind = match entry.kind.as_str() {
        "totp" => Kind::Totp {
            period: entry.info.period.unwrap_or(30),
            t0: 0,
        },
        "hotp" => Kind::Hotp {
            counter: entry.info.counter.unwrap_or(0),
        },
        "steam" => Kind::Steam,
        other => return Err(format!("its type ({other}) is not supported")),
    };
    let secret = otp::base32::decode(&entry.info.secret)
        .map_err(|e| format!("its secret is not valid: {e}"))?;
    let token = Token::new(secret, algorithm, entry.info.digits, kind)
        .map_err(|e| format!("it cannot be used: {e}"))?;
    Ok(BackupEntry {
        name: entry.name.clone(),
        issuer: (!entry.issuer.is_empty()).then(|| entry.issuer.clone()),
        token,
        activation: activation_from_note(&entry.note),
    })
}

fn activation_from_note(note: &str) -> Option<ActivationDetails> {
    let line = note
        .lines()
        .find_map(|l| l.trim().strip_prefix(ACTIVATION_NOTE))?;
    let mut serial = None;
    let mut activated_at = None;
    for pair in line.split_whitespace() {
        match pair.split_once('=') {
            Some(("serial", value)) => serial = Some(value.to_owned()),
            Some(("activated_at", value)) => activated_at = value.parse().ok(),
            _ => {}
        }
    }
    Some(ActivationDetails {
        serial: serial?,
        activated_at,
    })
}

/// The entries of a document, in order; identities without a token (a
/// Reactivate not yet completed) have nothing to back up and are left out.
pub fn entries_of_document(document: &Document) -> Vec<BackupEntry> {
    document
        .identities
        .iter()
        .filter_map(|identity| {
            let token = identity.token.as_ref()?.to_token().ok()?;
            Some(BackupEntry {
                name: identity.name.clone(),
                issuer: identity.issuer.clone(),
                token,
                activation: match &identity.origin {
                    Origin::Activation {
                        serial,
                        activated_at,
                        ..
                    } => Some(ActivationDetails {
                        serial: serial.clone(),
                        activated_at: *activated_at,
                    }),
                    Origin::Added => None,
                },
            })
        })
        .collect()
}

fn uuid(entropy: &mut dyn Entropy) -> Result<String, BackupError> {
    let mut bytes = [0u8; 16];
    entropy.fill(&mut bytes).map_err(|_| BackupError::Random)?;
    // RFC 9562 version 4, variant 10.
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h = hex::encode(bytes);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}

fn db_json(
    entries: &[BackupEntry],
    entropy: &mut dyn Entropy,
) -> Result<Zeroizing<String>, BackupError> {
    let mut list = Vec::with_capacity(entries.len());
    for entry in entries {
        let (kind, period, counter) = match entry.token.kind() {
            Kind::Totp { period, .. } => ("totp", Some(period), None),
            Kind::Hotp { counter } => ("hotp", None, Some(counter)),
            Kind::Steam => ("steam", Some(30), None),
        };
        let note = entry
            .activation
            .as_ref()
            .map(|a| match a.activated_at {
                Some(at) => format!("{ACTIVATION_NOTE} serial={} activated_at={at}", a.serial),
                None => format!("{ACTIVATION_NOTE} serial={}", a.serial),
            })
            .unwrap_or_default();
        let json = EntryJson {
            kind: kind.into(),
            uuid: uuid(entropy)?,
            name: entry.name.clone(),
            issuer: entry.issuer.clone().unwrap_or_default(),
            note,
            favorite: false,
            icon: Value::Null,
            info: InfoJson {
                secret: otp::base32::encode(entry.token.secret().expose())
                    .trim_end_matches('=')
                    .to_owned(),
                algo: match entry.token.algorithm() {
                    Algorithm::Sha1 => "SHA1",
                    Algorithm::Sha256 => "SHA256",
                    Algorithm::Sha512 => "SHA512",
                }
                .into(),
                digits: entry.token.digits(),
                period,
                counter,
            },
        };
        list.push(
            serde_json::to_value(json)
                .map_err(|_| BackupError::Damaged("an entry cannot be written"))?,
        );
    }
    let db = DbJson {
        version: DB_VERSION,
        entries: list,
        groups: Vec::new(),
    };
    serde_json::to_string(&db)
        .map(Zeroizing::new)
        .map_err(|_| BackupError::Damaged("the entries cannot be written"))
}

/// An unencrypted backup: the same JSON with no slots. Anyone with the file
/// can read every secret; the app says so before writing it.
///
/// # Errors
/// [`BackupError::Random`] (entry ids are random).
pub fn write_plain(
    entries: &[BackupEntry],
    entropy: &mut dyn Entropy,
) -> Result<Zeroizing<String>, BackupError> {
    let db: Value = serde_json::from_str(&db_json(entries, entropy)?)
        .map_err(|_| BackupError::Damaged("internal"))?;
    let file = FileJson {
        version: FILE_VERSION,
        header: HeaderJson {
            slots: None,
            params: None,
        },
        db,
    };
    serde_json::to_string_pretty(&file)
        .map(Zeroizing::new)
        .map_err(|_| BackupError::Damaged("the backup cannot be written"))
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
    let (wrapped_key, key_params) = seal_gcm(&key.0, &master.0, nonce);
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
