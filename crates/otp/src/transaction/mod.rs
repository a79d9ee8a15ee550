//! Transaction verification, version 1 (`docs/transaction-verification.md`).
//!
//! The issuer writes a request (the details a person agrees to, a random
//! challenge, a time, a lifetime, an OCRA suite) and a MAC over all of it
//! under a key derived from the token's secret. The app checks the MAC
//! before it shows anything, so what the person reads is what the issuer
//! wrote; the confirmation code is an OCRA response over the challenge
//! (question) and a hash of the whole request (session information), so it
//! confirms exactly that request and no other.
//!
//! Contract: pure (the time is an argument); every malformed link a typed
//! error; the token secret and the MAC key are never in `Debug` output and
//! the MAC key is zeroized.

mod link;

pub use link::{SCHEME, encode_link, is_request_link, parse_link};

use crate::code::constant_time_eq;
use crate::ocra::{Inputs, OcraError, QuestionFormat, Suite};
use crate::{Algorithm, activation::SerialNumber};
use sha2::{Digest, Sha256};
use thiserror::Error;
use zeroize::Zeroizing;

/// The suite a request uses unless the issuer chooses another.
pub const DEFAULT_SUITE: &str = "OCRA-1:HOTP-SHA256-8:QH32-S032";
pub const CHALLENGE_BYTES: usize = 16;
pub const MAX_DETAILS: usize = 12;
pub const MAX_LABEL_CHARS: usize = 40;
pub const MAX_VALUE_CHARS: usize = 200;
/// A request older than its lifetime is refused; so is one this far ahead
/// of the device's clock (a clock a little fast must not refuse every request).
pub const MAX_CLOCK_AHEAD_SECONDS: u64 = 300;
pub const MAX_LIFETIME_SECONDS: u32 = 86_400;
const MAC_KEY_DOMAIN: &[u8] = b"softtoken-transaction/mac-key/1";
const TRANSCRIPT_DOMAIN: &[u8] = b"softtoken-transaction/1";

/// One line of what the person agrees to: `Amount` = `125.00 EUR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub label: String,
    pub value: String,
}

