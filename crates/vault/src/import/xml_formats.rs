//! Android shared-preferences XML files (`<map>` of `<string name=…>`),
//! told apart by the names they hold:
//!
//! | names | app |
//! |---|---|
//! | `com.authy.storage.tokens.authenticator.key` (or `….authy.key`) | Authy |
//! | `com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET` | Battle.net Authenticator |
//! | `tokenOrder`, and strings that are FreeOTP token objects | FreeOTP (v1) |
//!
//! Parsed with roxmltree, which never fetches an external entity and caps
//! entity expansion, so a crafted file can neither reach out nor explode.

use super::{App, ImportError, Imported, Opened, damaged, skip};
use serde_json::Value;

const AUTHY_KEYS: [&str; 2] = [
    "com.authy.storage.tokens.authenticator.key",
    "com.authy.storage.tokens.authy.key",
];
const BATTLE_NET_SECRET: &str = "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET";
const BATTLE_NET_SERIAL: &str = "com.blizzard.messenger.AUTHENTICATOR_SERIAL";

/// The key Battle.net's app XORs its hex-encoded secret and serial with
/// (public, the same in every install: a mask, not encryption).
const BATTLE_NET_MASK: [u8; 56] = [
    0x39, 0x8e, 0x27, 0xfc, 0x50, 0x27, 0x6a, 0x65, 0x60, 0x65, 0xb0, 0xe5, 0x25, 0xf4, 0xc0, 0x6c,
    0x04, 0xc6, 0x10, 0x75, 0x28, 0x6b, 0x8e, 0x7a, 0xed, 0xa5, 0x9d, 0xa9, 0x81, 0x3b, 0x5d, 0xd6,
    0xc8, 0x0d, 0x2f, 0xb3, 0x80, 0x68, 0x77, 0x3f, 0xa5, 0x9b, 0xa4, 0x7c, 0x17, 0xca, 0x6c, 0x64,
    0x79, 0x01, 0x5c, 0x1d, 0x5b, 0x8b, 0x8f, 0x6b,
];

pub(super) fn read(text: &str) -> Result<Opened, ImportError> {
    let document = roxmltree::Document::parse(text).map_err(|_| ImportError::UnknownFormat)?;
    let map = document.root_element();
    if !map.has_tag_name("map") {
        return Err(ImportError::UnknownFormat);
    }
    let strings: Vec<(&str, String)> = map
        .children()
        .filter(|node| node.has_tag_name("string"))
        .filter_map(|node| {
            Some((
                node.attribute("name")?,
                node.text().unwrap_or_default().to_owned(),
            ))
        })
        .collect();
    let find = |key: &str| {
        strings
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value)
    };
    if let Some(list) = AUTHY_KEYS.iter().find_map(|key| find(key)) {
        return match serde_json::from_str(list) {
            Ok(Value::Array(items)) => Ok(super::authy::read(items)),
            _ => Err(damaged(App::Authy, "its token list is not JSON")),
        };
    }
    if let Some(secret) = find(BATTLE_NET_SECRET) {
        return Ok(Opened::Read(battle_net(secret, find(BATTLE_NET_SERIAL))));
    }
    if find("tokenOrder").is_some() {
        let tokens: Vec<Value> = strings
            .iter()
            .filter(|(name, _)| *name != "tokenOrder")
            .filter_map(|(_, value)| serde_json::from_str(value).ok())
            .collect();
        return Ok(Opened::Read(super::freeotp_plus::tokens(
            App::FreeOtp,
            &tokens,
        )));
    }
    Err(ImportError::UnknownFormat)
}

/// The one Battle.net token: TOTP SHA1/8/30 s, named by its serial.
fn battle_net(masked_secret: &str, masked_serial: Option<&String>) -> Imported {
    let serial = masked_serial.and_then(|s| unmask(s)).unwrap_or_default();
    let mut imported = Imported {
        app: App::BattleNet,
        entries: Vec::new(),
        skipped: Vec::new(),
    };
    let token = unmask(masked_secret)
        .and_then(|hex_secret| hex::decode(zeroize::Zeroizing::new(hex_secret).as_bytes()).ok())
        .ok_or_else(|| "its secret is not readable".to_owned())
        .and_then(|bytes| {
            let kind = otp::Kind::Totp { period: 30, t0: 0 };
            super::json_formats::token(otp::Secret::new(bytes), otp::Algorithm::Sha1, 8, kind)
        });
    match token {
        Ok(token) => imported.entries.push(super::json_formats::entry(
            serial,
            "Battle.net".into(),
            token,
        )),
        Err(reason) => imported.skipped.push(skip(serial, reason)),
    }
    imported
}

/// Hex-decodes `masked` and XORs it with the mask: the text it hides.
fn unmask(masked: &str) -> Option<String> {
    let bytes = hex::decode(masked.trim()).ok()?;
    if bytes.len() > BATTLE_NET_MASK.len() {
        return None;
    }
    let plain: Vec<u8> = bytes
        .iter()
        .zip(BATTLE_NET_MASK)
        .map(|(b, m)| b ^ m)
        .collect();
    String::from_utf8(plain).ok()
}
