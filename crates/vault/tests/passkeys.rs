//! Passkey key slots (WebAuthn PRF): each type round-trips, a
//! `pin+webauthn-prf` slot opens with neither half alone, slot changes
//! leave the payload's bytes as they were, and an independent Python
//! implementation of docs/vault-format.md opens both types.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use std::path::PathBuf;
mod common;

use common::{COSTS, Sequence, derive, ready};
use vault::{
    Document, NewPasskey, NewPinSlot, OsEntropy, PasskeyAnswer, Pin, PrfOutput, SealedVault,
    UnlockedVault, VaultError,
};

fn pin() -> Pin {
    Pin::new("246810").unwrap()
}

fn pin_slot(pin: &Pin) -> NewPinSlot {
    ready(NewPinSlot::prepare(pin, COSTS, &derive, &mut OsEntropy)).unwrap()
}

fn document() -> Document {
    serde_json::from_str(
        r#"{"identities":[{"id":"a1","name":"AnyBank","created_at":1,"origin":{"type":"added"},
        "token":{"secret":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","algorithm":"SHA1","digits":6,"type":"totp","period":30}}]}"#,
    )
    .unwrap()
}

/// A passkey as an authenticator would give it: a credential id, and a
/// PRF output that only "it" knows.
struct Authenticator {
    credential_id: Vec<u8>,
    prf: [u8; 32],
}

impl Authenticator {
    fn new(seed: u8) -> Self {
        Self {
            credential_id: vec![seed; 16],
            prf: [seed.wrapping_mul(31).wrapping_add(7); 32],
        }
    }

    fn answer(&self) -> PasskeyAnswer {
        PasskeyAnswer {
            credential_id: self.credential_id.clone(),
            prf: PrfOutput::from_bytes(&self.prf).unwrap(),
        }
    }

    fn added(&self, label: &str) -> NewPasskey {
        NewPasskey {
            credential_id: self.credential_id.clone(),
            rp_id: "localhost".into(),
            label: label.into(),
            created_at_ms: 1_767_225_600_000,
            prf_salt: NewPasskey::fresh_salt(&mut OsEntropy).unwrap(),
        }
    }
}

fn ciphertext(sealed: &SealedVault) -> serde_json::Value {
    let text = sealed.to_text();
    let body: serde_json::Value = serde_json::from_str(text.split_once('\n').unwrap().1).unwrap();
    serde_json::json!([body["nonce"], body["ciphertext"]])
}

/// A vault with the PIN and one passkey that opens it alone.
fn vault_with_passkey(laptop: &Authenticator) -> (UnlockedVault, SealedVault) {
    let (mut vault, _) =
        UnlockedVault::create_with(&pin_slot(&pin()), &document(), &mut OsEntropy).unwrap();
    let sealed = vault
        .add_passkey(
            &laptop.added("This laptop"),
            &laptop.answer().prf,
            None,
            &mut OsEntropy,
        )
        .unwrap();
    (vault, SealedVault::parse(&sealed.to_text()).unwrap())
}

/// A laptop's passkey, then a spare security key, both opening alone.
fn vault_with_two_passkeys(laptop: &Authenticator, key: &Authenticator) -> UnlockedVault {
    let (mut vault, _) = vault_with_passkey(laptop);
    vault
        .add_passkey(
            &key.added("Security key"),
            &key.answer().prf,
            None,
            &mut OsEntropy,
        )
        .unwrap();
    vault
}

#[test]
fn a_passkey_slot_opens_with_its_passkey_and_the_pin_still_opens() {
    let laptop = Authenticator::new(1);
    let (vault, sealed) = vault_with_passkey(&laptop);
    assert_eq!(ciphertext(&sealed), ciphertext(vault.sealed()));
    let (_, opened) = sealed.open_with_passkey(&laptop.answer()).unwrap();
    assert_eq!(opened, document());
    assert!(ready(sealed.open_with_pin(&pin(), &derive)).is_ok());
    let passkeys = sealed.passkeys();
    assert_eq!(passkeys.len(), 1);
    assert_eq!(passkeys[0].label, "This laptop");
    assert_eq!(passkeys[0].credential_id, laptop.credential_id);
    assert!(!passkeys[0].with_pin);
    assert_eq!(passkeys[0].prf_salt.len(), 32);
}

#[test]
fn a_wrong_prf_output_or_an_unknown_passkey_does_not_open() {
    let laptop = Authenticator::new(1);
    let (_, sealed) = vault_with_passkey(&laptop);
    let mut wrong = laptop.answer();
    wrong.prf = PrfOutput::from_bytes(&[9; 32]).unwrap();
    assert_eq!(
        sealed.open_with_passkey(&wrong).unwrap_err(),
        VaultError::WrongPasskey
    );
    let stranger = Authenticator::new(2);
    assert_eq!(
        sealed.open_with_passkey(&stranger.answer()).unwrap_err(),
        VaultError::UnknownPasskey
    );
    assert_eq!(
        PrfOutput::from_bytes(&[1; 31]).unwrap_err(),
        VaultError::PrfOutput
    );
}

#[test]
fn once_required_neither_the_pin_nor_the_passkey_opens_alone() {
    let laptop = Authenticator::new(1);
    let (mut vault, before) = vault_with_passkey(&laptop);
    let sealed = vault
        .require_passkey_with_pin(true, &pin_slot(&pin()), &[laptop.answer()], &mut OsEntropy)
        .unwrap();
    let sealed = SealedVault::parse(&sealed.to_text()).unwrap();
    assert_eq!(
        ciphertext(&sealed),
        ciphertext(&before),
        "the payload was re-encrypted"
    );
    assert!(!sealed.pin_alone_opens());
    assert_eq!(
        ready(sealed.open_with_pin(&pin(), &derive)).unwrap_err(),
        VaultError::NoPinSlot
    );
    assert_eq!(
        sealed.open_with_passkey(&laptop.answer()).unwrap_err(),
        VaultError::UnknownPasskey
    );
    let wrong_pin = Pin::new("135790").unwrap();
    let opened = ready(sealed.open_with_pin_and_passkey(&wrong_pin, &laptop.answer(), &derive));
    assert_eq!(opened.unwrap_err(), VaultError::WrongPin);
    let mut wrong_prf = laptop.answer();
    wrong_prf.prf = PrfOutput::from_bytes(&[3; 32]).unwrap();
    let opened = ready(sealed.open_with_pin_and_passkey(&pin(), &wrong_prf, &derive));
    assert_eq!(opened.unwrap_err(), VaultError::WrongPin);
    let (_, document_read) =
        ready(sealed.open_with_pin_and_passkey(&pin(), &laptop.answer(), &derive)).unwrap();
    assert_eq!(document_read, document());
    assert!(sealed.passkeys().iter().all(|p| p.with_pin));
}

#[test]
fn turning_it_off_restores_the_pin_alone_and_the_passkey_alone() {
    let laptop = Authenticator::new(1);
    let (mut vault, _) = vault_with_passkey(&laptop);
    let slot = pin_slot(&pin());
    vault
        .require_passkey_with_pin(true, &slot, &[laptop.answer()], &mut OsEntropy)
        .unwrap();
    let sealed = vault
        .require_passkey_with_pin(false, &slot, &[laptop.answer()], &mut OsEntropy)
        .unwrap();
    let sealed = SealedVault::parse(&sealed.to_text()).unwrap();
    assert!(sealed.pin_alone_opens());
    assert!(ready(sealed.open_with_pin(&pin(), &derive)).is_ok());
    assert!(sealed.open_with_passkey(&laptop.answer()).is_ok());
    assert_eq!(sealed.passkeys().len(), 1);
}

#[test]
fn every_passkey_must_answer_a_change_of_mode_or_nothing_changes() {
    let (laptop, key) = (Authenticator::new(1), Authenticator::new(2));
    let mut vault = vault_with_two_passkeys(&laptop, &key);
    let before = vault.sealed().to_text();
    let refused =
        vault.require_passkey_with_pin(true, &pin_slot(&pin()), &[laptop.answer()], &mut OsEntropy);
    assert_eq!(
        refused.unwrap_err(),
        VaultError::PasskeyDidNotAnswer("Security key".into())
    );
    assert_eq!(vault.sealed().to_text(), before);
    let sealed = vault
        .require_passkey_with_pin(
            true,
            &pin_slot(&pin()),
            &[key.answer(), laptop.answer()],
            &mut OsEntropy,
        )
        .unwrap();
    for passkey in [&laptop, &key] {
        assert!(
            ready(sealed.open_with_pin_and_passkey(&pin(), &passkey.answer(), &derive)).is_ok()
        );
    }
}

#[test]
fn removing_a_passkey_keeps_the_rest_and_the_last_required_one_stays() {
    let (laptop, key) = (Authenticator::new(1), Authenticator::new(2));
    let mut vault = vault_with_two_passkeys(&laptop, &key);
    vault
        .require_passkey_with_pin(
            true,
            &pin_slot(&pin()),
            &[laptop.answer(), key.answer()],
            &mut OsEntropy,
        )
        .unwrap();
    let laptop_slot = vault.sealed().passkeys()[0].slot_id.clone();
    let sealed = vault.remove_passkey(&laptop_slot).unwrap();
    assert!(ready(sealed.open_with_pin_and_passkey(&pin(), &key.answer(), &derive)).is_ok());
    assert_eq!(
        ready(sealed.open_with_pin_and_passkey(&pin(), &laptop.answer(), &derive)).unwrap_err(),
        VaultError::UnknownPasskey
    );
    let last = sealed.passkeys()[0].slot_id.clone();
    assert_eq!(
        vault.remove_passkey(&last).unwrap_err(),
        VaultError::LastRequiredPasskey
    );
    assert_eq!(
        vault.remove_passkey("nope").unwrap_err(),
        VaultError::UnknownPasskey
    );
    // With the PIN alone opening, the last passkey may go.
    let (mut plain, _) = vault_with_passkey(&laptop);
    let only = plain.sealed().passkeys()[0].slot_id.clone();
    assert!(plain.remove_passkey(&only).unwrap().passkeys().is_empty());
}

#[test]
fn while_required_a_new_passkey_needs_the_pin_and_the_pin_changes_only_with_the_passkeys() {
    let laptop = Authenticator::new(1);
    let key = Authenticator::new(2);
    let (mut vault, _) = vault_with_passkey(&laptop);
    let slot = pin_slot(&pin());
    vault
        .require_passkey_with_pin(true, &slot, &[laptop.answer()], &mut OsEntropy)
        .unwrap();
    let added = vault.add_passkey(
        &key.added("Security key"),
        &key.answer().prf,
        None,
        &mut OsEntropy,
    );
    assert_eq!(added.unwrap_err(), VaultError::PinNeeded);
    let sealed = vault
        .add_passkey(
            &key.added("Security key"),
            &key.answer().prf,
            Some(&slot),
            &mut OsEntropy,
        )
        .unwrap();
    assert!(ready(sealed.open_with_pin_and_passkey(&pin(), &key.answer(), &derive)).is_ok());
    assert_eq!(
        vault
            .set_pin(&pin_slot(&Pin::new("135790").unwrap()), &mut OsEntropy)
            .unwrap_err(),
        VaultError::PasskeysNeeded
    );
}

#[test]
fn unknown_slot_types_survive_passkey_changes() {
    let laptop = Authenticator::new(1);
    let (_, sealed) = vault_with_passkey(&laptop);
    let text = sealed.to_text();
    let mut body: serde_json::Value =
        serde_json::from_str(text.split_once('\n').unwrap().1).unwrap();
    body["slots"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"type": "future", "x": 1}));
    let json = serde_json::to_string(&body).unwrap();
    let digest: String = <sha2::Sha256 as sha2::Digest>::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let sealed = SealedVault::parse(&format!("SOFTTOKEN-VAULT 1 {digest}\n{json}")).unwrap();
    let (mut vault, _) = sealed.open_with_passkey(&laptop.answer()).unwrap();
    let slot = pin_slot(&pin());
    let after = vault
        .require_passkey_with_pin(true, &slot, &[laptop.answer()], &mut OsEntropy)
        .unwrap()
        .to_text();
    assert!(after.contains(r#"{"type":"future","x":1}"#), "{after}");
}

/// Runs tests/passkey_open.py on `sealed`; its stdout is the document.
fn python_opens(sealed: &SealedVault, prf: &[u8; 32], pin: Option<&str>) -> serde_json::Value {
    let file = std::env::temp_dir().join(format!(
        "softtoken-passkey-{}-{}.txt",
        std::process::id(),
        pin.is_some()
    ));
    std::fs::write(&file, sealed.to_text()).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/passkey_open.py");
    let prf_hex: String = prf.iter().map(|b| format!("{b:02x}")).collect();
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .arg(prf_hex)
        .args(pin)
        .output()
        .unwrap();
    std::fs::remove_file(&file).ok();
    assert!(
        output.status.success(),
        "python: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// docs/vault-format.md is precise enough for another implementation:
/// Python's HKDF, Argon2id and AES-GCM open both slot types.
#[test]
fn an_independent_python_implementation_opens_both_slot_types() {
    let laptop = Authenticator::new(1);
    let (mut vault, sealed) = vault_with_passkey(&laptop);
    let alone = python_opens(&sealed, &laptop.prf, None);
    assert_eq!(alone["identities"][0]["name"], "AnyBank");
    let required = vault
        .require_passkey_with_pin(true, &pin_slot(&pin()), &[laptop.answer()], &mut OsEntropy)
        .unwrap();
    let with_pin = python_opens(&required, &laptop.prf, Some("246810"));
    assert_eq!(
        with_pin["identities"][0]["token"]["secret"],
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    );
}

/// The example of docs/vault-format.md ("Passkey slots: known answers"),
/// made with [`Sequence`] as the random source: the vault id, data key,
/// salts, slot ids and nonces are the bytes it names. The expected values
/// were computed from the spec with Python's cryptography package, not by
/// this crate.
fn known_answer_vault() -> (UnlockedVault, SealedVault, SealedVault) {
    let mut entropy = Sequence(0);
    let slot = ready(NewPinSlot::prepare(&pin(), COSTS, &derive, &mut entropy)).unwrap();
    let (mut vault, _) = UnlockedVault::create_with(&slot, &document(), &mut entropy).unwrap();
    let passkey = NewPasskey {
        credential_id: vec![0xc0; 16],
        rp_id: "localhost".into(),
        label: "This laptop".into(),
        created_at_ms: 1_767_225_600_000,
        prf_salt: vec![0xee; 32],
    };
    let prf = PrfOutput::from_bytes(&[0x5a; 32]).unwrap();
    let alone = vault
        .add_passkey(&passkey, &prf, None, &mut entropy)
        .unwrap();
    let answer = PasskeyAnswer {
        credential_id: vec![0xc0; 16],
        prf,
    };
    let pin_half = ready(NewPinSlot::prepare(&pin(), COSTS, &derive, &mut entropy)).unwrap();
    let required = vault
        .require_passkey_with_pin(true, &pin_half, &[answer], &mut entropy)
        .unwrap();
    (vault, alone, required)
}

fn slots(sealed: &SealedVault) -> Vec<serde_json::Value> {
    let text = sealed.to_text();
    let body: serde_json::Value = serde_json::from_str(text.split_once('\n').unwrap().1).unwrap();
    body["slots"].as_array().unwrap().clone()
}

fn slot_of_type<'a>(slots: &'a [serde_json::Value], kind: &str) -> &'a serde_json::Value {
    slots.iter().find(|slot| slot["type"] == kind).unwrap()
}

#[test]
fn known_answers_match_the_spec() {
    let (_, alone, required) = known_answer_vault();
    assert_eq!(alone.id(), "1112131415161718191a1b1c1d1e1f20");
    let alone_slots = slots(&alone);
    let slot = slot_of_type(&alone_slots, "webauthn-prf");
    assert_eq!(slot["id"], "6162636465666768");
    assert_eq!(slot["nonce"], "aWprbG1ub3BxcnN0");
    assert_eq!(
        slot["wrapped_key"],
        "idvr9Pp76cM4HmzUHvW3Asj04AfmYiw18RgPBOLcqZlvE8dpXFeCSbsMabC0630e"
    );
    let required_slots = slots(&required);
    assert_eq!(required_slots.len(), 1, "the pin slot is gone");
    let slot = slot_of_type(&required_slots, "pin+webauthn-prf");
    assert_eq!(slot["id"], "85868788898a8b8c");
    assert_eq!(slot["kdf"]["salt"], "dXZ3eHl6e3x9fn+AgYKDhA==");
    assert_eq!(slot["nonce"], "jY6PkJGSk5SVlpeY");
    assert_eq!(
        slot["wrapped_key"],
        "mThE9wP1J721wT0b2YPB9iMLtkZQqKRFEpxXMuWrBUkIdjHqGocicymPNWbMFWVf"
    );
}
