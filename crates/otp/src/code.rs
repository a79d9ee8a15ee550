//! HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes.
//!
//! A [`Token`] is valid by construction: 4 to 10 digits, a period of 1 s or
//! more, a non-empty secret. The time is always an argument (Unix seconds),
//! never read here.

use crate::Secret;
use hmac::{Mac, SimpleHmac};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Algorithm {
    Sha1,
    Sha256,
    Sha512,
}

impl Algorithm {
    /// The name otpauth links and Aegis use: `SHA1`, `SHA256`, `SHA512`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }

    /// Reads a name in any case, with or without a dash (`sha-256`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().replace('-', "").as_str() {
            "SHA1" => Some(Self::Sha1),
            "SHA256" => Some(Self::Sha256),
            "SHA512" => Some(Self::Sha512),
            _ => None,
        }
    }

    pub(crate) fn mac(self, key: &[u8], message: &[u8]) -> Vec<u8> {
        fn run<D>(key: &[u8], message: &[u8]) -> Vec<u8>
        where
            D: hmac::digest::Digest + hmac::digest::core_api::BlockSizeUser,
        {
            // SimpleHmac accepts keys of any length; new_from_slice cannot fail.
            match SimpleHmac::<D>::new_from_slice(key) {
                Ok(mut mac) => {
                    mac.update(message);
                    mac.finalize().into_bytes().to_vec()
                }
                Err(_) => Vec::new(),
            }
        }
        match self {
            Self::Sha1 => run::<sha1::Sha1>(key, message),
            Self::Sha256 => run::<sha2::Sha256>(key, message),
            Self::Sha512 => run::<sha2::Sha512>(key, message),
        }
    }
}

/// How the moving factor is found. Serialized as `{"type": "totp", ...}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Kind {
    /// Time-based: counter = floor((time - t0) / period).
    Totp {
        period: u32,
        #[serde(default)]
        t0: u64,
    },
    /// Counter-based; `counter` is the next counter to use.
    Hotp { counter: u64 },
    /// Steam Guard: TOTP (SHA1, 30 s) shown as 5 characters.
    Steam,
    /// OCRA challenge-response (RFC 6287): no code of its own, an answer
    /// to each challenge ([`Token::answer`]). `counter` is the next
    /// counter, for suites with C.
    Ocra {
        suite: crate::ocra::SuiteText,
        #[serde(default)]
        counter: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeError {
    #[error("a code has 4 to 10 digits, not {0}")]
    Digits(u8),
    #[error("the period must be at least 1 second")]
    Period,
    #[error("the secret is empty")]
    EmptySecret,
    #[error("the time is before the token's start time (T0)")]
    BeforeStart,
    #[error("this token answers challenges; it has no code of its own")]
    ChallengeResponse,
}

const STEAM_ALPHABET: &[u8; 26] = b"23456789BCDFGHJKMNPQRTVWXY";
pub const STEAM_DIGITS: u8 = 5;

/// A token's secret and parameters: all that is needed to compute its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    secret: Secret,
    algorithm: Algorithm,
    digits: u8,
    kind: Kind,
}

impl Token {
    /// # Errors
    /// When the digits, period or secret are out of range. Steam tokens
    /// always use SHA1 and 5 characters; the `algorithm` and `digits` given
    /// for them are ignored.
    pub fn new(
        secret: Secret,
        algorithm: Algorithm,
        digits: u8,
        kind: Kind,
    ) -> Result<Self, CodeError> {
        if secret.is_empty() {
            return Err(CodeError::EmptySecret);
        }
        let (algorithm, digits) = match kind {
            Kind::Steam => (Algorithm::Sha1, STEAM_DIGITS),
            // The suite names the hash and digits; the stored ones repeat
            // them, and an answer parses the suite and uses its own.
            Kind::Ocra { .. } if digits <= 10 => (algorithm, digits),
            Kind::Ocra { .. } => return Err(CodeError::Digits(digits)),
            Kind::Totp { period: 0, .. } => return Err(CodeError::Period),
            _ if !(4..=10).contains(&digits) => return Err(CodeError::Digits(digits)),
            _ => (algorithm, digits),
        };
        Ok(Self {
            secret,
            algorithm,
            digits,
            kind,
        })
    }

    /// A challenge-response token for `suite`, with its hash and digits.
    ///
    /// # Errors
    /// [`CodeError::EmptySecret`].
    pub fn ocra(
        secret: Secret,
        suite: &crate::ocra::Suite,
        counter: u64,
    ) -> Result<Self, CodeError> {
        let kind = Kind::Ocra {
            suite: crate::ocra::SuiteText::new(suite),
            counter,
        };
        Self::new(secret, suite.hash, suite.digits, kind)
    }

    /// A TOTP token with the usual T0 = 0.
    ///
    /// # Errors
    /// As [`Token::new`].
    pub fn totp(
        secret: Secret,
        algorithm: Algorithm,
        digits: u8,
        period: u32,
    ) -> Result<Self, CodeError> {
        Self::new(secret, algorithm, digits, Kind::Totp { period, t0: 0 })
    }

    pub fn secret(&self) -> &Secret {
        &self.secret
    }
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
    pub fn digits(&self) -> u8 {
        self.digits
    }
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The period in seconds for time-based tokens (Steam: 30).
    pub fn period(&self) -> Option<u32> {
        match self.kind {
            Kind::Totp { period, .. } => Some(period),
            Kind::Steam => Some(30),
            Kind::Hotp { .. } | Kind::Ocra { .. } => None,
        }
    }

