//! Persistent storage: the app asks the browser not to evict its data
//! (`navigator.storage.persist()`). Chromium answers at once; Firefox shows
//! a prompt and answers only when the person does, so no caller may make
//! anything else wait on [`request`]. A browser may also have no
//! `persist()` (or no `navigator.storage` at all): then nothing is asked,
//! and the status says so rather than offering a request that cannot work.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersistStatus {
    Persistent,
    /// Not persistent; `can_ask` says whether this browser lets a site ask.
    BestEffort {
        can_ask: bool,
    },
    Unknown,
}

impl PersistStatus {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Persistent => "persistent (the browser will not clear it to free space)",
            Self::BestEffort { can_ask: true } => {
                "not persistent (the browser may clear it when space runs low; keep a backup)"
            }
            Self::BestEffort { can_ask: false } => {
                "not persistent, and this browser does not let a site ask to keep it (it may clear it when space runs low; keep a backup)"
            }
            Self::Unknown => "this browser does not say whether it is persistent",
        }
    }

    /// Whether "Keep my tokens when space runs low" can do anything.
    pub fn can_ask(self) -> bool {
        self == Self::BestEffort { can_ask: true }
    }
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing in old engines and insecure contexts,
    // though web-sys types it as always there.
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    (!storage.is_undefined() && !storage.is_null()).then(|| navigator.storage())
}

/// Whether this browser has the method `name` on its storage manager.
fn has_method(manager: &web_sys::StorageManager, name: &str) -> bool {
    js_sys::Reflect::get(manager, &JsValue::from_str(name)).is_ok_and(|method| method.is_function())
}

/// Whether storage is persistent now.
pub async fn status() -> PersistStatus {
    let Some(manager) = manager() else {
        return PersistStatus::Unknown;
    };
    let can_ask = has_method(&manager, "persist");
    if !has_method(&manager, "persisted") {
        return PersistStatus::Unknown;
    }
    let Ok(promise) = manager.persisted() else {
        return PersistStatus::Unknown;
    };
    match JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) {
        Some(true) => PersistStatus::Persistent,
        Some(false) => PersistStatus::BestEffort { can_ask },
        None => PersistStatus::Unknown,
    }
}

/// Asks for persistence; the browser may grant it silently or not at all.
/// Without `persist()`, nothing is asked and the status is read instead.
pub async fn request() -> PersistStatus {
    let Some(manager) = manager().filter(|m| has_method(m, "persist")) else {
        return status().await;
    };
    let Ok(promise) = manager.persist() else {
        return status().await;
    };
    match JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) {
        Some(true) => PersistStatus::Persistent,
        Some(false) => PersistStatus::BestEffort { can_ask: true },
        None => PersistStatus::Unknown,
    }
}
