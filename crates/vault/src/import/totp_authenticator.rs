//! TOTP Authenticator's encrypted backup: a Base64 text whose bytes are
//! AES-256-CBC (zero IV, PKCS#7) under SHA-256(password). It decrypts to
//! a JSON object whose first key is itself the JSON list of tokens
//! (`name`, `issuer`, `key` in the `base` 16, 32 or 64); each is TOTP
//! SHA1/6/30 s, the only kind the app makes.

use super::json_formats::{base32_secret, entry, number, text, token};
use super::locked::{hashed_password, json_of};
use super::{App, ImportError, Imported, Opened, damaged, skip};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use otp::{Algorithm, Kind, Secret};
use serde_json::Value;

const IV: [u8; 16] = [0; 16];

pub(super) fn open(bytes: &[u8], password: &str) -> Result<Opened, ImportError> {
    let plain = crate::hazmat::cbc_open(&hashed_password(password), &IV, bytes)
        .ok_or(ImportError::WrongPassword(App::TotpAuthenticator.name()))?;
    let outer = json_of(App::TotpAuthenticator, &plain)?;
    let list = outer
        .as_object()
        .and_then(|fields| fields.keys().next())
        .ok_or_else(|| damaged(App::TotpAuthenticator, "it holds no token list"))?;
    let items = match json_of(App::TotpAuthenticator, list.as_bytes())? {
        Value::Array(items) => items,
        _ => {
            return Err(damaged(
                App::TotpAuthenticator,
                "its token list is not a list",
            ));
        }
    };
    let mut imported = Imported {
        app: App::TotpAuthenticator,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in &items {
        let name = text(item, "/name");
        match read(item) {
            Ok(token) => imported
                .entries
                .push(entry(name, text(item, "/issuer"), token)),
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    Ok(Opened::Read(imported))
}

fn read(item: &Value) -> Result<otp::Token, String> {
    let key = text(item, "/key");
    let secret = match number(item, "/base") {
        Some(16) => Secret::new(hex::decode(&key).map_err(|_| "its secret is not hexadecimal")?),
        Some(32) => base32_secret(&key)?,
        Some(64) => Secret::new(
            BASE64
                .decode(&key)
                .map_err(|_| "its secret is not Base64")?,
        ),
        other => {
            return Err(format!(
                "its secret's encoding (base {other:?}) is not supported"
            ));
        }
    };
    token(secret, Algorithm::Sha1, 6, Kind::Totp { period: 30, t0: 0 })
}
