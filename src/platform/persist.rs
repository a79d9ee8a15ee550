//! Persistent storage: the app asks the browser not to evict its data
//! (`navigator.storage.persist()`). Chromium answers at once; Firefox shows
//! a prompt and answers only when the person does, so no caller may make
//! anything else wait on [`request`].

use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersistStatus {
    Persistent,
    BestEffort,
    Unknown,
}

impl PersistStatus {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Persistent => "persistent (the browser will not clear it to free space)",
            Self::BestEffort => {
                "not persistent (the browser may clear it when space runs low; keep a backup)"
            }
            Self::Unknown => "this browser does not say whether it is persistent",
        }
    }
}

fn manager() -> Option<web_sys::StorageManager> {
    web_sys::window().map(|w| w.navigator().storage())
}

/// Whether storage is persistent now.
pub async fn status() -> PersistStatus {
    let Some(promise) = manager().and_then(|m| m.persisted().ok()) else {
        return PersistStatus::Unknown;
    };
    match JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) {
        Some(true) => PersistStatus::Persistent,
        Some(false) => PersistStatus::BestEffort,
        None => PersistStatus::Unknown,
    }
}

/// Asks for persistence; the browser may grant it silently or not at all.
pub async fn request() -> PersistStatus {
    let Some(promise) = manager().and_then(|m| m.persist().ok()) else {
        return PersistStatus::Unknown;
    };
    match JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) {
        Some(true) => PersistStatus::Persistent,
        Some(false) => PersistStatus::BestEffort,
        None => PersistStatus::Unknown,
    }
}
