//! The backup file's JSON, as Aegis writes it, and how its entries map to
//! and from [`BackupEntry`]: the activation details travel in the note.

use super::{BackupEntry, BackupError, DB_VERSION, FILE_VERSION};
use crate::document::ActivationDetails;
use crate::{Document, Entropy};
use otp::migration::Skipped;
use otp::{Algorithm, Kind, Token};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

/// Marks the note line that carries an activation identity's details.
const ACTIVATION_NOTE: &str = "softtoken-activation";

#[derive(Serialize, Deserialize)]
pub(super) struct FileJson {
    pub(super) version: u64,
    pub(super) header: HeaderJson,
    pub(super) db: Value,
}

#[derive(Serialize, Deserialize)]
pub(super) struct HeaderJson {
    pub(super) slots: Option<Vec<Value>>,
    pub(super) params: Option<super::GcmParams>,
}

#[derive(Serialize, Deserialize)]
struct DbJson {
    version: u64,
    entries: Vec<Value>,
    #[serde(default)]
    groups: Vec<Value>,
}

/// Aegis 3's group: entries name it by `uuid`.
#[derive(Serialize, Deserialize)]
struct GroupJson {
    uuid: String,
    name: String,
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
    /// Aegis 3: the uuids of the groups it is in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    groups: Vec<String>,
    /// Aegis 2: the name of its one group.
    #[serde(default, skip_serializing)]
    group: Option<String>,
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
    /// Soft Token's own entry type `ocra` (Aegis has none, and skips it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suite: Option<String>,
}

pub(super) fn entries_of(db: Value) -> Result<(Vec<BackupEntry>, Vec<Skipped>), BackupError> {
    let db: DbJson = serde_json::from_value(db)
        .map_err(|_| BackupError::Damaged("the entry list is malformed"))?;
    if db.version > DB_VERSION {
        return Err(BackupError::NewerVersion(db.version));
    }
    // A malformed group is left out: its entries still come in.
    let groups: Vec<GroupJson> = db
        .groups
        .into_iter()
        .filter_map(|group| serde_json::from_value(group).ok())
        .collect();
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
                Ok(mut read) => {
                    read.favourite = entry.favorite;
                    read.groups = group_names(&entry, &groups);
                    entries.push(read);
                }
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

/// The names of an entry's groups: Aegis 3's uuids through the group
/// list (an unknown uuid is left out), or Aegis 2's one name.
fn group_names(entry: &EntryJson, groups: &[GroupJson]) -> Vec<String> {
    let mut names: Vec<String> = entry
        .groups
        .iter()
        .filter_map(|uuid| groups.iter().find(|group| &group.uuid == uuid))
        .map(|group| group.name.clone())
        .collect();
    if let Some(name) = entry.group.as_ref().filter(|name| !name.trim().is_empty()) {
        names.push(name.clone());
    }
    names
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
        "ocra" => {
            let suite = otp::ocra::Suite::parse(entry.info.suite.as_deref().unwrap_or_default())
                .map_err(|e| format!("its challenge-response suite is not valid: {e}"))?;
            let secret = otp::base32::decode(&entry.info.secret)
                .map_err(|e| format!("its secret is not valid: {e}"))?;
            let token = Token::ocra(secret, &suite, entry.info.counter.unwrap_or(0))
                .map_err(|e| format!("it cannot be used: {e}"))?;
            return Ok(BackupEntry {
                activation: activation_from_note(&entry.note),
                ..BackupEntry::new(entry.name.clone(), issuer_of(entry), token)
            });
        }
        other => return Err(format!("its type ({other}) is not supported")),
    };
    let secret = otp::base32::decode(&entry.info.secret)
        .map_err(|e| format!("its secret is not valid: {e}"))?;
    let token = Token::new(secret, algorithm, entry.info.digits, kind)
        .map_err(|e| format!("it cannot be used: {e}"))?;
    Ok(BackupEntry {
        activation: activation_from_note(&entry.note),
        ..BackupEntry::new(entry.name.clone(), issuer_of(entry), token)
    })
}

fn issuer_of(entry: &EntryJson) -> Option<String> {
    (!entry.issuer.is_empty()).then(|| entry.issuer.clone())
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

/// The entries of a document, in order ([`Document::entries`]).
pub fn entries_of_document(document: &Document) -> Vec<BackupEntry> {
    document.entries()
}

pub(super) fn uuid(entropy: &mut dyn Entropy) -> Result<String, BackupError> {
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

pub(super) fn db_json(
    entries: &[BackupEntry],
    entropy: &mut dyn Entropy,
) -> Result<Zeroizing<String>, BackupError> {
    // One uuid for each group name, in the order the entries first use them.
    let mut groups: Vec<GroupJson> = Vec::new();
    for name in entries.iter().flat_map(|entry| &entry.groups) {
        if !groups.iter().any(|group| &group.name == name) {
            groups.push(GroupJson {
                uuid: uuid(entropy)?,
                name: name.clone(),
            });
        }
    }
    let mut list = Vec::with_capacity(entries.len());
    for entry in entries {
        let (kind, period, counter, suite) = match entry.token.kind() {
            Kind::Totp { period, .. } => ("totp", Some(period), None, None),
            Kind::Hotp { counter } => ("hotp", None, Some(counter), None),
            Kind::Steam => ("steam", Some(30), None, None),
            Kind::Ocra { suite, counter } => ("ocra", None, Some(counter), Some(suite.to_string())),
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
            favorite: entry.favourite,
            icon: Value::Null,
            groups: entry
                .groups
                .iter()
                .filter_map(|name| groups.iter().find(|group| &group.name == name))
                .map(|group| group.uuid.clone())
                .collect(),
            group: None,
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
                suite,
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
        groups: groups
            .into_iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|_| BackupError::Damaged("a group cannot be written"))?,
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
