//! Recovery slots (issue 20): the issuer's Unlock Code opens the vault,
//! only that code, only until the slot is replaced; the slot goes with its
//! identity; PIN and passkey changes leave it alone.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use otp::activation::{PinResetCode, UnlockCode};
mod common;

use common::{COSTS, derive, ready};
use vault::{
    Document, NewPinSlot, NewRecoverySlot, OsEntropy, Pin, SealedVault, UnlockedVault, VaultError,
};

const SECRET: &[u8] = b"\x9a\x8e\xab\x5e\xcc\x9f\xc4\x13\x75\x8a\x92\xac\x22\x3d\xc6\xa0";

fn pin() -> Pin {
    Pin::new("246810").unwrap()
}

fn recovery_for(secret: &[u8], identity: &str) -> NewRecoverySlot {
    ready(NewRecoverySlot::prepare(
        secret,
        identity,
        "48244-13456",
        "AnyBank",
        COSTS,
        &derive,
        &mut OsEntropy,
    ))
    .unwrap()
}

/// What Self-Service answers for the slot the screen shows.
fn issuer_answer(sealed: &SealedVault, secret: &[u8]) -> UnlockCode {
    let reset = PinResetCode::parse(&sealed.recoveries()[0].reset_code).unwrap();
    UnlockCode::for_secret(secret, &reset)
}

fn vault_with_recovery() -> (UnlockedVault, SealedVault) {
    let slot = ready(NewPinSlot::prepare(&pin(), COSTS, &derive, &mut OsEntropy)).unwrap();
    let (mut vault, _) =
        UnlockedVault::create_with(&slot, &Document::default(), &mut OsEntropy).unwrap();
    let sealed = vault
        .set_recovery(&recovery_for(SECRET, "id-1"), &mut OsEntropy)
        .unwrap();
    (vault, SealedVault::parse(&sealed.to_text()).unwrap())
}

#[test]
fn the_issuers_unlock_code_opens_the_vault_and_another_does_not() {
    let (_, sealed) = vault_with_recovery();
    let recovery = &sealed.recoveries()[0];
    assert_eq!(recovery.identity_id, "id-1");
    assert_eq!(recovery.serial, "48244-13456");
    assert_eq!(recovery.label, "AnyBank");
    assert!(
        !sealed
            .to_text()
            .contains(issuer_answer(&sealed, SECRET).ascii().as_str())
    );
    let code = issuer_answer(&sealed, SECRET);
    assert!(ready(sealed.open_with_unlock_code(&recovery.slot_id, &code, &derive)).is_ok());
    let wrong = issuer_answer(&sealed, b"another secret");
    assert_eq!(
        ready(sealed.open_with_unlock_code(&recovery.slot_id, &wrong, &derive)).unwrap_err(),
        VaultError::WrongUnlockCode
    );
    assert_eq!(
        ready(sealed.open_with_unlock_code("nope", &code, &derive)).unwrap_err(),
        VaultError::NoRecovery
    );
}

#[test]
fn after_use_the_slot_is_replaced_and_the_old_code_fails() {
    let (mut vault, before) = vault_with_recovery();
    let used = issuer_answer(&before, SECRET);
    let after = vault
        .set_recovery(&recovery_for(SECRET, "id-1"), &mut OsEntropy)
        .unwrap();
    assert_eq!(after.recoveries().len(), 1, "one slot per identity");
    let slot = after.recoveries()[0].slot_id.clone();
    assert_ne!(
        after.recoveries()[0].reset_code,
        before.recoveries()[0].reset_code
    );
    assert_eq!(
        ready(after.open_with_unlock_code(&slot, &used, &derive)).unwrap_err(),
        VaultError::WrongUnlockCode
    );
    assert!(
        ready(after.open_with_unlock_code(&slot, &issuer_answer(&after, SECRET), &derive)).is_ok()
    );
}

#[test]
fn the_slot_goes_with_its_identity_and_stays_through_a_pin_change() {
    let (mut vault, _) = vault_with_recovery();
    let new_pin = ready(NewPinSlot::prepare(
        &Pin::new("135790").unwrap(),
        COSTS,
        &derive,
        &mut OsEntropy,
    ))
    .unwrap();
    let changed = vault.set_pin(&new_pin, &mut OsEntropy).unwrap();
    assert_eq!(changed.recoveries().len(), 1);
    let code = issuer_answer(&changed, SECRET);
    let slot = changed.recoveries()[0].slot_id.clone();
    assert!(ready(changed.open_with_unlock_code(&slot, &code, &derive)).is_ok());
    vault
        .set_recovery(&recovery_for(b"second token", "id-2"), &mut OsEntropy)
        .unwrap();
    let removed = vault.remove_recovery("id-1");
    let left = removed.recoveries();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].identity_id, "id-2");
}
