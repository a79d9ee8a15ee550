//! Stratum (Authenticator Pro)'s plain JSON backup: `Authenticators`, with
//! numbered types (1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex) and
//! algorithms (0 SHA1, 1 SHA256, 2 SHA512). (Its encrypted backups are not
//! read yet.)

use super::json_formats::{base32_secret, entry, number, require_array, text, token};
use super::{App, ImportError, Imported, skip};
use otp::{Algorithm, Kind};
use serde_json::Value;

pub(super) fn import(value: &Value) -> Result<Imported, ImportError> {
    let mut imported = Imported {
        app: App::Stratum,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in require_array(App::Stratum, value, "Authenticators")? {
        let name = text(item, "/Username");
        match read(item) {
            Ok(token) => imported
                .entries
                .push(entry(name, text(item, "/Issuer"), token)),
            Err(reason) => {
                let shown = if name.is_empty() {
                    text(item, "/Issuer")
                } else {
                    name
                };
                imported.skipped.push(skip(shown, reason));
            }
        }
    }
    Ok(imported)
}

fn read(item: &Value) -> Result<otp::Token, String> {
    let kind = match number(item, "/Type") {
        Some(1) => Kind::Hotp {
            counter: number(item, "/Counter").unwrap_or(0),
        },
        Some(2) => Kind::Totp {
            period: u32::try_from(number(item, "/Period").unwrap_or(30))
                .map_err(|_| "its period is out of range".to_owned())?,
            t0: 0,
        },
        Some(3) => return Err("mOTP tokens are not supported".into()),
        Some(4) => Kind::Steam,
        Some(5) => return Err("Yandex tokens are not supported".into()),
        _ => return Err("its token type is unknown".into()),
    };
    let algo = match number(item, "/Algorithm") {
        Some(0) | None => Algorithm::Sha1,
        Some(1) => Algorithm::Sha256,
        Some(2) => Algorithm::Sha512,
        Some(other) => return Err(format!("its algorithm (number {other}) is not supported")),
    };
    let secret = base32_secret(&text(item, "/Secret"))?;
    token(secret, algo, number(item, "/Digits").unwrap_or(6), kind)
}
