//! The envelopes the app uses: "open with this PIN", "seal with this
//! password", "open with this password". The caller gives only the secret
//! and a `derive` that runs a request; these tests run it here, and record
//! what they were asked to run.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may unwrap

use std::cell::RefCell;
use vault::backup::{self, Backup, BackupError};
use vault::kdf::{DerivedKey, KdfCosts, KdfRequest};
use vault::{Document, NewPinSlot, OsEntropy, Pin, UnlockedVault, VaultError};

/// Polls a future that never waits (every `derive` here answers at once).
fn ready<T>(future: impl Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => panic!("the envelope waited on something else"),
    }
}

const COSTS: KdfCosts = KdfCosts {
    memory_kib: 256,
    iterations: 1,
};

/// Runs each request here, keeping its Debug text.
#[derive(Default)]
struct Recorder(RefCell<Vec<String>>);

impl Recorder {
    async fn derive<E: From<vault::KdfError>>(&self, request: KdfRequest) -> Result<DerivedKey, E> {
        self.0.borrow_mut().push(format!("{request:?}"));
        Ok(request.run()?)
    }
}

#[test]
fn a_pin_slot_made_by_the_envelope_opens_with_that_pin_only() {
    let recorder = Recorder::default();
    let derive = async |request| recorder.derive::<VaultError>(request).await;
    let pin = Pin::new("246810").unwrap();
    let slot = ready(NewPinSlot::prepare(&pin, COSTS, &derive, &mut OsEntropy)).unwrap();
    let (_, sealed) =
        UnlockedVault::create_with(&slot, &Document::default(), &mut OsEntropy).unwrap();
    let asked = recorder.0.borrow().join("\n");
    assert!(
        asked.contains("memory_kib: 256") && asked.contains("redacted"),
        "{asked}"
    );
    assert!(!asked.contains("246810"), "the PIN was printed: {asked}");

    let (vault, document) = ready(sealed.open_with_pin(&pin, &derive)).unwrap();
    assert_eq!(document, Document::default());
    assert!(vault.pin_weaker_than(KdfCosts::default()));
    assert!(!vault.pin_weaker_than(COSTS));
    let wrong = ready(sealed.open_with_pin(&Pin::new("135790").unwrap(), &derive));
    assert_eq!(wrong.unwrap_err(), VaultError::WrongPin);
}

#[test]
fn changing_the_pin_through_the_envelope_keeps_the_tokens() {
    let derive =
        async |request: KdfRequest| -> Result<DerivedKey, VaultError> { Ok(request.run()?) };
    let old = Pin::new("246810").unwrap();
    let slot = ready(NewPinSlot::prepare(&old, COSTS, &derive, &mut OsEntropy)).unwrap();
    let (mut vault, _) =
        UnlockedVault::create_with(&slot, &Document::default(), &mut OsEntropy).unwrap();
    let new = Pin::new("192837").unwrap();
    let slot = ready(NewPinSlot::prepare(&new, COSTS, &derive, &mut OsEntropy)).unwrap();
    let sealed = vault.set_pin(&slot, &mut OsEntropy).unwrap();
    assert!(ready(sealed.open_with_pin(&new, &derive)).is_ok());
    assert_eq!(
        ready(sealed.open_with_pin(&old, &derive)).unwrap_err(),
        VaultError::WrongPin
    );
}

/// A derivation that fails (a worker that died) stops the envelope with
/// that error, not a wrong PIN or password.
#[derive(Debug, PartialEq)]
enum Failed {
    Worker,
    Vault(VaultError),
    Backup(BackupError),
}
impl From<VaultError> for Failed {
    fn from(error: VaultError) -> Self {
        Self::Vault(error)
    }
}
impl From<BackupError> for Failed {
    fn from(error: BackupError) -> Self {
        Self::Backup(error)
    }
}

#[test]
fn a_failed_derivation_is_reported_as_itself() {
    let good = async |request: KdfRequest| -> Result<DerivedKey, Failed> {
        request.run().map_err(|e| Failed::Vault(e.into()))
    };
    let dead = async |_: KdfRequest| -> Result<DerivedKey, Failed> { Err(Failed::Worker) };
    let pin = Pin::new("246810").unwrap();
    let slot = ready(NewPinSlot::prepare(&pin, COSTS, &good, &mut OsEntropy)).unwrap();
    let (_, sealed) =
        UnlockedVault::create_with(&slot, &Document::default(), &mut OsEntropy).unwrap();
    assert_eq!(
        ready(sealed.open_with_pin(&pin, &dead)).unwrap_err(),
        Failed::Worker
    );

    let text = backup::write_plain(&[], &mut OsEntropy).unwrap();
    assert!(matches!(backup::read(&text), Ok(Backup::Plain { .. })));
    let sealed_backup = ready(backup::seal_with_password(
        &[],
        "a long password",
        &dead,
        &mut OsEntropy,
    ));
    assert_eq!(sealed_backup.unwrap_err(), Failed::Worker);
}

fn aegis_encrypted() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/aegis/aegis_encrypted.json"
    );
    std::fs::read_to_string(path).expect("the Aegis vector")
}

#[test]
fn opening_with_a_password_tries_the_slots_and_names_a_wrong_password() {
    let Backup::Encrypted(locked) = backup::read(&aegis_encrypted()).unwrap() else {
        panic!("read as plain");
    };
    let recorder = Recorder::default();
    let derive = async |request| recorder.derive::<BackupError>(request).await;
    let (entries, skipped) = ready(locked.open_with_password("test", &derive)).unwrap();
    assert!(!entries.is_empty() && skipped.is_empty());
    assert!(
        recorder.0.borrow()[0].contains("Scrypt"),
        "{:?}",
        recorder.0.borrow()
    );
    assert_eq!(
        ready(locked.open_with_password("Test", &derive)).unwrap_err(),
        BackupError::WrongPassword
    );
}

#[test]
fn a_backup_sealed_with_a_password_opens_with_it() {
    let mut document = Document::default();
    let token = otp::Token::totp(
        otp::Secret::from_slice(b"12345678901234567890"),
        otp::Algorithm::Sha1,
        6,
        30,
    )
    .unwrap();
    let entry = vault::Entry::new("alice".into(), None, token);
    document
        .add(&entry, vault::Duplicates::LeaveOut, "a".into(), 0)
        .unwrap();
    let recorder = Recorder::default();
    let derive = async |request| recorder.derive::<BackupError>(request).await;
    let text = ready(backup::seal_with_password(
        &document.entries(),
        "correct horse",
        &derive,
        &mut OsEntropy,
    ))
    .unwrap();
    assert!(
        recorder.0.borrow()[0].contains("log_n: 15"),
        "Aegis's own cost: {:?}",
        recorder.0.borrow()
    );
    let Backup::Encrypted(locked) = backup::read(&text).unwrap() else {
        panic!("written without encryption");
    };
    let (entries, _) = ready(locked.open_with_password("correct horse", &derive)).unwrap();
    assert_eq!(entries, document.entries());
}

#[test]
fn a_refusal_travels_as_its_code_and_an_unknown_code_is_malformed() {
    for error in [
        vault::KdfError::PinParams,
        vault::KdfError::PasswordParams,
        vault::KdfError::Malformed,
    ] {
        assert_eq!(vault::KdfError::from_code(error.code()), error);
    }
    assert_eq!(
        vault::KdfError::from_code("PinParams"),
        vault::KdfError::Malformed
    );
}
