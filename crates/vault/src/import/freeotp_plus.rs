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
    let mut imported = Imported {
        app,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in items {
        let name = text(item, "/label");
        match read(item) {
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

fn read(item: &Value) -> Result<otp::Token, String> {
    let bytes = item
        .get("secret")
        .and_then(Value::as_array)
        .ok_or("it has no secret")?
        .iter()
        .map(|b| {
            b.as_i64()
                .and_then(|b| i8::try_from(b).ok())
                .map(|b| b as u8)
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or("its secret is not a list of bytes")?;
    let secret = Secret::new(bytes);
    let algo = algorithm(&text(item, "/algo"))?;
    let digits = number(item, "/digits").unwrap_or(6);
    let kind = kind_of(item, false)?;
    token(secret, algo, digits, kind)
}
