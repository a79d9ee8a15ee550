//! The vault format's guarantees, natively.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod common;

use common::Sequence;
use otp::{Algorithm, Kind, Secret, Token};
use vault::{
    Document, Entropy, Identity, KdfParams, KeyEncryptionKey, Origin, OsEntropy, Pin, SealedVault,
    StoredToken, UnlockedVault, VaultError,
};

/// Small costs keep the native tests fast; the format is the same.
const TEST_MEMORY_KIB: u32 = 256;

fn identity(name: &str) -> Identity {
    let token = Token::totp(
        Secret::from_slice(b"12345678901234567890"),
        Algorithm::Sha256,
        6,
        30,
    )
    .unwrap();
    let mut identity = Identity::new(
        format!("id-{name}"),
        name.to_owned(),
        Some("AnyBank".into()),
        1_700_000_000_000,
        Origin::Activation {
            serial: "48244-13456".into(),
            activated_at: Some(1_700_000_000_000),
            registration_code: Some("12211-49352".into()),
        },
    );
    identity.token = Some(StoredToken::from_token(&token));
    identity
}

fn document() -> Document {
    Document {
        identities: vec![identity("AnyBank"), {
            let hotp = Token::new(
                Secret::from_slice(b"abc"),
                Algorithm::Sha1,
                8,
                Kind::Hotp { counter: 7 },
            )
            .unwrap();
            Identity {
                origin: Origin::Added,
                token: Some(StoredToken::from_token(&hotp)),
                ..identity("Mail")
            }
        }],
        ..Document::default()
    }
}

fn create(pin: &str, entropy: &mut dyn Entropy) -> (UnlockedVault, SealedVault) {
    let kdf = KdfParams::fresh_with(TEST_MEMORY_KIB, 1, entropy).unwrap();
    let kek = KeyEncryptionKey::derive(&Pin::new(pin).unwrap(), &kdf).unwrap();
    UnlockedVault::create(&kek, kdf, &document(), entropy).unwrap()
}

#[test]
fn round_trip_through_text() {
    let (_, sealed) = create("2468", &mut OsEntropy);
    let text = sealed.to_text();
    assert!(text.starts_with("SOFTTOKEN-VAULT 1 "));
    assert!(
        !text.contains("GEZDGNBVGY3TQOJQ"),
        "the secret's Base32 must not appear in the record"
    );
    let (_, opened) = SealedVault::parse(&text)
        .unwrap()
        .unlock(&Pin::new("2468").unwrap())
        .unwrap();
    assert_eq!(opened, document());
    let token = opened.identities[1]
        .token
        .as_ref()
        .unwrap()
        .to_token()
        .unwrap();
    assert_eq!(token.kind(), Kind::Hotp { counter: 7 });
}

#[test]
fn a_wrong_pin_is_a_wrong_pin() {
    let (_, sealed) = create("2468", &mut OsEntropy);
    let parsed = SealedVault::parse(&sealed.to_text()).unwrap();
    assert_eq!(
        parsed.unlock(&Pin::new("2469").unwrap()).unwrap_err(),
        VaultError::WrongPin
    );
    assert_eq!(
        parsed.unlock(&Pin::new("24680").unwrap()).unwrap_err(),
        VaultError::WrongPin
    );
}

#[test]
fn every_flipped_byte_is_an_integrity_error_never_another_vault() {
    let (_, sealed) = create("2468", &mut OsEntropy);
    let text = sealed.to_text();
    let pin = Pin::new("2468").unwrap();
    for index in 0..text.len() {
        let mut bytes = text.clone().into_bytes();
        bytes[index] ^= 0x01;
        let flipped = String::from_utf8(bytes).unwrap();
        let result = SealedVault::parse(&flipped).and_then(|v| v.unlock(&pin));
        assert!(
            matches!(result, Err(VaultError::Corrupt(_))),
            "flipping byte {index} gave {:?}",
            result.map(|(_, document)| document)
        );
    }
}

