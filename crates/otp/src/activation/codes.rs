//! The three codes of activation, each ending in a Luhn check digit:
//! Serial Number (10 digits, `NNNNN-NNNNN`), Activation Code (16 digits,
//! `NNNN-NNNN-NNNN-NNNN`) and Registration Code (10 digits, `NNNNN-NNNNN`).
//! Input may hold spaces and dashes anywhere.

use thiserror::Error;
use zeroize::{Zeroize, ZeroizeOnDrop};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    SerialNumber,
    ActivationCode,
    RegistrationCode,
    PinResetCode,
    UnlockCode,
}

impl CodeKind {
    /// The name as the interface uses it, in a sentence ("the serial number").
    pub fn name(self) -> &'static str {
        match self {
            Self::SerialNumber => "serial number",
            Self::ActivationCode => "activation code",
            Self::RegistrationCode => "registration code",
            Self::PinResetCode => "PIN reset code",
            Self::UnlockCode => "unlock code",
        }
    }

    pub fn length(self) -> usize {
        match self {
            Self::SerialNumber | Self::RegistrationCode => 10,
            Self::PinResetCode => 11,
            Self::ActivationCode => 16,
            Self::UnlockCode => 20,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeProblem {
    Empty,
    InvalidCharacter {
        character: char,
        position: usize,
    },
    WrongLength {
        found: usize,
    },
    CheckDigit,
    /// The Registration Code was not made for this Activation Code.
    NotForThisActivation,
}

/// Which code is wrong, and how: its `Display` is the sentence shown under
/// the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", describe(*.kind, .problem))]
pub struct InvalidCode {
    pub kind: CodeKind,
    pub problem: CodeProblem,
}

fn describe(kind: CodeKind, problem: &CodeProblem) -> String {
    let name = kind.name();
    let length = kind.length();
    match problem {
        CodeProblem::Empty => format!("Enter the {name}: {length} digits."),
        CodeProblem::InvalidCharacter {
            character,
            position,
        } => {
            format!("The {name} has '{character}' at position {position}; it holds only digits.")
        }
        CodeProblem::WrongLength { found } if *found < length => {
            format!("The {name} has {found} digits; it needs {length}, so a digit may be missing.")
        }
        CodeProblem::WrongLength { found } => {
            format!("The {name} has {found} digits; it needs {length}, so a digit may be extra.")
        }
        CodeProblem::CheckDigit => {
            format!("The {name}'s check digit does not match, so a digit may be mistyped.")
        }
        CodeProblem::NotForThisActivation => {
            format!(
                "The {name} was not made for this activation code; check both for typing errors."
            )
        }
    }
}

/// The Luhn check digit for `digits` (each 0-9), as appended after them.
pub(crate) fn luhn_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(index, &digit)| {
            let digit = u32::from(digit);
            if index % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Reads `N` digits, ignoring spaces and dashes, and checks the Luhn digit.
pub(crate) fn parse_digits<const N: usize>(
    input: &str,
    kind: CodeKind,
) -> Result<[u8; N], InvalidCode> {
    let mut digits = read_digits::<N>(input, kind)?;
    if luhn_digit(&digits[..N - 1]) != digits[N - 1] {
        digits.zeroize();
        return Err(InvalidCode {
            kind,
            problem: CodeProblem::CheckDigit,
        });
    }
    Ok(digits)
}

/// Reads `N` digits, ignoring spaces and dashes; no check digit.
pub(crate) fn read_digits<const N: usize>(
    input: &str,
    kind: CodeKind,
) -> Result<[u8; N], InvalidCode> {
    let fail = |problem| InvalidCode { kind, problem };
    let mut digits = [0u8; N];
    let mut count = 0usize;
    for (index, character) in input.chars().enumerate() {
        if matches!(
            character,
            ' ' | '-' | '\u{2010}'..='\u{2015}' | '\t' | '\u{a0}'
        ) {
            continue;
        }
        let Some(value) = character.to_digit(10) else {
            digits.zeroize();
            return Err(fail(CodeProblem::InvalidCharacter {
                character,
                position: index + 1,
            }));
        };
        if count < N {
            digits[count] = value as u8;
        }
        count += 1;
    }
    let result = match count {
        0 => Err(fail(CodeProblem::Empty)),
        n if n != N => Err(fail(CodeProblem::WrongLength { found: n })),
        _ => Ok(digits),
    };
    if result.is_err() {
        digits.zeroize();
    }
    result
}

/// Groups digits with dashes: `sizes` are the group lengths.
pub(crate) fn grouped(digits: &[u8], group: usize) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / group);
    for (index, digit) in digits.iter().enumerate() {
        if index > 0 && index % group == 0 {
            out.push('-');
        }
        out.push(char::from(b'0' + digit));
    }
    out
}

/// Appends the Luhn digit to `body`.
pub(crate) fn with_check_digit<const N: usize>(body: &[u8]) -> [u8; N] {
    let mut digits = [0u8; N];
    digits[..N - 1].copy_from_slice(&body[..N - 1]);
    digits[N - 1] = luhn_digit(&digits[..N - 1]);
    digits
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SerialNumber([u8; 10]);

impl SerialNumber {
    /// # Errors
    /// [`InvalidCode`] naming the serial number and the problem.
    pub fn parse(input: &str) -> Result<Self, InvalidCode> {
        parse_digits(input, CodeKind::SerialNumber).map(Self)
    }
    pub(crate) fn from_digits(digits: [u8; 10]) -> Self {
        Self(digits)
    }
    /// The 10 digits as ASCII: the derivation's salt.
    pub fn ascii(&self) -> [u8; 10] {
        self.0.map(|d| b'0' + d)
    }
    /// `NNNNN-NNNNN`
    pub fn formatted(&self) -> String {
        grouped(&self.0, 5)
    }
}

impl std::fmt::Display for SerialNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl std::fmt::Debug for SerialNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SerialNumber({})", self.formatted())
    }
}

