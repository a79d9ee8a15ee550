//! A password in place of the PIN (issue 19): a `password` slot, the same
//! Argon2id, opened by that password only, and kept as a password through
//! a change and through requiring a passkey.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

mod common;

use common::{COSTS, derive, ready};
use vault::{
    Document, NewPasskey, NewPinSlot, OsEntropy, PasskeyAnswer, Pin, PrfOutput, SealedVault,
    UnlockedVault, VaultError,
};

fn slot(secret: &Pin) -> NewPinSlot {
    ready(NewPinSlot::prepare(secret, COSTS, &derive, &mut OsEntropy)).unwrap()
}

fn slot_types(sealed: &SealedVault) -> Vec<String> {
    let text = sealed.to_text();
    let body: serde_json::Value = serde_json::from_str(text.split_once('\n').unwrap().1).unwrap();
    body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|slot| slot["type"].as_str().unwrap().to_owned())
        .collect()
}

fn password() -> Pin {
    Pin::password("river lamp orbit 42").unwrap()
}

#[test]
fn a_vault_made_with_a_password_opens_with_that_password_only() {
    let (_, sealed) =
        UnlockedVault::create_with(&slot(&password()), &Document::default(), &mut OsEntropy)
            .unwrap();
    let sealed = SealedVault::parse(&sealed.to_text()).unwrap();
    assert_eq!(slot_types(&sealed), ["password"]);
    assert!(sealed.uses_password());
    assert!(ready(sealed.open_with_pin(&password(), &derive)).is_ok());
    let other = Pin::password("river lamp orbit 43").unwrap();
    assert_eq!(
        ready(sealed.open_with_pin(&other, &derive)).unwrap_err(),
        VaultError::WrongPin
    );
}

#[test]
fn a_pin_changed_to_a_password_and_back_is_each_time_the_only_one_that_opens() {
    let pin = Pin::new("246810").unwrap();
    let (mut vault, before) =
        UnlockedVault::create_with(&slot(&pin), &Document::default(), &mut OsEntropy).unwrap();
    assert!(!before.uses_password());
    let changed = vault.set_pin(&slot(&password()), &mut OsEntropy).unwrap();
    assert_eq!(slot_types(&changed), ["password"]);
    assert!(changed.uses_password());
    assert_eq!(
        ready(changed.open_with_pin(&pin, &derive)).unwrap_err(),
        VaultError::WrongPin
    );
    assert!(ready(changed.open_with_pin(&password(), &derive)).is_ok());
    let back = vault.set_pin(&slot(&pin), &mut OsEntropy).unwrap();
    assert_eq!(slot_types(&back), ["pin"]);
    assert!(ready(back.open_with_pin(&pin, &derive)).is_ok());
}

#[test]
fn a_password_required_with_a_passkey_stays_a_password() {
    let (mut vault, _) =
        UnlockedVault::create_with(&slot(&password()), &Document::default(), &mut OsEntropy)
            .unwrap();
    let prf = PrfOutput::from_bytes(&[4; 32]).unwrap();
    let passkey = NewPasskey {
        credential_id: vec![1; 16],
        rp_id: "localhost".into(),
        label: "This laptop".into(),
        created_at_ms: 0,
        prf_salt: vec![2; 32],
    };
    vault
        .add_passkey(&passkey, &prf, None, &mut OsEntropy)
        .unwrap();
    let answer = PasskeyAnswer {
        credential_id: vec![1; 16],
        prf,
    };
    let required = vault
        .require_passkey_with_pin(
            true,
            &slot(&password()),
            std::slice::from_ref(&answer),
            &mut OsEntropy,
        )
        .unwrap();
    let required = SealedVault::parse(&required.to_text()).unwrap();
    assert!(
        required.uses_password(),
        "the PIN screen would ask for a PIN"
    );
    assert!(ready(required.open_with_pin_and_passkey(&password(), &answer, &derive)).is_ok());
    let off = vault
        .require_passkey_with_pin(false, &slot(&password()), &[answer], &mut OsEntropy)
        .unwrap();
    assert_eq!(slot_types(&off)[0], "password");
}
