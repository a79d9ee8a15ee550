//! The PIN's operations on the state: create the vault, check a PIN (the
//! attempt counted first, in one atomic update of the stored record, one
//! tab at a time under a Web Lock), unlock, confirm before a sensitive
//! action, and change it.
//!
//! A PIN keeps one shape from the field to the worker: the text becomes a
//! [`Pin`] once (`parse_pin`), the vault's PIN envelope turns it into a
//! [`vault::KdfRequest`], and the worker's client runs that request.

use super::{AppError, AppState, Phase, SessionError, now_ms};
use crate::platform::storage::StorageError;
use crate::workers::kdf::DeriveError;
use leptos::prelude::*;
use vault::{
    Attempts, DerivedKey, Document, KdfRequest, NewPinSlot, OsEntropy, PasskeyAnswer, Pin,
    SealedVault, UnlockedVault, VaultError,
};

/// What a PIN check found, for [`AppState::unlock`] and the checks of
/// sensitive actions.
pub(super) struct Opened {
    pub(super) vault: UnlockedVault,
    pub(super) document: Document,
    pub(super) revision: u64,
    /// The passkey that answered, where one was asked.
    pub(super) answer: Option<PasskeyAnswer>,
}

impl AppState {
    /// How this app runs a derivation: the KDF worker's client.
    pub(super) fn deriver<E: From<DeriveError>>(
        &self,
    ) -> impl AsyncFn(KdfRequest) -> Result<DerivedKey, E> {
        let runner = self.config().kdf_runner();
        async move |request| Ok(runner.run(request).await?)
    }

    pub(super) async fn new_pin_slot(&self, pin: &Pin) -> Result<NewPinSlot, SessionError> {
        let costs = self.config().kdf_costs();
        NewPinSlot::prepare(pin, costs, &self.deriver(), &mut OsEntropy).await
    }

    /// First run: makes the vault, protected by `pin`, and opens it.
    ///
    /// # Errors
    /// A storage, derivation or vault error.
    pub async fn create_pin(&self, pin: Pin) -> Result<(), SessionError> {
        let store = self.opened_store().await?;
        let slot = self.new_pin_slot(&pin).await?;
        let (vault, sealed) =
            UnlockedVault::create_with(&slot, &Document::default(), &mut OsEntropy)?;
        let revision = store.write_vault(&sealed.to_text(), 0).await?;
        self.remember_vault(&vault, revision);
        self.storage_lost.set(false);
        self.inner.update_value(|inner| {
            inner.vault = Some(vault);
            inner.revision = revision;
        });
        self.document.set(Document::default());
        self.phase.set(Phase::Unlocked);
        Ok(())
    }

    /// The vault as stored now.
    pub(super) async fn stored_vault(&self) -> Result<SealedVault, SessionError> {
        let store = self.store().ok_or(SessionError::StorageNotOpen)?;
        let record = store.read_vault().await?.ok_or(SessionError::NoVault)?;
        let sealed = SealedVault::parse(&record.text)?;
        // Another tab may have changed what opens it since start.
        self.unlock_ways.set(sealed.slot_kinds());
        Ok(sealed)
    }

    /// Refuses at once during a lockout: nothing (a passkey prompt
    /// included) is asked of the person then.
    pub(super) fn not_locked_out(&self) -> Result<(), SessionError> {
        let now = now_ms();
        match self.attempts.with_untracked(|a| a.locked_for(now)) {
            Some(_) => Err(SessionError::LockedOut),
            None => Ok(()),
        }
    }

    /// Checks `pin` against the stored vault, with a passkey too where the
    /// vault needs both (asked before the attempt is counted: a cancelled
    /// prompt costs nothing).
    async fn check_pin(&self, pin: &Pin) -> Result<Opened, SessionError> {
        let derive = self.deriver();
        self.check_attempt(async |sealed| sealed.open_with_pin(pin, &derive).await)
            .await
    }

    /// Runs `open` on the stored vault, counting the attempt first, as one
    /// tab at a time: the attempt record is changed only by atomic updates
    /// of the stored value, under a Web Lock where there is one. Every way
    /// of unlocking goes through here, so the lockout covers them all.
    pub(super) async fn check_attempt(
        &self,
        open: impl AsyncFn(&SealedVault) -> Result<(UnlockedVault, Document), SessionError>,
    ) -> Result<Opened, SessionError> {
        self.check_attempt_with(open, false).await
    }

