//! FreeOTP v2's encrypted backup: a Java-serialized map (`java_map.rs`)
//! of strings. `masterKey` holds a 256-bit master key wrapped under
//! PBKDF2-HMAC-SHA1 or -SHA512 of the password; each token's UUID holds
//! its secret encrypted under the master key, and `<UUID>-token` the
//! token's description in FreeOTP's JSON (docs/import-formats.md).
//! Every encryption is AES-256-GCM, its nonce in `mParameters` (DER) and
//! its `mToken` string as associated data.

use super::freeotp_plus::{entries_of, signed_bytes};
use super::locked::{Lock, LockedExport, derived_key};
use super::{App, ImportError, Opened, damaged};
use crate::hazmat::Key;
use crate::kdf_foreign::{ForeignKdf, Pbkdf2Hash};
use crate::{DerivedKey, KdfRequest};
use serde_json::Value;
use std::collections::BTreeMap;
use zeroize::Zeroizing;

/// A serialized map that holds a master key: held for the password.
pub(super) fn read(bytes: &[u8]) -> Result<Opened, ImportError> {
    let map = super::java_map::parse(bytes)
        .ok_or_else(|| damaged(App::FreeOtp, "its key store cannot be read"))?;
    if !map.contains_key("masterKey") {
        return Err(damaged(App::FreeOtp, "it holds no master key"));
    }
    Ok(Opened::Locked(LockedExport::new(
        App::FreeOtp,
        Lock::FreeOtp(map.into_iter().collect()),
    )))
}

/// One `{"mCipher", "mCipherText", "mParameters", "mToken"}` object.
struct Sealed {
    message: Vec<u8>,
    nonce: Vec<u8>,
    aad: String,
}

impl Sealed {
    fn of(value: &Value) -> Option<Self> {
        if value.get("mCipher")?.as_str()? != "AES/GCM/NoPadding" {
            return None;
        }
        Some(Self {
            message: signed_bytes(value.get("mCipherText")?)?,
            nonce: der_nonce(&signed_bytes(value.get("mParameters")?)?)?,
            aad: value.get("mToken")?.as_str()?.to_owned(),
        })
    }

    fn open(&self, key: &Key) -> Option<Zeroizing<Vec<u8>>> {
        crate::hazmat::open(key, &self.nonce, &self.message, self.aad.as_bytes())
    }
}

/// The nonce in GCM parameters as Java encodes them: an OCTET STRING,
/// alone or first in a SEQUENCE (with the tag length).
fn der_nonce(der: &[u8]) -> Option<Vec<u8>> {
    let inner = match der.first()? {
        0x30 => der.get(2..)?,
        _ => der,
    };
    let (&tag, rest) = inner.split_first()?;
    let (&length, rest) = rest.split_first()?;
    (tag == 0x04).then(|| rest.get(..usize::from(length)).map(<[u8]>::to_vec))?
}

pub(super) async fn open<E: From<ImportError>>(
    strings: &[(String, String)],
    password: &str,
    derive: &impl AsyncFn(KdfRequest) -> Result<DerivedKey, E>,
) -> Result<Opened, E> {
    let map: BTreeMap<&str, &str> = strings
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let bad_key = || damaged(App::FreeOtp, "its master key record cannot be read");
    let record: Value = map
        .get("masterKey")
        .and_then(|text| serde_json::from_str(text).ok())
        .ok_or_else(bad_key)?;
    let hash = match record.get("mAlgorithm").and_then(Value::as_str) {
        Some("PBKDF2withHmacSHA1") => Pbkdf2Hash::Sha1,
        Some("PBKDF2withHmacSHA512") => Pbkdf2Hash::Sha512,
        _ => return Err(damaged(App::FreeOtp, "its master key uses an unknown KDF").into()),
    };
    let kdf = ForeignKdf::Pbkdf2 {
        hash,
        iterations: record
            .get("mIterations")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(bad_key)?,
        salt: record
            .get("mSalt")
            .and_then(signed_bytes)
            .ok_or_else(bad_key)?,
    };
    let wrapped = record
        .get("mEncryptedKey")
        .and_then(Sealed::of)
        .ok_or_else(bad_key)?;
    let password_key = derived_key(password, kdf, derive).await?;
    let master = wrapped
        .open(&password_key)
        .ok_or(ImportError::WrongPassword(App::FreeOtp.name()))?;
    let master = Key(master
        .as_slice()
        .try_into()
        .map_err(|_| damaged(App::FreeOtp, "its master key is not 256 bits"))?);
    let (items, secrets): (Vec<Value>, Vec<_>) = map
        .iter()
        .filter(|(name, _)| **name != "masterKey" && !name.ends_with("-token"))
        .filter_map(|(name, sealed)| {
            let item: Value =
                serde_json::from_str(map.get(format!("{name}-token").as_str())?).ok()?;
            Some((item, secret(sealed, &master)))
        })
        .unzip();
    Ok(Opened::Read(entries_of(
        App::FreeOtp,
        items.iter().zip(secrets),
    )))
}

/// A token's secret: `{"key": "<sealed object as JSON text>"}`.
fn secret(sealed: &str, master: &Key) -> Result<otp::Secret, String> {
    let outer: Value = serde_json::from_str(sealed).map_err(|_| "its key record is not JSON")?;
    let inner: Value = outer
        .get("key")
        .and_then(Value::as_str)
        .and_then(|text| serde_json::from_str(text).ok())
        .ok_or("its key record is not JSON")?;
    let sealed = Sealed::of(&inner).ok_or("its key record cannot be read")?;
    let bytes = sealed.open(master).ok_or("its secret does not decrypt")?;
    Ok(otp::Secret::from_slice(&bytes))
}
