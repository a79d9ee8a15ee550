//! The IdentityGuard-style activation protocol, both sides: the device
//! (parse the Serial Number and Activation Code, make the Registration Code,
//! derive the token) and Self-Service (issue codes and secure links, check a
//! Registration Code, derive the same token).
//!
//! Specified in `docs/activation-protocol.md`; every constant here is named
//! there. The derivation never depends on the Registration Code's check
//! value, so codes made by other soft-token apps derive the same secret.

mod codes;
mod derive;
mod issue;
mod link;
mod recovery;

pub use codes::{
    ActivationCode, CodeKind, CodeProblem, InvalidCode, RegistrationCode, SerialNumber,
};
pub use derive::{ActivationDigits, derive_secret, derive_token};
pub use issue::{Issued, issue, issue_from};
pub use link::{
    LinkError, SecureActivation, decode_link, decode_payload, decrypt_link_payload, encode_link,
};
pub use recovery::{PinResetCode, UNLOCK_CODE_DOMAIN, UnlockCode};
