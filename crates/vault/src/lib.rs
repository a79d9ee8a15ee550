//! Soft Token's vault: the identities and their secrets, encrypted under a
//! random data key that is stored only wrapped, in key slots.
//!
//! Security contract:
//! - Nothing readable leaves this crate unencrypted except through
//!   [`UnlockedVault`], which only a correct PIN (or key) produces.
//! - Keys, PINs and secrets are zeroized on drop; their `Debug` output never
//!   shows bytes.
//! - [`VaultError::WrongPin`] means exactly that the PIN did not open the
//!   slot of an intact record. Damage to a record is
//!   [`VaultError::Corrupt`], never a wrong PIN and never a different vault.
//! - Pure: randomness comes through [`Entropy`], time as arguments.
//!
//! Layout: `file.rs` the stored record, `pin_slot.rs` its PIN envelope,
//! `passkey_slot.rs` its passkey (WebAuthn PRF) slots, `recovery_slot.rs`
//! its PIN-reset slots,
//! `kdf.rs` every derivation (`kdf_foreign.rs` those of other apps' exports), `document.rs` and `identities.rs` the
//! plaintext and its operations (`listing.rs` the person's arrangement:
//! order, favourites, groups; `search.rs` the list the initial screen
//! shows; `icons.rs` which brand icon an issuer shows), `migrate.rs` its schema steps, `backup/` the Aegis-format backups,
//! `import/` other authenticators' exports; the
//! private `hazmat/` holds the raw primitives, which no other crate can
//! reach.
//!
//! The format is specified in `docs/vault-format.md`.

mod attempts;
pub mod backup;
mod document;
mod error;
mod file;
mod hazmat;
pub mod icons;
mod identities;
pub mod import;
pub mod kdf;
pub mod kdf_foreign;
mod listing;
pub mod migrate;
mod passkey_changes;
mod passkey_slot;
mod pin;
mod pin_slot;
mod recovery_slot;
pub mod search;
mod strict_json;

pub use attempts::Attempts;
pub use document::{
    ActivationDetails, Document, Entry, IconChoice, Identity, Order, Origin, StoredToken,
};
pub use error::VaultError;
pub use file::{FORMAT_VERSION, SealedVault, UnlockedVault};
pub use identities::{Activation, ActivationTarget, DocumentError, Duplicates};
pub use kdf::{DerivedKey, KdfCosts, KdfError, KdfParams, KdfRequest, KeyEncryptionKey};
pub use listing::GROUP_NAME_MAX;
pub use migrate::DOCUMENT_SCHEMA;
pub use passkey_slot::{NewPasskey, PRF_SALT_BYTES, Passkey, PasskeyAnswer, PrfOutput, SlotKinds};
pub use pin::{Pin, is_weak};
pub use pin_slot::NewPinSlot;
pub use recovery_slot::{NewRecoverySlot, Recovery};

/// A source of random bytes: the OS/browser CSPRNG in the app, a seeded
/// sequence in tests that need determinism.
pub trait Entropy {
    /// # Errors
    /// [`VaultError::Random`] when no random source is available.
    fn fill(&mut self, bytes: &mut [u8]) -> Result<(), VaultError>;
}

/// The platform's CSPRNG (`crypto.getRandomValues` in the browser).
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, bytes: &mut [u8]) -> Result<(), VaultError> {
        getrandom::fill(bytes).map_err(|_| VaultError::Random)
    }
}
