//! The Registration Code (made on the device) and the token secret (derived
//! on both sides).
//!
//! Registration Code: 9 digits holding a number `n < 10^9`, then a Luhn
//! digit. `n = check * 65536 + random`, where `random` is 2 random bytes
//! (big-endian u16) and
//! `check = u32_be(SHA-256(CHECK_DOMAIN || activation_body || random)[0..4]) mod 15258`.
//! 15258 is the number of high parts that keep `n` below 10^9
//! (15257 * 65536 + 65535 = 999 948 287). A code typed for another
//! activation passes by chance with probability 1/15258.
//!
//! Secret: PBKDF2-HMAC-SHA256, password = activation_body (the Activation
//! Code's first 15 digits as a 7-byte big-endian integer) || random ||
//! policy UTF-8 (only with a policy), salt = the serial number's 10 ASCII
//! digits, 8 iterations, 16 bytes.

use super::codes::{
    ActivationCode, CodeKind, CodeProblem, InvalidCode, RegistrationCode, SerialNumber,
    with_check_digit,
};
use crate::{Algorithm, Secret, Token};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

const CHECK_DOMAIN: &[u8] = b"SoftToken registration check v1";
const CHECK_MODULUS: u32 = 15_258;
const PBKDF2_ITERATIONS: u32 = 8;
const SECRET_BYTES: usize = 16;

fn check_value(activation: &ActivationCode, random: [u8; 2]) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(CHECK_DOMAIN);
    hasher.update(activation.body_bytes());
    hasher.update(random);
    let digest = hasher.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % CHECK_MODULUS
}

impl RegistrationCode {
    /// The device's Registration Code for `activation`, from 2 random bytes.
    pub fn generate(activation: &ActivationCode, random: [u8; 2]) -> Self {
        let number =
            check_value(activation, random) * 65_536 + u32::from(u16::from_be_bytes(random));
        let mut body = [0u8; 10];
        let mut rest = number;
        for slot in body[..9].iter_mut().rev() {
            *slot = (rest % 10) as u8;
            rest /= 10;
        }
        Self::from_digits(with_check_digit::<10>(&body))
    }

    /// True when this code was made for `activation` (Self-Service's check).
    pub fn is_for(&self, activation: &ActivationCode) -> bool {
        let random = self.random_bytes();
        self.number() >> 16 == check_value(activation, random)
    }

    /// [`RegistrationCode::is_for`] as a `Result`, for the error message.
    ///
    /// # Errors
    /// [`CodeProblem::NotForThisActivation`] when it does not match.
    pub fn check_for(&self, activation: &ActivationCode) -> Result<(), InvalidCode> {
        if self.is_for(activation) {
            Ok(())
        } else {
            Err(InvalidCode {
                kind: CodeKind::RegistrationCode,
                problem: CodeProblem::NotForThisActivation,
            })
        }
    }
}

/// The token's secret, as both sides derive it.
pub fn derive_secret(
    serial: &SerialNumber,
    activation: &ActivationCode,
    registration: &RegistrationCode,
    policy: Option<&str>,
) -> Secret {
    let mut password = Zeroizing::new(Vec::with_capacity(9 + policy.map_or(0, str::len)));
    password.extend_from_slice(&activation.body_bytes());
    password.extend_from_slice(&registration.random_bytes());
    if let Some(policy) = policy {
        password.extend_from_slice(policy.as_bytes());
    }
    let mut out = vec![0u8; SECRET_BYTES];
    pbkdf2::pbkdf2_hmac::<Sha256>(&password, &serial.ascii(), PBKDF2_ITERATIONS, &mut out);
    Secret::new(out)
}

/// How many digits the issuer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ActivationDigits {
    #[default]
    Six,
    Eight,
}

impl ActivationDigits {
    pub fn count(self) -> u8 {
        match self {
            Self::Six => 6,
            Self::Eight => 8,
        }
    }
    pub fn from_count(count: u8) -> Option<Self> {
        match count {
            6 => Some(Self::Six),
            8 => Some(Self::Eight),
            _ => None,
        }
    }
}

/// The activated token: TOTP, HMAC-SHA256, 30 s.
pub fn derive_token(secret: Secret, digits: ActivationDigits) -> Token {
    match Token::totp(secret, Algorithm::Sha256, digits.count(), 30) {
        Ok(token) => token,
        // 16 bytes, 6 or 8 digits and 30 s are always valid.
        Err(_) => unreachable!("activation parameters are constant and valid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> (SerialNumber, ActivationCode, RegistrationCode) {
        (
            SerialNumber::parse("48244-13456").unwrap(),
            ActivationCode::parse("1745-7712-6942-8698").unwrap(),
            RegistrationCode::parse("12211-49352").unwrap(),
        )
    }

    #[test]
    fn known_answer_without_policy() {
        let (serial, activation, registration) = known();
        let secret = derive_secret(&serial, &activation, &registration, None);
        assert_eq!(secret.to_hex().as_str(), "9a8eab5ecc9fc413758a92ac223dc6a0");
    }

    #[test]
    fn known_answer_with_policy() {
        let (serial, activation, registration) = known();
        let policy = r#"{"allowUnsecured":"false","trustedExecution":"NOT_ALLOWED"}"#;
        let secret = derive_secret(&serial, &activation, &registration, Some(policy));
        assert_eq!(secret.to_hex().as_str(), "bb9b6d72ae99b006de5e106935ec96da");
    }

    #[test]
    fn our_registration_codes_pass_the_check_and_others_mostly_do_not() {
        let (_, activation, foreign) = known();
        // The known registration code was made by another app: whether its
        // check value happens to match ours does not matter to derivation.
        let _ = foreign.is_for(&activation);
        let other = ActivationCode::from_digits(with_check_digit::<16>(&[
            1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 0,
        ]));
        let mut accepted_elsewhere = 0;
        for high in 0..=255u8 {
            for low in [0u8, 7, 99, 255] {
                let code = RegistrationCode::generate(&activation, [high, low]);
                assert!(code.number() < 1_000_000_000);
                assert!(code.is_for(&activation));
                assert_eq!(code.random_bytes(), [high, low]);
                assert!(RegistrationCode::parse(&code.formatted()).is_ok());
                if code.is_for(&other) {
                    accepted_elsewhere += 1;
                }
            }
        }
        // 1024 codes; at 1/15258 each, more than 3 false accepts is very unlikely.
        assert!(accepted_elsewhere <= 3, "{accepted_elsewhere}");
        let mistyped = RegistrationCode::generate(&activation, [1, 2]);
        let wrong = RegistrationCode::generate(&other, [1, 2]);
        assert_ne!(mistyped, wrong);
        assert_eq!(
            wrong.check_for(&activation).unwrap_err().problem,
            CodeProblem::NotForThisActivation
        );
    }

    #[test]
    fn the_token_is_sha256_30s_with_the_issuers_digits() {
        let (serial, activation, registration) = known();
        let token = derive_token(
            derive_secret(&serial, &activation, &registration, None),
            ActivationDigits::Eight,
        );
        assert_eq!(token.algorithm(), Algorithm::Sha256);
        assert_eq!(token.digits(), 8);
        assert_eq!(token.period(), Some(30));
    }
}
