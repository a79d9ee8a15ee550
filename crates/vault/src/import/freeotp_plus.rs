//! FreeOTP+'s JSON export: `tokens`, each secret a list of signed bytes.
//! FreeOTP's own preferences XML holds the same token objects, one a
//! `<string>` (`xml_formats.rs`), and is read by [`tokens`] too.

use super::json_formats::{algorithm, entry, kind_of, number, require_array, text, token};
use super::{App, ImportError, Imported, skip};
use otp::Secret;
use serde_json::Value;

pub(super) fn import(value: &Value) -> Result<Imported, ImportError> {
    let items = require_array(App::FreeOtpPlus, value, "tokens")?;
    Ok(tokens(App::FreeOtpPlus, items))
}

/// FreeOTP's token objects (`label`, `issuerExt`, `secret` bytes, …).
pub(super) fn tokens(app: App, items: &[Value]) -> Imported {
    entries_of(app, items.iter().map(|item| (item, secret_of(item))))
}

/// Token objects, each with its secret read from elsewhere (FreeOTP v2
/// keeps the secrets encrypted apart from the objects).
pub(super) fn entries_of<'a>(
    app: App,
    items: impl Iterator<Item = (&'a Value, Result<Secret, String>)>,
) -> Imported {
    let mut imported = Imported {
        app,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for (item, secret) in items {
        let name = text(item, "/label");
        match secret.and_then(|secret| token_with(item, secret)) {
            Ok(token) => {
                let issuer = text(item, "/issuerExt");
                let issuer = if issuer.is_empty() {
                    text(item, "/issuerInt")
                } else {
                    issuer
                };
                imported.entries.push(entry(name, issuer, token));
            }
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    imported
}

fn secret_of(item: &Value) -> Result<Secret, String> {
    let bytes = signed_bytes(item.get("secret").ok_or("it has no secret")?)
        .ok_or("its secret is not a list of bytes")?;
    Ok(Secret::new(bytes))
}

/// A JSON list of Java's signed bytes (-128 … 127).
pub(super) fn signed_bytes(value: &Value) -> Option<Vec<u8>> {
    value
        .as_array()?
        .iter()
        .map(|b| {
            b.as_i64()
                .and_then(|b| i8::try_from(b).ok())
                .map(|b| b as u8)
        })
        .collect()
}

/// The token an object describes; no `algo` (or `null`) is SHA1.
fn token_with(item: &Value, secret: Secret) -> Result<otp::Token, String> {
    let algo = match text(item, "/algo") {
        name if name.is_empty() => otp::Algorithm::Sha1,
        name => algorithm(&name)?,
    };
    let digits = number(item, "/digits").unwrap_or(6);
    let kind = kind_of(item, false)?;
    token(secret, algo, digits, kind)
}
