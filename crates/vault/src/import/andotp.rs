//! andOTP's plain JSON export: an array of tokens. (Its encrypted exports
//! are not read yet.)

use super::json_formats::{algorithm, base32_secret, entry, number, text, token};
use super::{App, ImportError, Imported, skip};
use otp::Kind;
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
    let kind = match text(item, "/type").to_ascii_uppercase().as_str() {
        "TOTP" => Kind::Totp {
            period: u32::try_from(number(item, "/period").unwrap_or(30))
                .map_err(|_| "its period is out of range".to_owned())?,
            t0: 0,
        },
        "HOTP" => Kind::Hotp {
            counter: number(item, "/counter").unwrap_or(0),
        },
        "STEAM" => Kind::Steam,
        other => return Err(format!("{other} tokens are not supported")),
    };
    token(secret, algo, digits, kind)
}
