//! The JSON exports, told apart by their top-level shape:
//!
//! | shape | app |
//! |---|---|
//! | object with `services` and `schemaVersion` (or `servicesEncrypted`) | 2FAS |
//! | array of objects with `secret` and `type` | andOTP (plain) |
//! | object with `items` and `encrypted` | Bitwarden |
//! | object with `tokens` and `tokenOrder` | FreeOTP+ |
//! | object with `entries` whose items have `content.uri` | Proton Authenticator |
//! | object with `Authenticators` | Stratum (plain) |
//! | object with `shared_secret`, or `accounts` of them | Steam Desktop Authenticator |
//! | array of objects with `otpGenerator` | Duo Mobile |
//! | object with `header` and `db` | Aegis or Soft Token backup (`backup/`) |

use super::{App, ImportError, Imported, Opened, damaged, skip};
use crate::Entry;
use otp::{Algorithm, Kind, Secret, Token};
use serde_json::Value;

pub(super) fn read(value: Value) -> Result<Opened, ImportError> {
    if value.get("services").is_some() || value.get("servicesEncrypted").is_some() {
        return super::twofas::read(value);
    }
    if value.get("header").is_some() && value.get("db").is_some() {
        return super::aegis::read(value);
    }
    import(&value).map(Opened::Read)
}

fn import(value: &Value) -> Result<Imported, ImportError> {
    let has = |key: &str| value.get(key).is_some();
    if has("items") && has("encrypted") {
        return super::bitwarden::import(value);
    }
    if has("tokens") && has("tokenOrder") {
        return super::freeotp_plus::import(value);
    }
    if has("Authenticators") {
        return super::stratum::import(value);
    }
    if super::steam::is_mafile(value) {
        return super::steam::import(value);
    }
    if let Some(entries) = value.get("entries").and_then(Value::as_array)
        && entries.iter().all(|e| e.pointer("/content/uri").is_some())
    {
        return Ok(from_links(
            App::Proton,
            entries,
            "/content/uri",
            "/content/name",
        ));
    }
    if let Some(items) = value.as_array()
        && items
            .iter()
            .all(|i| i.get("secret").is_some() && i.get("type").is_some())
    {
        return super::andotp::import(items);
    }
    if let Some(items) = value.as_array()
        && !items.is_empty()
        && items.iter().all(|i| i.get("otpGenerator").is_some())
    {
        return Ok(duo(items));
    }
    Err(ImportError::UnknownFormat)
}

/// Duo Mobile's accounts: `otpGenerator.otpSecret` (Base32), HOTP when it
/// has a `counter`, else TOTP; SHA1, 6 digits, 30 s; no issuer.
fn duo(items: &[Value]) -> Imported {
    let mut imported = Imported {
        app: App::Duo,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in items {
        let name = text(item, "/name");
        let kind = match number(item, "/otpGenerator/counter") {
            Some(counter) => Kind::Hotp { counter },
            None => Kind::Totp { period: 30, t0: 0 },
        };
        let read = base32_secret(&text(item, "/otpGenerator/otpSecret"))
            .and_then(|secret| token(secret, Algorithm::Sha1, 6, kind));
        match read {
            Ok(token) => imported.entries.push(entry(name, String::new(), token)),
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    imported
}

/// Entries that each hold an otpauth link at `uri` (named at `name` when the link cannot be read).
pub(super) fn from_links(app: App, items: &[Value], uri: &str, name: &str) -> Imported {
    let mut imported = Imported {
        app,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in items {
        let link = item
            .pointer(uri)
            .and_then(Value::as_str)
            .unwrap_or_default();
        match otp::otpauth::parse(link) {
            Ok(link) => imported.entries.push(super::links::from_link(link)),
            Err(error) => imported
                .skipped
                .push(skip(text(item, name), error.to_string())),
        }
    }
    imported
}

/// A string field, or empty.
pub(super) fn text(item: &Value, pointer: &str) -> String {
    item.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A number field.
pub(super) fn number(item: &Value, pointer: &str) -> Option<u64> {
    item.pointer(pointer).and_then(Value::as_u64)
}

/// `SHA1`, `sha-256`, … or the reason it is refused.
pub(super) fn algorithm(name: &str) -> Result<Algorithm, String> {
    Algorithm::from_name(name).ok_or_else(|| format!("its algorithm ({name}) is not supported"))
}

/// A Base32 secret, padded or not, in any case.
pub(super) fn base32_secret(text: &str) -> Result<Secret, String> {
    otp::base32::decode(text).map_err(|error| format!("its secret is not valid: {error}"))
}

/// A token, or the sentence that says why it cannot be used.
pub(super) fn token(
    secret: Secret,
    algorithm: Algorithm,
    digits: u64,
    kind: Kind,
) -> Result<Token, String> {
    let digits =
        u8::try_from(digits).map_err(|_| "its number of digits is out of range".to_owned())?;
    Token::new(secret, algorithm, digits, kind)
        .map_err(|error| format!("it cannot be used: {error}"))
}

/// The kind named by a `type` field (`TOTP`, `HOTP`, `STEAM` in any case)
/// with the item's `period` and `counter` fields, as andOTP and FreeOTP+ write them.
pub(super) fn kind_of(item: &Value, steam: bool) -> Result<Kind, String> {
    match text(item, "/type").to_ascii_uppercase().as_str() {
        "TOTP" => Ok(Kind::Totp {
            period: u32::try_from(number(item, "/period").unwrap_or(30))
                .map_err(|_| "its period is out of range".to_owned())?,
            t0: 0,
        }),
        "HOTP" => Ok(Kind::Hotp {
            counter: number(item, "/counter").unwrap_or(0),
        }),
        "STEAM" if steam => Ok(Kind::Steam),
        other => Err(format!("{other} tokens are not supported")),
    }
}

pub(super) fn entry(name: String, issuer: String, token: Token) -> Entry {
    Entry::new(name, (!issuer.is_empty()).then_some(issuer), token)
}

pub(super) fn require_array<'a>(
    app: App,
    value: &'a Value,
    key: &str,
) -> Result<&'a [Value], ImportError> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .ok_or_else(|| damaged(app, format!("its {key} list is missing")))
}
