//! The thin storage layer: IndexedDB database `softtoken` (the name is
//! configurable so each test has its own), schema version 1.
//!
//! - store `vault`, key `"vault"`: `{"revision": n, "text": "<sealed vault>"}`
//!   as JSON text;
//! - store `meta`, key `"meta"`: the unencrypted PIN-attempt record.
//!
//! Every change is one readwrite transaction that checks the revision it
//! started from and writes revision + 1, so a write that lost a race with
//! another tab fails as [`StorageError::Conflict`] and overwrites nothing.
//! Nothing here ever deletes the vault record.

use idb::{
    Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult,
};
use serde::{Deserialize, Serialize};
use vault::Attempts;
use wasm_bindgen::JsValue;

pub const DEFAULT_DB_NAME: &str = "softtoken";
pub const SCHEMA_VERSION: u32 = 1;
const VAULT_STORE: &str = "vault";
const META_STORE: &str = "meta";
const VAULT_KEY: &str = "vault";
const META_KEY: &str = "meta";

/// What can go wrong with storage, each with the sentence the user sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    Unavailable,
    Blocked,
    Quota,
    Conflict,
    Damaged,
    Failed(String),
}

impl StorageError {
    pub fn message(&self) -> String {
        match self {
            Self::Unavailable => "This browser does not let Soft Token store data here (a private window can do this). Open Soft Token in a normal window.".into(),
            Self::Blocked => "Another Soft Token tab is using an older version of its storage. Close the other tabs, then reload this one.".into(),
            Self::Quota => "The device is out of storage space, so the change was not saved. Free some space and try again; your tokens are unchanged.".into(),
            Self::Conflict => "Another tab changed your tokens at the same moment. The latest version was loaded; try again if your change is missing.".into(),
            Self::Damaged => "The stored data could not be read. It was left as it is; nothing was deleted.".into(),
            Self::Failed(detail) => format!("Storage failed ({detail}). Nothing was changed; try again."),
        }
    }

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
    /// # Errors
    /// [`StorageError::Unavailable`] where IndexedDB is missing or refused,
    /// [`StorageError::Blocked`] when another tab holds an older version open.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        let mut request = factory
            .open(name, Some(SCHEMA_VERSION))
            .map_err(|_| StorageError::Unavailable)?;
        request.on_upgrade_needed(|event| {
            // Version 0 -> 1 creates both stores; later versions add steps here.
            let Ok(db) = event.database() else { return };
            let names = db.store_names();
            for store in [VAULT_STORE, META_STORE] {
                if !names.iter().any(|n| n == store) {
                    db.create_object_store(store, ObjectStoreParams::new()).ok();
                }
            }
        });
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = blocked.clone();
        request.on_blocked(move |_| flag.set(true));
        match request.await {
            Ok(db) => Ok(Self {
                db,
                name: name.to_owned(),
            }),
            Err(_) if blocked.get() => Err(StorageError::Blocked),
            Err(_) => Err(StorageError::Unavailable),
        }
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
        match value {
            None => Ok(None),
            Some(value) => value.as_string().map(Some).ok_or(StorageError::Damaged),
        }
    }

    /// The vault record, if there is one.
    ///
    /// # Errors
    /// [`StorageError::Damaged`] when the record is not what this version
    /// writes; it is left untouched.
    pub async fn read_vault(&self) -> Result<Option<StoredVault>, StorageError> {
        match self.get_text(VAULT_STORE, VAULT_KEY).await? {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|_| StorageError::Damaged),
        }
    }

    /// Writes a new vault text if the stored revision is still `expected`
    /// (0: no record yet). Returns the new revision.
    ///
    /// # Errors
    /// [`StorageError::Conflict`] when another writer came first;
    /// [`StorageError::Quota`] when the disk is full. Either way the stored
    /// record is unchanged.
    pub async fn write_vault(&self, text: &str, expected: u64) -> Result<u64, StorageError> {
        let tx = self
            .db
            .transaction(&[VAULT_STORE], TransactionMode::ReadWrite)
            .map_err(StorageError::from_idb)?;
        let store = tx
            .object_store(VAULT_STORE)
            .map_err(StorageError::from_idb)?;
        let key = JsValue::from_str(VAULT_KEY);
        let current = store
            .get(key.clone())
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        let current_revision = match current.and_then(|v| v.as_string()) {
            None => 0,
            Some(text) => serde_json::from_str::<StoredVault>(&text)
                .map(|r| r.revision)
                .unwrap_or(u64::MAX),
        };
        if current_revision != expected {
            tx.abort().map_err(StorageError::from_idb)?.await.ok();
            return Err(if current_revision == u64::MAX {
                StorageError::Damaged
            } else {
                StorageError::Conflict
            });
        }
        let record = StoredVault {
            revision: expected + 1,
            text: text.to_owned(),
        };
        let json =
            serde_json::to_string(&record).map_err(|e| StorageError::Failed(e.to_string()))?;
        store
            .put(&JsValue::from_str(&json), Some(&key))
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        match tx
            .commit()
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?
        {
            TransactionResult::Committed => Ok(record.revision),
            TransactionResult::Aborted => Err(StorageError::Failed("the write was aborted".into())),
        }
    }

    /// The PIN-attempt record (default when none is stored).
    ///
    /// # Errors
    /// As [`Store::read_vault`].
    pub async fn read_attempts(&self) -> Result<Attempts, StorageError> {
        match self.get_text(META_STORE, META_KEY).await? {
            None => Ok(Attempts::default()),
            Some(text) => serde_json::from_str(&text).map_err(|_| StorageError::Damaged),
        }
    }

    /// # Errors
    /// As [`Store::write_vault`], without the revision check.
    pub async fn write_attempts(&self, attempts: &Attempts) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[META_STORE], TransactionMode::ReadWrite)
            .map_err(StorageError::from_idb)?;
        let store = tx
            .object_store(META_STORE)
            .map_err(StorageError::from_idb)?;
        let json =
            serde_json::to_string(attempts).map_err(|e| StorageError::Failed(e.to_string()))?;
        store
            .put(
                &JsValue::from_str(&json),
                Some(&JsValue::from_str(META_KEY)),
            )
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        tx.commit()
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        Ok(())
    }

    pub fn close(&self) {
        self.db.close();
    }
}
