//! The vault's plaintext: the identities, and how the person arranged them
//! (order, favourites, groups, icons, use counts: schema 3). Serialized as
//! JSON inside the encrypted payload; see `docs/vault-format.md` for the
//! schema. The operations on them are in `identities.rs` and `listing.rs`.

use crate::VaultError;
use otp::{Algorithm, Kind, Secret, Token};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// In the person's own order ("Custom").
    pub identities: Vec<Identity>,
    /// The groups' names, in the order their chips show.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// How the initial screen orders the identities.
    #[serde(default, skip_serializing_if = "Order::is_custom")]
    pub order: Order,
}

/// How the initial screen orders the identities; favourites come first in
/// each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// The order the person gave (added last, last; moved by drag or keys).
    #[default]
    Custom,
    Name,
    Issuer,
    MostUsed,
}

impl Order {
    fn is_custom(&self) -> bool {
        *self == Self::Custom
    }
}

/// The picture a card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IconChoice {
    /// The first letter of the issuer (or name), never an icon.
    Letter,
    /// This icon of the pack, by its slug, whatever the issuer.
    Icon(String),
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
    /// "Pin to top": first in every order.
    #[serde(default, skip_serializing_if = "is_false")]
    pub favourite: bool,
    /// Names of the document's groups this identity is in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// How many times its code was copied, for "Most used".
    #[serde(default, skip_serializing_if = "is_zero")]
    pub uses: u64,
    /// `None`: the icon matched by issuer, or the letter when none matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<IconChoice>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if takes a reference
fn is_false(value: &bool) -> bool {
    !*value
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(value: &u64) -> bool {
    *value == 0
}

impl Identity {
    /// A new identity, not in any group, never used.
    pub fn new(
        id: String,
        name: String,
        issuer: Option<String>,
        created_at: u64,
        origin: Origin,
    ) -> Self {
        Self {
            id,
            name,
            issuer,
            created_at,
            origin,
            token: None,
            favourite: false,
            groups: Vec::new(),
            uses: 0,
            icon: None,
        }
    }
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
    /// Pinned to the top (a backup's `favorite`).
    pub favourite: bool,
    /// The names of the groups it is in (a backup's groups).
    pub groups: Vec<String>,
}

impl Entry {
    /// An entry in no group, not a favourite.
    pub fn new(name: String, issuer: Option<String>, token: Token) -> Self {
        Self {
            name,
            issuer,
            token,
            activation: None,
            favourite: false,
            groups: Vec::new(),
        }
    }
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
