//! Google Authenticator's export, written: the links its "Transfer
//! accounts" screen shows as QR codes, which Google Authenticator, Aegis
//! and 2FAS read. At most [`EXPORT_BATCH`] accounts a link, each link
//! with its batch size, index and the export's id, so the reading app
//! knows when it has them all.
//!
//! The format holds TOTP with a 30-second period, HOTP, SHA1/256/512 and
//! 6 or 8 digits, and nothing else: any other token is listed as skipped
//! with the reason (its own otpauth link carries it, one at a time).
//!
//! Secrets: the links are returned in [`Zeroizing`] strings and the
//! encoded payloads are wiped.

use super::{MigrationPayload, OtpParameters, Skipped};
use crate::{Algorithm, Kind, Token};
use base64::Engine;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use prost::Message;
use zeroize::{Zeroize, Zeroizing};

/// Accounts a link: Google Authenticator's own batches.
pub const EXPORT_BATCH: usize = 10;

/// One account to export.
#[derive(Debug, Clone, Copy)]
pub struct ExportAccount<'a> {
    pub name: &'a str,
    pub issuer: Option<&'a str>,
    pub token: &'a Token,
}

/// What an export gives: its links, in order, and what could not go in them.
#[derive(Debug, Default)]
pub struct Export {
    pub links: Vec<Zeroizing<String>>,
    pub skipped: Vec<Skipped>,
}

/// Writes the export links for `accounts`; `batch_id` names this export
/// (the caller's random number, so two exports are told apart).
pub fn export(accounts: &[ExportAccount<'_>], batch_id: i32) -> Export {
    let mut skipped = Vec::new();
    let parameters: Vec<OtpParameters> = accounts
        .iter()
        .filter_map(|account| match parameters(account) {
            Ok(parameters) => Some(parameters),
            Err(reason) => {
                // Named as the list shows it: "Issuer (name)".
                let name = match account.issuer {
                    Some(issuer) => format!("{issuer} ({})", account.name),
                    None => account.name.to_owned(),
                };
                skipped.push(Skipped { name, reason });
                None
            }
        })
        .collect();
    let batches = parameters.chunks(EXPORT_BATCH);
    let batch_size = i32::try_from(batches.len()).unwrap_or(i32::MAX);
    let links = batches
        .enumerate()
        .map(|(index, chunk)| {
            let mut payload = MigrationPayload {
                otp_parameters: chunk.to_vec(),
                version: 1,
                batch_size,
                batch_index: i32::try_from(index).unwrap_or(i32::MAX),
                batch_id,
            };
            let bytes = Zeroizing::new(payload.encode_to_vec());
            for account in &mut payload.otp_parameters {
                account.secret.zeroize();
            }
            let data = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(&*bytes));
            let escaped = utf8_percent_encode(&data, BASE64_IN_QUERY);
            Zeroizing::new(format!("otpauth-migration://offline?data={escaped}"))
        })
        .collect();
    let mut parameters = parameters;
    for account in &mut parameters {
        account.secret.zeroize();
    }
    Export { links, skipped }
}

/// Base64's `+`, `/` and `=`, escaped in a query value (the rest of its
/// alphabet needs no escaping).
const BASE64_IN_QUERY: &AsciiSet = &CONTROLS.add(b'+').add(b'/').add(b'=');

fn parameters(account: &ExportAccount<'_>) -> Result<OtpParameters, String> {
    let token = account.token;
    let r#type = match token.kind() {
        Kind::Totp { period: 30, t0: 0 } => 2,
        Kind::Totp { period, .. } => {
            return Err(format!(
                "its codes change every {period} seconds, and Google Authenticator's transfer holds 30-second codes only: show its own QR code instead"
            ));
        }
        Kind::Hotp { .. } => 1,
        Kind::Steam => {
            return Err("Steam tokens cannot go in Google Authenticator's transfer: show its own QR code instead".into());
        }
        Kind::Ocra { .. } => {
            return Err("challenge-response tokens cannot go in another app's transfer".into());
        }
    };
    let digits = match token.digits() {
        6 => 1,
        8 => 2,
        other => {
            return Err(format!(
                "it has {other}-digit codes, and Google Authenticator's transfer holds 6 or 8: show its own QR code instead"
            ));
        }
    };
    let algorithm = match token.algorithm() {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha512 => 3,
    };
    let counter = match token.kind() {
        Kind::Hotp { counter } => {
            i64::try_from(counter).map_err(|_| "its counter is too large".to_owned())?
        }
        _ => 0,
    };
    Ok(OtpParameters {
        secret: token.secret().expose().to_vec(),
        name: account.name.to_owned(),
        issuer: account.issuer.unwrap_or_default().to_owned(),
        algorithm,
        digits,
        r#type,
        counter,
    })
}
