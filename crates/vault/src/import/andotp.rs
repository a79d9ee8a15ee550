//! andOTP's plain JSON export: an array of tokens. (Its encrypted exports
//! are not read yet.)

use super::json_formats::{algorithm, base32_secret, entry, kind_of, number, text, token};
use super::{App, ImportError, Imported, skip};
use serde_json::Value;

pub(super) fn import(items: &[Value]) -> Result<Imported, ImportError> {
    let mut imported = Imported {
        app: App::AndOtp,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in items {
        let name = text(item, "/label");
        match read(item) {
            Ok(token) => imported
                .entries
                .push(entry(name, text(item, "/issuer"), token)),
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    Ok(imported)
}

fn read(item: &Value) -> Result<otp::Token, String> {
    let secret = base32_secret(&text(item, "/secret"))?;
    let algo = algorithm(&text(item, "/algorithm"))?;
    let digits = number(item, "/digits").unwrap_or(6);
    let kind = kind_of(item, true)?;
    token(secret, algo, digits, kind)
}