/// A transaction request, as issued and as read from a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub serial: SerialNumber,
    pub suite: Suite,
    pub challenge: [u8; CHALLENGE_BYTES],
    /// Unix seconds when it was issued.
    pub issued_at: u64,
    pub lifetime_seconds: u32,
    pub details: Vec<Detail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransactionError {
    #[error("this is not a transaction request link")]
    NotARequest,
    #[error("the transaction request's version {0} is not supported (only 1)")]
    Version(String),
    #[error("the transaction request has no {0}")]
    Missing(&'static str),
    #[error("the transaction request's {0} appears more than once")]
    Repeated(&'static str),
    #[error("the transaction request has an unknown part '{0}'")]
    Unknown(String),
    #[error("the transaction request's {0} is damaged")]
    Damaged(&'static str),
    #[error("the transaction request's suite cannot confirm a transaction: {0}")]
    Suite(String),
    #[error("the transaction request has {0} details; between 1 and 12 are allowed")]
    DetailCount(usize),
    #[error("a detail of the transaction request is malformed: {0}")]
    Detail(String),
    #[error(
        "the transaction request was changed after it was issued, or was issued for another token"
    )]
    BadMac,
    #[error("the transaction request expired")]
    Expired,
    #[error("the transaction request is dated in the future; check this device's clock")]
    FromTheFuture,
    #[error("the confirmation code could not be computed: {0}")]
    Ocra(#[from] OcraError),
}

impl Request {
    /// Checks what a link's parser and an issuer must both hold to: a suite
    /// that can carry the challenge and the request hash, and details that
    /// render as plain text.
    ///
    /// # Errors
    /// [`TransactionError::Suite`], [`TransactionError::DetailCount`] or
    /// [`TransactionError::Detail`].
    pub fn validate(&self) -> Result<(), TransactionError> {
        check_suite(&self.suite)?;
        if self.lifetime_seconds == 0 || self.lifetime_seconds > MAX_LIFETIME_SECONDS {
            return Err(TransactionError::Damaged("lifetime"));
        }
        if self.details.is_empty() || self.details.len() > MAX_DETAILS {
            return Err(TransactionError::DetailCount(self.details.len()));
        }
        for detail in &self.details {
            check_text(&detail.label, MAX_LABEL_CHARS, "label")?;
            check_text(&detail.value, MAX_VALUE_CHARS, "value")?;
            if detail.label.contains('=') {
                return Err(TransactionError::Detail(
                    "a label may not contain '='".into(),
                ));
            }
        }
        Ok(())
    }

    /// The bytes the MAC covers and the confirmation code hashes: every
    /// field, each length-prefixed, so no two requests share them.
    pub fn transcript(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        let text = |out: &mut Vec<u8>, text: &str| {
            out.extend_from_slice(&(text.len() as u32).to_be_bytes());
            out.extend_from_slice(text.as_bytes());
        };
        out.extend_from_slice(TRANSCRIPT_DOMAIN);
        out.push(0);
        text(&mut out, &self.serial.formatted());
        text(&mut out, &self.suite.to_string());
        out.extend_from_slice(&self.challenge);
        out.extend_from_slice(&self.issued_at.to_be_bytes());
        out.extend_from_slice(&self.lifetime_seconds.to_be_bytes());
        out.extend_from_slice(&(self.details.len() as u32).to_be_bytes());
        for detail in &self.details {
            text(&mut out, &detail.label);
            text(&mut out, &detail.value);
        }
        out
    }

    /// HMAC-SHA256 over the transcript under the token's MAC key.
    pub fn mac(&self, secret: &[u8]) -> [u8; 32] {
        let key = mac_key(secret);
        let tag = Algorithm::Sha256.mac(key.as_slice(), &self.transcript());
        let mut out = [0u8; 32];
        out.copy_from_slice(&tag[..32.min(tag.len())]);
        out
    }

    /// The code that confirms this request: OCRA with the challenge as the
    /// question and SHA-256 of the transcript as the session information
    /// (and the issue time, if the suite has a time step).
    ///
    /// # Errors
    /// [`TransactionError::Ocra`] for an empty secret.
    pub fn confirmation_code(&self, secret: &[u8]) -> Result<String, TransactionError> {
        let question: String = self.challenge.iter().map(|b| format!("{b:02X}")).collect();
        let hash = Sha256::digest(self.transcript());
        let inputs = Inputs {
            question: &question,
            session: Some(&hash),
            unix_seconds: self.suite.time_step.map(|_| self.issued_at),
            ..Inputs::default()
        };
        Ok(self.suite.response(secret, &inputs)?)
    }

    /// The last Unix second at which the request may still be confirmed.
    pub fn expires_at(&self) -> u64 {
        self.issued_at
            .saturating_add(u64::from(self.lifetime_seconds))
    }

    /// The details as one line a person can read before confirming:
    /// "Pay 125.00 EUR to ACME Ltd" when the request has an amount and a
    /// payee (labels `Amount` and `Payee`, any case), else `None`.
    pub fn payment(&self) -> Option<(&str, &str)> {
        let find = |label: &str| {
            self.details
                .iter()
                .find(|d| d.label.eq_ignore_ascii_case(label))
                .map(|d| d.value.as_str())
        };
        Some((find("Amount")?, find("Payee")?))
    }
}

/// A request whose MAC and dates were checked against a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified(Request);

impl Verified {
    pub fn request(&self) -> &Request {
        &self.0
    }
}

/// Checks `request` against the token's `secret` at `now` (Unix seconds):
/// the MAC first, in constant time, then its dates.
///
/// # Errors
/// [`TransactionError::BadMac`], [`TransactionError::Expired`] or
/// [`TransactionError::FromTheFuture`].
pub fn verify_request(
    request: Request,
    mac: &[u8],
    secret: &[u8],
    now: u64,
) -> Result<Verified, TransactionError> {
    if !mac_matches(&request, mac, secret) {
        return Err(TransactionError::BadMac);
    }
    if now > request.expires_at() {
        return Err(TransactionError::Expired);
    }
    if request.issued_at > now.saturating_add(MAX_CLOCK_AHEAD_SECONDS) {
        return Err(TransactionError::FromTheFuture);
    }
    Ok(Verified(request))
}

/// Whether `mac` is the request's MAC under `secret`, compared in constant time.
pub fn mac_matches(request: &Request, mac: &[u8], secret: &[u8]) -> bool {
    constant_time_eq(&request.mac(secret), mac)
}

/// The issuer's check: whether `code` confirms `request` (whose MAC the
/// issuer made, so only the code is compared, in constant time).
///
/// # Errors
/// [`TransactionError::Ocra`] for an empty secret.
pub fn code_confirms(
    request: &Request,
    secret: &[u8],
    code: &str,
) -> Result<bool, TransactionError> {
    let expected = request.confirmation_code(secret)?;
    Ok(constant_time_eq(
        expected.as_bytes(),
        code.trim().as_bytes(),
    ))
}

fn mac_key(secret: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(Algorithm::Sha256.mac(secret, MAC_KEY_DOMAIN))
}

fn check_suite(suite: &Suite) -> Result<(), TransactionError> {
    let refuse = |why: &str| Err(TransactionError::Suite(why.into()));
    if suite.question != QuestionFormat::Hex
        || usize::from(suite.question_length) < CHALLENGE_BYTES * 2
    {
        return refuse(
            "its question must be hexadecimal and hold at least 32 digits (QH32 or more)",
        );
    }
    if suite.session.is_none_or(|n| n < 32) {
        return refuse("it must carry the request's hash as session information (S032 or more)");
    }
    if suite.counter || suite.pin.is_some() {
        return refuse("a counter (C) or PIN (P) is not part of version 1");
    }
    if suite.digits == 0 {
        return refuse("its codes must be truncated to 4 to 10 digits");
    }
    Ok(())
}

fn check_text(text: &str, max_chars: usize, what: &str) -> Result<(), TransactionError> {
    let count = text.chars().count();
    if text.trim().is_empty() {
        return Err(TransactionError::Detail(format!("a {what} is empty")));
    }
    if count > max_chars {
        return Err(TransactionError::Detail(format!(
            "a {what} is longer than {max_chars} characters"
        )));
    }
    // Control characters and the bidirectional embedding and isolate
    // marks would let one value reorder how the others read.
    let reorders = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
    if text.chars().any(|c| c.is_control() || reorders(c)) {
        return Err(TransactionError::Detail(format!(
            "a {what} holds control or text-direction characters"
        )));
    }
    Ok(())
}
