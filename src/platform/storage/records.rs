//! The stored records as text, and the database listing web-sys lacks.

use super::{StorageError, StoredVault};
use vault::Attempts;
use wasm_bindgen::{JsCast, JsValue};

/// `indexedDB.databases()`, which web-sys does not bind; `None` where the
/// browser lacks it (Firefox before 126).
pub(super) fn list_databases(factory: &web_sys::IdbFactory) -> Option<js_sys::Promise> {
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
pub(super) fn as_text(value: Option<JsValue>) -> Result<Option<String>, StorageError> {
    match value {
        None => Ok(None),
        Some(value) => value.as_string().map(Some).ok_or(StorageError::Damaged),
    }
}

pub(super) fn parse_vault(
    text: Result<Option<String>, StorageError>,
) -> Result<Option<StoredVault>, StorageError> {
    match text? {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| StorageError::Damaged),
    }
}

pub(super) fn parse_attempts(
    text: Result<Option<String>, StorageError>,
) -> Result<Attempts, StorageError> {
    match text? {
        None => Ok(Attempts::default()),
        Some(text) => serde_json::from_str(&text).map_err(|_| StorageError::Damaged),
    }
}
