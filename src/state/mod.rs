//! App state, provided as a context: the phase (starting, no vault, locked,
//! unlocked), the decrypted document while unlocked, the PIN-attempt record
//! and the clock. Screens read signals and call the methods here; only this
//! layer talks to storage (`platform/`), the workers (`workers/`) and the
//! vault.
//!
//! Security contract: the data key lives only in `Inner::vault` while
//! unlocked; [`AppState::lock`] drops it (zeroizing) and empties the
//! document, so no code stays on the page. A write still under way when the
//! app locks cannot bring them back: each lock starts a new epoch, and a
//! write that finishes in a later epoch than it began keeps only what it
//! stored. Every PIN check counts an attempt first, in one atomic update
//! of the stored record, one tab at a time (a Web Lock).
//!
//! Beside this file: `pin.rs` (create, unlock, confirm, change the PIN),
//! `commit.rs` (revision-checked writes), `identities.rs`, `listing.rs`
//! (order, favourites, groups) and `adding.rs` (the document's operations
//! as screens ask for them, and what waits for the preview), `backups.rs` (exports and restores), `config.rs`,
//! `language.rs` (the messages in the person's language), and
//! `error.rs` (every failure, and the sentence it becomes).

mod adding;
mod backups;
mod clock;
mod commit;
mod config;
mod error;
mod icons;
mod identities;
mod language;
mod listing;
mod passkeys;
mod pin;
mod recovery;
mod session;
mod transactions;
mod transfer;

pub use adding::{Candidate, Pending, Reading, use_pending};
pub use backups::{MIN_BACKUP_PASSWORD, OpenedFile, Saved};
pub use clock::clock_check;
pub use config::AppConfig;
pub use error::{
    AppError, ReadingError, SessionError, parse_new_pin, parse_new_secret, parse_pin, parse_secret,
};
/// The languages the app speaks, for Settings → Language.
pub use i18n::{Arg, LANGUAGES, Language};
pub use icons::{Icons, icon_url, load_index, use_icons};
pub use identities::ActivateFor;
pub use language::{
    Catalogs, I18n, LanguageError, Msg, chosen_language, provide_i18n, screen_texts,
    start_language, t, t_with, use_i18n,
};
pub use otp::clock::ClockOffset;
pub use passkeys::{UnlockWays, WebAuthnError, cancel_passkey, passkeys_may_work};
pub use session::{database_exists, register_service_worker};
pub use transactions::CheckedTransaction;
pub use transfer::Transfer;
/// A passkey slot as the screens list it (nothing secret).
pub use vault::{Passkey, Recovery};
// The browser's non-secret settings and the app's updates, which the
// screens read and set: the state is the screens' one door to them.
pub use crate::platform::clipboard::{Copied, clear_later as clear_clipboard_later, copy_code};
pub use crate::platform::home_screen::storage_may_expire;
pub use crate::platform::persist::PersistStatus;
pub use crate::platform::preferences::{
    AUTO_LOCK_CHOICES, Preferences, provide_preferences, use_preferences,
};
pub use crate::platform::updates::{Updates, provide_updates, reload, use_updates};

