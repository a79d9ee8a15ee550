//! Stratum (Authenticator Pro)'s plain JSON backup: `Authenticators`, with
//! numbered types (1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex) and
//! algorithms (0 SHA1, 1 SHA256, 2 SHA512); and its encrypted backup,
//! the same JSON behind the `AUTHENTICATORPRO` header (`open`).

use super::json_formats::{base32_secret, entry, number, require_array, text, token};
use super::locked::{derived_key, json_of};
use super::{App, ImportError, Imported, Opened, skip};
use crate::kdf_foreign::ForeignKdf;
use crate::{DerivedKey, KdfRequest};
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

const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 12;

/// Opens what follows the header: salt (16) ‖ nonce (12) ‖ ciphertext ‖
/// tag, AES-256-GCM under Argon2id(password, salt; 64 MiB, 3 passes, 4
/// lanes), Stratum's fixed costs.
pub(super) async fn open<E: From<ImportError>>(
    bytes: &[u8],
    password: &str,
    derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
) -> Result<Opened, E> {
    let short = || super::damaged(App::Stratum, "it ends before its salt and nonce");
    let (salt, rest) = bytes.split_at_checked(SALT_BYTES).ok_or_else(short)?;
    let (nonce, message) = rest.split_at_checked(NONCE_BYTES).ok_or_else(short)?;
    let kdf = ForeignKdf::Argon2id {
        memory_kib: 64 * 1024,
        iterations: 3,
        lanes: 4,
        salt: salt.to_vec(),
    };
    let key = derived_key(password, kdf, derive).await?;
    let plain = crate::hazmat::open(&key, nonce, message, &[])
        .ok_or(ImportError::WrongPassword(App::Stratum.name()))?;
    Ok(Opened::Read(import(&json_of(App::Stratum, &plain)?)?))
}
