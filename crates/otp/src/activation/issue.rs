//! The Self-Service side's new activation: a random serial number,
//! activation code and 8-digit activation password, and the secure link
//! made from them. Randomness is an argument; [`issue`] draws it.

use super::codes::{ActivationCode, SerialNumber, with_check_digit};
use super::link::{SecureActivation, encode_link};
use zeroize::Zeroizing;

/// A new activation, as Self-Service hands it out. Its `Debug` shows the
/// serial number only: the password and the link open the activation.
pub struct Issued {
    pub activation: SecureActivation,
    pub password: Zeroizing<String>,
    pub link: Zeroizing<String>,
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued")
            .field("activation", &self.activation)
            .field("password", &"redacted")
            .field("link", &"redacted")
            .finish()
    }
}

/// Uniform decimal digits from random bytes, by rejection (bytes ≥ 250 are
/// skipped so that every digit is equally likely).
fn digits_from(random: &[u8], count: usize) -> Option<Vec<u8>> {
    let digits: Vec<u8> = random
        .iter()
        .filter(|&&b| b < 250)
        .map(|&b| b % 10)
        .take(count)
        .collect();
    (digits.len() == count).then_some(digits)
}

/// Builds an activation from `random` (64 bytes is always enough in
/// practice: 34 digits are needed and a byte is rejected 6 times in 256).
pub fn issue_from(
    random: &[u8; 64],
    salt: [u8; 8],
    policy: Option<String>,
    regurl: Option<String>,
) -> Option<Issued> {
    let digits = Zeroizing::new(digits_from(random, 9 + 15 + 8)?);
    let serial = SerialNumber::from_digits(with_check_digit::<10>(&[&digits[..9], &[0]].concat()));
    let activation_code =
        ActivationCode::from_digits(with_check_digit::<16>(&[&digits[9..24], &[0]].concat()));
    let password: Zeroizing<String> = Zeroizing::new(
        digits[24..32]
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect(),
    );
    let activation = SecureActivation {
        serial,
        activation_code,
        policy,
        regurl,
    };
    let link = encode_link(&activation, &password, salt);
    Some(Issued {
        activation,
        password,
        link,
    })
}

/// A new random activation.
///
/// # Errors
/// When the platform has no random source.
pub fn issue(policy: Option<String>, regurl: Option<String>) -> Result<Issued, getrandom::Error> {
    loop {
        let random = Zeroizing::new(crate::random_bytes::<64>()?);
        let salt = crate::random_bytes::<8>()?;
        if let Some(issued) = issue_from(&random, salt, policy.clone(), regurl.clone()) {
            return Ok(issued);
        }
    }
}
