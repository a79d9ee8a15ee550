//! The PIN's operations on the state: create the vault, check a PIN (the
//! attempt counted first, in one atomic update of the stored record, one
//! tab at a time under a Web Lock), unlock, confirm before a sensitive
//! action, and change it.

use super::messages::{derive_message, vault_message};
use super::{AppState, Phase, now_ms};
use leptos::prelude::*;
use vault::{
    Attempts, Document, KdfParams, OsEntropy, Pin, SealedVault, UnlockedVault, VaultError,
};

/// What a PIN check found, for [`AppState::unlock`] and the checks of
/// sensitive actions.
struct Opened {
    vault: UnlockedVault,
    document: Document,
    revision: u64,
    kdf: KdfParams,
}

impl AppState {
    async fn derive_kek(
        &self,
        pin: &Pin,
        kdf: &KdfParams,
    ) -> Result<vault::KeyEncryptionKey, String> {
        let config = self.config();
        let runner = crate::kdf::KdfRunner {
            worker_url: config.kdf_worker.as_deref(),
            timeout_ms: config.kdf_timeout_ms,
        };
        crate::kdf::derive(pin, kdf, runner)
            .await
            .map_err(|e| derive_message(&e))
    }

    fn fresh_kdf(&self) -> Result<KdfParams, String> {
        let config = self.config();
        KdfParams::fresh_with(config.kdf_memory_kib, config.kdf_iterations, &mut OsEntropy)
            .map_err(|e| vault_message(&e))
    }

    /// First run: makes the vault, protected by `pin`, and opens it.
    ///
    /// # Errors
    /// A sentence for the screen.
    pub async fn create_pin(&self, pin: Pin) -> Result<(), String> {
        let store = self.opened_store().await?;
        let kdf = self.fresh_kdf()?;
        let kek = self.derive_kek(&pin, &kdf).await?;
        let (vault, sealed) =
            UnlockedVault::create(&kek, kdf, &Document::default(), &mut OsEntropy)
                .map_err(|e| vault_message(&e))?;
        let revision = store
            .write_vault(&sealed.to_text(), 0)
            .await
            .map_err(|e| e.message())?;
        self.inner.update_value(|inner| {
            inner.vault = Some(vault);
            inner.revision = revision;
        });
        self.document.set(Document::default());
        self.phase.set(Phase::Unlocked);
        Ok(())
    }

    /// Checks `pin` against the stored vault, counting the attempt first,
    /// as one tab at a time: the attempt record is changed only by atomic
    /// updates of the stored value, under a Web Lock where there is one.
    async fn check_pin(&self, pin: &Pin) -> Result<Opened, String> {
        let store = self.store().ok_or("Storage is not open yet.")?;
        let _one_tab_at_a_time =
            crate::web_lock::acquire(&format!("softtoken-unlock:{}", store.name())).await;
        let now = now_ms();
        let attempts = store
            .update_attempts(now, |attempts| {
                if attempts.locked_for(now).is_none() {
                    attempts.begin();
                }
            })
            .await
            .map_err(|e| e.message())?;
        self.attempts.set(attempts.clone());
        if attempts.locked_for(now).is_some() {
            return Err("Too many wrong PINs. Wait until the countdown ends.".into());
        }
        let record = store
            .read_vault()
            .await
            .map_err(|e| e.message())?
            .ok_or("There is no vault to unlock.")?;
        let sealed = SealedVault::parse(&record.text).map_err(|e| vault_message(&e))?;
        let kdf = sealed.pin_kdf().map_err(|e| vault_message(&e))?.clone();
        let kek = self.derive_kek(pin, &kdf).await?;
        match sealed.unlock_with(&kek) {
            Ok((vault, document)) => {
                if let Ok(attempts) = store.update_attempts(now_ms(), Attempts::succeeded).await {
                    self.attempts.set(attempts);
                }
                Ok(Opened {
                    vault,
                    document,
                    revision: record.revision,
                    kdf,
                })
            }
            Err(VaultError::WrongPin) => {
                let now = now_ms();
                let attempts = store
                    .update_attempts(now, |attempts| attempts.failed(now))
                    .await
                    .unwrap_or(attempts);
                self.attempts.set(attempts.clone());
                Err(if attempts.locked_for(now).is_some() {
                    "That PIN is not correct. Too many wrong PINs: wait until the countdown ends."
                        .into()
                } else {
                    let left = attempts.remaining();
                    format!(
                        "That PIN is not correct. {left} attempt{} left.",
                        if left == 1 { "" } else { "s" }
                    )
                })
            }
            Err(error) => Err(vault_message(&error)),
        }
    }

    /// Checks the PIN (counting the attempt first) and opens the vault.
    ///
    /// # Errors
    /// A sentence for the screen: wrong PIN with attempts left, a lockout,
    /// or a storage or integrity problem.
    pub async fn unlock(&self, pin: Pin) -> Result<(), String> {
        let opened = self.check_pin(&pin).await?;
        self.inner.update_value(|inner| {
            inner.vault = Some(opened.vault);
            inner.revision = opened.revision;
        });
        self.document.set(opened.document);
        self.phase.set(Phase::Unlocked);
        self.upgrade_kdf_if_weak(pin, &opened.kdf).await;
        Ok(())
    }

    /// Asks for the PIN again before a sensitive action (changing the PIN,
    /// an unencrypted export): a wrong one counts as a failed attempt, and
    /// a lockout it starts locks the app.
    ///
    /// # Errors
    /// A sentence for the screen.
    pub async fn confirm_pin(&self, pin: &Pin) -> Result<(), String> {
        if !self.is_unlocked() {
            return Err("Soft Token is locked.".into());
        }
        match self.check_pin(pin).await {
            Ok(_) => Ok(()),
            Err(message) => {
                let now = now_ms();
                if self
                    .attempts
                    .with_untracked(|a| a.locked_for(now).is_some())
                {
                    self.lock();
                }
                Err(message)
            }
        }
    }

    /// A slot made with weaker costs than today's is re-wrapped now that
    /// the PIN is known to be right. Failure leaves the old slot working.
    async fn upgrade_kdf_if_weak(&self, pin: Pin, current: &KdfParams) {
        let config = self.config();
        if !current.weaker_than(config.kdf_memory_kib, config.kdf_iterations) {
            return;
        }
        let Ok(kdf) = self.fresh_kdf() else { return };
        let Ok(kek) = self.derive_kek(&pin, &kdf).await else {
            return;
        };
        self.write_with(|vault, _| {
            vault
                .set_pin_slot(&kek, kdf.clone(), &mut OsEntropy)
                .map_err(|e| vault_message(&e))
        })
        .await
        .ok();
    }

    /// Replaces the PIN once the current one is confirmed: the data key is
    /// re-wrapped; the tokens are untouched.
    ///
    /// # Errors
    /// A sentence for the screen.
    pub async fn change_pin(&self, current: Pin, new_pin: Pin) -> Result<(), String> {
        self.confirm_pin(&current).await?;
        let kdf = self.fresh_kdf()?;
        let kek = self.derive_kek(&new_pin, &kdf).await?;
        self.write_with(|vault, _| {
            vault
                .set_pin_slot(&kek, kdf.clone(), &mut OsEntropy)
                .map_err(|e| vault_message(&e))
        })
        .await
    }
}
