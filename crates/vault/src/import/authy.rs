//! Authy's device preferences XML: one `<string>` whose text is the JSON
//! list of tokens. Plain files hold `decryptedSecret` (Base32; TOTP
//! SHA1/30 s) or `secretSeed` (hex; Authy's own tokens, 7 digits, 10 s);
//! encrypted ones `encryptedSecret` and `salt` per token (`open`).

use super::json_formats::{base32_secret, entry, number, text, token};
use super::locked::{Lock, LockedExport, derived_key};
use super::{App, ImportError, Imported, Opened, skip};
use crate::kdf_foreign::{ForeignKdf, Pbkdf2Hash};
use crate::{DerivedKey, KdfRequest};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use otp::{Algorithm, Kind, Secret};
use serde_json::Value;
use zeroize::Zeroizing;

/// Authy's iteration count for PBKDF2-HMAC-SHA1.
const PBKDF2_ITERATIONS: u32 = 1000;
/// Authy encrypts with AES-256-CBC under an all-zero IV.
const IV: [u8; 16] = [0; 16];

/// The token list: read, or held for the password when any is encrypted.
pub(super) fn read(items: Vec<Value>) -> Opened {
    if items
        .iter()
        .any(|item| item.get("encryptedSecret").is_some())
    {
        return Opened::Locked(LockedExport::new(App::Authy, Lock::Authy(items)));
    }
    Opened::Read(import(&items, plain_secret))
}

/// Decrypts each `encryptedSecret`: AES-256-CBC (zero IV, PKCS#7) under
/// PBKDF2-HMAC-SHA1(password, the `salt` string's bytes, 1,000), whose
/// plaintext is the Base32 secret. The first token that does not decrypt
/// means the password is wrong.
pub(super) async fn open<E: From<ImportError>>(
    items: &[Value],
    password: &str,
    derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
) -> Result<Opened, E> {
    let mut secrets = Vec::with_capacity(items.len());
    for item in items {
        let Some(sealed) = item.get("encryptedSecret").and_then(Value::as_str) else {
            secrets.push(plain_secret(item));
            continue;
        };
        let Ok(sealed) = BASE64.decode(sealed) else {
            secrets.push(Err("its encrypted secret is not Base64".to_owned()));
            continue;
        };
        let kdf = ForeignKdf::Pbkdf2 {
            hash: Pbkdf2Hash::Sha1,
            iterations: PBKDF2_ITERATIONS,
            salt: text(item, "/salt").into_bytes(),
        };
        let key = derived_key(password, kdf, derive).await?;
        let plain = crate::hazmat::cbc_open(&key, &IV, &sealed)
            .ok_or(ImportError::WrongPassword(App::Authy.name()))?;
        let base32 = Zeroizing::new(String::from_utf8_lossy(&plain).into_owned());
        secrets.push(base32_secret(&base32).map(|secret| (secret, false)));
    }
    let mut secrets = secrets.into_iter();
    Ok(Opened::Read(import(items, |_| {
        secrets
            .next()
            .unwrap_or_else(|| Err("it has no secret".into()))
    })))
}

/// A plain token's secret, and whether it is one of Authy's own.
fn plain_secret(item: &Value) -> Result<(Secret, bool), String> {
    if let Some(seed) = item.get("secretSeed").and_then(Value::as_str) {
        let bytes = hex::decode(seed).map_err(|_| "its secret is not hexadecimal".to_owned())?;
        return Ok((Secret::new(bytes), true));
    }
    Ok((base32_secret(&text(item, "/decryptedSecret"))?, false))
}

fn import(
    items: &[Value],
    mut secret_of: impl FnMut(&Value) -> Result<(Secret, bool), String>,
) -> Imported {
    let mut imported = Imported {
        app: App::Authy,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in items {
        let (name, issuer) = names(item);
        let read = secret_of(item).and_then(|(secret, authy_own)| {
            let (digits, period) = if authy_own { (7, 10) } else { (6, 30) };
            let digits = number(item, "/digits").unwrap_or(digits);
            token(
                secret,
                Algorithm::Sha1,
                digits,
                Kind::Totp { period, t0: 0 },
            )
        });
        match read {
            Ok(token) => imported.entries.push(entry(name, issuer, token)),
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    imported
}

/// (name, issuer): Authy writes `originalIssuer` and an `originalName`
/// of "Issuer:name"; its own tokens have only a `name`, the service's.
fn names(item: &Value) -> (String, String) {
    let shown = text(item, "/name");
    if item.get("secretSeed").is_some() {
        return (String::new(), shown);
    }
    let (issuer_in_name, name) = match text(item, "/originalName").split_once(':') {
        Some((issuer, name)) => (issuer.to_owned(), name.trim().to_owned()),
        None => (String::new(), shown),
    };
    match text(item, "/originalIssuer") {
        issuer if !issuer.is_empty() => (name, issuer),
        _ => (name, issuer_in_name),
    }
}
