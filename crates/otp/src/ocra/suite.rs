//! OCRA suite strings (RFC 6287 §6): `OCRA-1:HOTP-SHA1-6:C-QN08-PSHA1`.
//!
//! Only the canonical spelling is read, because the suite string itself is
//! hashed into every response: a suite written another way (lower case,
//! `T01M`) is a different string, and would give other codes than the
//! issuer's. [`Suite`]'s `Display` gives back exactly the text it read.

use crate::Algorithm;
use thiserror::Error;

/// Which characters a challenge question holds (the `F` of `QFxx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionFormat {
    /// `A`: letters and digits, hashed as their ASCII bytes.
    Alphanumeric,
    /// `N`: a decimal number, hashed as its hexadecimal digits.
    Numeric,
    /// `H`: hexadecimal digits.
    Hex,
}

impl QuestionFormat {
    fn letter(self) -> char {
        match self {
            Self::Alphanumeric => 'A',
            Self::Numeric => 'N',
            Self::Hex => 'H',
        }
    }
}

/// The time step of a suite's `T` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeStep {
    /// `T1S`..`T59S`
    Seconds(u8),
    /// `T1M`..`T59M`
    Minutes(u8),
    /// `T1H`..`T48H`
    Hours(u8),
}

impl TimeStep {
    pub fn seconds(self) -> u64 {
        match self {
            Self::Seconds(n) => u64::from(n),
            Self::Minutes(n) => u64::from(n) * 60,
            Self::Hours(n) => u64::from(n) * 3600,
        }
    }
}

/// A parsed OCRA suite: the crypto function and which inputs the data
/// input holds, in the RFC's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Suite {
    pub hash: Algorithm,
    /// 0 (the whole HMAC, no truncation) or 4 to 10.
    pub digits: u8,
    pub counter: bool,
    pub question: QuestionFormat,
    /// The `xx` of `QFxx`, 4 to 64: the length of one party's challenge.
    pub question_length: u8,
    /// The hash of the PIN, for `PSHA1`, `PSHA256`, `PSHA512`.
    pub pin: Option<Algorithm>,
    /// The `nnn` of `Snnn`: the session information's length in bytes.
    pub session: Option<u16>,
    pub time_step: Option<TimeStep>,
}

/// What is wrong with a suite string, naming the part.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SuiteError {
    #[error("an OCRA suite has three parts separated by ':', like OCRA-1:HOTP-SHA1-6:QN08")]
    Shape,
    #[error("the suite's version is '{0}', and only OCRA-1 exists")]
    Version(String),
    #[error(
        "the suite's crypto function '{0}' is not HOTP-SHA1, HOTP-SHA256 or HOTP-SHA512 followed by -digits"
    )]
    CryptoFunction(String),
    #[error("the suite's truncation '{0}' is not 0 or 4 to 10 digits")]
    Digits(String),
    #[error("the suite's data input has no challenge question (QA, QN or QH with a length)")]
    NoQuestion,
    #[error(
        "the suite's challenge question '{0}' is not QA, QN or QH followed by a length of 04 to 64"
    )]
    Question(String),
    #[error("the suite's counter C must come first in the data input")]
    CounterPosition,
    #[error("the suite's PIN field '{0}' is not PSHA1, PSHA256 or PSHA512")]
    Pin(String),
    #[error("the suite's session field '{0}' is not S followed by a length of 001 to 999 bytes")]
    Session(String),
    #[error("the suite's time step '{0}' is not T with 1-59S, 1-59M or 1-48H")]
    TimeStep(String),
    #[error(
        "the suite's data input field '{0}' is unknown, repeated or out of order (C, Q, P, S, T)"
    )]
    Field(String),
}

impl std::str::FromStr for Suite {
    type Err = SuiteError;

    fn from_str(text: &str) -> Result<Self, SuiteError> {
        Self::parse(text)
    }
}

impl Suite {
    /// Reads a suite string.
    ///
    /// # Errors
    /// A [`SuiteError`] naming the part that is wrong.
    pub fn parse(text: &str) -> Result<Self, SuiteError> {
        let mut parts = text.split(':');
        let (Some(version), Some(function), Some(data), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(SuiteError::Shape);
        };
        if version != "OCRA-1" {
            return Err(SuiteError::Version(version.into()));
        }
        let (hash, digits) = crypto_function(function)?;
        let mut suite = Self {
            hash,
            digits,
            counter: false,
            question: QuestionFormat::Numeric,
            question_length: 0,
            pin: None,
            session: None,
            time_step: None,
        };
        // Each field has a rank; ranks must rise, so order and repeats are checked at once.
        let mut last_rank = 0;
        for field in data.split('-') {
            let rank = match field.chars().next() {
                Some('C') if field == "C" => {
                    if last_rank != 0 {
                        return Err(SuiteError::CounterPosition);
                    }
                    suite.counter = true;
                    1
                }
                Some('Q') => {
                    (suite.question, suite.question_length) = question(field)?;
                    2
                }
                Some('P') => {
                    suite.pin = Some(pin(field)?);
                    3
                }
                Some('S') => {
                    suite.session = Some(session(field)?);
                    4
                }
                Some('T') => {
                    suite.time_step = Some(time_step(field)?);
                    5
                }
                _ => return Err(SuiteError::Field(field.into())),
            };
            // Q is second and mandatory: P, S and T after a missing Q are out of order.
            if rank <= last_rank || (rank > 2 && last_rank < 2) {
                return Err(SuiteError::Field(field.into()));
            }
            last_rank = rank;
        }
        if suite.question_length == 0 {
            return Err(SuiteError::NoQuestion);
        }
        Ok(suite)
    }
}

