//! A mark, outside the storage it describes, that this browser once held
//! a vault: a first-party cookie `softtoken-vault-<database>` holding the
//! vault's id and the last revision written. It holds no secret (the id
//! is random and opens nothing; the revision is a count).
//!
//! A browser that evicts the origin's storage under pressure clears
//! IndexedDB, the Cache and localStorage together, but not its cookies:
//! finding the mark and no vault means the tokens were deleted by the
//! browser, not that this is a first visit. Clearing all site data on
//! purpose clears the mark too, and then the app cannot tell (and does not
//! pretend to).

use wasm_bindgen::JsValue;

/// Cookies live at most 400 days in Chromium; each write renews it.
const MAX_AGE_SECONDS: u32 = 400 * 24 * 60 * 60;

fn cookie_name(db_name: &str) -> String {
    format!("softtoken-vault-{db_name}")
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn set_cookie(value: &str) {
    if let Some(document) = document() {
        js_sys::Reflect::set(&document, &"cookie".into(), &JsValue::from_str(value)).ok();
    }
}

/// Remembers that the vault `vault_id` is stored here, at `revision`.
pub fn remember(db_name: &str, vault_id: &str, revision: u64) {
    let secure = web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|protocol| protocol == "https:");
    set_cookie(&format!(
        "{}={vault_id}.{revision}; Max-Age={MAX_AGE_SECONDS}; Path=/; SameSite=Strict{}",
        cookie_name(db_name),
        if secure { "; Secure" } else { "" }
    ));
}

/// The last revision remembered for `db_name`, if this browser held a
/// vault there.
pub fn recall(db_name: &str) -> Option<u64> {
    let document: JsValue = document()?.into();
    let cookies = js_sys::Reflect::get(&document, &"cookie".into())
        .ok()?
        .as_string()?;
    let prefix = format!("{}=", cookie_name(db_name));
    let value = cookies
        .split("; ")
        .find_map(|cookie| cookie.strip_prefix(&prefix))?;
    value.rsplit_once('.')?.1.parse().ok()
}
