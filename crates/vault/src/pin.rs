//! A PIN: 4 to 16 digits, or, for those who want a longer secret, a
//! password of 10 to 128 characters of any text (stored in a `password`
//! slot; same KDF). Zeroized on drop, never printed.
//!
//! A PIN being chosen (Create PIN, Change PIN) must also not be one of the
//! first a thief tries: [`Pin::new_chosen`]. A PIN being checked is only
//! [`Pin::new`], so a PIN chosen before the rule still opens its vault.

use crate::VaultError;
use zeroize::{Zeroize, ZeroizeOnDrop};

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Pin {
    text: String,
    #[zeroize(skip)]
    password: bool,
}

impl Pin {
    pub const MIN_DIGITS: usize = 4;
    pub const MAX_DIGITS: usize = 16;
    pub const MIN_PASSWORD_CHARS: usize = 10;
    pub const MAX_PASSWORD_CHARS: usize = 128;

    /// A password in place of a PIN: 10 to 128 characters, any text.
    ///
    /// # Errors
    /// [`VaultError::InvalidPassword`] for another length.
    pub fn password(text: &str) -> Result<Self, VaultError> {
        let length = text.chars().count();
        if (Self::MIN_PASSWORD_CHARS..=Self::MAX_PASSWORD_CHARS).contains(&length) {
            Ok(Self {
                text: text.to_owned(),
                password: true,
            })
        } else {
            Err(VaultError::InvalidPassword)
        }
    }

    /// Whether this is a password rather than digits.
    pub fn is_password(&self) -> bool {
        self.password
    }

    /// # Errors
    /// [`VaultError::InvalidPin`] unless the text is 4 to 16 ASCII digits.
    pub fn new(text: &str) -> Result<Self, VaultError> {
        let valid = (Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_digit());
        if valid {
            Ok(Self {
                text: text.to_owned(),
                password: false,
            })
        } else {
            Err(VaultError::InvalidPin)
        }
    }

    /// A new PIN, as chosen at Create PIN or Change PIN: the format of
    /// [`Pin::new`], and not easy to guess ([`is_weak`]).
    ///
    /// # Errors
    /// [`VaultError::InvalidPin`] or [`VaultError::WeakPin`].
    pub fn new_chosen(text: &str) -> Result<Self, VaultError> {
        let pin = Self::new(text)?;
        if is_weak(text) {
            return Err(VaultError::WeakPin);
        }
        Ok(pin)
    }

    /// The text, only to hand it to the KDF worker.
    pub fn expose(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pin(redacted)")
    }
}

/// The most common 4- and 6-digit PINs that the pattern rules of
/// [`is_weak`] do not already catch (from published analyses of leaked PIN
/// and password sets: the top 20 of each length).
const COMMON: &[&str] = &[
    "1004", "2000", "1122", "2001", "1998", "1999", "2580", "0852", "1313", "6969", "112233",
    "123321", "789456", "159753", "520520", "147258", "123654", "666888", "159357", "147369",
    "121314", "654123", "741852", "963852", "198520", "5683",
];

/// True for a PIN a thief tries first: a common PIN, one digit repeated
/// (0000), a short pattern repeated (1212, 123123) or a straight run up or
/// down, wrapping past 9 (1234, 654321, 8901).
pub fn is_weak(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    let repeats_a_pattern = (1..=3).any(|period| {
        bytes.len().is_multiple_of(period) && bytes.len() > period && {
            bytes
                .iter()
                .enumerate()
                .all(|(i, &b)| b == bytes[i % period])
        }
    });
    let step = |delta: u8| {
        bytes
            .windows(2)
            .all(|pair| (pair[0] - b'0' + delta) % 10 == pair[1] - b'0')
    };
    let all_digits = bytes.iter().all(u8::is_ascii_digit);
    repeats_a_pattern || (all_digits && (step(1) || step(9))) || COMMON.contains(&digits)
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

    #[test]
    fn easy_pins_are_refused_when_chosen_but_still_open_a_vault() {
        for weak in [
            "1234",
            "123456",
            "000000",
            "654321",
            "1111",
            "0000",
            "9999",
            "1212",
            "121212",
            "123123",
            "4321",
            "7890",
            "8901",
            "2580",
            "112233",
            "6969",
            "1004",
            "0123456789",
        ] {
            assert_eq!(
                Pin::new_chosen(weak).unwrap_err(),
                VaultError::WeakPin,
                "{weak}"
            );
            assert!(
                Pin::new(weak).is_ok(),
                "{weak} still opens an existing vault"
            );
        }
        for fine in ["246810", "5826", "190374", "73915", "8462", "1357924680"] {
            assert!(Pin::new_chosen(fine).is_ok(), "{fine}");
        }
        assert_eq!(Pin::new_chosen("12a4").unwrap_err(), VaultError::InvalidPin);
    }

    #[test]
    fn a_password_has_ten_to_a_hundred_and_twenty_eight_characters_of_any_text() {
        for good in [
            "correct horse",
            "ünïcödé pässwörd",
            "1234567890",
            &"x".repeat(128),
        ] {
            let password = Pin::password(good).unwrap();
            assert!(password.is_password());
            assert_eq!(password.expose(), good);
        }
        // Counted in characters, not bytes: nine two-byte letters are short.
        for bad in ["short", "äääääääää", &"x".repeat(129), ""] {
            assert_eq!(
                Pin::password(bad).unwrap_err(),
                VaultError::InvalidPassword,
                "{bad:?}"
            );
        }
        assert_eq!(
            format!("{:?}", Pin::password("a long password").unwrap()),
            "Pin(redacted)"
        );
        assert!(!Pin::new("2468").unwrap().is_password());
    }
}