    /// The counter a time-based token uses at `unix_seconds`; for HOTP, its
    /// stored counter.
    ///
    /// # Errors
    /// [`CodeError::BeforeStart`] when the time is before T0.
    pub fn counter_at(&self, unix_seconds: u64) -> Result<u64, CodeError> {
        match self.kind {
            Kind::Totp { period, t0 } => unix_seconds
                .checked_sub(t0)
                .map(|elapsed| elapsed / u64::from(period))
                .ok_or(CodeError::BeforeStart),
            Kind::Steam => Ok(unix_seconds / 30),
            Kind::Hotp { counter } => Ok(counter),
            Kind::Ocra { .. } => Err(CodeError::ChallengeResponse),
        }
    }

    /// When a time-based code changes: (period in seconds, T0); None for
    /// HOTP. Tokens with the same schedule change codes at the same moments.
    pub fn schedule(&self) -> Option<(u32, u64)> {
        match self.kind {
            Kind::Totp { period, t0 } => Some((period, t0)),
            Kind::Steam => Some((30, 0)),
            Kind::Hotp { .. } | Kind::Ocra { .. } => None,
        }
    }

    /// Seconds until the code shown at `unix_seconds` changes (time-based only).
    pub fn seconds_left(&self, unix_seconds: u64) -> Option<u32> {
        let (period, t0) = self.schedule()?;
        let elapsed = unix_seconds.saturating_sub(t0) % u64::from(period);
        Some(period - elapsed as u32)
    }

    /// The code at `unix_seconds` (ignored for HOTP, which uses its counter).
    ///
    /// # Errors
    /// [`CodeError::BeforeStart`] when the time is before T0.
    pub fn code_at(&self, unix_seconds: u64) -> Result<String, CodeError> {
        Ok(self.code_for_counter(self.counter_at(unix_seconds)?))
    }

    /// The code for an explicit counter value (HOTP, TOTP, Steam; an OCRA
    /// token answers challenges instead, see [`Token::answer`]).
    pub fn code_for_counter(&self, counter: u64) -> String {
        let value = self.truncated(counter);
        match self.kind {
            Kind::Steam => {
                let mut rest = value;
                (0..STEAM_DIGITS)
                    .map(|_| {
                        let character = char::from(STEAM_ALPHABET[(rest % 26) as usize]);
                        rest /= 26;
                        character
                    })
                    .collect()
            }
            _ => {
                let modulus = 10u64.pow(u32::from(self.digits));
                format!(
                    "{:0width$}",
                    u64::from(value) % modulus,
                    width = usize::from(self.digits)
                )
            }
        }
    }

    /// RFC 4226 dynamic truncation: 31 bits of the HMAC of the counter.
    fn truncated(&self, counter: u64) -> u32 {
        let mac = self
            .algorithm
            .mac(self.secret.expose(), &counter.to_be_bytes());
        let Some(&last) = mac.last() else { return 0 };
        let offset = usize::from(last & 0x0f);
        let word = [
            mac[offset],
            mac[offset + 1],
            mac[offset + 2],
            mac[offset + 3],
        ];
        u32::from_be_bytes(word) & 0x7fff_ffff
    }

    /// The same token with its HOTP counter moved on by one.
    pub fn next_counter(&self) -> Self {
        let mut next = self.clone();
        if let Kind::Hotp { counter } | Kind::Ocra { counter, .. } = &mut next.kind {
            *counter = counter.saturating_add(1);
        }
        next
    }

    /// An OCRA token's response to `question`, with its stored counter (for
    /// suites with C), `pin` (for suites with P) and the time (for suites
    /// with T). Suites with session information (S) need an issuer's
    /// session and are answered through [`crate::ocra::Suite::response`].
    ///
    /// # Errors
    /// [`crate::ocra::OcraError`] for a token that is not OCRA
    /// ([`crate::ocra::OcraError::NotChallengeResponse`]), a missing PIN, or a
    /// malformed challenge.
    pub fn answer(
        &self,
        question: &str,
        pin: Option<&str>,
        unix_seconds: u64,
    ) -> Result<String, crate::ocra::OcraError> {
        let Kind::Ocra { suite, counter } = self.kind else {
            return Err(crate::ocra::OcraError::NotChallengeResponse);
        };
        let suite = suite
            .parse()
            .map_err(|_| crate::ocra::OcraError::StoredSuite)?;
        let inputs = crate::ocra::Inputs {
            counter: suite.counter.then_some(counter),
            question,
            pin: suite.pin.and(pin).map(crate::ocra::PinInput::Pin),
            session: None,
            unix_seconds: suite.time_step.map(|_| unix_seconds),
        };
        suite.response(self.secret.expose(), &inputs)
    }
}

/// Checks `code` against the steps `-window..=window` around the one at
/// `unix_seconds` (around the stored counter for HOTP) and returns the
/// offset that matched. Every candidate is compared in constant time.
pub fn verify(token: &Token, code: &str, unix_seconds: u64, window: u32) -> Option<i64> {
    let center = token.counter_at(unix_seconds).ok()?;
    let wanted = code.trim().replace([' ', '-'], "").to_ascii_uppercase();
    // Nearest steps first, so a code valid at 0 reports 0, then -1, 1, ...
    let offsets = (0..=i64::from(window)).flat_map(|step| {
        if step == 0 {
            vec![0]
        } else {
            vec![-step, step]
        }
    });
    let mut found = None;
    for offset in offsets {
        let Some(counter) = center.checked_add_signed(offset) else {
            continue;
        };
        let candidate = token.code_for_counter(counter);
        if constant_time_eq(candidate.as_bytes(), wanted.as_bytes()) && found.is_none() {
            found = Some(offset);
        }
    }
    found
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
