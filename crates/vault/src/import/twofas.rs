//! 2FAS Authenticator: schema 1 (`.json`, every token TOTP SHA1/6/30 s) and
//! `.2fas` schemas 2 to 4. Schema 2 has no token type: each is TOTP with
//! its algorithm and digits. Encrypted files (`servicesEncrypted`) are
//! refused with a sentence until their reader lands.

use super::json_formats::{algorithm, base32_secret, entry, number, require_array, text, token};
use super::{App, ImportError, Imported, skip};
use otp::{Algorithm, Kind};
use serde_json::Value;

const NEWEST_SCHEMA: u64 = 4;

pub(super) fn import(value: &Value) -> Result<Imported, ImportError> {
    let schema = number(value, "/schemaVersion").unwrap_or(1);
    if schema > NEWEST_SCHEMA {
        return Err(ImportError::Newer {
            app: App::TwoFas.name(),
            what: format!("schema {schema}"),
        });
    }
    if value
        .get("servicesEncrypted")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty())
    {
        return Err(ImportError::Encrypted(App::TwoFas.name()));
    }
    let mut imported = Imported {
        app: App::TwoFas,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    for service in require_array(App::TwoFas, value, "services")? {
        let name = text(service, "/otp/account");
        let shown = if name.is_empty() {
            text(service, "/name")
        } else {
            name.clone()
        };
        match read(service, schema) {
            Ok(token) => {
                let issuer = text(service, "/otp/issuer");
                let issuer = if issuer.is_empty() {
                    text(service, "/name")
                } else {
                    issuer
                };
                imported.entries.push(entry(name, issuer, token));
            }
            Err(reason) => imported.skipped.push(skip(shown, reason)),
        }
    }
    Ok(imported)
}

fn read(service: &Value, schema: u64) -> Result<otp::Token, String> {
    let secret = base32_secret(&text(service, "/secret"))?;
    if schema == 1 {
        return token(secret, Algorithm::Sha1, 6, Kind::Totp { period: 30, t0: 0 });
    }
    let algo = match text(service, "/otp/algorithm") {
        name if name.is_empty() => Algorithm::Sha1,
        name => algorithm(&name)?,
    };
    let digits = number(service, "/otp/digits").unwrap_or(6);
    let period = u32::try_from(number(service, "/otp/period").unwrap_or(30))
        .map_err(|_| "its period is out of range".to_owned())?;
    let kind = match text(service, "/otp/tokenType")
        .to_ascii_uppercase()
        .as_str()
    {
        "" | "TOTP" => Kind::Totp { period, t0: 0 },
        "HOTP" => Kind::Hotp {
            counter: number(service, "/otp/counter").unwrap_or(0),
        },
        "STEAM" => Kind::Steam,
        other => return Err(format!("{other} tokens are not supported")),
    };
    token(secret, algo, digits, kind)
}
