//! Bitwarden's JSON export: each login's `totp` field, an otpauth link, a
//! `steam://SECRET` or a bare Base32 secret (TOTP SHA1/6/30 s). Items
//! without one are not tokens and are passed over silently; an encrypted
//! export is refused with a sentence.

use super::json_formats::{base32_secret, entry, require_array, text, token};
use super::{App, ImportError, Imported, skip};
use otp::{Algorithm, Kind};
use serde_json::Value;

pub(super) fn import(value: &Value) -> Result<Imported, ImportError> {
    if value.get("encrypted").and_then(Value::as_bool) == Some(true) {
        return Err(ImportError::Encrypted(App::Bitwarden.name()));
    }
    let mut imported = Imported {
        app: App::Bitwarden,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for item in require_array(App::Bitwarden, value, "items")? {
        let field = text(item, "/login/totp");
        if field.trim().is_empty() {
            continue;
        }
        let name = text(item, "/name");
        let read = if super::links::starts_with_ignoring_case(&field, "otpauth://") {
            otp::otpauth::parse(&field)
                .map(super::links::from_link)
                .map_err(|error| error.to_string())
        } else if let Some(secret) = field
            .get(..8)
            .filter(|head| head.eq_ignore_ascii_case("steam://"))
            .and(field.get(8..))
        {
            base32_secret(secret)
                .and_then(|secret| token(secret, Algorithm::Sha1, 5, Kind::Steam))
                .map(|token| entry(name.clone(), "Steam".into(), token))
        } else {
            base32_secret(&field)
                .and_then(|secret| {
                    token(secret, Algorithm::Sha1, 6, Kind::Totp { period: 30, t0: 0 })
                })
                .map(|token| entry(name.clone(), String::new(), token))
        };
        match read {
            Ok(entry) => imported.entries.push(entry),
            Err(reason) => imported.skipped.push(skip(name, reason)),
        }
    }
    Ok(imported)
}
