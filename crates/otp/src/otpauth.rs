//! `otpauth://` links (Google Authenticator's Key URI Format), both ways.
//!
//! `otpauth://TYPE/LABEL?secret=...&issuer=...&algorithm=...&digits=...&period=...&counter=...`
//! - TYPE is `totp`, `hotp`, `steam` (Steam is also read from
//!   `totp` with `encoder=steam`) or `ocra`, whose `suite` parameter (an
//!   RFC 6287 suite, docs/ocra.md) names the hash and digits, with an
//!   optional `counter` (default 0) for suites with C.
//! - LABEL is `Issuer:Account` or `Account`, percent-encoded. The split is at
//!   the first literal `:` (or, when there is none, an encoded `%3A`); spaces
//!   after it are dropped. The `issuer` parameter wins over the label's.
//! - Unknown parameters are ignored; a bad value names its parameter.
//! - Query values are form-encoded: `+` is a space (`%2B` a plus), as
//!   Google Authenticator, Aegis and pyotp read them. The label is a path
//!   segment, where `+` stays a plus.
//! - A link without a label (`otpauth://totp?secret=…`) is refused with
//!   [`OtpAuthError::MissingLabel`]: every list of tokens shows a token by
//!   its label, and one without a name could not be told from the others
//!   (pyotp accepts it with an empty name; Google Authenticator refuses it).
//!
//! Emitting writes the issuer both in the label and as a parameter, encodes
//! `:` inside names as `%3A`, and starts the label with `:` when there is no
//! issuer but the account holds a colon, so that parsing gives it back.

use crate::{Algorithm, Kind, Token, base32};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use thiserror::Error;

/// A parsed link: the token and how it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpAuth {
    pub issuer: Option<String>,
    pub account: String,
    pub token: Token,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OtpAuthError {
    #[error("this is not an otpauth:// link")]
    NotOtpAuth,
    #[error(
        "the link has no label (the account name after the type, as in otpauth://totp/Example:alice?secret=…)"
    )]
    MissingLabel,
    #[error("the link's type '{0}' is not totp, hotp, steam or ocra")]
    UnknownType(String),
    #[error("the link has no secret parameter")]
    MissingSecret,
    #[error("an hotp link needs a counter parameter")]
    MissingCounter,
    #[error("an ocra link needs a suite parameter")]
    MissingSuite,
    #[error("the link's {name} parameter is wrong: {reason}")]
    InvalidParameter { name: &'static str, reason: String },
    #[error("the link's {0} parameter appears more than once")]
    DuplicateParameter(&'static str),
    #[error("the link's label is not valid UTF-8 text once decoded")]
    BadLabel,
}

/// Characters left as they are: RFC 3986's unreserved set.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn decode_text(raw: &str) -> Option<String> {
    percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|text| text.into_owned())
}

fn invalid(name: &'static str, reason: impl Into<String>) -> OtpAuthError {
    OtpAuthError::InvalidParameter {
        name,
        reason: reason.into(),
    }
}

