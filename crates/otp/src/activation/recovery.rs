//! PIN reset through the issuer (docs/activation-protocol.md, "PIN
//! reset"): the device shows a PIN Reset Code (a random nonce with a Luhn
//! check digit); Self-Service, which knows the token's secret, answers
//! with the Unlock Code, HMAC-SHA256 of the secret over the nonce, as 20
//! digits. The vault keeps the data key wrapped under the Unlock Code, so
//! the code opens it, once (the nonce is replaced after use).
//!
//! Security contract: the Unlock Code is as secret as a PIN (zeroized on
//! drop, redacted in `Debug`); the PIN Reset Code is not secret. Pure:
//! the nonce's randomness is an argument.

use super::codes::{CodeKind, InvalidCode, grouped, parse_digits, read_digits, with_check_digit};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// The HMAC's message starts with this, then the nonce's 10 ASCII digits.
pub const UNLOCK_CODE_DOMAIN: &[u8] = b"softtoken-recovery/unlock/1:";

/// `NNNNN-NNNNN-C`: a 10-digit nonce (about 33 random bits) and its Luhn
/// check digit, shown with the identity's Serial Number.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PinResetCode([u8; 11]);

impl PinResetCode {
    /// The code for a nonce made from 8 random bytes (reduced to 10
    /// digits).
    pub fn from_random(random: [u8; 8]) -> Self {
        let mut value = u64::from_be_bytes(random) % 10_000_000_000;
        let mut body = [0u8; 11];
        for digit in body[..10].iter_mut().rev() {
            *digit = (value % 10) as u8;
            value /= 10;
        }
        Self(with_check_digit::<11>(&body))
    }

    /// # Errors
    /// [`InvalidCode`] naming the PIN reset code (a mistyped digit is the
    /// check digit's).
    pub fn parse(input: &str) -> Result<Self, InvalidCode> {
        parse_digits(input, CodeKind::PinResetCode).map(Self)
    }

    /// The nonce: its 10 digits as ASCII.
    pub fn nonce_ascii(&self) -> [u8; 10] {
        let mut out = [0u8; 10];
        for (out, digit) in out.iter_mut().zip(&self.0[..10]) {
            *out = b'0' + digit;
        }
        out
    }

    /// `NNNNN-NNNNN-C`
    pub fn formatted(&self) -> String {
        grouped(&self.0, 5)
    }
}

impl std::fmt::Display for PinResetCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl std::fmt::Debug for PinResetCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PinResetCode({})", self.formatted())
    }
}

/// 20 digits, `NNNN-NNNN-NNNN-NNNN-NNNN`: opens the vault's recovery slot.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct UnlockCode([u8; 20]);

impl UnlockCode {
    /// What Self-Service computes: HMAC-SHA256(key = the token's secret,
    /// message = [`UNLOCK_CODE_DOMAIN`] || the nonce's 10 ASCII digits);
    /// its first 16 bytes as a big-endian integer, modulo 10^20, as 20
    /// digits.
    #[allow(clippy::expect_used, reason = "HMAC takes a key of any length")]
    pub fn for_secret(secret: &[u8], reset: &PinResetCode) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(UNLOCK_CODE_DOMAIN);
        mac.update(&reset.nonce_ascii());
        let mut tag: [u8; 32] = mac.finalize().into_bytes().into();
        let mut head = [0u8; 16];
        head.copy_from_slice(&tag[..16]);
        tag.zeroize();
        let mut value = u128::from_be_bytes(head) % 10u128.pow(20);
        head.zeroize();
        let mut digits = [0u8; 20];
        for digit in digits.iter_mut().rev() {
            *digit = (value % 10) as u8;
            value /= 10;
        }
        Self(digits)
    }

    /// # Errors
    /// [`InvalidCode`] naming the unlock code.
    pub fn parse(input: &str) -> Result<Self, InvalidCode> {
        read_digits(input, CodeKind::UnlockCode).map(Self)
    }

    /// The 20 digits as ASCII: the text the recovery slot's Argon2id
    /// stretches.
    pub fn ascii(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.iter().map(|d| char::from(b'0' + d)).collect())
    }

    /// `NNNN-NNNN-NNNN-NNNN-NNNN`; secret: show it only to its owner.
    pub fn formatted(&self) -> Zeroizing<String> {
        Zeroizing::new(grouped(&self.0, 4))
    }
}

impl std::fmt::Debug for UnlockCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnlockCode(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::CodeProblem;

    #[test]
    fn a_reset_code_round_trips_and_a_mistyped_digit_is_caught() {
        let code = PinResetCode::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        let text = code.formatted();
        assert_eq!(text.len(), 13, "{text}");
        assert_eq!(PinResetCode::parse(&text).unwrap(), code);
        let mut typo: Vec<char> = text.chars().collect();
        typo[0] = if typo[0] == '9' {
            '8'
        } else {
            char::from(typo[0] as u8 + 1)
        };
        let typo: String = typo.into_iter().collect();
        assert_eq!(
            PinResetCode::parse(&typo).unwrap_err().problem,
            CodeProblem::CheckDigit
        );
    }

    /// docs/activation-protocol.md's known answers, computed from the spec
    /// with Python's hmac and hashlib, not by this crate.
    #[test]
    fn known_answers_match_the_spec() {
        let reset = PinResetCode::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(reset.formatted(), "97903-82856-0");
        let code = UnlockCode::for_secret(b"12345678901234567890", &reset);
        assert_eq!(code.formatted().as_str(), "9182-4275-3576-1629-0358");
        let reset = PinResetCode::parse("10974-72515-1").unwrap();
        assert_eq!(
            reset,
            PinResetCode::from_random([0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3])
        );
        let code = UnlockCode::for_secret(b"12345678901234567890", &reset);
        assert_eq!(code.formatted().as_str(), "7410-5557-5725-5461-5229");
    }

    #[test]
    fn an_unlock_code_is_twenty_digits_and_depends_on_secret_and_nonce() {
        let reset = PinResetCode::from_random([9; 8]);
        let code = UnlockCode::for_secret(b"12345678901234567890", &reset);
        assert_eq!(code.ascii().len(), 20);
        assert_eq!(UnlockCode::parse(&code.formatted()).unwrap(), code);
        assert_ne!(
            UnlockCode::for_secret(b"12345678901234567891", &reset),
            code
        );
        let other = PinResetCode::from_random([8; 8]);
        assert_ne!(
            UnlockCode::for_secret(b"12345678901234567890", &other),
            code
        );
        assert_eq!(format!("{code:?}"), "UnlockCode(redacted)");
    }
}
