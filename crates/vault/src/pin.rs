//! A PIN: 4 to 16 digits. Zeroized on drop, never printed.

use crate::VaultError;
use zeroize::{Zeroize, ZeroizeOnDrop};

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Pin(String);

impl Pin {
    pub const MIN_DIGITS: usize = 4;
    pub const MAX_DIGITS: usize = 16;

    /// # Errors
    /// [`VaultError::InvalidPin`] unless the text is 4 to 16 ASCII digits.
    pub fn new(text: &str) -> Result<Self, VaultError> {
        let valid = (Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_digit());
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(VaultError::InvalidPin)
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The digits, only to hand the PIN to the KDF worker.
    pub fn expose_digits(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_to_sixteen_digits_only() {
        assert!(Pin::new("1234").is_ok());
        assert!(Pin::new("1234567890123456").is_ok());
        for bad in ["123", "12345678901234567", "12a4", "", "١٢٣٤", "1234 "] {
            assert_eq!(
                Pin::new(bad).unwrap_err(),
                VaultError::InvalidPin,
                "{bad:?}"
            );
        }
        assert_eq!(format!("{:?}", Pin::new("9876").unwrap()), "Pin(redacted)");
    }
}