/// Parses an `otpauth://` link.
///
/// # Errors
/// An [`OtpAuthError`] that says which part is wrong and why.
pub fn parse(link: &str) -> Result<OtpAuth, OtpAuthError> {
    let link = link.trim();
    let rest = strip_prefix_ignore_case(link, "otpauth://").ok_or(OtpAuthError::NotOtpAuth)?;
    // `otpauth://totp?secret=…` has no label: the query starts in the type.
    if rest
        .split('/')
        .next()
        .is_some_and(|kind| kind.contains('?'))
    {
        return Err(OtpAuthError::MissingLabel);
    }
    let (kind_name, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let (raw_label, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = query.split('#').next().unwrap_or_default();

    let mut params = Params::default();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        // Query values are form-encoded, as Google Authenticator, Aegis and
        // pyotp read them: `issuer=Air+Canada` is "Air Canada" (a plus is %2B).
        let value = decode_text(&value.replace('+', " "));
        let slot = match key.to_ascii_lowercase().as_str() {
            "secret" => (&mut params.secret, "secret"),
            "issuer" => (&mut params.issuer, "issuer"),
            "algorithm" => (&mut params.algorithm, "algorithm"),
            "digits" => (&mut params.digits, "digits"),
            "period" => (&mut params.period, "period"),
            "counter" => (&mut params.counter, "counter"),
            "encoder" => (&mut params.encoder, "encoder"),
            "suite" => (&mut params.suite, "suite"),
            _ => continue,
        };
        let (field, name) = slot;
        if field.is_some() {
            return Err(OtpAuthError::DuplicateParameter(name));
        }
        *field = Some(value.ok_or_else(|| invalid(name, "it is not valid UTF-8 once decoded"))?);
    }

    let (label_issuer, account) = split_label(raw_label)?;
    let issuer = params
        .issuer
        .clone()
        .filter(|i| !i.is_empty())
        .or(label_issuer);

    let secret_text = params
        .secret
        .as_deref()
        .ok_or(OtpAuthError::MissingSecret)?;
    let secret =
        base32::decode(secret_text).map_err(|error| invalid("secret", error.to_string()))?;

    let algorithm = match params.algorithm.as_deref() {
        None => Algorithm::Sha1,
        Some(name) => Algorithm::from_name(name).ok_or_else(|| {
            invalid(
                "algorithm",
                format!("'{name}' is not SHA1, SHA256 or SHA512"),
            )
        })?,
    };
    let digits = match params.digits.as_deref() {
        None => 6,
        Some(text) => text
            .parse::<u8>()
            .ok()
            .filter(|d| (4..=10).contains(d))
            .ok_or_else(|| invalid("digits", format!("'{text}' is not a number from 4 to 10")))?,
    };
    let mut parsed_suite = None;
    let kind = match kind_name.to_ascii_lowercase().as_str() {
        "totp"
            if params
                .encoder
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case("steam")) =>
        {
            Kind::Steam
        }
        "steam" => Kind::Steam,
        "totp" => {
            let period = match params.period.as_deref() {
                None => 30,
                Some(text) => text
                    .parse::<u32>()
                    .ok()
                    .filter(|p| *p >= 1)
                    .ok_or_else(|| {
                        invalid(
                            "period",
                            format!("'{text}' is not a whole number of seconds, 1 or more"),
                        )
                    })?,
            };
            Kind::Totp { period, t0: 0 }
        }
        "hotp" => {
            let text = params
                .counter
                .as_deref()
                .ok_or(OtpAuthError::MissingCounter)?;
            let counter = text.parse::<u64>().map_err(|_| {
                invalid(
                    "counter",
                    format!("'{text}' is not a whole number, 0 or more"),
                )
            })?;
            Kind::Hotp { counter }
        }
        "ocra" => {
            // The suite names the hash and the digits, so those parameters are not read.
            let text = params.suite.as_deref().ok_or(OtpAuthError::MissingSuite)?;
            let suite = crate::ocra::Suite::parse(text)
                .map_err(|error| invalid("suite", error.to_string()))?;
            let counter = match params.counter.as_deref() {
                None => 0,
                Some(text) => text.parse::<u64>().map_err(|_| {
                    invalid(
                        "counter",
                        format!("'{text}' is not a whole number, 0 or more"),
                    )
                })?,
            };
            parsed_suite = Some(suite);
            Kind::Ocra {
                suite: crate::ocra::SuiteText::new(&suite),
                counter,
            }
        }
        other => return Err(OtpAuthError::UnknownType(other.to_owned())),
    };
    // An OCRA token's hash and digits are its suite's.
    let (algorithm, digits) = match &parsed_suite {
        Some(suite) => (suite.hash, suite.digits),
        None => (algorithm, digits),
    };
    let token = Token::new(secret, algorithm, digits, kind)
        .map_err(|error| invalid("secret", error.to_string()))?;
    Ok(OtpAuth {
        issuer,
        account,
        token,
    })
}

#[derive(Default)]
struct Params {
    secret: Option<String>,
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    counter: Option<String>,
    encoder: Option<String>,
    suite: Option<String>,
}

impl Drop for Params {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        if let Some(secret) = self.secret.as_mut() {
            secret.zeroize();
        }
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn split_label(raw: &str) -> Result<(Option<String>, String), OtpAuthError> {
    let split = raw
        .find(':')
        .map(|at| (at, 1))
        .or_else(|| raw.to_ascii_lowercase().find("%3a").map(|at| (at, 3)));
    let (issuer, account) = match split {
        Some((at, width)) => (Some(&raw[..at]), &raw[at + width..]),
        None => (None, raw),
    };
    let issuer = match issuer {
        Some(raw_issuer) => {
            Some(decode_text(raw_issuer).ok_or(OtpAuthError::BadLabel)?).filter(|i| !i.is_empty())
        }
        None => None,
    };
    let account = decode_text(account).ok_or(OtpAuthError::BadLabel)?;
    Ok((issuer, account.trim_start().to_owned()))
}

/// Writes the link for a token. It holds the secret: treat it as one.
pub fn emit(entry: &OtpAuth) -> zeroize::Zeroizing<String> {
    let token = &entry.token;
    let account = utf8_percent_encode(&entry.account, COMPONENT).to_string();
    let issuer = entry.issuer.as_deref().filter(|i| !i.is_empty());
    let label = match issuer {
        Some(issuer) => format!("{}:{account}", utf8_percent_encode(issuer, COMPONENT)),
        None if entry.account.contains(':') => format!(":{account}"),
        None => account,
    };
    let kind_name = match token.kind() {
        Kind::Totp { .. } => "totp",
        Kind::Hotp { .. } => "hotp",
        Kind::Steam => "steam",
        Kind::Ocra { .. } => "ocra",
    };
    let secret = base32::encode(token.secret().expose());
    let mut link = format!("otpauth://{kind_name}/{label}?secret={}", secret.as_str());
    if let Some(issuer) = issuer {
        link.push_str(&format!(
            "&issuer={}",
            utf8_percent_encode(issuer, COMPONENT)
        ));
    }
    if !matches!(token.kind(), Kind::Steam | Kind::Ocra { .. }) {
        link.push_str(&format!(
            "&algorithm={}&digits={}",
            token.algorithm().name(),
            token.digits()
        ));
    }
    match token.kind() {
        Kind::Totp { period, .. } => link.push_str(&format!("&period={period}")),
        Kind::Hotp { counter } => link.push_str(&format!("&counter={counter}")),
        Kind::Steam => {}
        Kind::Ocra { suite, counter } => {
            let suite = suite.to_string();
            link.push_str(&format!(
                "&suite={}",
                utf8_percent_encode(&suite, COMPONENT)
            ));
            if counter > 0 {
                link.push_str(&format!("&counter={counter}"));
            }
        }
    }
    zeroize::Zeroizing::new(link)
}
