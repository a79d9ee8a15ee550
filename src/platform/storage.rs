//! The thin storage layer: IndexedDB database `softtoken` (the name is
//! configurable so each test has its own), schema version 1.
//!
//! - store `vault`, key `"vault"`: `{"revision": n, "text": "<sealed vault>"}`
//!   as JSON text;
//! - store `meta`, key `"meta"`: the unencrypted PIN-attempt record, changed
//!   only by [`Store::update_attempts`]: one read-modify-write transaction on
//!   the stored value, so tabs never overwrite each other's counts.
//!
//! Every change is one readwrite transaction that checks the revision it
//! started from and writes revision + 1, so a write that lost a race with
//! another tab fails as [`StorageError::Conflict`] and overwrites nothing.
//! Nothing here ever deletes the vault record.

use idb::{
    Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult,
};
use serde::{Deserialize, Serialize};
use std::future::IntoFuture;
use vault::Attempts;
use wasm_bindgen::{JsCast, JsValue};

pub const DEFAULT_DB_NAME: &str = "softtoken";
pub const SCHEMA_VERSION: u32 = 1;
const VAULT_STORE: &str = "vault";
const META_STORE: &str = "meta";
const VAULT_KEY: &str = "vault";
const META_KEY: &str = "meta";

/// What can go wrong with storage, each with the sentence the user sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error(
        "This browser does not let Soft Token store data here (a private window can do this). Open Soft Token in a normal window."
    )]
    Unavailable,
    #[error(
        "Another Soft Token tab is using an older version of its storage. Close the other tabs, then reload this one."
    )]
    Blocked,
    #[error(
        "The device is out of storage space, so the change was not saved. Free some space and try again; your tokens are unchanged."
    )]
    Quota,
    #[error(
        "Another tab changed your tokens at the same moment. The latest version was loaded; try again if your change is missing."
    )]
    Conflict,
    #[error("The stored data could not be read. It was left as it is; nothing was deleted.")]
    Damaged,
    #[error("Storage failed ({0}). Nothing was changed; try again.")]
    Failed(String),
}

impl StorageError {
    fn from_idb(error: idb::Error) -> Self {
        let text = error.to_string();
        if text.contains("QuotaExceeded") {
            Self::Quota
        } else {
            Self::Failed(text)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVault {
    pub revision: u64,
    pub text: String,
}

/// An open database.
pub struct Store {
    db: Database,
    name: String,
}

impl Store {
    /// Opens (creating or upgrading) the database.
    ///
    /// The request is made when this is called, not when the future is first
    /// polled: the app calls it before its first render, so the browser
    /// creates the database (tens of milliseconds on a first visit) while
    /// the page is being built.
    ///
    /// # Errors
    /// [`StorageError::Unavailable`] where IndexedDB is missing or refused,
    /// [`StorageError::Blocked`] when another tab holds an older version open.
    pub fn open(name: &str) -> impl Future<Output = Result<Self, StorageError>> + 'static {
        Self::open_with(name, || {})
    }

    /// As [`Store::open`], and calls `on_created` as soon as the browser says
    /// the database did not exist (and so holds no vault), before it has
    /// finished opening.
    pub fn open_with(
        name: &str,
        on_created: impl FnOnce() + 'static,
    ) -> impl Future<Output = Result<Self, StorageError>> + 'static {
        let name = name.to_owned();
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        // Into a future now, so the success callback is attached before the
        // browser can answer (it would be missed if attached at first poll).
        let request =
            Self::request_open(&name, blocked.clone(), on_created).map(IntoFuture::into_future);
        async move {
            match request?.await {
                Ok(db) => Ok(Self { db, name }),
                Err(_) if blocked.get() => Err(StorageError::Blocked),
                Err(_) => Err(StorageError::Unavailable),
            }
        }
    }

    /// Whether this origin holds a database called `name`: `Some(false)`
    /// only when the browser lists its databases and `name` is not one of
    /// them, so a first visit can show Create PIN without waiting for the
    /// database to be created. `None` when the browser cannot say.
    ///
    /// Asked when this is called, like [`Store::open`]; index.html asks the
    /// same question while the WASM downloads, which readies the browser's
    /// storage for this origin (its first use costs 30-130 ms).
    pub fn exists(name: &str) -> impl Future<Output = Option<bool>> + 'static {
        let name = name.to_owned();
        let listing = web_sys::window()
            .and_then(|window| window.indexed_db().ok().flatten())
            .and_then(|factory| list_databases(&factory))
            .map(wasm_bindgen_futures::JsFuture::from);
        async move {
            let list: js_sys::Array = listing?.await.ok()?.dyn_into().ok()?;
            Some(list.iter().any(|database| {
                js_sys::Reflect::get(&database, &JsValue::from_str("name"))
                    .ok()
                    .and_then(|n| n.as_string())
                    .is_some_and(|n| n == name)
            }))
        }
    }

