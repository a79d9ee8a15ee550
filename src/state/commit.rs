//! Writes: every change to the document is one revision-checked write of
//! the whole sealed vault, made while holding the Web Lock
//! `softtoken-write:<database>` so tabs take turns. When another tab wrote
//! first (a browser without Web Locks), the latest version is loaded (with
//! the key already held) and the change applied to it again, so no tab's
//! change is lost. A write returns only once the browser has committed it
//! durably: a screen that says "saved" after it is telling the truth. The
//! one exception is [`AppState::arrange`], for what only rearranges the
//! list, which is committed without waiting for the disk's flush.
//!
//! Security contract: a write that finishes after the app locked keeps
//! what it stored and reinstalls neither the key nor the document (the
//! lock epoch of `state/mod.rs`).

use super::{AppError, AppState, SessionError};
use crate::platform::storage::{Durability, StorageError};
use crate::platform::web_lock;
use leptos::prelude::*;
use vault::{Document, OsEntropy, SealedVault, UnlockedVault};

impl AppState {
    /// Applies `change` to the document and stores the result in one
    /// revision-checked write. When another tab wrote first, the latest
    /// version is loaded and the change applied to it again.
    ///
    /// # Errors
    /// The change's own error, or a storage error; on error nothing
    /// stored or shown has changed.
    pub async fn commit<T, E: Into<AppError>>(
        &self,
        change: impl Fn(&mut Document) -> Result<T, E>,
    ) -> Result<T, AppError> {
        self.commit_as(Durability::Strict, change).await
    }

    /// [`AppState::commit`] for a change that only rearranges the list (a
    /// move, a use count, the order, "Pin to top"): its write does not wait
    /// for the disk's flush, which costs 12-100 ms with 2,000 identities.
    /// A power loss in the moment after it may undo that rearrangement,
    /// never a token (`platform/storage`'s contract).
    ///
    /// # Errors
    /// As [`AppState::commit`].
    pub(super) async fn arrange<T, E: Into<AppError>>(
        &self,
        change: impl Fn(&mut Document) -> Result<T, E>,
    ) -> Result<T, AppError> {
        self.commit_as(Durability::Relaxed, change).await
    }

    async fn commit_as<T, E: Into<AppError>>(
        &self,
        durability: Durability,
        change: impl Fn(&mut Document) -> Result<T, E>,
    ) -> Result<T, AppError> {
        let outcome = std::cell::RefCell::new(None);
        self.write_as(durability, |vault, document| {
            *outcome.borrow_mut() = Some(change(document).map_err(Into::into)?);
            Ok(vault.seal(document, &mut OsEntropy)?)
        })
        .await?;
        // `write_as` returns Ok only after a step ran, which set it.
        outcome.into_inner().ok_or(SessionError::Locked.into())
    }

    /// Prepares a new sealed version with `step` and stores it durably,
    /// retrying after a conflict with another tab's write.
    pub(super) async fn write_with(
        &self,
        step: impl Fn(&mut UnlockedVault, &mut Document) -> Result<SealedVault, AppError>,
    ) -> Result<(), AppError> {
        self.write_as(Durability::Strict, step).await
    }

    async fn write_as(
        &self,
        durability: Durability,
        step: impl Fn(&mut UnlockedVault, &mut Document) -> Result<SealedVault, AppError>,
    ) -> Result<(), AppError> {
        let store = self.store().ok_or(SessionError::StorageNotOpen)?;
        // What the change applies to is taken when it is asked for: a lock
        // of the app while this waits its turn does not undo the request.
        let mut first = Some(self.snapshot()?);
        // Tabs take turns (Web Locks are granted in the order asked), so a
        // busy tab cannot starve another by winning every revision race;
        // the revision check still guards a browser without Web Locks.
        let _turn = web_lock::acquire(&format!("softtoken-write:{}", store.name())).await;
        if !self.is_alive() {
            return Err(SessionError::Closed.into());
        }
        // Still unlocked: start from what is held now, which holds any
        // other tab's write loaded while this waited.
        if let Ok(fresh) = self.snapshot() {
            first = Some(fresh);
        }
        for _ in 0..3 {
            let (mut vault, revision, epoch, mut document) = match first.take() {
                Some(snapshot) => snapshot,
                None => self.snapshot()?,
            };
            let sealed = step(&mut vault, &mut document)?;
            let written = store
                .write_vault_as(&sealed.to_text(), revision, durability)
                .await;
            if self.inner.try_with_value(|inner| inner.epoch) != Some(epoch) {
                // Locked (or closed) while writing: what was stored stays
                // stored, and the key and document prepared are dropped.
                return written.map(|_| ()).map_err(Into::into);
            }
            match written {
                Ok(new_revision) => {
                    self.remember_vault(&vault, new_revision);
                    self.inner.update_value(|inner| {
                        inner.vault = Some(vault);
                        inner.revision = new_revision;
                    });
                    self.document.set(document);
                    crate::platform::sync::announce(
                        &self.config().db_name,
                        &self.sender_id(),
                        new_revision,
                    );
                    return Ok(());
                }
                Err(StorageError::Conflict) => self.reload().await?,
                Err(error) => return Err(error.into()),
            }
        }
        Err(StorageError::Conflict.into())
    }

    /// The key, revision, epoch and document a write starts from.
    fn snapshot(&self) -> Result<(UnlockedVault, u64, u64, Document), SessionError> {
        let (vault, revision, epoch) = self
            .inner
            .with_value(|inner| {
                inner
                    .vault
                    .clone()
                    .map(|v| (v, inner.revision, inner.epoch))
            })
            .ok_or(SessionError::Locked)?;
        Ok((vault, revision, epoch, self.document.get_untracked()))
    }

    /// Loads the latest stored version with the key already held (another
    /// tab wrote it).
    ///
    /// # Errors
    /// A storage error, or [`VaultError::Corrupt`] for a record that does
    /// not open with the key held.
    pub async fn reload(&self) -> Result<(), AppError> {
        let store = self.store().ok_or(SessionError::StorageNotOpen)?;
        let Some(record) = store.read_vault().await? else {
            return Ok(());
        };
        if !self.is_alive() {
            return Ok(());
        }
        let sealed = SealedVault::parse(&record.text)?;
        let reopened = self
            .inner
            .with_value(|inner| inner.vault.as_ref().map(|vault| vault.reopen(&sealed)));
        match reopened {
            None => Ok(()),
            Some(Ok((vault, document))) => {
                self.inner.update_value(|inner| {
                    inner.vault = Some(vault);
                    inner.revision = record.revision;
                });
                self.document.set(document);
                Ok(())
            }
            Some(Err(error)) => Err(error.into()),
        }
    }

    /// Reads the attempt record again (another tab may have changed it).
    pub async fn refresh_attempts(&self) {
        if let Some(store) = self.store()
            && let Ok(mut attempts) = store.read_attempts().await
            && self.is_alive()
        {
            attempts.clamp(super::now_ms());
            self.attempts.set(attempts);
        }
    }
}
