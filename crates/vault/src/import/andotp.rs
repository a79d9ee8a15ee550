//! andOTP: its plain JSON export (an array of tokens), and its encrypted
//! exports, current and old (docs/import-formats.md). Neither encrypted
//! layout has a header, so both are tried: the old one first, which costs
//! a SHA-256, then the current one's PBKDF2.

use super::json_formats::{algorithm, base32_secret, entry, kind_of, number, text, token};
use super::locked::{derived_key, hashed_password, json_of, open_gcm};
use super::{App, ImportError, Imported, Opened, skip};
use crate::kdf_foreign::{ForeignKdf, Pbkdf2Hash};
use crate::{DerivedKey, KdfRequest};
use serde_json::Value;

/// The current layout: iterations (4 bytes, big-endian), then the salt.
const ITERATIONS_BYTES: usize = 4;
const SALT_BYTES: usize = 12;

pub(super) fn import(items: &[Value]) -> Result<Imported, ImportError> {
    let mut imported = Imported {
        app: App::AndOtp,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in items {
        let (name, issuer) = names(item);
        match read(item) {
            Ok(token) => imported.entries.push(entry(name, issuer, token)),
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    Ok(imported)
}

/// (name, issuer). Older versions wrote no `issuer`, only a `label` of
/// "Issuer - name".
fn names(item: &Value) -> (String, String) {
    let label = text(item, "/label");
    if item.get("issuer").is_none()
        && let Some((issuer, name)) = label.split_once(" - ")
    {
        return (name.to_owned(), issuer.to_owned());
    }
    (label, text(item, "/issuer"))
}

fn read(item: &Value) -> Result<otp::Token, String> {
    let secret = base32_secret(&text(item, "/secret"))?;
    let algo = algorithm(&text(item, "/algorithm"))?;
    let digits = number(item, "/digits").unwrap_or(6);
    let kind = kind_of(item, true)?;
    token(secret, algo, digits, kind)
}

/// Opens an encrypted export. Old layout: nonce ‖ ciphertext ‖ tag under
/// SHA-256(password). Current layout: iterations ‖ salt ‖ nonce ‖
/// ciphertext ‖ tag under PBKDF2-HMAC-SHA1(password, salt, iterations).
pub(super) async fn open<E: From<ImportError>>(
    bytes: &[u8],
    password: &str,
    derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
) -> Result<Opened, E> {
    let plain = match open_gcm(&hashed_password(password), bytes) {
        Some(plain) => plain,
        None => {
            let (iterations, rest) = bytes
                .split_first_chunk::<ITERATIONS_BYTES>()
                .ok_or(ImportError::WrongPassword(App::AndOtp.name()))?;
            let iterations = u32::from_be_bytes(*iterations);
            let (salt, message) = rest
                .split_at_checked(SALT_BYTES)
                .ok_or(ImportError::WrongPassword(App::AndOtp.name()))?;
            if !(1..=ForeignKdf::MAX_PBKDF2_ITERATIONS).contains(&iterations) {
                // Not the current layout's count, and the old layout did not
                // open: a wrong password, or a file asking too much.
                return Err(ImportError::AndOtpUnopenable(iterations).into());
            }
            let kdf = ForeignKdf::Pbkdf2 {
                hash: Pbkdf2Hash::Sha1,
                iterations,
                salt: salt.to_vec(),
            };
            let key = derived_key(password, kdf, derive).await?;
            open_gcm(&key, message).ok_or(ImportError::WrongPassword(App::AndOtp.name()))?
        }
    };
    match json_of(App::AndOtp, &plain)? {
        Value::Array(items) => Ok(Opened::Read(import(&items)?)),
        _ => Err(super::damaged(App::AndOtp, "what it decrypts to is not a list of tokens").into()),
    }
}
