//! Secure activation links:
//! `igmobileotp://?action=secactivate&enc=<base64>&v=1&mac=<base64>`,
//! opened with a numeric activation password that reaches the user by
//! another way.
//!
//! `enc` = salt (8 bytes) || AES-128-CBC(PKCS#7) ciphertext.
//! K = PBKDF2-HMAC-SHA256(password ASCII, salt, 1000, 64 bytes);
//! AES key = K[0..16], MAC key = K[16..48], IV = K[48..64].
//! `mac` = HMAC-SHA256(MAC key, the query text after `?` up to its last `&`,
//! exactly as it stands, still percent-encoded)[0..12].
//! The MAC is checked, in constant time, before anything is decrypted, so a
//! wrong password is reported as such and never as garbage.

use super::codes::{ActivationCode, InvalidCode, SerialNumber};
use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use thiserror::Error;
use zeroize::{Zeroize, Zeroizing};

const SCHEME: &str = "igmobileotp://";
const KDF_ITERATIONS: u32 = 1000;
const SALT_BYTES: usize = 8;
const MAC_BYTES: usize = 12;

/// What a secure activation link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecureActivation {
    pub serial: SerialNumber,
    pub activation_code: ActivationCode,
    /// The issuer's policy, a JSON text kept exactly as sent: the secret
    /// derivation hashes its bytes.
    pub policy: Option<String>,
    pub regurl: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LinkError {
    #[error("This is not an igmobileotp:// activation link.")]
    NotALink,
    #[error("The activation link has no {0} parameter.")]
    Missing(&'static str),
    #[error("The activation link's action is not secactivate.")]
    UnsupportedAction,
    #[error("The activation link's version {0} is not supported (only 1).")]
    UnsupportedVersion(String),
    #[error("The activation link's {0} parameter is damaged.")]
    Damaged(&'static str),
    #[error("The activation password is wrong (or the link was changed on its way).")]
    WrongPassword,
    #[error("The activation link opened, but its contents are not a valid activation.")]
    BadPayload,
    #[error("The activation link holds a bad code: {0}")]
    Code(#[from] InvalidCode),
}

#[derive(Serialize, Deserialize)]
struct Payload {
    sn: String,
    ac: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regurl: Option<String>,
}

impl Drop for Payload {
    fn drop(&mut self) {
        self.ac.zeroize();
    }
}

/// Base64 as it is found in the wild: standard or URL-safe, padded or not.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let standard = GeneralPurpose::new(&base64::alphabet::STANDARD, config);
    let url_safe = GeneralPurpose::new(&base64::alphabet::URL_SAFE, config);
    standard
        .decode(text)
        .or_else(|_| url_safe.decode(text))
        .ok()
}

struct LinkKeys(Zeroizing<[u8; 64]>);

impl LinkKeys {
    fn derive(password: &str, salt: &[u8]) -> Self {
        let mut k = Zeroizing::new([0u8; 64]);
        pbkdf2::pbkdf2_hmac::<Sha256>(password.trim().as_bytes(), salt, KDF_ITERATIONS, k.as_mut());
        Self(k)
    }
    fn aes_key(&self) -> &[u8] {
        &self.0[..16]
    }
    fn mac_key(&self) -> &[u8] {
        &self.0[16..48]
    }
    fn iv(&self) -> &[u8] {
        &self.0[48..64]
    }
    fn mac(&self) -> Option<Hmac<Sha256>> {
        <Hmac<Sha256> as Mac>::new_from_slice(self.mac_key()).ok()
    }
}

/// Opens a link and returns the payload's bytes exactly as decrypted.
///
/// # Errors
/// [`LinkError::WrongPassword`] when the MAC does not match; the others
/// when the link is malformed.
pub fn decrypt_link_payload(link: &str, password: &str) -> Result<Zeroizing<Vec<u8>>, LinkError> {
    let link = link.trim();
    let head = link.get(..SCHEME.len()).ok_or(LinkError::NotALink)?;
    if !head.eq_ignore_ascii_case(SCHEME) {
        return Err(LinkError::NotALink);
    }
    let query = link
        .split_once('?')
        .map(|(_, q)| q)
        .ok_or(LinkError::Missing("enc"))?;
    let (signed, last) = query.rsplit_once('&').ok_or(LinkError::Missing("mac"))?;
    let mac_text = last.strip_prefix("mac=").ok_or(LinkError::Missing("mac"))?;

    let (mut action, mut version, mut enc) = (None, None, None);
    for pair in signed.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode_str(value).decode_utf8_lossy().into_owned();
        match key {
            "action" => action = Some(value),
            "v" => version = Some(value),
            "enc" => enc = Some(value),
            _ => {}
        }
    }
    if action.ok_or(LinkError::Missing("action"))? != "secactivate" {
        return Err(LinkError::UnsupportedAction);
    }
    let version = version.ok_or(LinkError::Missing("v"))?;
    if version != "1" {
        return Err(LinkError::UnsupportedVersion(version));
    }
    let enc =
        base64_decode(&enc.ok_or(LinkError::Missing("enc"))?).ok_or(LinkError::Damaged("enc"))?;
    let tag = base64_decode(&percent_decode_str(mac_text).decode_utf8_lossy())
        .ok_or(LinkError::Damaged("mac"))?;
    if tag.len() != MAC_BYTES {
        return Err(LinkError::Damaged("mac"));
    }
    if enc.len() < SALT_BYTES + 16 || !(enc.len() - SALT_BYTES).is_multiple_of(16) {
        return Err(LinkError::Damaged("enc"));
    }
    let (salt, ciphertext) = enc.split_at(SALT_BYTES);
    let keys = LinkKeys::derive(password, salt);
    let mut mac = keys.mac().ok_or(LinkError::WrongPassword)?;
    mac.update(signed.as_bytes());
    mac.verify_truncated_left(&tag)
        .map_err(|_| LinkError::WrongPassword)?;

    let decryptor = cbc::Decryptor::<aes::Aes128>::new_from_slices(keys.aes_key(), keys.iv())
        .map_err(|_| LinkError::BadPayload)?;
    decryptor
        .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
        .map(Zeroizing::new)
        .map_err(|_| LinkError::BadPayload)
}

/// Opens a link and reads the activation it carries.
///
/// # Errors
/// As [`decrypt_link_payload`], plus those of [`decode_payload`].
pub fn decode_link(link: &str, password: &str) -> Result<SecureActivation, LinkError> {
    decode_payload(&decrypt_link_payload(link, password)?)
}

/// Reads a decrypted payload: JSON with `sn`, `ac`, and optionally
/// `policy` and `regurl`.
///
/// # Errors
/// [`LinkError::BadPayload`] when it is not that JSON; [`LinkError::Code`]
/// when a code in it is invalid.
pub fn decode_payload(plaintext: &[u8]) -> Result<SecureActivation, LinkError> {
    let payload: Payload = serde_json::from_slice(plaintext).map_err(|_| LinkError::BadPayload)?;
    Ok(SecureActivation {
        serial: SerialNumber::parse(&payload.sn)?,
        activation_code: ActivationCode::parse(&payload.ac)?,
        policy: payload.policy.clone(),
        regurl: payload.regurl.clone(),
    })
}

/// `+`, `/` and `=` of Base64 are escaped; the MAC covers the escaped text.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Makes a link (the Self-Service side), from a salt of 8 random bytes.
pub fn encode_link(
    activation: &SecureActivation,
    password: &str,
    salt: [u8; SALT_BYTES],
) -> Zeroizing<String> {
    let payload = Payload {
        sn: activation.serial.formatted().replace('-', ""),
        ac: activation.activation_code.formatted().replace('-', ""),
        policy: activation.policy.clone(),
        regurl: activation.regurl.clone(),
    };
    // Serializing a struct of strings cannot fail.
    let plaintext = Zeroizing::new(serde_json::to_vec(&payload).unwrap_or_default());
    let keys = LinkKeys::derive(password, &salt);
    let mut enc = salt.to_vec();
    if let Ok(encryptor) = cbc::Encryptor::<aes::Aes128>::new_from_slices(keys.aes_key(), keys.iv())
    {
        enc.extend(encryptor.encrypt_padded_vec_mut::<Pkcs7>(&plaintext));
    }
    let standard = base64::engine::general_purpose::STANDARD;
    let signed = format!(
        "action=secactivate&enc={}&v=1",
        utf8_percent_encode(&standard.encode(&enc), QUERY_VALUE)
    );
    let tag = keys
        .mac()
        .map(|mut mac| {
            mac.update(signed.as_bytes());
            mac.finalize().into_bytes()[..MAC_BYTES].to_vec()
        })
        .unwrap_or_default();
    Zeroizing::new(format!(
        "{SCHEME}?{signed}&mac={}",
        utf8_percent_encode(&standard.encode(tag), QUERY_VALUE)
    ))
}
