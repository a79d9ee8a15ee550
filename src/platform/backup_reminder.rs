//! "Not backed up": after identities are added or changed, the initial
//! screen says so until a backup is exported, or the reminder is dismissed
//! for that change.
//!
//! Contract: what is remembered (in localStorage, per database) is a
//! fingerprint of the identities' names and parameters, never a secret;
//! HOTP counters and use counts are left out, so "Next code" and copies
//! alone do not remind.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use vault::Document;

#[derive(Default, Serialize, Deserialize)]
struct Record {
    exported: Option<String>,
    dismissed: Option<String>,
}

fn key(db_name: &str) -> String {
    format!("softtoken:{db_name}:backup")
}

/// FNV-1a over the identities' non-secret fields: any addition, removal,
/// rename, activation or change of parameters gives another value.
pub fn fingerprint(document: &Document) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |text: &str| {
        for byte in text.bytes().chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for identity in &document.identities {
        feed(&identity.id);
        feed(&identity.name);
        feed(identity.issuer.as_deref().unwrap_or_default());
        feed(&serde_json::to_string(&identity.origin).unwrap_or_default());
        match &identity.token {
            Some(token) => {
                let period = token.to_token().ok().and_then(|t| t.period()).unwrap_or(0);
                feed(&format!("{:?}/{}/{period}", token.algorithm, token.digits));
            }
            None => feed("no token"),
        }
        // A backup carries these too; the use count changes with every
        // copy and is left out. Fed only when set, so the fingerprint of
        // an identity never arranged is what earlier versions stored.
        if identity.favourite {
            feed("pinned");
        }
        identity.groups.iter().for_each(|group| feed(group));
    }
    format!("{hash:016x}")
}

fn read(db_name: &str) -> Record {
    LocalStorage::get(key(db_name)).unwrap_or_default()
}

/// True when there are identities and neither an export nor a dismissal
/// covers their current state.
pub fn needed(db_name: &str, document: &Document) -> bool {
    if document.identities.is_empty() {
        return false;
    }
    let now = Some(fingerprint(document));
    let record = read(db_name);
    record.exported != now && record.dismissed != now
}

pub fn exported(db_name: &str, document: &Document) {
    let mut record = read(db_name);
    record.exported = Some(fingerprint(document));
    LocalStorage::set(key(db_name), &record).ok();
}

pub fn dismissed(db_name: &str, document: &Document) {
    let mut record = read(db_name);
    record.dismissed = Some(fingerprint(document));
    LocalStorage::set(key(db_name), &record).ok();
}
