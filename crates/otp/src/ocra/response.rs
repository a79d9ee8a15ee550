//! Computing and checking OCRA responses (RFC 6287 §5 and §7).
//!
//! The data input is built exactly as §5.1 says: the suite string, a zero
//! byte, then the fields the suite names, each at its fixed length:
//! C (8 bytes), Q (128), P (the PIN hash's length), S (`nnn`), T (8).
//! An input the suite needs but was not given, or was given but the suite
//! does not use, is an error: silently dropping either would give a code
//! the issuer rejects, with no hint why.

use super::{QuestionFormat, Suite};
use crate::Algorithm;
use crate::code::constant_time_eq;
use sha2::Digest;
use thiserror::Error;
use zeroize::Zeroizing;

/// The question field's fixed length in the data input.
const QUESTION_BYTES: usize = 128;

/// A PIN as the person types it, or its hash as an issuer stores it.
#[derive(Clone, Copy)]
pub enum PinInput<'a> {
    Pin(&'a str),
    Hash(&'a [u8]),
}

impl std::fmt::Debug for PinInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinInput(redacted)")
    }
}

/// The values a response is computed over; which are needed depends on the suite.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub counter: Option<u64>,
    pub question: &'a str,
    pub pin: Option<PinInput<'a>>,
    pub session: Option<&'a [u8]>,
    /// Unix seconds; the suite's time step divides it.
    pub unix_seconds: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OcraError {
    #[error("the challenge is empty")]
    EmptyQuestion,
    #[error("the challenge must have at least 4 characters")]
    ShortQuestion,
    #[error("the challenge may hold only {0}")]
    QuestionCharacters(&'static str),
    #[error("the challenge is too long: it must fit in 128 bytes")]
    LongQuestion,
    #[error("this suite uses a counter (C), and none was given")]
    MissingCounter,
    #[error("this suite has no counter (C), so none may be given")]
    UnusedCounter,
    #[error("this suite asks for a PIN (P), and none was given")]
    MissingPin,
    #[error("this suite has no PIN (P), so none may be given")]
    UnusedPin,
    #[error("the PIN hash must be {expected} bytes for this suite, not {given}")]
    PinHashLength { expected: usize, given: usize },
    #[error("this suite asks for session information (S), and none was given")]
    MissingSession,
    #[error("this suite has no session information (S), so none may be given")]
    UnusedSession,
    #[error("the session information is {given} bytes, more than the suite's {allowed}")]
    LongSession { allowed: u16, given: usize },
    #[error("this suite is time-based (T), and no time was given")]
    MissingTime,
    #[error("this suite has no time step (T), so no time may be given")]
    UnusedTime,
    #[error("the key is empty")]
    EmptyKey,
    #[error("this token has codes of its own; it does not answer challenges")]
    NotChallengeResponse,
    #[error("this token's stored suite is damaged; add it again from its issuer's link")]
    StoredSuite,
}

impl Suite {
    /// The response to `inputs` under `key`: the suite's digits, or for a
    /// suite with truncation 0, the whole HMAC in lower-case hex.
    ///
    /// # Errors
    /// An [`OcraError`] naming the input that is missing, unused or malformed.
    pub fn response(&self, key: &[u8], inputs: &Inputs<'_>) -> Result<String, OcraError> {
        if key.is_empty() {
            return Err(OcraError::EmptyKey);
        }
        let message = self.data_input(inputs)?;
        let mac = Zeroizing::new(self.hash.mac(key, &message));
        Ok(truncate(&mac, self.digits))
    }

    /// Whether `response` answers `inputs`; with `window`, also the
    /// counters `counter + 1 ..= counter + window` (the issuer's look-ahead,
    /// §7.1) or the time steps `-window ..= window` around the given time.
    /// Returns the counter or step offset that matched. Every candidate is
    /// compared in constant time.
    ///
    /// # Errors
    /// As [`Suite::response`].
    pub fn verify(
        &self,
        key: &[u8],
        inputs: &Inputs<'_>,
        response: &str,
        window: u32,
    ) -> Result<Option<i64>, OcraError> {
        let wanted = response.trim();
        let mut found = None;
        let offsets: Vec<i64> = if self.counter {
            (0..=i64::from(window)).collect()
        } else if self.time_step.is_some() {
            let w = i64::from(window);
            (0..=w)
                .flat_map(|s| if s == 0 { vec![0] } else { vec![-s, s] })
                .collect()
        } else {
            vec![0]
        };
        for offset in offsets {
            let mut candidate = *inputs;
            if self.counter {
                candidate.counter = inputs.counter.and_then(|c| c.checked_add_signed(offset));
            } else if let (Some(step), Some(time)) = (self.time_step, inputs.unix_seconds) {
                let shift = offset.saturating_mul(step.seconds() as i64);
                candidate.unix_seconds = time.checked_add_signed(shift);
            }
            if candidate.counter.is_none() && inputs.counter.is_some() {
                continue;
            }
            if candidate.unix_seconds.is_none() && inputs.unix_seconds.is_some() {
                continue;
            }
            let code = self.response(key, &candidate)?;
            if constant_time_eq(code.as_bytes(), wanted.as_bytes()) && found.is_none() {
                found = Some(offset);
            }
        }
        Ok(found)
    }

    /// The message the HMAC is computed over (RFC 6287 §5.1).
    fn data_input(&self, inputs: &Inputs<'_>) -> Result<Zeroizing<Vec<u8>>, OcraError> {
        let suite = self.to_string();
        let mut message = Zeroizing::new(Vec::with_capacity(suite.len() + 1 + 8 + 128 + 64 + 8));
        message.extend_from_slice(suite.as_bytes());
        message.push(0);
        match (self.counter, inputs.counter) {
            (true, Some(counter)) => message.extend_from_slice(&counter.to_be_bytes()),
            (true, None) => return Err(OcraError::MissingCounter),
            (false, Some(_)) => return Err(OcraError::UnusedCounter),
            (false, None) => {}
        }
        message.extend_from_slice(&question_field(self.question, inputs.question)?);
        match (self.pin, inputs.pin) {
            (Some(hash), Some(pin)) => message.extend_from_slice(&pin_hash(hash, pin)?),
            (Some(_), None) => return Err(OcraError::MissingPin),
            (None, Some(_)) => return Err(OcraError::UnusedPin),
            (None, None) => {}
        }
        match (self.session, inputs.session) {
            (Some(allowed), Some(session)) => {
                if session.len() > usize::from(allowed) {
                    return Err(OcraError::LongSession {
                        allowed,
                        given: session.len(),
                    });
                }
                // Left-aligned and zero-filled, as the RFC's reference code places it.
                let start = message.len();
                message.resize(start + usize::from(allowed), 0);
                message[start..start + session.len()].copy_from_slice(session);
            }
            (Some(_), None) => return Err(OcraError::MissingSession),
            (None, Some(_)) => return Err(OcraError::UnusedSession),
            (None, None) => {}
        }
        match (self.time_step, inputs.unix_seconds) {
            (Some(step), Some(time)) => {
                message.extend_from_slice(&(time / step.seconds()).to_be_bytes());
            }
            (Some(_), None) => return Err(OcraError::MissingTime),
            (None, Some(_)) => return Err(OcraError::UnusedTime),
            (None, None) => {}
        }
        Ok(message)
    }
}

/// The 128-byte question field: the question's hex digits (its bytes for
/// `A`), left-aligned and zero-filled (§5.1; the reference code pads the
/// hex string on the right, so an odd digit count fills a high nibble).
fn question_field(format: QuestionFormat, question: &str) -> Result<Vec<u8>, OcraError> {
    let question = question.trim();
    if question.is_empty() {
        return Err(OcraError::EmptyQuestion);
    }
    if question.chars().count() < 4 {
        return Err(OcraError::ShortQuestion);
    }
    let nibbles: Vec<u8> = match format {
        QuestionFormat::Alphanumeric => {
            if !question.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(OcraError::QuestionCharacters("letters and digits"));
            }
            question.bytes().flat_map(|b| [b >> 4, b & 0x0f]).collect()
        }
        QuestionFormat::Hex => question
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()
            .ok_or(OcraError::QuestionCharacters(
                "hexadecimal digits (0-9, A-F)",
            ))?,
        QuestionFormat::Numeric => {
            if !question.bytes().all(|b| b.is_ascii_digit()) {
                return Err(OcraError::QuestionCharacters("digits"));
            }
            decimal_to_hex_digits(question)
        }
    };
    if nibbles.len() > QUESTION_BYTES * 2 {
        return Err(OcraError::LongQuestion);
    }
    let mut field = vec![0u8; QUESTION_BYTES];
    for (index, nibble) in nibbles.iter().enumerate() {
        let shift = if index % 2 == 0 { 4 } else { 0 };
        field[index / 2] |= nibble << shift;
    }
    Ok(field)
}

