//! Opening the database: the open request, its upgrade (the steps of
//! `schema.rs`, all in one upgrade transaction) and the handlers that
//! close this connection when another tab upgrades or the browser takes
//! the storage away.

use super::events::Closed;
use super::records::list_databases;
use super::schema::{self, SCHEMA_VERSION};
use super::{Events, StorageError, Store};
use idb::{Database, DatabaseEvent, Factory};
use std::cell::Cell;
use std::future::IntoFuture;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

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
    /// [`StorageError::NewerVersion`] when a newer build upgraded it.
    pub fn open(name: &str) -> impl Future<Output = Result<Self, StorageError>> + 'static {
        Self::open_with(name, Events::default())
    }

    /// As [`Store::open`], telling `events` what happens on the way and
    /// after.
    pub fn open_with(
        name: &str,
        events: Events,
    ) -> impl Future<Output = Result<Self, StorageError>> + 'static {
        let name = name.to_owned();
        let Events {
            on_created,
            on_blocked,
            on_closed,
        } = events;
        // Into a future now, so the success callback is attached before the
        // browser can answer (it would be missed if attached at first poll).
        let request =
            Self::request_open(&name, on_created, on_blocked).map(IntoFuture::into_future);
        async move {
            let db = request?.await.map_err(|error| {
                if error.to_string().contains("VersionError") {
                    StorageError::NewerVersion
                } else {
                    StorageError::Unavailable
                }
            })?;
            let raw = web_sys::IdbDatabase::from(db);
            let mut db = Database::from(raw.clone());
            let closed = Rc::new(Cell::new(None));
            let on_closed: Rc<dyn Fn(StorageError)> =
                on_closed.map_or_else(|| Rc::new(|_| {}) as Rc<dyn Fn(StorageError)>, Rc::from);
            let (upgraded, connection, tell) = (closed.clone(), raw.clone(), on_closed.clone());
            db.on_version_change(move |_| {
                // Close at once, so the newer tab is not kept waiting; the
                // person is told to reload (the data is the newer tab's now).
                upgraded.set(Some(Closed::Upgraded));
                connection.close();
                tell(StorageError::Upgraded);
            });
            let deleted = closed.clone();
            db.on_close(move |_| {
                // Fired only when the browser closes the connection itself.
                deleted.set(Some(Closed::ClosedByBrowser));
                on_closed(StorageError::ClosedByBrowser);
            });
            Ok(Self {
                db,
                raw,
                name,
                closed,
            })
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
        on_created: Option<Box<dyn FnOnce()>>,
        on_blocked: Option<Box<dyn FnOnce()>>,
    ) -> Result<idb::request::OpenDatabaseRequest, StorageError> {
        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        let mut request = factory
            .open(name, Some(SCHEMA_VERSION))
            .map_err(|_| StorageError::Unavailable)?;
        request.on_upgrade_needed(move |event| {
            let old_version = event.old_version().unwrap_or(0);
            let Ok(db) = event.database() else { return };
            if schema::upgrade(&db, old_version).is_err() {
                // Closing during the upgrade aborts its transaction: no
                // step lands, and the open fails as Unavailable.
                db.close();
                return;
            }
            if old_version == 0
                && let Some(on_created) = on_created
            {
                on_created();
            }
        });
        if let Some(on_blocked) = on_blocked {
            request.on_blocked(move |_| on_blocked());
        }
        Ok(request)
    }
}
