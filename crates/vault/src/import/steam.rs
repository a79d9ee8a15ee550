//! Steam Desktop Authenticator's `.maFile`: one account (`shared_secret`,
//! Base64, and `account_name`), or newer files' `accounts` map of them.
//! Each is a Steam Guard token, issuer "Steam". The other secrets in the
//! file (identity, revocation) are not tokens and are not read.

use super::json_formats::{entry, text, token};
use super::{App, ImportError, Imported, damaged, skip};
use base64::Engine;
use otp::{Algorithm, Kind, Secret};
use serde_json::Value;

/// Whether `value` looks like a maFile.
pub(super) fn is_mafile(value: &Value) -> bool {
    value.get("shared_secret").is_some()
        || value
            .get("accounts")
            .and_then(Value::as_object)
            .is_some_and(|accounts| accounts.values().all(|a| a.get("shared_secret").is_some()))
}

pub(super) fn import(value: &Value) -> Result<Imported, ImportError> {
    let accounts: Vec<&Value> = match value.get("accounts").and_then(Value::as_object) {
        Some(accounts) => accounts.values().collect(),
        None => vec![value],
    };
    if accounts.is_empty() {
        return Err(damaged(App::Steam, "it holds no account"));
    }
    let mut imported = Imported {
        app: App::Steam,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for account in accounts {
        let name = text(account, "/account_name");
        let read = base64::engine::general_purpose::STANDARD
            .decode(text(account, "/shared_secret"))
            .map_err(|_| "its shared secret is not valid Base64".to_owned())
            .and_then(|bytes| token(Secret::new(bytes), Algorithm::Sha1, 5, Kind::Steam));
        match read {
            Ok(token) => imported.entries.push(entry(name, "Steam".into(), token)),
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    Ok(imported)
}
