//! Fetches the icon pack's index (`icon-index.txt`, docs/icon-pack.md)
//! from the app's own origin; the service worker answers it from its cache
//! offline. Sends nothing but the request.
//!
//! `None` when it cannot be had (offline before the worker cached it, a
//! server without it): the cards then show letters, which is no error.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The index's path at the site root, whatever the screen's path.
const INDEX: &str = "/icon-index.txt";

pub async fn fetch_icon_index() -> Option<String> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(INDEX))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}
