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

use crate::storage::{StorageError, Store};
use leptos::prelude::*;
use std::rc::Rc;
use vault::{
    Attempts, Document, KdfParams, OsEntropy, Pin, SealedVault, UnlockedVault, VaultError,
};

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

/// Reads a PIN as typed, or says what a PIN must be.
///
/// # Errors
/// The sentence shown under the PIN field.
pub fn parse_pin(text: &str) -> Result<Pin, String> {
    Pin::new(text).map_err(|_| "A PIN has 4 to 16 digits.".to_owned())
}

/// Reads a PIN being chosen (Create PIN, Change PIN): also refuses one that
/// is easy to guess.
///
/// # Errors
/// The sentence shown under the PIN field.
pub fn parse_new_pin(text: &str) -> Result<Pin, String> {
    Pin::new_chosen(text).map_err(|error| match error {
        VaultError::WeakPin => sentence(&error),
        _ => "A PIN has 4 to 16 digits.".to_owned(),
    })
}

/// A crate's error message as a sentence: capital first, full stop last.
/// ASCII only: the messages are English, and Unicode case tables would add
/// about 25 KB to the start-up WASM.
pub fn sentence(error: &impl std::fmt::Display) -> String {
    let mut text = error.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

fn vault_message(error: &VaultError) -> String {
    match error {
        VaultError::WrongPin => "That PIN is not correct.".into(),
        VaultError::NewerFormat(_) | VaultError::KdfParams | VaultError::WeakPin => {
            sentence(error)
        }
        VaultError::Corrupt(_) => "The stored tokens could not be read: the record is damaged. It was left as it is; nothing was deleted.".into(),
        other => format!("Something went wrong: {other}."),
    }
}

fn derive_message(error: &crate::kdf::DeriveError) -> String {
    match error {
        crate::kdf::DeriveError::Vault(error) => vault_message(error),
        other => sentence(other),
    }
}

/// What a PIN check found, for [`AppState::unlock`] and the checks of
/// sensitive actions.
struct Opened {
    vault: UnlockedVault,
    document: Document,
    revision: u64,
    kdf: KdfParams,
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
