//! The thin storage layer: IndexedDB database `softtoken` (the name is
//! configurable so each test has its own), at the schema version of
//! `schema.rs` (its versioned upgrade steps):
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
//! A write is reported done only once its transaction has committed. With
//! [`Durability::Strict`] (every write but the list's arrangement) it is
//! flushed to disk first, where the browser honours the option: what the
//! screen calls saved survives a crash, of the browser or of the device.
//! [`Durability::Relaxed`] (a moved card, a use count, the order, "Pin to
//! top") survives the browser's crash, and a power loss in the moment
//! after it may undo that one rearrangement, never a token: each write
//! holds the whole document, and a later strict write flushes the earlier
//! ones with it. Nothing here ever deletes the vault record.
//!
//! When another tab opens a newer schema, this connection closes itself at
//! once (so that tab is not blocked) and every later call fails as
//! [`StorageError::Upgraded`], which tells the person to reload; when the
//! browser deletes the storage while it is open, as
//! [`StorageError::ClosedByBrowser`].

mod error;
mod events;
mod open;
mod records;
mod schema;

pub use error::StorageError;
use events::Closed;
pub use events::Events;
use records::{as_text, parse_attempts, parse_vault};
pub use schema::SCHEMA_VERSION;

use idb::{Database, TransactionMode, TransactionResult};
use schema::{META_STORE, VAULT_STORE};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::future::IntoFuture;
use std::rc::Rc;
use vault::Attempts;
use wasm_bindgen::{JsCast, JsValue};

pub const DEFAULT_DB_NAME: &str = "softtoken";
const VAULT_KEY: &str = "vault";
const META_KEY: &str = "meta";

/// How a write waits for the disk (module docs: what each promises).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `durability: "strict"`: complete once flushed to disk.
    Strict,
    /// `durability: "relaxed"`: complete once the browser holds it; the
    /// flush may come later. Only for writes that rearrange the list.
    Relaxed,
}

impl Durability {
    fn as_option(self) -> &'static str {
        match self {
            Self::Strict => "strict",
            Self::Relaxed => "relaxed",
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
    /// The same connection, for transactions with options idb lacks.
    raw: web_sys::IdbDatabase,
    name: String,
    /// Why this connection closed under the app, once it has.
    closed: Rc<Cell<Option<Closed>>>,
}

impl Store {
    /// A storage error as the person should read it: after another tab's
    /// upgrade closed this connection, every failure is that.
    fn error(&self, error: idb::Error) -> StorageError {
        self.closed
            .get()
            .map_or_else(|| StorageError::from_idb(error), Closed::error)
    }

    /// A readwrite transaction on `stores` with `durability` (a browser
    /// that does not know the option ignores it and uses its default).
    fn durable_transaction(
        &self,
        stores: &[&str],
        durability: Durability,
    ) -> Result<web_sys::IdbTransaction, StorageError> {
        let names: js_sys::Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        // web-sys binds the options dictionary only behind its unstable
        // flag, so the call is made through JavaScript.
        let options = js_sys::Object::new();
        js_sys::Reflect::set(
            &options,
            &"durability".into(),
            &durability.as_option().into(),
        )
        .ok();
        let failed = |error: JsValue| {
            if let Some(closed) = self.closed.get() {
                closed.error()
            } else {
                StorageError::Failed(
                    error
                        .dyn_ref::<web_sys::DomException>()
                        .map_or_else(|| "no transaction".to_owned(), web_sys::DomException::name),
                )
            }
        };
        let transaction: js_sys::Function = js_sys::Reflect::get(&self.raw, &"transaction".into())
            .and_then(JsCast::dyn_into)
            .map_err(failed)?;
        transaction
            .call3(&self.raw, &names, &"readwrite".into(), &options)
            .and_then(JsCast::dyn_into)
            .map_err(failed)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    async fn get_text(&self, store: &str, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(|e| self.error(e))?;
        let object_store = tx.object_store(store).map_err(|e| self.error(e))?;
        let value = object_store
            .get(JsValue::from_str(key))
            .map_err(|e| self.error(e))?
            .await
            .map_err(|e| self.error(e))?;
        tx.await.map_err(|e| self.error(e))?;
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
            .map_err(|e| self.error(e))?;
        // Both requests become futures (callbacks attached) before either is
        // awaited: the second may be answered while the first is awaited.
        let request = |store: &str, key: &str| {
            tx.object_store(store)
                .and_then(|store| store.get(JsValue::from_str(key)))
                .map(IntoFuture::into_future)
                .map_err(|e| self.error(e))
        };
        let vault_request = request(VAULT_STORE, VAULT_KEY)?;
        let meta_request = request(META_STORE, META_KEY)?;
        let vault_value = vault_request.await.map_err(|e| self.error(e))?;
        let meta_value = meta_request.await.map_err(|e| self.error(e))?;
        tx.await.map_err(|e| self.error(e))?;
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
        self.write_vault_as(text, expected, Durability::Strict)
            .await
    }

    /// [`Store::write_vault`], waiting for the disk as `durability` says.
    ///
    /// # Errors
    /// As [`Store::write_vault`].
    pub async fn write_vault_as(
        &self,
        text: &str,
        expected: u64,
        durability: Durability,
    ) -> Result<u64, StorageError> {
        self.read_then_write(VAULT_STORE, VAULT_KEY, durability, |current| {
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
        durability: Durability,
        decide: impl FnOnce(Option<JsValue>) -> Result<(String, T), StorageError>,
    ) -> Result<T, StorageError> {
        let raw_tx = self.durable_transaction(&[store], durability)?;
        let tx = idb::Transaction::from(raw_tx.clone());
        let object_store = tx.object_store(store).map_err(|e| self.error(e))?;
        let key = JsValue::from_str(key);
        let current = object_store
            .get(key.clone())
            .map_err(|e| self.error(e))?
            .await
            .map_err(|e| self.error(e))?;
        let (text, outcome) = match decide(current) {
            Ok(decided) => decided,
            Err(error) => {
                tx.abort().map_err(|e| self.error(e))?.await.ok();
                return Err(error);
            }
        };
        object_store
            .put(&JsValue::from_str(&text), Some(&key))
            .map_err(|e| self.error(e))?
            .await
            .map_err(|e| self.error(e))?;
        match tx
            .commit()
            .map_err(|e| self.error(e))?
            .await
            .map_err(|e| self.error(e))?
        {
            TransactionResult::Committed => Ok(outcome),
            // The browser aborts a transaction that does not fit the
            // origin's quota when it commits, not when the value is put.
            TransactionResult::Aborted => Err(match (raw_tx.error(), self.closed.get()) {
                (Some(error), _) if error.name() == "QuotaExceededError" => StorageError::Quota,
                (_, Some(closed)) => closed.error(),
                (Some(error), None) => StorageError::Failed(error.name()),
                (None, None) => StorageError::Failed("the write was aborted".into()),
            }),
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
        self.read_then_write(META_STORE, META_KEY, Durability::Strict, |current| {
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
        self.read_then_write(META_STORE, META_KEY, Durability::Strict, |_| Ok((json, ())))
            .await
    }

    pub fn close(&self) {
        self.db.close();
    }
}

impl Drop for Store {
    /// The connection goes with its last user (an unmounted app): left
    /// open, it would hold up another tab's upgrade, and this one's
    /// version-change handler is gone with it.
    fn drop(&mut self) {
        self.raw.close();
    }
}
