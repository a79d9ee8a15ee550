//! The vault's plaintext: the identities. Serialized as JSON inside the
//! encrypted payload; see `docs/vault-format.md` for the schema. The
//! operations on them are in `identities.rs`.

use crate::VaultError;
use otp::{Algorithm, Kind, Secret, Token};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub identities: Vec<Identity>,
}

/// One soft token identity, as the initial screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Random, stable across renames; hex.
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Unix milliseconds.
    pub created_at: u64,
    pub origin: Origin,
    /// `None` after Reactivate cleared it and before the next activation.
    pub token: Option<StoredToken>,
}

/// Where the token came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Origin {
    /// The activation protocol: Serial Number and Activation Code.
    Activation {
        /// `NNNNN-NNNNN`
        serial: String,
        /// Unix milliseconds of the last activation, `None` while cleared.
        activated_at: Option<u64>,
        /// `NNNNN-NNNNN`, kept so it can be shown again until Self-Service has it.
        registration_code: Option<String>,
    },
    /// A QR code, a link, an import or a secret typed by hand.
    Added,
}

/// A token with its names, not yet stored: what a QR code, a link, a typed
/// secret or a backup gives, and what a backup is written from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub issuer: Option<String>,
    pub token: Token,
    /// Set for an identity of the activation protocol.
    pub activation: Option<ActivationDetails>,
}

/// What restores an activation identity as one (a backup keeps it in the
/// entry's note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationDetails {
    pub serial: String,
    pub activated_at: Option<u64>,
}

/// A token's secret and parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredToken {
    #[serde(
        serialize_with = "secret_to_base32",
        deserialize_with = "secret_from_base32"
    )]
    pub secret: Secret,
    pub algorithm: Algorithm,
    pub digits: u8,
    #[serde(flatten)]
    pub kind: Kind,
}

impl StoredToken {
    pub fn from_token(token: &Token) -> Self {
        Self {
            secret: token.secret().clone(),
            algorithm: token.algorithm(),
            digits: token.digits(),
            kind: token.kind(),
        }
    }

    /// # Errors
    /// [`VaultError::Corrupt`] when stored parameters are out of range.
    pub fn to_token(&self) -> Result<Token, VaultError> {
        Token::new(self.secret.clone(), self.algorithm, self.digits, self.kind)
            .map_err(|_| VaultError::Corrupt("a token's parameters are out of range"))
    }
}

fn secret_to_base32<S: Serializer>(secret: &Secret, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&otp::base32::encode(secret.expose()))
}

fn secret_from_base32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = Secret;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a Base32 secret")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Secret, E> {
            otp::base32::decode(text).map_err(|_| E::custom("a secret is not Base32"))
        }
    }
    deserializer.deserialize_str(Visitor)
}