use crate::platform::storage::{Events, StorageError, Store};
use leptos::prelude::*;
use std::rc::Rc;
use vault::{Attempts, Document, SealedVault, UnlockedVault};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    Starting,
    /// Storage cannot be used; the error says why and what to do.
    Failed(SessionError),
    NoVault,
    Locked,
    /// The issuer's Unlock Code opened the vault: a new PIN is chosen
    /// before anything else is shown.
    ResettingPin,
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
    /// What was read but not yet added (`state/adding.rs`): dropped with
    /// the key when the app locks.
    pub pending: Pending,
    /// No vault is stored, but this browser held one (`platform/marker.rs`):
    /// the browser deleted it, and Create PIN says so.
    pub storage_lost: RwSignal<bool>,
    /// What the stored vault opens with (a PIN or a password; passkeys),
    /// known before unlock: read at start and after every write.
    pub unlock_ways: RwSignal<UnlockWays>,
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
        pending: adding::provide_pending(),
        storage_lost: RwSignal::new(false),
        unlock_ways: RwSignal::new(UnlockWays::default()),
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
    let opening = Store::open_with(
        &state.config().db_name,
        Events {
            on_created: Some(Box::new(move || state.no_vault())),
            // Shown while another tab of an older version holds the
            // database; opening goes on by itself once that tab lets go.
            on_blocked: Some(Box::new(move || {
                state.set_phase(Phase::Failed(StorageError::Blocked.into()));
            })),
            on_closed: Some(Box::new(move |why| state.close_under_the_app(why))),
        },
    );
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
                    Ok(None) => {
                        self.no_vault();
                        Phase::NoVault
                    }
                    Ok(Some(record)) => {
                        // The PIN screen asks for what opens it (a
                        // password, a passkey); an unreadable record is
                        // reported by the unlock that reads it.
                        if let Ok(sealed) = SealedVault::parse(&record.text) {
                            self.unlock_ways.set(sealed.slot_kinds());
                        }
                        Phase::Locked
                    }
                    Err(error) => Phase::Failed(error.into()),
                }
            }
            Err(error) => Phase::Failed(error.into()),
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

    /// No vault is stored: a first visit, or one the browser deleted.
    fn no_vault(&self) {
        let lost = crate::platform::marker::recall(&self.config().db_name).is_some();
        self.storage_lost.set(lost);
        self.set_phase(Phase::NoVault);
    }

    /// Marks that this browser holds the vault, at `revision`.
    fn remember_vault(&self, vault: &UnlockedVault, revision: u64) {
        self.unlock_ways.set(vault.sealed().slot_kinds());
        crate::platform::marker::remember(&self.config().db_name, vault.sealed().id(), revision);
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
    async fn opened_store(&self) -> Result<Rc<Store>, SessionError> {
        loop {
            if let Some(store) = self.store() {
                return Ok(store);
            }
            if let Some(Phase::Failed(error)) = self.phase.try_get_untracked() {
                return Err(error);
            }
            let (sender, receiver) = futures_channel::oneshot::channel();
            self.inner
                .try_update_value(|inner| inner.store_waiters.push(sender))
                .ok_or(SessionError::Closed)?;
            receiver.await.ok();
        }
    }

    /// The database connection closed under the app (another tab opened a
    /// newer version, or the browser deleted the storage): forgets the key
    /// as [`AppState::lock`] does and shows `why`, which asks for a reload.
    fn close_under_the_app(&self, why: StorageError) {
        if !self.is_alive() {
            return;
        }
        self.inner.update_value(|inner| {
            inner.vault = None;
            inner.store = None;
            inner.epoch += 1;
        });
        self.document.set(Document::default());
        self.pending.clear();
        self.set_phase(Phase::Failed(why.into()));
    }

    /// Forgets the key and every code, and starts a new epoch so that no
    /// write still under way can bring them back.
    pub fn lock(&self) {
        if !matches!(
            self.phase.get_untracked(),
            Phase::Unlocked | Phase::ResettingPin
        ) {
            return;
        }
        self.inner.update_value(|inner| {
            inner.vault = None;
            inner.epoch += 1;
        });
        self.document.set(Document::default());
        self.pending.clear();
        self.phase.set(Phase::Locked);
    }
}

/// Whether the browser keeps this site's data when space runs low.
pub async fn persistence() -> PersistStatus {
    crate::platform::persist::status().await
}

/// Asks the browser to keep this site's data when space runs low, and
/// waits for its answer: Settings → Storage, where the person pressed for
/// it. Firefox answers only once the person answers its prompt.
pub async fn keep_data() -> PersistStatus {
    crate::platform::persist::request().await
}

/// The same request, once the first token is stored, without waiting:
/// nothing (the Registration Code, the list) may wait on a prompt the
/// person may never see.
fn ask_to_keep_data_in_background() {
    leptos::task::spawn_local(async {
        crate::platform::persist::request().await;
    });
}

/// A new identity's id: random, hex.
fn new_identity_id() -> String {
    otp::random_bytes::<8>()
        .map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect())
        .unwrap_or_else(|_| format!("{:x}", now_ms()))
}
