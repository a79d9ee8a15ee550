//! The request as a link (and so as a QR code):
//! `softtoken://transaction?v=1&serial=…&suite=…&challenge=…&time=…&lifetime=…&detail=…&mac=…`.
//!
//! Values are percent-encoded UTF-8 (`+` is a literal plus); `detail`
//! repeats, in order, each `label=value`; `challenge` and `mac` are hex.
//! Parameters other than these are refused: a version 1 reader cannot
//! know what an unknown one would change.

use super::{CHALLENGE_BYTES, Detail, Request, TransactionError};
use crate::activation::SerialNumber;
use crate::ocra::Suite;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

pub const SCHEME: &str = "softtoken://transaction?";
const MAX_LINK_BYTES: usize = 4096;

const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Whether `text` starts as a request link does (the scheme in any case):
/// what a QR code or a paste is told apart by before it is parsed.
pub fn is_request_link(text: &str) -> bool {
    text.trim()
        .get(..SCHEME.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(SCHEME))
}

/// The link for `request` with its `mac`.
pub fn encode_link(request: &Request, mac: &[u8]) -> String {
    let encode = |text: &str| utf8_percent_encode(text, COMPONENT).to_string();
    let mut link = format!(
        "{SCHEME}v=1&serial={}&suite={}&challenge={}&time={}&lifetime={}",
        request.serial.formatted(),
        encode(&request.suite.to_string()),
        to_hex(&request.challenge),
        request.issued_at,
        request.lifetime_seconds,
    );
    for detail in &request.details {
        link.push_str("&detail=");
        link.push_str(&encode(&format!("{}={}", detail.label, detail.value)));
    }
    link.push_str("&mac=");
    link.push_str(&to_hex(mac));
    link
}

/// Reads a link into its request and MAC; nothing is checked against a
/// token yet (see [`super::verify_request`]).
///
/// # Errors
/// A [`TransactionError`] naming the part that is missing or malformed.
pub fn parse_link(link: &str) -> Result<(Request, Vec<u8>), TransactionError> {
    let link = link.trim();
    if link.len() > MAX_LINK_BYTES {
        return Err(TransactionError::Damaged("length"));
    }
    let query = is_request_link(link)
        .then(|| link.get(SCHEME.len()..))
        .flatten()
        .ok_or(TransactionError::NotARequest)?;
    let mut fields = Fields::default();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| TransactionError::Damaged("text"))?
            .into_owned();
        let slot = match key {
            "v" => &mut fields.version,
            "serial" => &mut fields.serial,
            "suite" => &mut fields.suite,
            "challenge" => &mut fields.challenge,
            "time" => &mut fields.time,
            "lifetime" => &mut fields.lifetime,
            "mac" => &mut fields.mac,
            "detail" => {
                let (label, value) = value
                    .split_once('=')
                    .ok_or_else(|| TransactionError::Detail("a detail has no '='".into()))?;
                fields.details.push(Detail {
                    label: label.into(),
                    value: value.into(),
                });
                continue;
            }
            other => return Err(TransactionError::Unknown(other.chars().take(20).collect())),
        };
        if slot.is_some() {
            return Err(TransactionError::Repeated(name_of(key)));
        }
        *slot = Some(value);
    }
    fields.into_request()
}

#[derive(Default)]
struct Fields {
    version: Option<String>,
    serial: Option<String>,
    suite: Option<String>,
    challenge: Option<String>,
    time: Option<String>,
    lifetime: Option<String>,
    mac: Option<String>,
    details: Vec<Detail>,
}

impl Fields {
    fn into_request(self) -> Result<(Request, Vec<u8>), TransactionError> {
        let version = self.version.ok_or(TransactionError::Missing("version"))?;
        if version != "1" {
            return Err(TransactionError::Version(version.chars().take(8).collect()));
        }
        let serial = SerialNumber::parse(
            &self
                .serial
                .ok_or(TransactionError::Missing("serial number"))?,
        )
        .map_err(|_| TransactionError::Damaged("serial number"))?;
        let suite = Suite::parse(&self.suite.ok_or(TransactionError::Missing("suite"))?)
            .map_err(|error| TransactionError::Suite(error.to_string()))?;
        let challenge = from_hex(
            &self
                .challenge
                .ok_or(TransactionError::Missing("challenge"))?,
        )
        .and_then(|bytes| <[u8; CHALLENGE_BYTES]>::try_from(bytes).ok())
        .ok_or(TransactionError::Damaged("challenge"))?;
        let number = |text: Option<String>, name: &'static str| {
            text.ok_or(TransactionError::Missing(name))?
                .parse::<u64>()
                .map_err(|_| TransactionError::Damaged(name))
        };
        let issued_at = number(self.time, "time")?;
        let lifetime_seconds = u32::try_from(number(self.lifetime, "lifetime")?)
            .map_err(|_| TransactionError::Damaged("lifetime"))?;
        let mac = from_hex(&self.mac.ok_or(TransactionError::Missing("MAC"))?)
            .filter(|mac| mac.len() == 32)
            .ok_or(TransactionError::Damaged("MAC"))?;
        let request = Request {
            serial,
            suite,
            challenge,
            issued_at,
            lifetime_seconds,
            details: self.details,
        };
        request.validate()?;
        Ok((request, mac))
    }
}

fn name_of(key: &str) -> &'static str {
    match key {
        "v" => "version",
        "serial" => "serial number",
        "suite" => "suite",
        "challenge" => "challenge",
        "time" => "time",
        "lifetime" => "lifetime",
        _ => "MAC",
    }
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    crate::Secret::from_hex(text).map(|secret| secret.expose().to_vec())
}
