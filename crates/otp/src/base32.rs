//! Base32 (RFC 4648, the standard alphabet) as people paste it: any case,
//! spaces and dashes anywhere, with or without `=` padding. Errors name the
//! offending character and its position (1-based, in the text as given).

use crate::Secret;
use thiserror::Error;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Base32Error {
    #[error("the secret is empty")]
    Empty,
    #[error(
        "the secret has '{character}' at position {position}, which Base32 does not use (only A-Z and 2-7)"
    )]
    InvalidCharacter { character: char, position: usize },
    #[error(
        "the secret has a '=' at position {position} followed by more letters; padding may only end it"
    )]
    MisplacedPadding { position: usize },
    #[error(
        "the secret has {symbols} letters, a length no Base32 text can have; a letter may be missing or extra"
    )]
    ImpossibleLength { symbols: usize },
}

/// Decodes pasted Base32 into a secret.
///
/// # Errors
/// A [`Base32Error`] naming what is wrong and where.
pub fn decode(text: &str) -> Result<Secret, Base32Error> {
    let mut bits: u64 = 0;
    let mut bit_count = 0u32;
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut symbols = 0usize;
    let mut padding_at: Option<usize> = None;
    for (index, character) in text.chars().enumerate() {
        let position = index + 1;
        if character == ' ' || character == '-' || character == '\t' {
            continue;
        }
        if character == '=' {
            padding_at.get_or_insert(position);
            continue;
        }
        if let Some(pad) = padding_at {
            return Err(Base32Error::MisplacedPadding { position: pad });
        }
        let upper = character.to_ascii_uppercase();
        let value = ALPHABET
            .iter()
            .position(|&a| char::from(a) == upper)
            .ok_or(Base32Error::InvalidCharacter {
                character,
                position,
            })?;
        bits = (bits << 5) | value as u64;
        bit_count += 5;
        symbols += 1;
        if bit_count >= 8 {
            bit_count -= 8;
            out.push((bits >> bit_count) as u8);
            bits &= (1 << bit_count) - 1;
        }
    }
    // Valid lengths leave 0, 2, 4, 1 or 3 symbols over a multiple of 8.
    if symbols == 0 {
        return Err(Base32Error::Empty);
    }
    if matches!(symbols % 8, 1 | 3 | 6) {
        return Err(Base32Error::ImpossibleLength { symbols });
    }
    Ok(Secret::new(out))
}

/// Encodes without padding, as otpauth links and Aegis store secrets.
pub fn encode(bytes: &[u8]) -> zeroize::Zeroizing<String> {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut bits: u32 = 0;
    let mut bit_count = 0u32;
    for &byte in bytes {
        bits = (bits << 8) | u32::from(byte);
        bit_count += 8;
        while bit_count >= 5 {
            bit_count -= 5;
            out.push(char::from(ALPHABET[((bits >> bit_count) & 31) as usize]));
        }
        bits &= (1 << bit_count) - 1;
    }
    if bit_count > 0 {
        out.push(char::from(
            ALPHABET[((bits << (5 - bit_count)) & 31) as usize],
        ));
    }
    zeroize::Zeroizing::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, encoded) in [
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(decode(encoded).unwrap().expose(), plain.as_bytes());
            assert_eq!(
                encode(plain.as_bytes()).as_str(),
                encoded.trim_end_matches('=')
            );
        }
    }

    #[test]
    fn takes_what_people_paste() {
        let expected = decode("JBSWY3DPEHPK3PXP").unwrap();
        for pasted in [
            "jbsw y3dp ehpk 3pxp",
            "JBSW-Y3DP-EHPK-3PXP",
            " jbswy3dpehpk3pxp ",
        ] {
            assert_eq!(decode(pasted).unwrap(), expected, "{pasted}");
        }
    }

    #[test]
    fn errors_name_the_character_and_position() {
        assert_eq!(
            decode("JBSW1Y3DP"),
            Err(Base32Error::InvalidCharacter {
                character: '1',
                position: 5
            })
        );
        let message = decode("AB0C").unwrap_err().to_string();
        assert!(message.contains("'0' at position 3"), "{message}");
        assert_eq!(decode(" - "), Err(Base32Error::Empty));
        assert_eq!(
            decode("MY=A"),
            Err(Base32Error::MisplacedPadding { position: 3 })
        );
        assert_eq!(
            decode("ABC"),
            Err(Base32Error::ImpossibleLength { symbols: 3 })
        );
    }

    proptest! {
        #[test]
        fn encode_then_decode_is_identity(bytes in proptest::collection::vec(any::<u8>(), 1..80)) {
            let decoded = decode(&encode(&bytes)).unwrap();
            prop_assert_eq!(decoded.expose(), &bytes[..]);
        }

        #[test]
        fn decode_never_panics(text in ".{0,64}") {
            let _ = decode(&text);
        }
    }
}
