//! App state, provided as a context: the phase (starting, no vault, locked,
//! unlocked), the decrypted document while unlocked, the PIN-attempt record
//! and the clock. Screens read signals and call the methods here; only this
//! module talks to storage and the vault.
//!
//! Security contract: the data key lives only in `Inner::vault` while
//! unlocked; [`AppState::lock`] drops it (zeroizing) and empties the
//! document, so no code stays on the page. A write still under way when the
//! app locks cannot bring them back: each lock starts a new epoch, and a
//! write that finishes in a later epoch than it began keeps only what it
//! stored. Every PIN check counts an attempt first, in one atomic update
//! of the stored record, one tab at a time (a Web Lock).
//!
//! The PIN's operations are in `state/pin.rs`; the sentences errors become
//! are in `state/messages.rs`.

mod messages;
mod pin;

use messages::vault_message;
pub use messages::{parse_new_pin, parse_pin, sentence};

use crate::storage::{StorageError, Store};
use leptos::prelude::*;
use std::rc::Rc;
use vault::{Attempts, Document, KdfParams, OsEntropy, SealedVault, UnlockedVault};

/// Settings fixed for the life of the app (tests pass their own).
#[derive(Clone, Debug)]
pub struct AppConfig {
    pub db_name: String,
    pub kdf_memory_kib: u32,
    pub kdf_iterations: u32,
    /// The KDF worker's script; `None` derives on the page.
    pub kdf_worker: Option<String>,
    /// How long a started KDF worker may take before it counts as silent.
    pub kdf_timeout_ms: u32,
    /// The QR worker's script; `None` reads QR codes on the page.
    pub qr_worker: Option<String>,
    /// Overrides the user's auto-lock time (tests use seconds, not minutes).
    pub auto_lock_after_ms: Option<u64>,
    /// The service worker to register; `None` in debug builds, whose
    /// rebuilds `trunk serve` reloads and a cache would hide.
    pub service_worker: Option<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            db_name: crate::storage::DEFAULT_DB_NAME.to_owned(),
            kdf_memory_kib: KdfParams::DEFAULT_MEMORY_KIB,
            kdf_iterations: KdfParams::DEFAULT_ITERATIONS,
            kdf_worker: Some(crate::kdf::DEFAULT_WORKER_URL.to_owned()),
            // Argon2id at the caps (256 MiB, 10 passes) on a slow phone.
            kdf_timeout_ms: 60_000,
            qr_worker: Some(crate::qr_worker::DEFAULT_WORKER_URL.to_owned()),
            auto_lock_after_ms: None,
            service_worker: (!cfg!(debug_assertions))
                .then(|| crate::updates::DEFAULT_SERVICE_WORKER_URL.to_owned()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    Starting,
    /// Storage cannot be used; the message says why and what to do.
    Failed(String),
    NoVault,
    Locked,
    Unlocked,
}

struct Inner {
    config: AppConfig,
    /// Identifies this app instance in cross-tab messages.
    sender_id: String,
    store: Option<Rc<Store>>,
    /// Calls waiting for the store to open (see [`AppState::opened_store`]).
    store_waiters: Vec<futures_channel::oneshot::Sender<()>>,
    vault: Option<UnlockedVault>,
    revision: u64,
    /// Counts locks: a write that began in an earlier epoch must not
    /// reinstall the key or the document it prepared.
    epoch: u64,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub phase: RwSignal<Phase>,
    pub document: RwSignal<Document>,
    pub attempts: RwSignal<Attempts>,
    /// Unix milliseconds, ticking once a second.
    pub now_ms: RwSignal<u64>,
    inner: StoredValue<Inner, LocalStorage>,
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Creates the state, starts opening storage, and provides it as context.
///
/// `first_visit`: storage has already said this origin has no database (see
/// [`crate::app::start`]), so the first render can be Create PIN.
pub fn provide_app_state(config: AppConfig, first_visit: bool) -> AppState {
    let state = AppState {
        phase: RwSignal::new(if first_visit {
            Phase::NoVault
        } else {
            Phase::Starting
        }),
        document: RwSignal::new(Document::default()),
        attempts: RwSignal::new(Attempts::default()),
        now_ms: RwSignal::new(now_ms()),
        inner: StoredValue::new_local(Inner {
            config,
            sender_id: format!(
                "{:x}",
                u64::from_le_bytes(otp::random_bytes::<8>().unwrap_or_default())
            ),
            store: None,
            store_waiters: Vec::new(),
            vault: None,
            revision: 0,
            epoch: 0,
        }),
    };
    provide_context(state);
    // Asked for now, before the first render, so the database opens while
    // the page is built. A database created by this open cannot hold a
    // vault: the PIN can be chosen while it finishes opening.
    let opening = Store::open_with(&state.config().db_name, move || {
        state.set_phase(Phase::NoVault);
    });
    leptos::task::spawn_local(async move { state.start(opening).await });
    state
}

/// The state provided by [`provide_app_state`].
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Runs `task` once, after the first screen (the PIN gate) has been
    /// drawn: for work that must not compete with what that screen needs.
    pub fn after_first_screen(self, task: impl std::future::Future<Output = ()> + 'static) {
        let task = StoredValue::new_local(Some(task));
        Effect::new(move |_| {
            if self.phase.get() != Phase::Starting
                && let Some(task) = task.try_update_value(Option::take).flatten()
            {
                leptos::task::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    task.await;
                });
            }
        });
    }

    fn store(&self) -> Option<Rc<Store>> {
        self.inner.with_value(|inner| inner.store.clone())
    }

    pub fn config(&self) -> AppConfig {
        self.inner.with_value(|inner| inner.config.clone())
    }

    pub fn sender_id(&self) -> String {
        self.inner.with_value(|inner| inner.sender_id.clone())
    }

    /// False once the app has been unmounted; async work checks it after
    /// each await before touching state.
    pub fn is_alive(&self) -> bool {
        !self.inner.is_disposed()
    }

    pub fn is_unlocked(&self) -> bool {
        self.phase.get() == Phase::Unlocked
    }

    async fn start(self, opening: impl Future<Output = Result<Store, StorageError>>) {
        let opened = match opening.await {
            Ok(store) => store
                .read_start()
                .await
                .map(|records| (Rc::new(store), records)),
            Err(error) => Err(error),
        };
        let phase = match opened {
            Ok((store, (record, attempts))) => {
                let attempts = match attempts {
                    Ok(attempts) if !attempts.clone().clamp(now_ms()) => attempts,
                    // A lockout past the longest, or an unreadable record:
                    // written back as the rules say (docs/vault-format.md).
                    _ => store
                        .update_attempts(now_ms(), |_| {})
                        .await
                        .unwrap_or_else(|_| Attempts::after_damage(now_ms())),
                };
                self.inner.update_value(|inner| inner.store = Some(store));
                self.attempts.set(attempts);
                match record {
                    Ok(None) => Phase::NoVault,
                    Ok(Some(_)) => Phase::Locked,
                    Err(error) => Phase::Failed(error.message()),
                }
            }
            Err(error) => Phase::Failed(error.message()),
        };
        self.set_phase(phase);
        let waiters = self
            .inner
            .try_update_value(|inner| std::mem::take(&mut inner.store_waiters))
            .unwrap_or_default();
        for waiter in waiters {
            waiter.send(()).ok();
        }
    }

    /// Changes the phase only when it differs: setting it again would draw
    /// the PIN screen anew and lose what was typed.
    fn set_phase(&self, phase: Phase) {
        if self
            .phase
            .try_get_untracked()
            .is_some_and(|now| now != phase)
        {
            self.phase.set(phase);
        }
    }

    /// The store, once open: on a first run the PIN can be chosen before
    /// the new database has finished opening.
    async fn opened_store(&self) -> Result<Rc<Store>, String> {
        loop {
            if let Some(store) = self.store() {
                return Ok(store);
            }
            if let Some(Phase::Failed(message)) = self.phase.try_get_untracked() {
                return Err(message);
            }
            let (sender, receiver) = futures_channel::oneshot::channel();
            self.inner
                .try_update_value(|inner| inner.store_waiters.push(sender))
                .ok_or("Soft Token was closed.")?;
            receiver.await.ok();
        }
    }

    /// Forgets the key and every code, and starts a new epoch so that no
    /// write still under way can bring them back.
    pub fn lock(&self) {
        if self.phase.get_untracked() != Phase::Unlocked {
            return;
        }
        self.inner.update_value(|inner| {
            inner.vault = None;
            inner.epoch += 1;
        });
        self.document.set(Document::default());
        self.phase.set(Phase::Locked);
    }

    /// Applies `change` to the document and stores the result in one
    /// revision-checked write. When another tab wrote first, the latest
    /// version is loaded and the change applied to it again.
    ///
    /// # Errors
    /// The change's own error, or a storage sentence; on error nothing
    /// stored or shown has changed.
    pub async fn commit<T>(
        &self,
        change: impl Fn(&mut Document) -> Result<T, String>,
    ) -> Result<T, String> {
        let outcome = std::cell::RefCell::new(None);
        self.write_with(|vault, document| {
            *outcome.borrow_mut() = Some(change(document)?);
            vault
                .seal(document, &mut OsEntropy)
                .map_err(|e| vault_message(&e))
        })
        .await?;
        outcome
            .into_inner()
            .ok_or_else(|| "The change was not applied.".to_owned())
    }

    /// [`AppState::commit`] for a change to one identity.
    ///
    /// # Errors
    /// When the identity no longer exists, or as [`AppState::commit`].
    pub async fn change_identity(
        &self,
        id: String,
        change: impl Fn(&mut vault::Identity) -> Result<(), String>,
    ) -> Result<(), String> {
        self.commit(move |document| {
            let identity = document
                .identities
                .iter_mut()
                .find(|identity| identity.id == id)
                .ok_or("This soft token identity no longer exists.")?;
            change(identity)
        })
        .await
    }

    async fn write_with(
        &self,
        step: impl Fn(&mut UnlockedVault, &mut Document) -> Result<SealedVault, String>,
    ) -> Result<(), String> {
        let store = self.store().ok_or("Storage is not open.")?;
        for _ in 0..3 {
            let (mut vault, revision, epoch) = self
                .inner
                .with_value(|inner| {
                    inner
                        .vault
                        .clone()
                        .map(|v| (v, inner.revision, inner.epoch))
                })
                .ok_or("Soft Token is locked.")?;
            let mut document = self.document.get_untracked();
            let sealed = step(&mut vault, &mut document)?;
            let written = store.write_vault(&sealed.to_text(), revision).await;
            if self.inner.try_with_value(|inner| inner.epoch) != Some(epoch) {
                // Locked (or closed) while writing: what was stored stays
                // stored, and the key and document prepared are dropped.
                return written.map(|_| ()).map_err(|e| e.message());
            }
            match written {
                Ok(new_revision) => {
                    self.inner.update_value(|inner| {
                        inner.vault = Some(vault);
                        inner.revision = new_revision;
                    });
                    self.document.set(document);
                    crate::sync::announce(&self.config().db_name, &self.sender_id(), new_revision);
                    return Ok(());
                }
                Err(StorageError::Conflict) => self.reload().await?,
                Err(error) => return Err(error.message()),
            }
        }
        Err(StorageError::Conflict.message())
    }

    /// Loads the latest stored version with the key already held (another
    /// tab wrote it).
    ///
    /// # Errors
    /// A sentence for the screen.
    pub async fn reload(&self) -> Result<(), String> {
        let store = self.store().ok_or("Storage is not open.")?;
        let Some(record) = store.read_vault().await.map_err(|e| e.message())? else {
            return Ok(());
        };
        if !self.is_alive() {
            return Ok(());
        }
        let sealed = SealedVault::parse(&record.text).map_err(|e| vault_message(&e))?;
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
            Some(Err(error)) => Err(vault_message(&error)),
        }
    }

    /// Reads the attempt record again (another tab may have changed it).
    pub async fn refresh_attempts(&self) {
        if let Some(store) = self.store()
            && let Ok(mut attempts) = store.read_attempts().await
            && self.is_alive()
        {
            attempts.clamp(now_ms());
            self.attempts.set(attempts);
        }
    }
}