    fn request_open(
        name: &str,
        blocked: std::rc::Rc<std::cell::Cell<bool>>,
        on_created: impl FnOnce() + 'static,
    ) -> Result<idb::request::OpenDatabaseRequest, StorageError> {
        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        let mut request = factory
            .open(name, Some(SCHEMA_VERSION))
            .map_err(|_| StorageError::Unavailable)?;
        request.on_upgrade_needed(move |event| {
            // Version 0 -> 1 creates both stores; later versions add steps here.
            let created = event.old_version().is_ok_and(|version| version == 0);
            let Ok(db) = event.database() else { return };
            let names = db.store_names();
            for store in [VAULT_STORE, META_STORE] {
                if !names.iter().any(|n| n == store) {
                    db.create_object_store(store, ObjectStoreParams::new()).ok();
                }
            }
            if created {
                on_created();
            }
        });
        request.on_blocked(move |_| blocked.set(true));
        Ok(request)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    async fn get_text(&self, store: &str, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(StorageError::from_idb)?;
        let object_store = tx.object_store(store).map_err(StorageError::from_idb)?;
        let value = object_store
            .get(JsValue::from_str(key))
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        tx.await.map_err(StorageError::from_idb)?;
        as_text(value)
    }

    /// The vault record, if there is one.
    ///
    /// # Errors
    /// [`StorageError::Damaged`] when the record is not what this version
    /// writes; it is left untouched.
    pub async fn read_vault(&self) -> Result<Option<StoredVault>, StorageError> {
        parse_vault(self.get_text(VAULT_STORE, VAULT_KEY).await)
    }

    /// The vault record and the PIN-attempt record, read together in one
    /// transaction: what the app needs before it can show the PIN screen.
    ///
    /// # Errors
    /// As [`Store::read_vault`] and [`Store::read_attempts`], each on its own.
    #[allow(clippy::type_complexity)] // two records, each read on its own terms
    pub async fn read_start(
        &self,
    ) -> Result<
        (
            Result<Option<StoredVault>, StorageError>,
            Result<Attempts, StorageError>,
        ),
        StorageError,
    > {
        let tx = self
            .db
            .transaction(&[VAULT_STORE, META_STORE], TransactionMode::ReadOnly)
            .map_err(StorageError::from_idb)?;
        // Both requests become futures (callbacks attached) before either is
        // awaited: the second may be answered while the first is awaited.
        let request = |store: &str, key: &str| {
            tx.object_store(store)
                .and_then(|store| store.get(JsValue::from_str(key)))
                .map(IntoFuture::into_future)
                .map_err(StorageError::from_idb)
        };
        let vault_request = request(VAULT_STORE, VAULT_KEY)?;
        let meta_request = request(META_STORE, META_KEY)?;
        let vault_value = vault_request.await.map_err(StorageError::from_idb)?;
        let meta_value = meta_request.await.map_err(StorageError::from_idb)?;
        tx.await.map_err(StorageError::from_idb)?;
        let vault = parse_vault(as_text(vault_value));
        let attempts = parse_attempts(as_text(meta_value));
        Ok((vault, attempts))
    }

    /// Writes a new vault text if the stored revision is still `expected`
    /// (0: no record yet). Returns the new revision.
    ///
    /// # Errors
    /// [`StorageError::Conflict`] when another writer came first;
    /// [`StorageError::Quota`] when the disk is full. Either way the stored
    /// record is unchanged.
    pub async fn write_vault(&self, text: &str, expected: u64) -> Result<u64, StorageError> {
        self.read_then_write(VAULT_STORE, VAULT_KEY, |current| {
            // A value of another type is damage, as on the read side: it is
            // never taken for "no record yet" and overwritten.
            let current_revision = match as_text(current)? {
                None => 0,
                Some(text) => {
                    serde_json::from_str::<StoredVault>(&text)
                        .map_err(|_| StorageError::Damaged)?
                        .revision
                }
            };
            if current_revision != expected {
                return Err(StorageError::Conflict);
            }
            let record = StoredVault {
                revision: expected + 1,
                text: text.to_owned(),
            };
            let json =
                serde_json::to_string(&record).map_err(|e| StorageError::Failed(e.to_string()))?;
            Ok((json, record.revision))
        })
        .await
    }

    /// One readwrite transaction on `key` of `store`: reads the stored
    /// value, lets `decide` turn it into the text to write (and what to
    /// return once it is committed), and writes it. When `decide` refuses,
    /// the transaction is aborted and nothing is written.
    async fn read_then_write<T>(
        &self,
        store: &str,
        key: &str,
        decide: impl FnOnce(Option<JsValue>) -> Result<(String, T), StorageError>,
    ) -> Result<T, StorageError> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadWrite)
            .map_err(StorageError::from_idb)?;
        let object_store = tx.object_store(store).map_err(StorageError::from_idb)?;
        let key = JsValue::from_str(key);
        let current = object_store
            .get(key.clone())
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        let (text, outcome) = match decide(current) {
            Ok(decided) => decided,
            Err(error) => {
                tx.abort().map_err(StorageError::from_idb)?.await.ok();
                return Err(error);
            }
        };
        object_store
            .put(&JsValue::from_str(&text), Some(&key))
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        match tx
            .commit()
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?
        {
            TransactionResult::Committed => Ok(outcome),
            TransactionResult::Aborted => Err(StorageError::Failed("the write was aborted".into())),
        }
    }

    /// The PIN-attempt record (default when none is stored).
    ///
    /// # Errors
    /// As [`Store::read_vault`].
    pub async fn read_attempts(&self) -> Result<Attempts, StorageError> {
        parse_attempts(self.get_text(META_STORE, META_KEY).await)
    }

    /// Changes the stored attempt record in one readwrite transaction: reads
    /// it, brings a lockout set by a wrong clock back within the longest
    /// ([`Attempts::clamp`]), applies `change`, writes it. An unreadable
    /// record counts as one longest lockout ([`Attempts::after_damage`]) and
    /// is written back readable. Returns the record as written.
    ///
    /// # Errors
    /// As [`Store::write_vault`]; the stored record is then unchanged.
    pub async fn update_attempts(
        &self,
        now_ms: u64,
        change: impl FnOnce(&mut Attempts),
    ) -> Result<Attempts, StorageError> {
        self.read_then_write(META_STORE, META_KEY, |current| {
            let mut attempts =
                parse_attempts(as_text(current)).unwrap_or_else(|_| Attempts::after_damage(now_ms));
            attempts.clamp(now_ms);
            change(&mut attempts);
            let json = serde_json::to_string(&attempts)
                .map_err(|e| StorageError::Failed(e.to_string()))?;
            Ok((json, attempts))
        })
        .await
    }

    /// Replaces the attempt record as it is, for tests and tools that set
    /// up a state; the app changes it only through [`Store::update_attempts`].
    ///
    /// # Errors
    /// As [`Store::write_vault`], without the revision check.
    pub async fn write_attempts(&self, attempts: &Attempts) -> Result<(), StorageError> {
        let json =
            serde_json::to_string(attempts).map_err(|e| StorageError::Failed(e.to_string()))?;
        self.read_then_write(META_STORE, META_KEY, |_| Ok((json, ())))
            .await
    }

    pub fn close(&self) {
        self.db.close();
    }
}

/// `indexedDB.databases()`, which web-sys does not bind; `None` where the
/// browser lacks it (Firefox before 126).
fn list_databases(factory: &web_sys::IdbFactory) -> Option<js_sys::Promise> {
    js_sys::Reflect::get(factory, &JsValue::from_str("databases"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(factory)
        .ok()?
        .dyn_into()
        .ok()
}

/// A stored value as the text this version writes.
fn as_text(value: Option<JsValue>) -> Result<Option<String>, StorageError> {
    match value {
        None => Ok(None),
        Some(value) => value.as_string().map(Some).ok_or(StorageError::Damaged),
    }
}

fn parse_vault(
    text: Result<Option<String>, StorageError>,
) -> Result<Option<StoredVault>, StorageError> {
    match text? {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| StorageError::Damaged),
    }
}

fn parse_attempts(text: Result<Option<String>, StorageError>) -> Result<Attempts, StorageError> {
    match text? {
        None => Ok(Attempts::default()),
        Some(text) => serde_json::from_str(&text).map_err(|_| StorageError::Damaged),
    }
}