/// Secret material: the token derives from it. Zeroized on drop, redacted
/// in `Debug`.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct ActivationCode([u8; 16]);

impl ActivationCode {
    /// # Errors
    /// [`InvalidCode`] naming the activation code and the problem.
    pub fn parse(input: &str) -> Result<Self, InvalidCode> {
        parse_digits(input, CodeKind::ActivationCode).map(Self)
    }
    pub(crate) fn from_digits(digits: [u8; 16]) -> Self {
        Self(digits)
    }
    /// The first 15 digits read as one integer, as 7 big-endian bytes.
    pub fn body_bytes(&self) -> [u8; 7] {
        let value = self.0[..15]
            .iter()
            .fold(0u64, |acc, &d| acc * 10 + u64::from(d));
        let bytes = value.to_be_bytes();
        let mut out = [0u8; 7];
        out.copy_from_slice(&bytes[1..]);
        out
    }
    /// `NNNN-NNNN-NNNN-NNNN`; it is secret, show it only to its owner.
    pub fn formatted(&self) -> zeroize::Zeroizing<String> {
        zeroize::Zeroizing::new(grouped(&self.0, 4))
    }
}

impl std::fmt::Debug for ActivationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ActivationCode(redacted)")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RegistrationCode([u8; 10]);

impl RegistrationCode {
    /// Checks the form and the Luhn digit only; whether it was made for an
    /// activation code is [`RegistrationCode::is_for`].
    ///
    /// # Errors
    /// [`InvalidCode`] naming the registration code and the problem.
    pub fn parse(input: &str) -> Result<Self, InvalidCode> {
        parse_digits(input, CodeKind::RegistrationCode).map(Self)
    }
    pub(crate) fn from_digits(digits: [u8; 10]) -> Self {
        Self(digits)
    }
    /// The first 9 digits as a number (below 10^9).
    pub fn number(&self) -> u32 {
        self.0[..9]
            .iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d))
    }
    /// The 2 random bytes: the number's low 16 bits, big-endian.
    pub fn random_bytes(&self) -> [u8; 2] {
        ((self.number() & 0xffff) as u16).to_be_bytes()
    }
    /// `NNNNN-NNNNN`
    pub fn formatted(&self) -> String {
        grouped(&self.0, 5)
    }
}

impl std::fmt::Display for RegistrationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl std::fmt::Debug for RegistrationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RegistrationCode({})", self.formatted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_matches_the_classic_examples() {
        // 7992739871 has check digit 3 (the textbook example).
        assert_eq!(luhn_digit(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1]), 3);
        assert_eq!(luhn_digit(&[0]), 0);
    }

    #[test]
    fn known_codes_parse_and_format() {
        let serial = SerialNumber::parse("48244-13456").unwrap();
        assert_eq!(serial.formatted(), "48244-13456");
        assert_eq!(&serial.ascii(), b"4824413456");
        let activation = ActivationCode::parse("1745 7712 6942 8698").unwrap();
        assert_eq!(activation.formatted().as_str(), "1745-7712-6942-8698");
        assert_eq!(
            activation.body_bytes(),
            174_577_126_942_869u64.to_be_bytes()[1..]
        );
        let registration = RegistrationCode::parse("1221149352").unwrap();
        assert_eq!(registration.number(), 122_114_935);
        assert_eq!(
            registration.random_bytes(),
            ((122_114_935u32 & 0xffff) as u16).to_be_bytes()
        );
    }

    #[test]
    fn errors_say_which_code_and_how() {
        let mistyped = ActivationCode::parse("1745-7712-6942-8699").unwrap_err();
        assert_eq!(mistyped.problem, CodeProblem::CheckDigit);
        assert_eq!(
            mistyped.to_string(),
            "The activation code's check digit does not match, so a digit may be mistyped."
        );
        let short = SerialNumber::parse("48244-1345").unwrap_err();
        assert_eq!(short.problem, CodeProblem::WrongLength { found: 9 });
        assert!(
            short
                .to_string()
                .contains("serial number has 9 digits; it needs 10")
        );
        let letter = RegistrationCode::parse("12211-4935x").unwrap_err();
        assert_eq!(
            letter.problem,
            CodeProblem::InvalidCharacter {
                character: 'x',
                position: 11
            }
        );
        assert_eq!(
            SerialNumber::parse(" - ").unwrap_err().problem,
            CodeProblem::Empty
        );
    }

    #[test]
    fn every_single_digit_typo_is_caught() {
        let good = b"4824413456";
        for position in 0..10 {
            for replacement in b'0'..=b'9' {
                if replacement == good[position] {
                    continue;
                }
                let mut typo = *good;
                typo[position] = replacement;
                let text = std::str::from_utf8(&typo).unwrap();
                assert!(SerialNumber::parse(text).is_err(), "{text}");
            }
        }
    }

    #[test]
    fn activation_code_debug_is_redacted() {
        let activation = ActivationCode::parse("1745771269428698").unwrap();
        assert_eq!(format!("{activation:?}"), "ActivationCode(redacted)");
    }
}
