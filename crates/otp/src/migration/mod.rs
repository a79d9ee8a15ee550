//! Google Authenticator's export links:
//! `otpauth-migration://offline?data=<Base64 protobuf MigrationPayload>`.
//!
//! ```text
//! MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
//!                    int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
//! OtpParameters { bytes secret = 1; string name = 2; string issuer = 3;
//!                 Algorithm algorithm = 4;  // 0 unspecified = SHA1, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
//!                 DigitCount digits = 5;    // 0 unspecified = 6, 1 = 6, 2 = 8
//!                 OtpType type = 6;         // 0 unspecified = TOTP, 1 HOTP, 2 TOTP
//!                 int64 counter = 7; }
//! ```
//! The period is always 30 s. An empty issuer is taken from an
//! `issuer:account` name. Entries this app cannot use (MD5, an empty secret,
//! unknown enum values) are listed as skipped with the reason; the rest
//! import. Parsing never panics.

mod export;
pub use export::{EXPORT_BATCH, Export, ExportAccount, export};

use crate::otpauth::OtpAuth;
use crate::{Algorithm, Kind, Secret, Token};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use prost::Message;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

#[derive(Clone, PartialEq, Message)]
pub struct MigrationPayload {
    #[prost(message, repeated, tag = "1")]
    pub otp_parameters: Vec<OtpParameters>,
    #[prost(int32, tag = "2")]
    pub version: i32,
    #[prost(int32, tag = "3")]
    pub batch_size: i32,
    #[prost(int32, tag = "4")]
    pub batch_index: i32,
    #[prost(int32, tag = "5")]
    pub batch_id: i32,
}

/// One account of an export. prost's derived `Debug` would print the
/// secret's bytes, so it is skipped and written below without them.
#[derive(Clone, PartialEq, Message)]
#[prost(skip_debug)]
pub struct OtpParameters {
    #[prost(bytes = "vec", tag = "1")]
    pub secret: Vec<u8>,
    #[prost(string, tag = "2")]
    pub name: String,
    #[prost(string, tag = "3")]
    pub issuer: String,
    #[prost(int32, tag = "4")]
    pub algorithm: i32,
    #[prost(int32, tag = "5")]
    pub digits: i32,
    #[prost(int32, tag = "6")]
    pub r#type: i32,
    #[prost(int64, tag = "7")]
    pub counter: i64,
}

impl std::fmt::Debug for OtpParameters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OtpParameters")
            .field(
                "secret",
                &format_args!("redacted ({} bytes)", self.secret.len()),
            )
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("algorithm", &self.algorithm)
            .field("digits", &self.digits)
            .field("type", &self.r#type)
            .field("counter", &self.counter)
            .finish()
    }
}

/// More parts than any export has: Google Authenticator puts about ten
/// accounts in each QR code. A larger count is damage, and taking it at its
/// word would make [`BatchTracker`] list hundreds of millions of parts.
pub const MAX_BATCH_SIZE: u32 = 256;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MigrationError {
    #[error("this is not an otpauth-migration:// link")]
    NotMigration,
    #[error("the export link has no data parameter")]
    MissingData,
    #[error("the export link's data is not Base64")]
    NotBase64,
    #[error("the export link's data is damaged (not a Google Authenticator export)")]
    NotPayload,
    #[error("the export link claims to be part {index} of {size}, which no export has")]
    ImpossibleBatch { index: i32, size: i32 },
}

/// An entry that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub name: String,
    pub reason: String,
}

/// One export link's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationBatch {
    pub entries: Vec<OtpAuth>,
    pub skipped: Vec<Skipped>,
    pub batch_size: u32,
    pub batch_index: u32,
    pub batch_id: i32,
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    GeneralPurpose::new(&base64::alphabet::STANDARD, config)
        .decode(&cleaned)
        .or_else(|_| GeneralPurpose::new(&base64::alphabet::URL_SAFE, config).decode(&cleaned))
        .ok()
}

