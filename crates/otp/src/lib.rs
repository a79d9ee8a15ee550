//! One-time codes and the soft-token activation protocol, shared by the
//! browser app and the `selfservice` command line, so that nothing of the
//! protocol is written twice.
//!
//! Contract:
//! - Pure: no clock, no I/O. Time and randomness are arguments; the few
//!   `*_random` conveniences only draw bytes and call the pure function.
//! - Every parser (Base32, otpauth and otpauth-migration links, the three
//!   activation codes, igmobileotp links and their payload) returns a typed error for any
//!   input and never panics.
//! - Secrets ([`Secret`], [`activation::ActivationCode`]) are zeroized on
//!   drop and their `Debug` output never shows their bytes.
//!
//! The activation protocol is specified in `docs/activation-protocol.md`.

pub mod activation;
pub mod base32;
pub mod clock;
mod code;
pub mod migration;
pub mod ocra;
pub mod otpauth;
mod secret;
pub mod transaction;

pub use code::{Algorithm, CodeError, Kind, Token, verify};
pub use secret::Secret;

/// Fills `N` bytes from the operating system's (or browser's) CSPRNG.
///
/// # Errors
/// When no random source is available, which only a broken platform causes.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}