/// The hexadecimal digits of a decimal number of any length, without
/// leading zeros ("0" for zero), as Java's `BigInteger.toString(16)`.
fn decimal_to_hex_digits(decimal: &str) -> Vec<u8> {
    // Little-endian base-16 digits, multiplied by ten and added to per decimal digit.
    let mut digits: Vec<u8> = vec![0];
    for d in decimal.bytes().map(|b| b - b'0') {
        let mut carry = u16::from(d);
        for digit in &mut digits {
            let value = u16::from(*digit) * 10 + carry;
            *digit = (value & 0x0f) as u8;
            carry = value >> 4;
        }
        while carry > 0 {
            digits.push((carry & 0x0f) as u8);
            carry >>= 4;
        }
    }
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    digits.reverse();
    digits
}

fn pin_hash(hash: Algorithm, pin: PinInput<'_>) -> Result<Zeroizing<Vec<u8>>, OcraError> {
    let expected = match hash {
        Algorithm::Sha1 => 20,
        Algorithm::Sha256 => 32,
        Algorithm::Sha512 => 64,
    };
    let digest = match pin {
        PinInput::Hash(bytes) => bytes.to_vec(),
        PinInput::Pin(text) => match hash {
            Algorithm::Sha1 => sha1::Sha1::digest(text.as_bytes()).to_vec(),
            Algorithm::Sha256 => sha2::Sha256::digest(text.as_bytes()).to_vec(),
            Algorithm::Sha512 => sha2::Sha512::digest(text.as_bytes()).to_vec(),
        },
    };
    if digest.len() != expected {
        return Err(OcraError::PinHashLength {
            expected,
            given: digest.len(),
        });
    }
    Ok(Zeroizing::new(digest))
}

/// RFC 4226 dynamic truncation to `digits`, or the whole MAC in hex for 0.
fn truncate(mac: &[u8], digits: u8) -> String {
    if digits == 0 {
        return mac.iter().map(|b| format!("{b:02x}")).collect();
    }
    let Some(&last) = mac.last() else {
        return String::new();
    };
    let offset = usize::from(last & 0x0f);
    let word = u32::from_be_bytes([
        mac[offset],
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ]);
    let value = u64::from(word & 0x7fff_ffff) % 10u64.pow(u32::from(digits));
    format!("{value:0width$}", width = usize::from(digits))
}