/// Reads an export link.
///
/// # Errors
/// A [`MigrationError`] when the link or its payload is unreadable; entries
/// that cannot be used are in [`MigrationBatch::skipped`] instead.
pub fn parse(link: &str) -> Result<MigrationBatch, MigrationError> {
    let link = link.trim();
    let prefix = "otpauth-migration://";
    let head = link
        .get(..prefix.len())
        .ok_or(MigrationError::NotMigration)?;
    if !head.eq_ignore_ascii_case(prefix) {
        return Err(MigrationError::NotMigration);
    }
    let query = link
        .split_once('?')
        .map(|(_, q)| q)
        .ok_or(MigrationError::MissingData)?;
    let data = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("data="))
        .ok_or(MigrationError::MissingData)?;
    let data = percent_encoding::percent_decode_str(data)
        .decode_utf8()
        .map_err(|_| MigrationError::NotBase64)?;
    let bytes = zeroize::Zeroizing::new(base64_decode(&data).ok_or(MigrationError::NotBase64)?);
    let mut payload =
        MigrationPayload::decode(bytes.as_slice()).map_err(|_| MigrationError::NotPayload)?;
    let size = u32::try_from(payload.batch_size)
        .ok()
        .filter(|size| *size <= MAX_BATCH_SIZE);
    let index = u32::try_from(payload.batch_index).ok();
    let plausible = matches!((size, index), (Some(size), Some(index)) if index < size.max(1));
    let batch = plausible.then(|| convert(&payload));
    // The decoded secrets were copied into zeroizing Secrets; wipe these.
    for parameters in &mut payload.otp_parameters {
        zeroize::Zeroize::zeroize(&mut parameters.secret);
    }
    batch.ok_or(MigrationError::ImpossibleBatch {
        index: payload.batch_index,
        size: payload.batch_size,
    })
}

fn convert(payload: &MigrationPayload) -> MigrationBatch {
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for parameters in &payload.otp_parameters {
        match entry(parameters) {
            Ok(entry) => entries.push(entry),
            Err(reason) => skipped.push(Skipped {
                name: parameters.name.clone(),
                reason,
            }),
        }
    }
    MigrationBatch {
        entries,
        skipped,
        batch_size: u32::try_from(payload.batch_size).unwrap_or(0).max(1),
        batch_index: u32::try_from(payload.batch_index).unwrap_or(0),
        batch_id: payload.batch_id,
    }
}

fn entry(parameters: &OtpParameters) -> Result<OtpAuth, String> {
    let algorithm = match parameters.algorithm {
        0 | 1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        4 => return Err("it uses MD5, which this app does not support".into()),
        other => return Err(format!("its algorithm ({other}) is unknown")),
    };
    let digits = match parameters.digits {
        0 | 1 => 6,
        2 => 8,
        other => return Err(format!("its digit count ({other}) is unknown")),
    };
    let kind = match parameters.r#type {
        0 | 2 => Kind::Totp { period: 30, t0: 0 },
        1 => Kind::Hotp {
            counter: u64::try_from(parameters.counter)
                .map_err(|_| "its counter is negative".to_owned())?,
        },
        other => return Err(format!("its type ({other}) is unknown")),
    };
    let token = Token::new(
        Secret::from_slice(&parameters.secret),
        algorithm,
        digits,
        kind,
    )
    .map_err(|error| format!("it cannot be used: {error}"))?;
    let (issuer, account) = match (parameters.issuer.as_str(), parameters.name.split_once(':')) {
        ("", Some((issuer, account))) => {
            (Some(issuer.trim().to_owned()), account.trim().to_owned())
        }
        ("", None) => (None, parameters.name.clone()),
        (issuer, Some((prefix, account))) if prefix.trim() == issuer => {
            (Some(issuer.to_owned()), account.trim().to_owned())
        }
        (issuer, _) => (Some(issuer.to_owned()), parameters.name.clone()),
    };
    Ok(OtpAuth {
        issuer: issuer.filter(|i| !i.is_empty()),
        account,
        token,
    })
}

/// Remembers which batches of each export have come in, so the app can say
/// which QR codes of a multi-code export are still missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchTracker {
    seen: BTreeMap<i32, (u32, BTreeSet<u32>)>,
}

impl BatchTracker {
    /// Records a batch; returns the 0-based indices still missing from its export.
    pub fn record(&mut self, batch: &MigrationBatch) -> Vec<u32> {
        let (size, seen) = self
            .seen
            .entry(batch.batch_id)
            .or_insert_with(|| (batch.batch_size, BTreeSet::new()));
        *size = (*size).max(batch.batch_size);
        seen.insert(batch.batch_index);
        (0..*size).filter(|index| !seen.contains(index)).collect()
    }
}
