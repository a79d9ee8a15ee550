//! The shared secret of a token. Zeroized on drop; `Debug` shows only its
//! length, so a secret cannot reach a log through `{:?}`.

use zeroize::{Zeroize, ZeroizeOnDrop};

#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    pub fn from_slice(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Lower-case hex, for the command line's `secret_hex`.
    pub fn to_hex(&self) -> zeroize::Zeroizing<String> {
        let mut out = String::with_capacity(self.0.len() * 2);
        for byte in &self.0 {
            out.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789abcdef"[usize::from(byte & 0x0f)]));
        }
        zeroize::Zeroizing::new(out)
    }

    /// Parses hex (either case, even length).
    pub fn from_hex(text: &str) -> Option<Self> {
        let text = text.trim();
        if !text.len().is_multiple_of(2) {
            return None;
        }
        let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len() / 2);
        for pair in bytes.chunks_exact(2) {
            out.push((nibble(pair[0])? << 4) | nibble(pair[1])?);
        }
        Some(Self(out))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({} bytes, redacted)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_bytes() {
        let secret = Secret::new(b"hunter2-hunter2".to_vec());
        let printed = format!("{secret:?}");
        assert!(!printed.contains("hunter2"));
        assert!(!printed.contains("68756e"));
        assert!(printed.contains("15 bytes"));
    }

    #[test]
    fn hex_round_trips_and_rejects_bad_input() {
        let secret = Secret::from_hex("00ff7A").unwrap();
        assert_eq!(secret.expose(), &[0x00, 0xff, 0x7a]);
        assert_eq!(secret.to_hex().as_str(), "00ff7a");
        assert!(Secret::from_hex("abc").is_none());
        assert!(Secret::from_hex("zz").is_none());
    }
}