fn crypto_function(text: &str) -> Result<(Algorithm, u8), SuiteError> {
    let wrong = || SuiteError::CryptoFunction(text.into());
    let rest = text.strip_prefix("HOTP-").ok_or_else(wrong)?;
    let (name, digits) = rest.rsplit_once('-').ok_or_else(wrong)?;
    let hash = match name {
        "SHA1" => Algorithm::Sha1,
        "SHA256" => Algorithm::Sha256,
        "SHA512" => Algorithm::Sha512,
        _ => return Err(wrong()),
    };
    let digits = canonical_number(digits)
        .filter(|d| *d == 0 || (4..=10).contains(d))
        .ok_or_else(|| SuiteError::Digits(digits.into()))?;
    Ok((hash, digits as u8))
}

fn question(field: &str) -> Result<(QuestionFormat, u8), SuiteError> {
    let wrong = || SuiteError::Question(field.into());
    let mut chars = field.chars().skip(1);
    let format = match chars.next() {
        Some('A') => QuestionFormat::Alphanumeric,
        Some('N') => QuestionFormat::Numeric,
        Some('H') => QuestionFormat::Hex,
        _ => return Err(wrong()),
    };
    let length = field.get(2..).ok_or_else(wrong)?;
    if length.len() != 2 || !length.bytes().all(|b| b.is_ascii_digit()) {
        return Err(wrong());
    }
    let length: u8 = length.parse().map_err(|_| wrong())?;
    if !(4..=64).contains(&length) {
        return Err(wrong());
    }
    Ok((format, length))
}

fn pin(field: &str) -> Result<Algorithm, SuiteError> {
    match field {
        "PSHA1" => Ok(Algorithm::Sha1),
        "PSHA256" => Ok(Algorithm::Sha256),
        "PSHA512" => Ok(Algorithm::Sha512),
        _ => Err(SuiteError::Pin(field.into())),
    }
}

fn session(field: &str) -> Result<u16, SuiteError> {
    let wrong = || SuiteError::Session(field.into());
    let length = field.get(1..).ok_or_else(wrong)?;
    if length.len() != 3 || !length.bytes().all(|b| b.is_ascii_digit()) {
        return Err(wrong());
    }
    length.parse().ok().filter(|n| *n > 0).ok_or_else(wrong)
}

fn time_step(field: &str) -> Result<TimeStep, SuiteError> {
    let wrong = || SuiteError::TimeStep(field.into());
    let body = field.get(1..).ok_or_else(wrong)?;
    let (number, unit) = body
        .split_at_checked(body.len().saturating_sub(1))
        .ok_or_else(wrong)?;
    let n = canonical_number(number).ok_or_else(wrong)?;
    let n = u8::try_from(n).map_err(|_| wrong())?;
    match unit {
        "S" if (1..=59).contains(&n) => Ok(TimeStep::Seconds(n)),
        "M" if (1..=59).contains(&n) => Ok(TimeStep::Minutes(n)),
        "H" if (1..=48).contains(&n) => Ok(TimeStep::Hours(n)),
        _ => Err(wrong()),
    }
}

/// A decimal number written without leading zeros (one or two digits).
fn canonical_number(text: &str) -> Option<u32> {
    let canonical = !text.is_empty()
        && text.len() <= 2
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

impl std::fmt::Display for Suite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OCRA-1:HOTP-{}-{}:", self.hash.name(), self.digits)?;
        if self.counter {
            f.write_str("C-")?;
        }
        write!(f, "Q{}{:02}", self.question.letter(), self.question_length)?;
        if let Some(pin) = self.pin {
            write!(f, "-P{}", pin.name())?;
        }
        if let Some(session) = self.session {
            write!(f, "-S{session:03}")?;
        }
        match self.time_step {
            Some(TimeStep::Seconds(n)) => write!(f, "-T{n}S"),
            Some(TimeStep::Minutes(n)) => write!(f, "-T{n}M"),
            Some(TimeStep::Hours(n)) => write!(f, "-T{n}H"),
            None => Ok(()),
        }
    }
}

/// The longest suite string kept ([`SuiteText`]); RFC 6287's longest
/// canonical suite is 45 characters.
pub const MAX_SUITE_LEN: usize = 64;

/// A suite as stored: its text, parsed only where it is used. The vault's
/// document is read at unlock, in the app's start chunk; keeping the
/// parser (and its error sentences) out of that path keeps them out of
/// every cold start. Made from a parsed [`Suite`], so it holds a valid
/// suite unless stored text was changed, which [`SuiteText::parse`] reports.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SuiteText {
    bytes: [u8; MAX_SUITE_LEN],
    len: u8,
}

impl SuiteText {
    pub fn new(suite: &Suite) -> Self {
        let text = suite.to_string();
        let mut bytes = [0u8; MAX_SUITE_LEN];
        let len = text.len().min(MAX_SUITE_LEN);
        bytes[..len].copy_from_slice(&text.as_bytes()[..len]);
        Self {
            bytes,
            len: len as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// # Errors
    /// A [`SuiteError`] when the stored text is not a suite.
    pub fn parse(&self) -> Result<Suite, SuiteError> {
        Suite::parse(self.as_str())
    }
}

impl std::fmt::Display for SuiteText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for SuiteText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SuiteText({})", self.as_str())
    }
}

/// As its suite string, in JSON and every stored form.
impl serde::Serialize for SuiteText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for SuiteText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SuiteText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an OCRA suite")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<SuiteText, E> {
                // Only its size and alphabet are checked here; it is parsed where used.
                if text.len() > MAX_SUITE_LEN || !text.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err(E::custom("not an OCRA suite"));
                }
                let mut bytes = [0u8; MAX_SUITE_LEN];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                Ok(SuiteText {
                    bytes,
                    len: text.len() as u8,
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
