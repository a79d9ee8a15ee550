//! 2FAS Authenticator: schema 1 (`.json`, every token TOTP SHA1/6/30 s) and
//! `.2fas` schemas 2 to 4. Schema 2 has no token type: each is TOTP with
//! its algorithm and digits. Encrypted files (`servicesEncrypted`) open
//! with the password (`open`).

use super::json_formats::{algorithm, base32_secret, entry, number, require_array, text, token};
use super::locked::{Lock, LockedExport, derived_key, json_of};
use super::{App, ImportError, Imported, Opened, damaged, skip};
use crate::kdf_foreign::{ForeignKdf, Pbkdf2Hash};
use crate::{DerivedKey, KdfRequest};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use otp::{Algorithm, Kind};
use serde_json::Value;

const NEWEST_SCHEMA: u64 = 4;

/// A 2FAS document: read, or held for its password (after its schema is
/// known to be one this version reads, so nobody types a password in vain).
pub(super) fn read(value: Value) -> Result<Opened, ImportError> {
    schema(&value)?;
    if is_encrypted(&value) {
        return Ok(Opened::Locked(LockedExport::new(
            App::TwoFas,
            Lock::TwoFas(value),
        )));
    }
    import(&value).map(Opened::Read)
}

fn schema(value: &Value) -> Result<u64, ImportError> {
    let schema = number(value, "/schemaVersion").unwrap_or(1);
    if schema > NEWEST_SCHEMA {
        return Err(ImportError::Newer {
            app: App::TwoFas.name(),
            what: format!("schema {schema}"),
        });
    }
    Ok(schema)
}

fn import(value: &Value) -> Result<Imported, ImportError> {
    let schema = schema(value)?;
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
        match service_token(service, schema) {
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

fn service_token(service: &Value, schema: u64) -> Result<otp::Token, String> {
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

/// 2FAS's own iteration count for PBKDF2-HMAC-SHA256.
const PBKDF2_ITERATIONS: u32 = 10_000;

/// Whether the document's tokens are sealed (`servicesEncrypted`).
fn is_encrypted(value: &Value) -> bool {
    value
        .get("servicesEncrypted")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty())
}

/// Opens `servicesEncrypted`: `Base64(ciphertext ‖ tag):Base64(salt):Base64(nonce)`,
/// AES-256-GCM under PBKDF2-HMAC-SHA256(password, salt, 10,000), 32 bytes.
pub(super) async fn open<E: From<ImportError>>(
    document: &Value,
    password: &str,
    derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
) -> Result<Opened, E> {
    let sealed = text(document, "/servicesEncrypted");
    let mut parts = sealed
        .split(':')
        .map(|part| BASE64.decode(part.trim()).ok());
    let (Some(Some(message)), Some(Some(salt)), Some(Some(nonce)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(damaged(
            App::TwoFas,
            "its servicesEncrypted field is not three Base64 parts",
        )
        .into());
    };
    let kdf = ForeignKdf::Pbkdf2 {
        hash: Pbkdf2Hash::Sha256,
        iterations: PBKDF2_ITERATIONS,
        salt,
    };
    let key = derived_key(password, kdf, derive).await?;
    let plain = crate::hazmat::open(&key, &nonce, &message, &[])
        .ok_or(ImportError::WrongPassword(App::TwoFas.name()))?;
    let services = json_of(App::TwoFas, &plain)?;
    let mut opened = document.clone();
    if let Some(fields) = opened.as_object_mut() {
        fields.remove("servicesEncrypted");
        fields.insert("services".into(), services);
    }
    Ok(Opened::Read(import(&opened)?))
}