    /// [`AppState::check_attempt`]; `through_lockout`: tried during a
    /// lockout too, still counted (the issuer's Unlock Code, which is how a
    /// locked-out person gets back in: 66 bits, beyond guessing).
    pub(super) async fn check_attempt_with(
        &self,
        open: impl AsyncFn(&SealedVault) -> Result<(UnlockedVault, Document), SessionError>,
        through_lockout: bool,
    ) -> Result<Opened, SessionError> {
        let store = self.store().ok_or(SessionError::StorageNotOpen)?;
        let _one_tab_at_a_time =
            crate::platform::web_lock::acquire(&format!("softtoken-unlock:{}", store.name())).await;
        let now = now_ms();
        let attempts = store
            .update_attempts(now, |attempts| {
                if through_lockout || attempts.locked_for(now).is_none() {
                    attempts.begin();
                }
            })
            .await
            .map_err(|error| match error {
                // Fail closed: an attempt that cannot be counted is not
                // tried, or a full disk would lift the lockout.
                StorageError::Quota => SessionError::AttemptNotCounted,
                other => other.into(),
            })?;
        self.attempts.set(attempts.clone());
        if !through_lockout && attempts.locked_for(now).is_some() {
            return Err(SessionError::LockedOut);
        }
        let record = store.read_vault().await?.ok_or(SessionError::NoVault)?;
        let sealed = SealedVault::parse(&record.text)?;
        match open(&sealed).await {
            Ok((vault, document)) => {
                if let Ok(attempts) = store.update_attempts(now_ms(), Attempts::succeeded).await {
                    self.attempts.set(attempts);
                }
                Ok(Opened {
                    vault,
                    document,
                    revision: record.revision,
                    answer: None,
                })
            }
            Err(SessionError::Vault(
                wrong @ (VaultError::WrongPin
                | VaultError::WrongPasskey
                | VaultError::WrongUnlockCode),
            )) => {
                let now = now_ms();
                let attempts = store
                    .update_attempts(now, |attempts| attempts.failed(now))
                    .await
                    .unwrap_or(attempts);
                self.attempts.set(attempts.clone());
                let attempts_left = attempts.remaining();
                Err(if wrong == VaultError::WrongUnlockCode {
                    SessionError::WrongUnlockCode { attempts_left }
                } else if attempts.locked_for(now).is_some() {
                    SessionError::WrongPinLockedOut
                } else if wrong == VaultError::WrongPasskey {
                    wrong.into()
                } else if sealed.uses_password() {
                    SessionError::WrongPassword { attempts_left }
                } else {
                    SessionError::WrongPin { attempts_left }
                })
            }
            Err(error) => Err(error),
        }
    }

    /// Checks the PIN (counting the attempt first) and opens the vault.
    ///
    /// # Errors
    /// A wrong PIN with attempts left, a lockout, or a storage, derivation
    /// or integrity error.
    pub async fn unlock(&self, pin: Pin) -> Result<(), SessionError> {
        let opened = self.check_pin(&pin).await?;
        self.opened(opened, Some(pin)).await;
        Ok(())
    }

    /// Holds what an unlock opened; a PIN slot below today's costs is made
    /// again now that the PIN is known to be right.
    pub(super) async fn opened(&self, opened: Opened, pin: Option<Pin>) {
        let weak = opened.vault.pin_weaker_than(self.config().kdf_costs());
        self.hold(opened, Phase::Unlocked);
        if let (true, Some(pin)) = (weak, pin) {
            self.upgrade_pin_slot(pin).await;
        }
    }

    /// Holds the opened vault and its document, in `phase`.
    pub(super) fn hold(&self, opened: Opened, phase: Phase) {
        self.remember_vault(&opened.vault, opened.revision);
        self.inner.update_value(|inner| {
            inner.vault = Some(opened.vault);
            inner.revision = opened.revision;
        });
        self.document.set(opened.document);
        self.phase.set(phase);
    }

    /// Asks for the PIN again before a sensitive action (changing the PIN,
    /// an unencrypted export): a wrong one counts as a failed attempt, and
    /// a lockout it starts locks the app.
    ///
    /// # Errors
    /// [`SessionError::Locked`], or as [`AppState::unlock`].
    pub async fn confirm_pin(&self, pin: &Pin) -> Result<Option<PasskeyAnswer>, SessionError> {
        if !self.is_unlocked() {
            return Err(SessionError::Locked);
        }
        match self.check_secret(pin).await {
            Ok(opened) => Ok(opened.answer),
            Err(error) => {
                let now = now_ms();
                if self
                    .attempts
                    .with_untracked(|a| a.locked_for(now).is_some())
                {
                    self.lock();
                }
                Err(error)
            }
        }
    }

    /// A slot made with weaker costs than today's is re-wrapped now that
    /// the PIN is known to be right. Failure leaves the old slot working.
    async fn upgrade_pin_slot(&self, pin: Pin) {
        let Ok(slot) = self.new_pin_slot(&pin).await else {
            return;
        };
        self.write_with(|vault, _| Ok(vault.set_pin(&slot, &mut OsEntropy)?))
            .await
            .ok();
    }

    /// Replaces the PIN once the current one is confirmed: the data key is
    /// re-wrapped; the tokens are untouched.
    ///
    /// # Errors
    /// As [`AppState::confirm_pin`], or a derivation or storage error.
    pub async fn change_pin(&self, current: Pin, new_pin: Pin) -> Result<(), AppError> {
        let confirmed = self.confirm_pin(&current).await?;
        let slot = self.new_pin_slot(&new_pin).await?;
        if self.stored_vault().await?.pin_alone_opens() {
            return self
                .write_with(|vault, _| Ok(vault.set_pin(&slot, &mut OsEntropy)?))
                .await;
        }
        // Passkeys are required with the PIN: each passkey's slot is made
        // again with the new PIN, so each must answer.
        let answers = self.answers_of_every_passkey(confirmed).await?;
        self.write_with(|vault, _| {
            Ok(vault.require_passkey_with_pin(true, &slot, &answers, &mut OsEntropy)?)
        })
        .await
    }
}