#[test]
fn changes_behind_a_recomputed_checksum_still_never_give_another_vault() {
    use sha2::Digest;
    let (_, sealed) = create("2468", &mut OsEntropy);
    let text = sealed.to_text();
    let json = text.split_once('\n').unwrap().1;
    let pin = Pin::new("2468").unwrap();
    for index in (0..json.len()).step_by(3) {
        let mut bytes = json.as_bytes().to_vec();
        bytes[index] ^= 0x01;
        let json = String::from_utf8(bytes).unwrap();
        let checksum: String = sha2::Sha256::digest(json.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let forged = format!("SOFTTOKEN-VAULT 1 {checksum}\n{json}");
        match SealedVault::parse(&forged).and_then(|v| v.unlock(&pin)) {
            Ok((_, opened)) => assert_eq!(opened, document(), "byte {index} changed the contents"),
            Err(error) => assert!(
                matches!(
                    error,
                    VaultError::Corrupt(_)
                        | VaultError::WrongPin
                        | VaultError::NoPinSlot
                        | VaultError::KdfParams
                ),
                "{error:?}"
            ),
        }
    }
}

#[test]
fn a_pin_change_rewraps_the_key_and_keeps_the_data() {
    let (mut vault, before) = create("2468", &mut OsEntropy);
    let kdf = KdfParams::fresh_with(TEST_MEMORY_KIB, 1, &mut OsEntropy).unwrap();
    let kek = KeyEncryptionKey::derive(&Pin::new("135790").unwrap(), &kdf).unwrap();
    let after = vault.set_pin_slot(&kek, kdf, &mut OsEntropy).unwrap();
    let after = SealedVault::parse(&after.to_text()).unwrap();
    assert_eq!(
        after.unlock(&Pin::new("2468").unwrap()).unwrap_err(),
        VaultError::WrongPin
    );
    assert_eq!(
        after.unlock(&Pin::new("135790").unwrap()).unwrap().1,
        document()
    );
    // Only the slot changed: the payload is byte for byte the same.
    let payload = |v: &SealedVault| v.to_text().split("\"nonce\"").last().unwrap().to_owned();
    assert_eq!(payload(&before), payload(&after));
}

#[test]
fn weaker_kdf_parameters_are_detected_and_rewrapped() {
    let (mut vault, sealed) = create("2468", &mut OsEntropy);
    assert!(
        sealed
            .pin_kdf()
            .unwrap()
            .weaker_than(TEST_MEMORY_KIB * 2, 1)
    );
    assert!(!sealed.pin_kdf().unwrap().weaker_than(TEST_MEMORY_KIB, 1));
    let stronger = KdfParams::fresh_with(TEST_MEMORY_KIB * 2, 2, &mut OsEntropy).unwrap();
    let kek = KeyEncryptionKey::derive(&Pin::new("2468").unwrap(), &stronger).unwrap();
    let upgraded = SealedVault::parse(
        &vault
            .set_pin_slot(&kek, stronger, &mut OsEntropy)
            .unwrap()
            .to_text(),
    )
    .unwrap();
    assert_eq!(upgraded.pin_kdf().unwrap().memory_kib, TEST_MEMORY_KIB * 2);
    assert_eq!(upgraded.pin_kdf().unwrap().iterations, 2);
    assert!(
        !upgraded
            .pin_kdf()
            .unwrap()
            .weaker_than(TEST_MEMORY_KIB * 2, 2)
    );
    assert_eq!(
        upgraded.unlock(&Pin::new("2468").unwrap()).unwrap().1,
        document()
    );
}

#[test]
fn every_write_uses_a_fresh_nonce() {
    let (mut vault, first) = create("2468", &mut OsEntropy);
    let second = vault.seal(&document(), &mut OsEntropy).unwrap();
    assert_ne!(first.to_text(), second.to_text());
    assert_eq!(
        SealedVault::parse(&second.to_text())
            .unwrap()
            .unlock(&Pin::new("2468").unwrap())
            .unwrap()
            .1,
        document()
    );
}

#[test]
fn slots_of_unknown_types_survive_a_write() {
    let (_, sealed) = create("2468", &mut OsEntropy);
    let text = sealed.to_text();
    let json = text.split_once('\n').unwrap().1;
    let future_slot = r#"{"type":"webauthn-prf","id":"ff","credential":"abc"}"#;
    let json = json.replacen("\"slots\":[", &format!("\"slots\":[{future_slot},"), 1);
    use sha2::Digest;
    let checksum: String = sha2::Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let with_future = SealedVault::parse(&format!("SOFTTOKEN-VAULT 1 {checksum}\n{json}")).unwrap();
    let (mut vault, opened) = with_future.unlock(&Pin::new("2468").unwrap()).unwrap();
    let rewritten = vault.seal(&opened, &mut OsEntropy).unwrap().to_text();
    let body: serde_json::Value =
        serde_json::from_str(rewritten.split_once('\n').unwrap().1).unwrap();
    let expected: serde_json::Value = serde_json::from_str(future_slot).unwrap();
    assert!(
        body["slots"].as_array().unwrap().contains(&expected),
        "{rewritten}"
    );
    assert_eq!(body["slots"].as_array().unwrap().len(), 2);
}

#[test]
fn newer_formats_and_foreign_text_are_refused_without_guessing() {
    assert_eq!(
        SealedVault::parse("SOFTTOKEN-VAULT 2 00\n{}").unwrap_err(),
        VaultError::NewerFormat(2)
    );
    assert!(matches!(
        SealedVault::parse("{\"version\":1}"),
        Err(VaultError::Corrupt(_))
    ));
    assert!(matches!(
        SealedVault::parse(""),
        Err(VaultError::Corrupt(_))
    ));
}

#[test]
fn debug_output_never_shows_key_bytes_or_secrets() {
    let mut entropy = Sequence(0);
    let (vault, _) = create("2468", &mut entropy);
    let printed = format!("{vault:?} {:?}", document());
    assert!(printed.contains("redacted"));
    // The Sequence made the salt from bytes 1..=16, the id from 17..=32 and
    // the data key from 33..=64: neither its decimal list nor its hex appear.
    let key: Vec<u8> = (33..=64).collect();
    assert!(!printed.contains(&format!("{key:?}")));
    let key_hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    assert!(!printed.contains(&key_hex));
    assert!(!printed.contains("12345678901234567890"));
}

#[test]
fn the_record_grows_linearly_with_the_identities() {
    let kdf = KdfParams::fresh_with(TEST_MEMORY_KIB, 1, &mut OsEntropy).unwrap();
    let kek = KeyEncryptionKey::derive(&Pin::new("2468").unwrap(), &kdf).unwrap();
    let size_for = |count: usize| {
        let mut document = Document::default();
        for index in 0..count {
            let mut entry = identity(&format!("Identity {index:03}"));
            entry.id = format!("{index:016x}");
            document.identities.push(entry);
        }
        let (_, sealed) =
            UnlockedVault::create(&kek, kdf.clone(), &document, &mut OsEntropy).unwrap();
        sealed.to_text().len()
    };
    let (empty, one, hundred) = (size_for(0), size_for(1), size_for(100));
    let per_identity = one - empty;
    println!("vault record: empty {empty} B, 1 identity {one} B, 100 identities {hundred} B");
    // Base64 of AES-GCM ciphertext: every identity costs the same, so 100
    // cost 100 times one, give or take an identity's worth of rounding.
    assert!(
        hundred.abs_diff(empty + 100 * per_identity) <= per_identity,
        "{empty} {one} {hundred}"
    );
    assert!(per_identity < 600, "{per_identity} bytes per identity");
}
